"""Extraction's patterns rewritten for speed match exactly what their plain forms match."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from creditcheck.extract import patterns, prefilter

PROPERTY = settings(max_examples=2000, deadline=None)

# The forms the patterns were first written in, easy to read and slow to search.
PLAIN_ELAPSED = re.compile(
    r"(?i)\d+\s*(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\bvor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten|jahren)\b"
    r"|\b\d{1,2}:\d{2}\s*(?:min|mins|minuten|minutes)\b"
)
PLAIN_SENTENCE = re.compile(r"(?<![.!?…])[.!?…]++[\"”’»)\]]*+(?=\s)")
PLAIN_SHORT_CUE = re.compile(r"\b(?:ap|pa|str|via)\b")
PLAIN_LONG_SHORT_CUE = re.compile(r"rights\s+reserved|source\s*:|\bvia\b")
PLAIN_CAPTION_LABEL = re.compile(
    r"(?<=[^\W\d_]) (?=(?:Fotos?|Photos?|Bild(?:er)?|Image|Credits?|Quelle|Bildquelle|Source|Fuente"
    r"|Cr[ée]dito?s?)\s*[:：]|(?:FOTOS?|PHOTOS?)\s+[A-Z])"
)

# Texts made of slots, each filled from a short list, so that most texts come near a match:
# what stands before (a word character, a space, "vor"), a number, the unit in either case
# (the long s and the Kelvin sign match a letter only when case is ignored), what follows.
_ELAPSED_SLOTS = [
    ["", "x", " ", "é", "1", "vor ", "VOR  ", "xvor "],
    ["", "3", "12", "\u0663"],
    ["", ":05", ":5", ":123"],
    ["", " ", "\u00a0"],
    ["", "mins", "ſecs", "MINUTES", "hours", "Stunden", "minuten", "x"],
    ["", " "],
    ["", "ago", "AGO", "agox"],
    ["", "x", "."],
]
_LABEL_SLOTS = [
    ["", "a", "é", "1", "_", ".", "A", "ſ"],
    ["", " ", "  ", "\u00a0"],
    ["", "Foto", "Fotos", "FOTO", "PHOTOS", "Photo", "Bild", "Bilder", "Image", "Credit", "Credits"],
    ["", "Quelle", "Bildquelle", "Source", "Fuente", "Crédito", "Creditos", "foto", "x"],
    ["", " ", "  ", "\u00a0"],
    ["", ":", "：", "A", "a", " B", "Z"],
]
_SENTENCE_SLOTS = [
    ["", "a", " ", ".", "!", "…", "x."],
    ["", ".", "..", "?!", "…", "...", "。"],
    ["", '"', "”", ")", "]", "»’", "x"],
    ["", " ", "\n", "a", ".", "\u00a0"],
] * 2
_SHORT_CUE_SLOTS = [
    ["", "a", " ", "_", "é", "1", "/"],
    ["", "ap", "pa", "str", "via", "p", "st", "vi"],
    ["", "a", " ", "_", "é", "1", "."],
] * 2


def test_the_short_cue_words_are_found_as_by_one_pattern() -> None:
    for parts in itertools.product(*_SHORT_CUE_SLOTS):
        text = "".join(parts)
        fast = any(word.search(text) is not None for word in prefilter.CUE_SHORT)
        assert fast == (PLAIN_SHORT_CUE.search(text) is not None), text


_LONG_SHORT_CUE_SLOTS = [
    ["", "a", " ", "_", "1"],
    ["", "rights", "source", "via", "xvia", "rights reserved", "rights\n reserved", "source :", "source:"],
    ["", "a", " ", ":", "reserved", " reserved", "_"],
] * 2


def test_the_long_paragraph_s_short_cues_are_found_as_by_one_pattern() -> None:
    for parts in itertools.product(*_LONG_SHORT_CUE_SLOTS):
        text = "".join(parts)
        fast = any(word in text and p.search(text) is not None for word, p in prefilter.LONG_CUE_SHORT)
        assert fast == (PLAIN_LONG_SHORT_CUE.search(text) is not None), text


@pytest.mark.parametrize(
    ("fast", "plain", "slots"),
    [
        (patterns.ELAPSED, PLAIN_ELAPSED, _ELAPSED_SLOTS),
        (patterns.CAPTION_LABEL, PLAIN_CAPTION_LABEL, _LABEL_SLOTS),
        (patterns.SENTENCE, PLAIN_SENTENCE, _SENTENCE_SLOTS),
    ],
    ids=["ELAPSED", "CAPTION_LABEL", "SENTENCE"],
)
def test_every_text_of_the_slots_matches_as_the_plain_form_does(
    fast: re.Pattern[str], plain: re.Pattern[str], slots: list[list[str]]
) -> None:
    for parts in itertools.product(*slots):
        text = "".join(parts)
        assert _spans(fast, text, 0, len(text)) == _spans(plain, text, 0, len(text)), text


def _texts(slots: list[list[str]]) -> st.SearchStrategy[str]:
    chunk = st.tuples(*(st.sampled_from(slot) for slot in slots)).map("".join)
    return st.lists(st.one_of(chunk, chunk, chunk, st.text(max_size=2)), max_size=4).map("".join)


def _spans(pattern: re.Pattern[str], text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos, endpos)]


@PROPERTY
@given(_texts(_ELAPSED_SLOTS), st.integers(0, 60), st.integers(0, 90))
def test_elapsed_matches_its_plain_form(text: str, pos: int, endpos: int) -> None:
    assert _spans(patterns.ELAPSED, text, pos, endpos) == _spans(PLAIN_ELAPSED, text, pos, endpos)


@PROPERTY
@given(_texts(_LABEL_SLOTS), st.integers(0, 60), st.integers(0, 90))
def test_caption_label_matches_its_plain_form(text: str, pos: int, endpos: int) -> None:
    assert _spans(patterns.CAPTION_LABEL, text, pos, endpos) == _spans(PLAIN_CAPTION_LABEL, text, pos, endpos)


def test_the_rewritten_patterns_still_find_what_they_are_for() -> None:
    # Not only the same as the plain forms: both find these (a generator that never made a
    # match would compare nothing).
    assert patterns.ELAPSED.search("Reuters 13 mins ago") is not None
    assert patterns.ELAPSED.search("vor 3 Stunden") is not None
    assert patterns.ELAPSED.search("05.09.2024 | 2:03 min") is not None
    assert patterns.ELAPSED.search("at 12:30 minutes past") is not None
    assert patterns.ELAPSED.search("Favor 3 Stunden") is None
    assert patterns.ELAPSED.search("a12:30 min") is None
    caption = "Demut hinter Masken Foto: Adobe Stock"
    assert [m.start() for m in patterns.CAPTION_LABEL.finditer(caption)] == [19]
    assert [m.start() for m in patterns.CAPTION_LABEL.finditer("alcaldía FOTO Archivo")] == [8]
    assert patterns.CAPTION_LABEL.search("1 Foto: Adobe") is None
