"""Bytes to text: BOMs, UTF-8, cp1252, and a note of mojibake, recording what was done.

The text is never altered (no repairs, no newline changes), so every position a reader
reports is a position in the file as it is on disk, counted in characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from creditcheck.positions import LINE_BREAK_BYTES

# Tell-tale pairs that UTF-8 text shows when it was decoded as cp1252 somewhere upstream.
_MOJIBAKE = re.compile("[ÂÃâ][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u20ac\u2122]")
# A well-formed multi-byte UTF-8 character (the ASCII-only part of a file says nothing).
_UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)


class UndecodableError(ValueError):
    """The bytes are not text creditcheck can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text, and how the file held it: ``encoding`` is utf-8, utf-16, utf-32 or cp1252."""

    text: str
    encoding: str
    bom: bool = False
    mojibake: bool = False
    codec: str = ""  # the exact codec after the BOM (utf-16-le) when it says more than encoding
    prefix: bytes = b""  # the byte-order mark as the file has it

    def encode(self, text: str) -> bytes:
        """``text`` as the file would hold it: same BOM, same byte order, same encoding.

        ``decoded.encode(decoded.text)`` gives back the file's bytes; a character the
        encoding cannot hold raises UnicodeEncodeError.
        """
        return self.prefix + text.encode(self.codec or self.encoding)


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes, or raise UndecodableError with a one-line reason.

    A byte-order mark decides the encoding.  Otherwise the file is UTF-8 if it decodes as
    UTF-8; a file that mostly holds UTF-8 characters but has a few invalid bytes is damaged
    UTF-8 and is refused with the place of the first bad byte (read as cp1252 its columns
    would be wrong); anything else is read as cp1252.
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
    if len(_UTF8_CHAR.findall(data)) > _count_invalid_utf8(data):
        raise UndecodableError(f"invalid UTF-8: {_where(data, bad, 'utf-8')} (save the file as UTF-8)")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UndecodableError(
            f"neither UTF-8 nor cp1252 text: {_where(data, exc.start, 'latin-1')} is not a cp1252 character"
        ) from None
    return _checked(text, "cp1252")


def _count_invalid_utf8(data: bytes) -> int:
    return data.decode("utf-8", "replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")


def _where(data: bytes, offset: int, codec: str) -> str:
    """``byte 0xNN at line L, column C``, counting lines and columns as the readers do."""
    lines = LINE_BREAK_BYTES.split(data[:offset])
    column = len(lines[-1].decode(codec, "replace")) + 1
    return f"byte 0x{data[offset]:02x} at line {len(lines)}, column {column}"


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample))
    return controls / len(sample) > 0.05


def _checked(text: str, encoding: str, bom: bool = False, codec: str = "", prefix: bytes = b"") -> Decoded:
    """Refuse text that is mostly control characters; note cp1252 mojibake (``Â©`` for ``©``).

    The text is kept as is so positions stay exact.  The extractor reads ``Â©`` as a
    copyright mark, which is the only mojibake that changes what an attribution means.
    """
    if _looks_binary(text):
        raise UndecodableError("binary file (mostly control characters)")
    return Decoded(text, encoding, bom, bool(_MOJIBAKE.search(text)), codec, prefix)
