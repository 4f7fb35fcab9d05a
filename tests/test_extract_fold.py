"""Folding a block's text: the run-by-run fold gives what folding every character gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from creditcheck.extract.prefilter import fold, fold_char


def _fold_each(text: str) -> str:
    """The definition: every non-ASCII character folded on its own (the rest of ``fold`` after)."""
    return "".join(ch if ch < "\x80" else fold_char(ch) for ch in text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=["Cs"])))
def test_folding_runs_is_folding_each_character(text: str) -> None:
    # Markup, long white space and mojibake are left out: only the folding of characters is compared.
    assert fold(text) == fold(_fold_each(text)) and len(fold(text)) == len(text)
    if "<" not in text and "Â©" not in _fold_each(text) and not any(c.isspace() for c in text):
        assert fold(text) == _fold_each(text)


def test_folding_each_character_of_unicode() -> None:
    """Every character at once; and a folded character folds to itself, so that ``fold`` of the
    per-character fold (above) is what ``fold`` gave when it folded every character."""
    chars = [chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF]
    assert all(fold_char(f) == f for f in map(fold_char, chars))
    text = "".join(chars)
    assert fold(text) == fold(_fold_each(text))
