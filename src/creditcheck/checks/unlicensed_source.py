"""unlicensed-source: a source whose license status is none or suspended."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks._coverage import coverage_findings
from creditcheck.checks.base import Check, CheckContext
from creditcheck.model import Finding, Severity
from creditcheck.ruleset import Coverage

DOC = """\
The source is known, but the publisher holds no license for it (rule `license.status: none`)
or the license is suspended, directly or somewhere along its `via` chain.

Fails (published 2021-03-01):
    (Issei Kato/Reuters)
Passes (published 2021-03-01):
    (Issei Kato/Bloomberg)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    return coverage_findings(check, ctx, (Coverage.UNLICENSED, Coverage.SUSPENDED))


CHECK: Check = Check("unlicensed-source", "CC102", Severity.ERROR, "source is not licensed", DOC, run)
