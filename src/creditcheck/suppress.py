"""Inline suppressions: ``creditcheck: ignore CHECK[,CHECK] -- reason``, and applying them.

A check is named by its name or its code (``unknown-source`` or ``CC101``). A suppression must
say why (the reason after ``--``): one without a reason suppresses nothing and is itself a
finding, as is one that names no known check; one that suppresses nothing is
``unused-suppression``, so stale exceptions do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from creditcheck import compilecache
from creditcheck.compilecache import dataclass
from creditcheck.model import Finding, Span

# Builds a finding of a suppression check; the scanner supplies the path and severities.
MakeFinding = Callable[[str, Span, str], Finding]
# The check name a name or code written in a directive stands for, or None if there is none.
CheckName = Callable[[str], str | None]

# The directive's opening words, wherever a format lets it stand (an HTML comment, a text line);
# its reason follows the first " --". Parsed by hand after the opening words (parse_directive):
# a lazy pattern tried against a line padded with spaces took quadratic time.
DIRECTIVE = compilecache.compile(r"creditcheck\s*+:\s*+ignore\b", re.I)
_REASON_MARK = compilecache.compile(r"\s--")
_NOT_SPACE = compilecache.compile(r"\S")


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
    """(checks, reason) if ``body`` (a comment's or line's text) is a directive, else None.

    The checks are what follows ``ignore`` on its line up to the first `` --``; the reason is
    all after that, which may go on to the next line only if it starts there (a comment
    spread over lines).
    """
    text = body.strip()
    for head in DIRECTIVE.finditer(text):
        parsed = _after_head(text[head.end() :])
        if parsed is not None:
            return parsed
    return None


def _after_head(rest: str) -> tuple[tuple[str, ...], str | None] | None:
    line_end = rest.find("\n")
    line_end = len(rest) if line_end < 0 else line_end
    last_newline = rest.rfind("\n")
    for mark in _REASON_MARK.finditer(rest, 0, min(len(rest), line_end + 3)):
        if mark.start() > line_end:
            break
        # A reason that runs on over a line break after it has begun is not one.
        first = _NOT_SPACE.search(rest, mark.end())
        if first is not None and first.start() < last_newline:
            continue
        return _checks(rest[: mark.start()]), rest[mark.end() :].strip() or None
    if line_end < len(rest):
        return None
    return _checks(rest), None


def _checks(written: str) -> tuple[str, ...]:
    return tuple(c for c in re.split(r"[\s,]+", written.strip()) if c)


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
