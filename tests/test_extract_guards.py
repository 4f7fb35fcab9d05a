"""Extraction's tests made cheaper (a character looked for first) answer as their plain forms do."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from creditcheck.extract import credits, names, offsets, patterns, prefilter
from creditcheck.extract.context import Candidate
from tests.plain_extract import (
    PLAIN_LONG_CUE_WORDS,
    PLAIN_TRANSLATION,
    first_chars,
    plain_has_long_cue,
    plain_holds_note_word,
    plain_prefix_match,
)

PROPERTY = settings(max_examples=3000, deadline=None)


def _texts(pieces: list[str], size: int = 10) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=3)), max_size=size).map("".join)


# Pieces of the cue words and what stands around them, so that most texts come near a cue.
_CUE_PIECES = [
    *PLAIN_LONG_CUE_WORDS,
    *("(", "c)", "q", "uelle", "+", "++", "rights", "reserved", "source", "via", ":", " ", "\n", "x", "é"),
]


@PROPERTY
@given(_texts(_CUE_PIECES))
def test_the_long_paragraph_cues_are_found_as_by_their_plain_form(text: str) -> None:
    low = text.lower()
    assert prefilter.has_long_cue(low) == plain_has_long_cue(low)


def test_each_long_paragraph_cue_is_found() -> None:
    # Each word alone, in a paragraph of prose: a guard that never let a word through would
    # pass the comparison above only on texts without cues.
    prose = "the council met on monday and voted to close the old bridge " * 4
    assert not prefilter.has_long_cue(prose)
    for cue in (*PLAIN_LONG_CUE_WORDS, "rights  reserved", "source :", "via"):
        assert prefilter.has_long_cue(f"{prose}{cue} {prose}"), cue


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (patterns.NAME_LABEL, patterns.NAME_LABEL_FIRST),
        (patterns.COURTESY, patterns.COURTESY_FIRST),
        (patterns.VIA_OR_YEAR, patterns.VIA_OR_YEAR_FIRST),
        (patterns.LICENCE, patterns.LICENCE_FIRST),
    ],
    ids=["NAME_LABEL", "COURTESY", "VIA_OR_YEAR", "LICENCE"],
)
def test_each_first_character_set_is_what_its_pattern_starts_with(
    pattern: re.Pattern[str], first: frozenset[str]
) -> None:
    assert first_chars(pattern) == first


def test_first_chars_follows_branches_optional_items_and_scoped_case() -> None:
    # The derivation the guards rest on, on patterns whose answer is plain.
    assert first_chars(re.compile(r"(?i:ab)|c")) == frozenset("Aac")
    assert first_chars(re.compile(r"x?(?=y)\b(?i:k)")) == frozenset("xKk\u212a")
    assert first_chars(re.compile(r"(?:a|b?)c+")) == frozenset("abc")
    with pytest.raises(ValueError):
        first_chars(re.compile(r"a?"))


# Pieces of names, dates, addresses and labels, so that the patterns the name reader guards
# match often.
_NAME_PIECES = [
    *("Photo by ", "images: ", "Courtesy of ", "via ", "Vía ", "2011 ", "1999", "20", "CC BY-SA 3.0", "cc0"),
    *("jane@example.com", "@", "https://x.org/a", "://", "März 2017", "22.04.2020", "06:15 Uhr", "Mai"),
    *("Stand: 5", "Updated ", " ", "  ", "\n", "İ", "ı", "ſ", "Jane Doe", "AFP", "/", ", ", "Tom's", "’s"),
    "\u0663",
]


@PROPERTY
@given(_texts(_NAME_PIECES, 6), st.integers(0, 40), st.integers(0, 60))
def test_the_name_reader_s_guards_refuse_only_what_their_patterns_refuse(text: str, s: int, e: int) -> None:
    first = text[s : s + 1]
    if patterns.NAME_LABEL.match(text, s) is not None:
        assert first in patterns.NAME_LABEL_FIRST
    if patterns.COURTESY.match(text, s) is not None:
        assert first in patterns.COURTESY_FIRST
    if patterns.VIA_OR_YEAR.match(text, s, e) is not None:
        assert first in patterns.VIA_OR_YEAR_FIRST
    if patterns.LICENCE.fullmatch(text) is not None:
        assert text[:1] in patterns.LICENCE_FIRST
    if patterns.EMAIL.search(text, s, e) is not None:
        assert text.find("@", s, e) >= 0
    if patterns.URL.search(text, s, e) is not None:
        assert text.find("://", s, e) >= 0
    if patterns.DATE_PIECE.fullmatch(text.strip(), s, e) is not None:
        assert names._may_be_date(text, len(patterns.DIGIT.findall(text, s, e)))
    if patterns.POSSESSIVE.search(text) is not None:
        assert "'" in text or "’" in text


def test_folding_makes_no_digit_of_what_is_none() -> None:
    # A name's key drops years only when the name holds a digit (every year is digits):
    # casefold must make no decimal digit of a character that is not one.
    digit = re.compile(r"\d")
    made = [c for c in map(chr, range(0x110000)) if not c.isdecimal() and digit.search(c.casefold())]
    assert made == []


def test_the_guarded_patterns_still_match_what_they_are_for() -> None:
    # Not only never refused wrongly: each guard lets its pattern's own example through.
    for text, pattern, first in [
        ("Photo by Jane", patterns.NAME_LABEL, patterns.NAME_LABEL_FIRST),
        ("İmages: Jane", patterns.NAME_LABEL, patterns.NAME_LABEL_FIRST),
        ("ſubmitted by Jane", patterns.COURTESY, patterns.COURTESY_FIRST),
        ("via REUTERS", patterns.VIA_OR_YEAR, patterns.VIA_OR_YEAR_FIRST),
        ("2011 Getty Images", patterns.VIA_OR_YEAR, patterns.VIA_OR_YEAR_FIRST),
    ]:
        assert pattern.match(text) is not None and text[0] in first, text
    assert patterns.LICENCE.fullmatch("CC BY-SA 3.0") is not None


# ASCII pieces of paragraphs: prose, cue words, brackets and slashes near the end, promotion,
# and runs of white space long enough to become barriers.
_PARAGRAPH_PIECES = [
    *("the council met on monday and voted ", "rights", "reserved", "source", ":", "via", "photo", "ap"),
    *(" ", "  ", " " * 13, "\n" * 14, "\t \t" * 6, " \x1c" * 7, ")", "]", ".", "/", "(c)", "+++", "sign up"),
    *("read more", "Copyright", "(", "x" * 40),
]


@PROPERTY
@given(
    st.lists(
        st.one_of(st.sampled_from(_PARAGRAPH_PIECES), st.text(st.characters(max_codepoint=127), max_size=3)),
        max_size=30,
    ).map("".join)
)
def test_folding_ascii_text_never_passes_what_the_prefilter_refused(raw: str) -> None:
    # extract._folded asks the prefilter of an ASCII text without markup before folding it.
    if "<" in raw:
        return
    assert prefilter.may_hold_attribution(raw) or not prefilter.may_hold_attribution(prefilter.fold(raw))


def test_folding_can_make_the_prefilter_refuse() -> None:
    # The one direction folding moves an answer: a cue across a long run of spaces is none.
    prose = "the council met on monday and voted to close the old bridge " * 4
    raw = prose + "all rights" + " " * 14 + "reserved"
    assert prefilter.may_hold_attribution(raw)
    assert not prefilter.may_hold_attribution(prefilter.fold(raw))


# What stands before a translator's word, the word's first letter in every case (and letters
# case-insensitive matching takes for others: "ſ" for "s"), the rest, and what follows.
_TRANSLATION_SLOTS = [
    ["", "a", "_", " ", "1", "é", "ü", "t"],
    ["t", "T", "ü", "Ü", "x", ""],
    [
        "ranslated",
        "RANSLATION",
        "ranſlator",
        "raduction",
        "raduit",
        "bersetzt",
        "BERSETZUNG",
        "ranslat",
        "r",
        "",
    ],
    ["", "s", "x", " ", "_", "-", "é"],
]


def test_the_translator_s_word_is_found_as_by_its_plain_form() -> None:
    for parts in itertools.product(*_TRANSLATION_SLOTS):
        text = "".join(parts)
        for pos in range(len(text) + 1):
            fast = patterns.TRANSLATION.search(text, pos)
            plain = PLAIN_TRANSLATION.search(text, pos)
            assert (fast is None) == (plain is None), (text, pos)
    assert patterns.TRANSLATION.search("Übersetzt ins (en) von Jane Doe") is not None
    assert patterns.TRANSLATION.search("Photo: Jane Doe/Reuters") is None


@PROPERTY
@given(
    _texts(
        [
            "Translated by ",
            "traduction",
            "übersetzt",
            "Ü",
            "t",
            "T",
            "ranslat",
            "ed",
            "ion",
            "-",
            ":",
            "x:y",
            "ID:",
        ],
        8,
    ),
    st.integers(0, 40),
    st.integers(0, 60),
)
def test_the_credit_reader_s_guards_refuse_only_what_their_patterns_refuse(
    text: str, pos: int, end: int
) -> None:
    fast = patterns.TRANSLATION.search(text, pos, end)
    assert (fast is None) == (PLAIN_TRANSLATION.search(text, pos, end) is None)
    if patterns.ID_COLON.search(text) is not None:
        assert ":" in text


# Pieces of the credit prefixes, marks and the editor's notes, so that the guarded patterns
# match often: each place of each text is asked, with every kind of candidate.
_PREFIX_PIECES = [
    *("Photo: ", "Foto: ", "photos by ", "Picture ", "Screenshot ", "via ", "vía ", "Vía ", "By ", "by "),
    *("Credit: ", "Courtesy of ", "Staff photo by ", "The photo by ", "Tribune photos by ", "Image: "),
    *("Bildquelle: ", "Quelle: ", "left: ", "写真：", "사진=", "©", "(c) ", "(C)", "&copy; ", " ", "\n"),
    *("\u3000", "İmage", "ſ", "Jane Doe", "AFP", "/", "Source: ", "Copyright ", "x"),
    *("NO RESALES", "THIS IMAGE", "FOR EDITORIAL", "ATTENTION", "MANDATORY", "EDITORIAL", "ORG XMIT"),
    *("Tags:", "NOT", "THE", "Oslo", "No"),
]


@PROPERTY
@given(_texts(_PREFIX_PIECES, 6), st.booleans())
def test_the_credit_reader_s_prefix_guards_match_as_every_pattern_tried(text: str, prefixed: bool) -> None:
    for start in range(len(text)):
        for bracket, trusted in itertools.product((False, True), repeat=2):
            cand = Candidate(start, len(text), prefixed, bracket, trusted)
            fast = credits._prefix_match(text, start, cand, prefixed)
            plain = plain_prefix_match(text, start, cand, prefixed)
            assert (fast and fast.span()) == (plain and plain.span()), (start, cand)


def test_each_prefix_is_still_matched_behind_its_guard() -> None:
    plain = Candidate(0, 40, prefixed=False)
    bracket = Candidate(0, 40, prefixed=False, bracket=True)
    for text, cand in (
        ("© Jane Doe", plain),
        (" (c) Jane Doe", plain),
        ("Photo: Jane Doe", plain),
        ("写真：共同", plain),
        ("Staff photo by Jane Doe", plain),
        ("Photos Jane Doe", bracket),
        ("via Jane Doe", bracket),
    ):
        assert credits._prefix_match(text, 0, cand, False) is not None, text
    assert credits._prefix_match("Jane Doe", 0, bracket, False) is None


@PROPERTY
@given(_texts(_PREFIX_PIECES, 8), st.integers(0, 60), st.integers(0, 80))
def test_the_editor_s_note_words_are_found_as_by_their_plain_form(text: str, start: int, end: int) -> None:
    fast = patterns.NOTE_WORD.search(text, start, end) is not None
    assert fast == plain_holds_note_word(text, start, end)
    note = offsets.editor_note(text, start, end)
    searched = patterns.EDITOR_NOTE.search(text, start, end)
    assert (note and note.span()) == (searched and searched.span())
