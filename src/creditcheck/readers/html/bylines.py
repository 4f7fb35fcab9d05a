"""Dates an HTML page states in its own markup: date elements, bylines, meta lines, the lead.

Only the article's own region counts. A container is somewhere else (a teaser list, a
sidebar, comments, navigation) when its tag or the words of its class or id say so, unless it
holds the page's headline: a layout wrapper called ``content-area sidebar`` that holds the
``<h1>`` is the article's column, not a sidebar.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html

from creditcheck.dates import parse_date_value, written_dates
from creditcheck.readers.html.story import xpath_elements

_ELSEWHERE_TAGS = frozenset({"aside", "nav", "select", "option"})
# Whole words of class and id names ("related-posts", "mostRead", "c-teaser__item"), so that
# "artikelfooter" or "single-promotion" do not count.
_ELSEWHERE_WORDS = frozenset(
    {
        "comment",
        "comments",
        "commentlist",
        "related",
        "teaser",
        "teasers",
        "sidebar",
        "recent",
        "popular",
        "trending",
        "archive",
        "archives",
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "recommended",
        "recommendations",
        "latest",
        "promo",
        "newsletter",
        "cookie",
        "weather",
    }
)
_MOST_READ = re.compile(r"most[-_ ]?(?:read|viewed|popular)|read[-_ ]?more|more[-_ ]?stories", re.I)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_ARTICLE_ITEM = re.compile(r"schema\.org/(?:\w*Article|BlogPosting|Report|WebPage)\b", re.I)
# Class, id or itemprop words of an element that states the page's date.
_DATE_CLASS = re.compile(
    r"date|time|byline|posted|publish|submitted|meta|dateline|datum|fecha|data|autor|author|info", re.I
)
# Words that say a date is not the publication: an update, a validity, an event, a cache.
_NOT_PUBLISHED = re.compile(
    r"updat|aktualisiert|geändert|änderung|modifi|mis à jour|actualizad|aggiornat|zaktualizowano|"
    r"bijgewerkt|edited|gültig|cached|expir|event|termin|veranstaltung",
    re.I,
)
# Words that say the date after them is the publication date ("Veröffentlicht am", "Publié le").
_LABEL = re.compile(
    r"^\W*(?:(?:date|dated|published|posted|first published|released|datum|veröffentlicht|"
    r"publiziert|erstellt|erschienen|stand|pressemitteilung|press release|publié|mis en ligne|"
    r"publicado|fecha|pubblicato|data|opublikowano|gepubliceerd|geplaatst|publicerad|publisert|"
    r"udgivet)(?:\s+(?:on|am|vom|le|el|en|il|op|den))?|am|vom|on|le|el|il)\b\W*",
    re.I,
)
# A weekday or similar word before the date ("Donnerstag, 4. November 2021", "Do 9 Apr 2020").
_LEAD_WORD = re.compile(r"[^\W\d]{2,12}\.?,?\s+")
_LEAD_SEPARATOR = re.compile(r"\s*(?:[-–—|/•·„\"“]|$)")
_WORDS_PER_DATE_ELEMENT = 25
_WORDS_PER_DATE_LINE = 12
_SCAN_CHARS = 400
# How far into a date line its first digit and its whole date can be ("Donnerstag, 24. September 2020").
_DIGIT_WITHIN = 24
_DATE_WITHIN = 64
# Elements by an attribute's value: libxml2 finds attribute nodes faster than it tests every
# element's attributes in a predicate.
_ITEMPROP_DATES = "//@itemprop[. = 'datePublished' or . = 'dateCreated' or . = 'uploadDate']/.."
_ARTICLES = "//article | //@role[. = 'article']/.."
# The elements one of whose class names is {kind}.
_CLASS_WORD = "//@class[contains(concat(' ', normalize-space(.), ' '), ' {kind} ')]/.."


@dataclass(frozen=True, slots=True)
class PageRegion:
    """Where the article is: the scopes to search, in order, and the headline's containers."""

    scopes: tuple[lxml.html.HtmlElement, ...]
    # The elements themselves, not their ids: lxml makes a new Python object for an element
    # whenever no reference to the old one is left, so only a held reference stays the same.
    headline_path: frozenset[lxml.html.HtmlElement]
    lang: str

    @classmethod
    def of(cls, root: lxml.html.HtmlElement, lang: str) -> PageRegion:
        body = root.find("body")
        body = body if body is not None else root
        articles = root.xpath(_ARTICLES)
        scopes = (articles[0], body) if len(articles) == 1 else (body,)
        headings = root.xpath("//h1")
        path = frozenset(headings[0].iterancestors()) if headings else frozenset()
        return cls(scopes, path, lang)

    def elsewhere(self, element: lxml.html.HtmlElement, scope: lxml.html.HtmlElement) -> bool:
        """Whether ``element`` sits in something that is not the article (a teaser, a comment)."""
        node = element
        while node is not None and node is not scope and node.tag not in ("body", "html"):
            if node not in self.headline_path and _other_content(node):
                return True
            node = node.getparent()
        return False


def _other_content(node: lxml.html.HtmlElement) -> bool:
    if node.tag in _ELSEWHERE_TAGS:
        return True
    if node.tag == "footer" and not any(a.tag == "article" for a in node.iterancestors()):
        return True  # the page's footer; an article's own <footer> holds its byline
    names = f"{node.get('class') or ''} {node.get('id') or ''}"
    if not names.strip():
        return False
    words = {w.lower() for w in _WORD.findall(names)}
    return bool(words & _ELSEWHERE_WORDS) or _MOST_READ.search(names) is not None


def markup_date(root: lxml.html.HtmlElement, region: PageRegion) -> dt.date | None:
    """``itemprop="datePublished"`` of the article, then its first ``<time>`` that is not an update."""
    for element in root.xpath(_ITEMPROP_DATES):
        if not _article_item(element) and region.elsewhere(element, region.scopes[-1]):
            continue
        value = element.get("content") or element.get("datetime") or element.text_content()
        day = _value_day(value)
        if day is not None:
            return day
    for scope in region.scopes:
        for time in scope.iter("time"):
            parent = time.getparent()
            names = f"{time.get('class') or ''} {time.get('itemprop') or ''} {parent.get('class') or ''}"
            if _NOT_PUBLISHED.search(names) and "publish" not in names:
                continue
            if region.elsewhere(time, scope):
                continue
            day = _value_day(time.get("datetime")) or _first_date(time.text_content()[:200], region.lang)
            if day is not None:
                return day
    return None


def microformat_date(root: lxml.html.HtmlElement, region: PageRegion, kind: str) -> dt.date | None:
    """The hAtom date of the entry: ``<abbr class="published" title="2013-04-04T18:52:11Z">``.

    ``kind`` is ``published`` or ``updated``; the machine-readable value is in ``title`` (or
    ``datetime``, ``content``), the text is often a date without a year (``Jun 13, 4:03 PM``).
    """
    for element in root.xpath(_CLASS_WORD.format(kind=kind)):
        value = element.get("title") or element.get("datetime") or element.get("content")
        if value and not region.elsewhere(element, region.scopes[-1]):
            day = _value_day(value)
            if day is not None:
                return day
    return None


def _article_item(element: lxml.html.HtmlElement) -> bool:
    """Whether the microdata item ``element`` belongs to is an article (or a web page) in the head."""
    if element.tag == "meta" and element.getparent() is not None and element.getparent().tag == "head":
        return True
    for node in element.iterancestors():
        if node.get("itemscope") is not None:
            return _ARTICLE_ITEM.search(node.get("itemtype") or "") is not None and not any(
                a.tag in ("aside", "nav", "li") for a in node.iterancestors()
            )
    return False


def _value_day(value: str | None) -> dt.date | None:
    if not value or not value.strip():
        return None
    return parse_date_value(value.strip()) or _first_date(value[:200], "")


def _first_date(text: str, lang: str) -> dt.date | None:
    found = written_dates(text, lang)
    return found[0][2] if found else None


def byline_date(region: PageRegion) -> dt.date | None:
    """A date the article states as its own in a byline, a meta line or the lead paragraph.

    First an element whose class, id or itemprop says date, time, byline or meta and whose short
    text holds a date; then, in page order, the first line that starts with the date, perhaps
    after a label ("Datum:", "Publié le") or a weekday: a short line, or the lead paragraph when
    a dash or a quote follows the date (``01.02.2022 – Der Arbeitsmarkt …``). Never a date
    inside prose: the date of something the article talks about.
    """
    for scope in region.scopes:
        day = _date_element(scope, region) or _date_line(scope, region)
        if day is not None:
            return day
    return None


# The elements (the scope too) with a class, id or itemprop, in document order: most elements
# have none, and libxml2 passes them over without a Python object made for each.
_NAMED = lxml.etree.XPath("descendant-or-self::*[@class or @id or @itemprop]")


def _date_element(scope: lxml.html.HtmlElement, region: PageRegion) -> dt.date | None:
    for element in xpath_elements(_NAMED(scope)):
        if element.tag in ("script", "style"):
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''} {element.get('itemprop') or ''}"
        if not names.strip() or not _date_names(names):
            continue
        text = _short_text(element)
        if text is None or len(text.split()) > _WORDS_PER_DATE_ELEMENT or _NOT_PUBLISHED.search(text):
            continue
        found = written_dates(text, region.lang, short_year=True)
        if found and not region.elsewhere(element, scope):
            return found[0][2]
    return None


@functools.lru_cache(maxsize=4096)
def _date_names(names: str) -> bool:
    """Whether class, id and itemprop say a date, and not another date than the publication's."""
    # Asked of every element of the story's scope; a page repeats its class names. Most hold no
    # word of _DATE_CLASS: one search of the lower-cased names says so (where re.I folds as
    # lower() does: ASCII).
    if names.isascii() and _DATE_WORD.search(names.lower()) is None:
        return False
    return _DATE_CLASS.search(names) is not None and _NOT_PUBLISHED.search(names) is None


# What each alternative of _DATE_CLASS holds, lower case ("dat": date, dateline, datum, data).
_DATE_WORD = re.compile(r"a(?:utor|uthor)|byline|dat|fecha|info|meta|posted|publish|submitted|time")


def _date_line(scope: lxml.html.HtmlElement, region: PageRegion) -> dt.date | None:
    """The first element, in page order, whose text (or a line of it) is a date line."""
    seen: set[lxml.html.HtmlElement] = set()
    # A wrapper's text is often its only child's: each text is read once.
    days: dict[str, dt.date | None] = {}
    # Only elements near a text holding a digit can start with a date: find those texts first
    # rather than reading the text of every element of the page.
    for node in scope.xpath(".//text()"):
        if _DIGIT_OR_HASH.search(node) is None:
            continue
        for element in _line_candidates(node, scope):
            if element in seen:
                continue
            seen.add(element)
            for text in _lines(element):
                if text in days:
                    day = days[text]
                else:
                    day = days[text] = _leading_date(text, region.lang)
                if (
                    day is not None
                    and not region.elsewhere(element, scope)
                    and not _holds_other_content(element)
                ):
                    return day
    return None


# A text that may start a date line: one with a digit (or a "#", which the scan always took too).
_DIGIT_OR_HASH = re.compile(r"[0-9#]")


def _line_candidates(node: Any, scope: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The element a text belongs to and its two nearest ancestors, outermost first.

    A label may stand in an element of its own before the date (``<h5>Datum:</h5>03.11.2021``),
    so the line is the container's text.
    """
    owner = node.getparent()
    if owner is None:
        return []
    if node.is_tail:
        owner = owner.getparent()
    chain: list[lxml.html.HtmlElement] = []
    while owner is not None and len(chain) < 3 and isinstance(owner.tag, str) and owner.tag not in _NO_LINES:
        chain.append(owner)
        if owner is scope:
            break
        owner = owner.getparent()
    return chain[::-1]


_NO_LINES = frozenset({"script", "style", "head", "title", "html", "body"})


def _holds_other_content(element: lxml.html.HtmlElement) -> bool:
    """Whether some of the element's text comes from a teaser, a sidebar or the like inside it."""
    return any(
        isinstance(d.tag, str) and _other_content(d) and d.text_content().strip()
        for d in element.iterdescendants()
    )


def _lines(element: lxml.html.HtmlElement) -> Iterator[str]:
    """The element's whole short text, and the lines its ``<br>`` children break it into."""
    whole = _short_text(element)
    if whole:
        yield whole
    if element.find("br") is None:
        return
    for piece in [element.text, *(child.tail for child in element if child.tag == "br")]:
        line = " ".join((piece or "").split())
        if line and any(ch.isdigit() for ch in line):
            yield line


def _short_text(element: lxml.html.HtmlElement) -> str | None:
    """The element's visible text, spaces collapsed, cut at a few hundred characters."""
    parts: list[str] = []
    size = 0
    for piece in element.itertext():
        parts.append(piece)
        size += len(piece)
        if size > _SCAN_CHARS:
            break
    text = " ".join("".join(parts).split())
    return text or None


def _leading_date(text: str, lang: str) -> dt.date | None:
    """The date a line starts with, after an optional label and weekday, if the line is a date line."""
    label = _LABEL.match(text)
    start = label.end() if label else 0
    # The date starts the line (after the label, and perhaps a weekday): a digit comes early.
    # (Tested before the words of another date, which most lines without one would search.)
    if not any(ch.isdigit() for ch in text[start : start + _DIGIT_WITHIN]):
        return None
    if _NOT_PUBLISHED.search(text[:80]):
        return None
    lead = _LEAD_WORD.match(text, start)
    found = written_dates(text[: start + _DATE_WITHIN], lang, short_year=True)
    if not found:
        return None
    first_start, first_end, day = found[0]
    if first_start not in (start, lead.end() if lead else -1):
        return None
    if len(text.split()) <= _WORDS_PER_DATE_LINE or _LEAD_SEPARATOR.match(text, first_end):
        return day
    return None
