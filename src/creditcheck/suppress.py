"""Inline suppressions: ``creditcheck: ignore CHECK[,CHECK] -- reason``, and applying them.

A check is named by its name or its code (``unknown-source`` or ``CC101``). A suppression must
say why (the reason after ``--``): one without a reason suppresses nothing and is itself a
finding, as is one that names no known check; one that suppresses nothing is
``unused-suppression``, so stale exceptions do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from creditcheck.model import Finding, Span

# Builds a finding of a suppression check; the scanner supplies the path and severities.
MakeFinding = Callable[[str, Span, str], Finding]
# The check name a name or code written in a directive stands for, or None if there is none.
CheckName = Callable[[str], str | None]

# The directive itself, wherever a format lets it stand (an HTML comment, a text line).
DIRECTIVE = re.compile(
    r"creditcheck\s*:\s*ignore\b(?P<checks>[^\n]*?)(?:\s--\s*(?P<reason>.*?))?\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Suppression:
    """One directive and the lines it covers (``whole_file`` for front matter)."""

    checks: tuple[str, ...]
    reason: str | None
    span: Span
    first_line: int
    last_line: int
    whole_file: bool = False

    def covers(self, finding: Finding) -> bool:
        if finding.check not in self.checks:
            return False
        return self.whole_file or self.first_line <= finding.span.line <= self.last_line


def parse_directive(body: str) -> tuple[tuple[str, ...], str | None] | None:
    """(checks, reason) if ``body`` (a comment's or line's text) is a directive, else None."""
    m = DIRECTIVE.search(body.strip())
    if m is None:
        return None
    checks = tuple(c for c in re.split(r"[\s,]+", m.group("checks").strip()) if c)
    reason = (m.group("reason") or "").strip() or None
    return checks, reason


def apply(
    findings: list[Finding], suppressions: list[Suppression], check_name: CheckName, make: MakeFinding
) -> list[Finding]:
    """Drop covered findings; add findings for invalid and unused suppressions."""
    if not suppressions:
        return findings
    valid: list[Suppression] = []
    extra: list[Finding] = []
    for s in suppressions:
        unknown = [c for c in s.checks if check_name(c) is None]
        if not s.checks:
            extra.append(
                make(
                    "invalid-suppression",
                    s.span,
                    "the suppression names no check: write `creditcheck: ignore CHECK -- reason`",
                )
            )
        elif unknown:
            extra.append(
                make(
                    "invalid-suppression",
                    s.span,
                    f"the suppression names unknown check(s) {', '.join(unknown)} "
                    "(see `creditcheck explain`)",
                )
            )
        elif s.reason is None:
            extra.append(
                make(
                    "invalid-suppression",
                    s.span,
                    "the suppression has no reason: add `-- why this is allowed` "
                    "(it suppresses nothing until it has one)",
                )
            )
        else:
            names = tuple(dict.fromkeys(name for c in s.checks if (name := check_name(c)) is not None))
            valid.append(replace(s, checks=names))
    used: set[int] = set()
    kept: list[Finding] = []
    for f in findings:
        hit = next((i for i, s in enumerate(valid) if s.covers(f)), None)
        if hit is None:
            kept.append(f)
        else:
            used.add(hit)
    for i, s in enumerate(valid):
        if i not in used:
            extra.append(
                make(
                    "unused-suppression",
                    s.span,
                    f"nothing to suppress here for {', '.join(s.checks)}: remove the suppression",
                )
            )
    return kept + extra
