"""Segmentation: where a line breaks into sentences, bars, dashes and brackets, and where prefixes stand."""

from __future__ import annotations

import bisect

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
    GLUED_SENTENCE,
    LEAD_PREFIX,
    LETTER_ABBREVIATION,
    PREFIX,
    SENTENCE,
    TOKEN_END,
    VIA,
)
from creditcheck.extract.vocabulary import ABBREVIATIONS, MAX_CUTS
from creditcheck.extract.words import name_list_like

# Read once: on Python 3.11 reading an enum member from its class costs several times a global.
_SENTENCE, _WEAK = CutKind.SENTENCE, CutKind.WEAK


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
    cuts.extend(Cut(m.start(), m.end(), CutKind.COLON) for m in CAPTION_LABEL.finditer(text, start, end))
    # Bounds rather than a slice: these patterns look neither behind the start nor past the end.
    if holds_any(text, "|•·", start, end):
        cuts.extend(Cut(m.start(), m.end(), CutKind.BAR) for m in BAR_CUT.finditer(text, start, end))
    if holds_any(text, "-–—", start, end):
        cuts.extend(Cut(m.start(), m.end(), CutKind.DASH) for m in DASH_CUT.finditer(text, start, end))
    for m in COLON_CUT.finditer(text, start, end):
        after = m.end()
        if PREFIX.match(text, after) or COURTESY.match(text, after):
            # "… , Photo: Jane Doe", "NAME / 22.04.2020 / Foto: NAME": a credit after a label.
            cuts.append(Cut(m.start() + (0 if text[m.start()].isspace() else 1), after, CutKind.COLON))
    for _open, close in brackets:
        nxt = skip_space(text, close + 1, end)
        if nxt < end:
            cuts.append(Cut(close + 1, nxt, CutKind.BRACKET))
    cuts.sort(key=lambda c: (c.start, c.end))
    opens = [o for o, _c in brackets]
    kept = [c for c in cuts if start < c.start < end and not inside(c.end - 1, brackets, opens)]
    return kept[-MAX_CUTS:]  # a runaway block: credits sit at its end


def _sentence_cuts(text: str, start: int, end: int) -> list[Cut]:
    """Sentence ends (and periods that may be one) followed by what can open a segment."""
    cuts: list[Cut] = []
    for m in SENTENCE.finditer(text, start, end):
        nxt = skip_space(text, m.end(), end)
        if nxt >= end:
            continue
        ch = text[nxt]
        starts_sentence = ch.isupper() or ch.isdigit() or ch in '([©"“„—–-|@'
        if not (starts_sentence or (not ch.isascii() and not ch.islower())):
            continue
        kind = _SENTENCE if ends_sentence(text, m.start()) else _WEAK
        cuts.append(Cut(m.start() + 1, nxt, kind))
    for m in GLUED_SENTENCE.finditer(text, start, end):
        # "…on Monday.Jane Doe/Bloomberg": a caption and a credit element with no space between.
        if ends_sentence(text, m.start()):
            cuts.append(Cut(m.start() + 1, m.end(), CutKind.SENTENCE))
    return cuts


def ends_sentence(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends a sentence (not "J. Scott", "U.S.", "Inc.", "e. V.")."""
    if text[dot] != ".":
        return True
    m = TOKEN_END.search(text, max(0, dot - 24), dot)
    token = m.group(1) if m else ""
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False
    if len(token) == 1 and token.isalpha() and LETTER_ABBREVIATION.match(text, dot + 1):
        return False  # "e. V.", "u. a.", "z. B.": an abbreviation of single letters
    if token.casefold() in ABBREVIATIONS:
        return False
    return not DOTTED_INITIALS.fullmatch(token)


def segment_end(start: int, end: int, cuts: list[Cut], kinds: frozenset[CutKind]) -> int:
    i = bisect.bisect_right(cuts, start, key=lambda c: c.start)
    for c in cuts[i:]:
        if c.kind in kinds and c.end > start:
            return c.end
    return end


def prefix_at(text: str, pos: int, bracket: bool) -> bool:
    pos = skip_space(text, pos, len(text))
    while pos < len(text) and text[pos] in '*_"“„-–—©':
        pos = skip_space(text, pos + 1, len(text))
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
