"""What the parts of a page around its pictures hold, for the teaser search: each picture read once.

``PictureJudge`` looks for a picture's teaser card in up to eight boxes above it, and a box
holds many pictures, so the same boxes and pictures come up again and again. ``CardBoxes``
remembers each box's facts (its text's length, the one picture it shows, the pages its card
links lead to) and each picture's name, so a picture's file addresses are read once a page,
not once for every box above it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import lxml.html

from creditcheck.readers.html.picture_files import picture_stems, source_stem
from creditcheck.readers.html.story import text_length

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A teaser card holds a headline, a kicker and a line or two of summary; more text than this
# is a story (or a list of teasers), never one card.
CARD_TEXT = 600


@dataclass(frozen=True, slots=True)
class Box:
    """A part of the page that may be a teaser card.

    Its text's length, the name of the one picture it shows (None: none), and the other pages
    its headline and overlay links lead to.
    """

    text: int
    stem: str | None
    targets: frozenset[str]


class CardBoxes:
    """The boxes of one page that may be teaser cards, each worked out when first asked."""

    def __init__(self) -> None:
        self._boxes: dict[lxml.html.HtmlElement, Box | None] = {}
        self._stems: dict[lxml.html.HtmlElement, str | None] = {}

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
        if text <= CARD_TEXT and el.tag != "h1" and el.find(".//h1") is None:
            stems = picture_stems(el, self._stem)
            if len(stems) <= 1:
                box = Box(text, next(iter(stems), None), frozenset(_card_targets(el, other_page)))
        self._boxes[el] = box
        return box

    def _stem(self, pic: lxml.html.HtmlElement) -> str | None:
        if pic in self._stems:
            return self._stems[pic]
        stem = self._stems[pic] = source_stem(pic)
        return stem


def _card_targets(box: lxml.html.HtmlElement, other_page: Callable[[str | None], str | None]) -> set[str]:
    """The other pages the headline and overlay links in ``box`` lead to."""
    found = set()
    for link in box.iter("a"):
        target = other_page(link.get("href"))
        if target is not None and target not in found and _card_link(link, box):
            found.add(target)
    return found


def _card_link(link: lxml.html.HtmlElement, box: lxml.html.HtmlElement) -> bool:
    """A teaser's own link beside its picture: a headline's link, or an overlay with no text.

    A heading only screen readers get ("element-invisible", "sr-only") names the picture's
    file or the section, not another story.
    """
    for a in link.iterancestors():
        if a.tag in HEADINGS and a.tag != "h1":
            return not _screen_reader_only(a)
        if a is box:
            break
    if any(d.tag in HEADINGS for d in link.iterdescendants()):
        return True
    # An overlay: an empty link laid over the whole card.
    return len(link) == 0 and not (link.text or "").strip()


_SCREEN_READER = re.compile(r"element-invisible|sr-only|visually-?hidden|screen-?reader|a11y|hidden", re.I)


def _screen_reader_only(el: lxml.html.HtmlElement) -> bool:
    return el.get("hidden") is not None or _SCREEN_READER.search(el.get("class") or "") is not None
