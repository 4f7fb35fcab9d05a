"""HTML articles (lxml): text blocks, figures and captions, credit elements, meta dates."""

from __future__ import annotations

import bisect
import functools
import html as htmllib
import operator
import re
from itertools import accumulate, count
from typing import Any

import lxml.etree
import lxml.html

from creditcheck.dates import parse_date_value
from creditcheck.model import Block, Image, Span
from creditcheck.readers import ReadResult, decorative_name, source_lines
from creditcheck.suppress import Suppression, parse_directive

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "form",
        "button",
        "select",
        "iframe",
        "object",
        "head",
        "textarea",
        "aside",
        "menu",
    }
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "li",
        "figcaption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "td",
        "th",
        "dd",
        "dt",
        "caption",
        "pre",
        "address",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "main",
        "ul",
        "ol",
        "table",
        "tr",
        "body",
        "br",
        "hr",
        "dl",
    }
)
# Phrasing elements: their text runs on in the paragraph around them. Any other element that
# holds a block (custom elements such as <phoenix-page>, <amp-story>, old <center>) is a block.
_INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "picture",
        "source",
        "img",
    }
)
_CREDIT_CLASS = re.compile(r"credit|photographer|attribution|courtesy|image-?source|photo-?source", re.I)
# Page chrome that is not article content, even when it is not inside <nav> or <aside>.
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|social|share|sharing|related|"
    r"recommended|recirc|promo|sponsor(?:ed)?|advert\w*|ads?|taboola|outbrain|newsletter|"
    r"subscribe|comments?|cookie|paywall)(?:$|[\s_-])",
    re.I,
)
# The article's own body, whatever else its class list says ("gigya-share-btns-2_gig_containerParent
# articleBody": a share widget hooked onto the body is not a reason to skip the story).
_CONTENT_CLASS = re.compile(
    r"article-?body|story-?body|entry-content|post-content|article-content|story-content|main-content",
    re.I,
)
_CAPTION_CLASS = re.compile(r"caption", re.I)
# "Jane Doe, The Associated Press" under the headline names the writer, not a photo's source.
_BYLINE_CLASS = re.compile(
    r"byline|by-line|(?:^|[\s_-])(?:author|authors|writer|contributor)(?:$|[\s_-])", re.I
)
_DECORATIVE_CLASS = re.compile(r"logo|icon|avatar|emoji|sprite|pixel|spacer|badge|author", re.I)

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
)
_SOURCE_META = ("source", "syndication-source", "original-source", "creditcheck:source")
_CREDIT_ATTRS = ("data-credit", "data-photo-credit", "data-image-credit", "data-copyright")
# Where lightbox and gallery scripts keep a picture's caption (on the <img> or the link around it).
_CAPTION_ATTRS = ("data-caption", "data-fresco-caption", "data-lightbox-caption", "data-sub-html")
# An alt text is read as a caption only when it shows a credit's marks ("… | KYODO", "(AP Photo/…)").
_ALT_CREDIT = re.compile(r"\s[|/]\s*\S|\([^)]*/[^)]*\)|©|\b(?:photo|credit|courtesy|via)\b", re.I)


# A run of adjacent tags and comments. It starts with a literal "<", which lets the regex engine
# skip the text between tags at C speed, and a run of them is one match rather than one each;
# the text between is then mapped a line at a time with string methods.
_TAG = r"<(?:!--.*?(?:-->|$)|[A-Za-z/!?][^>]*>?)"
_TAGS = re.compile(rf"({_TAG}(?:{_TAG})*)", re.S)
# The tokens of the few lines that hold entities, tabs or runs of spaces (never a tag: _TAGS
# took those). Words joined by single spaces form one token: they map to the source one to one.
_TOKEN = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?|[^<&\s]+(?: [^<&\s]+)*|\s+|[<&]")
_LINE_END = re.compile(r"\r\n|\r|\n")
# Pages repeat the same few entities (&amp; &quot; &nbsp;) many times over.
_unescape = functools.lru_cache(maxsize=4096)(htmllib.unescape)


class _SourceText:
    """The page's visible text as one string, mapped back to offsets in the source.

    Tags and comments vanish, entities become their character and whitespace runs one space,
    the same normalisation the walker applies to element text; so a block's text can be found
    here with ``str.find`` and every character of it traced to its line and column in the file.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        if "\r" in text and _LONE_CR.search(text):
            self.line_starts = [0, *[m.end() for m in _LINE_END.finditer(text)]]
        else:
            # Only LF and CRLF end lines here, and both end at the LF: line k + 1 starts after
            # the first k + 1 lines and their k + 1 newlines, summed without a Python loop.
            lengths = accumulate(map(len, text.split("\n")[:-1]))
            self.line_starts = [0, *map(operator.add, lengths, count(1))]
        pieces: list[str] = []
        # Each segment: where it starts in the stream and in the source, and whether its
        # characters map one to one (a text run) or all to one place (an entity, a space).
        segs: list[tuple[int, int, bool]] = []
        n = 0
        last_space = True
        # Where in the source the last segment would go on, were it a text run still open.
        joinable = -1

        def collapse(pending: int, upto: int) -> None:
            """Emit the one space the whitespace from ``pending`` to ``upto`` becomes."""
            nonlocal n, joinable, last_space
            if upto - pending == 1 and text[pending] == " ":
                # A single plain space maps one to one: it may extend the open text run.
                if joinable != pending:
                    segs.append((n, pending, True))
                joinable = upto
            else:
                segs.append((n, pending, False))
                joinable = -1
            pieces.append(" ")
            n += 1
            last_space = True

        split = _TAGS.split(text)
        tags = split[1::2]
        tags.append("")
        off = 0  # where the current text between tags starts in the source
        for chunk, tag in zip(split[0::2], tags, strict=True):
            if chunk:
                # Whitespace collapses into one space that starts where the whitespace does;
                # ``pending`` is where the whitespace after the last text would start.
                pending = off
                pos = off
                for line in () if chunk.isspace() else chunk.split("\n"):
                    core = line.strip()
                    if core:
                        start = pos + len(line) - len(line.lstrip())
                        if start > pending and not last_space:
                            collapse(pending, start)
                        pending = end = start + len(core)
                        if "&" not in core and "  " not in core and core.isprintable():
                            # Words and single spaces only (printable excludes every other
                            # space character): one text run, as _TOKEN's words would join.
                            if joinable != start:
                                segs.append((n, start, True))
                            pieces.append(core)
                            n += end - start
                            joinable = end
                            last_space = False
                        else:
                            n, joinable, last_space = self._tokens(
                                start, end, n, joinable, last_space, pieces, segs
                            )
                    pos += len(line) + 1
                off += len(chunk)
                if off > pending and not last_space:
                    collapse(pending, off)
            off += len(tag)
        self.stream = "".join(pieces)
        self.seg_stream: list[int] = [seg[0] for seg in segs]
        self.seg_source: list[int] = [seg[1] for seg in segs]
        self.seg_verbatim: list[bool] = [seg[2] for seg in segs]

    def _tokens(
        self,
        start: int,
        end: int,
        n: int,
        joinable: int,
        last_space: bool,
        pieces: list[str],
        segs: list[tuple[int, int, bool]],
    ) -> tuple[int, int, bool]:
        """Map a line's text that holds entities, tabs or runs of spaces token by token.

        Takes and returns the stream's length, the open text run's end and whether the stream
        ends in a space.
        """
        for m in _TOKEN.finditer(self.text, start, end):
            tok = m.group(0)
            at = m.start()
            verbatim = True
            if tok[0] == "&" and len(tok) > 1:
                decoded = _unescape(tok)
                if len(decoded) == 1:
                    tok, verbatim = decoded, False
            if tok.isspace():
                if last_space:
                    continue
                verbatim = tok == " "
                tok = " "
            last_space = tok == " "
            if verbatim:
                if joinable != at:
                    segs.append((n, at, True))
                joinable = at + len(tok)
            else:
                segs.append((n, at, False))
                joinable = -1
            pieces.append(tok)
            n += len(tok)
        return n, joinable, last_space

    def line_offset(self, line: int) -> int:
        return self.line_starts[min(max(line, 1), len(self.line_starts)) - 1]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def stream_index(self, source_offset: int) -> int:
        i = bisect.bisect_right(self.seg_source, source_offset) - 1
        if i < 0:
            return 0
        if self.seg_verbatim[i]:
            # Past the end of a text run (inside a tag after it) is the start of the next one.
            end = self.seg_stream[i + 1] if i + 1 < len(self.seg_stream) else len(self.stream)
            return min(self.seg_stream[i] + (source_offset - self.seg_source[i]), end)
        return self.seg_stream[i]

    def source_offset(self, index: int) -> int:
        i = max(bisect.bisect_right(self.seg_stream, index) - 1, 0)
        if self.seg_verbatim[i]:
            return self.seg_source[i] + (index - self.seg_stream[i])
        return self.seg_source[i]

    def find(self, text: str, line: int, cursor: int) -> int:
        """Stream index of ``text`` at or after the element's line (and the walk's cursor)."""
        begin = self.stream_index(self.line_offset(line))
        stream = self.stream
        found = stream.find(text, begin if begin > cursor else cursor)
        if found < 0 and cursor > begin:
            found = stream.find(text, begin)
        return found

    def anchors(self, start: int, length: int) -> list[tuple[int, int, int]]:
        """(block offset, line, column) wherever the block's mapping to the source jumps."""
        seg_stream, seg_source, line_starts = self.seg_stream, self.seg_source, self.line_starts
        first = max(bisect.bisect_right(seg_stream, start) - 1, 0)
        last = bisect.bisect_left(seg_stream, start + length)
        if first >= last:
            return []
        offset = self.source_offset(start)
        line = bisect.bisect_right(line_starts, offset)
        out = [(0, line, offset - line_starts[line - 1] + 1)]
        # Segments start at strictly increasing stream and source offsets, so each later
        # segment's own start is where the block jumps, and its line is at or after the last.
        for i in range(first + 1, last):
            offset = seg_source[i]
            line = bisect.bisect_right(line_starts, offset, line - 1)
            out.append((seg_stream[i] - start, line, offset - line_starts[line - 1] + 1))
        return out


def _classes(el: lxml.html.HtmlElement) -> str:
    get = el.get
    cls, ident, prop = get("class"), get("id"), get("itemprop")
    if not ident and not prop:
        return cls or ""  # the usual case, without building a join
    return " ".join([v for v in (cls, ident, prop) if v])


def _kind(el: lxml.html.HtmlElement, names: str | None = None) -> str | None:
    """The element's block kind from its class names (``names``: its _classes, when known)."""
    if names is None:
        names = _classes(el)
    if not names:
        return "caption" if el.tag == "figcaption" else None
    if _CREDIT_CLASS.search(names):
        return "credit"
    if el.tag == "figcaption" or _CAPTION_CLASS.search(names):
        return "caption"
    if _BYLINE_CLASS.search(names):
        return "byline"
    return None


class _Walker:
    def __init__(self, pos: _SourceText) -> None:
        self.pos = pos
        self.cursor = 0
        self.blocks: list[Block] = []
        self.images: list[Image] = []
        self.suppressions: list[Suppression] = []
        # Caption elements that follow a bare <img>, mapped to that image's index.
        self.pending_sibling: dict[lxml.html.HtmlElement, int] = {}
        # Where each <img> element's tag starts in the source, when that can be known exactly.
        self.img_offsets: dict[lxml.html.HtmlElement, int] = {}

    def locate_images(self, root: lxml.html.HtmlElement) -> None:
        """Pair <img> elements with their tags in the source, in document order.

        A minified page has every picture on line 1, so the element's line cannot tell its tags
        apart. When the source holds exactly as many ``<img`` tags as the parse has elements,
        the n-th of each is the same picture; otherwise (an ``<img`` in a script or comment)
        tags are found from the element's line, as before.
        """
        offsets = [m.start() for m in _IMG_TAG.finditer(self.pos.text)]
        elements = list(root.iter("img"))
        if len(offsets) == len(elements):
            self.img_offsets = dict(zip(elements, offsets, strict=True))

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
        return self.pos.text.find("<" + str(el.tag), self.pos.line_offset(_line(el, 1)))

    def emit(self, parts: list[str], line: int, kind: str, image: int | None) -> None:
        text = " ".join("".join(parts).split())
        if not text:
            return
        found = self.pos.find(text, line, self.cursor)
        if found < 0:
            # Text lxml repaired (or split differently) cannot be traced: the element's line.
            self.blocks.append(Block(text, line, 1, kind, image))
            return
        self.cursor = found + len(text)
        anchors = self.pos.anchors(found, len(text))
        _, ln, col = anchors[0]
        self.blocks.append(Block(text, ln, col, kind, image, tuple(anchors[1:])))

    def walk(self, el: lxml.html.HtmlElement, kind: str, image: int | None, content: bool) -> None:
        """Emit one block per block-level element; credit/caption elements are their own blocks."""
        if el in self.pending_sibling:
            image = self.pending_sibling.pop(el)
        parts: list[str] = []
        line = el.sourceline or 1
        if el.text:
            parts.append(el.text)
        for child in el:
            tag = child.tag
            # lxml builds a new string on every read of .tail: read it once.
            tail = child.tail
            if not isinstance(tag, str):  # comments and processing instructions
                if isinstance(child, lxml.etree._Comment):
                    self.add_suppression(child)
                if tail:
                    parts.append(tail)
                continue
            if tag in _SKIP:
                if tail:
                    parts.append(tail)
                continue
            if child.keys():
                names = _classes(child)  # read once for both tests below
                if _hidden(child) or _chrome(child, names):
                    if tail:
                        parts.append(tail)
                    continue
                child_kind = _kind(child, names)
            else:
                # Most elements have no attribute at all: nothing hides them or names a kind.
                child_kind = "caption" if tag == "figcaption" else None
            if child_kind is None and kind == "text" and tag in ("li", "dd", "dt") and _only_link(child):
                # "<li><a href=…>Reuters</a></li>": a menu entry naming an agency is navigation.
                if tail:
                    parts.append(tail)
                continue
            if child_kind is None and kind == "caption" and _caption_credit(child):
                child_kind = "credit"
            child_image = image
            if tag == "figure":
                child_image = self.add_figure(child)
            elif tag == "img":
                if content:
                    self.add_img(child, image)
                if tail:
                    parts.append(tail)
                continue
            if tag in _BLOCKS or child_kind is not None or (tag not in _INLINE and _has_block(child)):
                if parts:  # most blocks follow a block, with no text between
                    self.emit(parts, line, kind, image)
                    parts = []
                self.walk(
                    child,
                    child_kind or ("caption" if kind == "caption" else kind),
                    child_image,
                    content or tag in ("article", "main") or child.get("role") == "main",
                )
                line = child.sourceline or line
                if tail and tail.strip():
                    parts.append(tail)
                    line = _tail_line(child, line)
            else:
                parts.append(_inline_text(child))
                if content and image is None and _shows_picture(child):
                    # "<a href=big.jpg><img src=small.jpg></a>": a linked picture is still a picture.
                    for img in child.iter("img"):
                        # A figure that lxml nested inside an unclosed inline tag keeps its
                        # picture with its caption, in the paragraph's text; a teaser's
                        # thumbnail deeper inside is not the article's picture.
                        ancestors = list(img.iterancestors())
                        if any(a.tag == "figure" for a in ancestors):
                            continue
                        link = next((a for a in ancestors if a.tag == "a"), None)
                        if link is None or link is child or _shows_picture(link):
                            self.add_img(img, None)
                if tail:
                    parts.append(tail)
        if parts:
            self.emit(parts, line, kind, image)

    def add_suppression(self, comment: lxml.etree._Comment) -> None:
        """A directive comment covers the element after it (or, with none, the next line)."""
        parsed = parse_directive(comment.text or "")
        if parsed is None:
            return
        line = _line(comment, 1)
        offset = self.pos.text.find("<!--", self.pos.line_offset(line))
        ln, col = self.pos.position(offset) if offset >= 0 else (line, 1)
        end_line = line + (comment.text or "").count("\n")
        target = comment.getnext()
        while target is not None and not isinstance(target.tag, str):
            target = target.getnext()
        if target is not None:
            first = _line(target, end_line + 1)
            last = max(_line(d, first) for d in target.iter())
        else:
            first = last = end_line + 1
        span = Span(ln, col, ln, col + 4)
        self.suppressions.append(Suppression(parsed[0], parsed[1], span, min(first, end_line + 1), last))

    def add_figure(self, fig: lxml.html.HtmlElement) -> int | None:
        imgs = [i for i in fig.iter("img", "picture", "video") if not _decorative(i)]
        if not imgs:
            return None
        first = imgs[0]
        index = len(self.images)
        src = first.get("src") or first.get("data-src") or ""
        line = first.sourceline or fig.sourceline or 1
        self.images.append(Image(index, src, self._tag_span(line, first)))
        self._attr_credits(first, index)
        return index

    def add_img(self, img: lxml.html.HtmlElement, image: int | None) -> None:
        if image is not None or _decorative(img):
            return  # an image inside a figure belongs to the figure
        index = len(self.images)
        line = img.sourceline or 1
        self.images.append(
            Image(index, img.get("src") or img.get("data-src") or "", self._tag_span(line, img))
        )
        self._attr_credits(img, index)
        holder = img.getparent() if img.getparent() is not None and img.getparent().tag == "a" else img
        sibling = holder.getnext()
        if sibling is not None and isinstance(sibling.tag, str) and _kind(sibling) in ("credit", "caption"):
            # The caption element right after a bare image is its caption.
            self.pending_sibling[sibling] = index
            return
        self._attr_caption(img, holder, index)

    def _attr_caption(self, img: lxml.html.HtmlElement, holder: lxml.html.HtmlElement, index: int) -> None:
        """A lightbox's caption attribute, else an alt text that carries a credit, as the caption."""
        for el in (img, holder) if holder is not img else (img,):
            for attr in _CAPTION_ATTRS:
                if (el.get(attr) or "").strip():
                    self._attr_block(el, attr, "caption", index)
                    return
        alt = img.get("alt") or ""
        if _ALT_CREDIT.search(alt):
            self._attr_block(img, "alt", "caption", index)

    def _attr_credits(self, img: lxml.html.HtmlElement, index: int) -> None:
        for attr in _CREDIT_ATTRS:
            value = img.get(attr)
            if value and value.strip():
                self._attr_block(img, attr, "credit", index)

    def _attr_block(self, el: lxml.html.HtmlElement, attr: str, kind: str, index: int) -> None:
        """One attribute's value as a block, positioned at the value in the source."""
        value = el.get(attr) or ""
        line = _line(el, 1)
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


def _line(node: Any, default: int) -> int:
    """A node's source line (lxml's stubs type comments' lines loosely)."""
    line = getattr(node, "sourceline", None)
    return line if isinstance(line, int) else default


_IMG_TAG = re.compile(r"<img(?=[\s/>])", re.I)
_PICTURE_HREF = re.compile(r"\.(?:jpe?g|png|webp|gif|avif)(?:[?#]|$)", re.I)
_LIGHTBOX_CLASS = re.compile(r"lightbox|fresco|gallery|zoom|enlarge|fancybox|photoswipe", re.I)


def _shows_picture(el: lxml.html.HtmlElement) -> bool:
    """Whether the pictures inside an inline element are the article's (not a teaser's link).

    A link to the full-size picture or a lightbox shows the picture; a thumbnail linking to
    another page is a teaser or a promotion, whose picture the article does not publish.
    """
    if el.tag != "a":
        return True
    href = el.get("href") or ""
    if not href or _PICTURE_HREF.search(href) or _LIGHTBOX_CLASS.search(_classes(el)):
        return True
    return any(el.get(attr) for attr in _CAPTION_ATTRS)


def _has_block(el: lxml.html.HtmlElement) -> bool:
    """Whether a non-phrasing element holds a block-level element (then it is walked as a block)."""
    return any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in el.iterdescendants())


def _only_link(el: lxml.html.HtmlElement) -> bool:
    """Whether all of ``el``'s text is the text of one link."""
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) != 1 or children[0].tag != "a" or (el.text or "").strip():
        return False
    return not (children[0].tail or "").strip()


# Inline elements that hold a caption's credit apart from its sentence.
_CREDIT_INLINE = frozenset({"small", "cite"})


def _caption_credit(el: lxml.html.HtmlElement) -> bool:
    """Whether an inline element of a caption is its credit, set apart from the caption's text.

    ``<figcaption><span>The Yomiuri Shimbun</span><br>Leaders debate…`` and ``<figcaption>Leaders
    debate… <small>Jane Doe/AFP</small></figcaption>``: a short span first or last, cut off by a
    line break, or a <small>/<cite> at the end. An emphasised word inside the sentence is not.
    """
    if el.tag not in _CREDIT_INLINE and el.tag != "span":
        return False
    text = " ".join(_inline_text(el).split())
    if not 2 <= len(text) <= 80 or (text.endswith(".") and len(text.split()) > 4):
        return False
    parent = el.getparent()
    if parent is None:
        return False
    siblings = [c for c in parent if isinstance(c.tag, str)]
    index = siblings.index(el)
    first = index == 0 and not (parent.text or "").strip()
    last = index == len(siblings) - 1 and not (el.tail or "").strip()
    after = siblings[index + 1] if index + 1 < len(siblings) else None
    before = siblings[index - 1] if index > 0 else None
    if first and after is not None and after.tag == "br" and not (el.tail or "").strip():
        return True
    if last and before is not None and before.tag == "br" and not (before.tail or "").strip():
        return True
    return last and el.tag in _CREDIT_INLINE


def _tail_line(child: lxml.html.HtmlElement, line: int) -> int:
    # The tail follows the element's last descendant, whose line is the nearest we know.
    *_, last = child.iter()
    return last.sourceline or line


def _inline_text(el: lxml.html.HtmlElement) -> str:
    if el.tag in _SKIP:
        return ""
    if el.tag == "br":
        return " "
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _SKIP:
            parts.append(_inline_text(child))
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


def _hidden(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style


def _chrome(el: lxml.html.HtmlElement, names: str | None = None) -> bool:
    if names is None:
        names = _classes(el)
    if not names or el.tag in ("body", "article", "main") or not _CHROME_CLASS.search(names):
        return False
    if _CONTENT_CLASS.search(names):
        return False
    # "m-page-wrapper is-below-header-ad" wraps the whole page: chrome never holds the story.
    return not _HOLDS_STORY(el)


_HOLDS_STORY = lxml.etree.XPath(
    "boolean(.//article | .//main | .//*[@role='main'] | .//*[@itemprop='articleBody'])"
)


def _decorative(img: lxml.html.HtmlElement) -> bool:
    if img.get("role") == "presentation" or img.get("aria-hidden") == "true":
        return True
    src = (img.get("src") or img.get("data-src") or "").lower()
    if src.startswith("data:") or src.endswith((".svg", ".ico")):
        return True
    for attr in ("width", "height"):
        value = (img.get(attr) or "").rstrip("px")
        if value.isdigit() and int(value) <= 50:
            return True
    if _DECORATIVE_CLASS.search(_classes(img)):
        return True
    name = src.split("?", 1)[0].rsplit("/", 1)[-1]
    alt = (img.get("alt") or "").strip().lower()
    # "search.png" with alt "search icon", "site-logo.jpg": page furniture, not a picture to credit.
    return decorative_name(name) or bool(re.fullmatch(r"(?:\w+\s){0,2}(?:icon|logo)", alt))


def read(path: str, text: str) -> ReadResult:
    # Same-length substitutions, so offsets and columns still match the file: lxml turns a
    # NUL into U+FFFD, and it counts only LF as a line break (a lone CR would shift lines).
    text = _LONE_CR.sub("\n", text.replace("\x00", "\ufffd"))
    parser = lxml.html.HTMLParser(recover=True, no_network=True, remove_comments=False, huge_tree=False)
    try:
        root = _parse(text, parser)
    except _EmptyDocument:
        return ReadResult([], [], None, [], None)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise HtmlTooDeepError("HTML nested more than 256 levels deep: the rest of the page cannot be read")
    pos = _SourceText(text)
    walker = _Walker(pos)
    walker.locate_images(root)
    body = root.find("body")
    start = body if body is not None else root
    content_roots = start.xpath(".//article | .//main | .//*[@role='main']")
    has_content_root = bool(content_roots)
    walker.walk(start, "text", None, not has_content_root)
    result = ReadResult(walker.blocks, walker.images, None, [], None)
    result.suppressions = walker.suppressions
    _metadata(root, result, pos)
    return result


class _EmptyDocument(Exception):
    """lxml found no element at all (an empty page, or only an XML declaration)."""


class HtmlTooDeepError(ValueError):
    """The page nests elements deeper than the parser will go."""


_LONE_CR = re.compile(r"\r(?!\n)")


def _parse(text: str, parser: lxml.html.HTMLParser) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        if "Document is empty" in str(exc):
            raise _EmptyDocument from None
        if "encoding declaration" not in str(exc):
            raise
    # An XHTML page with an XML declaration: lxml wants bytes for that.
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        if "Document is empty" in str(exc):
            raise _EmptyDocument from None
        raise


def _metadata(root: lxml.html.HtmlElement, result: ReadResult, pos: _SourceText) -> None:
    metas: dict[str, tuple[str, int]] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = (content, meta.sourceline or 1)
    for key in _DATE_META:
        if key in metas:
            day = parse_date_value(metas[key][0])
            if day is not None:
                result.metadata_date = day
                break
    if result.metadata_date is None:
        for t in root.iter("time"):
            if (
                t.get("pubdate") is not None
                or t.get("itemprop") == "datePublished"
                or "publish" in (t.get("class") or "")
            ):
                day = parse_date_value(t.get("datetime") or (t.text or "").strip())
                if day is not None:
                    result.metadata_date = day
                    break
    for key, value_line in (("embargo", metas.get("embargo")), ("status", metas.get("status"))):
        if value_line is None:
            continue
        value, line = value_line
        offset = pos.text.find(value, pos.line_offset(line))
        ln, col = pos.position(offset) if offset >= 0 else (line, 1)
        span = Span(ln, col, ln, col + len(value))
        if key == "embargo":
            from creditcheck.restrictions import parse_when

            day, moment = parse_when(value)
            if day is not None:
                result.embargo, result.embargo_span = moment or day, span
        else:
            result.status = (value.strip().lower(), span)
    sources: list[tuple[str, Span]] = []
    for key in _SOURCE_META:
        if key in metas:
            value, line = metas[key]
            offset = pos.text.find(value, pos.line_offset(line))
            if offset >= 0:
                ln, col = pos.position(offset)
                sources.append((value, Span(ln, col, ln, col + len(value))))
            else:
                sources.append((value, Span(line, 1, line, 1)))
    text_blocks = [b for b in result.blocks if b.kind == "text"]
    for name, span in source_lines([b.text for b in text_blocks]):
        block = text_blocks[span.line - 1]
        start = span.column - 1
        sources.append((name, block.span(start, start + len(name))))
    result.sources = sources
    title = root.find(".//title")
    og = metas.get("og:title")
    if og:
        result.title = og[0]
    elif title is not None and title.text:
        result.title = title.text.strip()
    else:
        h1 = root.find(".//h1")
        if h1 is not None:
            result.title = " ".join(h1.text_content().split()) or None
