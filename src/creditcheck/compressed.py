"""Gzip-compressed articles (saved pages are often stored as .html.gz): bounded decompression."""

from __future__ import annotations

import zlib

GZIP_MAGIC = b"\x1f\x8b"
SUFFIX = ".gz"
# Compressed bytes handed to zlib at a time.
_PIECE = 64 * 1024


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
    view = memoryview(data)
    at = 0
    while at < len(data):
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        fed = 0
        while not inflater.eof:
            if at >= len(data):
                raise CompressedError("the gzip data is truncated")
            # Fed in pieces that grow with the member: zlib copies whatever follows a member's
            # end into unused_data, and handed the whole rest of the file it did so once per
            # member (quadratic). This way the copy is never longer than the member itself.
            piece = view[at : at + min(_PIECE, max(64, fed))]
            at += len(piece)
            fed += len(piece)
            try:
                out += inflater.decompress(piece, limit + 1 - len(out))
            except zlib.error as exc:
                raise CompressedError(f"not a valid gzip file ({exc})") from None
            if len(out) > limit:
                raise CompressedError(
                    f"decompresses to more than the {limit / 1024 / 1024:g} MB limit (--max-size)"
                )
        at -= len(inflater.unused_data)
        if at < len(data) and not is_gzip(bytes(view[at : at + 2])):
            break  # trailing padding after the last member, as some tools write
    return bytes(out)
