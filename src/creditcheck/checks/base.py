"""The Check type and the per-document context every check reads."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from creditcheck.analysis import (
    CoverageProblem,
    CreditJudgement,
    coverage_problems,
    is_credit,
    is_handout,
    judge_credit,
)
from creditcheck.compilecache import dataclass
from creditcheck.model import Attribution, AttributionKind, Document, Finding, Name, NameRole, Severity, Span
from creditcheck.resolve import Resolver
from creditcheck.ruleset import RuleSet


@dataclass(frozen=True)
class EmbeddedCredit:
    """What a local image file says about itself: its credits and creators."""

    path: str
    credits: tuple[Attribution, ...]
    creators: tuple[str, ...]
    asset_id: str | None = None  # the agency's id of the picture (IPTC/XMP), for the audit's items


class CheckContext:
    """One document, its attributions and the rules; shared judgements are computed once.

    Each shared judgement is worked out the first time a check asks for it and kept in a
    field of its own (not ``functools.cached_property``, which keeps it in the instance
    ``__dict__``: a class compiled with mypyc has none).
    """

    def __init__(
        self,
        doc: Document,
        attributions: list[Attribution],
        ruleset: RuleSet,
        resolver: Resolver,
        territory: str | None = None,
        channel: str | None = None,
        embedded: Callable[[str], EmbeddedCredit | None] | None = None,
        judgements: list[CreditJudgement] | None = None,
        handouts: str = "allowed",
    ) -> None:
        self.doc = doc
        self.attributions = attributions
        self.ruleset = ruleset
        self.resolver = resolver
        # Where and how the publication appears (configuration); None = not checked.
        self.territory = territory
        self.channel = channel
        # The configuration's policy for handout pictures: "allowed" or "error".
        self.handouts = handouts
        # Reads the metadata of an image the document references (None: not local/readable).
        self.embedded = embedded or _no_embedded
        self._credits: list[Attribution] | None = None
        self._credits_by_image: dict[int, list[Attribution]] | None = None
        self._handouts_credited: list[Attribution] | None = None
        self._notices: list[Attribution] | None = None
        self._article_sources: list[Name] | None = None
        # Made by the scan already when given: not judged twice.
        self._judgements: list[CreditJudgement] | None = judgements
        self._named_sources: list[tuple[Name, str]] | None = None
        self._coverage: list[CoverageProblem] | None = None

    # Computed once per document: a check that looks up each image's credits must not rebuild
    # the list per image (4,000 images made that quadratic).
    @property
    def credits(self) -> list[Attribution]:
        if self._credits is None:
            self._credits = [a for a in self.attributions if is_credit(a)]
        return self._credits

    @property
    def credits_by_image(self) -> dict[int, list[Attribution]]:
        """The credits of each image, by the image's index, in document order."""
        if self._credits_by_image is None:
            out: dict[int, list[Attribution]] = {}
            for a in self.credits:
                if a.image is not None:
                    out.setdefault(a.image, []).append(a)
            self._credits_by_image = out
        return self._credits_by_image

    @property
    def handouts_credited(self) -> list[Attribution]:
        """The credits that say the picture is a handout (supplied free by its owner)."""
        if self._handouts_credited is None:
            self._handouts_credited = [a for a in self.credits if is_handout(a)]
        return self._handouts_credited

    @property
    def notices(self) -> list[Attribution]:
        if self._notices is None:
            self._notices = [a for a in self.attributions if a.kind is AttributionKind.COPYRIGHT]
        return self._notices

    @property
    def article_sources(self) -> list[Name]:
        """The story's own sources (front matter, meta, "Source:" and TNS trailer lines)."""
        if self._article_sources is None:
            names: list[Name] = []
            for text, span in self.doc.source_names:
                res = self.resolver.resolve(text)
                if res is None:
                    names.append(Name(text, span, NameRole.ORGANISATION))
                else:
                    names.append(Name(text, span, NameRole.ORGANISATION, res.rule, res.score, res.alias))
            self._article_sources = names
        return self._article_sources

    @property
    def judgements(self) -> list[CreditJudgement]:
        if self._judgements is None:
            self._judgements = [judge_credit(a, self.ruleset, self.doc.published) for a in self.credits]
        return self._judgements

    @property
    def named_sources(self) -> list[tuple[Name, str]]:
        """Every resolved source name in the document with the text it stands in, in order."""
        if self._named_sources is None:
            out = [(n, a.text) for a in self.attributions for n in a.names if n.rule is not None]
            out.extend((n, n.text) for n in self.article_sources if n.rule is not None)
            self._named_sources = out
        return self._named_sources

    @property
    def coverage(self) -> list[CoverageProblem]:
        if self._coverage is None:
            self._coverage = coverage_problems(
                self.attributions, self.article_sources, self.ruleset, self.doc.published
            )
        return self._coverage


def _no_embedded(src: str) -> EmbeddedCredit | None:
    return None


@dataclass(frozen=True)
class Check:
    """A check: stable name and code, default severity, and a pure generator of findings.

    ``doc`` is the ``creditcheck explain`` text; its "Fails:" and "Passes:" examples are run by
    the test suite.
    """

    name: str
    code: str
    severity: Severity
    summary: str
    doc: str
    run: Callable[[Check, CheckContext], Iterator[Finding]]

    def finding(
        self,
        ctx: CheckContext,
        span: Span,
        message: str,
        text: str,
        fix: str | None = None,
        source: str | None = None,
    ) -> Finding:
        return Finding(
            path=ctx.doc.path,
            span=span,
            check=self.name,
            code=self.code,
            severity=self.severity,
            message=message,
            text=text,
            fix=fix,
            source=source,
        )

    def findings(self, ctx: CheckContext) -> Iterator[Finding]:
        return self.run(self, ctx)


def quote(text: str) -> str:
    return f"`{text}`"
