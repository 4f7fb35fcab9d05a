"""Walls of small pictures: a logo wall of clients or partners, a team grid of staff portraits.

Marketing and about pages show rows of small pictures of one kind, each at most a thumbnail's
size, with no caption and a name or a word at most beside each: the clients' logos ("who trusts
us"), the team's portraits. Nothing else in the markup says logo or portrait, but the pattern
does: a story's own pictures are shown larger, or with a caption, or between paragraphs of text;
a gallery's thumbnails link to the large picture. Used by ``pictures`` to judge a picture by the
group it stands in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice

import lxml.etree
import lxml.html

from creditcheck.readers.html.elements import PICTURE_HREF, classes
from creditcheck.readers.html.picture_files import inside
from creditcheck.readers.html.story import text_length

# A wall holds at least this many pictures (one or two small pictures are a story's too).
WALL_PICTURES = 3
# The largest side, in CSS pixels, of a picture in a wall: a logo or a portrait shown small. A
# gallery's thumbnails are 150 px or more.
SMALL_SIDE = 120
# At most this much text per picture of a wall: a name and a role, a heading over the wall.
WALL_TEXT_PER_PICTURE = 80
# How far above a picture the wall it stands in may start.
WALL_DEPTH = 6


def declared_sides(pic: lxml.html.HtmlElement) -> list[int]:
    """The width and height a picture's tag declares, in pixels (none, one or both)."""
    img = pic if pic.tag != "picture" else next(pic.iter("img"), pic)
    sides = []
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit():
            sides.append(int(value))
    return sides


def small(pic: lxml.html.HtmlElement) -> bool:
    """Whether a picture's tag declares it a thumbnail's size or smaller."""
    sides = declared_sides(pic)
    return bool(sides) and max(sides) <= SMALL_SIDE


def shown_pictures(el: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The pictures inside ``el`` a browser shows (a <picture>'s <img> and <noscript> copies aside)."""
    for pic in el.iter("img", "picture"):
        if not inside(pic, el, ("picture", "noscript")):
            yield pic


def wall_of(
    pic: lxml.html.HtmlElement, stop: Callable[[lxml.html.HtmlElement], bool]
) -> lxml.html.HtmlElement | None:
    """The nearest element above a small picture that shows several pictures (the wall it may be in).

    Not above an element ``stop`` says holds the story, nor above the body.
    """
    if not small(pic):
        return None
    for depth, a in enumerate(pic.iterancestors()):
        if depth >= WALL_DEPTH or stop(a) or a.tag in ("body", "html"):
            return None
        if sum(1 for _ in islice(shown_pictures(a), WALL_PICTURES)) >= WALL_PICTURES:
            return a
    return None


def is_wall(group: lxml.html.HtmlElement, editorial: Callable[[lxml.html.HtmlElement], bool]) -> bool:
    """Whether ``group`` is a wall of small pictures: logos or portraits, not a story's pictures.

    ``editorial`` says which pictures are not already furniture by themselves (a logo's file
    name, a tiny icon); those must be three or more, all small, none captioned or linked to its
    large version, with little text around them.
    """
    pics = [p for p in shown_pictures(group) if editorial(p)]
    if len(pics) < WALL_PICTURES or not all(small(p) for p in pics):
        return False
    if text_length(group) > WALL_TEXT_PER_PICTURE * len(pics):
        return False
    for el in group.iter(lxml.etree.Element):
        names = classes(el).lower()
        if el.tag == "figcaption" or "caption" in names or "gallery" in names:
            return False
        if el.tag == "a" and PICTURE_HREF.search(el.get("href") or ""):
            return False  # a gallery's thumbnails open the large picture
    return True
