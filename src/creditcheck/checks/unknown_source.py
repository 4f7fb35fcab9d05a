"""unknown-source: a credited source, the story's source or a notice's holder that matches no rule."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Finding, NameRole, Severity

DOC = """\
A photo credit, the story's source or the story's copyright notice names an organisation
that no rule file describes.

Without a rule there is no license on record: either the source is licensed and its rule
file is missing, or the material must not be used. People (photographers) and roles such as
"File", "Pool" or "Handout" are not sources, and neither is the giver of a handout
(`Sony/Handout`): see `handout-credit`. A story's notice (`© 2024 Nikkei Asia`) says
whose story it is, so an unknown holder is an unknown source as well; a notice that belongs
to a picture (in its caption or metadata) is the picture's, and is not read this way.
The site's own name is no source either: a web page's footer is not read, and a notice or
a credit naming the page's own publisher (its `og:site_name`, its JSON-LD `publisher`, the
site of its address) is the site's own (`Ivo Mayr/Correctiv` on correctiv.org). A site that
publishes Markdown or text can describe itself in a rule file (kind `publisher`, status
`active`).

Fails (published 2021-03-01):
    (Ou Dongqu/Xinhua)
Passes (published 2021-03-01):
    (Ou Dongqu/Getty Images)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    handouts = {id(a) for a in ctx.handouts_credited}
    for attribution in ctx.credits:
        if id(attribution) in handouts:
            continue  # a handout's giver needs no license; the policy is handout-credit's
        for name in attribution.names:
            if name.role == NameRole.ORGANISATION and name.rule is None:
                yield check.finding(
                    ctx,
                    name.span,
                    f"{quote(name.text)} matches no rule: add a rule file if it is licensed, "
                    "or remove the material",
                    name.text,
                )
    if ctx.doc.format != "image":
        for notice in ctx.notices:
            if notice.image is not None:
                continue
            for name in notice.names:
                if name.role == "organisation" and name.rule is None:
                    yield check.finding(
                        ctx,
                        name.span,
                        f"the copyright notice names {quote(name.text)}, which matches no rule: add a "
                        "rule file if the story is licensed, or do not publish it",
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


CHECK: Check = Check("unknown-source", "CC101", Severity.ERROR, "source matches no rule", DOC, run)
