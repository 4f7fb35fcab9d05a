"""Where the story is on a page (its article, body or main part), and the page's own address."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import SplitResult, urlsplit

import lxml.etree
import lxml.html

from creditcheck.readers.html.elements import CONTENT_CLASS
from creditcheck.readers.html.page_tags import tagged

# An <article> with no more text than this is a teaser card, not the story (unless alone).
STORY_MIN_TEXT = 600
# The second-level labels under which a country's domains sell names (example.co.uk).
_SECOND_LEVEL = re.compile(r"^(?:co|com|net|org|gov|edu|ac|or|ne|go)$")
# A path segment that identifies a story: five or more characters with a digit, not a date
# ("367061", "leaders-meet-100.html", "20241203-OYT1T50078"; not "2024-12" or "20241203").
_STORY_ID = re.compile(r"(?=[^/]*\d)(?!\d{4}-\d\d(?:-\d\d)?$|\d{8}$)[\w.,;~-]{5,}")


def site_of(host: str) -> str:
    """A host's site: its last two labels, three under a country's second level (co.uk)."""
    labels = host.lower().removeprefix("www.").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and _SECOND_LEVEL.match(labels[-2]):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


# The length of an element's text with its runs of white space as one (libxml2 counts it).
_TEXT_LENGTH = lxml.etree.XPath("string-length(normalize-space(.))")


def text_length(el: lxml.html.HtmlElement) -> int:
    found = _TEXT_LENGTH(el)
    return int(found) if isinstance(found, float) else 0


# The elements by an attribute's value: libxml2 finds an attribute node faster than it tests
# every element's attribute in a predicate, and faster still from the elements only
# (``/descendant::*``) than from every node (``//``, text too).
_STORY_XPATH = lxml.etree.XPath("/descendant::*/@itemprop[. = 'articleBody']/..")


_MAIN_XPATH = lxml.etree.XPath("/descendant::main | /descendant::*/@role[. = 'main']/..")


# Class names may name the story's content when they hold "content" or "body" (ASCII case
# folded; CONTENT_CLASS decides).
_FOLD = str.maketrans("BCDENOTY", "bcdenoty")


def find_story(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element holding the story: its ``<article>``, else its body, ``<main>`` or content box.

    ``itemprop=articleBody`` names the body; its article, or the part of the page that also
    holds the headline, holds the lead picture or gallery too. Else the ``<article>`` around
    the page's ``<h1>``, else the ``<article>`` with the most text; else ``<main>``; else an
    element with a content class, widened like the body to hold the headline.
    """
    body = first_element(_STORY_XPATH(root))
    h1 = next(iter(tagged(root, "h1")), None)
    if body is not None:
        article = next(body.iterancestors("article"), None)
        return article if article is not None else _with_headline(body, h1)
    article = next(h1.iterancestors("article"), None) if h1 is not None else None
    if article is not None:
        return article
    # The <article> with the most text, unless all of several are teasers (a story is more
    # than a card).
    articles = [(text_length(a), a) for a in tagged(root, "article")]
    longest = max(articles, key=lambda pair: pair[0], default=None)
    if longest is not None and (longest[0] > STORY_MIN_TEXT or len(articles) == 1):
        return longest[1]
    main = first_element(_MAIN_XPATH(root))
    if main is not None:
        return main
    return next((el for el in _page_elements(root) if _content_class(el.get("class"))), None)


def _content_class(names: str | None) -> bool:
    if not names:
        return False
    folded = names.translate(_FOLD)
    return ("content" in folded or "body" in folded) and CONTENT_CLASS.search(names) is not None


def _page_elements(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """Every element of the page in document order, as ``//*`` finds them.

    A broken page may hold a second ``<html>`` beside the first: its elements count too.
    """
    for top in page_tops(root):
        yield from top.iter(lxml.etree.Element)


def page_tops(root: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement, ...]:
    """The page's root and what stands beside it (a broken page's second ``<html>``), in order."""
    before = [*root.itersiblings(preceding=True)][::-1]  # nearest first
    return (*before, root, *root.itersiblings())


def _with_headline(body: lxml.html.HtmlElement, h1: lxml.html.HtmlElement | None) -> lxml.html.HtmlElement:
    """The story's body widened to hold its headline too (and so its lead picture or gallery)."""
    if h1 is None:
        return body
    # The elements themselves, not their ids: lxml makes an element's Python object when it is
    # read and frees it when nothing holds it, so a later object may take a freed one's id.
    holders = set(h1.iterancestors())
    for a in body.iterancestors():
        if a in holders:
            return a if a.tag not in ("body", "html") else body
    return body


def xpath_elements(found: object) -> list[lxml.html.HtmlElement]:
    """The elements of an XPath result."""
    return [el for el in found if isinstance(el, lxml.etree._Element)] if isinstance(found, list) else []


def first_element(found: object) -> lxml.html.HtmlElement | None:
    return next(iter(xpath_elements(found)), None)


class PageAddress:
    """The page's own address (canonical link or og:url), its path, its site and its ids.

    Without an address, the site is the one most of the page's links lead to. The ids are the
    story's in its address ("367061", "20241203-OYT1T50078"): a page whose address holds one
    of them belongs to this story (its photo page, its gallery).
    """

    def __init__(self, root: lxml.html.HtmlElement) -> None:
        canonical = og_url = ""
        self.names: set[str] = set()  # the site's names: og:site_name, its domain's first label
        for el in tagged(root, "link", "meta"):
            prop = el.get("property")
            if el.tag == "link" and "canonical" in (el.get("rel") or "").lower().split():
                canonical = canonical or (el.get("href") or "").strip()
            elif prop == "og:url":
                og_url = og_url or (el.get("content") or "").strip()
            elif prop == "og:site_name" and (el.get("content") or "").strip():
                self.names.add(" ".join((el.get("content") or "").split()).lower())
        url = canonical or og_url
        parts = split_address(url)
        if parts is None:  # "http://[not-a-host]/": no address the links can be read against
            url, parts = "", urlsplit("")
        self.url = url
        self.path = parts.path.rstrip("/")
        self.ids = {part for part in self.path.split("/") if _STORY_ID.fullmatch(part)}
        host = parts.hostname if url else None
        self.site = site_of(host) if host else _most_linkedsite_of(root)
        if self.site:
            self.names.add(self.site.split(".", 1)[0])


def _most_linkedsite_of(root: lxml.html.HtmlElement) -> str:
    counts: dict[str, int] = {}
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if href.startswith(("http:", "https:", "//")):
            parts = split_address(href)
            host = parts.hostname if parts is not None else None
            if host:
                counts[site_of(host)] = counts.get(site_of(host), 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


def split_address(url: str) -> SplitResult | None:
    """The parts of an address; None where it cannot be read (``http://[not-a-host]/``).

    Python refuses a bracketed host that is not an IP address; one such link on a page must
    not leave the whole page unread.
    """
    try:
        return urlsplit(url)
    except ValueError:
        return None
