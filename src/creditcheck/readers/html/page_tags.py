"""The page's elements of the few tags its metadata and story are read from, found in one walk.

The page's address, its dates, its sources, title and publisher, and the story's search each
looked for their ``<meta>``, ``<link>``, ``<script>``, ``<time>``, ``<title>``, ``<h1>`` or
``<article>`` elements with a walk of their own over the whole tree; one walk serves them all.
"""

from __future__ import annotations

import weakref

import lxml.html

TAGS = ("meta", "link", "script", "time", "title", "h1", "article")

Found = tuple[tuple[lxml.html.HtmlElement, ...], dict[str, tuple[lxml.html.HtmlElement, ...]]]
# Kept only while the page's root element is: the tree of a page read is not held after it.
_FOUND: weakref.WeakKeyDictionary[lxml.html.HtmlElement, Found] = weakref.WeakKeyDictionary()


def tagged(root: lxml.html.HtmlElement, *tags: str) -> tuple[lxml.html.HtmlElement, ...]:
    """What ``root.iter(*tags)`` gives, for tags among ``TAGS``, in document order."""
    if root.tag in TAGS:
        return tuple(root.iter(*tags))  # the list would hold its own key alive: not remembered
    found = _FOUND.get(root)
    if found is None:
        every = tuple(root.iter(*TAGS))
        by_tag: dict[str, list[lxml.html.HtmlElement]] = {}
        for el in every:
            by_tag.setdefault(el.tag, []).append(el)
        found = _FOUND[root] = (every, {tag: tuple(els) for tag, els in by_tag.items()})
    every, by_tag_found = found
    if len(tags) == 1:
        return by_tag_found.get(tags[0], ())
    return tuple(el for el in every if el.tag in tags)


def first_below(root: lxml.html.HtmlElement, tag: str) -> lxml.html.HtmlElement | None:
    """What ``root.find(".//TAG")`` gives: the first element of ``tag`` below ``root``."""
    return next((el for el in tagged(root, tag) if el is not root), None)
