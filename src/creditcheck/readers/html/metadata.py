"""Page metadata: publication date, embargo and status, source names and the title."""

from __future__ import annotations

import lxml.etree
import lxml.html

from creditcheck.dates import parse_when
from creditcheck.model import BlockKind, Span
from creditcheck.readers import ReadResult, source_lines
from creditcheck.readers.html.page_tags import first_below, tagged
from creditcheck.readers.html.published import find_published
from creditcheck.readers.html.source import SourceText

_SOURCE_META = ("source", "syndication-source", "original-source", "creditcheck:source")


def read_metadata(root: lxml.html.HtmlElement, result: ReadResult, pos: SourceText) -> None:
    """Fill in ``result``'s date, embargo, status, source names and title from the page."""
    metas = _metas(root)
    found = find_published(root)
    if found is not None:
        result.metadata_date, result.metadata_date_from = found.day, found.origin
    _restrictions(metas, result, pos)
    result.sources = _sources(metas, result, pos)
    result.title = _title(root, metas)


def _metas(root: lxml.html.HtmlElement) -> dict[str, tuple[str, int]]:
    """Each <meta> key (property, name or itemprop, lower-cased) with its first value and line."""
    metas: dict[str, tuple[str, int]] = {}
    for meta in tagged(root, "meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = (content, meta.sourceline or 1)
    return metas


def _meta_span(pos: SourceText, value: str, line: int) -> Span | None:
    """Where a meta's value stands in the source, found from the meta's line."""
    offset = pos.text.find(value, pos.line_offset(line))
    if offset < 0:
        return None
    ln, col = pos.position(offset)
    return Span(ln, col, ln, col + len(value))


def _restrictions(metas: dict[str, tuple[str, int]], result: ReadResult, pos: SourceText) -> None:
    """An embargo meta (a date or a moment) and a status meta ("withdrawn", "kill")."""
    for key in ("embargo", "status"):
        value_line = metas.get(key)
        if value_line is None:
            continue
        value, line = value_line
        span = _meta_span(pos, value, line) or Span(line, 1, line, 1 + len(value))
        if key == "embargo":
            day, moment = parse_when(value)
            if day is not None:
                result.embargo, result.embargo_span = moment or day, span
        else:
            result.status = (value.strip().lower(), span)


def _sources(
    metas: dict[str, tuple[str, int]], result: ReadResult, pos: SourceText
) -> list[tuple[str, Span]]:
    """Source names from source metas, then from "Source: …" lines of the text."""
    sources: list[tuple[str, Span]] = []
    for key in _SOURCE_META:
        if key in metas:
            value, line = metas[key]
            sources.append((value, _meta_span(pos, value, line) or Span(line, 1, line, 1)))
    text_blocks = [b for b in result.blocks if b.kind == BlockKind.TEXT]
    for name, span in source_lines([b.text for b in text_blocks]):
        block = text_blocks[span.line - 1]
        start = span.column - 1
        sources.append((name, block.span(start, start + len(name))))
    return sources


def _title(root: lxml.html.HtmlElement, metas: dict[str, tuple[str, int]]) -> str | None:
    """The og:title, else the <title>, else the first <h1>."""
    og = metas.get("og:title")
    if og:
        return og[0]
    title = first_below(root, "title")
    if title is not None and title.text:
        text: str = title.text
        return text.strip()
    h1 = first_below(root, "h1")
    if h1 is not None:
        heading: str = h1.text_content()
        return " ".join(heading.split()) or None
    return None
