"""The gates before the reader for text blocks: what no path of the reader can take."""

from __future__ import annotations

from creditcheck import compilecache
from creditcheck.extract.offsets import editor_note, skip_space
from creditcheck.extract.patterns import (
    BARE_PREFIX,
    CAPTION_LABEL,
    COURTESY,
    COURTESY_CUES,
    LEAD_PREFIX,
    MARK_CUES,
    NOTE_WORD,
    PREFIX,
    PREFIX_CUES,
    RESERVED,
    USAGE_TAIL,
    VIA,
    may_reserve,
)
from creditcheck.extract.prefilter import BARRIER
from creditcheck.extract.vocabulary import HANDOUT_WORDS, MAX_CREDIT, MAX_SPACE_RUN, POOL_WORDS, PROSE

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


# A text block that is not a web page's running text and owns no picture (a paragraph of a
# Markdown or text article) yields an attribution only through the paths above, but an
# unprefixed last segment needs no separator there: ``credits.plausible_names`` takes a lone
# known source. What every such segment needs is ``credits.plausible_text``: unprefixed, not
# one of its words reads as prose (``words.prose_words``). The last segment starts at a cut
# (``segmentation.find_cuts``) or the region's start, so every one of them holds the words
# after the last place a cut can follow; a prose word among them refuses every last segment.
# ``text_may_yield`` asks that first, then lets through every text where another path, or
# a step that moves a candidate's ends, may be taken (each named where it is tested).
# What a cut follows (``find_cuts``): a sentence's end (``SENTENCE_OR_GLUED``), a bar
# (``BAR_CUT``), a dash (``DASH_CUT``; "-" only with a white space after it), a bracket's close
# (its ``BRACKET`` cut). A cut after a credit label (``CAPTION_LABEL``, ``COLON_CUT``) needs a
# prefix's word, tested on its own. Each cut's start is the first character after these, its
# closers and spaces, and lies before the region's last character.
CUT_CHARS = ".!?…|•·–—)]"
# The last of them with a character after it, or a "-" with a white space after it.
LAST_CUT = compilecache.compile(r"(?s:.*)(?:[.!?…|•·–—)\]](?s:(?=.))|-(?=\s))")
# A word of PROSE written in lower case or with a capital first (``prose_words`` counts it
# then, whatever the text's case) that starts after a white space or at the text's start:
# ``patterns.WORD`` takes it whole, and strips the one period it may take after it, unless
# what is left is a single letter ("a." is an initial).
PROSE_WORD = compilecache.compile(
    r"(?<!\S)(?:"
    + "|".join(
        variant + (r"(?![\w'’.-])" if len(word) == 1 else r"(?![\w'’-])")
        for word in sorted(PROSE, key=lambda w: (-len(w), w))
        for variant in sorted({word, word[:1].upper() + word[1:]})
        if (variant.islower() or variant.istitle()) and variant.casefold() == word
    )
    + ")"
)
# What ``segmentation.trim`` takes off a region's end; with what ``offsets.rstrip_at`` and the
# stray brackets' loop of ``credits._credit_end`` take off a credit's end: no word ending
# before what is left of the text loses a character to them.
TRIM_END = " \t*_\"”’'|/-–—•·:;,"
CREDIT_END = TRIM_END + "\r\n.»)]"
# What ``credits._credit_end`` keeps of a credit no longer than this: ``credits._peel`` cuts a
# longer candidate short, where its end is no longer the text's.
UNCUT = MAX_CREDIT + 200
# What the last literal of a ``TAIL_TAG`` match ends with, lower-cased ("… , File", "+++ x +++",
# "TPX IMAGES OF THE DAY"): a text ending otherwise holds none at its end.
TAG_ENDS = ("file", "files", "photo", "archive", "tpx", "+")
# Every match of ``USAGE_TAIL`` holds one of these, lower-cased.
# What a place the reader asks for a prefix follows (see ``_prefix_may_stand``): a sentence's
# end and its closers, a bar, a dash, a slash, a bracket, a comma or colon, what ``trim`` takes
# off a region's start, and what ``prefix_at`` and ``credits._peel`` step over.
PREFIX_AFTER = compilecache.compile(r"[.!?…”’»)\]|•·:,(\[;/\-–—*_\"“„'>©]")
# How far into a match of PREFIX or COURTESY its first word of LABEL_CUES may stand: LABEL_LEAD
# ("bottom : "), a lead word ("featured "), "texte und " before "photo", with white space runs
# of at most MAX_SPACE_RUN (a longer one is a barrier). tests/test_extract_text_gate.py checks it.
PREFIX_REACH = 90
# The words of LABEL_CUES that LEAD_PREFIX's "photo", "photograph", "picture" start with.
LEAD_CUES = ("photo", "pic")
USAGE_CUES = ("honorarfrei", "royalty", "editorial", "verwendung", "nur")


def text_may_yield(text: str) -> bool:
    """Whether a text block (folded) that is no running text and owns no picture may yield.

    False: it cannot (``credits.plausible_text`` refuses its every last segment, and no other
    path of the reader is open to it).
    """
    end = len(text.rstrip(CREDIT_END))
    if not _tail_holds_prose(text, end):
        return True
    if len(text) > UNCUT or BARRIER in text:
        return True
    if not text.isascii() and not CASE_SPECIALS.isdisjoint(text):
        return True
    low = text.lower()
    for cue in SURE_CUES:  # a notice's mark; a handout's name is taken with no evidence
        if cue in low:
            return True
    if ("(" in text or "[" in text) and _bracket_may_close(text, low):
        return True
    return _ends_may_move(text, low, end) or _labels_or_reserves(text, low)


def _ends_may_move(text: str, low: str, end: int) -> bool:
    """Whether a step of the reader may end a region or a credit before ``end``."""
    if end < len(text) and (")" in text[end:] or "]" in text[end:]):
        return True  # a bracket at the end: a trailing bracket, a wrapper, a stray close
    # An editor's note cuts a region or a credit short; every note holds one of these words,
    # or ends a text whose last character is a capital letter or a digit (``editor_note``,
    # asked of the region, the whole text, and of a credit, which ``trim`` leaves).
    if NOTE_WORD.search(text) is not None:
        return True
    for tail in (text.rstrip(), text.rstrip(TRIM_END).rstrip()):
        last = tail[-1:]
        if last.isdecimal() or "A" <= last <= "Z":
            return True
    if low[:end].endswith(TAG_ENDS) or (low[:end].endswith("day") and "tpx" in low):
        return True  # a tail tag cuts the credit's core short
    for cue in USAGE_CUES:
        if cue in low:
            return USAGE_TAIL.search(text) is not None
    return False


def _labels_or_reserves(text: str, low: str) -> bool:
    """Whether a markless notice, a prefixed credit or a credit label's cut may stand in ``text``."""
    if may_reserve(text) and RESERVED.search(text) is not None:
        return True
    for cue in LABEL_CUES:
        if cue in low:
            # A cut after a credit label starts where no other cut does, at the label itself.
            return CAPTION_LABEL.search(text) is not None or _prefix_may_stand(text, low)
    return False


def _prefix_may_stand(text: str, low: str) -> bool:
    """Whether a prefix may match where the reader asks for one, near a word of a prefix's.

    The reader asks at a region's start, a cut's start, inside a bracket, after a comma or
    colon (``COLON_CUT``) and after a candidate's wrappers (``credits._peel``), each moved on
    over spaces and marks (``segmentation.prefix_at``): every such place follows one of
    PREFIX_AFTER, or spaces after one, or the text's start. A match of PREFIX or COURTESY holds
    a word of LABEL_CUES no further than PREFIX_REACH from its start; LEAD_PREFIX's match opens
    with the capitalised word right before its "photo" or "pic".
    """
    for cue in LABEL_CUES:
        p = low.find(cue)
        while p >= 0:
            if _prefix_before(text, p) or (cue in LEAD_CUES and _lead_prefix_before(text, p)):
                return True
            p = low.find(cue, p + 1)
    return False


def _prefix_before(text: str, p: int) -> bool:
    """Whether PREFIX or COURTESY matches at a place the reader asks, at most PREFIX_REACH before ``p``."""
    lo = max(0, p - PREFIX_REACH)
    places = {skip_space(text, 0, p + 1)}
    for m in PREFIX_AFTER.finditer(text, max(0, lo - MAX_SPACE_RUN - 1), p):
        places.add(m.end())
        places.add(skip_space(text, m.end(), p + 1))
    for y in places:
        if lo <= y <= p and (PREFIX.match(text, y) is not None or COURTESY.match(text, y) is not None):
            return True
    return False


def _lead_prefix_before(text: str, p: int) -> bool:
    """Whether LEAD_PREFIX matches with its "photo" or "pic" at ``p``."""
    j = p
    while j > 0 and text[j - 1].isspace():
        j -= 1
    k = j
    while k > 0 and "a" <= text[k - 1] <= "z":
        k -= 1
    return k < j < p and k > 0 and LEAD_PREFIX.match(text, k - 1) is not None


def _tail_holds_prose(text: str, end: int) -> bool:
    """Whether a word after the last place a cut may follow, ending by ``end``, reads as prose.

    Such a word is one of ``words.prose_words``'s in every last segment (it counts whatever
    the segment's case): it starts after a white space, so no word of the segment runs into
    it, and ends by ``end``, so none of its characters is cut off.
    """
    return PROSE_WORD.search(text, last_cut_place(text) + 1, end) is not None


def last_cut_place(text: str) -> int:
    """The last place a cut of ``find_cuts`` may follow (-1: none).

    Every cut starts at or before the first letter after it.
    """
    # A cut's start lies before the region's last character.
    m = LAST_CUT.match(text, 0, len(text.rstrip(TRIM_END)))
    return -1 if m is None else m.end() - 1
