"""credit-format: a credit that names a source but is not written in any accepted form."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.analysis import FormStatus
from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, Severity

DOC = """\
A credit names a source whose rule lists accepted forms (`credit.accepted`), and it matches
none that is in effect on the publication date. The suggestion is the closest accepted form,
filled in with the credit's own photographer; it is offered as the fix when fully known. When
that form would drop an organisation the credit names (`X/Gamma-Rapho via Getty Images`
against `{photographer}/Getty Images`), no fix is offered: a partner collection or a
distributor may be part of the credit the license requires.

Fails (published 2021-03-01):
    (Matt Rourke/AP)
Passes (published 2021-03-01):
    (AP Photo/Matt Rourke)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    for j in ctx.judgements:
        if j.status is FormStatus.FORMAT and j.rule is not None:
            a = j.attribution
            if j.dropped and j.expected:
                named = ", ".join(quote(d) for d in j.dropped)
                hint = (
                    f" ({quote(j.expected)}), which would drop {named}: confirm the form the"
                    " license requires, or add it to the rule's accepted forms"
                )
            else:
                hint = f": write {quote(j.expected)}" if j.expected else ""
            yield check.finding(
                ctx,
                a.span,
                f"{quote(a.text)} is not an accepted {j.rule.name} credit form{hint}",
                a.text,
                fix=j.fix,
                source=j.rule.id,
            )


CHECK: Check = Check("credit-format", "CC203", Severity.ERROR, "credit not in an accepted form", DOC, run)
