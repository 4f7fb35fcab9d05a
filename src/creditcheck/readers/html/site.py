"""The site's own parts of a page: its footer, and the names the page gives its publisher."""

from __future__ import annotations

import json
import re

import lxml.etree
import lxml.html

from creditcheck.readers.html.elements import CONTENT_CLASS, HOLDS_STORY, classes, names_test
from creditcheck.readers.html.page_tags import first_below, tagged

# A page footer by its class or id: "footer", "site-footer", "c-footer__bottom", "mainFooter",
# "colophon". A footer that belongs to a part of the story (an article's, a post's, a card's,
# a figure's) names that part first.
FOOTER_CLASS = re.compile(r"footer|colophon", re.I)
PART_FOOTER = re.compile(
    r"(?:article|entry|post|story|content|card|teaser|figure|image|media|caption|comment|review|product"
    r"|item|modal|dialog|box|panel|widget|block|body|text|quote|table)[-_]*(?:footer|foot\b)",
    re.I,
)
_footer_names = names_test(FOOTER_CLASS)


def site_footer(el: lxml.html.HtmlElement, names: str) -> bool:
    """Whether ``el`` is the page's own footer: the site's notice, imprint and widgets, not the story's.

    That is a ``<footer>``, an element marked ``role="contentinfo"`` or one whose class or id
    names a footer, outside the story (no ``<article>``, ``<figure>`` or article body around
    it) and holding no story itself. A ``<footer>`` inside an ``<article>`` is the story's own
    and may hold its notice ("© 2024 The Japan Times").
    """
    # Asked of every element with a class: the cheap test of the two first (PART_FOOTER's
    # alternatives are tried at every position of the names).
    if el.tag != "footer" and el.get("role") != "contentinfo" and not (names and _footer_names(names)):
        return False
    if names and PART_FOOTER.search(names):
        return False
    for ancestor in el.iterancestors():
        if ancestor.tag in ("article", "figure") or ancestor.get("itemprop") == "articleBody":
            return False
        if CONTENT_CLASS.search(classes(ancestor)):
            return False
    return not HOLDS_STORY(el) and not _HOLDS_HEADLINE(el)


# "<div class='page has-footer'>" around a whole page without <article>: its headline shows it.
_HOLDS_HEADLINE = lxml.etree.XPath("boolean(.//h1)")


# --- the publisher's names ------------------------------------------------------------------

_NAME_METAS = ("og:site_name", "application-name", "publisher", "dc.publisher", "dcterms.publisher")
_LD_JSON = "application/ld+json"
_MAX_LD = 200_000  # a JSON-LD block longer than this is data, not the page's description


def publisher_names(root: lxml.html.HtmlElement) -> list[str]:
    """The names the page gives its own publisher: ``og:site_name``, meta publisher, JSON-LD publisher."""
    names: list[str] = []
    for meta in tagged(root, "meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        value = (meta.get("content") or "").strip()
        if key in _NAME_METAS and value and value not in names:
            names.append(value)
    for script in tagged(root, "script"):
        if (script.get("type") or "").strip().lower() != _LD_JSON:
            continue
        body = script.text or ""
        if not body.strip() or len(body) > _MAX_LD:
            continue
        try:
            data = json.loads(body)
        except ValueError:
            continue  # broken JSON-LD is common; the page's other names still count
        for name in _ld_publishers(data):
            if name not in names:
                names.append(name)
    site = _title_site(root)
    if site and site not in names:
        names.append(site)
    return names


def _ld_publishers(data: object) -> list[str]:
    """The publishers' names in a JSON-LD value (also inside ``@graph`` and arrays), by ``@id`` too."""
    nodes: list[dict[str, object]] = []
    stack: list[object] = [data]
    while stack and len(nodes) < 500:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            nodes.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend(graph)
    by_id = {str(n["@id"]): n for n in nodes if isinstance(n.get("@id"), str)}
    out: list[str] = []
    for node in nodes:
        publisher = node.get("publisher")
        for entry in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(entry, str):
                out.append(entry.strip())
            elif isinstance(entry, dict):
                target = by_id.get(str(entry.get("@id")), entry)
                name = target.get("name") or entry.get("name")
                if isinstance(name, str) and name.strip():
                    out.append(name.strip())
    return [n for n in out if n]


# "Headline | Site", "Headline - Site", "Site :: Über uns": a title's parts.
_TITLE_PARTS = re.compile(r"\s+(?:[|–—·»:]{1,2}|-)\s+")
_MAX_SITE_WORDS = 4


def _title_site(root: lxml.html.HtmlElement) -> str | None:
    """The site's name from the page's ``<title>``: its last part, or a short title of one part.

    Small sites name themselves nowhere else ("<title>bumm film GmbH</title>"). The last part
    of a title of several is the site's by convention; the headline comes first.
    """
    title = first_below(root, "title")
    text = " ".join((title.text_content() if title is not None else "").split())
    if not text:
        return None
    parts = [p for p in _TITLE_PARTS.split(text) if p]
    last = parts[-1] if parts else ""
    if not last or len(last.split()) > _MAX_SITE_WORDS:
        return None
    return last
