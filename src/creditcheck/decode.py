"""Bytes to text: BOMs, UTF-8, declared charsets, cp1252, and a note of mojibake.

The text is never altered beyond one replacement character for each byte that its encoding
cannot read (no newline changes), so every position a reader reports is a position in the file
as it is on disk, counted in characters; ``Decoded.encode`` gives those bytes back exactly.
"""

from __future__ import annotations

import codecs
import re
from typing import ClassVar, final

from creditcheck import compilecache
from creditcheck.model import _Frozen
from creditcheck.positions import LINE_BREAK_BYTES

# Tell-tale pairs that UTF-8 text shows when it was decoded as cp1252 somewhere upstream.
_MOJIBAKE = compilecache.compile("[ÂÃâ][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u20ac\u2122]")
_ASCII = compilecache.compile(rb"[\x00-\x7f]")
# A well-formed multi-byte UTF-8 character (the ASCII-only part of a file says nothing).
_UTF8_CHAR = compilecache.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}",
)
# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)


# A page declared in one encoding that holds a few bytes it cannot read (a latin-1 "ü" pasted
# into a UTF-8 page) is read the way browsers read it, with a replacement character for each
# bad byte, as long as they are few: at most this share of the characters outside ASCII. More
# than that, and the file is not what it says it is; it is refused rather than half read.
REPAIR_SHARE = 0.1
# Where a page declares its charset: <meta charset>, <meta http-equiv="Content-Type">, or the
# XML declaration, in the first bytes of the file (browsers look at the first 1,024; pages
# saved from web archives carry the archive's own declaration first, so look a little further).
_DECLARED = compilecache.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""",
    re.I,
)
_DECLARATION_BYTES = 8192
# How browsers read the legacy names (WHATWG Encoding): each is read as its superset.
_SUPERSETS = {
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}
# The legacy charsets a web page may declare (WHATWG Encoding), as Python names them. Anything
# else a label may name in Python (uu, rot13, unicode_escape, idna …) is a transform, not a
# page's encoding, and is ignored like an unknown label.
_WEB_CODECS = frozenset(
    {f"cp{n}" for n in (866, 874, 932, 949, *range(1250, 1259))}
    | {f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)}
    | {"koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "gb18030", "big5hkscs", "euc_jp"}
    | {"iso2022_jp", "tis-620"}
)


class UndecodableError(ValueError):
    """The bytes are not text creditcheck can read; the message says why."""


@final
class Decoded(_Frozen):
    """The text, and how the file held it: ``encoding`` is utf-8, utf-16, utf-32 or cp1252.

    ``codec`` is the exact codec after the BOM (utf-16-le) when it says more than
    ``encoding``; ``prefix`` the byte-order mark as the file has it; ``repairs`` each byte the
    encoding could not read, as (index of its replacement character, byte); ``exact`` whether
    the encoding gives back the file's bytes (a few legacy code pages map two byte sequences
    to one character).
    """

    __slots__ = ("bom", "codec", "encoding", "exact", "mojibake", "prefix", "repairs", "text")
    __match_args__: ClassVar[tuple[str, ...]] = (
        "text",
        "encoding",
        "bom",
        "mojibake",
        "codec",
        "prefix",
        "repairs",
        "exact",
    )
    text: str
    encoding: str
    bom: bool
    mojibake: bool
    codec: str
    prefix: bytes
    repairs: tuple[tuple[int, int], ...]
    exact: bool

    def __init__(
        self,
        text: str,
        encoding: str,
        bom: bool = False,
        mojibake: bool = False,
        codec: str = "",
        prefix: bytes = b"",
        repairs: tuple[tuple[int, int], ...] = (),
        exact: bool = True,
    ) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "encoding", encoding)
        object.__setattr__(self, "bom", bom)
        object.__setattr__(self, "mojibake", mojibake)
        object.__setattr__(self, "codec", codec)
        object.__setattr__(self, "prefix", prefix)
        object.__setattr__(self, "repairs", repairs)
        object.__setattr__(self, "exact", exact)

    def _key(self) -> tuple[str, str, bool, bool, str, bytes, tuple[tuple[int, int], ...], bool]:
        return (
            self.text,
            self.encoding,
            self.bom,
            self.mojibake,
            self.codec,
            self.prefix,
            self.repairs,
            self.exact,
        )

    @property
    def repaired(self) -> bool:
        """Whether some bytes were read as replacement characters."""
        return bool(self.repairs)

    def keeps_repairs(self, text: str) -> bool:
        """Whether ``text`` (this text after a fix) still holds every replacement character in order.

        Only then can ``encode`` put each unreadable byte back where it was.
        """
        return text.count("\ufffd") == self.text.count("\ufffd")

    def encode(self, text: str) -> bytes:
        """``text`` as the file would hold it: same BOM, same byte order, same encoding.

        ``decoded.encode(decoded.text)`` gives back the file's bytes, the unreadable ones too;
        a character the encoding cannot hold raises UnicodeEncodeError, and a text that lost a
        replacement character raises ValueError (see ``keeps_repairs``).
        """
        codec = self.codec or self.encoding
        if not self.repairs:
            return self.prefix + text.encode(codec)
        if not self.keeps_repairs(text):
            raise ValueError("the text no longer holds every unreadable byte of the file")
        bad = {index: byte for index, byte in self.repairs}
        marks = [i for i, ch in enumerate(self.text) if ch == "\ufffd"]
        pieces = text.split("\ufffd")
        out = [pieces[0].encode(codec)]
        for mark, piece in zip(marks, pieces[1:], strict=True):
            out.append(bytes([bad[mark]]) if mark in bad else "\ufffd".encode(codec))
            out.append(piece.encode(codec))
        return self.prefix + b"".join(out)


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes, or raise UndecodableError with a one-line reason.

    A byte-order mark decides the encoding.  Otherwise the file is UTF-8 if it decodes as
    UTF-8; else the charset the page declares, when it reads the file; else a file that mostly
    holds UTF-8 characters is damaged UTF-8: read with a replacement character for each bad
    byte when they are few (``REPAIR_SHARE``), refused with the place of the first bad byte
    when they are not; anything else is read as cp1252.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                where = (
                    _where(body, exc.start, codec)
                    if name == "utf-8"
                    else f"bad character at byte {len(bom) + exc.start}"
                )
                raise UndecodableError(f"invalid {name.upper()}: {where}") from None
            return _checked(text, name, bom=True, codec=codec, prefix=bom)
    if b"\x00" in data[:8192]:
        raise UndecodableError("binary file (contains NUL bytes)")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    declared = _declared(data)
    if declared is not None:
        return declared
    valid = len(_UTF8_CHAR.findall(data))
    invalid = _count_invalid_utf8(data)
    if valid > invalid:
        repaired = _repaired(data, "utf-8", valid)
        if repaired is not None:
            return repaired
        raise UndecodableError(f"invalid UTF-8: {_where(data, bad, 'utf-8')} (save the file as UTF-8)")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UndecodableError(
            f"neither UTF-8 nor cp1252 text: {_where(data, exc.start, 'latin-1')} is not a cp1252 character"
        ) from None
    return _checked(text, "cp1252")


def _declared(data: bytes) -> Decoded | None:
    """The file read in the first charset it declares that reads it (UTF-8 was tried already)."""
    for m in _DECLARED.finditer(data, 0, _DECLARATION_BYTES):
        codec = _codec(m.group(1) or m.group(2))
        if codec is None or codec == "utf-8":
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            # Weighed against the bytes outside ASCII, the only ones a legacy code page decides.
            repaired = _repaired(data, codec, len(data) - len(_ASCII.findall(data)))
            if repaired is not None:
                return repaired
            continue
        return _checked(text, codec, exact=text.encode(codec) == data)
    return None


def _codec(label: bytes) -> str | None:
    """Python's codec for a declared charset label, as browsers read it, or None if unknown."""
    try:
        name = codecs.lookup(label.decode("ascii").strip().lower()).name
    except (LookupError, UnicodeDecodeError):
        return None
    codec = _SUPERSETS.get(name, name)
    return codec if codec in _WEB_CODECS or codec == "utf-8" else None


def _repaired(data: bytes, codec: str, readable: int) -> Decoded | None:
    """``data`` read with a replacement character for each byte ``codec`` cannot read, if few.

    ``readable`` is the number of characters the bad bytes are weighed against.
    """
    escaped = data.decode(codec, "surrogateescape")
    # The escapes are U+DC80..U+DCFF, compared by code point: mypyc cannot compile a lone
    # surrogate in a string literal.
    repairs = tuple((i, ord(ch) - 0xDC00) for i, ch in enumerate(escaped) if 0xDC80 <= ord(ch) <= 0xDCFF)
    if len(repairs) > REPAIR_SHARE * (readable + len(repairs)):
        return None
    chars = list(escaped)
    for index, _ in repairs:
        chars[index] = "\ufffd"
    return _checked("".join(chars), codec, repairs=repairs)


def _count_invalid_utf8(data: bytes) -> int:
    return data.decode("utf-8", "replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")


def _where(data: bytes, offset: int, codec: str) -> str:
    """``byte 0xNN at line L, column C``, counting lines and columns as the readers do."""
    lines = LINE_BREAK_BYTES.split(data[:offset])
    column = len(lines[-1].decode(codec, "replace")) + 1
    return f"byte 0x{data[offset]:02x} at line {len(lines)}, column {column}"


# The control characters a text file does not hold (tab, line feed, vertical tab, form feed and
# carriage return are text), as bytes.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    # Each control character is one byte in UTF-8, and no other character's bytes hold one:
    # counted as the bytes a C loop deletes, three times faster than a pattern finds them.
    encoded = sample.encode("utf-8", "surrogatepass")
    controls = len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


def _checked(
    text: str,
    encoding: str,
    bom: bool = False,
    codec: str = "",
    prefix: bytes = b"",
    repairs: tuple[tuple[int, int], ...] = (),
    exact: bool = True,
) -> Decoded:
    """Refuse text that is mostly control characters; note cp1252 mojibake (``Â©`` for ``©``).

    The text is kept as is so positions stay exact.  The extractor reads ``Â©`` as a
    copyright mark, which is the only mojibake that changes what an attribution means.
    """
    if _looks_binary(text):
        raise UndecodableError("binary file (mostly control characters)")
    # Every pair starts with one of three letters outside ASCII: most texts hold none of them.
    mojibake = (
        not text.isascii()
        and ("Â" in text or "Ã" in text or "â" in text)
        and _MOJIBAKE.search(text) is not None
    )
    return Decoded(text, encoding, bom, mojibake, codec, prefix, repairs, exact)
