"""missing-photographer: a credit whose required form names the photographer, without one."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.analysis import FormStatus
from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, Severity

DOC = """\
The credit is the accepted form of its source with the `{photographer}` part left out, e.g.
`AFP via Getty Images` where `{photographer}/AFP via Getty Images` is required. There is no
automatic fix: only the editor knows who took the picture (see the photo's metadata).

Fails (published 2021-03-01):
    (AFP via Getty Images/TNS)
Passes (published 2021-03-01):
    (Brendan Smialowski/AFP via Getty Images/TNS)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    for j in ctx.judgements:
        if j.status is FormStatus.MISSING_PHOTOGRAPHER and j.rule is not None:
            a = j.attribution
            yield check.finding(
                ctx,
                a.span,
                f"{quote(a.text)} lacks the photographer: {j.rule.name} requires {quote(j.expected or '')}",
                a.text,
                source=j.rule.id,
            )


CHECK: Check = Check(
    "missing-photographer", "CC204", Severity.ERROR, "credit lacks the photographer", DOC, run
)
