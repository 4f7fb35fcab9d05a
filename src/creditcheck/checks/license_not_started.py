"""license-not-started: the publication date falls before the license's start date."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks._coverage import coverage_findings
from creditcheck.checks.base import Check, CheckContext
from creditcheck.model import Finding, Severity
from creditcheck.ruleset import Coverage

DOC = """\
The source's license (or the license it is held `via`) has a `from` date after the article's
publication date: the material was used before the agreement began.

Fails (published 2019-03-01):
    (David Kawai/Bloomberg)
Passes (published 2020-03-01):
    (David Kawai/Bloomberg)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    return coverage_findings(check, ctx, (Coverage.NOT_STARTED,))


CHECK: Check = Check("license-not-started", "CC104", Severity.ERROR, "license has not started", DOC, run)
