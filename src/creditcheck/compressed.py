"""Gzip-compressed articles (saved pages are often stored as .html.gz): bounded decompression."""

from __future__ import annotations

import zlib

GZIP_MAGIC = b"\x1f\x8b"
SUFFIX = ".gz"


class CompressedError(ValueError):
    """The file starts like gzip but cannot be decompressed, or decompresses too large."""


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def strip_suffix(path: str) -> str:
    """``page.html.gz`` → ``page.html``: the name that says what the content is."""
    return path[: -len(SUFFIX)] if path.lower().endswith(SUFFIX) else path


def gunzip(data: bytes, limit: int) -> bytes:
    """The decompressed bytes of every gzip member in ``data``, refusing more than ``limit``.

    The limit is checked while decompressing, so a small file that expands without end (a
    "gzip bomb") costs at most ``limit`` bytes of memory.
    """
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(rest, limit + 1 - len(out))
        except zlib.error as exc:
            raise CompressedError(f"not a valid gzip file ({exc})") from None
        if len(out) > limit:
            raise CompressedError(
                f"decompresses to more than the {limit / 1024 / 1024:g} MB limit (--max-size)"
            )
        if not inflater.eof:
            raise CompressedError("the gzip data is truncated")
        rest = inflater.unused_data
        if rest and not is_gzip(rest):
            break  # trailing padding after the last member, as some tools write
    return bytes(out)
