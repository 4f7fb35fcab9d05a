"""Publication dates of HTML pages, from markup written the way newsrooms' systems write it."""

from __future__ import annotations

import datetime as dt

import pytest

from creditcheck.dates import find_written_date
from creditcheck.readers import read_document
from creditcheck.readers.html.published import date_in_url

TODAY = dt.date(2026, 12, 4)


def dated(html: str) -> tuple[str, str]:
    doc = read_document("page.html", html, "html", None, TODAY)
    return doc.published.isoformat(), doc.published_from


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    return f'<!DOCTYPE html><html lang="{lang}"><head><title>t</title>{head}</head><body>{body}</body></html>'


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


ARTICLE = "<article><h1>Council votes</h1>{byline}<p>The council met and voted on the budget.</p></article>"


# --- JSON-LD -------------------------------------------------------------------------------------


def test_json_ld_article_in_a_graph_wins_over_the_listed_stories() -> None:
    ld = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
        '{"@type":"WebSite","name":"Example"},'
        '{"@type":"ItemList","itemListElement":[{"@type":"NewsArticle","datePublished":"2019-01-02T08:00:00Z"}]},'
        '{"@type":["NewsArticle"],"headline":"Council votes","datePublished":"2011-08-24T09:30:00+02:00",'
        '"dateModified":"2011-08-25T10:00:00+02:00"}]}</script>'
    )
    assert dated(page(ld)) == ("2011-08-24", "json-ld")


def test_json_ld_in_a_list_and_date_created_as_a_fallback() -> None:
    listed = ld('[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","datePublished":"2013-12-16"}]')
    assert dated(page(listed)) == ("2013-12-16", "json-ld")
    created = (
        '<script type="application/ld+json">{"@type":"Article","dateCreated":"2015-03-04T00:00:00"}</script>'
    )
    assert dated(page(created)) == ("2015-03-04", "json-ld")


def test_hand_written_json_ld_that_is_not_quite_json_still_gives_its_date() -> None:
    broken = ld('{"@type":"NewsArticle","datePublished":"2020-04-21T16:40:00+02:00",}')
    assert dated(page(broken)) == ("2020-04-21", "json-ld")


# --- meta tags -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "day"),
    [
        ('<meta name="date.created" content="2026-01-06 14:02:09 +01:00">', "2026-01-06"),
        ('<meta property="article:published_time" content="2014-12-15T12:56-5:00">', "2014-12-15"),
        ('<meta name="citation_publication_date" content="2009/05/17">', "2009-05-17"),
        ('<meta name="DC.date.issued" content="2012-06-04">', "2012-06-04"),
        ('<meta name="sailthru.date" content="2014-12-18 23:38:49">', "2014-12-18"),
        (
            '<meta name="parsely-page" content=\'{"title": "x", "pub_date": "2014-12-29T23:17:11"}\'>',
            "2014-12-29",
        ),
        ('<meta name="publication_date" content="Tue, 15 Dec 2014 12:00:00 -0500">', "2014-12-15"),
    ],
)
def test_publication_metas_under_their_many_names(meta: str, day: str) -> None:
    assert dated(page(meta)) == (day, "metadata")


def test_a_print_issue_date_in_meta_name_date_yields_to_the_articles_json_ld() -> None:
    head = '<meta name="date" content="2024-04-26">' + ld(
        '{"@type":"NewsArticle","datePublished":"2024-04-25T19:30:04+02:00"}'
    )
    assert dated(page(head)) == ("2024-04-25", "json-ld")


def test_a_utc_timestamp_gives_the_publishers_day_when_the_page_writes_it_locally_too() -> None:
    head = '<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">'
    body = '<article><h1>x</h1><time datetime="2020-02-24T21:25:54-05:00">Feb 24</time></article>'
    assert dated(page(head, body)) == ("2020-02-24", "metadata")
    # A local clock time without a zone, the same moment five hours earlier.
    local = head + '<meta name="sailthru.date" content="2020-02-24 21:25:54">'
    assert dated(page(local)) == ("2020-02-24", "metadata")
    # No local form: the day in the value's own zone.
    assert dated(page(head)) == ("2020-02-25", "metadata")


def test_an_update_date_is_read_only_when_nothing_else_dates_the_page() -> None:
    updated = '<meta property="og:updated_time" content="2019-11-10T13:28:18+01:00">'
    assert dated(page(updated)) == ("2019-11-10", "metadata")
    both = updated + '<meta property="article:published_time" content="2019-11-01T08:00:00+01:00">'
    assert dated(page(both)) == ("2019-11-01", "metadata")


# --- date markup ---------------------------------------------------------------------------------


def test_the_articles_time_element_not_the_sidebars() -> None:
    body = (
        '<aside class="sidebar"><time datetime="2017-09-06">6 Sep</time></aside>'
        '<div class="related-posts"><time datetime="2018-01-01">1 Jan</time></div>'
        '<article><header><h1>x</h1><time class="entry-date" datetime="2023-10-31T09:00:00+01:00">'
        "31.10.2023</time></header><p>text</p></article>"
    )
    assert dated(page(body=body)) == ("2023-10-31", "markup")


def test_an_updated_time_is_skipped_unless_it_is_also_the_published_one() -> None:
    body = (
        '<article><h1>x</h1><time class="updated" datetime="2020-03-01">1 Mar</time>'
        '<time class="published" datetime="2020-02-22">22 Feb</time></article>'
    )
    assert dated(page(body=body)) == ("2020-02-22", "markup")
    both = (
        '<article><h1>x</h1><time class="date updated published" datetime="2020-02-23T10:07:02+01:00">'
        "x</time></article>"
    )
    assert dated(page(body=both)) == ("2020-02-23", "markup")


def test_item_prop_date_published_of_the_article_not_of_the_related_items() -> None:
    body = (
        '<div itemscope itemtype="https://schema.org/NewsArticle"><h1>x</h1>'
        '<meta itemprop="datePublished" content="2014-11-20T10:00:00-05:00"></div>'
        '<ul class="related"><li itemscope itemtype="https://schema.org/NewsArticle">'
        '<meta itemprop="datePublished" content="2014-11-19"></li></ul>'
    )
    assert dated(page(body=body)) == ("2014-11-20", "markup")
    related_only = '<aside><div><span itemprop="datePublished">2014-11-19</span></div></aside><h1>x</h1>'
    assert dated(page(body=related_only)) == ("2026-12-04", "today")


# --- the address ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.example.com/2011/08/24/council-votes/", dt.date(2011, 8, 24)),
        ("https://example.com/news/2013-12-16-council.html", dt.date(2013, 12, 16)),
        ("/blog/20200113/post", dt.date(2020, 1, 13)),
        ("https://example.com/2011/08/council-votes/", None),
        ("https://example.com/2011/13/40/x", None),
        ("https://example.com/?p=2011/08/24", None),
    ],
)
def test_a_day_in_the_address_path(url: str, day: dt.date | None) -> None:
    assert date_in_url(url) == day


def test_the_canonical_address_dates_a_page_that_has_no_other_date() -> None:
    head = '<link rel="canonical" href="https://example.com/2011/08/24/council-votes/">'
    assert dated(page(head, ARTICLE.format(byline=""))) == ("2011-08-24", "url")


# --- bylines and meta lines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "lang", "day"),
    [
        ('<p class="byline">Von Anna Muster, 24. August 2011</p>', "de", "2011-08-24"),
        ('<div class="entry-meta">Posted on August 24, 2011 by admin</div>', "en", "2011-08-24"),
        ('<div class="post-info"><span>Gunter Frank</span> / 22.04.2020 / 06:15</div>', "de", "2020-04-22"),
        ('<span class="post-created">28.01.22</span>', "de", "2022-01-28"),
        ('<div class="meta">24/08/2011</div>', "fr", "2011-08-24"),
        ('<div class="meta">08/24/2011</div>', "en-US", "2011-08-24"),
        ('<p class="date">2011年8月24日 10:00</p>', "ja", "2011-08-24"),
        ('<p class="data">24 sierpnia 2011</p>', "pl", "2011-08-24"),
        ('<p class="fecha">24 de agosto de 2011</p>', "es", "2011-08-24"),
        ("<p><small>Publié le 2022-04-26 | lenouvelliste.com</small></p>", "fr", "2022-04-26"),
        (
            "<p>Veröffentlicht am 16.08.2019<br>Dauer: 1 Stunde 4 Minuten<br>Lizenz: CC BY</p>",
            "de",
            "2019-08-16",
        ),
        ('<div class="box"><h5>Datum:</h5>03.11.2021</div>', "de", "2021-11-03"),
        ("<h2>Samstag, 5. Oktober 2013</h2>", "de", "2013-10-05"),
        (
            "<p>01.02.2022 – Der Arbeitsmarkt ist gut in das Jahr gestartet, sagte die Behörde.</p>",
            "de",
            "2022-02-01",
        ),
    ],
)
def test_a_date_the_page_writes_as_its_own(byline: str, lang: str, day: str) -> None:
    assert dated(page(body=ARTICLE.format(byline=byline), lang=lang)) == (day, "byline")


@pytest.mark.parametrize(
    "body",
    [
        # A date inside the prose is the date of something the article talks about.
        "<article><h1>x</h1><p>On 12 March 2019 the council met and voted on the budget again.</p></article>",
        # Comments, teasers and an update line are not the article's publication.
        '<article><h1>x</h1></article><div class="comments"><p class="date">Apr 19, 2019</p></div>',
        '<article><h1>x</h1></article><ul class="teaser-list"><li class="date">10.11.2021</li></ul>',
        '<article><h1>x</h1><p class="info">Aktualisiert: 30.12.2016</p><p>text</p></article>',
        # A year alone, or a month and a year, is no day.
        '<article><h1>x</h1><p class="meta">Mai 2014</p><p>© 2021 Example</p></article>',
    ],
)
def test_pages_that_state_no_date_of_their_own_stay_undated(body: str) -> None:
    assert dated(page(body=body, lang="de")) == ("2026-12-04", "today")


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        ("Gunter Frank / 22.04.2020 / 06:15", "", dt.date(2020, 4, 22)),
        ("Mittwoch, 3. Mai 2017", "de", dt.date(2017, 5, 3)),
        ("1er mai 2019", "fr", dt.date(2019, 5, 1)),
        ("15 августа 2016, 13:43", "ru", dt.date(2016, 8, 15)),
        ("2022. 3. 4.", "ko", dt.date(2022, 3, 4)),
        ("05/06/2011", "en", dt.date(2011, 5, 6)),
        ("05/06/2011", "de", dt.date(2011, 6, 5)),
        ("13/06/2011", "en", dt.date(2011, 6, 13)),
        ("v1.2.3", "", None),
        ("1848 revolution", "", None),
        ("31.02.2020", "", None),
    ],
)
def test_written_dates(text: str, lang: str, day: dt.date | None) -> None:
    assert find_written_date(text, lang) == day


def test_hatom_dates_in_a_title_attribute() -> None:
    published = (
        '<article><h1>x</h1><abbr class="published" title="2013-04-04T18:52:11+00:00">4 Apr</abbr></article>'
    )
    assert dated(page(body=published)) == ("2013-04-04", "markup")
    # An entry that gives only its update time, as some wire pages do, is dated by it last.
    updated = '<div class="timestamp updated" title="2016-06-13T1603Z">Jun 13, 4:03 PM EDT</div><h1>x</h1>'
    assert dated(page(body=updated)) == ("2016-06-13", "markup")
