"""The cheaper ways of reading a file find exactly what the plain ways find.

Lines split without a regular expression, a text's end counted without splitting, control
characters counted and mojibake looked for without a pattern where none can match, a format
looked up by its extension, source lines found in all the lines at once, and the Markdown
reader's tests of a character before a pattern, usage terms, embargo lines and datelines
looked for in all the blocks at once: each is compared with the plain way it
replaces, exhaustively on short texts and with hypothesis on longer ones.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creditcheck import decode, readers, restrictions
from creditcheck.dates import parse_dateline, parse_when
from creditcheck.discover import Target
from creditcheck.model import Block, BlockKind, Span
from creditcheck.positions import LINE_BREAK, split_lines, text_end
from creditcheck.readers import (
    _SOURCE_LINES,
    _SOURCE_WORDS,
    FORMATS,
    find_dateline,
    format_for,
    markdown,
    source_lines,
)
from creditcheck.readers import (
    text as text_reader,
)
from creditcheck.ruleset import load_rules
from creditcheck.scan import Scanner, ScanOptions
from tests.helpers import RULES

PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _split_plain(text: str) -> list[str]:
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return lines


def _end_plain(text: str) -> tuple[int, int]:
    lines = _split_plain(text) or [""]
    return len(lines), len(lines[-1]) + 1


_SHORT = ["".join(p) for k in range(7) for p in itertools.product("a\r\né", repeat=k)]
_LINE_TEXT = st.lists(
    st.sampled_from(["a", "bc", "\r", "\n", "\r\n", "é", " ", "\x0c", "\u2028"]), max_size=30
)


def test_lines_and_the_end_on_every_short_text() -> None:
    for text in _SHORT:
        assert split_lines(text) == _split_plain(text), repr(text)
        assert text_end(text) == _end_plain(text), repr(text)


@PROPERTY
@given(_LINE_TEXT.map("".join))
def test_lines_and_the_end_as_the_pattern_counts_them(text: str) -> None:
    assert split_lines(text) == _split_plain(text)
    assert text_end(text) == _end_plain(text)


def _format_plain(path: str) -> str | None:
    lower = path.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for ext, fmt in FORMATS.items():
        if lower.endswith(ext):
            return fmt
    return None


def test_every_extension_is_one_dot_and_a_word() -> None:
    # format_for looks an extension up by the name's last dot: that needs exactly one dot.
    assert all(ext.startswith(".") and ext.count(".") == 1 and "/" not in ext for ext in FORMATS)


_PATH_PIECES = [*FORMATS, *(e.upper() for e in FORMATS), ".gz", ".GZ", ".", "/", "a", "md", "x.y/", ".xml"]


@PROPERTY
@given(st.lists(st.sampled_from(_PATH_PIECES), max_size=6).map("".join))
def test_a_format_is_looked_up_as_every_extension_was_tried(path: str) -> None:
    assert format_for(path) == _format_plain(path)


def _source_lines_plain(lines: list[str], first_line: int = 1) -> list[tuple[str, Span]]:
    found: list[tuple[str, Span]] = []
    for i, line in enumerate(lines):
        if len(line) > 400 or not line.strip():
            continue
        low = line.lower()
        if not any(w in low for w in _SOURCE_WORDS):
            continue
        for pattern in _SOURCE_LINES:
            for m in pattern.finditer(line):
                name = m.group("name").rstrip(" .,")
                start = m.start("name")
                ln = first_line + i
                found.append((name, Span(ln, start + 1, ln, start + 1 + len(name))))
    return found


_SOURCE_PIECES = [
    "Source: ",
    "SOURCE:",
    "ſource: ",  # folds to "s" when matching case-insensitively, but is not lower-cased to it
    "İ",  # lower-cases to two characters
    "K",  # Kelvin sign, lower-cases to "k"
    "Σ",
    "Visit ",
    "The Japan Times",
    " at www.japantimes.co.jp. ",
    "Distributed by ",
    "Tribune Content Agency",
    "This article originally appeared in ",
    "Originally published by ",
    "this article was first published in The Guardian",
    "this\tstory ran on The Guardian",
    "originally  published by The Guardian",
    "Visit\tThe Japan Times at www.japantimes.co.jp",
    "V",
    "Vis",
    "D",
    "Distribute",
    "The Guardian",
    ":",
    "\t",
    "ran ",
    "RAN ",
    "published",
    ". ",
    " ",
    "\n",
    "x" * 120,
]
_SOURCE_TEXT_LINES = st.lists(st.lists(st.sampled_from(_SOURCE_PIECES), max_size=8).map("".join), max_size=6)


@PROPERTY
@given(_SOURCE_TEXT_LINES, st.integers(1, 50))
def test_source_lines_are_found_as_line_by_line(lines: list[str], first_line: int) -> None:
    # Lines may hold line breaks here (the HTML reader passes block texts).
    assert source_lines(lines, first_line) == _source_lines_plain(lines, first_line)
    assert readers._candidate_lines(lines) == _candidate_lines_plain(lines)


def _candidate_lines_plain(lines: list[str]) -> list[int]:
    needles = (":", "Visit", "Distributed", "originally", "article", "story")
    return [i for i, line in enumerate(lines) if any(n in line for n in needles)]


def test_candidate_lines_on_every_short_list_of_lines() -> None:
    pieces = ["Visit", "V", "isit", "Distributed", "D", ":", "story", "\n", "", "x"]
    for k in range(4):
        for chosen in itertools.product(pieces, repeat=k):
            for cut in range(k + 1):
                lines = ["".join(chosen[:cut]), "".join(chosen[cut:]), *chosen[:cut]]
                assert readers._candidate_lines(lines) == _candidate_lines_plain(lines), lines


def _canonical_url_plain(text: str) -> str | None:
    from html import unescape

    end = re.compile(r"</head\s*>|<body\b", re.I).search(text, 0, 200_000)
    head = text[: end.start() if end else 200_000]
    found: str | None = None
    for tag in re.compile(r"<(?:link|meta)\b[^<>]{0,2000}>", re.I).finditer(head):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in readers._ATTR.finditer(tag.group())
        }
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href", "").strip():
            return unescape(attrs["href"].strip())
        if attrs.get("property", "").lower() == "og:url" and attrs.get("content", "").strip():
            found = found or unescape(attrs["content"].strip())
    return found


_HEAD_PIECES = [
    "<link rel='canonical' href='https://a.example/1'>",
    '<LINK REL="Alternate CANONICAL" HREF="/2">',
    "<link rel=canonical href= >",
    "<meta property='og:url' content='https://a.example/3'>",
    '<META PROPERTY="OG:URL" CONTENT="/4&amp;5">',
    "<meta name=x content=y>",
    "<link",
    "<meta",
    " rel=canonical",
    " href=/6",
    " property=og:url content=/7",
    "</head>",
    "</HEAD >",
    "<body>",
    "<BODY",
    "<bodyx>",
    "<",
    ">",
    "'",
    '"',
    " ",
    "\n",
    "İ",
    "Σ",
    "K",
]


@PROPERTY
@given(st.lists(st.sampled_from(_HEAD_PIECES), max_size=12).map("".join))
def test_the_canonical_address_is_read_as_tag_by_tag_in_the_head(text: str) -> None:
    assert readers.canonical_url(text) == _canonical_url_plain(text)


def test_the_head_ends_at_the_bound_as_it_did() -> None:
    tag = "<link rel=canonical href=/x>"
    for at in range(200_000 - 40, 200_000 + 5, 3):
        text = " " * at + tag
        assert readers.canonical_url(text) == _canonical_url_plain(text), at
        text = " " * at + "<body>" + tag
        assert readers.canonical_url(text) == _canonical_url_plain(text), at


_MARKDOWN_PIECES = [
    "![a](b.jpg)",
    "![",
    "](",
    ")",
    "<img src='p.jpg'>",
    "<IMG SRC=x.png>",
    "<",
    ">",
    "<!--",
    "-->",
    " creditcheck: ignore[missing-credit] reason ",
    "{{< figure src=x.jpg >}}",
    "{{% photo %}}",
    "{% include figure.html image=x.jpg %}",
    "{",
    "}",
    "%",
    "[image: a.jpg]",
    "[",
    " ",
    "word",
]


@PROPERTY
@given(st.lists(st.sampled_from(_MARKDOWN_PIECES), max_size=8).map("".join))
def test_the_markdown_readers_character_tests_refuse_only_lines_the_patterns_refuse(line: str) -> None:
    if "<!--" not in line:
        assert markdown._COMMENT.match(line) is None
    if "{" not in line:
        assert markdown._SHORTCODE_START.search(line) is None
    if "![" not in line:
        assert markdown._IMAGE_OPEN.search(line) is None
    if "<" not in line:
        assert markdown._HTML_IMG_OPEN.search(line) is None
    if "[" not in line:
        assert text_reader._PLACEHOLDER.match(line) is None


@PROPERTY
@given(
    st.lists(st.sampled_from(["creditcheck", "CreditCheck", "İ", "Σ", "a", "\n", ": ignore"]), max_size=10)
)
def test_a_text_holds_a_directive_line_only_if_it_holds_the_word(pieces: list[str]) -> None:
    whole = "".join(pieces)
    for line in split_lines(whole):
        if text_reader._directive(line) is not None:
            assert "creditcheck" in whole.lower()


@pytest.mark.parametrize(("reported", "max_size", "found"), [(10, 1000, "read"), (10, 100, "too large")])
def test_a_file_that_grew_after_its_size_was_taken_is_read_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reported: int, max_size: int, found: str
) -> None:
    path = tmp_path / "grew.txt"
    path.write_text("January 14, 2020\n\n" + "Soldiers patrol the square. " * 8 + "(Reuters)\n")
    size = path.stat().st_size
    real_stat = os.stat

    def stat_before_growth(p: str, **kwargs: bool) -> os.stat_result:
        st = real_stat(p, **kwargs)
        if p != str(path):
            return st
        values = list(st)
        values[6] = reported  # st_size, as taken before the file grew
        return os.stat_result(values)

    scanner = Scanner(load_rules(str(RULES)), ScanOptions(max_size=max_size))
    whole = scanner.scan(Target(str(path), "grew.txt"))
    monkeypatch.setattr(os, "stat", stat_before_growth)
    result = scanner.scan(Target(str(path), "grew.txt"))
    if found == "read":
        assert size > reported and result == whole
        assert [(f.check, f.span.line) for f in result.findings] == [("unlicensed-source", 3)]
    else:
        assert [(f.check, f.message) for f in result.findings] == [
            (
                "unreadable-file",
                "cannot check this file: file is 0.0 MB, over the 9.53674e-05 MB limit (--max-size)",
            )
        ]


def test_a_file_read_a_few_bytes_at_a_time_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A read may return fewer bytes than asked for (a signal, a network file system).
    path = tmp_path / "a.txt"
    path.write_text("January 14, 2020\n\n" + "Soldiers patrol the square. " * 8 + "(Reuters)\n")
    scanner = Scanner(load_rules(str(RULES)), ScanOptions())
    whole = scanner.scan(Target(str(path), "a.txt"))
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: real_read(fd, min(n, 3)))
    assert scanner.scan(Target(str(path), "a.txt")) == whole
    assert [(f.check, f.span.line) for f in whole.findings] == [("unlicensed-source", 3)]


def test_pictures_are_looked_up_as_each_was_on_its_own(tmp_path: Path) -> None:
    # A folder that is not there is asked once; what each picture is must not change.
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "checks" / "credit-mismatch"
    (tmp_path / "images").mkdir()
    for picture in (fixture / "images").iterdir():
        (tmp_path / "images" / picture.name).write_bytes(picture.read_bytes())
    (tmp_path / "a.md").write_text("x\n")
    (tmp_path / "plain.jpg").write_text("not a folder")
    pictures = [p.name for p in (fixture / "images").iterdir()]
    sources = [
        *(f"images/{name}" for name in pictures),
        "images/missing.jpg",
        "gone/x.jpg",
        "gone/deeper/x.jpg",
        "plain.jpg/x.jpg",
        "/images/" + pictures[0],
        "images/../gone/x.jpg",
        "gone/../images/" + pictures[0],
        "images",
    ]
    disk = str(tmp_path / "a.md")
    rules = load_rules(str(RULES))
    for order in (sources, sources[::-1]):
        shared = Scanner(rules, ScanOptions())
        for src in order:
            alone = Scanner(rules, ScanOptions())._embedded(disk, src)
            assert shared._embedded(disk, src) == alone, src
    found = Scanner(rules, ScanOptions())
    assert [src for src in sources if found._embedded(disk, src) is not None] == [
        *(f"images/{name}" for name in pictures),
        "/images/" + pictures[0],
        "gone/../images/" + pictures[0],
    ]


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_DECODED_PIECES = st.sampled_from(
    ["a", "\t", "\n", "\r", "\x0b", "\x0c", "\x00", "\x1f", "\x7f", "é", "€", "\ud800"]
)


@PROPERTY
@given(st.lists(_DECODED_PIECES | st.text(max_size=3), max_size=60).map("".join), st.integers(0, 4200))
def test_control_characters_are_counted_as_the_pattern_counts_them(text: str, pad: int) -> None:
    for sample in (text, "x" * pad + text):
        head = sample[:4096]
        expected = bool(head) and len(_CONTROL.findall(head)) / len(head) > 0.05
        assert decode._looks_binary(sample) == expected


@PROPERTY
@given(
    st.lists(
        st.sampled_from(["Â", "Ã", "â", "©", "\u20ac", "\u2122", "\u0080", "\u00bf", "a", " "]), max_size=12
    )
)
def test_mojibake_is_noted_as_the_pattern_finds_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert decode._checked(text, "utf-8").mojibake == (decode._MOJIBAKE.search(text) is not None)


def _usage_terms_plain(blocks: tuple[Block, ...]) -> list[tuple[str, Span]]:
    found: list[tuple[str, Span]] = []
    for block in blocks:
        if "USE" not in block.text and "NO " not in block.text and "CREDIT" not in block.text:
            continue
        for m in restrictions.USAGE_PHRASES.finditer(block.text):
            text = m.group(0).rstrip(" ,;:-")
            found.append((text, block.span(m.start(), m.start() + len(text))))
    return found


def _embargo_plain(blocks: tuple[Block, ...]) -> tuple[dt.datetime | dt.date, Span] | None:
    for i, block in enumerate(blocks):
        if i > 30:
            break
        m = restrictions._EMBARGO.match(block.text)
        if m is None:
            continue
        day, moment = parse_when(m.group("when"))
        when = moment or day
        if when is not None:
            return when, block.span(0, len(block.text))
    return None


def _dateline_plain(blocks: tuple[Block, ...]) -> dt.date | None:
    for block in blocks:
        if block.kind == BlockKind.TEXT and "\n" not in block.text:
            day = parse_dateline(block.text)
            if day is not None:
                return day
    return None


_BLOCK_PIECES = [
    "EMBARGOED UNTIL ",
    "Embargo: ",
    "\u00a0EMBARGO ",
    "\tembargoed until ",
    "**",
    "embargo",
    "EMBARGO",
    "March 3, 2021",
    "2021-03-04",
    "10:00 GMT",
    "EDITORIAL USE ONLY",
    "NO ARCHIVES",
    "NO ",
    "USE",
    "MANDATORY CREDIT",
    "CREDIT",
    "\n",
    " ",
    ".",
    "x" * 40,
]
_BLOCK_TEXT = st.lists(st.sampled_from(_BLOCK_PIECES), max_size=6).map("".join)


@PROPERTY
@given(st.lists(st.tuples(_BLOCK_TEXT, st.sampled_from([BlockKind.TEXT, BlockKind.CAPTION])), max_size=40))
def test_restrictions_and_datelines_are_found_as_block_by_block(texts: list[tuple[str, BlockKind]]) -> None:
    blocks = tuple(Block(t, i + 1, 1, kind) for i, (t, kind) in enumerate(texts))
    assert restrictions.usage_terms(blocks) == _usage_terms_plain(blocks)
    assert restrictions.embargo_line(blocks) == _embargo_plain(blocks)
    assert find_dateline(blocks) == _dateline_plain(blocks)


def _holds_usage_word_plain(text: str) -> bool:
    return "USE" in text or "NO " in text or "CREDIT" in text


def test_usage_words_are_found_in_every_short_text() -> None:
    for k in range(6):
        for letters in itertools.product("USENO CRDIT", repeat=k):
            text = "".join(letters)
            assert restrictions.holds_usage_word(text) == _holds_usage_word_plain(text), text


_USAGE_PIECES = ["USE", "NO ", "CREDIT", "E", "N", "O", "US", "CR", "DIT", "x", " "]


@PROPERTY
@given(st.lists(st.sampled_from(_USAGE_PIECES), max_size=12))
def test_usage_words_are_found_as_the_words_are(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert restrictions.holds_usage_word(text) == _holds_usage_word_plain(text)


def test_an_embargo_line_starts_with_a_space_a_star_or_an_e() -> None:
    # embargo_line hands the pattern only the texts that start so: every other first character
    # fails it, whatever follows (the pattern's other first characters tried after each).
    starts = [
        c
        for c in map(chr, range(0x110000))
        if any(
            restrictions._EMBARGO.match(c + rest) is not None
            for rest in ("MBARGO March 3, 2021", "*EMBARGO March 3, 2021", "EMBARGO March 3, 2021")
        )
    ]
    assert [c for c in starts if c not in restrictions._EMBARGO_STARTS and not c.isspace()] == []
    assert {"E", "e", "*", " ", "\t", "\u3000"} <= set(starts)
