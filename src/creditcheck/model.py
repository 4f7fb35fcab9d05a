"""The core value types that flow through the pipeline: spans, documents, attributions, findings."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import FrozenInstanceError, field
from types import FunctionType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, final

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


_F = TypeVar("_F", bound="_Frozen")


class _Frozen:
    """A value whose fields its constructor sets once: assigning or deleting one raises.

    The classes made thousands of times a document (``Span``, ``Block``, ``Image``, ``Name``,
    ``Attribution``) are written out rather than made by ``dataclass``; the methods a frozen
    dataclass would have come from each one's ``_key`` (a test compares them). Compiled by
    mypyc, they are native classes, built and read without Python attribute lookups. Their
    constructors set each field with ``object.__setattr__``, which mypyc compiles to a plain
    store.
    """

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    # What a frozen dataclass derives from its fields, derived here from ``_key`` (the fields in
    # ``__match_args__`` order, which is also the constructor's).
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def _key(self) -> tuple[object, ...]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        # Only a value of the same class is equal, as with a dataclass.
        if type(other) is not type(self) or not isinstance(other, _Frozen):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        fields = ", ".join(
            [f"{name}={value!r}" for name, value in zip(self.__match_args__, self._key(), strict=True)]
        )
        return f"{type(self).__qualname__}({fields})"

    def __reduce__(self) -> tuple[type[_Frozen], tuple[object, ...]]:
        return (type(self), self._key())

    def _replace(self: _F, **changes: Any) -> _F:
        """The same value with the fields named in ``changes`` set to other values."""
        fields = dict(zip(self.__match_args__, self._key(), strict=True))
        for name in changes:
            if name not in fields:
                raise TypeError(f"{type(self).__qualname__} has no field {name!r}")
        fields.update(changes)
        # Through the constructor, so that a changed field is checked as a new one is.
        make: Any = type(self)
        new: _F = make(**fields)
        return new


class _Ordered(_Frozen):
    """A ``_Frozen`` value that also orders as a dataclass made with ``order=True`` does."""

    __slots__ = ()

    # Only a value of the same class compares, as with a dataclass.
    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self) or not isinstance(other, _Ordered):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if type(other) is not type(self) or not isinstance(other, _Ordered):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if type(other) is not type(self) or not isinstance(other, _Ordered):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if type(other) is not type(self) or not isinstance(other, _Ordered):
            return NotImplemented
        return self._key() >= other._key()


@final
class Span(_Ordered):
    """A 1-based, end-exclusive range of characters in the original file."""

    __slots__ = ("column", "end_column", "end_line", "line")
    __match_args__: ClassVar[tuple[str, ...]] = ("line", "column", "end_line", "end_column")
    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "end_line", end_line)
        object.__setattr__(self, "end_column", end_column)

    def _key(self) -> tuple[int, int, int, int]:
        return (self.line, self.column, self.end_line, self.end_column)


class BlockKind(enum.StrEnum):
    """Where a block came from, which decides how its text is read for attributions."""

    TEXT = "text"  # a line of prose or a caption line
    CAPTION = "caption"  # a figure caption
    CREDIT = "credit"  # an element or field that holds only a credit
    COPYRIGHT = "copyright"  # a field that holds only a notice
    BYLINE = "byline"  # the writer's line: names no photo's source, not read for credits


@final
class Block(_Frozen):
    """A piece of a document's text with the position of its first character.

    ``kind`` says where it came from: ``text`` (a line of prose or a caption line),
    ``caption`` (a figure caption), ``credit`` (an element or field that holds only a credit),
    ``copyright`` (a field that holds only a notice), ``byline`` (the writer's line, which
    names no photo's source and is not read for credits).  ``line_starts`` maps offsets inside
    ``text`` to positions for blocks that span several source lines.  ``story`` is False for
    text a reader knows lies outside the story (in HTML, outside its ``<article>``/``<main>``).
    """

    __slots__ = ("column", "image", "kind", "line", "line_starts", "story", "text")
    __match_args__: ClassVar[tuple[str, ...]] = (
        "text",
        "line",
        "column",
        "kind",
        "image",
        "line_starts",
        "story",
    )
    text: str
    line: int
    column: int
    kind: BlockKind
    image: int | None
    line_starts: tuple[tuple[int, int, int], ...]
    story: bool

    def __init__(
        self,
        text: str,
        line: int,
        column: int,
        kind: BlockKind = BlockKind.TEXT,
        image: int | None = None,
        line_starts: tuple[tuple[int, int, int], ...] = (),
        story: bool = True,
    ) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "image", image)
        object.__setattr__(self, "line_starts", line_starts)
        object.__setattr__(self, "story", story)

    def _key(self) -> tuple[str, int, int, BlockKind, int | None, tuple[tuple[int, int, int], ...], bool]:
        return (self.text, self.line, self.column, self.kind, self.image, self.line_starts, self.story)

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


@final
class Image(_Frozen):
    """An image or figure; blocks whose ``image`` is its index may hold its credit."""

    __slots__ = ("index", "span", "src")
    __match_args__: ClassVar[tuple[str, ...]] = ("index", "src", "span")
    index: int
    src: str
    span: Span

    def __init__(self, index: int, src: str, span: Span) -> None:
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "src", src)
        object.__setattr__(self, "span", span)

    def _key(self) -> tuple[int, str, Span]:
        return (self.index, self.src, self.span)


# A document without text ends where it starts.
_DOCUMENT_END = Span(1, 1, 1, 1)


@final
class Document(_Frozen):
    """What a reader produces from one file."""

    __slots__ = (
        "asset_id",
        "blocks",
        "creators",
        "embargo",
        "embargo_span",
        "end",
        "format",
        "images",
        "instructions",
        "path",
        "published",
        "published_at",
        "published_from",
        "publisher",
        "source_names",
        "status",
        "suppressions",
        "title",
        "url",
    )
    __match_args__: ClassVar[tuple[str, ...]] = (
        "path",
        "format",
        "blocks",
        "published",
        "published_from",
        "images",
        "source_names",
        "title",
        "end",
        "suppressions",
        "published_at",
        "embargo",
        "embargo_span",
        "status",
        "instructions",
        "asset_id",
        "creators",
        "url",
        "publisher",
    )
    path: str
    format: str
    blocks: tuple[Block, ...]
    published: dt.date
    published_from: str
    images: tuple[Image, ...]
    source_names: tuple[tuple[str, Span], ...]
    title: str | None
    end: Span
    suppressions: tuple[Suppression, ...]
    published_at: dt.datetime | None
    embargo: dt.datetime | dt.date | None
    embargo_span: Span | None
    status: tuple[str, Span] | None
    instructions: tuple[tuple[str, Span], ...]
    asset_id: str | None
    creators: tuple[tuple[str, Span], ...]
    url: str | None  # where the article says it is published (front matter, canonical link)
    publisher: tuple[str, ...]  # the names the page gives its own publisher (og:site_name, JSON-LD)

    def __init__(
        self,
        path: str,
        format: str,
        blocks: tuple[Block, ...],
        published: dt.date,
        published_from: str,
        images: tuple[Image, ...] = (),
        source_names: tuple[tuple[str, Span], ...] = (),
        title: str | None = None,
        end: Span = _DOCUMENT_END,
        suppressions: tuple[Suppression, ...] = (),
        published_at: dt.datetime | None = None,
        embargo: dt.datetime | dt.date | None = None,
        embargo_span: Span | None = None,
        status: tuple[str, Span] | None = None,
        instructions: tuple[tuple[str, Span], ...] = (),
        asset_id: str | None = None,
        creators: tuple[tuple[str, Span], ...] = (),
        url: str | None = None,
        publisher: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "format", format)
        object.__setattr__(self, "blocks", blocks)
        object.__setattr__(self, "published", published)
        object.__setattr__(self, "published_from", published_from)
        object.__setattr__(self, "images", images)
        object.__setattr__(self, "source_names", source_names)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "suppressions", suppressions)
        object.__setattr__(self, "published_at", published_at)
        object.__setattr__(self, "embargo", embargo)
        object.__setattr__(self, "embargo_span", embargo_span)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "instructions", instructions)
        object.__setattr__(self, "asset_id", asset_id)
        object.__setattr__(self, "creators", creators)
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "publisher", publisher)

    def _key(self) -> tuple[object, ...]:
        return (
            self.path,
            self.format,
            self.blocks,
            self.published,
            self.published_from,
            self.images,
            self.source_names,
            self.title,
            self.end,
            self.suppressions,
            self.published_at,
            self.embargo,
            self.embargo_span,
            self.status,
            self.instructions,
            self.asset_id,
            self.creators,
            self.url,
            self.publisher,
        )


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


@final
class Name(_Frozen):
    """One name inside an attribution with its span; ``rule`` is set when it resolved."""

    __slots__ = ("alias", "role", "rule", "score", "span", "text")
    __match_args__: ClassVar[tuple[str, ...]] = ("text", "span", "role", "rule", "score", "alias")
    text: str
    span: Span
    role: NameRole
    rule: str | None
    score: float
    alias: str | None

    def __init__(
        self,
        text: str,
        span: Span,
        role: NameRole,
        rule: str | None = None,
        score: float = 100.0,
        alias: str | None = None,
    ) -> None:
        object.__setattr__(self, "text", text if text.isprintable() else shown(text, one_line=False))
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "alias", alias)

    def with_role(self, role: NameRole) -> Name:
        """The same name in another role."""
        return self._replace(role=role)

    def _key(self) -> tuple[str, Span, NameRole, str | None, float, str | None]:
        return (self.text, self.span, self.role, self.rule, self.score, self.alias)

    @property
    def misspelled(self) -> bool:
        return self.rule is not None and self.score < 100.0


@final
class Attribution(_Frozen):
    """One credit line or copyright notice as parsed (it knows nothing of licenses)."""

    __slots__ = ("holder", "image", "kind", "names", "span", "text", "year")
    __match_args__: ClassVar[tuple[str, ...]] = ("kind", "text", "span", "names", "year", "holder", "image")
    kind: AttributionKind
    text: str
    span: Span
    names: tuple[Name, ...]
    year: int | None
    holder: str | None
    image: int | None

    def __init__(
        self,
        kind: AttributionKind,
        text: str,
        span: Span,
        names: tuple[Name, ...],
        year: int | None = None,
        holder: str | None = None,
        image: int | None = None,
    ) -> None:
        # What inventory and the audit list: shown safely in every output (safetext).
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "text", text if text.isprintable() else shown(text, one_line=False))
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "year", year)
        if holder is not None and not holder.isprintable():
            holder = shown(holder, one_line=False)
        object.__setattr__(self, "holder", holder)
        object.__setattr__(self, "image", image)

    def with_names(self, names: tuple[Name, ...]) -> Attribution:
        """The same attribution with other names."""
        return self._replace(names=names)

    def _key(self) -> tuple[AttributionKind, str, Span, tuple[Name, ...], int | None, str | None, int | None]:
        return (self.kind, self.text, self.span, self.names, self.year, self.holder, self.image)

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


@final
class Finding(_Ordered):
    """One violation, complete at construction."""

    __slots__ = ("check", "code", "fix", "message", "path", "severity", "source", "span", "text")
    __match_args__: ClassVar[tuple[str, ...]] = (
        "path",
        "span",
        "check",
        "code",
        "severity",
        "message",
        "text",
        "fix",
        "source",
    )
    path: str
    span: Span
    check: str
    code: str
    severity: Severity
    message: str
    text: str
    fix: str | None
    source: str | None

    def __init__(
        self,
        path: str,
        span: Span,
        check: str,
        code: str,
        severity: Severity,
        message: str,
        text: str,
        fix: str | None = None,
        source: str | None = None,
    ) -> None:
        # Text from the input enters the report here: every output shows it safely (safetext).
        # A line break is kept (each format has its own way to show one) except in the path.
        object.__setattr__(self, "path", path if path.isprintable() else shown(path, one_line=True))
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "check", check)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "severity", severity)
        object.__setattr__(
            self, "message", message if message.isprintable() else shown(message, one_line=False)
        )
        object.__setattr__(self, "text", text if text.isprintable() else shown(text, one_line=False))
        object.__setattr__(
            self, "fix", fix if fix is None or fix.isprintable() else shown(fix, one_line=False)
        )
        object.__setattr__(self, "source", source)

    def _key(self) -> tuple[str, Span, str, str, Severity, str, str, str | None, str | None]:
        return (
            self.path,
            self.span,
            self.check,
            self.code,
            self.severity,
            self.message,
            self.text,
            self.fix,
            self.source,
        )

    def with_severity(self, severity: Severity) -> Finding:
        """The same finding at another severity (the configuration's level for its check)."""
        return self._replace(severity=severity)

    def with_message(self, message: str, fix: str | None) -> Finding:
        """The same finding saying ``message``, with ``fix``."""
        return self._replace(message=message, fix=fix)

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


@final
class FileResult(_Frozen):
    """Everything the scan of one file produced; picklable so it can cross processes.

    For the audit's itemised usage (kept only with the attributions), an attribution's
    ``image`` indexes ``images``. ``internal_error`` is set when creditcheck itself failed on
    this file (a bug): the run exits 3.
    """

    __slots__ = (
        "attributions",
        "findings",
        "format",
        "images",
        "internal_error",
        "path",
        "published",
        "published_from",
        "title",
        "url",
    )
    __match_args__: ClassVar[tuple[str, ...]] = (
        "path",
        "format",
        "published",
        "published_from",
        "findings",
        "attributions",
        "title",
        "url",
        "images",
        "internal_error",
    )
    path: str
    format: str
    published: dt.date | None
    published_from: str | None
    findings: tuple[Finding, ...]
    attributions: tuple[Attribution, ...]
    title: str | None
    url: str | None
    images: tuple[ImageRef, ...]
    internal_error: str | None

    def __init__(
        self,
        path: str,
        format: str,
        published: dt.date | None,
        published_from: str | None,
        findings: tuple[Finding, ...],
        attributions: tuple[Attribution, ...] = (),
        title: str | None = None,
        url: str | None = None,
        images: tuple[ImageRef, ...] = (),
        internal_error: str | None = None,
    ) -> None:
        object.__setattr__(self, "path", path if path.isprintable() else shown(path, one_line=True))
        object.__setattr__(self, "format", format)
        object.__setattr__(self, "published", published)
        object.__setattr__(self, "published_from", published_from)
        object.__setattr__(self, "findings", findings)
        object.__setattr__(self, "attributions", attributions)
        object.__setattr__(
            self, "title", title if title is None or title.isprintable() else shown(title, one_line=False)
        )
        object.__setattr__(
            self, "url", url if url is None or url.isprintable() else shown(url, one_line=False)
        )
        object.__setattr__(self, "images", images)
        object.__setattr__(self, "internal_error", internal_error)

    def _key(self) -> tuple[object, ...]:
        return (
            self.path,
            self.format,
            self.published,
            self.published_from,
            self.findings,
            self.attributions,
            self.title,
            self.url,
            self.images,
            self.internal_error,
        )

    def with_internal_error(self, error: str) -> FileResult:
        """The same result, marked as one creditcheck itself failed on."""
        return self._replace(internal_error=error)


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


def _stored_by_slot(cls: type[_Frozen], shown_fields: tuple[str, ...] = ()) -> None:
    """In pure Python, give ``cls`` an ``__init__`` that stores each field with its slot's setter.

    ``object.__setattr__(self, name, value)`` makes a bound wrapper and looks the slot up again
    for every field: most of what making a ``Span`` or a ``Block`` costs in pure Python, and
    hundreds of thousands are made in a run. The new ``__init__`` takes the written-out one's
    parameters and defaults, in the same order as ``__match_args__`` (else nothing is changed),
    and passes ``shown_fields`` through ``shown`` as that one does (a test compares the two).
    Compiled by mypyc, the written-out ``__init__`` is already a plain store, and a native class
    cannot be changed: it is left as it is.
    """
    own = vars(cls)  # mypyc compiles no ``cls.__dict__``
    init = own.get("__init__")
    if not isinstance(init, FunctionType):
        return
    code = init.__code__
    names = code.co_varnames[1 : code.co_argcount]
    if names != cls.__match_args__ or code.co_kwonlyargcount:
        return
    defaults = init.__defaults__ or ()
    first_default = len(names) - len(defaults)
    scope: dict[str, object] = {"_shown": shown}
    params: list[str] = []
    body: list[str] = []
    for i, name in enumerate(names):
        scope[f"_set_{name}"] = own[name].__set__
        if i >= first_default:
            scope[f"_default_{name}"] = defaults[i - first_default]
            params.append(f"{name}=_default_{name}")
        else:
            params.append(name)
        value = name
        if name in shown_fields:
            value = f"{name} if {name} is None or {name}.isprintable() else _shown({name}, one_line=False)"
        body.append(f"    _set_{name}(self, {value})\n")
    source = f"def __init__(self, {', '.join(params)}):\n{''.join(body)}"
    exec(source, scope)  # the source is made above from the class's own field names
    fast = scope["__init__"]
    assert isinstance(fast, FunctionType)
    fast.__qualname__ = f"{cls.__qualname__}.__init__"
    fast.__doc__ = init.__doc__
    type.__setattr__(cls, "__init__", fast)


for _cls, _shown_fields in (
    (Span, ()),
    (Block, ()),
    (Image, ()),
    (Name, ("text",)),
    (Attribution, ("text", "holder")),
    (Document, ()),
):
    _stored_by_slot(_cls, _shown_fields)
