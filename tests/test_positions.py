"""Line starts and positions: the fast line index against the lines as editors count them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from creditcheck.positions import LINE_BREAK, LineIndex, line_starts

_TEXT = st.lists(st.sampled_from(["a", "b", " ", "\n", "\r", "\r\n", "\f", "\u2028", "é"]), max_size=40).map(
    "".join
)


def _reference(text: str) -> list[int]:
    # A line starts after every CRLF, CR or LF: one match of LINE_BREAK each, taken in turn.
    return [0, *(m.end() for m in LINE_BREAK.finditer(text))]


@given(_TEXT)
def test_line_starts_are_where_each_line_break_ends(text: str) -> None:
    assert line_starts(text) == _reference(text)


def test_line_starts_of_lf_crlf_and_lone_cr() -> None:
    assert line_starts("") == [0]
    assert line_starts("a\nb\r\nc\n") == [0, 2, 5, 7]
    assert line_starts("a\rb\nc") == [0, 2, 4]


@given(_TEXT)
def test_position_and_offset_round_trip(text: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        line, column = index.position(offset)
        assert index.offset(line, column) == offset
