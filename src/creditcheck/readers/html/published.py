"""The publication day of an HTML page, and where on the page it was read.

Pages state their date in many places, more or less reliably. They are read in this order,
publication dates before update dates and the article's own date before other stories'
(the origin, ``published_from`` in reports, after the colon):

1. ``<meta>`` tags that name the publication (``article:published_time``, ``pubdate``,
   ``DC.date.issued``, ``citation_publication_date``, ``parsely-page`` …): ``metadata``;
2. JSON-LD ``datePublished`` of the article (also in ``@graph`` and lists), then of any other
   top-level item, then ``dateCreated`` and ``uploadDate``: ``json-ld``;
3. the generic ``<meta name="date">`` and ``DC.date``, which some sites fill with a print
   issue's day: ``metadata``;
4. date markup of the article itself: ``itemprop="datePublished"``, then ``<time>``, then the
   hAtom ``class="published"`` date, never in navigation, sidebars, comments or other stories'
   teasers: ``markup``;
5. ``/2011/08/24/`` in the canonical or ``og:url`` address: ``url``;
6. a date the page writes as its own in a byline, a meta line or the lead: ``byline``;
7. a publication date in the page's script data (``"pub_date": "…"``): ``script``;
8. the page's update date (``article:modified_time``, ``og:updated_time``), the only date
   some pages give: ``metadata``; else the hAtom ``class="updated"`` date: ``markup``.

The day is the day in the value's own time zone. A value in UTC is the publisher's day only
when the page writes no other: when the same moment is also written in local time (a
``<time datetime>`` with an offset, a local timestamp in the page's data), that day counts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html

from creditcheck.dates import find_written_date, parse_date_value, parse_timestamp
from creditcheck.readers.html.bylines import PageRegion, byline_date, markup_date, microformat_date
from creditcheck.readers.html.page_tags import tagged

_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "article:published:time",
    "article.published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "publication-date",
    "original-publish-date",
    "article_date_original",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dcterms:created",
    "date.created",
    "datecreated",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "bepress_citation_date",
    "prism.publicationdate",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "uploaddate",
)
_GENERIC_META = ("date", "dc.date", "dcterms.date", "dc:date")
_UPDATED_META = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
)
_ARTICLE_TYPE = re.compile(r"article|posting|report|review|recipe|creativework", re.I)
_PAGE_TYPE = re.compile(r"webpage|video|event|podcast", re.I)
# A metadata value longer than this is not a date written out, whatever dates it mentions.
_WRITTEN_VALUE = 64
_PARSELY_DATE = re.compile(r"\"pub_date\"\s*:\s*\"([^\"]{8,40})\"")
_JSON_DATE_KEYS = ("datePublished", "dateCreated", "uploadDate")
# A publication date in script data that is not JSON-LD (a data layer, a framework's state).
_SCRIPT_DATE = re.compile(
    r"[\"'](?:datePublished|date_published|publishDate|publish_date|pubDate|pub_date|publishedAt|"
    r"published_at|publicationDate|publication_date|firstPublished|first_published_at)[\"']\s*:\s*"
    r"[\"'](?P<value>\d{4}-\d{2}-\d{2}[^\"']{0,30})[\"']"
)


@dataclass(frozen=True, slots=True)
class PageDate:
    """The publication day and where it came from (``published_from`` in reports)."""

    day: dt.date
    origin: str


def find_published(root: lxml.html.HtmlElement) -> PageDate | None:
    """The page's publication day from the first place, in the module's order, that gives one."""
    metas = _date_metas(root)
    # Most pages are dated by their metadata: the article's region is found only when needed.
    region = _LazyRegion(root)
    stamped: tuple[tuple[str, Callable[[], str | None]], ...] = (
        ("metadata", lambda: _first_meta(metas, _PUBLISHED_META)),
        ("json-ld", lambda: _json_ld(root)),
        ("metadata", lambda: _first_meta(metas, _GENERIC_META)),
    )
    for origin, value_of in stamped:
        value = value_of()
        if value is not None:
            day = _local_day(value, root) or _value_day(value)
            if day is not None:
                return PageDate(day, origin)
    url = _page_url(root, metas)
    steps: tuple[tuple[str, Callable[[], dt.date | None]], ...] = (
        ("markup", lambda: markup_date(root, region()) or microformat_date(root, region(), "published")),
        ("url", lambda: date_in_url(url)),
        ("byline", lambda: byline_date(region())),
        ("script", lambda: _script_data(root)),
        ("metadata", lambda: _meta_day(metas, _UPDATED_META)),
        ("markup", lambda: microformat_date(root, region(), "updated")),
    )
    for origin, step in steps:
        found = step()
        if found is not None:
            return PageDate(found, origin)
    return None


class _LazyRegion:
    """The page's article region, found at the first call and kept.

    Not ``functools.cache`` over a lambda: compiled by mypyc, the lambda's environment would
    hold the cache that holds the lambda, a reference cycle that kept each page's whole tree
    alive until the garbage collector ran.
    """

    __slots__ = ("_region", "_root")

    def __init__(self, root: lxml.html.HtmlElement) -> None:
        self._root = root
        self._region: PageRegion | None = None

    def __call__(self) -> PageRegion:
        if self._region is None:
            self._region = PageRegion.of(self._root, _language(self._root))
        return self._region


def _date_metas(root: lxml.html.HtmlElement) -> dict[str, str]:
    """Each ``<meta>`` name or property (lower-cased) with its first non-empty value."""
    metas: dict[str, str] = {}
    for meta in tagged(root, "meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in metas:
            metas[key] = content
    # Parse.ly's page description is JSON in one meta: {"pub_date": "2014-12-29T23:17:11", …}
    found = _PARSELY_DATE.search(metas.get("parsely-page", ""))
    if found is not None:
        metas.setdefault("parsely-pub-date", found.group(1))
    return metas


def _page_url(root: lxml.html.HtmlElement, metas: dict[str, str]) -> str | None:
    for link in tagged(root, "link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").strip():
            href: str = link.get("href").strip()
            return href
    return metas.get("og:url")


def _first_meta(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    """The value of the first of ``keys`` that holds a date."""
    for key in keys:
        if key in metas and _value_day(metas[key]) is not None:
            return metas[key]
    return None


def _meta_day(metas: dict[str, str], keys: tuple[str, ...]) -> dt.date | None:
    value = _first_meta(metas, keys)
    return _value_day(value) if value is not None else None


def _value_day(value: str) -> dt.date | None:
    """The day of a metadata value: ISO forms, else a short written date (``Tue, 15 Dec 2014 …``)."""
    day = parse_date_value(value)
    if day is None and len(value) <= _WRITTEN_VALUE:
        day = find_written_date(value, None)
    return day


def _language(root: lxml.html.HtmlElement) -> str:
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not lang:
        for meta in tagged(root, "meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language" or (
                meta.get("property") or ""
            ).lower() == "og:locale":
                return (meta.get("content") or "").replace("_", "-")
    return lang


# --- JSON-LD ---------------------------------------------------------------------------------


def _json_ld(root: lxml.html.HtmlElement) -> str | None:
    """The article's ``datePublished``, then any item's, then ``dateCreated``/``uploadDate``."""
    items: list[dict[str, Any]] = []
    for script in tagged(root, "script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            # Hand-written JSON-LD is often not quite JSON (a trailing comma, a stray quote);
            # its datePublished is still the page's.
            m = re.search(r"\"datePublished\"\s*:\s*\"([^\"]{6,40})\"", script.text)
            if m is not None and parse_date_value(m.group(1)) is not None:
                return m.group(1)
            continue
        items.extend(_top_items(data))
    for key in _JSON_DATE_KEYS:
        for wanted in (_ARTICLE_TYPE, _PAGE_TYPE, None):
            for item in items:
                if wanted is not None and not _is_type(item, wanted):
                    continue
                value = _json_value(item.get(key))
                if value is not None:
                    return value
    return None


def _top_items(data: object) -> Iterator[dict[str, Any]]:
    """The page's own items: the top level, lists, ``@graph`` and a page's ``mainEntity``.

    Items nested deeper (an ItemList's elements, ``hasPart``, ``about``) describe other things.
    """
    if isinstance(data, list):
        for item in data[:50]:
            yield from _top_items(item)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _top_items(data["@graph"])
        yield data
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield main


def _is_type(item: dict[str, Any], pattern: re.Pattern[str]) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and pattern.search(k) for k in kinds)


def _json_value(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and parse_date_value(value.strip()) is not None:
        return value.strip()
    return None


# --- the publisher's local day ------------------------------------------------------------------

# A timestamp with seconds, as data and markup write it; the zone is optional.
_STAMP_IN_TEXT = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?", re.ASCII
)
# What every timestamp holds, from its first "-" on: SRE looks for a pattern's leading
# character before it tries the rest.
_STAMP_HINT = re.compile(r"-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}", re.ASCII)
_MAX_ZONE = dt.timedelta(hours=14)


def _local_day(value: str, root: lxml.html.HtmlElement) -> dt.date | None:
    """The publisher's day for a UTC ``value``: the day of the same moment written in local time.

    A page that writes its moment in UTC (``…T02:25:54Z``) often writes it again with its own
    offset (``2020-02-24T21:25:54-05:00``) or as a local clock time (``2020-02-24 21:25:54``)
    elsewhere: a ``<time>``, a meta, its data. None when the value is not UTC or no local
    form is found.
    """
    _, moment = parse_timestamp(value)
    if moment is None or moment.utcoffset() != dt.timedelta(0):
        return None
    utc_clock = moment.replace(tzinfo=None)
    for text in _stamp_texts(root):
        if _STAMP_HINT.search(text) is None:
            continue  # most scripts hold no timestamp: a scan for its "-" is quicker
        for m in _STAMP_IN_TEXT.finditer(text):
            day, other = parse_timestamp(m.group())
            if other is not None:
                if other == moment and other.utcoffset() != dt.timedelta(0):
                    return other.date()
                continue
            local = dt.datetime.fromisoformat(m.group()[:19].replace(" ", "T"))
            shift = utc_clock - local
            if shift and abs(shift) <= _MAX_ZONE and shift % dt.timedelta(minutes=15) == dt.timedelta(0):
                return day
    return None


def _stamp_texts(root: lxml.html.HtmlElement) -> Iterator[str]:
    for element in tagged(root, "time", "meta", "script"):
        if element.tag == "script":
            if element.text:
                yield element.text[:200_000]
        else:
            yield element.get("datetime") or element.get("content") or ""


# /2011/08/24/ or /2011-08-24/ or /20110824/ in a path; a year and month alone give no day.
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)(?P<sep>[/-]?)(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?=[/._-]|$)"
)


def date_in_url(url: str | None) -> dt.date | None:
    """The day in a page address's path (``https://x.com/2011/08/24/slug``), if any."""
    if not url:
        return None
    path = re.sub(r"^[a-z][\w+.-]*://[^/]*", "", url.strip(), flags=re.I).split("?", 1)[0]
    m = _URL_DATE.search(path)
    if m is None:
        return None
    try:
        return dt.date(int(m["year"]), int(m["month"]), int(m["day"]))
    except ValueError:
        return None


def _script_data(root: lxml.html.HtmlElement) -> dt.date | None:
    for script in tagged(root, "script"):
        if script.text and (m := _SCRIPT_DATE.search(script.text)):
            day = parse_date_value(m["value"])
            if day is not None:
                return day
    return None
