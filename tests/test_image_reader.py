"""Photos: XMP and IPTC-IIM in JPEG, PNG and WebP; XMP preferred, IIM kept where it differs."""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import struct
import zlib
from types import ModuleType

import pytest

from creditcheck.dates import parse_timestamp
from creditcheck.extract import extract_block
from creditcheck.model import Image, Span
from creditcheck.readers import ReadResult, image, iptc
from creditcheck.resolve import Resolver
from tests.helpers import FIXTURES, PATHOLOGICAL, shipped_rules

IMAGES = FIXTURES / "images"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_images", IMAGES / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _builder()


def read(name: str) -> ReadResult:
    return image.read_bytes(str(IMAGES / name), (IMAGES / name).read_bytes())


def blocks(result: ReadResult) -> list[tuple[str, int | None, int, int, str]]:
    return [(b.kind, b.image, b.line, b.column, b.text) for b in result.blocks]


def span(text: str) -> Span:
    return Span(1, 1, 1, 1 + len(text))


def test_committed_fixtures_are_what_the_builder_builds() -> None:
    built = BUILD.build()
    on_disk = {p.name for p in IMAGES.iterdir() if p.suffix != ".py" and p.is_file()}
    assert on_disk == set(built)
    for name, data in built.items():
        assert (IMAGES / name).read_bytes() == data, name


def test_jpeg_xmp_and_iim_that_disagree_on_the_credit_keep_both() -> None:
    r = read("reuters-kato.jpg")
    caption = (
        "A commuter wearing a mask walks through Shinjuku station in Tokyo, Japan, January 8, 2021. "
        "REUTERS/Issei Kato"
    )
    # The IIM caption differs from XMP's only in spacing, the notice not at all: one of each.
    assert blocks(r) == [
        ("credit", 0, 1, 1, "REUTERS/Issei Kato"),
        ("credit", 0, 1, 1, "REUTERS"),
        ("copyright", 0, 1, 1, "© 2021 Thomson Reuters"),
        ("caption", 0, 1, 1, caption),
    ]
    assert r.images == [Image(0, "reuters-kato.jpg", Span(1, 1, 1, 1))]
    assert r.creators == [("Issei Kato", span("Issei Kato"))]
    assert r.instructions == [
        ("NO RESALES. NO ARCHIVES.", span("NO RESALES. NO ARCHIVES.")),
        ("Editorial use only.", span("Editorial use only.")),
    ]
    # A creation date is not a publication date: it is only the image's metadata date.
    assert r.metadata_date == dt.date(2021, 1, 8)
    assert r.published_at is None
    assert r.embargo is None
    assert r.status is None
    assert r.asset_id == "RC2TEST0001"
    assert r.title == "HEALTH-CORONAVIRUS/JAPAN"


def test_origins_of_each_value() -> None:
    meta = image.metadata((IMAGES / "reuters-kato.jpg").read_bytes())
    assert [(v.origin, v.text) for v in meta.get("credit")] == [
        ("XMP photoshop:Credit", "REUTERS/Issei Kato"),
        ("IIM 2:110", "REUTERS"),
    ]
    assert [(v.origin, v.text) for v in meta.get("source")] == [("XMP photoshop:Source", "Reuters")]
    # rdf:Alt gives the x-default item, not the first.
    assert [(v.origin, v.text) for v in meta.get("copyright")] == [
        ("XMP dc:rights", "© 2021 Thomson Reuters")
    ]
    assert meta.created_origin == "XMP photoshop:DateCreated"
    assert meta.has_xmp and meta.has_iim


def test_jpeg_with_only_iim_in_latin1() -> None:
    r = read("afp-getty-nogi.jpg")
    assert blocks(r) == [
        ("credit", 0, 1, 1, "Kazuhiro Nogi/AFP via Getty Images"),
        ("copyright", 0, 1, 1, "2020 AFP"),
        (
            "caption",
            0,
            1,
            1,
            "The Olympic flame is displayed at a café in Ishinomaki on March 24, 2020. "
            "(Photo by Kazuhiro NOGI / AFP) (Photo by KAZUHIRO NOGI/AFP via Getty Images)",
        ),
        ("text", None, 1, 1, "Olympic flame arrives"),
    ]
    assert r.creators == [("KAZUHIRO NOGI", span("KAZUHIRO NOGI"))]
    assert r.instructions == [("EDITORIAL USE ONLY", span("EDITORIAL USE ONLY"))]
    assert r.metadata_date == dt.date(2020, 3, 24)
    # IIM's release date and time (2:30, 2:35) say when the photo may first be used.
    assert r.embargo == dt.datetime(2020, 3, 25, 6, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert r.asset_id is None
    assert r.title == "Olympic flame arrives"


def test_credits_are_found_for_the_image() -> None:
    resolver = Resolver(shipped_rules())
    r = read("afp-getty-nogi.jpg")
    found = [(a.kind.value, a.text, a.image, a.span) for b in r.blocks for a in extract_block(b, resolver)]
    assert ("photo-credit", "Kazuhiro Nogi/AFP via Getty Images", 0, Span(1, 1, 1, 35)) in found
    kato = read("reuters-kato.jpg")
    credits = [
        a.text for b in kato.blocks for a in extract_block(b, resolver) if a.kind.value == "photo-credit"
    ]
    assert credits == ["REUTERS/Issei Kato", "REUTERS", "REUTERS/Issei Kato"]


def test_png_with_compressed_xmp() -> None:
    r = read("example-wire.png")
    assert blocks(r) == [
        ("credit", 0, 1, 1, "Jane Doe/Example Wire"),
        ("copyright", 0, 1, 1, "© 2022 Example Wire"),
    ]


def test_png_with_uncompressed_xmp() -> None:
    data = BUILD.png(BUILD.PNG_XMP, compressed=False)
    r = image.read_bytes("x.png", data)
    assert [b.text for b in r.blocks] == ["Jane Doe/Example Wire", "© 2022 Example Wire"]


def test_webp_with_xmp() -> None:
    r = read("ap-rourke.webp")
    assert blocks(r) == [("credit", 0, 1, 1, "AP Photo/Matt Rourke")]
    assert r.creators == [("Matt Rourke", span("Matt Rourke"))]


def test_image_without_metadata_is_an_image_without_a_credit() -> None:
    r = read("no-metadata.jpg")
    assert r.blocks == []
    assert r.images == [Image(0, "no-metadata.jpg", Span(1, 1, 1, 1))]
    assert r.metadata_date is None


def test_extended_xmp_in_jpeg_is_merged() -> None:
    guid = b"0123456789ABCDEF0123456789ABCDEF"
    main = BUILD.xmp(
        [
            '<rdf:Description rdf:about="" xmlns:xmpNote="http://ns.adobe.com/xmp/note/"'
            ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
            f' xmpNote:HasExtendedXMP="{guid.decode()}" photoshop:Credit="Main Credit"/>\n'
        ]
    )
    extension = BUILD.xmp(
        [
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="Ignored Credit">'
            '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">A long caption. (AP Photo/Ext)'
            "</rdf:li></rdf:Alt></dc:description></rdf:Description>\n"
        ]
    )
    half = len(extension) // 2
    chunks = [(0, extension[:half]), (half, extension[half:])]
    segments = [BUILD.segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + main)]
    for offset, part in reversed(chunks):  # out of order on purpose
        header = b"http://ns.adobe.com/xmp/extension/\x00" + guid + struct.pack(">II", len(extension), offset)
        segments.append(BUILD.segment(0xE1, header + part))
    r = image.read_bytes("x.jpg", BUILD.jpeg(segments))
    assert [(b.kind, b.text) for b in r.blocks] == [
        ("credit", "Main Credit"),
        ("caption", "A long caption. (AP Photo/Ext)"),
    ]


def test_iim_extended_length_and_utf8_cut_mid_character() -> None:
    caption = "Ünïcödé caption".encode()
    long_dataset = (
        bytes([0x1C, 2, 120]) + struct.pack(">H", 0x8004) + struct.pack(">I", len(caption)) + caption
    )
    cut = "Agence Ü".encode()[:-1]  # a writer cut the field inside the last character
    iim = BUILD.dataset(1, 90, b"\x1b%G") + long_dataset + BUILD.dataset(2, 110, cut)
    data = BUILD.jpeg([BUILD.segment(0xED, b"Photoshop 3.0\x00" + BUILD.photoshop_irb(iim))])
    r = image.read_bytes("x.jpg", data)
    assert [(b.kind, b.text) for b in r.blocks] == [("credit", "Agence"), ("caption", "Ünïcödé caption")]


def test_iim_value_cut_at_its_maximum_length_agrees_with_the_full_xmp_value() -> None:
    full = "HANDOUT PHOTO; ONE TIME USE ONLY; " * 10
    xmp = BUILD.xmp(
        [
            '<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
            f"<photoshop:Instructions>{full}</photoshop:Instructions></rdf:Description>"
        ]
    )
    iim = BUILD.dataset(2, 40, full.encode()[:255])
    data = BUILD.jpeg(
        [
            BUILD.segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + xmp),
            BUILD.segment(0xED, b"Photoshop 3.0\x00" + BUILD.photoshop_irb(iim)),
        ]
    )
    r = image.read_bytes("x.jpg", data)
    assert [t for t, _s in r.instructions] == [full.strip()]


def test_iim_short_value_that_is_a_prefix_still_disagrees() -> None:
    meta = iptc.photo_metadata(
        {"{http://ns.adobe.com/photoshop/1.0/}Credit": ["REUTERS/Issei Kato"]},
        {(2, 110): [b"REUTERS"]},
    )
    assert [v.text for v in meta.get("credit")] == ["REUTERS/Issei Kato", "REUTERS"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "2013-03-04T11:14:13.000Z",
            (dt.date(2013, 3, 4), dt.datetime(2013, 3, 4, 11, 14, 13, tzinfo=dt.UTC)),
        ),
        (
            "20131020T192751+1100",
            (
                dt.date(2013, 10, 20),
                dt.datetime(2013, 10, 20, 19, 27, 51, tzinfo=dt.timezone(dt.timedelta(hours=11))),
            ),
        ),
        (
            "2010-10-20T19:45:58-04:00",
            (
                dt.date(2010, 10, 20),
                dt.datetime(2010, 10, 20, 19, 45, 58, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
            ),
        ),
        (
            "2018-10-12T06:42:04Z ",
            (dt.date(2018, 10, 12), dt.datetime(2018, 10, 12, 6, 42, 4, tzinfo=dt.UTC)),
        ),
        ("2023-08-19T19:07:18", (dt.date(2023, 8, 19), None)),  # no zone: no moment
        ("2020-07-08", (dt.date(2020, 7, 8), None)),
        ("20170713", (dt.date(2017, 7, 13), None)),
        ("2020-02-30", (None, None)),
        ("July 2020", (None, None)),
    ],
)
def test_iptc_dates(value: str, expected: tuple[dt.date | None, dt.datetime | None]) -> None:
    assert parse_timestamp(value) == expected


# --- broken files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["reuters-kato.jpg", "afp-getty-nogi.jpg", "example-wire.png", "ap-rourke.webp"]
)
def test_every_truncation_is_a_clear_value_error(name: str) -> None:
    data = (IMAGES / name).read_bytes()
    for size in range(len(data)):
        try:
            image.read_bytes(name, data[:size])
        except (image.ImageError, iptc.MetadataError) as exc:
            assert str(exc), size
        else:  # pragma: no cover - a cut file must not read as whole
            pytest.fail(f"{name} cut to {size} bytes was read")


@pytest.mark.parametrize(
    "name", ["reuters-kato.jpg", "afp-getty-nogi.jpg", "example-wire.png", "ap-rourke.webp"]
)
def test_corrupt_bytes_give_a_value_error_or_a_result_never_a_crash(name: str) -> None:
    data = (IMAGES / name).read_bytes()
    rng = random.Random(name)
    for _ in range(1500):
        broken = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            broken[rng.randrange(len(broken))] = rng.choice((0x00, 0xFF, 0x1C, 0x80, rng.randrange(256)))
        try:
            image.read_bytes(name, bytes(broken))
        except (image.ImageError, iptc.MetadataError) as exc:
            assert str(exc)


def test_truncated_jpeg_messages() -> None:
    data = (IMAGES / "reuters-kato.jpg").read_bytes()
    with pytest.raises(
        image.ImageError, match=r"truncated JPEG: segment 0xFFE1 at byte 20 claims \d+ bytes, only"
    ):
        image.read_bytes("x.jpg", data[:100])
    with pytest.raises(image.ImageError, match="truncated JPEG: the image data has no end marker"):
        image.read_bytes("x.jpg", data[:-2])


def test_not_an_image() -> None:
    with pytest.raises(image.ImageError, match="not a JPEG, PNG or WebP image"):
        image.read_bytes("x.jpg", b"GIF89a....")
    with pytest.raises(image.ImageError, match="the image file is empty"):
        image.read_bytes("x.jpg", b"")


@PATHOLOGICAL
def test_png_xmp_that_inflates_without_end_is_refused() -> None:
    bomb = zlib.compress(b" " * (17 * 1024 * 1024), 9)
    header = BUILD.png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    itxt = BUILD.png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x01\x00\x00\x00" + bomb)
    data = b"\x89PNG\r\n\x1a\n" + header + itxt + BUILD.png_chunk(b"IEND", b"")
    with pytest.raises(image.ImageError, match="inflates past 16 MB"):
        image.read_bytes("x.png", data)


def test_malformed_xmp_and_iim_are_metadata_errors() -> None:
    bad_xmp = BUILD.segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf")
    with pytest.raises(iptc.MetadataError, match="malformed XMP: not well-formed XML at line 1"):
        image.read_bytes("x.jpg", BUILD.jpeg([bad_xmp]))
    bad_iim = bytes([0x1C, 2, 110, 0x00, 0x40]) + b"short"
    app13 = BUILD.segment(0xED, b"Photoshop 3.0\x00" + BUILD.photoshop_irb(bad_iim))
    with pytest.raises(iptc.MetadataError, match=r"IPTC-IIM dataset 2:110 claims 64 bytes, only 5 remain"):
        image.read_bytes("x.jpg", BUILD.jpeg([app13]))
