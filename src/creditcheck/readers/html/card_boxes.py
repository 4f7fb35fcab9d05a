"""What the parts of a page around its pictures hold, for the teaser search: each picture read once.

``PictureJudge`` looks for a picture's teaser card in up to eight boxes above it, and a box
holds many pictures, so the same boxes and pictures come up again and again. ``CardBoxes``
remembers each box's facts (its text's length, the one picture it shows, the pages its card
links lead to) and each picture's name, so a picture's file addresses are read once a page,
not once for every box above it. It also marks, once a page, the elements that hold a link a
card could lead by: a box outside them leads nowhere, and its links are not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import lxml.html

from creditcheck.readers.html.picture_files import picture_stems, source_stem
from creditcheck.readers.html.story import text_length

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A teaser card holds a headline, a kicker and a line or two of summary; more text than this
# is a story (or a list of teasers), never one card.
CARD_TEXT = 600


class Box:
    """A part of the page that may be a teaser card.

    Its text's length, the name of the one picture it shows (None: none), and the other pages
    its headline and overlay links lead to. A plain class, not a dataclass: one is made for
    most boxes of a page, and mypyc builds a dataclass through the interpreter's ``__init__``.
    """

    __slots__ = ("stem", "targets", "text")

    def __init__(self, text: int, stem: str | None, targets: frozenset[str]) -> None:
        self.text = text
        self.stem = stem
        self.targets = targets


class CardBoxes:
    """The boxes of one page that may be teaser cards, each worked out when first asked."""

    def __init__(self) -> None:
        self._boxes: dict[lxml.html.HtmlElement, Box | None] = {}
        self._stems: dict[lxml.html.HtmlElement, str | None] = {}
        # Each link's heading above it (h2 to h6) and whether it is a card link wherever that
        # heading lies above the box: a link is asked about once for every box above it.
        self._links: dict[lxml.html.HtmlElement, tuple[lxml.html.HtmlElement | None, bool]] = {}
        # The elements holding a link that leads to another page of the site and is a card link
        # for some box around it (None: not marked, every box's links are read).
        self._holders: set[lxml.html.HtmlElement] | None = None

    def mark_links(
        self, tops: Iterable[lxml.html.HtmlElement], other_page: Callable[[str | None], str | None]
    ) -> None:
        """Mark the elements that hold a possible card link, for the page whose elements ``tops`` hold.

        A card link sits in a subheading, holds a heading or is an empty overlay (``_card_link``),
        so those links are the only ones looked at: one pass over the page's links and headings.
        """
        found: list[lxml.html.HtmlElement] = []
        for top in tops:
            for el in top.iter("a", *HEADINGS):
                if el.tag == "a":
                    if len(el) == 0 and not (el.text or "").strip():
                        found.append(el)
                    continue
                if el.tag != "h1":
                    found.extend(el.iter("a"))
                found.extend(el.iterancestors("a"))
        holders: set[lxml.html.HtmlElement] = set()
        for link in found:
            if link in holders or not self._may_lead(link) or other_page(link.get("href")) is None:
                continue
            node: lxml.html.HtmlElement | None = link
            while node is not None and node not in holders:
                holders.add(node)
                node = node.getparent()
        self._holders = holders

    def may_lead(self, el: lxml.html.HtmlElement) -> bool:
        """Whether ``el`` may hold a card link (False: its box's card links lead nowhere).

        The elements that may are those around a possible card link, so an element around one
        that may, may too.
        """
        return self._holders is None or el in self._holders

    def box(self, el: lxml.html.HtmlElement, other_page: Callable[[str | None], str | None]) -> Box | None:
        """What a part of the page holds, for the teaser cards (None: it cannot be one).

        ``other_page`` is the judge's: the other page of the site a link leads to. It is passed
        in, not kept: a judge and its boxes holding each other would keep the page's whole
        tree alive until the garbage collector next looks.
        """
        if el in self._boxes:
            return self._boxes[el]
        box: Box | None = None
        text = text_length(el)
        if text <= CARD_TEXT and el.tag != "h1" and next(el.iterdescendants("h1"), None) is None:
            stems = picture_stems(el, self.stem)
            if len(stems) <= 1:
                targets = frozenset(self._card_targets(el, other_page)) if self.may_lead(el) else _NOWHERE
                box = Box(text, next(iter(stems), None), targets)
        self._boxes[el] = box
        return box

    def stem(self, pic: lxml.html.HtmlElement) -> str | None:
        """The name of the picture ``pic`` shows (None: it names only placeholders), read once."""
        if pic in self._stems:
            return self._stems[pic]
        stem = self._stems[pic] = source_stem(pic)
        return stem

    def _card_targets(
        self, box: lxml.html.HtmlElement, other_page: Callable[[str | None], str | None]
    ) -> set[str]:
        """The other pages the headline and overlay links in ``box`` lead to."""
        found = set()
        for link in box.iter("a"):
            target = other_page(link.get("href"))
            if target is not None and target not in found and self._card_link(link, box):
                found.add(target)
        return found

    def _card_link(self, link: lxml.html.HtmlElement, box: lxml.html.HtmlElement) -> bool:
        """A teaser's own link beside its picture: a headline's link, or an overlay with no text.

        A heading only screen readers get ("element-invisible", "sr-only") names the picture's
        file or the section, not another story. The heading around the link counts up to the
        box (a link that is the box itself: any heading above it).
        """
        heading, otherwise = self._link(link)
        if heading is not None and (link is box or heading is box or _above(box, heading)):
            return not _screen_reader_only(heading)
        return otherwise

    def _may_lead(self, link: lxml.html.HtmlElement) -> bool:
        """Whether ``link`` is a card link for some box around it (``_card_link`` for one box)."""
        heading, otherwise = self._link(link)
        return otherwise or (heading is not None and not _screen_reader_only(heading))

    def _link(self, link: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement | None, bool]:
        """A link's heading above it, and whether it holds a heading or is an overlay, read once."""
        known = self._links.get(link)
        if known is None:
            heading = next(link.iterancestors(*_SUBHEADINGS), None)
            # A heading inside the link, else an overlay: an empty link laid over the whole card.
            inner = next(link.iterdescendants(*HEADINGS), None) is not None
            known = self._links[link] = (heading, inner or (len(link) == 0 and not (link.text or "").strip()))
        return known


def _above(top: lxml.html.HtmlElement, el: lxml.html.HtmlElement) -> bool:
    """Whether ``top`` is an ancestor of ``el``."""
    return any(a is top for a in el.iterancestors())


_SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
_NOWHERE: frozenset[str] = frozenset()
_SCREEN_READER = re.compile(r"element-invisible|sr-only|visually-?hidden|screen-?reader|a11y|hidden", re.I)


def _screen_reader_only(el: lxml.html.HtmlElement) -> bool:
    return el.get("hidden") is not None or _SCREEN_READER.search(el.get("class") or "") is not None
