"""HTML pictures: which need a credit (the article's own), and one finding per picture at its tag.

The pages are written for these tests and follow the markup real news sites use (teaser
cards, author boxes, lazy-loading placeholders, page headers and footers); no page is copied.
"""

from __future__ import annotations

from tests.helpers import findings, scan_text

HEAD = "<html><head><meta name='date' content='2021-03-01'></head><body>"
END = "</body></html>\n"


def missing(text: str) -> list[tuple[int, int]]:
    """Where ``missing-credit`` is raised: (line, column) of each picture without a credit."""
    found = findings(scan_text(text, "html"))
    return [(line, col) for check, line, col, _ in found if check == "missing-credit"]


def at(text: str, snippet: str, nth: int = 0) -> tuple[int, int]:
    """Line and column of the ``nth`` occurrence of ``snippet`` in ``text``."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(snippet, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- one picture, one finding, at its own tag ---------------------------------------------------


def test_pictures_on_one_line_each_get_their_own_position() -> None:
    # A minified page: five <picture> elements with <source>s on one line, no <img> inside.
    pic = (
        "<figure><picture><source srcset='{0}.webp' type='image/webp'>"
        "<source srcset='{0}.jpg'></picture></figure>"
    )
    text = HEAD + "<article><p>Text.</p>" + "".join(pic.format(n) for n in "abcde") + "</article>" + END
    assert missing(text) == [at(text, "<picture>", n) for n in range(5)]


def test_a_picture_inside_nested_figures_is_one_image() -> None:
    # A gallery figure holding one figure per picture (the block editor's gallery markup).
    text = (
        HEAD + "<article>\n<figure class='wp-block-gallery'><ul>\n"
        "<li><figure><img src='a.jpg'></figure></li>\n"
        "<li><figure><img src='b.jpg'><figcaption>Jane Doe/AFP</figcaption></figure></li>\n"
        "</ul></figure>\n</article>" + END
    )
    assert missing(text) == [at(text, "<img src='a.jpg'>")]


def test_a_picture_tag_in_a_script_does_not_shift_the_others() -> None:
    # An <img> inside a script string: the counts differ, each line's pictures are taken in turn.
    text = (
        HEAD + "<script>var t = '<img src=x.jpg>';</script>\n"
        "<article><figure><img src='a.jpg'></figure><figure><img src='b.jpg'></figure></article>" + END
    )
    assert missing(text) == [at(text, "<img src='a.jpg'>"), at(text, "<img src='b.jpg'>")]


def credits(text: str) -> list[str]:
    """The credit lines and notices read from ``text`` (HTML)."""
    return [a.text for a in scan_text(text, "html").attributions]


# --- the picture itself: pixels, placeholders, icons, buttons, maps ------------------------------


def test_pixels_spinners_icons_buttons_and_maps_need_no_credit() -> None:
    text = (
        "<html><head><meta name='date' content='2021-03-01'>"
        "<meta property='og:site_name' content='Example'></head><body>"
        "<article><h1>Leaders meet</h1>\n"
        "<img src='/t/pixel.gif'>\n"
        "<img src='/img/spinner.gif' alt=''>\n"
        "<img src='https://example.com/b/1x1.trans.gif'>\n"
        "<img src='/assets/empty.gif' style='width:150px;height:1px'>\n"
        "<img src='/covers/30205_80.gif' style='width:40px;height:40px;'>\n"
        "<img src='/assets/social/pin_it_button_big.png' alt='Pin it button big'>\n"
        "<img src='/img/mb_ndr.png' alt='Logo NDR'>\n"
        "<img src='/img/icn-close-dialog.png' alt='Close'>\n"
        "<img src='https://maps.example.com/maps/api/staticmap?center=53.3,7.2&amp;size=400x300'>\n"
        "<img src='/user_upload/navigationsicons/themen_eisvogel.png'"
        " alt='Eisvogel; Foto: © Jo Roe - Fotolia.com'>\n"
        "<img src='/grafiken/Hauptnavi_off.jpg' alt='START'>\n"
        "<img src='/img/lightbox_lupe.png' alt='Enlarge'>\n"
        # The site's logo, named after the site.
        "<img src='/files/inline-images/example_0_0.png' alt='Example'>\n"
        # A snow profile chart and a planet's profile are pictures like any other.
        "<p><img src='/charts/csm_3_Profile_50294e9782.png'></p>\n"
        "<p><img src='/2021/03/summit.jpg' alt='Leaders in Panmunjom'></p>\n"
        "</article>" + END
    )
    assert missing(text) == [
        at(text, "<img src='/charts/csm_3_Profile"),
        at(text, "<img src='/2021/03/summit.jpg'"),
    ]
    assert credits(text) == []  # the alt text of a navigation icon is not a credit to check


def test_a_lazy_loaded_picture_is_judged_by_the_picture_it_loads() -> None:
    text = (
        HEAD + "<article><h1>Leaders meet</h1>\n"
        # The placeholder stands in for the photo in data-src: the photo needs a credit.
        "<p><img src='/images/pxl.gif' data-src='/img/2021/03/summit-393x221.jpg' alt=''></p>\n"
        # A placeholder sized like a photo, whose photo a script loads later.
        "<figure><picture><img src=\"data:image/svg+xml,%3Csvg%3E%3C/svg%3E\" width='1200' height='795'>"
        "</picture></figure>\n"
        # A spinner and a tracking pixel name nothing else.
        "<p><img src='/img/loader.gif'><img src='data:image/gif;base64,R0lGOD'></p>\n"
        "</article>" + END
    )
    assert missing(text) == [at(text, "<img src='/images/pxl.gif'"), at(text, "<picture>")]


# --- where it sits: furniture around the story -------------------------------------------------


def test_author_boxes_sidebars_ads_share_bars_and_the_page_header_and_footer() -> None:
    text = (
        HEAD + "<header id='top'><div class='slider'><img src='/slides/home-1.jpg'></div></header>\n"
        "<div class='print_logo_header'><img src='/assets/brand-158x244.png'></div>\n"
        "<article><header><h1>Leaders meet</h1>\n"
        "<figure><img src='/2021/03/lead.jpg'><figcaption>Leaders meet.</figcaption></figure></header>\n"
        "<p>Text of the story.</p>\n"
        "<div class='share-bar'><img src='/img/fb-share.png'></div>\n"
        "<div class='post-ratings'><img src='/plugins/ratings/images/rating_off.gif' alt='1 Star'></div>\n"
        "<div class='author-info'><img src='/team/jane-doe.jpg' width='94' height='94' alt=''></div>\n"
        "<div class='autor-articulo'><figure class='img-autor'><img src='/team/juan-perez.jpg'>"
        "</figure></div>\n"
        "<div class='ad-slot'><img src='/banners/offer.png'></div>\n"
        "</article>\n"
        "<div id='sidebar'><div class='widget widget_media_image'>"
        "<img src='/2013/06/img787.png'></div></div>\n"
        "<footer><div class='partners'><a href='https://partner.example.org/'>"
        "<img src='/logos/partner.png'></a></div></footer>\n" + END
    )
    assert missing(text) == [at(text, "<img src='/2021/03/lead.jpg'>")]


def test_class_words_spare_the_story_that_they_wrap() -> None:
    # A layout wrapper named after its sidebar, a gallery's "gallery-icon" items and a CMS
    # "widget" that shows the lead picture inside the story are not furniture.
    body = "<p>" + "Text of the story. " * 150 + "</p>"
    text = (
        HEAD + "<div class='layoutTwoColumnsRightSidebar'><div class='c-fixed-sidebar-layout'>\n"
        "<article><h1>Leaders meet</h1>\n"
        "<span class='named-image-widget'><img src='/2021/03/lead.jpg'></span>\n"
        "<div class='gallery'><dl><dt class='gallery-icon'><img src='/2021/03/g1.jpg'></dt></dl></div>\n"
        + body
        + "\n</article></div></div>"
        + END
    )
    assert missing(text) == [
        at(text, "<img src='/2021/03/lead.jpg'>"),
        at(text, "<img src='/2021/03/g1.jpg'>"),
    ]


# --- what it links to: teasers of other stories -------------------------------------------------


def test_teaser_cards_of_other_stories_need_no_credit_and_their_credits_are_not_read() -> None:
    text = (
        "<html><head><meta name='date' content='2021-03-01'>"
        "<link rel='canonical' href='https://news.example.com/world/leaders-meet-100.html'></head><body>\n"
        "<article><h1>Leaders meet</h1>\n"
        "<figure><img src='/img/leaders.jpg'><figcaption>Leaders meet.</figcaption></figure>\n"
        "<p>Text of the story.</p></article>\n"
        # A teaser list: picture and headline link in each card, a credit under each picture.
        "<div class='group-teaserlist--relateds'>\n"
        "<article class='teaser'><figure><img src='/img/flood.jpg'></figure>"
        "<span class='mediaRights'>Bildrechte: IMAGO</span>"
        "<a href='/panorama/flood-200.html'><h3>Floods in the north</h3></a></article>\n"
        "<article class='teaser'><figure><img src='/img/fire.jpg'></figure>"
        "<span class='mediaRights'>Bildrechte: IMAGO / Jo Roe</span>"
        "<a href='/panorama/fire-300.html'><h3>Fire in the south</h3></a></article>\n"
        "</div>\n"
        # A card whose picture is a lazy placeholder inside the link to the other story.
        "<section class='top-stories'><div class='teaser'>"
        "<a href='https://news.example.com/sport/cup-final-400.html'><figure>"
        "<img src='/img/placeholders/transparent.png' data-src='https://cdn.example.com/cup.jpg'>"
        "</figure></a><a href='https://news.example.com/sport/cup-final-400.html'>Cup final</a></div>\n"
        # A card laid over with an empty link.
        "<div class='teaser'><img src='/img/budget.jpg'>"
        "<a class='overlay' href='/economy/budget-500.html'></a>"
        "<div class='text'>Budget talks fail</div></div></section>\n" + END
    )
    assert missing(text) == [at(text, "<img src='/img/leaders.jpg'>")]
    assert credits(text) == []


def test_a_story_s_own_pictures_are_not_teasers() -> None:
    text = (
        "<html><head><meta name='date' content='2021-03-01'>"
        "<link rel='canonical' href='https://blog.example.com/beauty-tips/'></head><body>\n"
        "<article><header><h1>Beauty tips</h1><h4>By <a href='/authors/jane-doe'>Jane Doe</a></h4>\n"
        # The lead picture linking to the story itself, the byline's author link beside it.
        "<figure><a href='https://blog.example.com/beauty-tips/'><img src='/2021/03/lead.jpg'></a></figure>"
        "</header>\n"
        # A body picture linking to its own attachment page, named after its file.
        "<figure><a href='/beauty-tips/olive-focaccia-14854/'>"
        "<img src='/uploads/olive-focaccia-14854-1000x662.jpg'></a></figure>\n"
        # A gallery whose thumbnails link to each photo's page: no headline, not a teaser.
        "<div class='gallery'><figure><a href='/photos/1'><img src='/g/one.jpg'></a></figure>"
        "<figure><a href='/photos/2'><img src='/g/two.jpg'></a></figure></div>\n"
        # A file heading only screen readers get, linking to the picture's file page.
        "<figure><div class='file'><h2 class='element-invisible'><a href='/file/45890'>student.jpg</a></h2>"
        "<img src='/files/student.jpg'></div></figure>\n"
        "<p>Text of the story.</p></article>" + END
    )
    assert missing(text) == [
        at(text, "<img src='/2021/03/lead.jpg'>"),
        at(text, "<img src='/uploads/olive"),
        at(text, "<img src='/g/one.jpg'>"),
        at(text, "<img src='/g/two.jpg'>"),
        at(text, "<img src='/files/student.jpg'>"),
    ]


def test_a_box_of_related_stories_is_not_read_but_the_story_s_related_photo_is() -> None:
    text = (
        HEAD + "<article><h1>Leaders meet</h1>\n"
        "<div id='articleImage' class='relatedPhoto'><img src='/img/leaders.jpg'>"
        "<p class='credit'>Jane Doe/Reuters</p></div>\n"
        "<p>Text of the story.</p></article>\n"
        # The related box holds <article> teasers: it does not hold the story.
        "<div class='related-articles'><article><p class='credit'>Jo Roe/AFP</p>"
        "<p>Other story</p></article></div>\n" + END
    )
    assert missing(text) == []
    assert credits(text) == ["Jane Doe/Reuters"]


def test_author_portraits_and_a_story_s_photo_pages() -> None:
    text = (
        "<html><head><meta name='date' content='2021-03-01'>"
        "<link rel='canonical' href='https://news.example.com/articles/view/sports/367061'></head><body>\n"
        "<main><h1>Leaders meet</h1>\n"
        # The author's portrait links to the author's page.
        "<figure><a href='/autoren/jane-doe/'><img src='/img/jane-doe.jpg'></a><figcaption>Jane Doe"
        "</figcaption></figure>\n"
        # The story's photo, its caption inside the link to the photo's page of this story.
        "<div class='photo-box'><figure><a href='/articles/image/sports/367061/287149'>"
        "<img src='/img/article/367061/team.jpg'><figcaption>The team in Tokyo.</figcaption></a>"
        "</figure></div>\n"
        # A captioned photo linking to its photo page elsewhere on the site.
        "<figure><a href='/pluralphoto/20241203-X50214/'><img src='/media/20241203-X50214-1.jpg'></a>"
        "<figcaption>Leaders in Tokyo.</figcaption></figure>\n"
        "<p>Text of the story.</p></main>\n"
        # A teaser whose picture varies by crop: one card, lazily loaded.
        "<ul class='timeline'><li><div class='image'><a href='/news/cup-final' title='Cup final'></a>"
        "<img class='ratio-16-9' src='/img/160_90.png' data-src='/img/16-9/cup-final.jpg'>"
        "<img class='ratio-4-3' src='/img/40_30.png' data-src='/img/4-3/cup-final.jpg'></div>"
        "<div class='text'><a href='/news/cup-final'>Cup final tonight</a></div></li>"
        "<li><div class='image'><a href='/news/budget' title='Budget'></a>"
        "<img class='ratio-16-9' src='/img/160_90.png' data-src='/img/16-9/budget.jpg'></div>"
        "<div class='text'><a href='/news/budget'>Budget talks fail</a></div></li></ul>\n" + END
    )
    assert missing(text) == [
        at(text, "<img src='/img/article/367061/team.jpg'>"),
        at(text, "<img src='/media/20241203-X50214-1.jpg'>"),
    ]


def test_a_picture_whose_tag_spans_lines_is_placed_at_its_tag() -> None:
    # A commented-out <img> makes the counts differ; the parser dates a tag written over
    # several lines by its last line, where the next picture's tag also starts.
    text = (
        HEAD + "<!-- <img src='old.jpg'> -->\n<article><figure><img src='a.jpg'\n alt='Leaders'\n"
        " srcset='a-2x.jpg 2x'></figure><figure><img src='b.jpg'></figure></article>" + END
    )
    assert missing(text) == [at(text, "<img src='a.jpg'"), at(text, "<img src='b.jpg'>")]


def test_a_picture_whose_img_the_parser_puts_inside_its_source_is_one_teaser_picture() -> None:
    # libxml2 nests the <img> inside the last <source>; its file differs from the sources' one.
    text = (
        HEAD + "<article><h1>Leaders meet</h1><p>Text of the story.</p></article>\n"
        "<article class='teaser'><figure><a href='/service/hedges-200/'><picture>"
        "<source srcset='/up/3574535_hedge-640x320.jpg'><img src='/up/3574534_hedge.jpg'></picture></a>"
        "</figure><h2><a href='/service/hedges-200/'>When to cut hedges</a></h2></article>" + END
    )
    assert missing(text) == []
