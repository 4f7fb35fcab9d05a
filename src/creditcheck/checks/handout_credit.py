"""handout-credit: a handout picture, where the configuration's `handouts: error` forbids them."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, Severity

DOC = """\
A credit says the picture is a handout (`Courtesy of Sony Corp.`, `Sony/Handout`,
`Family handout`, `HANDOUT/AFP`): supplied free by the people or company it shows, not
licensed from an agency. Whether that is allowed is the publication's policy, set in the
configuration: `handouts: allowed` (the default; this check then finds nothing) or
`handouts: error`. Under either, the giver of a handout is not an `unknown-source`: a handout
needs no license. A cleared handout under `handouts: error` takes a suppression with the
clearance as its reason.

Fails (published 2021-03-01, handouts error):
    (Courtesy of Sony Corp.)
Passes (published 2021-03-01, handouts error):
    (Ou Dongqu/Getty Images)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    if ctx.handouts != "error":
        return
    for attribution in ctx.handouts_credited:
        yield check.finding(
            ctx,
            attribution.span,
            f"{quote(attribution.text)} is credited as a handout, and the configuration says "
            "`handouts: error`: use a licensed picture, or record its clearance in a suppression",
            attribution.text,
        )


CHECK: Check = Check(
    "handout-credit", "CC206", Severity.ERROR, "handout picture where handouts are an error", DOC, run
)
