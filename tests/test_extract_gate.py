"""The gate before the reader for a web page's running text refuses no text the reader would take."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from creditcheck.extract import extract_block, gate, patterns
from creditcheck.extract.block import BlockExtractor
from creditcheck.extract.context import BlockText
from creditcheck.extract.prefilter import fold, fold_char
from creditcheck.extract.vocabulary import HANDOUT_WORDS, POOL_WORDS
from creditcheck.model import Block, BlockKind
from creditcheck.resolve import Resolver
from tests.helpers import shipped_rules

PROPERTY = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RULES = shipped_rules()
RESOLVER = Resolver(RULES)
SOURCES = RULES.picture_sources()

# The extractor's vocabulary: cue words and prefixes, marks, brackets, separators, the bundled
# rules' source names, handout and pool words, editors' notes, dates and prose.
_ALIASES = sorted({alias for rule in RULES for alias in (rule.name, *rule.aliases)})
_VOCABULARY = [
    *_ALIASES,
    *patterns.PREFIX_CUES,
    *patterns.COURTESY_CUES,
    *patterns.MARK_CUES,
    "Photo: ",
    "photo by ",
    "Foto ",
    "FOTO ",
    "Credit: ",
    "Crédito: ",
    "Bildquelle: ",
    "Courtesy of ",
    "Staff photo by ",
    "Image via ",
    "(photo ",
    "(via ",
    "vía ",
    "Source: ",
    "©",
    "Â©",
    "(c)",
    "(C) ",
    "Copyright ",
    "All rights reserved",
    "Tous droits réservés",
    "(",
    ")",
    "[",
    "]",
    "/",
    " / ",
    " | ",
    "|",
    " - ",
    "-",
    " – ",
    "—",
    " via ",
    ", ",
    ",",
    " and ",
    " for ",
    ". ",
    "! ",
    "? ",
    ": ",
    "Jane Doe",
    "J. Doe",
    "Kyodo",
    "Handout",
    "handout",
    "POOL",
    "pool photo",
    "Fuente externa",
    "Cortesía",
    "代表撮影",
    "新华社记者 李明 摄",
    "ATTENTION EDITORS",
    "MANDATORY CREDIT",
    ", May 20, 2012",
    " - ABC1234",
    "+++ Tags +++",
    " File",
    "12.12.2022",
    "2020",
    "January 14, 2020",
    "said",
    "the",
    "on Monday",
    "Enjeux internationaux",
    "Save Disk Space",
    "ı",
    "İ",
    "\u00a0",
    "          ",
    "\n",
]
_texts = st.lists(st.one_of(st.sampled_from(_VOCABULARY), st.text(max_size=4)), min_size=1, max_size=14).map(
    "".join
)


def _read_running(text: str) -> list[object]:
    """The full reader on ``text`` as a web page's running text, no prefilter before it."""
    block = Block(text, 1, 1, BlockKind.TEXT, None)
    return list(BlockExtractor(BlockText(block, fold(text), RESOLVER, SOURCES, True)).run())


@PROPERTY
@given(_texts)
@example("Jane Doe/AFP")
@example("Al Goldis, Associated Press")
@example("Talks (Jim Watson/AFP")
@example("Photo: Jane Doe")
@example("(Handout)")
def test_a_refused_running_text_yields_nothing(text: str) -> None:
    if not gate.running_may_yield(fold(text)):
        assert _read_running(text) == []


@pytest.mark.parametrize(
    "text",
    ["Enjeux internationaux", "12.12.2022", "Save Disk Space", "Follow Luxury Haven on GFC!", "Ausbildung"],
)
def test_menu_items_headings_and_dates_are_refused(text: str) -> None:
    assert not gate.running_may_yield(fold(text))


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Jane Doe/AFP", "Jane Doe/AFP"),
        ("Al Goldis, Associated Press", "Al Goldis, Associated Press"),
        ("On the podium (Jim Watson/AFP)", "Jim Watson/AFP"),
        ("Photo: Jane Doe", "Jane Doe"),
        ("© 2020 The Japan Times", "© 2020 The Japan Times"),
    ],
)
def test_running_texts_that_yield_pass_the_gate(text: str, credit: str) -> None:
    assert gate.running_may_yield(fold(text))
    found = extract_block(Block(text, 1, 1, BlockKind.TEXT), RESOLVER, SOURCES, running=True)
    assert [a.text for a in found] == [credit]


@PROPERTY
@given(_texts)
@example("a - b")
@example("Jane Doe via AFP")
@example("avia -x")
def test_the_separator_tests_are_separated(text: str) -> None:
    text = fold(text)
    fast = (
        any(c in text for c in "/|–—")
        or gate.SPACED_HYPHEN.search(text) is not None
        or gate.VIA_ALONE.search(text) is not None
    )
    assert fast == (patterns.SEPARATED.search(text) is not None)


def _compiled(pattern: object) -> re.Pattern[str]:
    """The plain compiled pattern behind a lazily compiled one (hypothesis reads its source).

    A lookahead closing the pattern goes: no string matches it whole, and every match of the
    pattern is a match of the rest.
    """
    source: str = pattern.pattern  # type: ignore[attr-defined]
    source = source.removesuffix("(?=[A-Z@])")
    return re.compile(source, pattern.flags)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "cues"),
    [
        ("PREFIX", patterns.PREFIX_CUES),
        ("LEAD_PREFIX", ("photo", "pic")),
        ("COURTESY", patterns.COURTESY_CUES),
        ("MARK", patterns.MARK_CUES),
        ("MARK_LEAD", patterns.MARK_CUES),
        ("MARK_AT", patterns.MARK_CUES),
        ("BARE_PREFIX", gate.BRACKET_PREFIX_CUES),
        ("VIA", gate.BRACKET_PREFIX_CUES),
    ],
)
def test_every_match_of_a_pattern_holds_one_of_its_cue_words(name: str, cues: tuple[str, ...]) -> None:
    pattern = _compiled(getattr(patterns, name))

    @settings(max_examples=400, deadline=None, database=None)
    @given(st.from_regex(pattern, fullmatch=True))
    def check(match: str) -> None:
        if gate.CASE_SPECIALS.isdisjoint(match):
            low = match.lower()
            assert any(cue in low for cue in cues), match

    check()


def test_the_case_specials_are_every_letter_that_hides_a_cue() -> None:
    """The case specials are complete, over the whole of Unicode as folded.

    A character a case-insensitive pattern takes for a letter of a cue word, which lower-casing
    does not turn into that letter, is a special; one whose case folding is part of a handout or
    pool word lower-cases to the same.
    """
    cues = (*gate.SURE_CUES, *gate.LABEL_CUES, *gate.BRACKET_PREFIX_CUES)
    letters = {c for cue in cues for c in cue if c.isalpha()}
    handout = sorted(HANDOUT_WORDS | POOL_WORDS)
    patterns_of = {c: re.compile(re.escape(c), re.I) for c in letters}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = fold_char(chr(code))
        if ch in gate.CASE_SPECIALS:
            continue
        low = ch.lower()
        for letter, pattern in patterns_of.items():
            if pattern.fullmatch(ch) and letter not in low:
                raise AssertionError(f"U+{code:04X} matches {letter!r} and is no special")
        folded = ch.casefold()
        if folded != low and any(folded in word for word in handout):
            raise AssertionError(f"U+{code:04X} case-folds into a handout word and is no special")
