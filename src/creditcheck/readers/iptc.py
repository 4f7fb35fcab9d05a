"""IPTC photo metadata (XMP and IIM)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field

import lxml.etree

from creditcheck.compilecache import dataclass
from creditcheck.dates import parse_timestamp
from creditcheck.readers import xmlsafe


class MetadataError(ValueError):
    """Embedded metadata (IIM records or an XMP packet) is truncated or malformed."""


def _iim_datetime(date: str | None, time: str | None) -> tuple[dt.date | None, dt.datetime | None]:
    """IIM keeps the date (CCYYMMDD) and the time (HHMMSS±HHMM) in two datasets."""
    if not date or not re.fullmatch(r"\d{8}", date.strip()):
        return None, None
    value = date.strip()
    t = (time or "").strip()
    if re.fullmatch(r"\d{6}[+-]\d{4}", t):
        value += "T" + t
    return parse_timestamp(value)


# --- XMP -----------------------------------------------------------------------------------------

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "xmpNote": "http://ns.adobe.com/xmp/note/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
}


def _qname(prefixed: str) -> str:
    prefix, local = prefixed.split(":")
    return f"{{{NS[prefix]}}}{local}"


def parse_xmp(packet: bytes) -> dict[str, list[str]]:
    """Simple and array properties of an XMP packet, keyed ``{namespace}name``.

    Properties may be written as attributes of ``rdf:Description`` or as child elements; an
    ``rdf:Alt`` gives its ``x-default`` item, ``rdf:Seq``/``rdf:Bag`` every item. Structures
    (``rdf:parseType="Resource"``) hold no field creditcheck reads and are skipped.
    """
    text = _decode_packet(packet)
    try:
        doc = xmlsafe.parse(text)
    except ValueError as exc:
        raise MetadataError(f"malformed XMP: {exc}") from None
    props: dict[str, list[str]] = {}
    for desc in doc.root.iter(f"{{{RDF}}}Description"):
        parent = desc.getparent()
        if parent is None or parent.tag != f"{{{RDF}}}RDF":
            continue  # a structure's inner description, not the photo's own properties
        for key, raw in desc.attrib.items():
            name, value = str(key), str(raw)
            if name.startswith((f"{{{RDF}}}", f"{{{XML_NS}}}")) or not name.startswith("{"):
                continue
            if value.strip():
                props.setdefault(name, []).append(value.strip())
        for child in desc:
            if not isinstance(child.tag, str):
                continue
            values = _property_values(child)
            if values:
                props.setdefault(child.tag, []).extend(values)
    return props


def _decode_packet(packet: bytes) -> str:
    packet = packet.rstrip(b"\x00 \t\r\n")
    for codec in ("utf-8-sig", "utf-16", "utf-32"):
        try:
            return packet.decode(codec)
        except UnicodeDecodeError:
            continue
    raise MetadataError("XMP packet is neither UTF-8 nor UTF-16/32 text")


def _property_values(prop: lxml.etree._Element) -> list[str]:
    if prop.get(f"{{{RDF}}}parseType") == "Resource":
        return []
    resource = prop.get(f"{{{RDF}}}resource")
    if resource is not None:
        return [resource.strip()] if resource.strip() else []
    containers = [c for c in prop if isinstance(c.tag, str)]
    if not containers:
        text = " ".join((prop.text or "").split())
        return [text] if text else []
    return _container_values(containers[0])


def _container_values(container: lxml.etree._Element) -> list[str]:
    """An rdf:Alt's default-language value, or every value of an rdf:Seq or rdf:Bag."""
    items = [
        li for li in container if li.tag == f"{{{RDF}}}li" and li.get(f"{{{RDF}}}parseType") != "Resource"
    ]
    texts = [
        (li.get(f"{{{XML_NS}}}lang"), " ".join("".join(str(t) for t in li.itertext()).split()))
        for li in items
    ]
    texts = [(lang, t) for lang, t in texts if t]
    if container.tag == f"{{{RDF}}}Alt":
        default = [t for lang, t in texts if lang == "x-default"]
        return default[:1] or [t for _lang, t in texts[:1]]
    if container.tag in (f"{{{RDF}}}Seq", f"{{{RDF}}}Bag"):
        return [t for _lang, t in texts]
    return []


# --- IIM -----------------------------------------------------------------------------------------


def parse_iim(data: bytes) -> dict[tuple[int, int], list[bytes]]:
    """IIM datasets ``0x1C record dataset length data`` in order of appearance.

    A length with its high bit set is an extended length: its low 15 bits count the bytes that
    hold the real length. Bytes after the last dataset (Photoshop pads with zeros) are ignored.
    """
    out: dict[tuple[int, int], list[bytes]] = {}
    pos = 0
    n = len(data)
    while pos < n and data[pos] == 0x1C:
        if pos + 5 > n:
            raise MetadataError(f"truncated IPTC-IIM dataset header at byte {pos}")
        record, dataset = data[pos + 1], data[pos + 2]
        length = int.from_bytes(data[pos + 3 : pos + 5], "big")
        pos += 5
        if length & 0x8000:
            size = length & 0x7FFF
            if size == 0 or size > 4 or pos + size > n:
                raise MetadataError(f"bad extended IPTC-IIM length in dataset {record}:{dataset:03d}")
            length = int.from_bytes(data[pos : pos + size], "big")
            pos += size
        if pos + length > n:
            raise MetadataError(
                f"IPTC-IIM dataset {record}:{dataset:03d} claims {length} bytes, only {n - pos} remain"
            )
        out.setdefault((record, dataset), []).append(data[pos : pos + length])
        pos += length
    return out


def _iim_text(raw: bytes, utf8: bool) -> str:
    raw = raw.rstrip(b"\x00")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            # IIM fields have fixed maximum lengths; writers cut UTF-8 mid-character.
            text = raw[: exc.start].decode("utf-8", "replace")
        elif utf8:
            text = raw.decode("utf-8", "replace")
        else:
            text = raw.decode("latin-1")
    return " ".join(text.split())


# --- the photo's fields --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Value:
    """One value of a field and where it came from ("XMP photoshop:Credit", "IIM 2:110")."""

    text: str
    origin: str


# (role, XMP property, IIM dataset, IIM maximum length in bytes)
_FIELDS: tuple[tuple[str, str | None, int | None, int], ...] = (
    ("credit", "photoshop:Credit", 110, 32),
    ("source", "photoshop:Source", 115, 32),
    ("copyright", "dc:rights", 116, 128),
    ("creators", "dc:creator", 80, 32),
    ("instructions", "photoshop:Instructions", 40, 256),
    ("usage_terms", "xmpRights:UsageTerms", None, 0),
    ("caption", "dc:description", 120, 2000),
    ("headline", "photoshop:Headline", 105, 256),
    ("title", "dc:title", 5, 64),
    ("transmission_reference", "photoshop:TransmissionReference", 103, 32),
    ("image_guid", "Iptc4xmpExt:DigImageGUID", None, 0),
    ("document_id", "xmpMM:DocumentID", None, 0),
)


@dataclass
class PhotoMetadata:
    """The rights fields of a photo, XMP first, IIM values kept only where they differ."""

    fields: dict[str, list[Value]] = field(default_factory=dict)
    created: dt.date | None = None
    created_origin: str | None = None
    release: dt.datetime | None = None  # IIM 2:30/2:35: not to be used before this time
    has_xmp: bool = False
    has_iim: bool = False

    def get(self, role: str) -> list[Value]:
        return self.fields.get(role, [])

    def first(self, role: str) -> str | None:
        values = self.get(role)
        return values[0].text if values else None

    @property
    def asset_id(self) -> str | None:
        """The photo's id: its IPTC image GUID, else the agency's job id, else XMP's document id.

        The job id is the transmission reference (``DPI755``); the document id is assigned by
        editing software and changes when the file is saved again, so it comes last.
        """
        for role in ("image_guid", "transmission_reference", "document_id"):
            value = self.first(role)
            if value:
                return value
        return None


def photo_metadata(
    xmp: dict[str, list[str]] | None, iim: dict[tuple[int, int], list[bytes]] | None
) -> PhotoMetadata:
    """Merge XMP properties and IIM datasets into one set of fields."""
    meta = PhotoMetadata(has_xmp=xmp is not None, has_iim=iim is not None)
    xmp = xmp or {}
    iim = iim or {}
    utf8 = any(v.startswith(b"\x1b%G") for v in iim.get((1, 90), []))
    for role, prop, dataset, max_bytes in _FIELDS:
        values: list[Value] = []
        if prop is not None:
            values.extend(Value(t, f"XMP {prop}") for t in xmp.get(_qname(prop), []) if t)
        if dataset is not None:
            for raw in iim.get((2, dataset), []):
                text = _iim_text(raw, utf8)
                if text and not _agrees(text, len(raw.rstrip(b"\x00")), max_bytes, values):
                    values.append(Value(text, f"IIM 2:{dataset:03d}"))
        if values:
            meta.fields[role] = values
    created = xmp.get(_qname("photoshop:DateCreated"), [])
    if created:
        meta.created, _ = parse_timestamp(created[0])
        meta.created_origin = "XMP photoshop:DateCreated"
    if meta.created is None:
        meta.created, _ = _iim_datetime(_first_iim(iim, 55, utf8), _first_iim(iim, 60, utf8))
        meta.created_origin = "IIM 2:055" if meta.created else None
    release_day, release_at = _iim_datetime(_first_iim(iim, 30, utf8), _first_iim(iim, 35, utf8))
    if release_at is None and release_day is not None:
        release_at = dt.datetime(release_day.year, release_day.month, release_day.day, tzinfo=dt.UTC)
    meta.release = release_at
    return meta


def _first_iim(iim: dict[tuple[int, int], list[bytes]], dataset: int, utf8: bool) -> str | None:
    values = iim.get((2, dataset))
    return _iim_text(values[0], utf8) if values else None


def _agrees(iim_text: str, iim_bytes: int, max_bytes: int, xmp_values: list[Value]) -> bool:
    """Whether an IIM value says what an XMP value says (equal, or cut at IIM's maximum length)."""
    for value in xmp_values:
        if not value.origin.startswith("XMP"):
            continue
        if value.text == iim_text:
            return True
        if max_bytes and iim_bytes >= max_bytes - 8 and value.text.startswith(iim_text.rstrip()):
            return True
    return False
