"""The HTML source map: the visible text of a page, made and mapped back to the source a part at a time."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creditcheck.readers.html.source import SourceText, _tokens

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What pages are made of around a credit: tags, comments, entities (one character, several,
# none, a space), runs of every kind of whitespace, a "<" or "&" that is only text.
_PIECES = [
    "Photo",
    "AP Photo/Jane Doe",
    "x y",
    "<p>",
    "</p>",
    "<b>",
    "</i>",
    "<br/>",
    '<img src="a.jpg" alt="A &amp; B">',
    "<!-- c -->",
    "<!-- never closed",
    "<div class='x'",
    "<script>if (a && b) x = '<div>';</script>",
    "&amp;",
    "&nbsp;",
    "&#32;",
    "&#x2003;",
    "&copy2020",
    "&ampx",
    "&NotEqualTilde;",
    "&am",
    "p;",
    "&",
    "< b",
    "<3",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\xa0",
    "\u2009",
]
_MARKUP = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@PROPERTY
@given(_MARKUP)
def test_parts_do_not_change_the_map(text: str) -> None:
    # A part per piece of text, the default parts, one part for the whole page, parts cut
    # before and after every long piece (every piece, pieces over 3 characters), and the whole
    # page mapped at once (as a small page is) give the same stream and positions.
    maps = [
        SourceText(text, part=1, eager_below=0),
        SourceText(text, eager_below=0),
        SourceText(text, part=10**9, eager_below=0),
        SourceText(text, part=10**9, eager_below=0, big=0),
        SourceText(text, eager_below=0, big=3),
        SourceText(text, eager_below=10**9),
    ]
    whole = maps[-1]
    for other in maps[:-1]:
        assert other.stream == whole.stream
        for offset in range(len(text) + 2):
            assert other.stream_index(offset) == whole.stream_index(offset)
        for start in range(len(whole.stream)):
            assert other.source_offset(start) == whole.source_offset(start)
            for length in range(1, len(whole.stream) - start + 1):
                assert other.anchors(start, length) == whole.anchors(start, length)


def _plain_find(pos: SourceText, text: str, line: int, cursor: int) -> int:
    """``SourceText.find`` from the exact stream index of the line's start."""
    begin = pos.stream_index(pos.line_offset(line))
    found = pos.stream.find(text, max(begin, cursor))
    if found < 0 and cursor > begin:
        found = pos.stream.find(text, begin)
    return found


@PROPERTY
@given(_MARKUP, st.integers(1, 20), st.integers(1, 8))
def test_find_needs_no_exact_start(text: str, part: int, size: int) -> None:
    # find starts from a line's stream index without mapping the part before it when that
    # index is the stream's space (one less, or not): what it finds is the same. The texts are
    # what the walk looks for: the stream's own words and text not in it, with no space
    # around them.
    plain = SourceText(text, part=part, eager_below=0)
    words = {plain.stream[i : i + size].strip() for i in range(len(plain.stream))} - {""}
    for word in sorted(words | {"Photo", "zz"}):
        for line in range(1, len(plain.lines) + 2):
            for cursor in range(0, len(plain.stream) + 2, 3):
                pos = SourceText(text, part=part, eager_below=0)
                assert pos.find(word, line, cursor) == _plain_find(plain, word, line, cursor)


def test_find_from_a_line_in_a_parts_leading_whitespace() -> None:
    # Line 2 starts in the second part's leading whitespace, after the first part's space:
    # find starts at that space without mapping the first part, and finds what it found.
    text = "<p>Photo </p>\n<p>AP</p>\n<p>AP Photo</p>"
    pos = SourceText(text, part=2, eager_below=0)
    assert pos.stream == "Photo AP AP Photo"
    assert pos.stream_index(pos.line_offset(2), exact=False) == 5
    assert 0 not in pos._segments
    assert pos.stream_index(pos.line_offset(2)) == 6
    for word, line, cursor in [("AP", 2, 0), ("AP", 2, 6), ("AP", 2, 7), ("Photo", 2, 0), ("P", 2, 6)]:
        fresh = SourceText(text, part=2, eager_below=0)
        assert fresh.find(word, line, cursor) == _plain_find(pos, word, line, cursor)
    assert SourceText(text, part=2, eager_below=0).find("AP", 2, 0) == 6


@PROPERTY
@given(_MARKUP)
def test_stream_traces_back_to_the_source(text: str) -> None:
    pos = SourceText(text, part=1, eager_below=0)
    for index, char in enumerate(pos.stream):
        at = pos.source_offset(index)
        # Each character is its own source character, the first of the entity it decodes, or
        # the first of the whitespace run it collapses.
        assert text[at] == char or text[at] == "&" or (char == " " and text[at].isspace())


def test_entities_tags_and_whitespace() -> None:
    text = "<p>AT&amp;T &nbsp; <b>Photo</b>\n  by  X</p>\n<p>&am<i>p;</i> Y</p>"
    pos = SourceText(text, part=1, eager_below=0)
    # No entity is read across a tag ("&am<i>p;"): it stays as written.
    assert pos.stream == "AT&T Photo by X &amp; Y"
    # "T" after the entity is on line 1 column 11; "by" on line 2 column 3; "Y" on line 3.
    anchors = pos.anchors(0, len(pos.stream))
    assert anchors[0] == (0, 1, 4)
    assert (3, 1, 11) in anchors
    assert (11, 2, 3) in anchors
    assert anchors[-1] == (21, 3, 16)
    assert pos.find("by X", 2, 0) == 11


# The token-by-token mapping the source map used before runs of plain text were taken whole:
# the reference the faster one must agree with.
_ENTITY = r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?"
_TOKEN = re.compile(rf"{_ENTITY}|[^<&\s]+(?: [^<&\s]+)*|\s+|[<&]")


def _reference_tokens(
    text: str, n: int, joinable: int, last_space: bool
) -> tuple[int, int, bool, list[str], list[tuple[int, int, bool]]]:
    pieces: list[str] = []
    segs: list[tuple[int, int, bool]] = []
    for m in _TOKEN.finditer(text):
        tok, at, verbatim = m.group(0), m.start(), True
        if tok[0] == "&" and len(tok) > 1:
            decoded = html.unescape(tok)
            if len(decoded) == 1:
                tok, verbatim = decoded, False
        if tok.isspace():
            if last_space:
                continue
            verbatim, tok = tok == " ", " "
        last_space = tok == " "
        if verbatim:
            if joinable != at:
                segs.append((n, at, True))
            joinable = at + len(tok)
        else:
            segs.append((n, at, False))
            joinable = -1
        pieces.append(tok)
        n += len(tok)
    return n, joinable, last_space, pieces, segs


_LINE = st.lists(
    st.sampled_from(
        [
            *("Photo", "a b", "x", "&", "&&", "<", " ", "  ", "\t", "\xa0", "\u2009"),
            *("&amp;", "&nbsp;", "&#32;", "&#x20;", "&copy2020", "&ampx", "&#8203;"),
        ]
    ),
    max_size=12,
).map("".join)


@PROPERTY
@given(_LINE, st.booleans(), st.integers(-1, 3))
def test_lines_with_entities_map_as_token_by_token(text: str, last_space: bool, joinable: int) -> None:
    pieces: list[str] = []
    segs: list[tuple[int, int, bool]] = []
    n, end, space = _tokens(text, 0, len(text), 5, joinable, last_space, pieces, segs)
    want_n, want_end, want_space, want_pieces, want_segs = _reference_tokens(text, 5, joinable, last_space)
    # The same stream text (in pieces cut anywhere), segments, length and state after.
    assert (n, end, space, segs) == (want_n, want_end, want_space, want_segs)
    assert "".join(pieces) == "".join(want_pieces)
