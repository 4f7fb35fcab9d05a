"""Segmentation's and words' tests rewritten for speed give the answers of their plain forms."""

from __future__ import annotations

import itertools
import re
from re import _compiler as sre_compiler  # type: ignore[attr-defined]
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from creditcheck.extract import patterns, segmentation, words
from creditcheck.extract.offsets import bracket_groups
from creditcheck.extract.vocabulary import VERBS
from tests import plain_segmentation as plain

PROPERTY = settings(max_examples=1500, deadline=None)

# --- what a pattern's matches can open with, derived from the pattern itself ------------------

_ASCII = [chr(i) for i in range(128)]
_Prefix = tuple[frozenset[str], ...]


def _ascii_matched(item: tuple[Any, Any], flags: int) -> frozenset[str]:
    """The ASCII characters one parsed single-character item matches under ``flags``."""
    sub = sre_parser.SubPattern(sre_parser.State(), [item])
    compiled = sre_compiler.compile(sub, flags)
    return frozenset(c for c in _ASCII if compiled.match(c))


def _first(items: Any, flags: int, k: int) -> set[_Prefix]:
    """The ASCII prefixes, up to ``k`` characters, of what the parsed ``items`` match in sequence.

    A prefix shorter than ``k`` is a whole match. Zero-width assertions are left out, which
    can only add prefixes; a construct not handled raises.
    """
    prefixes: set[_Prefix] = {()}
    for op, av in items:
        grown: set[_Prefix] = set()
        for pre in prefixes:
            if len(pre) == k:
                grown.add(pre)
                continue
            for tail in _item_first(op, av, flags, k - len(pre)):
                grown.add(pre + tail)
        prefixes = grown
    return prefixes


def _item_first(op: Any, av: Any, flags: int, k: int) -> set[_Prefix]:
    c = sre_constants
    if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY):
        return {(_ascii_matched((op, av), flags),)}
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {()}
    if op is c.SUBPATTERN:
        _group, add, delete, sub = av
        return _first(sub, (flags | add) & ~delete, k)
    if op is c.ATOMIC_GROUP:
        return _first(av, flags, k)
    if op is c.BRANCH:
        out: set[_Prefix] = set()
        for alternative in av[1]:
            out |= _first(alternative, flags, k)
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = av
        body = list(sub)
        # Past k repeats of a body that takes a character the first k are decided; a body
        # that may take none may be repeated fewer times than its minimum.
        least = 0 if () in _first(body, flags, k) else min(low, k)
        out = set()
        for n in range(least, min(high, k) + 1):
            out |= _first(body * n, flags, k)
        return out
    raise ValueError(f"not handled: {op}")


def _starts(pattern: re.Pattern[str], k: int) -> tuple[set[str], set[str]]:
    """The ASCII strings of ``k`` characters a match can open with, and whole matches shorter."""
    parsed = sre_parser.parse(pattern.pattern, pattern.flags)
    full: set[str] = set()
    short: set[str] = set()
    for prefix in _first(parsed, parsed.state.flags, k):
        for chars in itertools.product(*(sorted(s) for s in prefix)):
            (full if len(chars) == k else short).add("".join(chars))
    return full, short


def _cases(word: str) -> set[str]:
    return {"".join(chars) for chars in itertools.product(*({c.lower(), c.upper()} for c in word))}


def test_the_derivation_of_starts_is_exact_on_small_patterns() -> None:
    full, short = _starts(re.compile(r"(?i)ab|c[de]f+|(?-i:G)h*(?=x)|\bk?z"), 2)
    # "k" under re.I also matches the Kelvin sign, which is not ASCII.
    assert full == {x for w in ("ab", "cd", "ce", "kz") for x in _cases(w)} | {"Gh", "GH"}
    assert short == {"G", "z", "Z"}
    full, short = _starts(re.compile(r"(?:ab){2,}c|[0-9]{3}"), 3)
    assert full == {"aba"} | {f"{a}{b}{c}" for a in "0123456789" for b in "0123456789" for c in "0123456789"}
    assert short == set()


def test_the_prefix_gate_holds_every_start_of_the_patterns() -> None:
    prefix, prefix_short = _starts(patterns.PREFIX, 3)
    courtesy, courtesy_short = _starts(patterns.COURTESY, 3)
    assert not prefix_short and not courtesy_short
    assert {s.lower() for s in prefix | courtesy} == segmentation.PREFIX_STARTS
    bare, bare_short = _starts(patterns.BARE_PREFIX, 3)
    via, via_short = _starts(patterns.VIA, 3)
    assert not bare_short and not via_short
    assert {s.lower() for s in bare | via} == segmentation.BARE_STARTS
    lead, lead_short = _starts(patterns.LEAD_PREFIX, 3)
    assert not lead_short and lead and all("A" <= s[0] <= "Z" for s in lead)


def test_a_head_that_is_not_ascii_is_always_tried() -> None:
    for head in ("写真", "사진:", "ſource", "pıc", "İmage", "Phot", "Kourtesy"):
        assert segmentation.may_open_prefix(head, 0) == (
            not head[:3].isascii() or head[:3].lower() in segmentation.PREFIX_STARTS
        )
    assert segmentation.may_open_prefix("Photo: X", 0)
    assert not segmentation.may_open_prefix("Jane Doe", 0)


# --- texts near the rewritten tests ------------------------------------------------------------

_PIECES = [
    " ",
    "  ",
    "\n",
    "\u00a0",
    ".",
    ". ",
    "!",
    "?",
    "…",
    "...",
    ",",
    ", ",
    ":",
    ": ",
    "：",
    "/",
    " / ",
    "|",
    " | ",
    "•",
    " · ",
    "-",
    " - ",
    " – ",
    "—",
    " — ",
    "--",
    "(",
    ")",
    "[",
    "]",
    '"',
    "“",
    "”",
    "’",
    "'",
    "©",
    "_",
    "1",
    "2020",
    "a",
    "e",
    "J",
    "é",
    "ſ",
    "\u212a",
    "İ",
    "ı",
    "Jane",
    "Doe",
    "AFP",
    "Reuters",
    "U.S",
    "Inc",
    "Dr",
    "z. B",
    "e. V",
    "said",
    "the",
    "on",
    "Monday",
    "man",
    "Photo",
    "photo",
    "PHOTOS",
    "Foto",
    "FOTO",
    "Bild",
    "Credit",
    "credits",
    "Image",
    "Source",
    "Quelle",
    "Courtesy of",
    "Supplied by",
    "gracieuseté",
    "Staff photo by",
    "The photo by",
    "via",
    "vía",
    "Via",
    "and",
    "und",
    "for",
    "by",
    "Styling",
    "make-up",
    "Haare",
    "Text",
    "top",
    "Left",
    "사진",
    "写真",
    "新聞社",
    "J.R.",
    "IV",
    "Jr.",
    "van",
    "O’Neil",
    "&",
    "+",
    "director",
    "Autorin",
]

_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


def _bounds(text: str, a: int, b: int) -> tuple[int, int]:
    start = min(a, len(text))
    return start, max(start, min(len(text), start + b))


@PROPERTY
@given(_TEXTS, st.integers(0, 40), st.integers(0, 200))
def test_find_cuts_gives_the_plain_form_s_cuts(text: str, a: int, b: int) -> None:
    start, end = _bounds(text, a, b)
    brackets = bracket_groups(text, start, end)
    assert segmentation.find_cuts(text, start, end, brackets) == plain.find_cuts(text, start, end, brackets)


@PROPERTY
@given(_TEXTS)
def test_ends_sentence_answers_as_the_plain_form(text: str) -> None:
    for i, ch in enumerate(text):
        if ch in ".!?…":
            assert segmentation.ends_sentence(text, i) == plain.ends_sentence(text, i), (text, i)


@PROPERTY
@given(_TEXTS, st.booleans())
def test_prefix_at_answers_as_the_plain_form(text: str, bracket: bool) -> None:
    for pos in range(len(text) + 1):
        assert segmentation.prefix_at(text, pos, bracket) == plain.prefix_at(text, pos, bracket), (text, pos)


@PROPERTY
@given(_TEXTS)
def test_other_contributor_label_answers_as_the_plain_form(text: str) -> None:
    for pos in range(len(text) + 1):
        fast = words.other_contributor_label(text, pos)
        assert fast == plain.other_contributor_label(text, pos), (text, pos)


@PROPERTY
@given(_TEXTS, st.booleans())
def test_name_list_like_and_prose_words_answer_as_the_plain_forms(text: str, contributors: bool) -> None:
    assert words.name_list_like(text, contributors) == plain.name_list_like(text, contributors)
    assert list(words.prose_words(text)) == plain.prose_words(text)
    assert list(words.prose_words(text, VERBS)) == plain.prose_words(text, VERBS)


@PROPERTY
@given(_TEXTS)
def test_name_tokens_and_other_contributors_are_told_as_by_the_plain_forms(text: str) -> None:
    for token in text.split():
        assert words.is_name_token(token) == plain.is_name_token(token), token
    key = text.casefold()
    assert words.other_contributor(key) == plain.other_contributor(key)
    assert words.other_contributor(text) == plain.other_contributor(text)


def test_str_split_splits_at_the_white_space_of_the_patterns() -> None:
    # other_contributor splits with str.split where the pattern could split only at \s.
    for i in range(0x110000):
        c = chr(i)
        assert (re.fullmatch(r"\s", c) is not None) == (f"a{c}b".split() == ["a", "b"]), hex(i)


# --- the rewritten patterns, against their plain forms -----------------------------------------

_SEPARATOR_SLOTS = [
    ["", "a", "é", "1", "_", "x"],
    ["", " ", "  ", "\n"],
    ["", "/", ",", "|", ";", "-", "–", "—", ":", "via", "vía", "and", "for", "v", "a", "f", "x"],
    ["", " ", "  ", "\n"],
    ["", "a", "é", "1", "_", "x", "©", "(", "A", "Jane"],
]


def _spans(pattern: Any, text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos, endpos)]


def test_each_text_of_the_slots_is_cut_as_by_the_plain_patterns() -> None:
    for parts in itertools.product(*_SEPARATOR_SLOTS):
        text = "".join(parts)
        n = len(text)
        assert patterns.LIST_SEPARATOR.split(text) == plain.LIST_SEPARATOR.split(text), text
        for pos in range(n + 1):
            assert _spans(patterns.DASH_CUT, text, pos, n) == _spans(plain.DASH_CUT, text, pos, n), text
            assert segmentation.colon_cuts(text, pos, n) == _spans(plain.COLON_CUT, text, pos, n), text


@PROPERTY
@given(_TEXTS, st.integers(0, 40), st.integers(0, 200))
def test_the_cut_patterns_match_as_their_plain_forms(text: str, a: int, b: int) -> None:
    start, end = _bounds(text, a, b)
    assert _spans(patterns.DASH_CUT, text, start, end) == _spans(plain.DASH_CUT, text, start, end)
    assert segmentation.colon_cuts(text, start, end) == _spans(plain.COLON_CUT, text, start, end)
    both = _spans(patterns.SENTENCE, text, start, end) + _spans(plain.GLUED_SENTENCE, text, start, end)
    assert _spans(patterns.SENTENCE_OR_GLUED, text, start, end) == sorted(both)
    assert patterns.LIST_SEPARATOR.split(text) == plain.LIST_SEPARATOR.split(text)


@pytest.mark.parametrize(
    ("text", "cuts"),
    [
        ("Demut hinter Masken Foto: Adobe Stock", [(19, 20, "colon")]),
        ("on Monday.Jane Doe/Bloomberg", [(10, 10, "sentence")]),
        ("Fans cheer. Photo / Jane Doe", [(11, 12, "sentence")]),
        ("A rally, Photo: Jane Doe", [(8, 9, "colon")]),
        ("A rally / Foto: NAME", [(7, 10, "colon")]),
        ("A rally — Jane Doe", [(7, 10, "dash")]),
        ("J. Scott. Jane Doe", [(2, 3, "weak"), (9, 10, "sentence")]),
    ],
)
def test_find_cuts_still_finds_what_it_is_for(text: str, cuts: list[tuple[int, int, str]]) -> None:
    # Not only the same as the plain form: these cuts are found (a comparison of two functions
    # that never cut would pass too).
    found = segmentation.find_cuts(text, 0, len(text), bracket_groups(text, 0, len(text)))
    assert [(c.end, c.start, c.kind.value) for c in found] == cuts
    assert plain.find_cuts(text, 0, len(text), bracket_groups(text, 0, len(text))) == found


def test_the_gated_tests_still_find_what_they_are_for() -> None:
    assert segmentation.prefix_at("(Photo Jane Doe/AFP)", 1, bracket=True)
    assert not segmentation.prefix_at("(Photo Jane Doe/AFP)", 1, bracket=False)
    assert segmentation.prefix_at("Staff photo by Jane Doe", 0, bracket=False)
    assert segmentation.prefix_at("写真：共同", 0, bracket=False)
    assert not segmentation.prefix_at("Jane Doe/AFP", 0, bracket=True)
    assert words.other_contributor_label("Styling: Kate Phelan", 0)
    assert words.other_contributor_label("und / Styling: Kate", 0)
    assert not words.other_contributor_label("Text und Fotos: Jane", 0)
    assert not words.other_contributor_label("Jane Doe: Styling", 0)
    assert words.prose_words("He said a man was there") == ("he", "said", "a", "was", "there")
    assert words.other_contributor("haare & make-up") and words.other_contributor("styling/text")
    assert not words.other_contributor("jane doe")
    assert words.is_name_token("J.R.") and words.is_name_token("IV") and words.is_name_token("van")
    assert not words.is_name_token("3D") and not words.is_name_token("a")
    assert not segmentation.ends_sentence("J. Scott", 1)
    assert not segmentation.ends_sentence("in the U.S. today", 10)
    assert segmentation.ends_sentence("on Monday. Then", 9)
