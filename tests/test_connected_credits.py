"""Credits joined to their pictures on web pages (issue 9, "credit-not-connected")."""

from __future__ import annotations

import datetime as dt

from creditcheck.model import AttributionKind

from .helpers import findings, scan_text

DAY = dt.date(2024, 5, 3)
HEAD = "<!doctype html><html><head><meta name='date' content='2024-05-03'></head><body><article>\n"
TAIL = "\n</article></body></html>\n"


def page(body: str) -> str:
    return HEAD + body + TAIL


def at(html: str, line: int, needle: str) -> int:
    """The column where ``needle`` starts on ``line`` of the fixture (1-based)."""
    return html.splitlines()[line - 1].index(needle) + 1


def credits(html: str) -> list[tuple[str, int, int, int | None, list[tuple[str, str]]]]:
    result = scan_text(html, "html", DAY)
    return [
        (a.text, a.span.line, a.span.column, a.image, [(n.text, n.role.value) for n in a.names])
        for a in result.attributions
        if a.kind is AttributionKind.PHOTO_CREDIT
    ]


def test_a_credit_split_over_two_elements_is_one_credit() -> None:
    html = page(
        "<figure><img src='a.jpg'><figcaption><span class=caption>Smoke over Poonch.</span> "
        "<span class=credit>Photo by Punit Paranjpe</span> /<span class=distributor>AFP via Getty Images"
        "</span></figcaption></figure>\n"
        "<figure><img src='b.jpg'><figcaption><span class=credit>Photo by ipopba</span> /"
        "<span class=distributor>Getty Images/iStockphoto</span></figcaption></figure>"
    )
    assert [c[:4] for c in credits(html)] == [
        ("Punit Paranjpe /AFP via Getty Images", 2, at(html, 2, "Punit"), 0),
        ("ipopba /Getty Images/iStockphoto", 3, at(html, 3, "ipopba"), 1),
    ]
    # Before: "AFP via Getty Images" alone, a missing-photographer. Now the first is AFP's form;
    # the second names a Getty collection (iStockphoto), in another order than Getty's form.
    assert findings(scan_text(html, "html", DAY)) == [
        ("credit-format", 3, at(html, 3, "ipopba"), "ipopba/iStockphoto via Getty Images")
    ]


def test_an_empty_photographer_slot_is_still_missing() -> None:
    html = page(
        "<figure><img src='a.jpg'><figcaption><span class=credit>Photo by -</span> /"
        "<span class=distributor>AFP via Getty Images</span></figcaption></figure>"
    )
    assert [c[0] for c in credits(html)] == ["AFP via Getty Images"]
    assert [f[0] for f in findings(scan_text(html, "html", DAY))] == ["missing-photographer"]


def test_the_caption_after_the_pictures_box_is_its_caption() -> None:
    html = page(
        "<div class='pull-right'><div><a class='lightbox' href='big.gif'><img src='a.gif'></a></div>\n"
        "<div class='caption'><div class='credit'>Mashable</div>"
        "<div class='caption-text'>Sea level rise in Boston.</div></div></div>\n"
        "<table><tr><td><img src='b.jpg' alt='Zombies'></td></tr>\n"
        "<tr><td>The zombies in the 1968 film.<br><span>Credit: Public Domain</span></td></tr></table>\n"
        "<div class='position-relative'><picture><source srcset='c.webp'><img src='c.jpg'></picture>"
        "<span class='teaser-copyright'>© Chris - stock.adobe.com</span></div>"
    )
    assert [c[:4] for c in credits(html)] == [
        ("Mashable", 3, at(html, 3, "Mashable"), 0),
        ("Public Domain", 5, at(html, 5, "Public"), 1),
        ("Chris - stock.adobe.com", 6, at(html, 6, "Chris"), 2),
    ]
    assert [f for f in findings(scan_text(html, "html", DAY)) if f[0] == "missing-credit"] == []


def test_a_caption_and_its_credit_after_a_picture() -> None:
    html = page(
        "<div><picture><img src='a.jpg'></picture><div class='sc-hz'>Chelsea beat Tottenham</div>"
        "<div class='sc-fh'>Getty Images</div></div>"
    )
    assert [c[:4] for c in credits(html)] == [("Getty Images", 2, at(html, 2, "Getty"), 0)]


def test_what_follows_a_picture_is_read_as_text_not_as_a_credit_element() -> None:
    # The story's next paragraph, or a row of data, is not the picture's credit.
    html = page(
        "<p><img src='a.jpg'></p><p>Dies ist ein Test / Beispiel.</p>\n"
        "<table><tr><td class='image up'><img src='arrow.png'></td>"
        "<td><a class='qs-source-1' href='/dji'>DOW</a></td></tr></table>"
    )
    assert credits(html) == []


def test_picture_parts_named_by_class_in_a_figure() -> None:
    html = page(
        "<figure><img src='a.jpg'><p class='copyright'>© PR</p></figure>\n"
        "<figure><img src='b.jpg'><div class='cutline-byline'><span class='cutline-text'>"
        "JOH reacts.</span> <span class='byline-image'>(Foto: Captura de pantalla)</span></div></figure>\n"
        "<div class='img220'><a class='fancybox' href='x.jpg'><img src='c.jpg'></a>"
        "<p class='img-text'>The editor on the vote. <cite>Archivfoto: Jane Doe</cite></p></div>"
    )
    assert credits(html) == [
        ("PR", 2, at(html, 2, "PR"), 0, [("PR", "role")]),
        ("Captura de pantalla", 3, at(html, 3, "Captura"), 1, [("Captura de pantalla", "role")]),
        ("Jane Doe", 4, at(html, 4, "Jane"), 2, [("Jane Doe", "person")]),
    ]
    assert [f for f in findings(scan_text(html, "html", DAY)) if f[0] == "missing-credit"] == []


def test_a_byline_is_a_writers_outside_pictures() -> None:
    html = page(
        "<p class='byline'>By Jane Doe, Associated Press</p>\n"
        "<div class='comp mntl-attribution__item'><div class='author'>Learn about our editorial policies"
        "</div></div>\n"
        "<div class='image-author-license-fields'><span class='licensed-file'><img src='a.jpg'></span>"
        "<span class='image-description'>A long description of the picture that says what it shows "
        "and where it was taken, well beyond a credit.</span></div>"
    )
    assert credits(html) == []


def test_visually_hidden_labels_are_no_part_of_the_caption() -> None:
    html = page(
        "<figure><img src='a.jpg'><figcaption><span class='visually-hidden'>Image</span>"
        "Trucks at the border. <span class='sr-only'>Credit</span><span class='credit'>Jane Doe/Reuters"
        "</span></figcaption></figure>\n"
        "<figure><img src='b.jpg'><figcaption>Doctors at work. <span class='css-1u46'>Credit…</span>"
        "<span>Doug Mills/The New York Times</span></figcaption></figure>"
    )
    result = scan_text(html, "html", DAY)
    blocks = [a.text for a in result.attributions]
    assert blocks == ["Jane Doe/Reuters", "Doug Mills/The New York Times"]


def test_a_repeated_short_form_of_the_pictures_credit() -> None:
    # Euronews: the caption ends in the full credit, a credit element repeats its agency.
    html = page(
        "<figure><img src='a.jpg'><figcaption><span class='caption-text'>The El Palito refinery. "
        "(AP Photo/Matias Delacroix)</span> <span class='caption-credit'>AP Photo</span></figcaption>"
        "</figure>"
    )
    assert [c[0] for c in credits(html)] == ["AP Photo/Matias Delacroix"]
    assert [f[0] for f in findings(scan_text(html, "html", DAY))] == []


def test_a_teasers_picture_credit_is_another_storys() -> None:
    html = page(
        "<div class='card'><a href='/other-story/'><img src='t.jpg'></a>"
        "<div class='pictsrc'>dpa/Hannes P Albert</div><h3><a href='/other-story/'>Gallery Weekend</a></h3>"
        "</div>\n"
        "<div id='slideshow'><a href='/news/picture/story?slide=1'><img src='s.jpg'></a>"
        "<div class='caption'><p>Rescuers in Jakarta.</p>"
        "<p class='credit'>Credit: Reuters/Darren Whiteside</p></div></div>"
    )
    # The card with its headline is another story's teaser; the slideshow's picture is this one's.
    assert [c[0] for c in credits(html)] == ["Reuters/Darren Whiteside"]


def test_a_figure_of_nothing_but_its_picture_takes_the_caption_after_it() -> None:
    html = page(
        "<figure><img src='a.jpg' alt='Johnson'><div class='toolbar'><button>Fullscreen</button></div>"
        "</figure>\n<div class='text-content'><div class='caption'><p>Defeat for Johnson.</p></div>"
        "<div class='single-image-origin'><div class='a-text-block-credit'>AFP</div></div></div>"
    )
    assert [c[:4] for c in credits(html)] == [("AFP", 3, at(html, 3, "AFP"), 0)]
    assert [f for f in findings(scan_text(html, "html", DAY)) if f[0] == "missing-credit"] == []


def test_a_quotes_figcaption_names_its_speaker_not_a_source() -> None:
    html = page(
        "<figure><blockquote><p>Using this search box does not mean AI answers only.</p><figcaption>"
        "<cite>Google</cite></figcaption></blockquote></figure>"
    )
    assert credits(html) == []


def test_a_credit_element_inside_an_inline_box() -> None:
    html = page(
        "<div><span class='licensed-file'><img src='a.jpg'><div class='license-info'>"
        "<span class='author-name'><a class='license-author' href='https://commons.example/x'>Lord Belbury"
        "</a></span></div></span><span class='image-description'>Clickbait sites lure readers.</span></div>"
    )
    assert [c[0] for c in credits(html)] == ["Lord Belbury"]


def test_the_same_credit_twice_on_one_picture_is_listed_once() -> None:
    html = page(
        "<figure><img src='a.jpg'><figcaption>Trump at a news conference. (AP Photo) "
        "<span class='caption-credit'>AP Photo</span></figcaption></figure>"
    )
    assert [c[0] for c in credits(html)] == ["AP Photo"]
    assert [f[0] for f in findings(scan_text(html, "html", DAY))] == ["missing-photographer"]


def test_controls_beside_a_picture_are_neither_caption_nor_content() -> None:
    html = page(
        "<div class='img'><a class='lightbox' href='big.jpg'><span>click to enlarge</span> "
        "<img src='a.jpg'></a>"
        "<div class='fdn-caption-block'><div class='fdn-image-credit'>Mezcal Mexican Bar</div>"
        "<div class='fdn-image-caption'>A seafood tower.</div></div></div>\n"
        "<div><a href='full.jpg'><img src='b.jpg' alt='Drosten © picture alliance/dpa Foto: Jo Roe'></a>"
        "<div class='zoomtt'>Bild vergrößern</div></div>"
    )
    # The credit after the enlarge link is the first picture's; the second's alt text holds its
    # credit, and "Bild vergrößern" after it is no caption.
    assert [c[:4] for c in credits(html)] == [
        ("Mezcal Mexican Bar", 2, at(html, 2, "Mezcal"), 0),
        ("picture alliance/dpa Foto: Jo Roe", 3, at(html, 3, "picture"), 1),
    ]


def test_a_korean_caption_ends_in_its_photo_source() -> None:
    # "[사진 출처 = …]" (photo source), "[사진제공=…]" (photo provided by), "[출처: …]" (source).
    html = page(
        "<figure><img src='a.png'><figcaption>졸업식에서 기념 촬영을 하는 당선인. "
        "[사진 출처 = 더불어민주당 캠프]</figcaption></figure>\n"
        "<figure><img src='b.png'><figcaption>강연을 하는 당선인 [사진제공=홍길동]</figcaption></figure>\n"
        "<figure><img src='c.png'><figcaption>강연 [출처: 국회사진기자단]</figcaption></figure>"
    )
    assert [(c[0], c[1], c[3], c[4]) for c in credits(html)] == [
        ("더불어민주당 캠프", 2, 0, [("더불어민주당 캠프", "organisation")]),
        ("홍길동", 3, 1, [("홍길동", "person")]),
        ("국회사진기자단", 4, 2, [("국회사진기자단", "organisation")]),
    ]
    assert findings(scan_text(html, "html", DAY)) == [
        ("unknown-source", 2, at(html, 2, "더불어민주당"), None),
        ("unknown-source", 4, at(html, 4, "국회사진기자단"), None),
    ]


def test_a_picture_linking_to_its_lightbox_page_keeps_the_credit_after_it() -> None:
    # The link opens the picture enlarged ("…/lightboxBildernew/415206"): not another story.
    html = page(
        "<div class='box'><div class='head'><span>14. Februar 2012</span></div>"
        "<div id='contentImagesContainer'>\n"
        "<a href='/content/view/lightboxBildernew/415206/bild' class='SportInBild'>"
        "<img alt='' src='/images/berlusconi.jpg'></a>\n"
        "<span>&copy; 2012 APA/AP</span></div><p>Rom. Der frühere Regierungschef ist zurück.</p></div>"
    )
    assert credits(html) == [
        ("APA/AP", 4, at(html, 4, "APA"), 0, [("APA", "organisation"), ("AP", "organisation")])
    ]


def test_a_chinese_caption_ends_in_the_photographer_and_shot() -> None:
    # "NAME 摄" ("shot by NAME") in the centred paragraph after a picture, or in its caption.
    html = page(
        "<p class='p_image'><img src='a.jpg'></p>\n"
        "<p style='text-align: center;'><span>安化县一块花生地里正录制视频 李尕 摄</span></p>\n"
        "<figure><img src='b.jpg'><figcaption>图为游客游览（新华社记者 王鹏 摄）</figcaption></figure>\n"
        "<p>他去年开始学习摄影。</p>"
    )
    assert credits(html) == [
        ("李尕", 3, at(html, 3, "李尕"), 0, [("李尕", "person")]),
        ("王鹏", 4, at(html, 4, "王鹏"), 1, [("王鹏", "person")]),
    ]
    assert [f for f in findings(scan_text(html, "html", DAY)) if f[0] == "missing-credit"] == []


def test_a_zoom_button_between_a_picture_and_its_caption_is_a_control() -> None:
    # "<a class=loupe href=big.jpg><img src=lightbox_lupe.png></a>" after the picture: a control.
    html = page(
        "<p class='picture'><span class='wrapper'><img src='/bilder/cover.jpg' alt='Cover'>"
        "<a class='loupe' href='/bilder/cover.jpg?__blob=panorama'><img src='/lightbox_lupe.png'>"
        "</a></span><span class='caption'>Quelle:&nbsp;<cite>THW</cite></span></p>"
    )
    assert [c[:4] for c in credits(html)] == [("THW", 2, at(html, 2, "THW"), 0)]
