"""license-expired: the license covering a source ended before the publication date."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks._coverage import coverage_findings
from creditcheck.checks.base import Check, CheckContext
from creditcheck.model import Finding, Severity
from creditcheck.ruleset import Coverage

DOC = """\
The source's license (or the license it is held `via`) has an `until` date before the
article's publication date. Articles published while the license ran stay clean.

Fails (published 2023-05-02):
    (Andy Rain/EPA-EFE)
Passes (published 2022-05-02):
    (Andy Rain/EPA-EFE)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    return coverage_findings(check, ctx, (Coverage.EXPIRED,))


CHECK: Check = Check("license-expired", "CC103", Severity.ERROR, "license has expired", DOC, run)
