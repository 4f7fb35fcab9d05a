"""withdrawn-content: an item its provider canceled or withheld, or a rule's kill notice names."""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from creditcheck.checks.base import Check, CheckContext, quote
from creditcheck.model import Block, Finding, Severity, Span
from creditcheck.ruleset import Rule, Withdrawal
from creditcheck.templates import normalize

DOC = """\
Agencies send kill notices, and every copy must go. This finds an item whose provider status
is `canceled` or `withheld` (NewsML-G2 `pubStatus`, NITF `management-status`, ninjs
`pubstatus`, front matter `status:`, `<meta name="status">`), or that a rule's `withdrawn:`
list names: by the provider's asset id, by caption text that appears in the document, or by
photographer and date (the photographer credited or named as creator, and the document's
date equal to the listed one). See docs/rules.md.

Fails (published 2021-03-01):
    Kim Jong Un waves from a balcony in Sinuiju. (Ed Jones/AFP via Getty Images)
Passes (published 2021-03-01):
    Kim Jong Un waves from a podium in Pyongyang. (Ed Jones/AFP via Getty Images)
"""
_WITHDRAWN = ("canceled", "cancelled", "withheld", "withdrawn", "killed")


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    doc = ctx.doc
    if doc.status is not None and doc.status[0] in _WITHDRAWN:
        text, span = doc.status
        yield check.finding(ctx, span, f"the provider marked this item {text}: remove every copy", text)
    folded = _FoldedBlocks(doc.blocks)
    people = _People(ctx)
    for rule in ctx.ruleset:
        for w in rule.withdrawn:
            yield from _withdrawal(check, ctx, rule, w, folded, people)


class _People:
    """The people the document credits or names as creators, folded, made the first time asked."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self._folded: set[str] | None = None

    def __contains__(self, name: str) -> bool:
        if self._folded is None:
            self._folded = {normalize(p).casefold() for a in self.ctx.credits for p in a.people}
            self._folded.update(normalize(creator).casefold() for creator, _ in self.ctx.doc.creators)
        return name in self._folded


def _withdrawal(
    check: Check,
    ctx: CheckContext,
    rule: Rule,
    w: Withdrawal,
    folded: _FoldedBlocks,
    people: _People,
) -> Iterator[Finding]:
    """The findings of one kill notice: the item by asset id, by caption, by photographer and day."""
    doc = ctx.doc
    why = f" ({w.reason})" if w.reason else ""
    if w.asset is not None and doc.asset_id == w.asset:
        yield check.finding(
            ctx,
            Span(1, 1, 1, 1),
            f"{rule.name} withdrew item {quote(w.asset)}{why}: remove every copy",
            w.asset,
            source=rule.id,
        )
    caption_span = _caption_span(w.caption, folded) if w.caption is not None else None
    if w.caption is not None and caption_span is not None:
        yield check.finding(
            ctx,
            caption_span,
            f"{rule.name} withdrew the picture captioned {quote(w.caption)}{why}: remove every copy",
            w.caption,
            source=rule.id,
        )
    if (
        w.photographer is not None
        and w.day == doc.published
        and normalize(w.photographer).casefold() in people
    ):
        yield check.finding(
            ctx,
            _photographer_span(ctx, w.photographer),
            f"{rule.name} withdrew {w.photographer}'s pictures of {w.day}{why}: remove every copy",
            w.photographer,
            source=rule.id,
        )


class _FoldedBlocks:
    """The document's blocks, each normalised and case-folded the first time a caption needs it."""

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        self.blocks = blocks
        self._folded: dict[int, str] = {}
        self._lowered: str | None = None
        self._lowered_made = False

    def all_ascii_lowered(self) -> str | None:
        """Every block's text lower-cased, one a line, when all of them are ASCII (else None)."""
        if not self._lowered_made:
            joined = "\n".join(map(attrgetter("text"), self.blocks))
            self._lowered = joined.lower() if joined.isascii() else None
            self._lowered_made = True
        return self._lowered

    def folded(self, i: int) -> str:
        text = self._folded.get(i)
        if text is None:
            text = self._folded[i] = normalize(self.blocks[i].text).casefold()
        return text


def _caption_span(caption: str, blocks: _FoldedBlocks) -> Span | None:
    """Where the first block holding a withdrawn picture's caption holds it (None if none does)."""
    needle = normalize(caption).casefold()
    # Normalising every block of every article would cost more than the rest of the check. An
    # ASCII block normalises to its own words, lower-cased, joined by single spaces: it can hold
    # the caption only if its lower-cased text holds the caption's longest word.
    word = max(needle.split(" "), key=len)
    # Most documents are ASCII throughout: asked once of all their blocks together (a word
    # holds no line break), the test skips every block when none holds the word.
    lowered = blocks.all_ascii_lowered()
    if lowered is not None and word not in lowered:
        return None
    for i, block in enumerate(blocks.blocks):
        if block.text.isascii() and word not in block.text.lower():
            continue
        at = blocks.folded(i).find(needle)
        if at < 0:
            continue
        if normalize(block.text) == block.text:
            return block.span(at, at + len(caption))
        return block.span(0, len(block.text))
    return None


def _photographer_span(ctx: CheckContext, photographer: str) -> Span:
    """The first credit naming the photographer, else the file's start."""
    wanted = photographer.casefold()
    return next(
        (a.span for a in ctx.credits if wanted in (p.casefold() for p in a.people)),
        Span(1, 1, 1, 1),
    )


CHECK: Check = Check("withdrawn-content", "CC503", Severity.ERROR, "withdrawn or killed item", DOC, run)
