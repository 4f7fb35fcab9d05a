"""license-territory: a source used where its license does not allow (publication territory)."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks._scope import scope_findings
from creditcheck.checks.base import Check, CheckContext
from creditcheck.model import Finding, Severity

DOC = """\
The publication's territory (configuration `territory:` or `--territory`) is not among the
`license.territories` of a source's license, or of a license along its `via` chain. Licenses
without a territories list allow every territory; without a configured territory this check
does nothing.

Fails (published 2021-03-01, territory UK):
    (Mandel Ngan/Getty Images)
Passes (published 2021-03-01, territory US):
    (Mandel Ngan/Getty Images)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    return scope_findings(check, ctx, ctx.territory, "territory")


CHECK: Check = Check("license-territory", "CC105", Severity.ERROR, "territory not licensed", DOC, run)
