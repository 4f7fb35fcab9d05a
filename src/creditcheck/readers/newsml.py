"""NewsML-G2 items and messages (IPTC): rights info, item and content metadata, pictures, body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import lxml.etree

from creditcheck.dates import parse_timestamp
from creditcheck.model import Block, BlockKind, Image, Span
from creditcheck.readers import ReadResult
from creditcheck.readers.nitf import read_nitf
from creditcheck.readers.xmlsafe import (
    XMLDocument,
    block_span,
    collapse,
    collapse_pieces,
    lines_of,
    local_name,
    parse,
    root_name,
)

EXTENSIONS = (".newsml", ".nml")

NAR = "http://iptc.org/std/nar/2006-10-01/"
_ITEMS = frozenset({"newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem"})
_ROOTS = _ITEMS | {"newsMessage"}
_STATUSES = frozenset({"usable", "withheld", "canceled"})
_PICTURE_CLASSES = frozenset({"picture", "graphic"})
_TEXT_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "td"})
# Dates in order of preference for the publication date; contentCreated is when the content
# was made (a photo taken), so it only counts when the item has neither of the others.
_DATES = ("firstCreated", "versionCreated", "contentCreated")


class NewsMLError(ValueError):
    """The XML is well-formed but is not a NewsML-G2 item or message."""


def sniff(text: str) -> bool:
    """Whether ``text`` is a NewsML-G2 document (a news message or an item at its root)."""
    return root_name(text) in _ROOTS


def read(path: str, text: str) -> ReadResult:
    doc = parse(text)
    root = doc.root
    name = local_name(root)
    if name not in _ROOTS:
        raise NewsMLError(f"not a NewsML-G2 document: the root element is <{name}>")
    items = [root] if name in _ITEMS else [el for el in root.iter() if local_name(el) in _ITEMS and _nar(el)]
    result = ReadResult([], [], None, [], None)
    for item in items:
        _Item(doc, item, result).read()
    return result


def _nar(el: lxml.etree._Element) -> bool:
    """Whether an element is in the NewsML-G2 namespace (or, in careless files, in none)."""
    tag = el.tag
    return isinstance(tag, str) and (tag.startswith(f"{{{NAR}}}") or not tag.startswith("{"))


class _Item:
    """One item: the first item of a message decides its dates, status and id."""

    def __init__(self, doc: XMLDocument, item: lxml.etree._Element, result: ReadResult) -> None:
        self.doc = doc
        self.item = item
        self.result = result
        self.image: int | None = None
        self.dates: dict[str, tuple[dt.date, dt.datetime | None]] = {}
        self.status: tuple[str, Span] | None = None
        self.open_embargo: Span | None = None
        self.headline: str | None = None
        # Elements read by a method of their own; the few one-line cases stay in _element.
        self._handlers: dict[str, Callable[[lxml.etree._Element], None]] = {
            "pubStatus": self._pub_status,
            "embargoed": self._embargoed,
            "creator": self._creator,
            "by": self._by,
            "description": self._description,
            "provider": self._provider,
            "inlineXML": self._inline_xml,
            "inlineData": self._inline_data,
        }

    def read(self) -> None:
        result = self.result
        if result.asset_id is None and self.item.get("guid"):
            result.asset_id = (self.item.get("guid") or "").strip() or None
        self._picture()
        for el in self._elements(self.item):
            self._element(el)
        for name in _DATES:
            if name in self.dates and result.metadata_date is None:
                day, moment = self.dates[name]
                result.metadata_date = day
                result.published_at = moment if name != "contentCreated" else None
        if result.status is None:
            if self.status is not None:
                result.status = self.status
            elif self.open_embargo is not None:
                # <embargoed/> without a time: embargoed until a later version says otherwise.
                result.status = ("embargoed", self.open_embargo)
        if result.title is None:
            result.title = self.headline

    def _elements(self, top: lxml.etree._Element) -> list[lxml.etree._Element]:
        """The item's NewsML-G2 elements in order, not entering inline content or other items."""
        out: list[lxml.etree._Element] = []
        for child in top:
            if not _nar(child) or local_name(child) in _ITEMS:
                continue
            out.append(child)
            if local_name(child) not in ("inlineXML", "inlineData"):
                out.extend(self._elements(child))
        return out

    def _picture(self) -> None:
        """A picture item is one image, whose credit is the item's creditline or caption."""
        item_class = next((el for el in self.item.iter() if local_name(el) == "itemClass"), None)
        qcode = (item_class.get("qcode") or "") if item_class is not None else ""
        remote = [el for el in self.item.iter() if local_name(el) == "remoteContent" and _nar(el)]
        images = [el for el in remote if (el.get("contenttype") or "").lower().startswith("image/")]
        picture = qcode.replace("/", ":").rsplit(":", 1)[-1].lower() in _PICTURE_CLASSES
        if not picture and not (images and not qcode):
            return
        first = (images or remote or [self.item])[0]
        src = first.get("href") or first.get("residref") or ""
        span = self.doc.tag_span(first)
        self.image = len(self.result.images)
        self.result.images.append(Image(self.image, src, span))

    def _element(self, el: lxml.etree._Element) -> None:
        doc, result = self.doc, self.result
        name = local_name(el)
        handler = self._handlers.get(name)
        if handler is not None:
            handler(el)
        elif name == "copyrightNotice":
            _add(result, doc.block(el, BlockKind.COPYRIGHT, self.image))
        elif name in ("usageTerms", "edNote"):
            block = doc.block(el)
            if block is not None:
                result.instructions.append((block.text, block_span(block)))
        elif name in _DATES:
            day, moment = parse_timestamp(doc.text_of(el))
            if day is not None:
                self.dates.setdefault(name, (day, moment))
        elif name == "title" and local_name(el.getparent()) == "itemMeta" and result.title is None:
            result.title = doc.text_of(el) or None
        elif name == "creditline":
            _add(result, doc.block(el, BlockKind.CREDIT, self.image))
        elif name == "headline":
            _add(result, doc.block(el))
            self.headline = self.headline or doc.text_of(el) or None

    def _pub_status(self, el: lxml.etree._Element) -> None:
        """``<pubStatus qcode="stat:canceled"/>``: the item's status, placed at its code."""
        block = self.doc.attr_block(el, "qcode")
        if block is not None and self.status is None:
            value = block.text.replace("/", ":").rsplit(":", 1)[-1].lower()
            start = block.text.lower().rfind(value)
            if value in _STATUSES:
                self.status = (value, block.span(start, start + len(value)))

    def _embargoed(self, el: lxml.etree._Element) -> None:
        """``<embargoed>`` with a moment, or empty: embargoed until further notice."""
        value = self.doc.text_of(el)
        if value:
            _day, moment = parse_timestamp(value)
            if moment is not None and self.result.embargo is None:
                self.result.embargo = moment
        elif self.open_embargo is None:
            self.open_embargo = self.doc.tag_span(el)

    def _by(self, el: lxml.etree._Element) -> None:
        block = self.doc.block(el)
        known = {c.casefold() for c, _ in self.result.creators}
        if block is not None and block.text.casefold() not in known:
            self.result.creators.append((block.text, block_span(block)))

    def _description(self, el: lxml.etree._Element) -> None:
        """A picture's description is its caption; any other item's is text."""
        caption = self.image is not None and "caption" in (el.get("role") or "caption").lower()
        kind = BlockKind.CAPTION if caption else BlockKind.TEXT
        _add(self.result, self.doc.block(el, kind, self.image if caption else None))

    def _provider(self, el: lxml.etree._Element) -> None:
        names = [c for c in el if local_name(c) == "name"]
        block = self.doc.block(names[0]) if names else None
        if block is not None and self.result.sources is not None:
            self.result.sources.append((block.text, block_span(block)))

    def _creator(self, el: lxml.etree._Element) -> None:
        names = [c for c in el if local_name(c) == "name"]
        block = self.doc.block(names[0]) if names else self.doc.attr_block(el, "literal")
        if block is not None:
            self.result.creators.append((block.text, block_span(block)))

    def _inline_xml(self, el: lxml.etree._Element) -> None:
        for child in el:
            if local_name(child) == "nitf":
                read_nitf(self.doc, child, self.result)
                continue
            for node in child.iter():
                if local_name(node) in _TEXT_TAGS and not any(
                    local_name(a) in _TEXT_TAGS for a in node.iterancestors() if a is not child
                ):
                    _add(self.result, self.doc.block(node))

    def _inline_data(self, el: lxml.etree._Element) -> None:
        """Plain text content: a block per line."""
        pieces = self.doc.pieces(el)
        if pieces is not None:
            for line_pieces in lines_of(pieces):
                _add(self.result, self.doc.lines.pieces_block(collapse_pieces(line_pieces), BlockKind.TEXT))
            return
        line: list[tuple[str, int]] = []
        for ch, off in [*self.doc.chars(el), ("\n", -1)]:
            if ch in "\r\n":
                text, offsets = collapse(line)
                _add(self.result, self.doc.lines.block(text, offsets, BlockKind.TEXT))
                line = []
            else:
                line.append((ch, off))


def _add(result: ReadResult, block: Block | None) -> None:
    if block is not None:
        result.blocks.append(block)
