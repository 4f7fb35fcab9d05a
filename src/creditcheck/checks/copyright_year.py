"""copyright-year: a notice whose year breaks its rule's year policy, or that has no year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from creditcheck import lazyre
from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, Severity

DOC = """\
The notice's holder has a rule with a notice template containing `{year}`. With the year
policy `publication` (the default) the notice's year (the last year of a range) must be the
article's publication year; with `any` only a missing year is a finding. The fix is the same
notice with the publication year.

Fails (published 2020-01-14):
    © 2019 the Japan Times
Passes (published 2020-01-14):
    © 2020 the Japan Times
"""
_LAST_YEAR = lazyre.compile(r"((?:19|20)\d{2})(?!.*(?:19|20)\d{2})", re.S)


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    year = ctx.doc.published.year
    for notice in ctx.notices:
        if notice.holder not in ctx.ruleset.rules:
            continue
        rule = ctx.ruleset[notice.holder]
        if rule.notice is None or "year" not in rule.notice.template.names:
            continue
        if notice.year is None:
            fix = rule.notice.template.render(year=str(year))
            yield check.finding(
                ctx,
                notice.span,
                f"{quote(notice.text)} has no year: {rule.name} requires {quote(fix)}",
                notice.text,
                fix=fix,
                source=rule.id,
            )
        elif rule.notice.year == "publication" and notice.year != year:
            fix = _LAST_YEAR.sub(str(year), notice.text, count=1)
            yield check.finding(
                ctx,
                notice.span,
                f"the notice says {notice.year} but the article was published in {year}",
                notice.text,
                fix=fix,
                source=rule.id,
            )


CHECK: Check = Check("copyright-year", "CC302", Severity.ERROR, "wrong or missing notice year", DOC, run)
