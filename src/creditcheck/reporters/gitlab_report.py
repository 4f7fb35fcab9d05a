"""GitLab Code Quality: the Code Climate JSON subset GitLab reads from ``artifacts:reports:codequality``."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from creditcheck.baseline import fingerprint
from creditcheck.model import Finding, RunResult, Severity

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


def render(result: RunResult, *, color: bool = False) -> str:
    seen: Counter[str] = Counter()
    issues = []
    for f in result.findings:
        key = fingerprint(f)
        issues.append(issue(f, seen[key]))
        seen[key] += 1
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
