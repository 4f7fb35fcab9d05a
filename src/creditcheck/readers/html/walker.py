"""Walking the parsed page: one block per block-level element, figures, images and their captions."""

from __future__ import annotations

import bisect
import enum
import functools
import re

import lxml.etree
import lxml.html

from creditcheck.model import Block, BlockKind, Image, Span
from creditcheck.readers.html.captions import (
    HIDDEN_CLASS,
    HOLDS_CREDIT,
    PICTURE_CREDIT_CLASS,
    caption_after,
    hidden_label,
    picture_kind,
    split_credit,
)
from creditcheck.readers.html.elements import (
    ALT_CREDIT,
    BLOCKS,
    BYLINE_CLASS,
    CAPTION_ATTRS,
    CAPTION_CLASS,
    CHROME_CLASS,
    CONTENT_CLASS,
    CREDIT_ATTRS,
    CREDIT_CLASS,
    INLINE,
    PICTURE_TAGS,
    SKIP,
    block_kind,
    caption_credit,
    chrome,
    classes_among,
    control,
    has_block,
    hidden_among,
    inline_text,
    node_line,
    only_link,
    shows_picture,
    tail_line,
)
from creditcheck.readers.html.pictures import OTHER_STORIES, PictureJudge
from creditcheck.readers.html.site import FOOTER_CLASS, site_footer
from creditcheck.readers.html.source import SourceText
from creditcheck.suppress import Suppression, parse_directive


class _Unread(enum.Enum):
    """What _classify gives a child that is not read at all (hidden, chrome, navigation, a comment)."""

    UNREAD = enum.auto()


UNREAD = _Unread.UNREAD


class Walker:
    """Turns the parsed page into blocks, images and suppressions, in document order."""

    def __init__(self, pos: SourceText, judge: PictureJudge) -> None:
        self.pos = pos
        self.judge = judge
        self.cursor = 0
        self.blocks: list[Block] = []
        self.images: list[Image] = []
        self.suppressions: list[Suppression] = []
        # Caption elements that follow a bare <img>, mapped to that image's index, and the kind
        # they are read as when their class names none.
        self.pending_sibling: dict[lxml.html.HtmlElement, int] = {}
        self.pending_kinds: dict[lxml.html.HtmlElement, BlockKind] = {}
        # Figures without a picture (quotes, embeds).
        self.pictureless: set[lxml.html.HtmlElement] = set()
        # Where the last block stands in the page's visible text (to join a split credit to it).
        self.last_stream: tuple[int, int] = (-1, -1)
        # Where each picture element's tag starts in the source, when that can be known exactly.
        self.img_offsets: dict[lxml.html.HtmlElement, int] = {}
        # The image each picture element became: a picture is one image, however it is reached
        # (a figure inside a gallery figure, a linked picture met again).
        self.image_of: dict[lxml.html.HtmlElement, int] = {}

    def locate_images(self, root: lxml.html.HtmlElement) -> None:
        """Pair picture elements (<img>, <picture>, <video>) with their tags in the source.

        A minified page has every picture on line 1, so the element's line cannot tell its tags
        apart. When the source holds exactly as many tags of a kind as the parse has elements
        (tags inside scripts, styles and comments aside), the n-th of each is the same picture;
        otherwise the n-th element of a line is placed at the n-th such tag from the start of
        its line.
        """
        raw: list[tuple[int, int]] | None = None
        by_tag: dict[str, list[lxml.html.HtmlElement]] = {}
        for el in root.iter(*PICTURE_TAGS):  # one pass over the tree for all three
            by_tag.setdefault(el.tag, []).append(el)
        for tag, pattern in PICTURE_TAGS.items():
            elements = by_tag.get(tag)
            if not elements:
                continue  # most pages show no <picture> or <video>: their tags need no search
            offsets = [m.start() for m in pattern.finditer(self.pos.text)]
            if len(offsets) != len(elements) and offsets:
                raw = raw_text_spans(self.pos.text) if raw is None else raw
                offsets = [o for o in offsets if not _inside(raw, o)]
            if len(offsets) == len(elements):
                self.img_offsets.update(zip(elements, offsets, strict=True))
                continue
            # Where the next tag of each line is searched from, so a line's tags are taken in turn.
            next_at: dict[int, int] = {}
            for el in elements:
                line = node_line(el, 1)
                start = next_at.get(line)
                if start is None:
                    start = self.pos.line_offset(line)
                # Only within the line: an element whose tag is not there keeps the old guess.
                last = line >= len(self.pos.line_starts)
                end = len(self.pos.text) if last else self.pos.line_offset(line + 1)
                m = pattern.search(self.pos.text, start, end)
                if m is not None:
                    self.img_offsets[el] = m.start()
                    next_at[line] = m.end()

    def tag_offset(self, el: lxml.html.HtmlElement) -> int:
        """The source offset of ``el``'s start tag (-1 when it cannot be found)."""
        if el in self.img_offsets:
            return self.img_offsets[el]
        if el.tag == "a":
            inner = next((i for i in el.iter("img") if i in self.img_offsets), None)
            if inner is not None:
                found = self.pos.text.rfind("<a", 0, self.img_offsets[inner])
                if found >= 0:
                    return found
        return self.pos.text.find("<" + str(el.tag), self.pos.line_offset(node_line(el, 1)))

    def emit(
        self, parts: list[str], line: int, kind: BlockKind, image: int | None, story: bool = True
    ) -> None:
        text = " ".join("".join(parts).split())
        if not text:
            return
        found = self.pos.find(text, line, self.cursor)
        if found < 0 and "<" in text:
            # "AP Photo/</" at the end of a broken page: lxml keeps a stray "</" as text, the
            # source map reads it as a tag. The text before it can be traced.
            head = text.split("<", 1)[0].rstrip()
            found = self.pos.find(head, line, self.cursor) if head else -1
            text = head if found >= 0 else text
        if found < 0:
            # Text lxml repaired (or split differently) cannot be traced: the element's line.
            self.blocks.append(Block(text, line, 1, kind, image, story=story))
            self.last_stream = (-1, -1)
            return
        end = self.cursor = found + len(text)
        start = found
        if self.blocks and split_credit(
            self.blocks[-1], self.last_stream, self.pos.stream, found, kind, image
        ):
            # "<span class=credit>Photo by X</span> /<span class=distributor>AFP via Getty
            # Images</span>": one credit in two elements (or a label, then the credit).
            start, kind = self.last_stream[0], BlockKind.CREDIT
            self.blocks.pop()
            text = self.pos.stream[start:end]
        self.last_stream = (start, end)
        anchors = self.pos.anchors(start, len(text))
        _, ln, col = anchors[0]
        self.blocks.append(Block(text, ln, col, kind, image, tuple(anchors[1:]), story))

    def walk(self, el: lxml.html.HtmlElement, kind: BlockKind, image: int | None, content: bool) -> None:
        """Emit one block per block-level element; credit/caption elements are their own blocks."""
        if el in self.pending_sibling:
            image = self.pending_sibling.pop(el)
        parts: list[str] = []
        line = el.sourceline or 1
        if el.text:
            parts.append(el.text)
        for child in el:
            # lxml builds a new string on every read of .tail and .tag: each is read once.
            tail = child.tail
            tag = child.tag
            child_kind = self._classify(child, tag, kind)
            if child_kind is UNREAD:
                pass
            elif tag == "img":
                if content:
                    self.add_img(child, image)
            elif (
                child_kind is not None
                or tag in BLOCKS
                or ((tag not in INLINE or tag == "font") and has_block(child))
                or self._holds_caption(child, tag, image, content)
            ):
                # A block-level element, a non-phrasing one that holds one, a <font> that does
                # (an old editor's <font> styling wraps whole sections: "<font><div>Credits</div>
                # <div>Foto: NAME</div></font>"), or an inline one that holds a caption.
                if parts:  # most blocks follow a block, with no text between
                    self.emit(parts, line, kind, image, content)
                    parts = []
                self._walk_block(child, tag, child_kind or kind, image, content)
                line = child.sourceline or line
                if tail and tail.strip():
                    parts.append(tail)
                    line = tail_line(child, line)
                continue
            else:
                parts.append(inline_text(child))
                if content and image is None and shows_picture(child):
                    self._linked_pictures(child)
            if tail:
                parts.append(tail)
        if parts:
            self.emit(parts, line, kind, image, content)

    def _classify(
        self, child: lxml.html.HtmlElement, tag: object, kind: BlockKind
    ) -> BlockKind | _Unread | None:
        """The block kind a child (whose tag is ``tag``) names, None for none, or UNREAD for a child not read.

        Comments are not read as text, but a directive comment is taken as a suppression.
        """
        if not isinstance(tag, str):  # comments and processing instructions
            if isinstance(child, lxml.etree._Comment):
                self.add_suppression(child)
            return UNREAD
        if tag in SKIP or (tag == "a" and control(child)) or child in self.judge.other_stories:
            return UNREAD
        keys = child.keys()
        if keys:
            names = classes_among(child, keys)  # read once for the tests below
            if not names or quiet_names(names):
                # No class names, or none in which any test of class names finds a word: only
                # hiding or the site's footer refuses the element, only its tag names a kind.
                if hidden_among(child, keys) or _footer_element(child, tag, names, keys):
                    return UNREAD
                child_kind = BlockKind.CAPTION if tag == "figcaption" else None
            else:
                if plain_names(names):
                    # Names that say no chrome, footer or hidden label: only a <footer> or the
                    # page's content info can be the site's footer.
                    refused = hidden_among(child, keys) or _footer_element(child, tag, names, keys)
                else:
                    refused = (
                        hidden_among(child, keys)
                        or chrome(child, names, self.judge.holds_story)
                        or site_footer(child, names)
                        or hidden_label(child, names)
                    )
                if refused or self.judge.other_story(child, names):
                    return UNREAD  # hidden, chrome, or another story's teaser or a box of them
                child_kind = picture_kind(child, names, kind, block_kind(child, names))
        elif tag == "footer" and site_footer(child, ""):
            return UNREAD  # the site's notice and imprint, not the story's
        else:
            # Most elements have no attribute at all: nothing hides them or names a kind.
            child_kind = BlockKind.CAPTION if tag == "figcaption" and not self._quoted(child) else None
        if child_kind in (None, BlockKind.BYLINE) and child in self.pending_kinds:
            # The caption or credit right after a picture: a block of its own (a byline there
            # names the photographer).
            return self.pending_kinds[child]
        if child_kind is None and kind == BlockKind.TEXT and tag in ("li", "dd", "dt") and only_link(child):
            return UNREAD  # "<li><a href=…>Reuters</a></li>": a menu entry naming an agency is navigation
        if child_kind is None and kind == BlockKind.CAPTION and caption_credit(child):
            return BlockKind.CREDIT
        return child_kind

    def _walk_block(
        self, child: lxml.html.HtmlElement, tag: str, kind: BlockKind, image: int | None, content: bool
    ) -> None:
        """Walk a block-level child (whose tag is ``tag``) of the kind it names or inherits.

        A figure brings its picture; <article> and <main> mark the story's content.
        """
        child_image = self.add_figure(child) if tag == "figure" else image
        if tag == "figure" and child_image is not None and kind is BlockKind.TEXT:
            kind = BlockKind.CAPTION  # all a picture's figure says besides the picture is its caption
        elif tag == "figure" and child_image is None:
            self.pictureless.add(child)  # a quote's figure: its <figcaption> names the speaker
        content = content or tag in ("article", "main") or child.get("role") == "main"
        self.walk(child, kind, child_image, content)

    def _quoted(self, figcaption: lxml.html.HtmlElement) -> bool:
        """Whether a <figcaption> captions a figure with no picture (a quote: it names the speaker)."""
        figures = figcaption.iterancestors("figure")
        return bool(self.pictureless) and any(a in self.pictureless for a in figures)

    def _holds_caption(
        self, child: lxml.html.HtmlElement, tag: str, image: int | None, content: bool
    ) -> bool:
        """Whether an inline element holds a credit element, or a picture and the caption after it.

        Then it is a block: "<p><span class=image><img><span class=source>Wikimedia Commons</span>
        </span> Text…": the caption must be a block of its own to be the picture's.
        """
        if len(child) == 0:
            return False
        if (tag != "a" or shows_picture(child)) and HOLDS_CREDIT(child):
            return True  # "<span class=licensed-file><img>…<a class=license-author>NAME</a></span>"
        if not content or image is not None or not shows_picture(child):
            return False
        if next(child.iter("img"), None) is None:
            return False
        self._linked_pictures(child)
        return any(d in self.pending_sibling for d in child.iterdescendants())

    def _linked_pictures(self, child: lxml.html.HtmlElement) -> None:
        """The pictures inside a link: "<a href=big.jpg><img src=small.jpg></a>" shows one."""
        for img in child.iter("img"):
            # A figure that lxml nested inside an unclosed inline tag keeps its picture with its
            # caption, in the paragraph's text; a teaser's thumbnail deeper inside is not the
            # article's picture.
            ancestors = list(img.iterancestors())
            if any(a.tag == "figure" for a in ancestors):
                continue
            link = next((a for a in ancestors if a.tag == "a"), None)
            if link is None or link is child or shows_picture(link):
                self.add_img(img, None)

    def add_suppression(self, comment: lxml.etree._Comment) -> None:
        """A directive comment covers the element after it (or, with none, the next line)."""
        parsed = parse_directive(comment.text or "")
        if parsed is None:
            return
        line = node_line(comment, 1)
        offset = self.pos.text.find("<!--", self.pos.line_offset(line))
        ln, col = self.pos.position(offset) if offset >= 0 else (line, 1)
        end_line = line + (comment.text or "").count("\n")
        target = comment.getnext()
        while target is not None and not isinstance(target.tag, str):
            target = target.getnext()
        if target is not None:
            first = node_line(target, end_line + 1)
            last = max(node_line(d, first) for d in target.iter())
        else:
            first = last = end_line + 1
        span = Span(ln, col, ln, col + 4)
        self.suppressions.append(Suppression(parsed[0], parsed[1], span, min(first, end_line + 1), last))

    def add_figure(self, fig: lxml.html.HtmlElement) -> int | None:
        imgs = [i for i in fig.iter("img", "picture", "video") if self.judge.needs_credit(i)]
        if not imgs:
            return None
        first = imgs[0]
        if first in self.image_of:
            return self.image_of[first]
        index = self._new_image(first, fig.sourceline)
        self._attr_credits(first, index)
        if not inline_text(fig).strip():
            # A figure of nothing but its picture: the caption and credit follow it.
            self._pend(caption_after(fig), index)
        return index

    def _pend(self, following: list[tuple[lxml.html.HtmlElement, BlockKind]], index: int) -> bool:
        """Mark the elements after a picture as its caption (when they are walked)."""
        for sibling, kind in following:
            self.pending_sibling[sibling] = index
            self.pending_kinds[sibling] = kind
        return bool(following)

    def add_img(self, img: lxml.html.HtmlElement, image: int | None) -> None:
        if image is not None or img in self.image_of or not self.judge.needs_credit(img):
            return  # an image inside a figure belongs to the figure
        index = self._new_image(img, None)
        self._attr_credits(img, index)
        holder = img.getparent() if img.getparent() is not None and img.getparent().tag == "a" else img
        following = caption_after(img)
        self._pend(following, index)  # the elements right after a bare image (or its box) are its caption
        if all(kind is BlockKind.TEXT for _el, kind in following):
            self._attr_caption(img, holder, index)  # unless they say so, the alt text may hold the credit

    def _new_image(self, el: lxml.html.HtmlElement, line: int | None) -> int:
        """Record a picture element as the next image; its index."""
        index = len(self.images)
        src = el.get("src") or el.get("data-src") or ""
        self.images.append(Image(index, src, self._tag_span(el.sourceline or line or 1, el)))
        self.image_of[el] = index
        return index

    def _attr_caption(self, img: lxml.html.HtmlElement, holder: lxml.html.HtmlElement, index: int) -> None:
        """A lightbox's caption attribute, else an alt text that carries a credit, as the caption."""
        for el in (img, holder) if holder is not img else (img,):
            for attr in CAPTION_ATTRS:
                if (el.get(attr) or "").strip():
                    self._attr_block(el, attr, BlockKind.CAPTION, index)
                    return
        alt = img.get("alt") or ""
        if ALT_CREDIT.search(alt):
            self._attr_block(img, "alt", BlockKind.CAPTION, index)

    def _attr_credits(self, img: lxml.html.HtmlElement, index: int) -> None:
        for attr in CREDIT_ATTRS:
            value = img.get(attr)
            if value and value.strip():
                self._attr_block(img, attr, BlockKind.CREDIT, index)

    def _attr_block(self, el: lxml.html.HtmlElement, attr: str, kind: BlockKind, index: int) -> None:
        """One attribute's value as a block, positioned at the value in the source."""
        value = el.get(attr) or ""
        line = node_line(el, 1)
        tag_at = self.tag_offset(el)
        tag_end = self.pos.text.find(">", tag_at) if tag_at >= 0 else -1
        m = None
        if tag_at >= 0:
            pattern = re.compile(rf"\s{re.escape(attr)}\s*=\s*[\"']?", re.I)
            m = pattern.search(self.pos.text, tag_at, tag_end if tag_end >= 0 else len(self.pos.text))
        if m is None:
            self.emit([value], line, kind, index)
            return
        lead = len(value) - len(value.lstrip())
        ln, col = self.pos.position(m.end() + lead)
        self.blocks.append(Block(" ".join(value.split()), ln, col, kind, index))

    def _tag_span(self, line: int, el: lxml.html.HtmlElement) -> Span:
        tag = str(el.tag)
        found = self.tag_offset(el)
        if found < 0:
            return Span(line, 1, line, 1)
        end = self.pos.text.find(">", found)
        ln, col = self.pos.position(found)
        eln, ecol = self.pos.position(end + 1 if end >= 0 else found + len(tag) + 1)
        return Span(ln, col, eln, ecol)


def _footer_element(el: lxml.html.HtmlElement, tag: str, names: str, keys: list[str]) -> bool:
    """Whether a ``<footer>`` or the page's content info is the site's footer (names: no footer's).

    ``keys``: the element's attribute names.
    """
    if tag != "footer" and ("role" not in keys or el.get("role") != "contentinfo"):
        return False
    return site_footer(el, names)


# Whether class names may hold a word one of the walk's tests of class names looks for: each
# alternative of those patterns holds one of these words (lower case, by first letter: one
# search tries a few at each position), or is "ads?" between separators (_ADS, CHROME_CLASS's
# own test). Run on the lower-cased names when they are ASCII (where re.I folds as lower() does).
_MAY_NAME = re.compile(
    r"a(?:11y|dvert|gency|rticle-list|ssistive|ttribution|uthor|utor)"
    r"|b(?:ildnachweis|readcrumb|y-?line)"
    r"|c(?:aption|olophon|omment|ontributor|ookie|opyright|ourtesy|redit)"
    r"|distributor|f(?:ooter|otograf)|keep-reading|l(?:izenz|o-?mas-?visto)|m(?:enu|ore-|ost)"
    r"|n(?:av|ews-list|ewsletter)|outbrain|p(?:aywall|hotographer|ost-list|romo)|quelle"
    r"|r(?:ead-?next|ecirc|ecommend|elacionad|elated|ights)"
    r"|s(?:creen|ee-?also|har|how-for-sr|imilar|ocial|ource|ponsor|r-only|ubscribe)"
    r"|t(?:aboola|easer|rending)|visually|writer"
)
_ADS = re.compile(r"(?:^|[\s_-])ads?(?:$|[\s_-])")
# The patterns of the walk's tests of class names (besides "teaser", a plain substring test):
# what quiet_names stands for (its tests compare the two).
NAMES_PATTERNS = (
    CHROME_CLASS,
    FOOTER_CLASS,
    HIDDEN_CLASS,
    CREDIT_CLASS,
    CAPTION_CLASS,
    BYLINE_CLASS,
    OTHER_STORIES,
    PICTURE_CREDIT_CLASS,
)


@functools.lru_cache(maxsize=4096)
def quiet_names(names: str) -> bool:
    """Whether ``names`` surely holds nothing that a test the walk asks of class names finds.

    Then no class test refuses the element or names its kind: chrome, the site's footer (by its
    class), a hidden label, a box of other stories or a teaser, a credit, caption or byline, a
    picture's credit in a caption (their patterns, ``NAMES_PATTERNS``, and "teaser"). Most
    class strings hold none of their words, and one search of the lower-cased names says so
    where the patterns took eight. False where it cannot tell: names with a word of theirs or
    with a letter outside ASCII.
    """
    if not names.isascii():
        return False
    low = names.lower()
    return _MAY_NAME.search(low) is None and ("ad" not in low or _ADS.search(low) is None)


_RAW_START = re.compile(r"<!--|<(script|style|textarea|title|xmp)(?=[\s>/])", re.I)
_RAW_END = {name: re.compile(rf"</{name}", re.I) for name in ("script", "style", "textarea", "title", "xmp")}


@functools.lru_cache(maxsize=4096)
def plain_names(names: str) -> bool:
    """Whether class names name neither page chrome, a site footer nor a hidden label.

    Then ``chrome`` and ``captions.hidden_label`` cannot refuse the element, nor can
    ``site_footer`` unless it is a ``<footer>`` or the page's content info: the walk asks one
    question, remembered per class string, where it asked three. (Each of the three refuses only
    where its pattern is found in the names.)
    """
    if CHROME_CLASS.search(names) is not None and CONTENT_CLASS.search(names) is None:
        return False
    return FOOTER_CLASS.search(names) is None and HIDDEN_CLASS.search(names) is None


def raw_text_spans(text: str) -> list[tuple[int, int]]:
    """Where the source holds text that is not markup: comments, scripts, styles (start, end)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (m := _RAW_START.search(text, pos)) is not None:
        if m.group(1) is None:
            end = text.find("-->", m.end())
            end = len(text) if end < 0 else end + 3
        else:
            close = _RAW_END[m.group(1).lower()].search(text, m.end())
            end = len(text) if close is None else close.start()
        spans.append((m.start(), end))
        pos = max(end, m.end())
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    # The last span starting at or before ``offset`` (spans do not overlap).
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]
