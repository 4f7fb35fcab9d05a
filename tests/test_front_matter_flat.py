"""Flat ``key: value`` front matter read without YAML gives what composing it with YAML gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creditcheck.positions import split_lines
from creditcheck.readers import ReadResult, markdown
from creditcheck.readers.markdown import _flat_mapping, _Loader, _mapping, _split_front_matter

PROPERTY = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _composed(lines: list[str]) -> dict[str, yaml.Node] | None:
    """The plain way: the whole front matter composed by YAML (None when YAML refuses it)."""
    try:
        root = yaml.compose("\n".join(lines), Loader=_Loader)
    except yaml.YAMLError:
        return None
    return _mapping(root) if root is not None else {}


def seen(fm: dict[str, yaml.Node]) -> dict[str, tuple[Any, ...]]:
    # What the reader reads of a node: its kind, value, style and start (plain is "" or None).
    return {
        key: (
            type(node),
            node.value,
            getattr(node, "style", None) or None,
            node.start_mark.line,
            node.start_mark.column,
        )
        for key, node in fm.items()
    }


_KEYS = st.sampled_from(
    ["title", "date", "Source", "image_credit", "a-b", "_x", "t1", "1a", "a b", "é", "on"]
)
_SEPARATORS = st.sampled_from([": ", ":  ", ":", ": \t", ":\t", " : ", ":: "])
_VALUE_CHARS = st.sampled_from(
    [*"aZ0 :#-'\"[]{},&*!|>%@`?~=<.\t/\r\x07", "é", "日", "😀", "\xa0", "\x85", "\u2028", "\u200b", "\ufeff"]
)
_VALUES = st.lists(_VALUE_CHARS, max_size=8).map("".join)
_LINES = st.one_of(
    st.tuples(_KEYS, _SEPARATORS, _VALUES).map("".join),
    st.sampled_from(["", " ", "  title: x", "- a", "# note", "---", "..."]),
)


@PROPERTY
@given(st.lists(_LINES, min_size=1, max_size=5))
def test_flat_front_matter_is_what_yaml_composes(lines: list[str]) -> None:
    flat = _flat_mapping(lines)
    if flat is None:
        return  # YAML composes it: nothing to compare
    composed = _composed(lines)
    assert composed is not None, "YAML refuses what the flat reading read"
    assert seen(flat) == seen(composed)


@pytest.mark.parametrize(
    "lines",
    [
        ["title: Union leaders repair the aging bridges", "date: 2019-07-16", "source: The Japan Times"],
        ["url: https://example.com/a?b=c#d", "", "credit: Jane Doe/AFP via Getty Images  "],
        ["title: It's 5 o'clock", "Title: Second wins"],
        ["title: C# and F#", "rights: © 2024 The Japan Times 😀"],
    ],
)
def test_common_front_matter_is_read_flat(lines: list[str]) -> None:
    flat = _flat_mapping(lines)
    assert flat is not None
    assert seen(flat) == seen(_composed(lines) or {})


@pytest.mark.parametrize(
    "lines",
    [
        ["title: a: b"],  # YAML refuses it
        ["title: x #comment"],
        ["title: 'quoted'"],
        ["tags:", "  - a"],
        ["title: x", "  continued"],
        ["creditcheck: {ignore: [credit-format]}"],
        ["title: ends with colon:"],
    ],
)
def test_anything_else_goes_to_yaml(lines: list[str]) -> None:
    assert _flat_mapping(lines) is None


def _markdown_files() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.md") if p.is_file())


def test_every_fixture_reads_the_same_with_and_without_the_flat_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _markdown_files()
    flat_read = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = split_lines(text)
        fm, _, kind = _split_front_matter(lines)
        if kind == "yaml" and fm and _flat_mapping(fm) is not None:
            flat_read += 1
        plain: ReadResult | ValueError
        fast: ReadResult | ValueError
        with monkeypatch.context() as m:
            m.setattr(markdown, "_flat_mapping", lambda lines: None)
            try:
                plain = markdown.read(str(path), text)
            except ValueError as exc:
                plain = exc
        try:
            fast = markdown.read(str(path), text)
        except ValueError as exc:
            fast = exc
        if isinstance(plain, Exception):
            assert isinstance(fast, type(plain)) and str(fast) == str(plain), path
        else:
            assert not isinstance(fast, Exception), path
            assert fast == plain, path
    assert flat_read >= 10  # the fixtures hold flat front matter: the fast way was taken
