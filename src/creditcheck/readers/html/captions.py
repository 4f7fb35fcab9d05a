"""Which text around a picture is its caption or credit: what follows it, parts named by class, labels."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from creditcheck.model import Block, BlockKind
from creditcheck.readers.html.elements import BLOCKS, SKIP, block_kind, classes, inline_text, names_test

# Inside a picture's caption or right after a picture, these classes name its credit: "source",
# "copyright", "legend", "Bildnachweis", "photo-author". Elsewhere they mean other things.
PICTURE_CREDIT_CLASS = re.compile(
    r"copyright|(?:^|[\s_-])(?:rights|source|quelle|bildnachweis|bildquelle|fotograf\w*|autor|author"
    r"|byline|distributor|agency|license-author|lizenz)(?=$|\s|--)",
    re.I,
)
LEGEND_CLASS = re.compile(r"legend|cutline|img-?text|image-?text|bildtext|bildunterschrift|subtitle", re.I)
# A byline's class that says it credits a picture: "byline-image", "photo-byline", "image-author"
# (not "byline-images", the writers' portraits).
PICTURE_BYLINE = re.compile(
    r"(?:image|img|photo|foto|picture|bild|licen[cs]e)[-_]*(?:byline|author|autor|credit)"
    r"|(?:byline|author|autor)[-_]*(?:image|img|photo|foto|picture|bild)(?![a-z])",
    re.I,
)
# Visually hidden labels for screen readers ("Image", "Credit", "Photo:") are no part of a caption.
HIDDEN_CLASS = re.compile(
    r"sr-only|visually-?hidden|screen-?reader|a11y|assistive|offscreen|show-for-sr", re.I
)
HIDDEN_LABEL = re.compile(
    r"(?i)\s*(?:image|photo|photograph|picture|credit|credits|foto|bild|copyright|caption|source|expand"
    r"|enlarge|vergrößern|open|close|schließen|image\s+credit|photo\s+credit)\s*[.:…]*\s*"
)
# A picture's controls: "click to enlarge", "Bild vergrößern", "Fullscreen". Neither caption
# nor anything that stops a picture's box from holding only the picture.
UI_LABEL = re.compile(
    r"(?i)\s*(?:click\s+to\s+enlarge|enlarge|zoom|(?:bild\s+)?vergrößern|view\s+(?:full\s+size|larger)"
    r"(?:\s+image)?|open\s+gallery|full\s*screen|vollbild|ampliar|agrandir|\d+\s*/\s*\d+)\s*"
)
# Elements that never hold the caption of the picture before them.
_NOT_CAPTION = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "form", "nav", "header"})
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "source", "br", "meta", "link"})
MAX_CAPTION = 400  # longer text after a picture is the story going on
MAX_CREDIT_ELEMENT = 120
_MAX_CLIMB = 6

_HIDDEN_NAMES = names_test(HIDDEN_CLASS)  # asked of every element the walk reads with a class


def hidden_label(el: lxml.html.HtmlElement, names: str) -> bool:
    """A visually hidden label such as ``<span class="sr-only">Image</span>``: not read."""
    return bool(names) and _HIDDEN_NAMES(names) and HIDDEN_LABEL.fullmatch(inline_text(el)) is not None


def picture_kind(
    el: lxml.html.HtmlElement, names: str, parent_kind: BlockKind, kind: BlockKind | None
) -> BlockKind | None:
    """The kind of an element of a picture's caption or credit, from its class.

    In a caption, a byline (``span.byline-image``, ``caption-author``) names the photographer and
    a copyright, source or licence element holds the credit; a byline whose own class names a
    picture does so anywhere. A long "byline" around a picture holds its caption too: its
    parts are read on their own.
    """
    if kind is BlockKind.BYLINE:
        if parent_kind is BlockKind.CAPTION or PICTURE_BYLINE.search(names):
            return BlockKind.CREDIT if _short(el) and not _wrapper(el) else None
        return kind
    if (
        kind is None
        and parent_kind is BlockKind.CAPTION
        and PICTURE_CREDIT_CLASS.search(names)
        and _short(el)
    ):
        return BlockKind.CREDIT
    return kind


def _wrapper(el: lxml.html.HtmlElement) -> bool:
    """Whether ``el`` holds parts named by their own classes (a caption's text and its credit)."""
    return any(isinstance(c.tag, str) and c.get("class") for c in el.iterdescendants())


def _short(el: lxml.html.HtmlElement) -> bool:
    """Short enough to be a credit: a longer element holds a caption as well."""
    return len(inline_text(el).strip()) <= MAX_CREDIT_ELEMENT


def caption_after(img: lxml.html.HtmlElement) -> list[tuple[lxml.html.HtmlElement, BlockKind]]:
    """The elements right after a picture (or after the boxes that hold only it) that caption it.

    ``<div><a><img></a></div><div class="caption">…</div>``, ``<td><img></td></tr><tr><td>Credit:
    …``, ``<picture>…</picture><span class="teaser-copyright">© …</span>``: the picture's caption
    or credit follows the picture's own box. The search climbs from the picture through the
    elements that hold nothing else and stops at the first that is followed by something: that
    element, and a short one after it (a caption, then its credit), with the kind each is read as.
    """
    box = img
    climbed = 0
    while climbed < _MAX_CLIMB:
        climbed += box.tag != "source"  # lxml nests each unclosed <source> of a <picture>
        if (box.tail or "").strip():
            return []  # the picture stands in a sentence
        # The next cell of a table row is the row's data; a caption is in the next row.
        nxt = _next_visible(box) if box.tag not in ("td", "th") else None
        if nxt is not None:
            first = _caption_kind(nxt)
            if first is None:
                return []
            second = _next_visible(nxt) if not (nxt.tail or "").strip() else None
            then = _caption_kind(second) if second is not None and _short(second) else None
            return [first, then] if then is not None else [first]
        parent = box.getparent()
        if parent is None or parent.tag in ("body", "html", "figure") or not _holds_only(parent, box):
            return []
        box = parent
    return []


def _next_visible(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The next sibling that shows something (not a script, a <source>, a control or an empty element).

    A box holding only a picture without an address (a lightbox's empty popup) shows nothing.
    """
    nxt = el.getnext()
    while nxt is not None:
        if isinstance(nxt.tag, str) and nxt.tag not in _INVISIBLE and _shows(nxt):
            return nxt
        if (nxt.tail or "").strip():
            return None
        nxt = nxt.getnext()
    return None


def _holds_only(parent: lxml.html.HtmlElement, box: lxml.html.HtmlElement) -> bool:
    """Whether ``parent`` shows nothing but ``box``: no text of its own, no other visible child."""
    if (parent.text or "").strip():
        return False
    for child in parent:
        if child is box or not isinstance(child.tag, str) or child.tag in _INVISIBLE:
            if child is not box and (child.tail or "").strip():
                return False
            continue
        if _shows(child) or (child.tail or "").strip():
            return False
    return True


def _shows(el: lxml.html.HtmlElement) -> bool:
    """Whether an element shows text or a picture (a control's label shows neither)."""
    text = inline_text(el)
    if text.strip() and not UI_LABEL.fullmatch(text):
        return True
    if _zoom_control(el):
        return False
    return any(
        i.get("src") or i.get("data-src") or i.tag != "img" for i in el.iter("img", "picture", "video")
    )


# A zoom button beside a picture: "<a class="loupe" href="big.jpg"><img src="lightbox_lupe.png"></a>".
_ZOOM = re.compile(r"lupe|loupe|zoom|magnif|enlarge|vergr", re.I)


def _zoom_control(el: lxml.html.HtmlElement) -> bool:
    """A link with no text whose class or icon names a zoom (a magnifier): a control, not a picture."""
    if el.tag != "a":
        return False
    icons = [i.get("src") or "" for i in el.iter("img")]
    return len(icons) <= 1 and _ZOOM.search(" ".join([classes(el), *icons])) is not None


def _has_img(el: lxml.html.HtmlElement) -> bool:
    return el.tag in ("img", "picture", "video") or next(el.iter("img", "picture", "video"), None) is not None


def _caption_kind(el: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement, BlockKind] | None:
    """``el`` and the kind it is read as, when it captions the picture before it."""
    if el.tag in _NOT_CAPTION or el.tag in SKIP or _has_img(el):
        return None
    names = classes(el)
    if names:
        kind = block_kind(el, names)
        if kind in (BlockKind.CREDIT, BlockKind.CAPTION):
            return el, kind
        credit_class = PICTURE_CREDIT_CLASS.search(names) or kind is BlockKind.BYLINE
        if credit_class and _short(el):
            return el, BlockKind.CREDIT
        if LEGEND_CLASS.search(names):
            return el, BlockKind.CAPTION
    text = " ".join(inline_text(el).split())
    if not text or len(text) > MAX_CAPTION:
        return None
    if el.tag not in BLOCKS and el.tag not in ("span", "small", "em", "i", "cite", "font", "b", "strong"):
        return None
    # Plain text after a picture is read as the picture's, but as text: it says it is a credit
    # (a prefix, a bracket, a known agency) or it is none.
    return el, BlockKind.TEXT


# What may stand between the two elements of one credit: "Photo by X</span> /<span>AFP…".
# A credit's label standing alone in its element: "Foto:", "Photo by:", "Credit:".
CREDIT_LABEL = re.compile(
    r"(?i)(?:photo(?:graph)?s?|fotos?|bild(?:er)?|images?|pictures?|credits?|photo\s+credits?|image\s+credits?"
    r"|bildquelle|quelle|bildnachweis|fuente|cr[ée]dits?)(?:\s+by)?\s*[:：]|(?i:photo(?:graph)?s?|images?)\s+by"
)
_CREDIT_JOIN = re.compile(r"\s*(?:/|\||,|;|via\b|[-–—]|\+)?\s*")
_JOIN_LEAD = re.compile(r"(?:/|\||via\s)")


def split_credit(
    last: Block, last_at: tuple[int, int], stream: str, found: int, kind: BlockKind, image: int | None
) -> bool:
    """Whether the block found at ``found`` goes on the credit block before it.

    That is a credit element followed, in the same picture's caption, by text that starts with
    a credit's separator or by another credit element, with nothing but the separator between.
    """
    start, end = last_at
    if start < 0 or found < end or found - end > 8 or last.image != image:
        return False
    if CREDIT_LABEL.fullmatch(last.text):
        return True  # "<div class=foto>Foto: <div><p>Anton Luhr</p></div></div>": a label, then the credit
    if last.kind is not BlockKind.CREDIT or kind not in (BlockKind.CREDIT, BlockKind.CAPTION):
        return False
    gap = stream[end:found]
    if not _CREDIT_JOIN.fullmatch(gap):
        return False
    # The separator may end the first element, stand between or open the second.
    return (
        bool(gap.strip())
        or last.text.endswith(("/", "|", " via"))
        or _JOIN_LEAD.match(stream, found) is not None
    )


# An inline element that holds an element named as a credit ("credit", "license-author",
# "copyright"): walked as a block, so the credit is a block of its own. The descendants' class
# attributes are tested, not the descendants: half the time of ".//*[contains(… @class …)]" on
# the real pages' inline elements, same answers.
HOLDS_CREDIT = lxml.etree.XPath(
    "boolean(descendant::*/@class[contains(translate(., 'CREDITLS', 'creditls'), 'credit')"
    " or contains(., 'license-author') or contains(., 'copyright')])"
)
