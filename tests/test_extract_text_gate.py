"""The gate before the reader for text that is no running text refuses no text the reader would take."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from creditcheck.extract import extract_block, gate, patterns
from creditcheck.extract.block import BlockExtractor
from creditcheck.extract.context import BlockText, CutKind
from creditcheck.extract.offsets import bracket_groups
from creditcheck.extract.prefilter import fold
from creditcheck.extract.segmentation import find_cuts, trim
from creditcheck.extract.vocabulary import PROSE
from creditcheck.model import Block, BlockKind
from tests.test_extract_gate import _VOCABULARY, PROPERTY, RESOLVER, SOURCES

# Prose, names and the punctuation that cuts a line, beside the extractor's own vocabulary: the
# gate refuses only a text whose last words read as prose.
_PROSE = [
    " said",
    " the ",
    " was ",
    " has ",
    " it ",
    " which ",
    "The city council",
    " on Wednesday",
    " because costs have risen",
    " Agence France-Presse",
    " Associated Press",
    "AFP",
    "Reuters",
    " Getty Images",
    " The trade ministry",
    " Mr. ",
    " U.S. ",
    ".",
    ". ",
    ".\n",
    "...",
    "…",
    "?",
    "! ",
    '." ',
    '"',
    "'",
    " - ",
    "-",
    "--",
    " — ",
    "—",
    "|",
    " • ",
    "(",
    ")",
    ") ",
    "]",
    ":",
    ", ",
    "_",
    "*",
    " ",
    "\n",
    "\t",
    "TPX",
    " day",
    "honorarfrei",
    " Photos distributed by",
    "Photos distributed by Getty Images showed",
    " featured photo: ",
    "Bottom : Texte und Photos: ",
    " Staff photos by ",
    "Epic photo by ",
    "*Photo: ",
    '"Photo credit: ',
    "Courtesy of the city",
    "for editorial use",
    ", Jan 3, 2020",
]
_words = st.one_of(st.sampled_from(_PROSE), st.sampled_from(_VOCABULARY), st.text(max_size=3))
_texts = st.lists(_words, min_size=1, max_size=16).map("".join)


def _read_text(text: str) -> list[object]:
    """The full reader on ``text`` as a paragraph of a text article, no prefilter before it."""
    block = Block(text, 1, 1, BlockKind.TEXT, None)
    return list(BlockExtractor(BlockText(block, fold(text), RESOLVER, SOURCES, False)).run())


@PROPERTY
@given(_texts)
@example("The figures were published by Agence France-Presse (AFP). The ministry did not say")
@example("Shares fell, the ministry said. Agence France-Presse")
@example("Shares fell, the ministry said. Jane Doe, Associated Press")
@example("the ministry said, AFP")
@example("it was - AFP")
@example("it was cut (AFP")
@example("it has. AFP TPX IMAGES OF THE DAY")
@example("it has, AFP, File")
def test_a_refused_text_yields_nothing(text: str) -> None:
    if not gate.text_may_yield(fold(text)):
        assert _read_text(text) == []


@PROPERTY
@given(_texts)
@example("a. b")
@example("Monday.Jane Doe")
@example("x (a) b")
@example("x -- b")
def test_no_cut_starts_after_the_letter_after_the_last_cut_place(text: str) -> None:
    text = fold(text)
    rs, re_ = trim(text, 0, len(text))
    last = gate.last_cut_place(text)
    first_letter = next((i for i in range(last + 1, len(text)) if text[i].isalpha()), len(text))
    for cut in find_cuts(text, rs, re_, bracket_groups(text, rs, re_)):
        # A cut after a credit label needs a prefix's match, which the gate tests on its own.
        if cut.kind != CutKind.COLON:
            assert cut.start <= first_letter, (cut, last)


@pytest.mark.parametrize(
    "text",
    [
        "The health ministry has rejected the idea before, because costs have risen.",
        "In an interview with AP, the mayor said the plan would go ahead.",
        "The figures were first published by Agence France-Presse (AFP). The trade ministry did not say.",
    ],
)
def test_prose_paragraphs_are_refused(text: str) -> None:
    assert not gate.text_may_yield(fold(text))
    assert _read_text(text) == []


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Crowds gathered on Monday. Agence France-Presse", "Agence France-Presse"),
        ("Al Goldis, Associated Press", "Al Goldis, Associated Press"),
        ("Protesters marched on Monday (Jim Watson/AFP)", "Jim Watson/AFP"),
        ("© 2020 The Japan Times. All rights reserved.", "© 2020 The Japan Times. All rights reserved"),
    ],
)
def test_texts_that_yield_pass_the_gate(text: str, credit: str) -> None:
    assert gate.text_may_yield(fold(text))
    found = extract_block(Block(text, 1, 1, BlockKind.TEXT), RESOLVER, SOURCES)
    assert [a.text for a in found] == [credit]


# USAGE_TAIL without its lookahead and its word boundaries, which hypothesis cannot satisfy
# by construction: every match of the pattern is a match of this one.
_USAGE_WORDS = re.compile(patterns.USAGE_TAIL.pattern.replace(r"(?=[hrfvne])\b", "").removesuffix(r"\b"))


@PROPERTY
@given(st.from_regex(_USAGE_WORDS, fullmatch=True))
def test_every_usage_tail_holds_a_cue(match: str) -> None:
    if gate.CASE_SPECIALS.isdisjoint(match):
        assert any(cue in match.lower() for cue in gate.USAGE_CUES), match


@PROPERTY
@given(st.from_regex(patterns.TAIL_TAG.pattern.removesuffix(r"\s*[.]?\s*$"), fullmatch=True))
def test_every_tail_tag_ends_with_a_tag_ending(match: str) -> None:
    if gate.CASE_SPECIALS.isdisjoint(match):
        low = match.lower()
        assert low.endswith((*gate.TAG_ENDS, ")")) or (low.endswith("day") and "tpx" in low), match


@PROPERTY
@given(st.from_regex(re.compile(patterns.RESERVED_WORDS, re.I), fullmatch=True))
def test_every_reserved_phrase_passes_may_reserve(match: str) -> None:
    if gate.CASE_SPECIALS.isdisjoint(match):
        assert patterns.may_reserve(match), match


@pytest.mark.parametrize("name", ["PREFIX", "COURTESY"])
def test_every_prefix_holds_a_cue_within_its_reach(name: str) -> None:
    from tests.test_extract_gate import _compiled

    pattern = _compiled(getattr(patterns, name))

    @PROPERTY
    @given(st.from_regex(pattern, fullmatch=True))
    def check(match: str) -> None:
        if not gate.CASE_SPECIALS.isdisjoint(match) or re.search(r"\s{13}", match):
            return  # a barrier in folded text: the gate lets it through
        low = match.lower()
        first = min((i for cue in gate.LABEL_CUES if (i := low.find(cue)) >= 0), default=-1)
        assert 0 <= first <= gate.PREFIX_REACH, match

    check()


def _plain_last_cut_place(text: str) -> int:
    """``last_cut_place`` written as a loop of plain searches (the oracle of its pattern)."""
    cut_end = max(len(text.rstrip(gate.TRIM_END)) - 1, 0)
    last = max(text.rfind(ch, 0, cut_end) for ch in gate.CUT_CHARS)
    i = text.rfind("-", 0, cut_end)
    while i > last and not text[i + 1].isspace():
        i = text.rfind("-", 0, i)
    return max(last, i)


def _plain_tail_holds_prose(text: str, end: int) -> bool:
    """``_tail_holds_prose`` written with ``patterns.WORD`` and ``words.prose_words``'s tests."""
    for m in patterns.WORD.finditer(text, _plain_last_cut_place(text) + 1, end):
        a = m.start()
        if a and not text[a - 1].isspace():
            continue
        word = m.group()
        if word.endswith("."):
            if len(word) == 2:
                continue
            word = word[:-1]
        if (word.islower() or word.istitle()) and word.casefold() in PROSE:
            return True
    return False


@PROPERTY
@given(_texts)
@example("It was. a.")
@example("the end-")
@example("so - it")
@example("für")
def test_the_tail_patterns_answer_as_plain_loops(text: str) -> None:
    text = fold(text)
    end = len(text.rstrip(gate.CREDIT_END))
    assert gate.last_cut_place(text) == _plain_last_cut_place(text)
    assert gate._tail_holds_prose(text, end) == _plain_tail_holds_prose(text, end)
