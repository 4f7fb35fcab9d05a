"""Segmentation: where a line breaks into sentences, bars, dashes and brackets, and where prefixes stand."""

from __future__ import annotations

import bisect
from operator import itemgetter

from creditcheck.extract.context import NAME_JOINS, PIECE_ENDS, Cut, CutKind
from creditcheck.extract.offsets import holds_any, inside, skip_space
from creditcheck.extract.patterns import (
    BAR_CUT,
    BARE_PREFIX,
    CAPTION_LABEL,
    COLON_CUT,
    COURTESY,
    DASH_CUT,
    DOTTED_INITIALS,
    LAST_TOKEN,
    LEAD_PREFIX,
    LETTER_ABBREVIATION,
    PREFIX,
    SENTENCE_OR_GLUED,
    VIA,
)
from creditcheck.extract.vocabulary import ABBREVIATIONS, MAX_CUTS, vocab
from creditcheck.extract.words import name_list_like

# Read once: on Python 3.11 reading an enum member from its class costs several times a global.
_SENTENCE, _WEAK, _BAR, _DASH = CutKind.SENTENCE, CutKind.WEAK, CutKind.BAR, CutKind.DASH
_COLON, _BRACKET = CutKind.COLON, CutKind.BRACKET
# Cuts in order of their start, then their end.
_CUT_ORDER = itemgetter(1, 0)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a region past separators and spaces at either end (``gate.AFTER_BRACKET`` holds the end's)."""
    while start < end and text[start] in " \t*_>\"“„'|/-–—•·:;,":
        start += 1
    while end > start and text[end - 1] in " \t*_\"”’'|/-–—•·:;,":
        end -= 1
    return start, end


def find_cuts(text: str, start: int, end: int, brackets: list[tuple[int, int]]) -> list[Cut]:
    """The boundaries between the segments of text[start:end], outside brackets, in order.

    A credit label after a word ("… Masken Foto: Adobe Stock") starts a segment too.
    """
    cuts = _sentence_cuts(text, start, end)
    # Bounds rather than a slice: these patterns look neither behind the start nor past the end.
    # Each pattern is run only where text[start:end] holds what every match of it holds.
    if holds_any(text, ":：", start, end) or holds_any_word(text, _LABEL_WORDS, start, end):
        for m in CAPTION_LABEL.finditer(text, start, end):
            cuts.append(Cut(m.start(), m.end(), _COLON))
    if holds_any(text, "|•·", start, end):
        for m in BAR_CUT.finditer(text, start, end):
            cuts.append(Cut(m.start(), m.end(), _BAR))
    if holds_any(text, "-–—", start, end):
        for m in DASH_CUT.finditer(text, start, end):
            cuts.append(Cut(m.start(), m.end(), _DASH))
    for sep, after in colon_cuts(text, start, end):
        if may_open_prefix(text, after) and (PREFIX.match(text, after) or COURTESY.match(text, after)):
            # "… , Photo: Jane Doe", "NAME / 22.04.2020 / Foto: NAME": a credit after a label.
            cuts.append(Cut(sep + (0 if text[sep].isspace() else 1), after, _COLON))
    for _open, close in brackets:
        nxt = skip_space(text, close + 1, end)
        if nxt < end:
            cuts.append(Cut(close + 1, nxt, _BRACKET))
    cuts.sort(key=_CUT_ORDER)
    if brackets:
        opens = [o for o, _c in brackets]
        kept = [c for c in cuts if start < c.start < end and not inside(c.end - 1, brackets, opens)]
    else:
        kept = [c for c in cuts if start < c.start < end]
    return kept[-MAX_CUTS:]  # a runaway block: credits sit at its end


# What CAPTION_LABEL's match holds but for a colon: "FOTO" or "PHOTO" before a capital.
_LABEL_WORDS = ("FOTO", "PHOTO")


def holds_any_word(text: str, words: tuple[str, ...], start: int, end: int) -> bool:
    """Whether text[start:end] holds one of ``words``, without slicing it."""
    for word in words:  # noqa: SIM110 (a generator per call costs as much as the search)
        if text.find(word, start, end) != -1:
            return True
    return False


def colon_cuts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the plain form of COLON_CUT in text[start:end], as ``finditer`` finds them.

    A slash's match takes the white space before it, unless an earlier match took that.
    """
    spans: list[tuple[int, int]] = []
    taken = start
    for m in COLON_CUT.finditer(text, start, end):
        sep = m.start()
        if text[sep] == "/":
            sep -= 1
            if sep < taken:
                continue
        taken = m.end()
        spans.append((sep, taken))
    return spans


def _sentence_cuts(text: str, start: int, end: int) -> list[Cut]:
    """Sentence ends (and periods that may be one) followed by what can open a segment."""
    cuts: list[Cut] = []
    for m in SENTENCE_OR_GLUED.finditer(text, start, end):
        dot, after = m.start(), m.end()
        if not text[after].isspace():
            # "…on Monday.Jane Doe/Bloomberg": a caption and a credit element with no space between.
            if ends_sentence(text, dot):
                cuts.append(Cut(dot + 1, after, _SENTENCE))
            continue
        nxt = skip_space(text, after, end)
        if nxt >= end:
            continue
        ch = text[nxt]
        starts_sentence = ch.isupper() or ch.isdigit() or ch in '([©"“„—–-|@'
        if not (starts_sentence or (not ch.isascii() and not ch.islower())):
            continue
        kind = _SENTENCE if ends_sentence(text, dot) else _WEAK
        cuts.append(Cut(dot + 1, nxt, kind))
    return cuts


def ends_sentence(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends a sentence (not "J. Scott", "U.S.", "Inc.", "e. V.")."""
    if text[dot] != ".":
        return True
    # The token before the period, within 24 characters; a line's end right before the period
    # is skipped, as "$" would (the token then ends at the line's end).
    lo = max(0, dot - 24)
    stop = dot - 1 if dot > lo and text[dot - 1] == "\n" else dot
    m = LAST_TOKEN.match(text, lo, stop)
    token = m.group(1) if m else ""
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False
    if len(token) == 1 and token.isalpha() and LETTER_ABBREVIATION.match(text, dot + 1):
        return False  # "e. V.", "u. a.", "z. B.": an abbreviation of single letters
    if token.casefold() in ABBREVIATIONS:
        return False
    return "." not in token or not DOTTED_INITIALS.fullmatch(token)


def segment_end(start: int, end: int, cuts: list[Cut], kinds: frozenset[CutKind]) -> int:
    i = bisect.bisect_right(cuts, start, key=lambda c: c.start)
    for c in cuts[i:]:
        if c.kind in kinds and c.end > start:
            return c.end
    return end


# The first three characters, lower-cased, of every match of PREFIX or COURTESY that opens with
# three ASCII characters; those of BARE_PREFIX and VIA. Where a text holds none of them, the
# patterns need not be tried: most places asked open with a name. tests/test_segmentation_fast.py
# derives the sets from the patterns themselves.
PREFIX_STARTS = vocab(
    """abo ani arc auf bei bel bil bot ced cen cor cou cov cre fea fon fot fue gra hea her ill ima ins
    lea lef lin mai man mon obe pho pic pre pro que rec rig scr sou sub sup sym tea tex tit top unt
    vid vor wor"""
)
BARE_STARTS = vocab("fot pho pic scr via")


def may_open_prefix(text: str, pos: int) -> bool:
    """Whether PREFIX or COURTESY may match at ``pos``: False only where neither can."""
    head = text[pos : pos + 3]
    return head.lower() in PREFIX_STARTS or not head.isascii()


def prefix_at(text: str, pos: int, bracket: bool) -> bool:
    pos = skip_space(text, pos, len(text))
    while pos < len(text) and text[pos] in '*_"“„-–—©':
        pos = skip_space(text, pos + 1, len(text))
    head = text[pos : pos + 3]
    if not head.isascii():
        return _prefix_matches(text, pos, bracket)
    low = head.lower()
    if low in PREFIX_STARTS and (PREFIX.match(text, pos) or COURTESY.match(text, pos)):
        return True
    # LEAD_PREFIX opens with a capital ASCII letter, then a small one.
    if "A" <= head[:1] <= "Z" and LEAD_PREFIX.match(text, pos):
        return True
    if not bracket or low not in BARE_STARTS:
        return False
    return (BARE_PREFIX.match(text, pos) or VIA.match(text, pos)) is not None


def _prefix_matches(text: str, pos: int, bracket: bool) -> bool:
    """``prefix_at``'s patterns at ``pos``, each tried."""
    if PREFIX.match(text, pos) or COURTESY.match(text, pos) or LEAD_PREFIX.match(text, pos):
        return True
    return bracket and (BARE_PREFIX.match(text, pos) or VIA.match(text, pos)) is not None


def extend_forward(text: str, start: int, end: int, limit: int, cuts: list[Cut]) -> int:
    """Carry a credit over " | " and " - " while what follows is only more names."""
    for _step in range(8):
        i = bisect.bisect_left(cuts, end, key=lambda c: c.start)
        c = cuts[i] if i < len(cuts) else None
        if c is None or c.end != end or c.kind not in NAME_JOINS:
            break
        nxt_end = segment_end(c.start, limit, cuts, PIECE_ENDS)
        piece = text[c.start : nxt_end]
        if prefix_at(text, c.start, bracket=False) or piece.lstrip().startswith("©"):
            break
        if not name_list_like(piece):
            break
        end = nxt_end
    return end
