"""The site's own footer, notices, name and address are not a story's sources (issue 9, "site-own")."""

from __future__ import annotations

import datetime as dt

from creditcheck.model import AttributionKind, NameRole

from .helpers import findings, scan_text

DAY = dt.date(2024, 5, 3)
HEAD = (
    "<!doctype html><html><head><meta property='article:published_time' content='2024-05-03'>"
    "<link rel='canonical' href='https://www.riverside-herald.example/2024/05/03/story/'>{meta}</head>\n"
)


def page(body: str, meta: str = "") -> str:
    return HEAD.format(meta=meta) + "<body>\n" + body + "\n</body></html>\n"


def attributions(html: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    result = scan_text(html, "html", DAY)
    return [
        (a.kind.value, a.text, [(n.text, n.role.value) for n in a.names])
        for a in result.attributions
        if a.kind in (AttributionKind.PHOTO_CREDIT, AttributionKind.COPYRIGHT)
    ]


def test_the_page_footer_is_the_sites_not_the_storys() -> None:
    html = page(
        "<article><p>Body.</p></article>\n"
        "<footer class='site'><p>© 2020 Vox Media, LLC. All rights reserved.</p>"
        "<p><a href='/about'>Impressum // About // Datenschutz</a></p></footer>\n"
        "<div id='footer'><div class='copyright'>©2015 Bloomberg L.P. All Rights Reserved</div></div>\n"
        "<div class='td-sub-footer-copy'>© Headlines Group | Oranjestad</div>\n"
        "<div role='contentinfo'>© 2025 Associated Newspapers Limited</div>"
    )
    assert attributions(html) == []
    assert findings(scan_text(html, "html", DAY)) == []


def test_a_footer_inside_the_story_holds_the_storys_notice() -> None:
    # A syndicated story's notice in the article's own footer, or in a post footer of a page
    # without <article>, is still the story's: an outlet without a rule is an unknown source.
    html = page(
        "<article><p>Body.</p><footer>© 2024 Nikkei Asia</footer></article>\n"
        "<div class='post'><p>Body.</p><div class='entry-footer'>© 2024 Hokkaido Shimbun</div></div>"
    )
    assert findings(scan_text(html, "html", DAY)) == [
        ("unknown-source", 3, 37, None),
        ("unknown-source", 4, 64, None),
    ]


def test_a_figures_footer_and_a_page_wrapper_named_footer_are_read() -> None:
    html = page(
        "<div class='page has-footer'><h1>Floods</h1>\n"
        "<figure><img src='a.jpg'><footer class='figure-footer'>Jane Doe/AFP via Getty Images</footer>"
        "</figure></div>"
    )
    assert attributions(html) == [
        (
            "photo-credit",
            "Jane Doe/AFP via Getty Images",
            [("Jane Doe", "person"), ("AFP", "organisation"), ("Getty Images", "organisation")],
        )
    ]


def test_the_publishers_own_notice_and_staff_are_not_unknown_sources() -> None:
    meta = (
        "<meta property='og:site_name' content='Riverside Herald'>"
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
        '"publisher": {"@id": "#org"}}, {"@id": "#org", "@type": "Organization", '
        '"name": "Herald Media Group"}]}</script>'
    )
    html = page(
        "<article><figure><img src='a.jpg'><figcaption>A flooded road. "
        "Photo: Ivo Mayr/Riverside Herald</figcaption></figure>\n"
        "<figure><img src='b.jpg'><figcaption>Jane Doe/Riverside-Herald.example</figcaption></figure>\n"
        "<p>Body.</p><p>© 2024 Herald Media Group GmbH</p>\n"
        "<p>© 2024 Nikkei Asia</p></article>",
        meta,
    )
    result = scan_text(html, "html", DAY)
    assert attributions(html) == [
        (
            "photo-credit",
            "Ivo Mayr/Riverside Herald",
            [("Ivo Mayr", "person"), ("Riverside Herald", "publisher")],
        ),
        (
            "photo-credit",
            "Jane Doe/Riverside-Herald.example",
            [("Jane Doe", "person"), ("Riverside-Herald.example", "publisher")],
        ),
        ("copyright", "© 2024 Nikkei Asia", [("Nikkei Asia", "organisation")]),
    ]
    assert findings(result) == [("unknown-source", 6, 11, None)]


def test_the_site_name_is_also_read_from_the_address() -> None:
    # No og:site_name: the canonical address names the site ("riverside-herald").
    html = page("<article><p>Body.</p><p>© 2024 Riverside Herald</p><p>© Riverside Herald News</p></article>")
    assert attributions(html) == []


def test_a_generic_word_of_the_site_name_alone_is_no_match() -> None:
    # On a site called "Express", "Express Newspapers" may be its owner or not: a one-word
    # generic name matches only a notice naming exactly it.
    meta = "<meta property='og:site_name' content='Express'>"
    html = page("<article><p>Body.</p><p>© 2024 Express Newspapers</p><p>© 2024 Express</p></article>", meta)
    assert [a[1] for a in attributions(html)] == ["© 2024 Express Newspapers"]


def test_a_source_meta_holding_the_pages_own_address_is_no_source() -> None:
    own = "<meta name='original-source' content='https://riverside-herald.example/2024/05/03/story/'>"
    other = "<meta name='syndication-source' content='https://www.nikkei.example/story/1'>"
    result = scan_text(page("<article><p>Body.</p></article>", own + other), "html", DAY)
    sources = [a.text for a in result.attributions if a.kind is AttributionKind.SOURCE]
    assert sources == ["https://www.nikkei.example/story/1"]
    assert [(f.check, f.text) for f in result.findings] == [
        ("unknown-source", "https://www.nikkei.example/story/1")
    ]


def test_the_publisher_role_is_public() -> None:
    assert NameRole.PUBLISHER.value == "publisher"


def test_short_names_of_the_publisher() -> None:
    # Initials of the site's name ("Osthessen|News"), and a name its address shortens (5min.at).
    meta = "<meta property='og:site_name' content='Osthessen|News'>"
    html = page(
        "<article><figure><img src='a.jpg'><figcaption>The mayor. Archivfoto: ON</figcaption>"
        "</figure></article>",
        meta,
    )
    assert attributions(html) == [("photo-credit", "ON", [("ON", "publisher")])]
    five = HEAD.replace("www.riverside-herald.example", "www.5min.example").format(meta="")
    html = (
        five
        + "<body><article><figure><img src='a.jpg'><figcaption>©5 Minuten</figcaption></figure>"
        + "</article></body></html>"
    )
    assert attributions(html) == [("photo-credit", "5 Minuten", [("5 Minuten", "publisher")])]


def test_the_site_name_is_also_read_from_the_title() -> None:
    # A small site names itself only in its <title>: alone, or as the title's last part.
    html = page(
        "<article><p>Wir drehen Filme.</p>\n"
        "<p>Lightbox2 licensed under CC BY 2.5. Copyright 2019 by bumm film GmbH</p>\n"
        "<p>© 2024 Nikkei Asia</p></article>",
        "<title>bumm film GmbH</title>",
    )
    assert findings(scan_text(html, "html", DAY)) == [("unknown-source", 5, 11, None)]
    titled = page(
        "<article><p>Body.</p><p>© 2024 Riverside Media AG</p></article>",
        "<title>A flood | Riverside Media</title>",
    )
    assert findings(scan_text(titled, "html", DAY)) == []
    # A title's first part is the headline, not the site.
    headline = page(
        "<article><p>Body.</p><p>© 2024 Nikkei Asia</p></article>", "<title>Nikkei Asia - Riverside</title>"
    )
    assert findings(scan_text(headline, "html", DAY)) == [("unknown-source", 3, 32, None)]
