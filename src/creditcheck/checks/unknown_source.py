"""unknown-source: a credited source, or the story's source, that matches no rule."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, Severity

DOC = """\
A photo credit or the story's source names an organisation that no rule file describes.

Without a rule there is no license on record: either the source is licensed and its rule
file is missing, or the material must not be used. People (photographers) and roles such as
"File", "Pool" or "Handout" are not sources. Copyright notices of unknown holders are listed
by `creditcheck inventory` but are not findings (they are often the site's own notice).

Fails (published 2021-03-01):
    (Ou Dongqu/Xinhua)
Passes (published 2021-03-01):
    (Ou Dongqu/Getty Images)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    for attribution in ctx.credits:
        for name in attribution.names:
            if name.role == "organisation" and name.rule is None:
                yield check.finding(
                    ctx,
                    name.span,
                    f"{quote(name.text)} matches no rule: add a rule file if it is licensed, "
                    "or remove the material",
                    name.text,
                )
    for name in ctx.article_sources:
        if name.rule is None:
            yield check.finding(
                ctx,
                name.span,
                f"the story's source {quote(name.text)} matches no rule: add a rule file if it is "
                "licensed, or do not publish the story",
                name.text,
            )


CHECK = Check("unknown-source", "CC101", Severity.ERROR, "source matches no rule", DOC, run)
