"""The Check type and the per-document context every check reads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property

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
    """One document, its attributions and the rules; shared judgements are computed once."""

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
        if judgements is not None:
            self.__dict__["judgements"] = judgements  # already made by the scan: not judged twice
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
        self.embedded = embedded or (lambda src: None)

    # Computed once per document: a check that looks up each image's credits must not rebuild
    # the list per image (4,000 images made that quadratic).
    @cached_property
    def credits(self) -> list[Attribution]:
        return [a for a in self.attributions if is_credit(a)]

    @cached_property
    def credits_by_image(self) -> dict[int, list[Attribution]]:
        """The credits of each image, by the image's index, in document order."""
        out: dict[int, list[Attribution]] = {}
        for a in self.credits:
            if a.image is not None:
                out.setdefault(a.image, []).append(a)
        return out

    @cached_property
    def handouts_credited(self) -> list[Attribution]:
        """The credits that say the picture is a handout (supplied free by its owner)."""
        return [a for a in self.credits if is_handout(a)]

    @cached_property
    def notices(self) -> list[Attribution]:
        return [a for a in self.attributions if a.kind is AttributionKind.COPYRIGHT]

    @cached_property
    def article_sources(self) -> list[Name]:
        """The story's own sources (front matter, meta, "Source:" and TNS trailer lines)."""
        names: list[Name] = []
        for text, span in self.doc.source_names:
            res = self.resolver.resolve(text)
            if res is None:
                names.append(Name(text, span, NameRole.ORGANISATION))
            else:
                names.append(Name(text, span, NameRole.ORGANISATION, res.rule, res.score, res.alias))
        return names

    @cached_property
    def judgements(self) -> list[CreditJudgement]:
        return [judge_credit(a, self.ruleset, self.doc.published) for a in self.credits]

    @cached_property
    def named_sources(self) -> list[tuple[Name, str]]:
        """Every resolved source name in the document with the text it stands in, in order."""
        out = [(n, a.text) for a in self.attributions for n in a.names if n.rule is not None]
        out.extend((n, n.text) for n in self.article_sources if n.rule is not None)
        return out

    @cached_property
    def coverage(self) -> list[CoverageProblem]:
        return coverage_problems(self.attributions, self.article_sources, self.ruleset, self.doc.published)


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
