"""Bytes to text: BOMs, UTF-8, cp1252, and a note of mojibake, recording what was done."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tell-tale pairs that UTF-8 text shows when it was decoded as cp1252 somewhere upstream.
_MOJIBAKE = re.compile("[ÂÃâ][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u20ac\u2122]")


class UndecodableError(ValueError):
    """The bytes are not text creditcheck can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bool = False
    mojibake: bool = False


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes, or raise UndecodableError with a one-line reason."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return _repair(data[3:].decode("utf-8"), "utf-8", bom=True)
        except UnicodeDecodeError as exc:
            raise UndecodableError(f"invalid UTF-8 at byte {exc.start + 3}") from None
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[2:].decode(codec), codec.replace("-le", "").replace("-be", ""), True)
            except UnicodeDecodeError:
                raise UndecodableError("invalid UTF-16 text") from None
    head = data[:8192]
    if b"\x00" in head:
        raise UndecodableError("binary file (contains NUL bytes)")
    try:
        return _repair(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise UndecodableError(
            f"not valid UTF-8 (byte {utf8_error}) and not cp1252 text"
        ) from None
    if _looks_binary(text):
        raise UndecodableError("binary file (mostly control characters)")
    return Decoded(text, "cp1252")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / len(sample) > 0.05


def _repair(text: str, encoding: str, bom: bool = False) -> Decoded:
    """Note cp1252 mojibake (``Â©`` for ``©``); the text is kept as is so positions stay exact.

    The extractor reads ``Â©`` as a copyright mark, which is the only mojibake that changes
    what an attribution means.
    """
    if _looks_binary(text):
        raise UndecodableError("binary file (mostly control characters)")
    return Decoded(text, encoding, bom, mojibake=bool(_MOJIBAKE.search(text)))
