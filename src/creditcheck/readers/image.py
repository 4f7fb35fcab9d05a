"""Photos (JPEG, PNG, WebP): credit, copyright, creator and caption from embedded XMP and IPTC-IIM."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from dataclasses import field

from creditcheck.compilecache import dataclass
from creditcheck.model import Block, BlockKind, Image, Span
from creditcheck.readers import ReadResult
from creditcheck.readers.iptc import PhotoMetadata, parse_iim, parse_xmp, photo_metadata

EXTENSIONS = (".jpg", ".jpeg", ".jpe", ".png", ".webp")

_JPEG = b"\xff\xd8"
_PNG = b"\x89PNG\r\n\x1a\n"
_XMP_APP1 = b"http://ns.adobe.com/xap/1.0/\x00"
_XMP_EXTENSION = b"http://ns.adobe.com/xmp/extension/\x00"
_PHOTOSHOP = b"Photoshop 3.0\x00"
_IPTC_RESOURCE = 0x0404
_XMP_PNG_KEYWORD = b"XML:com.adobe.xmp"
# An XMP packet this large is not metadata; a compressed chunk must not inflate past it.
_MAX_XMP = 16 * 1024 * 1024
_STANDALONE = frozenset({0x01, 0xD8, *range(0xD0, 0xD8)})  # markers without a length


class ImageError(ValueError):
    """The file is not an image creditcheck reads, or it is truncated or corrupt."""


@dataclass
class Embedded:
    """The raw metadata found in an image file."""

    kind: str
    xmp: list[bytes] = field(default_factory=list)
    iim: bytes | None = None


def image_kind(data: bytes) -> str | None:
    """``jpeg``, ``png`` or ``webp`` from the file's first bytes, else None."""
    if data.startswith(_JPEG):
        return "jpeg"
    if data.startswith(_PNG):
        return "png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def embedded(data: bytes) -> Embedded:
    """The XMP packets and the IIM block of an image, or ImageError."""
    kind = image_kind(data)
    if kind == "jpeg":
        return _jpeg(data)
    if kind == "png":
        return _png(data)
    if kind == "webp":
        return _webp(data)
    if not data:
        raise ImageError("the image file is empty")
    raise ImageError("not a JPEG, PNG or WebP image")


def metadata(data: bytes) -> PhotoMetadata:
    """The photo's rights fields (XMP preferred, IIM kept where it differs)."""
    found = embedded(data)
    xmp: dict[str, list[str]] | None = None
    for packet in found.xmp:
        props = parse_xmp(packet)
        if xmp is None:
            xmp = props
        else:
            for key, values in props.items():
                xmp.setdefault(key, values)  # the main packet wins over the extension
    iim = parse_iim(found.iim) if found.iim is not None else None
    return photo_metadata(xmp, iim)


def read_bytes(path: str, data: bytes) -> ReadResult:
    """One image, index 0, whose credit is its Credit field or a credit in its caption.

    Images have no lines: every block and span is on line 1 at column 1, and the columns of a
    credit found inside a field count from the start of that field's value.
    """
    meta = metadata(data)
    image = Image(0, os.path.basename(path), Span(1, 1, 1, 1))
    blocks: list[Block] = []
    for role, kind, index in (
        ("credit", BlockKind.CREDIT, 0),
        ("copyright", BlockKind.COPYRIGHT, 0),
        ("caption", BlockKind.CAPTION, 0),
        ("headline", BlockKind.TEXT, None),
    ):
        blocks.extend(Block(v.text, 1, 1, kind, index) for v in meta.get(role))
    result = ReadResult(blocks, [image], meta.created, [], meta.first("headline") or meta.first("title"))
    terms = meta.get("instructions") + meta.get("usage_terms")
    result.instructions = [(v.text, _span(v.text)) for v in terms]
    result.creators = [(v.text, _span(v.text)) for v in meta.get("creators")]
    result.asset_id = meta.asset_id
    result.embargo = meta.release
    return result


def _span(text: str) -> Span:
    return Span(1, 1, 1, 1 + len(text))


# --- JPEG ----------------------------------------------------------------------------------------


def _jpeg_segments(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    """(marker, offset, payload) of each marker segment up to the first scan (SOS)."""
    n = len(data)
    pos = 2
    while True:
        if pos >= n:
            raise ImageError(f"truncated JPEG: the file ends at byte {n} before the image data")
        if data[pos] != 0xFF:
            raise ImageError(f"corrupt JPEG: no marker at byte {pos}")
        while pos < n and data[pos] == 0xFF:
            pos += 1  # fill bytes may pad before a marker
        if pos >= n:
            raise ImageError(f"truncated JPEG: the file ends at byte {n} inside a marker")
        marker = data[pos]
        start = pos - 1
        pos += 1
        if marker in _STANDALONE:
            continue
        if marker == 0xD9:
            return
        if pos + 2 > n:
            raise ImageError(f"truncated JPEG: segment 0xFF{marker:02X} at byte {start} has no length")
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2:
            raise ImageError(f"corrupt JPEG: segment 0xFF{marker:02X} at byte {start} has length {length}")
        if pos + length > n:
            raise ImageError(
                f"truncated JPEG: segment 0xFF{marker:02X} at byte {start} claims {length} bytes, "
                f"only {n - pos} remain"
            )
        yield marker, start, data[pos + 2 : pos + length]
        pos += length
        if marker == 0xDA:
            # Entropy-coded data follows; 0xFF in it is stuffed, so only a real EOI reads FF D9.
            if data.find(b"\xff\xd9", pos) < 0:
                raise ImageError("truncated JPEG: the image data has no end marker")
            return


def _jpeg(data: bytes) -> Embedded:
    found = Embedded("jpeg")
    photoshop = bytearray()
    extended: dict[bytes, dict[int, bytes]] = {}
    for marker, start, payload in _jpeg_segments(data):
        if marker == 0xE1 and payload.startswith(_XMP_APP1):
            found.xmp.insert(0, payload[len(_XMP_APP1) :])
        elif marker == 0xE1 and payload.startswith(_XMP_EXTENSION):
            body = payload[len(_XMP_EXTENSION) :]
            if len(body) < 40:
                raise ImageError(f"corrupt JPEG: extended XMP segment at byte {start} is too short")
            guid, offset = body[:32], int.from_bytes(body[36:40], "big")
            extended.setdefault(guid, {})[offset] = body[40:]
        elif marker == 0xED and payload.startswith(_PHOTOSHOP):
            # A resource block too large for one segment continues in the next APP13.
            photoshop += payload[len(_PHOTOSHOP) :]
    if photoshop:
        found.iim = _photoshop_iptc(bytes(photoshop))
    for guid, chunks in extended.items():
        if found.xmp and guid.decode("ascii", "replace") in found.xmp[0].decode("utf-8", "replace"):
            found.xmp.append(b"".join(chunks[k] for k in sorted(chunks)))
    return found


def _photoshop_iptc(data: bytes) -> bytes | None:
    """The IPTC-NAA resource (0x0404) of Photoshop image resource blocks ("8BIM")."""
    n = len(data)
    pos = 0
    while pos + 4 <= n and data[pos : pos + 4] == b"8BIM":
        if pos + 7 > n:
            raise ImageError("truncated Photoshop resource block in APP13")
        resource = int.from_bytes(data[pos + 4 : pos + 6], "big")
        name_size = 1 + data[pos + 6]
        name_size += name_size % 2  # the Pascal name is padded to an even size
        p = pos + 6 + name_size
        if p + 4 > n:
            raise ImageError("truncated Photoshop resource block in APP13")
        size = int.from_bytes(data[p : p + 4], "big")
        if p + 4 + size > n:
            raise ImageError(
                f"truncated Photoshop resource 0x{resource:04X} in APP13: claims {size} bytes, "
                f"only {n - p - 4} remain"
            )
        if resource == _IPTC_RESOURCE:
            return data[p + 4 : p + 4 + size]
        pos = p + 4 + size + size % 2
    return None


# --- PNG -----------------------------------------------------------------------------------------


def _png(data: bytes) -> Embedded:
    found = Embedded("png")
    n = len(data)
    pos = len(_PNG)
    while True:
        if pos + 8 > n:
            raise ImageError(f"truncated PNG: the file ends at byte {n} before the IEND chunk")
        length = int.from_bytes(data[pos : pos + 4], "big")
        ctype = data[pos + 4 : pos + 8]
        if pos + 12 + length > n:
            raise ImageError(
                f"truncated PNG: chunk {ctype.decode('latin-1')!r} at byte {pos} claims {length} bytes, "
                f"only {max(n - pos - 12, 0)} remain"
            )
        chunk = data[pos + 8 : pos + 8 + length]
        if ctype == b"IEND":
            return found
        if ctype in (b"iTXt", b"tEXt"):
            keyword, _, rest = chunk.partition(b"\x00")
            if keyword == _XMP_PNG_KEYWORD:
                found.xmp.append(_png_text(ctype, rest, pos))
        pos += 12 + length


def _png_text(ctype: bytes, rest: bytes, pos: int) -> bytes:
    if ctype == b"tEXt":
        return rest
    if len(rest) < 2:
        raise ImageError(f"corrupt PNG: iTXt chunk at byte {pos} is too short")
    compressed, body = rest[0], rest[2:]
    _lang, _, body = body.partition(b"\x00")
    _translated, _, text = body.partition(b"\x00")
    if not compressed:
        return text
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(text, _MAX_XMP)
    except zlib.error as exc:
        raise ImageError(f"corrupt PNG: compressed XMP at byte {pos} does not inflate ({exc})") from None
    if inflater.unconsumed_tail:
        raise ImageError(f"PNG XMP at byte {pos} inflates past {_MAX_XMP // (1024 * 1024)} MB")
    return out


# --- WebP ----------------------------------------------------------------------------------------


def _webp(data: bytes) -> Embedded:
    found = Embedded("webp")
    n = len(data)
    riff_end = 8 + int.from_bytes(data[4:8], "little")
    if riff_end > n:
        raise ImageError(f"truncated WebP: the RIFF header claims {riff_end} bytes, the file has {n}")
    pos = 12
    while pos + 8 <= riff_end:
        fourcc = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        if pos + 8 + size > riff_end:
            raise ImageError(
                f"truncated WebP: chunk {fourcc.decode('latin-1')!r} at byte {pos} claims {size} bytes, "
                f"only {riff_end - pos - 8} remain"
            )
        if fourcc == b"XMP ":
            found.xmp.append(data[pos + 8 : pos + 8 + size])
        pos += 8 + size + size % 2
    return found
