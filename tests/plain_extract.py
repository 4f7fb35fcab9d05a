"""The plain forms of extraction's tests that were rewritten for speed, kept to check them against.

``tests/test_extract_guards.py`` compares each rewritten test with its plain form by hypothesis,
and ``bench/guard_check.py`` over real text.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from creditcheck.extract import prefilter
from creditcheck.extract.context import Candidate
from creditcheck.extract.patterns import (
    BARE_PREFIX,
    BYLINE,
    GENERIC_LABEL,
    LEAD_PREFIX,
    MARK_LEAD,
    NOTE_WORDS,
    PREFIX,
    VIA,
)

# prefilter.has_long_cue as it was: every cue word searched for, then the three short cues.
# The same words as the fast form's (its cue words and the ones it looks for after a rare
# character), each searched for plainly.
PLAIN_LONG_CUE_WORDS = (*prefilter.LONG_CUE_WORDS, *(word for _rare, word in prefilter.LONG_CUE_RARE))
PLAIN_LONG_CUE_SHORT = re.compile(r"rights\s+reserved|source\s*:|\bvia\b")


# patterns.TRANSLATION as it was written first.
PLAIN_TRANSLATION = re.compile(r"(?i)\b(?:übersetz\w*|translat(?:ed|ion|or)\w*|traduc\w*|traduit\w*)\b")


def plain_prefix_match(text: str, start: int, cand: Candidate, prefixed: bool) -> re.Match[str] | None:
    """credits._prefix_match as it was: every pattern tried at ``start``."""
    m = MARK_LEAD.match(text, start) or PREFIX.match(text, start) or LEAD_PREFIX.match(text, start)
    if m is None and (cand.bracket or cand.trusted):
        m = BARE_PREFIX.match(text, start) or VIA.match(text, start)
    if m is None and cand.trusted and prefixed:
        m = BYLINE.match(text, start) or GENERIC_LABEL.match(text, start)
    return m


def plain_holds_note_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds one of the editor's note words, each searched for."""
    return any(text.find(word, start, end) != -1 for word in NOTE_WORDS)


def plain_has_long_cue(low: str) -> bool:
    return any(c in low for c in PLAIN_LONG_CUE_WORDS) or PLAIN_LONG_CUE_SHORT.search(low) is not None


# --- the characters a pattern's match can start with -----------------------------------------

_ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def first_chars(pattern: re.Pattern[str]) -> frozenset[str]:
    """Every character a match of ``pattern`` can start with (a match's first character).

    Read from the parsed pattern: the first character-consuming items of each branch (items that
    may match nothing, lookarounds and anchors looked past), each asked of every character of
    Unicode with the flags in force where it stands. A pattern that can match nothing, or whose
    start this does not follow (a back reference), raises ValueError.
    """
    # re's parser and compiler are private modules, untyped: read through Any.
    c: Any = importlib.import_module("re._constants")
    parser: Any = importlib.import_module("re._parser")
    compiler: Any = importlib.import_module("re._compiler")

    parsed = parser.parse(pattern.pattern, pattern.flags)
    atoms: list[tuple[Any, int]] = []

    def walk(items: Any, flags: int) -> bool:
        """Collect the first atoms of a sequence; whether it can match nothing."""
        for op, av in items:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero width
            if op is c.SUBPATTERN:
                _group, add, remove, sub = av
                nullable = walk(sub, (flags | add) & ~remove)
            elif op is c.ATOMIC_GROUP:
                nullable = walk(av, flags)
            elif op is c.BRANCH:
                nullable = any([walk(alt, flags) for alt in av[1]])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                low, _high, item = av
                nullable = walk(item, flags) or low == 0
            elif op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY):
                atoms.append(((op, av), flags))
                nullable = False
            else:
                raise ValueError(f"first_chars cannot follow {op}")
            if not nullable:
                return False
        return True

    if walk(parsed, parsed.state.flags):
        raise ValueError("the pattern can match nothing")
    found: set[str] = set()
    for atom, flags in atoms:
        one = parser.SubPattern(parser.State(), [atom])
        one.state.flags = flags
        compiled = compiler.compile(one, flags)
        found.update(m.group() for m in compiled.finditer(_ALL_CHARS))
    return frozenset(found)
