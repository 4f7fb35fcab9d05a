"""Property tests: no text, bytes or folder tree makes the pipeline raise or point outside the file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creditcheck.decode import REPAIR_SHARE, UndecodableError, decode
from creditcheck.discover import Target, discover
from creditcheck.model import FileResult, Span
from creditcheck.positions import LINE_BREAK
from creditcheck.scan import Scanner, ScanOptions
from tests.helpers import scan_text, shipped_rules

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that real articles are made of, mixed with random characters below.
_COMMON = [
    "©",
    "Â©",
    "(c)",
    "Copyright",
    "All rights reserved",
    "2020",
    "1999-2021",
    "AP Photo/",
    "Jane Doe",
    "/AFP via Getty Images",
    "AFP",
    "Reuters",
    "(Reuters)",
    "Photo: ",
    "Credit: ",
    "Courtesy of ",
    " via ",
    "Source: The Japan Times",
    "Visit The Japan Times at www.japantimes.co.jp.",
    "Distributed by TNS.",
    "January 14, 2020",
    "2020-01-14",
    "The Japan Times",
    "TNS",
    "EPA-EFE",
    "Yonhap",
    "Getty Images",
    "creditcheck: ignore",
    "'",
    '"',
    "“",
    "”",
    "’",
    "/",
    "|",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    ":",
    ";",
    " ",
    " ",
    "\u200b",
    "\ufeff",
    "\t",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\x0c",
    "\x0b",
    "\x85",
    "\u2028",
    "\x00",
]
_HTML = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<figure>",
    "</figure>",
    "<figcaption>",
    "</figcaption>",
    '<img src="a.jpg">',
    "<img>",
    '<span class="credit">',
    '<p class="copyright">',
    "</span>",
    "<article>",
    "</article>",
    "<br>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<script>",
    "</script>",
    '<meta name="source" content="TNS">',
    '<meta property="article:published_time" content="2020-01-14">',
    '<img data-credit="AP Photo/X" src="b.jpg">',
    "&copy;",
    "&amp;",
    "&#169;",
    "&#xA9;",
    "&bogus;",
    "&",
    "<",
    ">",
    "</",
    "<html>",
    "<body>",
    "<table><tr><td>",
    "<?xml version='1.0'?>",
    "<!DOCTYPE html>",
]
_MARKDOWN = [
    "# ",
    "## ",
    "![alt](a.jpg)",
    '![alt](b.jpg "AP Photo/Jane Doe")',
    "[image]",
    "[image: c.png]",
    "```\n",
    "~~~\n",
    "> ",
    "- ",
    "*",
    "_",
    "<!-- creditcheck: ignore -->",
]
_FRONT_KEYS = [
    "title",
    "date",
    "published",
    "source",
    "sources",
    "credit",
    "credits",
    "image",
    "images",
    "copyright",
    "caption",
    "src",
    "photo_credit",
    "rights",
]
_FRONT_VALUES = [
    "x",
    "2020-01-14",
    "2020-13-45",
    "AP Photo/Jane Doe",
    "[AP Photo/X, (Reuters)]",
    "{credit: AFP}",
    "|\n  AP Photo/Jane Doe",
    ">\n  Photo: Reuters",
    '"© 2020 The Japan Times"',
    "'quoted'",
    "[unclosed",
    "!!python/object/apply:os.system [echo]",
    "&a [*a]",
    "*undefined",
    "null",
    "~",
    "- a\n- b",
    "{src: a.jpg, credit: AP Photo/X, caption: C}",
]

_pieces = st.lists(st.one_of(st.sampled_from(_COMMON), st.text(max_size=6)), max_size=40).map("".join)
_html = st.lists(st.one_of(st.sampled_from(_HTML + _COMMON), st.text(max_size=4)), max_size=50).map("".join)
_markdown_body = st.lists(
    st.one_of(st.sampled_from(_MARKDOWN + _COMMON), st.text(max_size=4)), max_size=40
).map("".join)
_front_matter = st.lists(
    st.tuples(st.sampled_from(_FRONT_KEYS), st.sampled_from(_FRONT_VALUES)), max_size=6
).map(lambda pairs: "".join(f"{k}: {v}\n" for k, v in pairs))
_markdown = st.one_of(
    _markdown_body,
    st.builds(
        lambda fm, close, body: f"---\n{fm}{close}{body}",
        _front_matter,
        st.sampled_from(["---\n", "...\n", "--- \n", ""]),
        _markdown_body,
    ),
)
_any_text = st.one_of(st.text(), _pieces)


def _assert_inside(text: str, span: Span, exact_columns: bool = True) -> None:
    lines = LINE_BREAK.split(text)
    assert 1 <= span.line <= len(lines) + 1, span
    assert span.column >= 1 and span.end_column >= 1, span
    assert (span.end_line, span.end_column) >= (span.line, span.column), span
    assert span.end_line <= len(lines) + 1, span
    if exact_columns:
        assert span.line <= len(lines) and span.end_line <= len(lines), span
        assert span.column <= len(lines[span.line - 1]) + 1, span
        assert span.end_column <= len(lines[span.end_line - 1]) + 1, span


def _assert_result_inside(text: str, fmt: str, result: FileResult) -> None:
    """Every span of every finding, attribution and name lies inside its lines of the text."""
    spans = [f.span for f in result.findings]
    for attribution in result.attributions:
        spans.append(attribution.span)
        spans.extend(name.span for name in attribution.names)
    for span in spans:
        _assert_inside(text, span)


def _scan(text: str, fmt: str) -> FileResult:
    return scan_text(text, fmt)


# --- the scanner ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@PROPERTY
@given(text=_any_text)
def test_any_text_scans_and_every_span_is_inside_it(fmt: str, text: str) -> None:
    _assert_result_inside(text, fmt, _scan(text, fmt))


@PROPERTY
@given(text=_html)
def test_html_ish_text(text: str) -> None:
    _assert_result_inside(text, "html", _scan(text, "html"))


@PROPERTY
@given(text=_markdown)
def test_markdown_ish_text_and_front_matter(text: str) -> None:
    result = _scan(text, "markdown")
    _assert_result_inside(text, "markdown", result)
    for finding in result.findings:
        if finding.check == "unreadable-file":
            assert (finding.span.line, finding.span.column) == (1, 1)
            assert finding.message.startswith("cannot check this file: invalid YAML front matter at line ")


_SCANNER = Scanner(shipped_rules(), ScanOptions(strict=True))
_BOM = st.sampled_from([b"", b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"])
_ENCODED = st.builds(
    lambda t, enc: t.encode(enc, "replace"),
    st.one_of(_pieces, _html, _markdown),
    st.sampled_from(["utf-8", "utf-16", "utf-32", "cp1252", "latin-1"]),
)
_BYTES = st.one_of(
    st.binary(max_size=400),
    _ENCODED,
    st.builds(lambda bom, a, junk, b: bom + a + junk + b, _BOM, _ENCODED, st.binary(max_size=3), _ENCODED),
)


@PROPERTY
@given(data=_BYTES, ext=st.sampled_from(["txt", "md", "html", "xhtml", "dat"]))
def test_any_file_scans_to_a_result(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"article.{ext}")
        with open(path, "wb") as fh:
            fh.write(data)
        result = _SCANNER.scan(Target(path, f"article.{ext}"))
    unreadable = [f for f in result.findings if f.check == "unreadable-file"]
    if unreadable:
        assert [(f.span.line, f.span.column) for f in result.findings] == [(1, 1)]
        return
    text = decode(data).text
    _assert_result_inside(text, result.format, result)


# --- decode --------------------------------------------------------------------------------------


@PROPERTY
@given(data=st.one_of(st.binary(max_size=300), st.builds(bytes.__add__, _BOM, st.binary(max_size=300))))
def test_decode_returns_text_or_says_why(data: bytes) -> None:
    try:
        decoded = decode(data)
    except UndecodableError as exc:
        message = str(exc)
        assert message and "\n" not in message
        return
    assert isinstance(decoded.text, str)
    assert decoded.encoding in ("utf-8", "utf-16", "utf-32", "cp1252")


@PROPERTY
@given(
    data=st.one_of(st.binary(max_size=300), st.builds(bytes.__add__, _BOM, st.binary(max_size=300)), _ENCODED)
)
def test_decode_loses_nothing(data: bytes) -> None:
    try:
        decoded = decode(data)
    except UndecodableError:
        return
    assert decoded.encode(decoded.text) == data


_PLAIN = st.text(
    st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\ufeff") | st.sampled_from("\n\r\t"),
    max_size=200,
)


@PROPERTY
@given(text=_PLAIN, form=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_round_trips_unicode(text: str, form: str) -> None:
    decoded = decode(text.encode(form))
    assert decoded.text == text
    assert decoded.bom == (form != "utf-8")


# cp1252 text whose bytes can never form a UTF-8 character: either only UTF-8 lead bytes
# (accented letters, 0xC0-0xFF) or only continuation bytes (©, quotes, dashes, 0x80-0xBF).
_LATIN_LEADS = st.text(st.sampled_from("abc XYZ.,:;()/\nÀÈÉÖàèéöüÿ"), max_size=200)
_LATIN_MARKS = st.text(st.sampled_from("abc XYZ.,:;()/\n©®°“”‘’–—…€"), max_size=200)


@PROPERTY
@given(text=st.one_of(_LATIN_LEADS, _LATIN_MARKS))
def test_decode_reads_latin_text_saved_as_cp1252(text: str) -> None:
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding == ("utf-8" if text.isascii() else "cp1252")


@PROPERTY
@given(
    text=st.text(
        st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\ufeff") | st.sampled_from("\n\r"),
        max_size=120,
    ),
    at=st.integers(min_value=0),
)
def test_damaged_utf8_is_read_with_a_replacement_or_refused_with_the_place(text: str, at: int) -> None:
    text = "“©” " + text  # enough well-formed UTF-8 to outnumber one bad byte
    at = at % (len(text) + 1)
    data = text[:at].encode() + b"\xff" + text[at:].encode()
    non_ascii = sum(1 for ch in text if not ch.isascii())
    if REPAIR_SHARE * (non_ascii + 1) >= 1:
        # A stray byte among many good characters is read as browsers read it, and given back.
        decoded = decode(data)
        assert decoded.text == text[:at] + "\ufffd" + text[at:]
        assert decoded.repairs == ((at, 0xFF),)
        assert decoded.encode(decoded.text) == data
        return
    lines = LINE_BREAK.split(text[:at])
    with pytest.raises(UndecodableError) as info:
        decode(data)
    assert str(info.value) == (
        f"invalid UTF-8: byte 0xff at line {len(lines)}, column {len(lines[-1]) + 1} (save the file as UTF-8)"
    )


# --- discovery -----------------------------------------------------------------------------------

_NODES = st.lists(
    st.tuples(
        st.sampled_from(["dir", "file", "link"]),
        st.integers(min_value=0, max_value=50),  # parent: index among the folders made so far
        st.integers(min_value=0, max_value=50),  # link target: index among every node so far
    ),
    max_size=25,
)


@PROPERTY
@given(nodes=_NODES)
def test_discovery_terminates_and_lists_every_file_once(nodes: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as root:
        folders, made = [Path(root)], [Path(root)]
        files: set[str] = set()
        for i, (kind, parent, target) in enumerate(nodes):
            where = folders[parent % len(folders)]
            if kind == "dir":
                path = where / f"d{i}"
                path.mkdir()
                folders.append(path)
            elif kind == "file":
                path = where / f"f{i}.txt"
                path.write_text("AP Photo/Jane Doe\n")
                files.add(os.path.realpath(path))
            else:
                path = where / f"l{i}.txt"
                path.symlink_to(made[target % len(made)])
            made.append(path)
        targets = discover([root, root])
        reals = [os.path.realpath(t.path) for t in targets]
        assert len(reals) == len(set(reals))
        assert set(reals) == files  # every file under the root, once, however it is reached
        assert [t.display for t in targets] == sorted(t.display for t in targets)


_TREE = st.lists(
    st.tuples(
        st.sampled_from(
            ["d", ".hidden", "node_modules", "f.txt", "f.md", "f.yaml", ".f.txt", "w.json", "x.json"]
        ),
        st.integers(min_value=0, max_value=30),  # parent: index among the folders made so far
        st.booleans(),  # changed since the ref
    ),
    max_size=30,
)


@PROPERTY
@given(tree=_TREE)
def test_changed_files_are_selected_as_the_walk_would_select_them(tree: list[tuple[str, int, bool]]) -> None:
    # --changed-since does not walk the folders: it must keep exactly the changed files a walk keeps.
    with tempfile.TemporaryDirectory() as root:
        folders = [Path(root)]
        changed: set[str] = set()
        for i, (name, parent, is_changed) in enumerate(tree):
            where = folders[parent % len(folders)]
            if "." not in name or name == ".hidden":
                path = where / f"{name}{i}"
                path.mkdir()
                folders.append(path)
                continue
            path = where / name.replace("f.", f"f{i}.").replace("w.", f"w{i}.").replace("x.", f"x{i}.")
            # A ninjs item is an article; any other JSON file is not.
            body = '{"uri": "u", "type": "picture"}' if name == "w.json" else '{"name": "package"}'
            path.write_text(body if name.endswith(".json") else "AP Photo/Jane Doe\n")
            if is_changed:
                changed.add(os.path.realpath(path))
        walked = [t for t in discover([root]) if os.path.realpath(t.path) in changed]
        assert discover([root], changed=changed) == walked
