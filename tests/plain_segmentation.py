"""The plain forms of segmentation's and words' tests that were rewritten for speed, to check them against.

Each function here is the code as it stood before the rewrite (session 21 of issue 14): every
pattern tried everywhere, nothing remembered. ``tests/test_segmentation_fast.py`` and
``bench/segmentation_check.py`` compare the rewritten functions with these.
"""

from __future__ import annotations

import re

from creditcheck.extract.context import Cut, CutKind
from creditcheck.extract.offsets import holds_any, inside, skip_space
from creditcheck.extract.patterns import (
    BAR_CUT,
    BARE_PREFIX,
    CAPTION_LABEL,
    CJK_RUN,
    COURTESY,
    DOTTED_INITIALS,
    LEAD_PREFIX,
    LETTER_ABBREVIATION,
    LIST_WORD,
    PREFIX,
    SENTENCE,
    UPPER_OR_DIGIT,
    VIA,
    WORD,
)
from creditcheck.extract.vocabulary import (
    ABBREVIATIONS,
    AGENCY_PHRASES,
    MAX_CUTS,
    NAME_WORDS,
    OTHER_CONTRIBUTORS,
    PARTICLES,
    PROSE,
    TITLE_WORDS,
)

GLUED_SENTENCE = re.compile(r"[.!?](?<=[a-z]{3}[.!?])(?=[A-Z][a-z])")
DASH_CUT = re.compile(r"(?=[\s—])(?:\s[-–—]{1,2}\s+|\s*[—]\s*(?=[A-Z©(]))")
COLON_CUT = re.compile(r"[:,]\s+|\s/\s+")
TOKEN_END = re.compile(r"([\w.’'-]+)$")
LIST_SEPARATOR = re.compile(r"\s*(?:/|\bv[ií]a\b|,|\||;|\s[-–—]\s|\band\b|\bfor\b)\s*")
NAME_PART = re.compile(r"(?:[A-Z]\.)+(?:[A-Z])?|[IVX]+|Jr\.?|Sr\.?")
LABEL_RUN = re.compile(
    r"([^\W\d_][\w'-]*(?:\s*(?:[/&+,]|\bund\b|\band\b)\s*[^\W\d_][\w'-]*){0,3})\s*(?:[:：]|\s+(?:by|von|par)\s)",
    re.I,
)
CONTRIBUTOR_JOINS = frozenset({"&", "and", "und", "et", "y", "for", "für", "pour", "by", "von", "de"})
PHOTO_WORDS = frozenset(
    {"foto", "fotos", "photo", "photos", "bild", "bilder", "image", "images", "picture", "pictures"}
)


def find_cuts(text: str, start: int, end: int, brackets: list[tuple[int, int]]) -> list[Cut]:
    cuts = sentence_cuts(text, start, end)
    cuts.extend(Cut(m.start(), m.end(), CutKind.COLON) for m in CAPTION_LABEL.finditer(text, start, end))
    if holds_any(text, "|•·", start, end):
        cuts.extend(Cut(m.start(), m.end(), CutKind.BAR) for m in BAR_CUT.finditer(text, start, end))
    if holds_any(text, "-–—", start, end):
        cuts.extend(Cut(m.start(), m.end(), CutKind.DASH) for m in DASH_CUT.finditer(text, start, end))
    for m in COLON_CUT.finditer(text, start, end):
        after = m.end()
        if PREFIX.match(text, after) or COURTESY.match(text, after):
            cuts.append(Cut(m.start() + (0 if text[m.start()].isspace() else 1), after, CutKind.COLON))
    for _open, close in brackets:
        nxt = skip_space(text, close + 1, end)
        if nxt < end:
            cuts.append(Cut(close + 1, nxt, CutKind.BRACKET))
    cuts.sort(key=lambda c: (c.start, c.end))
    opens = [o for o, _c in brackets]
    kept = [c for c in cuts if start < c.start < end and not inside(c.end - 1, brackets, opens)]
    return kept[-MAX_CUTS:]


def sentence_cuts(text: str, start: int, end: int) -> list[Cut]:
    cuts: list[Cut] = []
    for m in SENTENCE.finditer(text, start, end):
        nxt = skip_space(text, m.end(), end)
        if nxt >= end:
            continue
        ch = text[nxt]
        starts_sentence = ch.isupper() or ch.isdigit() or ch in '([©"“„—–-|@'
        if not (starts_sentence or (not ch.isascii() and not ch.islower())):
            continue
        kind = CutKind.SENTENCE if ends_sentence(text, m.start()) else CutKind.WEAK
        cuts.append(Cut(m.start() + 1, nxt, kind))
    for m in GLUED_SENTENCE.finditer(text, start, end):
        if ends_sentence(text, m.start()):
            cuts.append(Cut(m.start() + 1, m.end(), CutKind.SENTENCE))
    return cuts


def ends_sentence(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return True
    m = TOKEN_END.search(text, max(0, dot - 24), dot)
    token = m.group(1) if m else ""
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False
    if len(token) == 1 and token.isalpha() and LETTER_ABBREVIATION.match(text, dot + 1):
        return False
    if token.casefold() in ABBREVIATIONS:
        return False
    return not DOTTED_INITIALS.fullmatch(token)


def prefix_at(text: str, pos: int, bracket: bool) -> bool:
    pos = skip_space(text, pos, len(text))
    while pos < len(text) and text[pos] in '*_"“„-–—©':
        pos = skip_space(text, pos + 1, len(text))
    if PREFIX.match(text, pos) or COURTESY.match(text, pos) or LEAD_PREFIX.match(text, pos):
        return True
    return bracket and (BARE_PREFIX.match(text, pos) or VIA.match(text, pos)) is not None


def other_contributor_label(text: str, pos: int) -> bool:
    m = LABEL_RUN.match(text, pos)
    if m is None:
        return False
    words = [w for w in re.split(r"[\s/&+,]+", m.group(1).casefold()) if w and w not in CONTRIBUTOR_JOINS]
    return bool(words) and not PHOTO_WORDS.intersection(words) and all(w in OTHER_CONTRIBUTORS for w in words)


def prose_words(text: str, vocabulary: frozenset[str] = PROSE) -> list[str]:
    shouting = text.isupper()
    out: list[str] = []
    for found in WORD.findall(text):
        word = found
        if word.endswith("."):
            if len(word) == 2:
                continue
            word = word[:-1]
        folded = word.casefold()
        if folded not in vocabulary:
            continue
        if word.islower() or word.istitle() or shouting:
            out.append(folded)
    return out


def name_list_like(text: str, contributors: bool = True) -> bool:
    text = text.strip(" -–—|:,.;")
    if not text or len(text) > 120:
        return False
    words = LIST_WORD.findall(text)
    if not words or len(words) > 12:
        return False
    if prose_words(text):
        return False
    for piece in LIST_SEPARATOR.split(text):
        tokens = piece.split()
        if len(tokens) > 6 or len(piece) > 60 or CJK_RUN.search(piece):
            return False
        lower = [
            t
            for t in tokens
            if t[:1].islower() and not UPPER_OR_DIGIT.search(t) and t.casefold().rstrip(".") not in NAME_WORDS
        ]
        if not lower or len(tokens) == 1 or " ".join(tokens).casefold() in AGENCY_PHRASES:
            continue
        if contributors and len(lower) == len(tokens) <= 3:
            continue
        return False
    return True


def is_name_token(token: str) -> bool:
    if token.casefold() in PARTICLES or NAME_PART.fullmatch(token):
        return True
    first = token[0]
    return first.isupper() and all(c.isalpha() or c in "'’.-" for c in token)


def other_contributor(key: str) -> bool:
    words = [w for w in re.split(r"[\s/,:+]+", key) if w and w not in CONTRIBUTOR_JOINS]
    if not words or not any(w in OTHER_CONTRIBUTORS for w in words):
        return False
    return all(w in OTHER_CONTRIBUTORS or w in TITLE_WORDS for w in words)
