"""GitLab Code Quality: the Code Climate JSON subset GitLab reads from ``artifacts:reports:codequality``."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from creditcheck.baseline import fingerprint
from creditcheck.jsontext import Array
from creditcheck.model import FileResult, Finding, RunResult, Severity
from creditcheck.reporters import render_with

# GitLab's scale is info, minor, major, critical, blocker; an error blocks the merge as a
# failing job does, not the widget, so it is "major" (blocker/critical are for outages).
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(f: Finding, occurrence: int) -> dict[str, object]:
    """One Code Climate issue; ``occurrence`` tells apart identical findings in one file."""
    description = f.message if f.fix is None else f"{f.message} (fix: {f.fix})"
    # The baseline's fingerprint ignores line numbers, so GitLab matches a finding across edits
    # elsewhere in the file when it compares a merge request with its target branch.
    unique = hashlib.sha256(f"{fingerprint(f)}:{occurrence}".encode()).hexdigest()[:32]
    return {
        "type": "issue",
        "check_name": f.check,
        "description": f"[{f.code}] {description}",
        "categories": ["Bug Risk"],
        "severity": SEVERITIES[f.severity],
        "fingerprint": unique,
        # Code Climate allows lines or positions, not both; every GitLab version reads lines.
        "location": {"path": f.path, "lines": {"begin": f.span.line, "end": f.span.end_line}},
    }


class Writer:
    """The array of issues, each written as its finding arrives."""

    def __init__(self, out: TextIO, *, color: bool = False) -> None:
        self.out = out
        # Occurrences are counted per path: a fingerprint names its path, and paths arrive in order.
        self._seen: Counter[str] = Counter()
        self._path: str | None = None
        out.write("[")
        self._issues = Array(out.write, 0)

    def add(self, files: Sequence[FileResult], findings: Sequence[Finding]) -> None:
        for f in findings:
            if f.path != self._path:
                self._seen.clear()
                self._path = f.path
            key = fingerprint(f)
            self._issues.add(issue(f, self._seen[key]))
            self._seen[key] += 1

    def close(self) -> None:
        self._issues.close()
        self.out.write("\n")


def render(result: RunResult, *, color: bool = False) -> str:
    return render_with(Writer, result, color)
