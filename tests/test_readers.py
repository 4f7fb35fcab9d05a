"""Readers: blocks keep exact positions; dates, sources and images come from the right places."""

from __future__ import annotations

import datetime as dt

from creditcheck.model import Span
from creditcheck.readers import read_document
from tests.helpers import findings, scan_text

TODAY = dt.date(2026, 11, 27)


def doc(text: str, fmt: str, published: dt.date | None = None):  # type: ignore[no-untyped-def]
    return read_document(f"a.{fmt}", text, fmt, published, TODAY)


def inventory(text: str, fmt: str) -> list[tuple[str, int, int, int, int]]:
    result = scan_text(text, fmt)
    return [
        (a.text, a.span.line, a.span.column, a.span.end_line, a.span.end_column) for a in result.attributions
    ]


# --- publication date -------------------------------------------------------------------------


def test_dateline_is_a_line_holding_only_a_date_not_a_date_in_a_caption() -> None:
    text = "Headline\n\nLeaders met on June 30, 2019, in Panmunjom. (X/AP)\nJanuary 14, 2020\n\nBody.\n"
    d = doc(text, "text")
    assert (d.published, d.published_from) == (dt.date(2020, 1, 14), "dateline")


def test_flag_beats_metadata_beats_dateline_beats_today() -> None:
    md = "---\ndate: 2021-05-06\n---\nJanuary 14, 2020\n"
    assert doc(md, "markdown", dt.date(2022, 1, 1)).published_from == "flag"
    assert (doc(md, "markdown").published, doc(md, "markdown").published_from) == (
        dt.date(2021, 5, 6),
        "metadata",
    )
    assert (doc("No date here.\n", "text").published, doc("No date here.\n", "text").published_from) == (
        TODAY,
        "today",
    )


def test_html_date_from_meta_then_time_element() -> None:
    meta = '<html><head><meta property="article:published_time" content="2020-01-14T09:30:00Z"></head></html>'
    assert doc(meta, "html").published == dt.date(2020, 1, 14)
    time_el = (
        '<html><body><article><time datetime="2021-02-03" pubdate>Feb 3</time>'
        "<p>x</p></article></body></html>"
    )
    assert (doc(time_el, "html").published, doc(time_el, "html").published_from) == (
        dt.date(2021, 2, 3),
        "markup",
    )


# --- positions -----------------------------------------------------------------------------------


def test_text_positions_are_exact() -> None:
    text = "Caption here. (Jane Doe/Getty Images)\n\n  © 2021 The Japan Times\n"
    assert inventory(text, "text") == [
        ("Jane Doe/Getty Images", 1, 16, 1, 37),
        ("© 2021 The Japan Times", 3, 3, 3, 25),
    ]


def test_markdown_front_matter_values_keep_their_columns() -> None:
    text = (
        '---\ndate: 2021-03-01\ncredit: "Jane Doe/Getty Images"\n'
        "copyright: © 2021 The Japan Times\n---\nBody.\n"
    )
    assert inventory(text, "markdown") == [
        ("Jane Doe/Getty Images", 3, 10, 3, 31),
        ("© 2021 The Japan Times", 4, 12, 4, 34),
    ]


def test_html_positions_survive_entities_tags_and_line_breaks() -> None:
    text = (
        "<html><body><article>\n"
        "<figure><img src='a.jpg' width='800'>\n"
        "<figcaption>Leaders&nbsp;meet <em>in</em>\n"
        '   Seoul. <span class="photo-credit">Jane Doe/Getty&#32;Images</span></figcaption></figure>\n'
        '<p class="copyright">&copy; 2021 The Japan Times</p>\n'
        "</article></body></html>\n"
    )
    assert inventory(text, "html") == [
        ("Jane Doe/Getty Images", 4, 38, 4, 63),
        ("© 2021 The Japan Times", 5, 22, 5, 49),
    ]


def test_html_same_text_twice_on_one_line_gets_two_positions() -> None:
    cell = (
        '<figure><img src="{0}.jpg" width="600">'
        '<figcaption class="credit">AP Photo/Jane Doe</figcaption></figure>'
    )
    text = "<html><body><article>" + cell.format("a") + cell.format("b") + "</article></body></html>"
    cols = [c for _, _, c, _, _ in inventory(text, "html")]
    assert len(cols) == 2 and cols[0] < cols[1]
    assert text[cols[1] - 1 :].startswith("AP Photo/Jane Doe")


# --- images and page chrome --------------------------------------------------------------------


def test_html_figure_without_credit_and_decorative_images() -> None:
    text = (
        "<html><head><meta name='date' content='2021-03-01'></head><body><article>\n"
        "<img src='logo.png' class='site-logo'>\n"
        "<img src='x.png' width='16' height='16'>\n"
        "<img src='spacer.gif' role='presentation'>\n"
        "<figure>\n  <img src='photo.jpg'>\n  <figcaption>Leaders meet.</figcaption>\n</figure>\n"
        "</article></body></html>\n"
    )
    assert findings(scan_text(text, "html")) == [("missing-credit", 6, 3, None)]


def test_html_bare_image_takes_the_caption_element_after_it() -> None:
    text = (
        "<html><head><meta name='date' content='2021-03-01'></head><body><article>\n"
        "<img src='photo.jpg'>\n<p class='caption'>Leaders meet. (AP Photo/Jane Doe)</p>\n"
        "</article></body></html>\n"
    )
    assert findings(scan_text(text, "html")) == []


def test_html_navigation_scripts_and_ads_are_not_content() -> None:
    text = (
        "<html><body><nav><p>Photo: Jane Doe/Reuters</p></nav>\n"
        "<script>var c = '(Jane Doe/Reuters)';</script>\n"
        "<div class='sponsored-links'><p>(Jane Doe/Reuters)</p></div>\n"
        "<article><p>Body text.</p></article></body></html>\n"
    )
    assert inventory(text, "html") == []


def test_html_article_body_is_content_even_with_a_share_widget_class() -> None:
    # A share widget's script adds its class to the story's own container (seen on a UK
    # newspaper's gallery page); the body's credits must still be read.
    text = (
        "<html><body><article>\n"
        "<div class='text-wrapper gigya-share-btns-2_gig_containerParent articleBody'>\n"
        "<ul class='legends'><li><p>United lose again.</p>\n<p class='credits'>GETTY IMAGES</p></li></ul>\n"
        "</div>\n<div class='share-buttons'><p class='credits'>Reuters</p></div>\n"
        "</article></body></html>\n"
    )
    assert inventory(text, "html") == [("GETTY IMAGES", 4, 20, 4, 32)]


def test_html_byline_elements_are_not_read_for_credits() -> None:
    text = (
        "<html><body><article>\n<p class='byline'>Jane Doe, Associated Press</p>\n"
        "<div class='article-author'>By Jane Doe/AFP</div>\n"
        "<figure><img src='a.jpg'><figcaption>Leaders meet.</figcaption></figure>\n"
        "<p>Jane Doe, Associated Press</p>\n</article></body></html>\n"
    )
    assert inventory(text, "html") == [("Jane Doe, Associated Press", 5, 4, 5, 30)]


def test_html_minified_page_places_each_picture_at_its_own_tag() -> None:
    # Everything on one line, as minified pages are; a teaser list inside a <span> too.
    text = (
        "<html><head><meta name='date' content='2021-03-01'></head><body><article>"
        "<p>Text.</p><img src='a.jpg'><p class='caption'>Leaders meet. (AP Photo/Jane Doe)</p>"
        "<img src='b.jpg'><p>Body.</p>"
        "<span><ul><li><a href='/other.html'><img src='t.jpg' alt='Teaser. (AP Photo/Jo Roe)'></a>"
        "</li></ul></span>"
        "</article></body></html>"
    )
    result = scan_text(text, "html")
    assert findings(result) == [("missing-credit", 1, 159, None)]
    assert text[158:].startswith("<img src='b.jpg'>")
    assert [(a.text, a.span.column) for a in result.attributions] == [("AP Photo/Jane Doe", 137)]


def test_html_custom_elements_and_page_wrappers_hold_the_story() -> None:
    text = (
        "<html><body><phoenix-page><div class='m-page-wrapper is-below-header-ad'>\n"
        "<article><figure><img src='a.jpg'><figcaption><p class='attribution'>"
        "Jane Doe/Chicago Tribune/TNS via Getty Images</p></figcaption></figure></article>\n"
        "<div class='header-ad'><p>(Jane Doe/Reuters)</p></div>\n"
        "</div></phoenix-page></body></html>\n"
    )
    assert [a[0] for a in inventory(text, "html")] == ["Jane Doe/Chicago Tribune/TNS via Getty Images"]


def test_html_menu_links_naming_agencies_are_navigation() -> None:
    text = (
        "<html><body><div id='drawer'><ul>\n<li><a href='/ap/'>Associated Press</a></li>\n"
        "<li><a href='/afp-jiji/'>AFP - Jiji</a></li>\n</ul></div>\n"
        "<article><ul><li>Jane Doe/Reuters</li><li>Reuters</li></ul></article></body></html>\n"
    )
    # A list item that is only a link is a menu entry; one of plain text is still read (a lone
    # agency name in running text, no picture's, is no credit).
    assert inventory(text, "html") == [("Jane Doe/Reuters", 5, 18, 5, 34)]


def test_html_caption_credit_in_a_span_set_apart_by_a_line_break_or_in_small() -> None:
    text = (
        "<html><body><article>\n"
        "<figure><img src='a.jpg'><figcaption><span>The Yomiuri Shimbun</span><br>Party leaders "
        "debate in Tokyo.</figcaption></figure>\n"
        "<figure><img src='b.jpg'><figcaption>Party leaders debate. <small>Jane Doe/AFP</small>"
        "</figcaption></figure>\n"
        "<figure><img src='c.jpg'><figcaption>Leaders meet in <span>Tokyo</span> on Monday."
        "</figcaption></figure>\n"
        "</article></body></html>\n"
    )
    d = doc(text, "html")
    assert [(b.kind, b.text, b.image) for b in d.blocks] == [
        ("credit", "The Yomiuri Shimbun", 0),
        ("caption", "Party leaders debate in Tokyo.", 0),
        ("caption", "Party leaders debate.", 1),
        ("credit", "Jane Doe/AFP", 1),
        ("caption", "Leaders meet in Tokyo on Monday.", 2),
    ]


def test_html_linked_pictures_and_lightbox_captions() -> None:
    text = (
        "<html><head><meta name='date' content='2021-03-01'></head><body><article>\n"
        "<a class='fresco' data-fresco-caption='Masks run low in Tokyo. | AP' href='big.jpg'>"
        "<img src='small.jpg' alt='Masks run low'></a>\n"
        "<a href='full.jpg'><img src='b.jpg' alt='Commuters in Tokyo. (AP Photo/Jane Doe)'></a>\n"
        "<a href='full2.jpg'><img src='c.jpg' alt='Commuters in Tokyo'></a>\n"
        "<a href='/other-story/'><img src='teaser.jpg'></a>\n"
        "<p><img src='/img/search.png' alt='search icon'> Click to enlarge</p>\n"
        "</article></body></html>\n"
    )
    result = scan_text(text, "html")
    assert [(a.text, a.span.line, a.span.column) for a in result.attributions] == [
        ("AP", 2, 66),
        ("AP Photo/Jane Doe", 3, 63),
    ]
    # The credits in the lightbox caption and the alt text count; the picture with neither
    # has none; the teaser thumbnail and the search icon are not the article's pictures.
    assert findings(result) == [
        ("credit-format", 2, 66, None),
        ("missing-credit", 4, 21, None),
    ]


def test_markdown_image_credit_from_next_line_or_front_matter() -> None:
    body = "---\ndate: 2021-03-01\n---\n![a](p.jpg)\nLeaders meet.\n"
    assert findings(scan_text(body, "markdown")) == [("missing-credit", 4, 1, None)]
    credited = body.replace("Leaders meet.", "Leaders meet. (AP Photo/Jane Doe)")
    assert findings(scan_text(credited, "markdown")) == []
    fm = "---\ndate: 2021-03-01\nimage:\n  src: p.jpg\n  credit: AP Photo/Jane Doe\n---\nBody.\n"
    assert findings(scan_text(fm, "markdown")) == []
    fm_missing = "---\ndate: 2021-03-01\nimage:\n  src: p.jpg\n---\nBody.\n"
    assert findings(scan_text(fm_missing, "markdown")) == [("missing-credit", 4, 3, None)]


def test_markdown_figure_shortcodes_and_includes() -> None:
    body = (
        "---\ndate: 2021-03-01\n---\nBody.\n\n"
        '{{< figure src="/img/a.jpg" caption="Leaders meet." credit="Jane Doe/Reuters" >}}\n\n'
        '{{< figure src="/img/b.jpg" caption="Leaders meet." >}}\n\n'
        '{{< figure\n  src="/img/c.jpg"\n  attr="AP Photo/Jane Doe"\n>}}\n\n'
        '{% include figure.html image="/img/d.jpg" caption="Leaders meet. (Jane Doe/Reuters)" %}\n'
    )
    result = scan_text(body, "markdown")
    assert [(a.text, a.span.line, a.span.column) for a in result.attributions] == [
        ("Jane Doe/Reuters", 6, 61),
        ("AP Photo/Jane Doe", 12, 9),
        ("Jane Doe/Reuters", 15, 67),
    ]
    assert findings(result) == [
        ("unlicensed-source", 6, 70, None),
        ("missing-credit", 8, 1, None),
        ("unlicensed-source", 15, 76, None),
    ]


def test_markdown_inline_html_pictures() -> None:
    body = (
        '---\ndate: 2021-03-01\n---\n<figure>\n  <img src="c.jpg" alt="x">\n'
        "  <figcaption>Leaders meet. (AP Photo/Jane Doe)</figcaption>\n</figure>\n\n"
        '<img src="d.jpg">\n\n<img src="/img/site-logo.png" width="120">\n'
    )
    assert findings(scan_text(body, "markdown")) == [("missing-credit", 9, 1, None)]


def test_source_lines_in_plain_text() -> None:
    text = (
        "January 14, 2020\n\nBody.\n\n©2020 The Japan Times. Visit The Japan Times at "
        "www.japantimes.co.jp. Distributed by Tribune Content Agency, LLC.\n"
    )
    d = doc(text, "text")
    assert [(name, span) for name, span in d.source_names] == [
        ("The Japan Times", Span(5, 30, 5, 45)),
        ("Tribune Content Agency", Span(5, 86, 5, 108)),
    ]
    assert findings(scan_text(text, "text")) == []
    assert findings(scan_text(text.replace("©2020 The Japan Times. ", ""), "text")) == [
        ("missing-copyright", 5, 91, "© 2020 The Japan Times"),
    ]


def test_front_matter_block_scalar_image_is_placed_on_its_value() -> None:
    # "image: |" puts the value on the next line: the finding points at it, inside that line.
    text = "---\nimage: |\n  AP Photo/Jane Doe\n---\nBody.\n"
    result = scan_text(text, "markdown", published=dt.date(2021, 3, 1))
    assert findings(result) == [("missing-credit", 3, 3, None)]
    assert [(f.span.end_line, f.span.end_column) for f in result.findings] == [(3, 20)]
