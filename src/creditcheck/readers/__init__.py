"""Readers turn a file's text into a Document; each format's reader is imported lazily."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import field

from creditcheck import lazyre
from creditcheck.compilecache import dataclass
from creditcheck.dates import parse_dateline
from creditcheck.model import Block, BlockKind, Document, Image, Span
from creditcheck.positions import text_end
from creditcheck.suppress import Suppression

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".nitf": "nitf",
    ".newsml": "newsml",
    ".nml": "newsml",
    ".ninjs": "ninjs",
    ".jpg": "image",
    ".jpeg": "image",
    ".jpe": "image",
    ".png": "image",
    ".webp": "image",
}
# Extensions shared with other kinds of file: read only when their content says what they are
# (a folder's package.json or sitemap.xml is not an article).
SNIFFED = (".xml", ".json")
BINARY_FORMATS = frozenset({"image"})

# Lines that name where a syndicated story came from (plain text and Markdown bodies),
# e.g. TNS's trailer "Visit The Japan Times at www.japantimes.co.jp. Distributed by ...".
_SOURCE_LINES = [
    lazyre.compile(
        r"^\s*(?:source|syndication source|original source)\s*:\s*(?P<name>[^.|]{2,60}?)\s*\.?\s*$", re.I
    ),
    lazyre.compile(
        r"(?:^|[.!?]\s+)(?:this\s+(?:article|story)\s+(?:was\s+)?(?:originally\s+|first\s+)?"
        r"(?:appeared|published|ran)\s+(?:in|on|by)|originally\s+published\s+(?:in|by|on))\s+"
        r"(?P<name>(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,5})",
    ),
    lazyre.compile(
        r"(?:^|[.!?]\s+)Visit\s+(?P<name>(?:the\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,5})\s+at\s+\S"
    ),
    lazyre.compile(
        r"(?:^|[.!?]\s+)Distributed\s+by\s+(?P<name>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,5})",
    ),
]


_SOURCE_WORDS = ("source", "originally", "visit ", "distributed", "appeared", "published", "ran ")
# What a line must hold, in the letter case written, for one of the patterns to match it: the
# first pattern's colon (the only one that ignores case), "article" or "story" after the
# second's "this", its "originally", the third's "Visit" and the fourth's "Distributed". The
# last two are looked for by their capital (one character is found many times faster than a
# word, and few texts hold many of either), the others as words.
_SOURCE_NEEDLES = (":", "originally", "article", "story")
_SOURCE_CAPITALS = ("Visit", "Distributed")


@dataclass
class ReadResult:
    """What a format reader found before the publication date is decided."""

    blocks: list[Block]
    images: list[Image]
    metadata_date: dt.date | None = None
    sources: list[tuple[str, Span]] | None = None
    title: str | None = None
    text_lines: Sequence[str] = ()
    suppressions: list[Suppression] = field(default_factory=list)
    # Wire items and photos carry rights fields of their own (NewsML-G2, NITF, ninjs, IPTC).
    published_at: dt.datetime | None = None  # publication time, when the format gives one
    embargo: dt.datetime | dt.date | None = None  # not to be published before this time (or day)
    embargo_span: Span | None = None
    status: tuple[str, Span] | None = None  # provider status: "usable", "canceled", "withheld"
    instructions: list[tuple[str, Span]] = field(default_factory=list)  # usage terms, special instructions
    asset_id: str | None = None  # the provider's id of the item or photo
    creators: list[tuple[str, Span]] = field(default_factory=list)  # photographers / authors
    url: str | None = None  # the article's own address (front matter url/permalink, canonical link)
    # Where the reader found ``metadata_date`` when it says more than "metadata" (``json-ld``,
    # ``markup``, ``url``, ``byline``, ``script``, ``path``): the report's ``published_from``.
    metadata_date_from: str | None = None
    publisher: list[str] = field(default_factory=list)  # the names the page gives its own publisher


Reader = Callable[[str, str], ReadResult]


# In a file name only whole words count: "pixel-8-launch.jpg" is a photo of a phone.
_DECORATIVE_FILE = lazyre.compile(
    r"(?:^|[-_.])(?:logo|icon|ico|icn|favicon|avatar|emoji|sprite|spacer|badge|button|btn|rating|lupe|loupe)s?"
    r"(?:[-_.\d]|$)",
    re.I,
)


def decorative_name(name: str) -> bool:
    """Whether a picture's file name says it is page furniture (a logo, an icon, a button)."""
    return _DECORATIVE_FILE.search(name.split("?", 1)[0].rsplit("/", 1)[-1]) is not None


def format_for(path: str, text: str | None = None) -> str | None:
    """The format of ``path`` from its extension, sniffing ``text`` for the others.

    A ``.gz`` suffix is looked through: ``page.html.gz`` is HTML once decompressed.
    """
    lower = path.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    # Every extension is one dot and a word, so the name ends with one exactly when its last
    # dot starts it: one lookup instead of a test per extension.
    dot = lower.rfind(".")
    if dot >= 0:
        fmt = FORMATS.get(lower[dot:])
        if fmt is not None:
            return fmt
    if text is None:
        return None
    return sniff(text) or ("text" if not lower.endswith(SNIFFED) else None) or "text"


def sniff(text: str) -> str | None:
    """The format a file's content shows: wire XML by its root, ninjs JSON, HTML, front matter."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if head.startswith("<"):
        from creditcheck.readers import newsml, nitf

        if nitf.sniff(text):
            return "nitf"
        if newsml.sniff(text):
            return "newsml"
        lowered = head[:300].lower()
        if lowered.startswith(("<!doctype html", "<html", "<body", "<article", "<div", "<p", "<figure")) or (
            lowered.startswith("<?xml") and "<html" in head.lower()
        ):
            return "html"
        return None
    if head.startswith("{"):
        from creditcheck.readers import ninjs

        return "ninjs" if ninjs.sniff(text) else None
    if head.startswith("---"):
        return "markdown"
    return None


_READERS: dict[str, Reader] = {}


def get_reader(fmt: str) -> Reader:
    """The format's reader function, its module imported the first time it is asked for."""
    reader = _READERS.get(fmt)
    if reader is None:
        module = importlib.import_module(f"creditcheck.readers.{fmt}")
        reader = _READERS[fmt] = module.read
    return reader


def source_lines(lines: Sequence[str], first_line: int = 1) -> list[tuple[str, Span]]:
    """Names of the story's source from trailer/header lines such as ``Source: X``."""
    found: list[tuple[str, Span]] = []
    for i in _candidate_lines(lines):
        line = lines[i]
        if len(line) > 400 or not line.strip():
            continue
        low = line.lower()
        if not any(w in low for w in _SOURCE_WORDS):
            continue
        for pattern in _SOURCE_LINES:
            for m in pattern.finditer(line):
                name = m.group("name").rstrip(" .,")
                start = m.start("name")
                ln = first_line + i
                found.append((name, Span(ln, start + 1, ln, start + 1 + len(name))))
    return found


def _candidate_lines(lines: Sequence[str]) -> list[int]:
    """The indexes of the lines holding one of ``_SOURCE_NEEDLES`` or ``_SOURCE_CAPITALS``, in order.

    A line without any cannot match a pattern, so only these are lower-cased and searched for
    ``_SOURCE_WORDS``. The needles are looked for in all the lines at once, joined by line
    breaks: none holds a line break, so each one found lies inside one line, whose index is
    found by walking the lines' lengths up to it.
    """
    joined = "\n".join(lines)
    hits: list[int] = []
    for needle in _SOURCE_NEEDLES:
        at = joined.find(needle)
        while at >= 0:
            hits.append(at)
            at = joined.find(needle, at + 1)
    for word in _SOURCE_CAPITALS:
        capital = word[0]
        at = joined.find(capital)
        while at >= 0:
            if joined.startswith(word, at):
                hits.append(at)
            at = joined.find(capital, at + 1)
    if not hits:
        return []
    hits.sort()
    found: list[int] = []
    index = 0
    end = len(lines[0])  # where the line at ``index`` ends in the joined text
    for at in hits:
        while at >= end:
            index += 1
            end += 1 + len(lines[index])
        if not found or found[-1] != index:
            found.append(index)
    return found


def next_content_line(lines: Sequence[str], index: int) -> int:
    """The 1-based number of the first non-blank line after 0-based ``index`` (or the last)."""
    for j in range(index + 1, len(lines)):
        if lines[j].strip():
            return j + 1
    return len(lines)


def find_dateline(blocks: Sequence[Block]) -> dt.date | None:
    """The first line that holds only a date (not a date inside a caption sentence)."""
    for block in blocks:
        # parse_dateline refuses a line over 80 characters itself: most paragraphs are.
        if len(block.text) <= 80 and block.kind == BlockKind.TEXT and "\n" not in block.text:
            day = parse_dateline(block.text)
            if day is not None:
                return day
    return None


def read_image_document(path: str, data: bytes, published: dt.date | None, today: dt.date) -> Document:
    """A photo file as a document: its attributions come from its embedded metadata."""
    from creditcheck.readers import image

    return _document(path, "image", image.read_bytes(path, data), published, today, None)


def read_document(path: str, text: str, fmt: str, published: dt.date | None, today: dt.date) -> Document:
    """Run the format's reader and decide the publication date (flag, metadata, dateline, today)."""
    return _document(path, fmt, get_reader(fmt)(path, text), published, today, text)


def _document(
    path: str, fmt: str, result: ReadResult, published: dt.date | None, today: dt.date, text: str | None
) -> Document:
    if published is not None:
        day, origin = published, "flag"
    elif result.metadata_date is not None:
        day, origin = result.metadata_date, result.metadata_date_from or "metadata"
    else:
        dateline = find_dateline(result.blocks)
        day, origin = (dateline, "dateline") if dateline is not None else (today, "today")
    from creditcheck.restrictions import embargo_line, usage_terms

    embargo, embargo_span = result.embargo, result.embargo_span
    if embargo is None:
        line = embargo_line(result.blocks)
        if line is not None:
            embargo, embargo_span = line
    instructions = list(result.instructions)
    spans = {span for _, span in instructions}
    instructions.extend(item for item in usage_terms(result.blocks) if item[1] not in spans)
    end_line, end_col = text_end(text) if text is not None else (1, 1)
    url = result.url or (canonical_url(text) if fmt == "html" and text is not None else None)
    return Document(
        path=path,
        format=fmt,
        blocks=tuple(result.blocks),
        published=day,
        published_from=origin,
        images=tuple(result.images),
        source_names=tuple(s for s in result.sources or () if not own_address(s[0], url)),
        title=result.title,
        end=Span(end_line, end_col, end_line, end_col),
        suppressions=tuple(result.suppressions),
        published_at=result.published_at,
        embargo=embargo,
        embargo_span=embargo_span,
        status=result.status,
        instructions=tuple(instructions),
        asset_id=result.asset_id,
        creators=tuple(result.creators),
        url=url,
        publisher=tuple(result.publisher),
    )


def own_address(value: str, url: str | None) -> bool:
    """Whether ``value`` is an address on the article's own site (a page naming itself as its source)."""
    value = value.strip()
    if url is None or not value.lower().startswith(("http://", "https://", "//")):
        return False
    return host(value) == host(url) != ""


def host(address: str) -> str:
    """The host of an absolute address, lower-cased and without ``www.`` ("" for a relative one)."""
    if "//" not in address:
        return ""
    name = address.split("//", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    name = name.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    return name.removeprefix("www.")


# <link rel="canonical" href="…"> or <meta property="og:url" content="…">, in the page's head,
# and where the head ends, found in one pass (a tag holds no "<", so none runs past the end).
_HEAD_TAG = lazyre.compile(r"<(?:(?:link|meta)\b[^<>]{0,2000}>|(?P<end>/head\s*>|body\b))", re.I)
_ATTR = lazyre.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))")


def canonical_url(text: str) -> str | None:
    """The page's canonical address, read from the tags of its head (bounded, no parsing)."""
    found: str | None = None
    from html import unescape  # a page's head only: a text article needs no HTML entities

    for tag in _HEAD_TAG.finditer(text, 0, 200_000):
        if tag.group("end") is not None:
            break
        lowered = tag.group().lower()
        # Lower-cased, a tag whose rel is canonical holds the word, one whose property is
        # og:url holds that: any other tag is not read attribute by attribute.
        if "canonical" not in lowered and "og:url" not in lowered:
            continue
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(tag.group())
        }
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href", "").strip():
            return unescape(attrs["href"].strip())
        if attrs.get("property", "").lower() == "og:url" and attrs.get("content", "").strip():
            found = found or unescape(attrs["content"].strip())
    return found
