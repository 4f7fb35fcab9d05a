"""Finding attributions in a Document: photo credits and copyright notices, split into names.

The extractor knows nothing of licenses or rules: it only says which text is an attribution, which
names it holds (people, sources, roles) and which rule each source name resolves to.

How a block is read:

1. The text is folded to a same-length twin (full-width letters, no-break and zero-width
   spaces, mojibake ``Â©``) so that every regex runs on one alphabet while every span and
   every name is still cut from the original text.
2. Copyright notices are found first (``©``, ``(c)``, ``Copyright``, "All rights reserved").
   A ``©`` without a year that names a picture source ("© AFP / MARCO BERTORELLO") is a
   credit written with a copyright mark, not a notice.
3. Credits are looked for in what the notices leave: prefixed credits ("Photo:", "Foto:",
   "Photograph by", "Credit:", "Courtesy of") at the start of a segment or a bracket, a
   bracketed credit at the end of the line, and an unprefixed credit in the last segment (after
   a sentence end, " | " or " - "). Unprefixed text must read as a list of names and name a
   known source, so prose that mentions an agency is never a credit.
4. A credit is split into names at ``/``, ``via``, commas, ``and``, ``for`` (a client), dashes
   and brackets; each name is a rule's source, an organisation, a person, or a role such as
   "File", "Pool" or "Handout".

The package follows those stages: ``prefilter`` (folding, cheap cue tests), ``vocabulary`` and
``patterns`` (the words and expressions), ``segmentation`` (cuts, prefixes), ``candidates``,
``notices``, ``credits`` and ``names``, with ``offsets`` and ``words`` as small helpers and
``block`` driving one block through them.
"""

from __future__ import annotations

from collections import OrderedDict
from weakref import WeakKeyDictionary

from creditcheck.extract.block import BlockExtractor
from creditcheck.extract.context import BlockText
from creditcheck.extract.gate import running_may_yield, text_may_yield
from creditcheck.extract.patterns import ANY_YEAR, TAIL_TAG
from creditcheck.extract.prefilter import LONG_LINE, fold, may_hold_attribution
from creditcheck.extract.publisher import own_attributions
from creditcheck.model import Attribution, AttributionKind, Block, BlockKind, Document, Name, Span
from creditcheck.resolve import Resolver

__all__ = ["TAIL_TAG", "extract", "extract_block", "parse_credit_text"]

# Enum members read once: on Python 3.11 reading a member from its class costs several times a
# global's lookup (about 0.3 µs), and these are read for every block of every document.
_TEXT, _BYLINE = BlockKind.TEXT, BlockKind.BYLINE


def extract(
    doc: Document, resolver: Resolver, picture_sources: frozenset[str] | None = None
) -> list[Attribution]:
    """Every attribution in ``doc``, in document order.

    ``picture_sources`` are the rule ids of picture agencies and distributors
    (``RuleSet.picture_sources()``); without it they are taken from the resolver's rule set.
    """
    sources = resolver.ruleset.picture_sources() if picture_sources is None else picture_sources
    memo = _memo_for(resolver)
    out: list[Attribution] = []
    web_page = doc.format == "html"
    for block in doc.blocks:
        # A web page's running text, not tied to a picture, holds a credit only when it says so.
        running = web_page and block.kind == _TEXT and block.image is None
        text = _folded(block)
        if text is None:
            continue
        pictured = block.image is not None
        key = (block.text, block.kind, running, pictured, sources)
        found = memo.get(key)
        if found is None:
            # The gates answer from the key's parts alone, so a refusal is remembered too.
            if _refused(block, text, running):
                found = []
            else:
                # Read at line 1, column 1, and tied to picture 0 when tied to one: what is
                # read there moves to the block's own place and picture (``_relocated``).
                here = Block(block.text, 1, 1, block.kind, 0 if pictured else None)
                found = _read(here, text, resolver, sources, running)
            if len(memo) >= MEMO_SIZE:
                memo.popitem(last=False)  # the least recently used
            memo[key] = found
        else:
            memo.move_to_end(key)  # the order of the memo is the order of use
        if found:
            out.extend(_relocated(found, block))
    if out and (doc.publisher or doc.url):
        out = own_attributions(doc, out)
    return without_short_repeats(out) if web_page else out


def without_short_repeats(found: list[Attribution]) -> list[Attribution]:
    """One picture's credits without a short form that repeats part of its full credit, or all of it.

    "(AP Photo/Matias Delacroix)" ends the caption and a credit element says "AP Photo": one
    credit, not a second one that lacks the photographer. The same credit twice is listed once.
    """
    by_image: dict[int, list[Attribution]] = {}
    for a in found:
        if a.kind is AttributionKind.PHOTO_CREDIT and a.image is not None:
            by_image.setdefault(a.image, []).append(a)
    drop = {
        id(a)
        for group in by_image.values()
        if len(group) > 1
        for i, a in enumerate(group)
        if any(_repeats(a, b, i < j) for j, b in enumerate(group) if b is not a)
    }
    return [a for a in found if id(a) not in drop] if drop else found


def _repeats(short: Attribution, full: Attribution, earlier: bool) -> bool:
    """Whether ``short`` repeats ``full``: fewer names, all in it, or the same names later on."""
    if not _names_within(short, full):
        return False
    return len(full.names) > len(short.names) or (len(full.names) == len(short.names) and not earlier)


def _names_within(short: Attribution, full: Attribution) -> bool:
    keys = {n.rule or n.text.casefold() for n in full.names}
    return all((n.rule or n.text.casefold()) in keys for n in short.names)


# The same caption, credit line and boilerplate paragraph come back in file after file (a
# publisher's template, an agency's credit): a block's attributions depend only on its text,
# its kind, whether it is tied to a picture or is a web page's running text, and the rules, so
# each is worked out once per process and moved to where it stands. An ``OrderedDict``, not a
# dict: a dict emptied from its front keeps the removed entries' slots until it grows again,
# and finding its first key steps over every one of them (1% of the corpus's CPU at 4,096).
MEMO_SIZE = 4096
_MemoKey = tuple[str, BlockKind, bool, bool, frozenset[str]]
_MEMOS: WeakKeyDictionary[Resolver, OrderedDict[_MemoKey, list[Attribution]]] = WeakKeyDictionary()


def _memo_for(resolver: Resolver) -> OrderedDict[_MemoKey, list[Attribution]]:
    memo = _MEMOS.get(resolver)
    if memo is None:
        memo = _MEMOS[resolver] = OrderedDict()
    return memo


def _relocated(found: list[Attribution], block: Block) -> list[Attribution]:
    """Attributions read from a copy of ``block`` at line 1, column 1 (picture 0), moved to ``block``.

    In that copy a span's columns are its offsets plus one (the end is one past the last
    character), so each span is worked out again by ``block`` itself.
    """
    if block.line == 1 and block.column == 1 and not block.line_starts and block.image is None:
        return found
    # Built field by field: ``dataclasses.replace`` looks every field up by name on each call,
    # which cost more than the moving itself. Every field not named here is carried over.
    return [
        Attribution(
            a.kind,
            a.text,
            _moved(a.span, block),
            tuple(Name(n.text, _moved(n.span, block), n.role, n.rule, n.score, n.alias) for n in a.names),
            a.year,
            a.holder,
            block.image,
        )
        for a in found
    ]


def _moved(span: Span, block: Block) -> Span:
    return block.span(span.column - 1, span.end_column - 1)


def parse_credit_text(text: str, resolver: Resolver, kind: str = "credit") -> list[Attribution]:
    """Parse a string as if it were a whole block of ``kind`` (the tests and bench scripts use it)."""
    return extract_block(Block(text, 1, 1, BlockKind(kind)), resolver)


def extract_block(
    block: Block, resolver: Resolver, picture_sources: frozenset[str] | None = None, running: bool = False
) -> list[Attribution]:
    """The attributions in one block (credits and notices do not overlap).

    ``running``: the block is a web page's running text, tied to no picture; a credit there
    needs a prefix, a bracket, a copyright mark or a separator and a known source.
    """
    text = _to_read(block, running)
    if text is None:
        return []
    sources = resolver.ruleset.picture_sources() if picture_sources is None else picture_sources
    return _read(block, text, resolver, sources, running)


def _to_read(block: Block, running: bool = False) -> str | None:
    """The block's folded text when it may hold an attribution; None when it cannot.

    ``running``: the block is a web page's running text, which yields only what
    ``running_may_yield`` lets through; other text that owns no picture yields only what
    ``text_may_yield`` lets through.
    """
    text = _folded(block)
    return None if text is None or _refused(block, text, running) else text


def _folded(block: Block) -> str | None:
    """The block's folded text, unless the prefilter finds it cannot hold an attribution."""
    raw = block.text
    if not raw.strip() or block.kind == _BYLINE:
        return None  # a byline element names the story's writer and agency, never a photo's
    if block.kind != _TEXT:
        return fold(raw)
    # Folding ASCII text without markup only turns long runs of white space into barriers,
    # which can make the prefilter refuse a text but never pass one it refused: the prefilter
    # asked first of a long paragraph as it stands (most are refused) spares the folding.
    # tests/test_extract_guards.py checks it.
    if len(raw) > LONG_LINE and raw.isascii() and "<" not in raw and not may_hold_attribution(raw):
        return None
    text = fold(raw)
    return text if may_hold_attribution(text) else None


def _refused(block: Block, text: str, running: bool) -> bool:
    """Whether a gate before the reader finds that the text block ``text`` (folded) yields nothing."""
    if block.kind != _TEXT:
        return False
    if running:
        return not running_may_yield(text)
    return block.image is None and not text_may_yield(text)


def _read(
    block: Block, text: str, resolver: Resolver, sources: frozenset[str], running: bool
) -> list[Attribution]:
    found = BlockExtractor(BlockText(block, text, resolver, sources, running)).run()
    if not found and block.kind == BlockKind.COPYRIGHT:
        # A rights field (IPTC dc:rights, a copyright element) is a notice whatever its wording.
        return [_field_notice(block)]
    return found


def _field_notice(block: Block) -> Attribution:
    raw = block.text
    start = len(raw) - len(raw.lstrip())
    text = raw.strip()
    years = [int(y) for y in ANY_YEAR.findall(text)]
    return Attribution(
        AttributionKind.COPYRIGHT,
        text,
        block.span(start, start + len(text)),
        (),
        year=max(years) if years else None,
        image=block.image,
    )
