"""Safe XML parsing for wire files (no DTDs, entities or network) and exact source positions."""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import lxml.etree

from creditcheck import positions
from creditcheck.model import Block, BlockKind, Span


class XMLRefusedError(ValueError):
    """The XML uses a feature that could make parsing unsafe (DTD subsets, entities)."""


class MalformedXMLError(ValueError):
    """The XML is not well-formed (truncated, unbalanced tags, bad characters)."""


# A DTD is the only way to declare entities, and entities are how "billion laughs" and local
# file disclosure work; an internal subset is refused before lxml sees a byte of it.
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_DOCTYPE = re.compile(r"<!DOCTYPE\b", re.I)
_ENTITY_DECL = re.compile(r"<!ENTITY\b", re.I)
_ENCODING = re.compile(r"""\A(\ufeff?<\?xml\b[^>]*?)(\bencoding\s*=\s*(?:"[^"]*"|'[^']*'))""")
_NAMED_REFS = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_REF = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);")
# Markup as it stands in a well-formed document (lxml has checked it before this runs).
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE(?:[^\[>\"']|\"[^\"]*\"|'[^']*')*(?:\[.*?\]\s*)?>"
    r"|</(?P<end>[^\s>]+)\s*>"
    r"|<(?P<start>[^\s/>!?]+)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(?P<empty>/?)>",
    re.S,
)


def parse(text: str) -> XMLDocument:
    """Parse ``text`` safely, or raise XMLRefusedError / MalformedXMLError with a clear reason."""
    _refuse_dtd_subset(text)
    parser = lxml.etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=False,
        remove_blank_text=False,
    )
    try:
        root = lxml.etree.fromstring(_without_encoding(text), parser)
    except lxml.etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno or 1, 0)
        message = re.sub(r",? line \d+, column \d+\s*$", "", str(exc.msg or exc)).strip()
        raise MalformedXMLError(f"not well-formed XML at line {line}, column {column}: {message}") from None
    dtd = root.getroottree().docinfo.internalDTD
    # lxml reports a bare <!DOCTYPE x SYSTEM "…"> as an (empty) internal DTD; declarations in it
    # were refused above, and this says so again should that check ever be fooled.
    declared: Any = dtd  # lxml-stubs lack the DTD's entities() and elements()
    if declared is not None and (declared.entities() or declared.elements()):
        raise XMLRefusedError("XML with an internal DTD subset is refused (DTDs are never processed)")
    for entity in root.iter(lxml.etree.Entity):
        # Only reachable with an external DTD, which is never loaded: the entity has no value
        # here, and guessing one would read something else than the file says.
        raise XMLRefusedError(_undefined_entity(str(entity.text), source_line(entity)))
    return XMLDocument(text, root)


def _after_prolog(text: str) -> int:
    """The offset just past the BOM, XML declaration, comments and processing instructions."""
    pos = 1 if text.startswith("\ufeff") else 0
    while True:
        m = _PROLOG_ITEM.match(text, pos)
        if m is None or m.end() == pos:
            return pos
        pos = m.end()


def _refuse_dtd_subset(text: str) -> None:
    pos = _after_prolog(text)
    if not _DOCTYPE.match(text, pos):
        return
    quote = ""
    for i in range(pos + 9, len(text)):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == ">":
            # An external identifier only: it is never fetched, so an entity it might define
            # has no value here, in text or in an attribute.
            for ref in _REF.finditer(text, i):
                name = ref.group(1)
                if not name.startswith("#") and name not in _NAMED_REFS:
                    line = text.count("\n", 0, ref.start()) + 1
                    raise XMLRefusedError(_undefined_entity(ref.group(0), line))
            return
        elif ch == "[":
            if _ENTITY_DECL.search(text, i):
                raise XMLRefusedError(
                    "XML with entity declarations is refused (possible entity-expansion attack)"
                )
            raise XMLRefusedError("XML with an internal DTD subset is refused (DTDs are never processed)")


def _undefined_entity(ref: str, line: int) -> str:
    return (
        f"XML refers to the entity {ref} at line {line}, which only a DTD could define; "
        "DTDs are never loaded, so the file is refused"
    )


def _without_encoding(text: str) -> str:
    """The text with its declared encoding blanked out: it is already decoded.

    lxml refuses a ``str`` whose declaration names an encoding; spaces of the same length keep
    every column on line 1 where it was.
    """
    m = _ENCODING.match(text)
    if m is None:
        return text
    return text[: m.start(2)] + " " * len(m.group(2)) + text[m.end(2) :]


def source_line(el: lxml.etree._Element) -> int:
    """The line of an element's start tag (lxml's stubs type it loosely)."""
    line = getattr(el, "sourceline", None)
    return line if isinstance(line, int) else 1


def local_name(el: lxml.etree._Element | None) -> str:
    tag = el.tag if el is not None else None
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def decode_refs(raw: str, base: int) -> Iterator[tuple[str, int]]:
    """The characters of raw XML text with the offset in the file each comes from."""
    pos = 0
    for m in _REF.finditer(raw):
        for i in range(pos, m.start()):
            yield raw[i], base + i
        ref = m.group(1)
        if ref.startswith("#x"):
            ch = chr(int(ref[2:], 16))
        elif ref.startswith("#"):
            ch = chr(int(ref[1:]))
        else:
            ch = _NAMED_REFS.get(ref) or html.unescape(m.group(0))
        yield ch, base + m.start()
        pos = m.end()
    for i in range(pos, len(raw)):
        yield raw[i], base + i


# A stretch of text whose character j stands at offset + j in the file. Source positions are
# traced piece by piece, not character by character: a paragraph is a handful of pieces (its
# literal runs, each character reference, each whitespace run collapsed to one space).
Piece = tuple[str, int]
# What collapses: a run of two or more white spaces, or one that is not a plain space.
_COLLAPSING = re.compile(r"\s{2,}|[^\S ]")
_BREAK_CHAR = re.compile(r"[\r\n]")


def raw_pieces(raw: str, base: int, out: list[Piece]) -> bool:
    """Append raw XML text at file offset ``base`` to ``out`` as pieces, references decoded.

    False (``out`` then half-filled) when a reference decodes to more than one character,
    which only the character-by-character path (``decode_refs``) places as it always has.
    """
    pos = 0
    for m in _REF.finditer(raw):
        if m.start() > pos:
            out.append((raw[pos : m.start()], base + pos))
        ch = next(iter(decode_refs(m.group(0), 0)))[0]
        if len(ch) != 1:
            return False
        out.append((ch, base + m.start()))
        pos = m.end()
    if pos < len(raw):
        out.append((raw[pos:], base + pos))
    return True


def collapse_pieces(pieces: Iterable[Piece]) -> list[Piece]:
    """``collapse`` on pieces: whitespace runs become one space at the run's first character."""
    out: list[Piece] = []
    space = True  # at the start, or just after a space: more white space adds nothing
    for text, off in pieces:
        pos = 0
        for m in _COLLAPSING.finditer(text):
            a = m.start()
            if a > pos:
                space = _literal(out, text[pos:a], off + pos, space)
            if not space:
                out.append((" ", off + a))
                space = True
            pos = m.end()
        if pos < len(text):
            space = _literal(out, text[pos:], off + pos, space)
    if out and out[-1][0].endswith(" "):
        last, off = out.pop()
        if len(last) > 1:
            out.append((last[:-1], off))
    return out


def _literal(out: list[Piece], text: str, off: int, space: bool) -> bool:
    """Append a stretch holding no white space but single plain spaces; whether it ends in one."""
    if space and text.startswith(" "):
        text, off = text[1:], off + 1
        if not text:
            return True
    out.append((text, off))
    return text.endswith(" ")


def lines_of(pieces: Iterable[Piece]) -> list[list[Piece]]:
    """The pieces split at every CR and LF (a CRLF leaves an empty line between them)."""
    lines: list[list[Piece]] = [[]]
    for text, off in pieces:
        pos = 0
        for m in _BREAK_CHAR.finditer(text):
            if m.start() > pos:
                lines[-1].append((text[pos : m.start()], off + pos))
            lines.append([])
            pos = m.end()
        if pos < len(text):
            lines[-1].append((text[pos:], off + pos))
    return lines


# Characters one text node (an element's text, a JSON string) keeps at most: past it, its first
# and last halves (see CappedChars).
MAX_BLOCK = 200_000


class CappedChars:
    """The characters of one block with their offsets; past MAX_BLOCK only its first and last halves.

    A text node of megabytes is no caption: keeping its two ends bounds the memory one node can
    take, and a credit or notice at either end is still read.
    """

    def __init__(self) -> None:
        self.head: list[tuple[str, int]] = []
        self.tail: deque[tuple[str, int]] = deque(maxlen=MAX_BLOCK // 2)

    def extend(self, chars: Iterable[tuple[str, int]]) -> None:
        it = iter(chars)
        room = MAX_BLOCK // 2 - len(self.head)
        if room > 0:
            self.head.extend(itertools.islice(it, room))
        self.tail.extend(it)

    def chars(self) -> list[tuple[str, int]]:
        if not self.tail:
            return self.head
        # The halves are separate words even when the cut fell inside one.
        return [*self.head, (" ", self.tail[0][1]), *self.tail]


def _ends(raw: str) -> list[tuple[int, int]]:
    """The stretches of a run of raw text worth decoding: all of it, or of a huge one its two ends.

    The cuts fall on whitespace, never inside a character reference.
    """
    if len(raw) <= 2 * MAX_BLOCK:
        return [(0, len(raw))]
    head = raw.rfind(" ", 0, MAX_BLOCK)
    tail = raw.find(" ", len(raw) - MAX_BLOCK)
    head = MAX_BLOCK if head < 0 else head
    tail = len(raw) - MAX_BLOCK if tail < 0 else tail
    return [(0, head), (tail, len(raw))]


def collapse(chars: list[tuple[str, int]]) -> tuple[str, list[int]]:
    """Whitespace runs become one space (at the run's first character); ends are trimmed."""
    out: list[str] = []
    offsets: list[int] = []
    space = True
    for ch, off in chars:
        if ch.isspace():
            if not space:
                out.append(" ")
                offsets.append(off)
                space = True
            continue
        out.append(ch)
        offsets.append(off)
        space = False
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


class LineIndex(positions.LineIndex):
    """Offsets to 1-based (line, column), and blocks of text traced to their offsets."""

    def block(self, text: str, offsets: list[int], kind: BlockKind, image: int | None = None) -> Block | None:
        """A block of ``text`` whose character i stands at ``offsets[i]`` in the file."""
        if not text:
            return None
        line, col = self.position(offsets[0])
        anchors: list[tuple[int, int, int]] = []
        prev = (line, col)
        for i in range(1, len(offsets)):
            here = self.position(offsets[i])
            if here != (prev[0], prev[1] + 1):
                anchors.append((i, here[0], here[1]))
            prev = here
        return Block(text, line, col, kind, image, tuple(anchors))

    def pieces_block(self, pieces: list[Piece], kind: BlockKind, image: int | None = None) -> Block | None:
        """``block`` for collapsed pieces: the same block, traced a piece at a time.

        A collapsed piece holds no line break, so its characters stand side by side on one line.
        """
        if not pieces:
            return None
        line, col = self.position(pieces[0][1])
        anchors: list[tuple[int, int, int]] = []
        at = len(pieces[0][0])
        prev = (line, col + at - 1)
        for text, off in pieces[1:]:
            here = self.position(off)
            if here != (prev[0], prev[1] + 1):
                anchors.append((at, here[0], here[1]))
            at += len(text)
            prev = (here[0], here[1] + len(text) - 1)
        return Block("".join(t for t, _o in pieces), line, col, kind, image, tuple(anchors))


class XMLDocument:
    """A parsed document and, for each element, where its tag and text stand in the source."""

    def __init__(self, text: str, root: lxml.etree._Element) -> None:
        self.text = text
        self.root = root
        self.lines = LineIndex(text)
        elements = [el for el in root.iter() if isinstance(el.tag, str)]
        # Start tags and text runs in document order; lxml's elements come in the same order.
        tags: list[tuple[int, int, int, str]] = []  # (tag start, tag end, content end, name)
        runs: list[tuple[int, int, int, bool]] = []  # (start, end, owner element, cdata)
        stack: list[int] = []
        last = 0
        root_start = self._root_start()
        for m in _TOKEN.finditer(text, root_start):
            if stack and m.start() > last:
                runs.append((last, m.start(), stack[-1], False))
            last = m.end()
            if m.group("cdata") is not None:
                if stack:
                    runs.append((m.start("cdata"), m.end("cdata"), stack[-1], True))
            elif m.group("start") is not None:
                tags.append((m.start(), m.end(), m.end(), m.group("start")))
                if not m.group("empty"):
                    stack.append(len(tags) - 1)
                elif not stack:
                    break
            elif m.group("end") is not None and stack:
                index = stack.pop()
                start, end, _content_end, name = tags[index]
                tags[index] = (start, end, m.start(), name)
                if not stack:
                    break
        self._index: dict[lxml.etree._Element, int] = {}
        if len(tags) == len(elements) and all(
            t[3].rsplit(":", 1)[-1] == local_name(el) for t, el in zip(tags, elements, strict=True)
        ):
            self._index = {el: i for i, el in enumerate(elements)}
        self._tags = tags
        self._runs = runs
        self._run_starts = [r[0] for r in runs]

    def _root_start(self) -> int:
        pos = 0
        while True:
            m = _PROLOG_ITEM.match(self.text, pos)
            if m is None or m.end() == pos:
                doctype = _TOKEN.match(self.text, pos)
                if doctype is not None and doctype.group(0).startswith("<!DOCTYPE"):
                    pos = doctype.end()
                    continue
                return pos
            pos = m.end()

    def _text_runs(self, el: lxml.etree._Element, direct: bool) -> Iterator[tuple[int, int, bool]]:
        """(start, end, CDATA or not) of each run of the element's text in the source, in order."""
        i = self._index.get(el)
        if i is None:
            return
        _start, content_start, content_end, _name = self._tags[i]
        k = bisect.bisect_left(self._run_starts, content_start)
        while k < len(self._runs) and self._runs[k][0] < content_end:
            start, end, owner, cdata = self._runs[k]
            k += 1
            if not direct or owner == i:
                yield start, end, cdata

    def chars(self, el: lxml.etree._Element, direct: bool = False) -> list[tuple[str, int]]:
        """The element's text (``direct``: without its children's) with file offsets."""
        out = CappedChars()
        for start, end, cdata in self._text_runs(el, direct):
            raw = self.text[start:end]
            for a, b in _ends(raw):
                if cdata:
                    out.extend(zip(raw[a:b], range(start + a, start + b), strict=True))
                else:
                    out.extend(decode_refs(raw[a:b], start + a))
        return out.chars()

    def pieces(self, el: lxml.etree._Element, direct: bool = False) -> list[Piece] | None:
        """``chars`` as pieces; None when only ``chars`` will do (a text past MAX_BLOCK is cut)."""
        out: list[Piece] = []
        size = 0
        for start, end, cdata in self._text_runs(el, direct):
            size += end - start  # no fewer characters than it decodes to
            if size > MAX_BLOCK // 2:
                return None
            if cdata:
                out.append((self.text[start:end], start))
            elif not raw_pieces(self.text[start:end], start, out):
                return None
        return out

    def text_of(self, el: lxml.etree._Element, direct: bool = False) -> str:
        if el not in self._index:
            parts = [el.text or ""] if direct else [str(t) for t in el.itertext()]
            return " ".join("".join(parts).split())
        pieces = self.pieces(el, direct)
        if pieces is None:
            return collapse(self.chars(el, direct))[0]
        return "".join(t for t, _o in collapse_pieces(pieces))

    def block(
        self,
        el: lxml.etree._Element,
        kind: BlockKind = BlockKind.TEXT,
        image: int | None = None,
        direct: bool = False,
    ) -> Block | None:
        """The element's text as a block with exact positions (None when it holds no text)."""
        if el not in self._index:
            text = self.text_of(el, direct)
            return Block(text, source_line(el), 1, kind, image) if text else None
        pieces = self.pieces(el, direct)
        if pieces is not None:
            return self.lines.pieces_block(collapse_pieces(pieces), kind, image)
        text, offsets = collapse(self.chars(el, direct))
        return self.lines.block(text, offsets, kind, image)

    def attr_block(
        self, el: lxml.etree._Element, name: str, kind: BlockKind = BlockKind.TEXT, image: int | None = None
    ) -> Block | None:
        """An (un-prefixed) attribute's value as a block with exact positions."""
        value = el.get(name)
        if value is None or not value.strip():
            return None
        i = self._index.get(el)
        if i is None:
            text = " ".join(value.split())
            return Block(text, source_line(el), 1, kind, image)
        start, end, _content_end, _name = self._tags[i]
        tag = self.text[start:end]
        m = re.search(r"\s" + re.escape(name) + r"""\s*=\s*(?:"([^"]*)"|'([^']*)')""", tag)
        if m is None:  # pragma: no cover - lxml saw the attribute, so it is there
            return Block(" ".join(value.split()), source_line(el), 1, kind, image)
        group = 1 if m.group(1) is not None else 2
        pieces: list[Piece] = []
        if raw_pieces(m.group(group), start + m.start(group), pieces):
            return self.lines.pieces_block(collapse_pieces(pieces), kind, image)
        chars = list(decode_refs(m.group(group), start + m.start(group)))
        text, offsets = collapse(chars)
        return self.lines.block(text, offsets, kind, image)

    def tag_span(self, el: lxml.etree._Element) -> Span:
        """The span of the element's start tag."""
        i = self._index.get(el)
        if i is None:
            line = source_line(el)
            return Span(line, 1, line, 1)
        start, end, _content_end, _name = self._tags[i]
        line, col = self.lines.position(start)
        end_line, end_col = self.lines.position(end - 1)
        return Span(line, col, end_line, end_col + 1)


def block_span(block: Block) -> Span:
    return block.span(0, len(block.text))


_ROOT_TAG = re.compile(r"<(?:[\w.-]+:)?([\w.-]+)[\s>/]")


def root_name(text: str) -> str | None:
    """The local name of the document element, read from the text without parsing it."""
    pos = _after_prolog(text)
    doctype = _TOKEN.match(text, pos)
    if doctype is not None and doctype.group(0).startswith("<!DOCTYPE"):
        pos = doctype.end()
        while True:
            m = _PROLOG_ITEM.match(text, pos)
            if m is None or m.end() == pos:
                break
            pos = m.end()
    m = _ROOT_TAG.match(text, pos)
    return m.group(1) if m else None
