"""NITF news stories (IPTC News Industry Text Format): rights fields, dates, body text and media."""

from __future__ import annotations

import datetime as dt
import re

import lxml.etree

from creditcheck.compilecache import dataclass
from creditcheck.dates import parse_timestamp
from creditcheck.model import Block, BlockKind, Image, Span
from creditcheck.readers import ReadResult
from creditcheck.readers.xmlsafe import XMLDocument, block_span, local_name, parse, root_name

EXTENSIONS = (".nitf",)

_STATUSES = frozenset({"usable", "embargoed", "withheld", "canceled"})
_IMAGE_MEDIA = frozenset({"image", "photo", "graphic", "picture"})
_BY = re.compile(r"^\s*by\s+", re.I)
# Text inside these is read with the element, never as a paragraph of its own.
_OWNERS = frozenset({"media", "copyrite", "tagline", "byline"})


class NITFError(ValueError):
    """The XML is well-formed but is not an NITF document."""


def sniff(text: str) -> bool:
    """Whether ``text`` is an NITF document (its root element is ``nitf``)."""
    return root_name(text) == "nitf"


def read(path: str, text: str) -> ReadResult:
    doc = parse(text)
    if local_name(doc.root) != "nitf":
        raise NITFError(f"not an NITF document: the root element is <{local_name(doc.root)}>, not <nitf>")
    result = ReadResult([], [], None, [], None)
    read_nitf(doc, doc.root, result)
    return result


@dataclass
class _Seen:
    """What the elements of one ``<nitf>`` said about dates and the headline, first one wins."""

    issued: tuple[dt.date, dt.datetime | None] | None = None
    release: tuple[dt.date, dt.datetime | None] | None = None
    headline: str | None = None


def read_nitf(doc: XMLDocument, nitf: lxml.etree._Element, result: ReadResult) -> None:
    """Add what one ``<nitf>`` element holds to ``result`` (NewsML-G2 items embed NITF too)."""
    seen = _Seen()
    sources = result.sources if result.sources is not None else []
    for el in nitf.iter():
        name = local_name(el)
        if name and not _inside_owner(el, nitf):
            _element(doc, el, name, result, seen, sources)
    result.sources = sources
    if result.title is None:
        result.title = seen.headline
    if seen.issued is not None and result.metadata_date is None:
        result.metadata_date, result.published_at = seen.issued
    if seen.release is not None and result.embargo is None:
        # A release time is an embargo only when it is later than the issue: most wires send
        # both with the same value.
        _, release_at = seen.release
        issued_at = seen.issued[1] if seen.issued is not None else None
        if release_at is not None and (issued_at is None or release_at > issued_at):
            result.embargo = release_at


def _element(
    doc: XMLDocument,
    el: lxml.etree._Element,
    name: str,
    result: ReadResult,
    seen: _Seen,
    sources: list[tuple[str, Span]],
) -> None:
    """Take what one element of the document says."""
    if name == "title" and local_name(el.getparent()) == "head":
        if result.title is None:
            result.title = doc.text_of(el) or None
    elif name == "docdata":
        _docdata(doc, el, result, seen)
    elif name in ("hl1", "hl2"):
        _add(result, doc.block(el))
        if name == "hl1" and seen.headline is None:
            seen.headline = doc.text_of(el) or None
    elif name in ("p", "tagline") or (name == "abstract" and not _holds_paragraphs(el)):
        _add(result, doc.block(el))
    elif name == "rights.limitations":
        _instruction(result, doc.block(el))
    elif name == "distributor":
        block = doc.block(el)
        if block is not None:
            sources.append((block.text, block_span(block)))
    elif name == "byline":
        _byline(doc, el, result)
    elif name == "copyrite":
        _add(result, doc.block(el, BlockKind.COPYRIGHT))
    elif name == "media":
        _media(doc, el, result)


def _inside_owner(el: lxml.etree._Element, top: lxml.etree._Element) -> bool:
    """Whether an ancestor below ``top`` reads this element's text as part of its own."""
    for node in el.iterancestors():
        if node is top:
            return False
        if local_name(node) in _OWNERS:
            return True
    return False


def _norm_date(docdata: lxml.etree._Element, name: str) -> tuple[dt.date, dt.datetime | None] | None:
    for child in docdata:
        if local_name(child) == name and child.get("norm"):
            day, moment = parse_timestamp(child.get("norm") or "")
            if day is not None:
                return day, moment
    return None


def _holds_paragraphs(el: lxml.etree._Element) -> bool:
    return any(local_name(c) == "p" for c in el.iter())


def _docdata(doc: XMLDocument, docdata: lxml.etree._Element, result: ReadResult, seen: _Seen) -> None:
    """``<docdata>``: status, asset id, editors' notes, rights, copyright and the dates."""
    status = doc.attr_block(docdata, "management-status")
    if status is not None and status.text.lower() in _STATUSES and result.status is None:
        result.status = (status.text.lower(), block_span(status))
    seen.issued = seen.issued or _norm_date(docdata, "date.issue")
    seen.release = seen.release or _norm_date(docdata, "date.release")
    for child in docdata:
        name = local_name(child)
        if name == "doc-id" and result.asset_id is None and child.get("id-string"):
            result.asset_id = (child.get("id-string") or "").strip() or None
        elif name == "ed-msg":
            _instruction(result, doc.attr_block(child, "info"))
        elif name == "doc.rights":
            _instruction(result, doc.attr_block(child, "limitations"))
        elif name == "doc.copyright":
            _add(result, _copyright(doc, child))


def _copyright(doc: XMLDocument, el: lxml.etree._Element) -> Block | None:
    """``<doc.copyright year="2015" holder="AP"/>`` as the notice ``© 2015 AP``.

    Year and holder keep their own positions, in file order; the ``©`` is the reader's and
    stands where the first of them does. A holder without a year is not a notice (it would
    read as a credit), so it is left out.
    """
    year = doc.attr_block(el, "year", BlockKind.COPYRIGHT)
    holder = doc.attr_block(el, "holder", BlockKind.COPYRIGHT)
    if year is None or holder is None:
        return None
    first, second = sorted((year, holder), key=lambda b: (b.line, b.column))
    anchors: list[tuple[int, int, int]] = []
    base = 2
    for part in (first, second):
        anchors.append((base, part.line, part.column))
        anchors.extend((off + base, ln, col) for off, ln, col in part.line_starts)
        base += len(part.text) + 1
    text = f"© {first.text} {second.text}"
    return Block(text, first.line, first.column, BlockKind.COPYRIGHT, None, tuple(anchors))


def _byline(doc: XMLDocument, byline: lxml.etree._Element, result: ReadResult) -> None:
    people = [el for el in byline.iter() if local_name(el) == "person"]
    blocks = [doc.block(p) for p in people] if people else [doc.block(byline, direct=True)]
    for block in blocks:
        if block is None:
            continue
        m = _BY.match(block.text)
        start = m.end() if m else 0
        name = block.text[start:].strip(" ,;")
        if name:
            result.creators.append((name, block.span(start, start + len(name))))


def _media(doc: XMLDocument, media: lxml.etree._Element, result: ReadResult) -> None:
    kind = (media.get("media-type") or "").lower()
    refs = [el for el in media if local_name(el) == "media-reference"]
    mime = (refs[0].get("mime-type") or "").lower() if refs else ""
    if kind not in _IMAGE_MEDIA and not mime.startswith("image/"):
        return
    ref = refs[0] if refs else media
    src = ref.get("source") or ref.get("data") or ""
    index = len(result.images)
    result.images.append(Image(index, src, doc.tag_span(ref)))
    for el in media.iter():
        name = local_name(el)
        if name in ("media-producer", "credit"):
            _add(result, doc.block(el, BlockKind.CREDIT, index))
        elif name == "media-caption":
            _add(result, doc.block(el, BlockKind.CAPTION, index))


def _add(result: ReadResult, block: Block | None) -> None:
    if block is not None:
        result.blocks.append(block)


def _instruction(result: ReadResult, block: Block | None) -> None:
    if block is not None:
        result.instructions.append((block.text, block_span(block)))
