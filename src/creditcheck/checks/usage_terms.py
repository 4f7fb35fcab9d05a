"""usage-terms: a restriction (EDITORIAL USE ONLY, NO ARCHIVES, …) that the source's rule makes binding."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, Severity
from creditcheck.templates import normalize

DOC = """\
Items and photos carry usage terms and special instructions (NewsML-G2 `usageTerms`, ninjs
`usageterms`, IPTC `Instructions`/2:40, `xmpRights:UsageTerms`, and phrases such as
`EDITORIAL USE ONLY`, `ONE TIME USE`, `NO ARCHIVES`, `NO SALES`, `MANDATORY CREDIT …` in any
text). `creditcheck inventory` lists every one. A term is a finding when a source the
document names has it in its rule's `usage_terms:` list: the license makes it binding, and
someone must confirm the use honours it (default severity warning).

Fails (published 2021-03-01):
    Leaders meet. (AP Photo/Lee Jin-man) NO ARCHIVES
Passes (published 2021-03-01):
    Leaders meet. (AP Photo/Lee Jin-man)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.doc.instructions:
        return
    named = {n.rule for n, _ in ctx.named_sources if n.rule is not None}
    binding = [(ctx.ruleset[r], term) for r in sorted(named) for term in ctx.ruleset[r].usage_terms]
    for text, span in ctx.doc.instructions:
        folded = normalize(text).casefold()
        for rule, term in binding:
            if normalize(term).casefold() in folded:
                yield check.finding(
                    ctx,
                    span,
                    f"{rule.name} makes {quote(term)} binding: confirm this use honours it",
                    text,
                    source=rule.id,
                )
                break


CHECK: Check = Check("usage-terms", "CC504", Severity.WARNING, "binding usage restriction", DOC, run)
