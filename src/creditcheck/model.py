"""The core value types that flow through the pipeline: spans, documents, attributions, findings."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import field
from typing import TYPE_CHECKING

from creditcheck.compilecache import dataclass
from creditcheck.safetext import shown

if TYPE_CHECKING:
    from creditcheck.suppress import Suppression


class Severity(enum.IntEnum):
    """How serious a finding is; the order is used by ``--fail-on``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}: use error, warning or info") from None


class ExitCode(enum.IntEnum):
    """Process exit codes, the same whatever the output format."""

    CLEAN = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3  # creditcheck itself failed (a bug): never mistaken for findings


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A 1-based, end-exclusive range of characters in the original file."""

    line: int
    column: int
    end_line: int
    end_column: int


class BlockKind(enum.StrEnum):
    """Where a block came from, which decides how its text is read for attributions."""

    TEXT = "text"  # a line of prose or a caption line
    CAPTION = "caption"  # a figure caption
    CREDIT = "credit"  # an element or field that holds only a credit
    COPYRIGHT = "copyright"  # a field that holds only a notice
    BYLINE = "byline"  # the writer's line: names no photo's source, not read for credits


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of a document's text with the position of its first character.

    ``kind`` says where it came from: ``text`` (a line of prose or a caption line),
    ``caption`` (a figure caption), ``credit`` (an element or field that holds only a credit),
    ``copyright`` (a field that holds only a notice), ``byline`` (the writer's line, which
    names no photo's source and is not read for credits).  ``line_starts`` maps offsets inside
    ``text`` to positions for blocks that span several source lines.  ``story`` is False for
    text a reader knows lies outside the story (in HTML, outside its ``<article>``/``<main>``).
    """

    text: str
    line: int
    column: int
    kind: BlockKind = BlockKind.TEXT
    image: int | None = None
    line_starts: tuple[tuple[int, int, int], ...] = ()
    story: bool = True

    def span(self, start: int, end: int) -> Span:
        """The source span of ``text[start:end]``."""
        line, col = self.position(start)
        if end <= start:
            return Span(line, col, line, col)
        # The end is one past the last character, not the position of whatever follows it
        # (in HTML that may be after a closing tag).
        end_line, end_col = self.position(end - 1)
        return Span(line, col, end_line, end_col + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line, column, base = self.line, self.column, 0
        for off, ln, col in self.line_starts:
            if off <= offset:
                line, column, base = ln, col, off
            else:
                break
        return line, column + offset - base


@dataclass(frozen=True, slots=True)
class Image:
    """An image or figure; blocks whose ``image`` is its index may hold its credit."""

    index: int
    src: str
    span: Span


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader produces from one file."""

    path: str
    format: str
    blocks: tuple[Block, ...]
    published: dt.date
    published_from: str
    images: tuple[Image, ...] = ()
    source_names: tuple[tuple[str, Span], ...] = ()
    title: str | None = None
    end: Span = Span(1, 1, 1, 1)
    suppressions: tuple[Suppression, ...] = ()
    published_at: dt.datetime | None = None
    embargo: dt.datetime | dt.date | None = None
    embargo_span: Span | None = None
    status: tuple[str, Span] | None = None
    instructions: tuple[tuple[str, Span], ...] = ()
    asset_id: str | None = None
    creators: tuple[tuple[str, Span], ...] = ()
    url: str | None = None  # where the article says it is published (front matter, canonical link)
    publisher: tuple[str, ...] = ()  # the names the page gives its own publisher (og:site_name, JSON-LD)


class AttributionKind(enum.StrEnum):
    """The two things creditcheck reads."""

    PHOTO_CREDIT = "photo-credit"
    COPYRIGHT = "copyright"
    # Listed by inventory only; no check reads them as attributions.
    CREATOR = "creator"
    USAGE_TERMS = "usage-terms"
    # The story's source as a source line, front matter, meta field or wire provider names it.
    SOURCE = "source"


class NameRole(enum.StrEnum):
    """What a name in an attribution is."""

    PERSON = "person"  # a photographer or another contributor
    ORGANISATION = "organisation"  # a source: an agency, a publisher, a library, a brand
    ROLE = "role"  # a word that names nobody: "Pool", "File", "Handout", a job title
    CLIENT = "client"  # whom the picture was made for: "… for The Washington Post"
    COURTESY = "courtesy"  # whom the picture came from: "Courtesy of …"
    HANDOUT = "handout"  # who handed the picture out: "Sony" in "Sony/Handout", "Family handout"
    COLLECTION = "collection"  # a distributor's partner collection: "Photodisc" in "…/Photodisc/Getty Images"
    PUBLISHER = "publisher"  # the page's own publisher: "Correctiv" in "Ivo Mayr/Correctiv" on correctiv.org


@dataclass(frozen=True, slots=True)
class Name:
    """One name inside an attribution with its span; ``rule`` is set when it resolved."""

    text: str
    span: Span
    role: NameRole
    rule: str | None = None
    score: float = 100.0
    alias: str | None = None

    def __post_init__(self) -> None:
        if not self.text.isprintable():
            object.__setattr__(self, "text", shown(self.text, one_line=False))

    @property
    def misspelled(self) -> bool:
        return self.rule is not None and self.score < 100.0


@dataclass(frozen=True, slots=True)
class Attribution:
    """One credit line or copyright notice as parsed (it knows nothing of licenses)."""

    kind: AttributionKind
    text: str
    span: Span
    names: tuple[Name, ...]
    year: int | None = None
    holder: str | None = None
    image: int | None = None

    def __post_init__(self) -> None:
        # What inventory and the audit list: shown safely in every output (safetext).
        if not self.text.isprintable():
            object.__setattr__(self, "text", shown(self.text, one_line=False))
        if self.holder is not None and not self.holder.isprintable():
            object.__setattr__(self, "holder", shown(self.holder, one_line=False))

    @property
    def people(self) -> list[str]:
        return [n.text for n in self.names if n.role == NameRole.PERSON]

    @property
    def sources(self) -> list[str]:
        seen: list[str] = []
        for n in self.names:
            if n.rule is not None and n.rule not in seen:
                seen.append(n.rule)
        return seen

    @property
    def unknown(self) -> list[str]:
        return [n.text for n in self.names if n.role == NameRole.ORGANISATION and n.rule is None]


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One violation, complete at construction."""

    path: str
    span: Span
    check: str
    code: str
    severity: Severity
    message: str
    text: str
    fix: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        # Text from the input enters the report here: every output shows it safely (safetext).
        # A line break is kept (each format has its own way to show one) except in the path.
        for name in ("path", "message", "text", "fix"):
            value = getattr(self, name)
            if value is not None and not value.isprintable():
                object.__setattr__(self, name, shown(value, one_line=name == "path"))

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "check": self.check,
            "code": self.code,
            "severity": self.severity.label,
            "message": self.message,
            "text": self.text,
            "fix": self.fix,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class ImageRef:
    """A picture an article shows: its address as written and the agency's id from its metadata."""

    src: str
    asset_id: str | None = None

    def __post_init__(self) -> None:
        for name in ("src", "asset_id"):
            value = getattr(self, name)
            if value is not None and not value.isprintable():
                object.__setattr__(self, name, shown(value))


@dataclass(frozen=True, slots=True)
class FileResult:
    """Everything the scan of one file produced; picklable so it can cross processes."""

    path: str
    format: str
    published: dt.date | None
    published_from: str | None
    findings: tuple[Finding, ...]
    attributions: tuple[Attribution, ...] = ()
    title: str | None = None
    # For the audit's itemised usage (kept only with the attributions): an attribution's
    # ``image`` indexes ``images``.
    url: str | None = None
    images: tuple[ImageRef, ...] = ()
    # Set when creditcheck itself failed on this file (a bug): the run exits 3.
    internal_error: str | None = None

    def __post_init__(self) -> None:
        for name in ("path", "title", "url"):
            value = getattr(self, name)
            if value is not None and not value.isprintable():
                object.__setattr__(self, name, shown(value, one_line=name == "path"))


@dataclass(frozen=True, slots=True)
class RunResult:
    """The merged result of a run over many files, in a deterministic order."""

    files: tuple[FileResult, ...]
    findings: tuple[Finding, ...] = field(default=())

    @classmethod
    def merge(cls, results: list[FileResult]) -> RunResult:
        ordered = tuple(sorted(results, key=lambda r: r.path))
        findings = tuple(sorted(f for r in ordered for f in r.findings))
        return cls(ordered, findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)
