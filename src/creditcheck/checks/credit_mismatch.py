"""credit-mismatch: a caption credit that disagrees with the credit embedded in its photo."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext, EmbeddedCredit, quote
from creditcheck.model import Attribution, Finding, Severity
from creditcheck.ruleset import RuleSet, SourceKind
from creditcheck.templates import normalize

DOC = """\
An article's image (HTML `<img src>`, Markdown `![](…)`) is a local file whose metadata holds
a credit (XMP `photoshop:Credit`, IPTC 2:110) or a creator (`dc:creator`, 2:80), and the
caption credit names other sources or other people. Sources are compared through their `via`
chains (a caption `X/AFP via Getty Images` agrees with an embedded `AFP`), syndicators such
as TNS are ignored, and people are compared without letter case. The embedded credit is the
agency's own: the typed caption is usually what went wrong. Images that are remote or not
readable are not compared. (Its examples need a photo file beside the article, so they are
the fixtures in fixtures/checks/credit-mismatch/ rather than text here.)
"""


def _sources(ruleset: RuleSet, credits: list[Attribution]) -> tuple[set[str], set[str]]:
    named: set[str] = set()
    for a in credits:
        named.update(s for s in a.sources if ruleset[s].kind != SourceKind.SYNDICATOR)
    closure = {r.id for s in named for r in ruleset.chain(s)}
    return named, closure


def _people(names: list[str]) -> set[str]:
    return {normalize(n).casefold() for n in names if n.strip()}


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    for image in ctx.doc.images:
        caption = ctx.credits_by_image.get(image.index, [])
        if not caption:
            continue
        embedded = ctx.embedded(image.src)
        if embedded is None or not (embedded.credits or embedded.creators):
            continue
        if not _differ(ctx, caption, embedded):
            continue
        texts = list(dict.fromkeys(a.text for a in embedded.credits))  # XMP and IIM often repeat it
        embedded_text = "; ".join(texts) or ", ".join(embedded.creators)
        a = caption[0]
        yield check.finding(
            ctx,
            a.span,
            f"the caption credits {quote(a.text)} but {image.src} carries {quote(embedded_text)}: "
            "check which is right",
            a.text,
        )


def _differ(ctx: CheckContext, caption: list[Attribution], embedded: EmbeddedCredit) -> bool:
    """Whether the caption's credit and the photo's name different sources or photographers."""
    ours, our_closure = _sources(ctx.ruleset, caption)
    theirs, their_closure = _sources(ctx.ruleset, list(embedded.credits))
    our_unknown = _people([u for a in caption for u in a.unknown])
    their_unknown = _people([u for a in embedded.credits for u in a.unknown])
    our_people = _people([p for a in caption for p in a.people])
    their_people = _people([p for a in embedded.credits for p in a.people] + list(embedded.creators))
    if our_people and their_people and not our_people & their_people:
        return True
    return (
        bool(ours or our_unknown)
        and bool(theirs or their_unknown)
        and (not ours <= their_closure or not theirs <= our_closure or our_unknown != their_unknown)
    )


CHECK: Check = Check(
    "credit-mismatch", "CC501", Severity.ERROR, "caption credit differs from the photo's", DOC, run
)
