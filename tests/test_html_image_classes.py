"""HTML pictures, more classes: theme graphics, empty slots, reaction buttons, teasers, thumbnail strips.

Each test pairs a picture that needs no credit with the nearest one that still does. The pages
are written for these tests after the markup real sites use; no page is copied.
"""

from __future__ import annotations

from tests.test_html_images import END, HEAD, at, credits, missing

CANONICAL = (
    "<html><head><meta name='date' content='2021-03-01'>"
    "<link rel='canonical' href='https://news.example.com/health/virus-pill-id100/'></head><body>\n"
)


def test_a_site_theme_s_own_graphics_need_no_credit_but_a_photo_it_resizes_does() -> None:
    text = (
        HEAD + "<article><h1>Leaders meet</h1>\n"
        "<table><tr><td style='width: 21px;'>"
        "<img src='https://example.com/site/themes/main_theme/images/bot_cat_left.gif' alt=''></td>\n"
        "<td><img src='/wp-content/themes/brand/assets/images/gallery-cam@2x.png'></td></tr></table>\n"
        # A theme's resizing script serves an uploaded photo: that photo needs a credit.
        "<p><img src='/wp-content/themes/brand/timthumb.php?src=/wp-content/uploads/muffins.jpg'></p>\n"
        "<p><img src='/wp-content/uploads/2021/03/summit.jpg'></p>\n"
        "</article>" + END
    )
    assert missing(text) == [
        at(text, "<img src='/wp-content/themes/brand/timthumb.php"),
        at(text, "<img src='/wp-content/uploads/2021/03/summit.jpg'>"),
    ]


def test_an_empty_picture_slot_needs_no_credit_but_a_described_or_lazy_one_does() -> None:
    text = (
        HEAD + "<article><h1>Leaders meet</h1>\n"
        # A lightbox's or share pop-up's slot a script fills with a picture shown elsewhere.
        "<div class='wx-code'><img src=\"\" /></div>\n"
        "<div id='lightbox'><figure><img src=''></figure></div>\n"
        # No address yet, but an alt text or a lazy-loading class: a picture the page will show.
        "<p><img alt='Leaders at the summit' class='image-wrapper__image'></p>\n"
        "<p><img src='' class='lazyload' alt=''></p>\n"
        "</article>" + END
    )
    assert missing(text) == [
        at(text, "<img alt='Leaders at the summit'"),
        at(text, "<img src='' class='lazyload'"),
    ]


def test_reaction_buttons_need_no_credit() -> None:
    text = (
        HEAD + "<article><h1>Leaders meet</h1>\n"
        "<figure><img src='https://cdn.example.com/uploads/view/lead.png'></figure>\n"
        "<div class='reactions_3eiuR'><div class='reactions-picker'>"
        "<span role='img' class='reaction_JU03F'><img src='https://cdn.example.com/uploads/view/ac4d.png'"
        " class='reaction-image_Fy8CR'></span></div></div>\n"
        "</article>" + END
    )
    assert missing(text) == [at(text, "<img src='https://cdn.example.com/uploads/view/lead.png'>")]


def test_a_list_of_similar_stories_is_another_story_s() -> None:
    text = (
        CANONICAL + "<article><h1>Virus pill approved</h1>\n"
        "<figure><img src='/img/pill.jpg'></figure>\n<p>Text of the story.</p>\n"
        "<ul class='timeline similar col-3'><li><div class='image'>"
        "<img src='/img/160_90.png' data-src='/img/beacon-update.jpg'></div>"
        "<span class='credit'>Foto: Jo Roe/AFP</span><h3>Beacon update</h3>"
        "<a href='/cycling/beacon-update-id200/'>Read more</a></li></ul>\n"
        "</article>" + END
    )
    assert missing(text) == [at(text, "<img src='/img/pill.jpg'>")]
    assert credits(text) == []


def test_a_teaser_linking_to_another_story_needs_no_credit_and_its_credit_is_not_read() -> None:
    text = (
        CANONICAL + "<article><h1>Virus pill approved</h1>\n"
        "<figure><img src='/img/pill.jpg'></figure>\n<p>Text of the story.</p>\n"
        # An inline teaser of another story, its picture credited inside the teaser.
        "<div class='article-teaser'><div class='article-teaser-image'>"
        "<img src='/img/teaser-inline/variant.webp'>"
        "<div class='article-teaser-image-credits'>© GettyImages/Kontributor</div></div>"
        "<div class='article-teaser-caption'>How dangerous is the variant?</div>"
        "<a class='cta' href='/health/virus-variant-id203/'>How dangerous is the variant?</a></div>\n"
        "</article>" + END
    )
    assert missing(text) == [at(text, "<img src='/img/pill.jpg'>")]
    assert credits(text) == []


def test_a_teaser_named_box_that_links_nowhere_else_is_the_story_s_own() -> None:
    # "article__teaser" holding the story's lead, and a slideshow "teaser" section whose only
    # link leads to the photo's own file page (named after the file): the story's pictures.
    text = (
        CANONICAL + "<article><h1>Virus pill approved</h1>\n"
        "<div class='article__teaser'><img src='/img/pill.jpg'><p>The pill was approved today.</p></div>\n"
        "<div class='views_slideshow_cycle_teaser_section'><a href='/file/4461876'>544d821c.jpg</a>"
        "<img src='/media/ap/544d821c.jpg' width='960' height='540' alt=''></div>\n"
        # A slideshow "teaser" section whose link is its credit's, to the photographer's page.
        "<div class='views_slideshow_cycle_teaser_section'><figure><img src='/media/ap/e7f1.jpg' alt=''>"
        "<figcaption>Photo by: <a href='/users/jo-roe'>Jo Roe</a></figcaption></figure></div>\n"
        "<p>Text of the story.</p></article>" + END
    )
    assert missing(text) == [
        at(text, "<img src='/img/pill.jpg'>"),
        at(text, "<img src='/media/ap/544d821c.jpg'"),
    ]
    assert credits(text) == ["Jo Roe"]


def test_a_gallery_s_thumbnail_strip_is_not_reported_again() -> None:
    text = (
        HEAD + "<article><h1>Campervans tested</h1>\n"
        "<div class='article__hero article__hero--gallery'>"
        "<img src='/img/california-coast-hero.jpg'>"
        "<div class='article__hero-thumbnails'>"
        "<div class='article__hero-thumbnails__item'><img src='/img/california-coast-thumb.jpg'></div>"
        "<div class='article__hero-thumbnails__item'><img src='/img/nugget-thumb.jpg'></div>"
        "<div class='article__hero-thumbnails__item'><img src='/img/boxstar-thumb.jpg'></div>"
        "</div></div>\n"
        "<p>Text of the story.</p></article>" + END
    )
    assert missing(text) == [at(text, "<img src='/img/california-coast-hero.jpg'>")]


def test_thumbnails_that_are_the_gallery_itself_still_need_credits() -> None:
    text = (
        HEAD + "<article><h1>Campervans tested</h1>\n<p>Text of the story.</p>\n"
        # The only view of the gallery: thumbnails, nothing large beside them.
        "<div class='gallery'><div class='gallery-thumbs'>"
        "<img src='/img/van-1.jpg'><img src='/img/van-2.jpg'></div></div>\n"
        # A captioned figure laid out "thumbnails-left" is the story's picture, not a strip.
        "<div class='body'><img src='/img/lead.jpg'>"
        "<figure class='wp-caption thumbnails-left'><img src='/img/a.jpg'>"
        "<figcaption>A van.</figcaption></figure></div>\n"
        "</article>" + END
    )
    assert missing(text) == [
        at(text, "<img src='/img/van-1.jpg'>"),
        at(text, "<img src='/img/van-2.jpg'>"),
        at(text, "<img src='/img/lead.jpg'>"),
        at(text, "<img src='/img/a.jpg'>"),
    ]


def test_a_photo_named_after_a_beacon_is_a_photo_but_a_beacon_gif_is_a_pixel() -> None:
    # A teaser card whose crops of one photo wait behind sized placeholders: the card is found
    # from the photo's name, which happens to hold "beacon".
    crop = "<img class='ratio-{0}' src='/img/{0}.png' data-src='/i/4609605/{0}/strava-beacon-update.jpg'>"
    text = (
        CANONICAL + "<article><h1>Virus pill approved</h1>\n"
        "<figure><img src='/img/pill.jpg'></figure>\n<p>Text of the story.</p>\n"
        "<img src='/t/beacon.gif'>\n"
        "<ul><li><div class='image'><a href='/cycling/strava-beacon-update' title='Beacon update'></a>"
        + "".join(crop.format(r) for r in ("16_9", "4_3", "1_1"))
        + "</div><div class='title'>Strava: a safety update for all</div></li>\n"
        "<li><div class='image'><a href='/cycling/maps' title='Maps'></a>"
        "<img src='/img/16_9.png' data-src='/__image/4609606/ar/16_9/maps.jpg'></div>"
        "<div class='title'>Maps for the trails</div></li></ul>\n</article>" + END
    )
    assert missing(text) == [at(text, "<img src='/img/pill.jpg'>")]
