"""Shared wording for the license coverage checks (unlicensed, expired, not started)."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.analysis import CoverageProblem
from creditcheck.checks.base import Check, CheckContext
from creditcheck.model import Finding
from creditcheck.ruleset import Coverage


def _through(problem: CoverageProblem) -> str:
    if problem.decided_by.id == problem.rule.id:
        return problem.rule.name
    return f"{problem.rule.name} (licensed via {problem.decided_by.name})"


def _reason(problem: CoverageProblem, published: str) -> str:
    lic = problem.decided_by.license
    who = _through(problem)
    if problem.outcome is Coverage.UNLICENSED:
        return f"{who} is not licensed (no license on record)"
    if problem.outcome is Coverage.SUSPENDED:
        return f"{who}: the license is suspended"
    if problem.outcome is Coverage.EXPIRED:
        return f"{who}: the license expired on {lic.until} (article published {published})"
    return f"{who}: the license starts on {lic.start} (article published {published})"


def coverage_findings(check: Check, ctx: CheckContext, outcomes: tuple[Coverage, ...]) -> Iterator[Finding]:
    published = ctx.doc.published.isoformat()
    for problem in ctx.coverage:
        if problem.outcome in outcomes:
            yield check.finding(
                ctx,
                problem.span,
                _reason(problem, published),
                problem.name.text,
                source=problem.rule.id,
            )
