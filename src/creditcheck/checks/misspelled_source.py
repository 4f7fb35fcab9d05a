"""misspelled-source: a source name that is a near miss of a rule's name or alias."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.analysis import cased_like
from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, Severity

DOC = """\
A name in a credit or notice is not any rule's name or alias but is close to one (a fuzzy
match above the threshold, 85 by default), such as `Gettty Images` or `RETUERS`. The fix
replaces it with the rule's spelling, in the original's letter case.

Fails (published 2021-03-01):
    (Mandel Ngan/Gettty Images)
Passes (published 2021-03-01):
    (Mandel Ngan/Getty Images)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    for attribution in ctx.attributions:
        for name in attribution.names:
            if name.misspelled and name.alias and name.rule:
                fix = cased_like(name.text, name.alias)
                yield check.finding(
                    ctx,
                    name.span,
                    f"{quote(name.text)} is not a known spelling: did you mean {quote(fix)}?",
                    name.text,
                    fix=fix,
                    source=name.rule,
                )
    for name in ctx.article_sources:
        if name.misspelled and name.alias and name.rule:
            yield check.finding(
                ctx,
                name.span,
                f"{quote(name.text)} is not a known spelling: did you mean {quote(name.alias)}?",
                name.text,
                fix=name.alias,
                source=name.rule,
            )


CHECK: Check = Check("misspelled-source", "CC201", Severity.ERROR, "source name misspelled", DOC, run)
