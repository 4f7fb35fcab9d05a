"""The gate before the reader for a web page's running text: what no path of the reader can take."""

from __future__ import annotations

from creditcheck import compilecache
from creditcheck.extract.offsets import editor_note
from creditcheck.extract.patterns import (
    BARE_PREFIX,
    COURTESY,
    COURTESY_CUES,
    LEAD_PREFIX,
    MARK_CUES,
    PREFIX,
    PREFIX_CUES,
    VIA,
    may_reserve,
)
from creditcheck.extract.prefilter import BARRIER
from creditcheck.extract.vocabulary import HANDOUT_WORDS, POOL_WORDS

# Running text (a paragraph, menu item, heading or date of a web page that no picture owns)
# yields an attribution only through one of these paths of the reader, so a text that offers
# none of them cannot yield one, and the reader is not run on it:
# - a notice or a credit a mark opens (``notices.find_notices``): MARK needs a mark, a
#   markless notice RESERVED (``may_reserve``);
# - a prefixed credit (``candidates._prefixed_candidates``, ``credits._peel``): PREFIX,
#   COURTESY, LEAD_PREFIX or MARK_LEAD matched at some place of the text (no match anywhere,
#   none there); BARE_PREFIX and VIA count only in a bracket;
# - a bracket (``candidates._bracket_candidate``): unprefixed, it must close the region
#   (``_trailing_brackets``) or be left open (``_unclosed_opener``); a region ends at the text's
#   end, a barrier, an editor's note (``offsets.editor_note``) or a notice;
# - an unprefixed last segment (``candidates.last_segment``), which ``credits.plausible_names``
#   takes in running text only for a handout or pool name, text SEPARATED, or a lone comma
#   credit (``credits.lone_comma_credit``: a "," among its six words, alone in the text or
#   after a sentence's end, and nothing after it but an editor's note);
# - ``candidates._shot_by`` needs a picture, ``_names_before_prefixed`` a credit element:
#   neither is running text.
# A change to any of these paths changes this gate: tests/test_extract_gate.py and
# bench/gate_check.py check that it refuses no text that yields.
# Words of the handout and pool names (their first words: a name is compared with its white
# space collapsed), and "handout" that ends a giver's name ("Family handout", ``names.make_name``).
HANDOUT_CUES = tuple(sorted({w.split()[0] for w in HANDOUT_WORDS | POOL_WORDS} | {"handout"}))
# A mark or a handout's word: the text is read. A prefix's word: the text is read when one of
# the prefixes matches somewhere ("Bildung" holds "bild", and is no prefix).
SURE_CUES = (*MARK_CUES, *HANDOUT_CUES)
LABEL_CUES = (*PREFIX_CUES, *COURTESY_CUES)
SPACED_HYPHEN = compilecache.compile(r"-(?<=\s-)(?=\s)")
VIA_ALONE = compilecache.compile(r"via(?<=\bvia)\b")
# Every match of BARE_PREFIX or VIA holds one of these, lower-cased.
BRACKET_PREFIX_CUES = ("photo", "foto", "picture", "screenshot", "via", "vía")
# The longest text whose prefixes' patterns are searched; a longer one holding a cue word is read.
LABELLED_SEARCH = 100
# Letters a case-insensitive pattern takes for an ASCII letter ("ı" for "i") that lower-casing
# leaves alone or makes two ("İ"): a text holding one is always read.
CASE_SPECIALS = frozenset("İı")
# What may stand between a trailing bracket and the text's end: what ``_trailing_brackets``
# allows after the bracket, and what ``segmentation.trim`` takes off the region's end.
AFTER_BRACKET = " \t.,;*_\"”’»'|/-–—•·:"
# What ``credits.lone_comma_credit`` strips off the text before a credit, and after it (after
# an editor's note, if one follows).
BEFORE_CREDIT = ' \t-–—*_"“('
AFTER_CREDIT = ' \t.)"”*_'


def running_may_yield(text: str) -> bool:
    """Whether a web page's running text (folded) may yield an attribution (False: it cannot)."""
    if not text.isascii() and not CASE_SPECIALS.isdisjoint(text):
        return True
    low = text.lower()
    for cue in SURE_CUES:
        if cue in low:
            return True
    if "/" in text or "|" in text or "–" in text or "—" in text:
        return True
    # SEPARATED's other two forms, "\s-\s" and "\bvia\b", written to open with their word.
    if "-" in text and SPACED_HYPHEN.search(text) is not None:
        return True
    if "via" in text and VIA_ALONE.search(text) is not None:
        return True
    if ("(" in text or "[" in text) and _bracket_may_close(text, low):
        return True
    if "," in text and _lone_comma_may_credit(text):
        return True
    if may_reserve(text):
        return True
    # Last, as the costliest test: the prefixes' patterns, asked only when a word of theirs is
    # there, and only of a short text: searching a long one costs more than the reader saved.
    for cue in LABEL_CUES:
        if cue in low:
            return len(text) > LABELLED_SEARCH or _labelled(text)
    return False


def _labelled(text: str) -> bool:
    """Whether a prefix that makes a credit stands anywhere in ``text``."""
    return (
        PREFIX.search(text) is not None
        or COURTESY.search(text) is not None
        or LEAD_PREFIX.search(text) is not None
    )


def _bracket_may_close(text: str, low: str) -> bool:
    """Whether a bracket may hold a credit: one closing the text, left open, or a bare prefix's."""
    if BARRIER in text:
        return True  # a barrier ends a region anywhere
    if text.rstrip(AFTER_BRACKET).endswith((")", "]")):
        return True
    if max(text.rfind("("), text.rfind("[")) > max(text.rfind(")"), text.rfind("]")):
        return True
    if editor_note(text, 0, len(text)) is not None:
        return True
    # In any bracket, "(photo AFP)", "(via Reuters)": the prefixes a bracket allows, each
    # holding one of these words (lower-cased).
    for cue in BRACKET_PREFIX_CUES:
        if cue in low:
            return BARE_PREFIX.search(text) is not None or VIA.search(text) is not None
    return False


def _lone_comma_may_credit(text: str) -> bool:
    """Whether a comma may stand in a lone comma credit.

    That is within six words of the text's start or of a sentence's end, and, unless an
    editor's note may follow the credit, within the text's last six words.
    """
    stripped = text.rstrip(AFTER_CREDIT)
    p = text.find(",")
    if editor_note(text, 0, len(text)) is None:
        head = stripped.rsplit(None, 6)
        p = stripped.find(",", len(head[0]) if len(head) == 7 else 0)
    while p >= 0:
        cut = max(text.rfind(".", 0, p), text.rfind("!", 0, p), text.rfind("?", 0, p))
        if len(text[cut + 1 : p].lstrip(BEFORE_CREDIT).split()) <= 6:
            return True
        p = text.find(",", p + 1)
    return False
