"""ninjs (IPTC News in JSON, 1.x to 3.x): rights fields, dates, text and associated pictures."""

from __future__ import annotations

import bisect
import datetime as dt
import html as htmllib
import json
import re
from collections.abc import Iterator
from typing import TypeAlias

from creditcheck.compilecache import dataclass
from creditcheck.dates import parse_timestamp
from creditcheck.model import Block, BlockKind, Image, Span
from creditcheck.readers import ReadResult
from creditcheck.readers.xmlsafe import MAX_BLOCK, CappedChars, LineIndex, block_span, collapse

EXTENSIONS = (".ninjs",)

_STATUSES = frozenset({"usable", "withheld", "canceled"})
_PICTURE_TYPES = frozenset({"picture", "graphic"})
_DATES = ("firstcreated", "versioncreated", "contentcreated")
_MAX_DEPTH = 200
# Tags that end a paragraph in an HTML body; other tags are inline and simply vanish.
_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "blockquote", "td", "th", "tr"}
    | {"table", "ul", "ol", "figure", "section", "br", "hr", "pre"}
)
_HTML_TOKEN = re.compile(
    r"<!--.*?-->|<(/?)([A-Za-z][\w-]*)[^>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]\w*);", re.S
)
# Lines of a plain-text body.
_LINE = re.compile(r"[^\r\n]+")
_NINJS_KEYS = frozenset(
    {"versioncreated", "firstcreated", "pubstatus", "headline", "headlines", "associations", "type"}
)


class NinjsError(ValueError):
    """The file is not valid JSON or not a ninjs object."""


# --- JSON with positions -------------------------------------------------------------------------


class Offsets:
    """The file offset of each character of a JSON string, kept as runs, not one int per character.

    A run starts at each escape; inside a run the offsets count up by one. A 19 MB body costs
    one pair per escape instead of 19 million integers.
    """

    __slots__ = ("_length", "_offsets", "_starts")

    def __init__(self, starts: list[int], offsets: list[int], length: int) -> None:
        self._starts, self._offsets, self._length = starts, offsets, length

    def __len__(self) -> int:
        return self._length

    def at(self, index: int) -> int:
        run = bisect.bisect_right(self._starts, index) - 1
        return self._offsets[run] + index - self._starts[run]

    def __getitem__(self, index: int) -> int:
        return self.at(index)

    def __iter__(self) -> Iterator[int]:
        return self.between(0, self._length)

    def between(self, start: int, end: int) -> Iterator[int]:
        """The offsets of characters ``start`` to ``end`` (exclusive)."""
        run = max(0, bisect.bisect_right(self._starts, start) - 1)
        i = start
        while i < end:
            run_end = self._starts[run + 1] if run + 1 < len(self._starts) else self._length
            base = self._offsets[run] - self._starts[run]
            stop = min(end, run_end)
            yield from range(base + i, base + stop)
            i = stop
            run += 1


@dataclass(frozen=True, slots=True)
class JStr:
    """A JSON string and, for each of its characters, its offset in the file."""

    value: str
    offsets: Offsets


@dataclass(frozen=True, slots=True)
class JObj:
    """A JSON object with lower-cased keys (ninjs 3 renamed fields to camelCase)."""

    fields: dict[str, JValue]
    offset: int

    def get(self, key: str) -> JValue:
        return self.fields.get(key)

    def text(self, key: str) -> JStr | None:
        value = self.fields.get(key)
        return value if isinstance(value, JStr) and value.value.strip() else None


JValue: TypeAlias = "JStr | JObj | list[JValue] | int | float | bool | None"


class _Parser:
    """Just enough JSON to know where every string stands (``json`` has checked the syntax)."""

    _NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
    _SPACE = re.compile(r"[ \t\r\n]*")

    def __init__(self, text: str) -> None:
        self.text = text

    def value(self, pos: int, depth: int = 0) -> tuple[JValue, int]:
        if depth > _MAX_DEPTH:
            raise NinjsError(f"JSON nested more than {_MAX_DEPTH} levels deep")
        pos = self._skip(pos)
        ch = self.text[pos]
        if ch == '"':
            return self._string(pos)
        if ch == "{":
            return self._object(pos, depth)
        if ch == "[":
            return self._array(pos, depth)
        for word, literal in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, pos):
                return literal, pos + len(word)
        m = self._NUMBER.match(self.text, pos)
        if m is None:  # pragma: no cover - json.loads accepted the text
            raise NinjsError(f"unexpected character at offset {pos}")
        number = m.group(0)
        return (float(number) if any(c in number for c in ".eE") else int(number)), m.end()

    def _skip(self, pos: int) -> int:
        m = self._SPACE.match(self.text, pos)
        return m.end() if m else pos

    def _object(self, pos: int, depth: int) -> tuple[JObj, int]:
        fields: dict[str, JValue] = {}
        start = pos
        pos = self._skip(pos + 1)
        if self.text[pos] == "}":
            return JObj(fields, start), pos + 1
        while True:
            key, pos = self._string(self._skip(pos))
            pos = self._skip(pos)  # then ":"
            value, pos = self.value(pos + 1, depth + 1)
            fields[key.value.lower()] = value
            pos = self._skip(pos)
            if self.text[pos] == "}":
                return JObj(fields, start), pos + 1
            pos += 1  # ","

    def _array(self, pos: int, depth: int) -> tuple[list[JValue], int]:
        items: list[JValue] = []
        pos = self._skip(pos + 1)
        if self.text[pos] == "]":
            return items, pos + 1
        while True:
            value, pos = self.value(pos, depth + 1)
            items.append(value)
            pos = self._skip(pos)
            if self.text[pos] == "]":
                return items, pos + 1
            pos += 1

    _PLAIN = re.compile(r'[^"\\]+')

    def _string(self, pos: int) -> tuple[JStr, int]:
        text = self.text
        parts: list[str] = []
        starts: list[int] = []
        offsets: list[int] = []
        length = 0
        i = pos + 1
        while text[i] != '"':
            if text[i] != "\\":
                m = self._PLAIN.match(text, i)
                assert m is not None
                chunk = m.group(0)
            else:
                chunk, width = self._escape(i)
                if not chunk:
                    i += width
                    continue
            # A new run unless this chunk continues the previous one character for character.
            if not starts or offsets[-1] + (length - starts[-1]) != i or text[i] == "\\":
                starts.append(length)
                offsets.append(i)
            parts.append(chunk)
            length += len(chunk)
            i += len(chunk) if text[i] != "\\" else width
        return JStr("".join(parts), Offsets(starts, offsets, length)), i + 1

    def _escape(self, i: int) -> tuple[str, int]:
        """The character an escape at ``i`` stands for, and the escape's width in the file."""
        text = self.text
        esc = text[i + 1]
        if esc != "u":
            return {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}.get(esc, esc), 2
        code = int(text[i + 2 : i + 6], 16)
        if 0xD800 <= code < 0xDC00 and text.startswith("\\u", i + 6):
            low = int(text[i + 8 : i + 12], 16)
            if 0xDC00 <= low < 0xE000:
                return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)), 12
        # A lone surrogate (valid JSON, not text) is read as U+FFFD: it could not be printed.
        return ("\ufffd" if 0xD800 <= code < 0xE000 else chr(code)), 6


def load(text: str) -> JObj:
    """The document's top object with positions, or NinjsError."""
    try:
        top = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NinjsError(f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise NinjsError("JSON nested too deeply") from None
    if not isinstance(top, dict):
        raise NinjsError("a ninjs document is a JSON object, not " + type(top).__name__)
    value, _end = _Parser(text).value(0)
    assert isinstance(value, JObj)
    return value


def sniff(text: str) -> bool:
    """Whether JSON text looks like ninjs (an object with ninjs' own fields near its start)."""
    head = text.lstrip()[:4000]
    if not head.startswith("{"):
        return False
    keys = {k.lower() for k in re.findall(r'"([A-Za-z_]+)"\s*:', head)}
    return ("uri" in keys or "guid" in keys) and bool(keys & _NINJS_KEYS)


# --- the reader ----------------------------------------------------------------------------------


def read(path: str, text: str) -> ReadResult:
    top = load(text)
    reader = _Reader(LineIndex(text))
    item_type = top.text("type")
    image = reader.add_image(top) if item_type and item_type.value.lower() in _PICTURE_TYPES else None
    reader.item(top, image, top=True)
    # Fields are read by name, not in file order; blocks are reported in file order.
    reader.result.blocks.sort(key=lambda b: (b.line, b.column))
    return reader.result


class _Reader:
    def __init__(self, lines: LineIndex) -> None:
        self.lines = lines
        self.result = ReadResult([], [], None, [], None)
        self.dates: dict[str, tuple[dt.date, dt.datetime | None]] = {}

    def block(self, value: JStr, kind: BlockKind = BlockKind.TEXT, image: int | None = None) -> Block | None:
        return self.range_block(value, 0, len(value.value), kind, image)

    def range_block(
        self, value: JStr, start: int, end: int, kind: BlockKind, image: int | None = None
    ) -> Block | None:
        """A block of ``value.value[start:end]`` (its first and last MAX_BLOCK/2 when longer)."""
        piece = CappedChars()
        if end - start > MAX_BLOCK:
            half = MAX_BLOCK // 2
            piece.extend(
                zip(
                    value.value[start : start + half], value.offsets.between(start, start + half), strict=True
                )
            )
            start = end - half
        piece.extend(zip(value.value[start:end], value.offsets.between(start, end), strict=True))
        text, offsets = collapse(piece.chars())
        return self.lines.block(text, offsets, kind, image)

    def span(self, value: JStr) -> Span:
        block = self.block(value)
        return block_span(block) if block is not None else Span(1, 1, 1, 1)

    def add(self, block: Block | None) -> None:
        if block is not None:
            self.result.blocks.append(block)

    def add_image(self, obj: JObj) -> int:
        index = len(self.result.images)
        src = obj.text("uri") or _first_href(obj)
        if src is not None:
            span = self.span(src)
        else:
            line, col = self.lines.position(obj.offset)
            span = Span(line, col, line, col + 1)
        self.result.images.append(Image(index, src.value.strip() if src else "", span))
        return index

    def item(self, obj: JObj, image: int | None, top: bool = False) -> None:
        """One ninjs object: the document itself or one of its associations."""
        result = self.result
        if top:
            self.document_meta(obj)
        for key in ("usageterms", "ednote"):
            value = obj.text(key)
            if value is not None:
                result.instructions.append((" ".join(value.value.split()), self.span(value)))
        by = obj.text("by")
        if by is not None:
            result.creators.append((" ".join(by.value.split()), self.span(by)))
        for key in ("creditline", "credit"):
            value = obj.text(key)
            if value is not None:
                self.add(self.block(value, BlockKind.CREDIT, image))
        notice = obj.text("copyrightnotice")
        if notice is not None:
            self.add(self.block(notice, BlockKind.COPYRIGHT, image))
        self.headlines(obj, top)
        self.descriptions(obj, image)
        self.bodies(obj, image)
        if top:
            self.associations(obj.get("associations"))
            for key in _DATES:
                if key in self.dates:
                    result.metadata_date, moment = self.dates[key]
                    result.published_at = moment if key != "contentcreated" else None
                    break

    def document_meta(self, obj: JObj) -> None:
        """The document's own id, dates, embargo, status and title."""
        result = self.result
        uri = obj.text("uri") or obj.text("guid")
        result.asset_id = uri.value.strip() if uri else None
        for key in _DATES:
            value = obj.text(key)
            if value is not None:
                day, moment = parse_timestamp(value.value)
                if day is not None:
                    self.dates[key] = (day, moment)
        embargo = obj.text("embargoed")
        if embargo is not None:
            result.embargo = parse_timestamp(embargo.value)[1]
        status = obj.text("pubstatus")
        if status is not None and status.value.strip().lower() in _STATUSES:
            result.status = (status.value.strip().lower(), self.span(status))
        title = obj.text("title")
        result.title = title.value.strip() if title else None

    def headlines(self, obj: JObj, top: bool) -> None:
        values = [v for v in (obj.text("headline"),) if v is not None]
        values.extend(_role_values(obj.get("headlines")))
        for value in values:
            self.add(self.block(value))
            if top and self.result.title is None:
                self.result.title = " ".join(value.value.split())

    def descriptions(self, obj: JObj, image: int | None) -> None:
        caption_kind = BlockKind.CAPTION if image is not None else BlockKind.TEXT
        text = obj.text("description_text")
        if text is not None:
            self.add(self.block(text, caption_kind, image))
        descriptions = obj.get("descriptions")
        for entry in descriptions if isinstance(descriptions, list) else []:
            if not isinstance(entry, JObj) or entry.text("value") is None:
                continue
            value = entry.text("value")
            assert value is not None
            role_value = entry.text("role")
            role = role_value.value.lower() if role_value is not None else ""
            if "credit" in role:
                self.add(self.block(value, BlockKind.CREDIT, image))
            elif "usage" not in role:
                self.add(self.block(value, caption_kind, image))

    def bodies(self, obj: JObj, image: int | None) -> None:
        kind = BlockKind.CAPTION if image is not None else BlockKind.TEXT
        for key, html in (("body_text", False), ("body_html", True)):
            value = obj.text(key)
            if value is not None:
                self.body(value, html, kind, image)
        bodies = obj.get("bodies")
        for entry in bodies if isinstance(bodies, list) else []:
            if isinstance(entry, JObj) and entry.text("value") is not None:
                content_type = entry.text("contenttype")
                markup = content_type.value.lower() if content_type is not None else ""
                html = "html" in markup or "xml" in markup
                value = entry.text("value")
                assert value is not None
                self.body(value, html, kind, image)

    def body(self, value: JStr, html: bool, kind: BlockKind, image: int | None) -> None:
        """A body is many blocks: one per line of plain text, one per block element of HTML."""
        # One piece at a time: a body of megabytes never stands in memory a character at a time.
        if not html:
            for m in _LINE.finditer(value.value):
                self.add(self.range_block(value, m.start(), m.end(), kind, image))
            return
        for piece in _html_pieces(value):
            text, offsets = collapse(piece.chars())
            self.add(self.lines.block(text, offsets, kind, image))

    def associations(self, value: JValue) -> None:
        if isinstance(value, JObj):
            entries = list(value.fields.values())  # ninjs 1.x: {"name": {...}}
        elif isinstance(value, list):
            entries = value  # ninjs 2.x and 3.x: [{"name": ..., ...}]
        else:
            return
        for entry in entries:
            if not isinstance(entry, JObj):
                continue
            kind = entry.text("type")
            picture = kind is not None and kind.value.strip().lower() in _PICTURE_TYPES
            self.item(entry, self.add_image(entry) if picture else None)


def _first_href(obj: JObj) -> JStr | None:
    renditions = obj.get("renditions")
    values: list[JValue] = []
    if isinstance(renditions, JObj):
        values = list(renditions.fields.values())  # ninjs 1.x: {"name": {...}}
    elif isinstance(renditions, list):
        values = renditions
    for rendition in values:
        if isinstance(rendition, JObj) and rendition.text("href") is not None:
            return rendition.text("href")
    return None


def _role_values(value: JValue) -> Iterator[JStr]:
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, JObj) and entry.text("value") is not None:
            text = entry.text("value")
            assert text is not None
            yield text


def _html_pieces(value: JStr) -> Iterator[CappedChars]:
    """Text between block-level tags; inline tags vanish and entities become their character."""
    text, offsets = value.value, value.offsets
    piece = CappedChars()
    pos = 0
    for m in _HTML_TOKEN.finditer(text):
        piece.extend(zip(text[pos : m.start()], offsets.between(pos, m.start()), strict=True))
        pos = m.end()
        if m.group(0).startswith("&"):
            decoded = htmllib.unescape(m.group(0))
            piece.extend((ch, offsets.at(m.start())) for ch in decoded)
        elif m.group(2) and m.group(2).lower() in _BLOCK_TAGS:
            yield piece
            piece = CappedChars()
    piece.extend(zip(text[pos:], offsets.between(pos, len(text)), strict=True))
    yield piece
