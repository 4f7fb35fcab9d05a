"""missing-copyright: the story's source requires a copyright notice and there is none."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, Severity

DOC = """\
The story's source (front matter `source:`, `<meta name="source">`, a `Source:` line, or a
syndication trailer such as "Visit The Japan Times at …") has a rule whose `notice` is
required, and no copyright notice in the article names that holder. The finding points at the
end of the article, where the notice belongs, and its fix is the notice for the publication
year.

Fails (published 2020-01-14):
    Source: The Japan Times
Passes (published 2020-01-14):
    Source: The Japan Times
    © 2020 The Japan Times
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    holders = {a.holder for a in ctx.notices}
    seen: set[str] = set()
    for name in ctx.article_sources:
        if name.rule is None or name.rule in seen:
            continue
        seen.add(name.rule)
        rule = ctx.ruleset[name.rule]
        if rule.notice is None or not rule.notice.required or rule.id in holders:
            continue
        notice = rule.notice.template.render(year=str(ctx.doc.published.year))
        yield check.finding(
            ctx,
            ctx.doc.end,
            f"{rule.name} requires the notice {quote(notice)} and the article has none: add it at the end",
            "",
            fix=notice,
            source=rule.id,
        )


CHECK: Check = Check("missing-copyright", "CC301", Severity.ERROR, "required notice missing", DOC, run)
