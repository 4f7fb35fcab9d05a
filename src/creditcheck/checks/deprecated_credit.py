"""deprecated-credit: a credit written in a form its agency has retired."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.analysis import FormStatus
from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, Severity

DOC = """\
The credit matches one of its rule's `credit.deprecated` forms, and the article was published
on or after the date that form was retired (its `from`). Older articles are judged by the form
that was right when they were published, so they stay clean. The fix is the replacement form
with the same photographer, keeping any syndicator suffix such as `/TNS`.

Fails (published 2020-01-14):
    (Brendan Smialowski/AFP/Getty Images/TNS)
Passes (published 2019-07-01):
    (Brendan Smialowski/AFP/Getty Images/TNS)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    for j in ctx.judgements:
        if j.status is FormStatus.DEPRECATED and j.rule is not None:
            a = j.attribution
            yield check.finding(
                ctx,
                a.span,
                f"{quote(a.text)} is a retired {j.rule.name} credit form: write {quote(j.expected or '')}",
                a.text,
                fix=j.fix,
                source=j.rule.id,
            )


CHECK: Check = Check("deprecated-credit", "CC202", Severity.ERROR, "retired credit form", DOC, run)
