"""Before the reader: text folded to one alphabet, and the cheap tests that skip blocks holding no cue."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from creditcheck import compilecache
from creditcheck.extract.vocabulary import MAX_SPACE_RUN

# --- folding -------------------------------------------------------------------------------------

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    if ch in "ⓒⒸ":
        return "©"
    if ch in ZERO_WIDTH:
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


# Only the runs of non-ASCII characters are folded: ASCII folds to itself, and a regex scan
# finds the runs far faster than a generator looks at every character (half the cost on pages).
NON_ASCII = compilecache.compile(r"[^\x00-\x7f]+")


def _fold_run(m: re.Match[str]) -> str:
    return "".join(map(fold_char, m.group()))


# An HTML or XML tag: a name, then attributes written name="value"; "<Copyright ⓒ …>" is none.
TAG = compilecache.compile(
    r"</?[A-Za-z][\w.:-]{0,40}"
    r"(?:\s+[\w.:-]{1,40}(?:\s*=\s*(?:\"[^\"<>]{0,300}\"|'[^'<>]{0,300}'|[^\s<>\"']{1,300}))?){0,30}"
    r"\s*/?>"
)
LONG_SPACE = compilecache.compile(rf"\s{{{MAX_SPACE_RUN + 1},}}")
BARRIER = "\0"


def fold(text: str) -> str:
    """``text`` with compatibility characters folded, one character for one character.

    Markup tags left in the text (inline HTML in Markdown, a wire file read as text) become
    spaces. A run of whitespace longer than a layout gap becomes a barrier (NUL characters
    between two spaces): nothing is read across it, and no regex ever scans a long run of spaces.
    """
    if not text.isascii():
        text = NON_ASCII.sub(_fold_run, text)
        text = text.replace("Â©", " ©")
    if "<" in text:
        text = TAG.sub(lambda m: " " * len(m.group(0)), text)
    # A long run holds two spaces in a row or a white space other than " ", which is never
    # printable; most paragraphs have neither, and these two C calls are far cheaper than a scan.
    if ("  " in text or not text.isprintable()) and LONG_SPACE.search(text):
        text = LONG_SPACE.sub(lambda m: " " + BARRIER * (len(m.group(0)) - 2) + " ", text)
    return text


# --- cheap prefilter: a text block with none of these cannot hold an attribution ---------------

SHORT_LINE = 60  # a line this short may be a bare credit ("KYODO"); always look at it
# In a long paragraph a credit can only be: a notice, a prefixed credit, a bracket closing the
# paragraph, or a last segment written with "/" or "via". Prose is most of every article, so
# paragraphs with none of those are skipped before the full reader runs.
LONG_LINE = 200
ENDS_BRACKET = compilecache.compile(r"[)\]][\s.,;:*_\"”’»]*$")
# Cue tests are substring checks on the lower-cased text, not one regex of alternatives:
# Python's regex engine tries every alternative at every position, which made these two the
# most expensive lines of a run (over 100 µs for an ordinary paragraph).
CUE_WORDS = (
    "©",
    "/",
    "|",
    "(",
    "[",
    "copyright",
    "rights",
    "photo",
    "credit",
    "foto",
    "image",
    "picture",
    "bild",
    "courtesy",
    "getty",
    "reuters",
    "afp",
    "press",
    "agency",
    "shutterstock",
    "istock",
    "kyodo",
    "yonhap",
    "xinhua",
    "dpa",
    "epa",
    "bloomberg",
    "tns",
    "handout",
    "pool",
    "摄",
)
# Whether the text holds "\b(?:ap|pa|str|via)\b" (only that is asked, not where). A pattern that
# opens with "\b" is tried at every position; one that opens with a word and checks the "\b"
# behind it lets the regex engine search for the word itself, the fastest search it has. One
# pattern a word: a pattern of alternatives opens with no single word.
CUE_SHORT = tuple(compilecache.compile(rf"{w}(?<=\b{w})\b") for w in ("ap", "pa", "str", "via"))
LONG_CUE_WORDS = (
    "©",
    "copyright",
    "photo",
    "credit",
    "foto",
    "image",
    "picture",
    "bild",
    "courtesy",
    "illustration",
    "graphic",
    "|",
)
# Cue words holding a character prose seldom has, looked for first: a one-character search
# (memchr) costs a tenth of a word's, and most paragraphs hold none of these characters.
LONG_CUE_RARE = (("(", "(c)"), ("q", "quelle"), ("+", "+++"))
# "rights\s+reserved|source\s*:|\bvia\b", one pattern each, for the same reason as CUE_SHORT,
# each after a string its every match holds ("source" after its colon, which prose seldom has).
LONG_CUE_SHORT = (
    ("rights", compilecache.compile(r"rights\s+reserved")),
    (":", compilecache.compile(r"source\s*:")),
    ("via", compilecache.compile(r"via(?<=\bvia)\b")),
)


# Plain loops rather than any() over a generator: most paragraphs hold no cue, so every word is
# tried, and a generator's per-item cost was as large as the substring tests themselves.
def has_cue(low: str) -> bool:
    for c in CUE_WORDS:
        if c in low:
            return True
    for word in CUE_SHORT:  # noqa: SIM110 (see has_cue)
        if word.search(low) is not None:
            return True
    return False


def has_long_cue(low: str) -> bool:
    for c in LONG_CUE_WORDS:
        if c in low:
            return True
    for rare, c in LONG_CUE_RARE:
        if rare in low and c in low:
            return True
    # Each pattern's matches hold its string; almost no paragraph does, which spares the scan.
    for held, pattern in LONG_CUE_SHORT:  # noqa: SIM110 (see has_cue)
        if held in low and pattern.search(low) is not None:
            return True
    return False


PROMO_WORDS = (
    "subscribe",
    "sign up",
    "newsletter",
    "join our",
    "follow us",
    "download",
    "click here",
    "read more",
    "advertisement",
    "sponsored",
)
PROMO = compilecache.compile(
    r"\b(?:subscribe|sign up|newsletter|join our|follow us|download (?:our|the) app|click here|"
    r"read more|advertisement|sponsored)\b",
    re.I,
)


def may_hold_attribution(text: str) -> bool:
    """Whether a line of running text (folded) may hold a credit or a notice; most cannot."""
    low = text.lower()
    # Each of the two tests only refuses, so their order changes no answer. A long paragraph is
    # asked the long one first: it refuses most prose, and is cheaper than the cue words.
    if (
        len(text) > LONG_LINE
        and not ENDS_BRACKET.search(text[-40:])
        and "/" not in text[-120:]
        and not has_long_cue(low)
    ):
        return False
    if len(text) > SHORT_LINE and not has_cue(low):
        return False
    promotional = any(w in low for w in PROMO_WORDS) and PROMO.search(text) is not None
    return not (promotional and "©" not in text and "opyright" not in low)
