"""copyright-format: a notice for a rule's holder that is not written as the rule's template."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, Severity

DOC = """\
The notice names a holder whose rule has a notice template, has a year, but is not written in
the template's form. The copyright mark may be `©`, `(c)` or `Copyright` (with or without ©),
the holder's letter case is free and a trailing "All rights reserved." is allowed; anything
else that differs is a finding whose fix is the template filled in with the year policy's
year. (A missing or wrong year alone is `copyright-year`.)

Fails (published 2020-01-14):
    © The Japan Times Ltd. 2020
Passes (published 2020-01-14):
    Copyright (c) 2020 THE JAPAN TIMES. All rights reserved.
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    for notice in ctx.notices:
        if notice.holder not in ctx.ruleset.rules or notice.year is None:
            continue
        rule = ctx.ruleset[notice.holder]
        if rule.notice is None or rule.notice.template.match(notice.text) is not None:
            continue
        year = ctx.doc.published.year if rule.notice.year == "publication" else notice.year
        fix = rule.notice.template.render(year=str(year))
        yield check.finding(
            ctx,
            notice.span,
            f"{quote(notice.text)} is not the notice {rule.name} requires: write {quote(fix)}",
            notice.text,
            fix=fix,
            source=rule.id,
        )


CHECK: Check = Check("copyright-format", "CC303", Severity.ERROR, "notice not in the required form", DOC, run)
