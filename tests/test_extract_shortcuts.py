"""The extractor's shortcuts (the per-process memo) give exactly what reading every block afresh gives."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import creditcheck.extract as extract_package
from creditcheck.extract import extract, extract_block
from creditcheck.model import Attribution, Block, BlockKind, Document
from creditcheck.resolve import Resolver
from tests.helpers import shipped_rules
from tests.test_properties import _COMMON

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RESOLVER = Resolver(shipped_rules())

# Lines whose reading depends on where they stand: under a picture or not, in a web page's
# running text or not.
_PLACED = ["北京街头 新华社记者 李明 摄", "© 2012 Jane Doe/AP", "Jane Doe/Haaretz", "A long day. "]
_texts = st.lists(
    st.one_of(st.sampled_from(_COMMON), st.sampled_from(_PLACED), st.text(max_size=6)), max_size=12
).map("".join)
_formats = st.sampled_from(["text", "html", "markdown"])
_kinds = st.sampled_from(list(BlockKind))


@st.composite
def _blocks(draw: st.DrawFn, text: str) -> Block:
    """``text`` as a block somewhere in a file: its own line, column, line starts and picture."""
    line = draw(st.integers(1, 500))
    column = draw(st.integers(1, 80))
    offsets = sorted(draw(st.sets(st.integers(1, max(1, len(text))), max_size=3)))
    starts = tuple((off, line + i + 1, draw(st.integers(1, 9))) for i, off in enumerate(offsets))
    image = draw(st.one_of(st.none(), st.integers(0, 5)))
    return Block(text, line, column, draw(_kinds), image, starts)


def _afresh(blocks: list[Block]) -> list[Attribution]:
    return [a for b in blocks for a in extract_block(b, RESOLVER)]


class _Forgetful(dict[object, list[Attribution]]):
    """A memo that keeps nothing: every block is read afresh."""

    def __setitem__(self, key: object, value: list[Attribution]) -> None:
        pass


def _without_memo(doc: Document) -> list[Attribution]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(extract_package, "_memo_for", lambda _resolver: _Forgetful())
        return extract(doc, RESOLVER)


@PROPERTY
@given(st.data(), st.lists(_texts, min_size=1, max_size=4), _formats, _formats)
def test_a_remembered_block_moved_elsewhere_reads_as_if_read_afresh(
    data: st.DataObject, texts: list[str], fmt: str, later_fmt: str
) -> None:
    # Each text comes back at other places in the same file and in a later file, as a
    # publisher's caption or boilerplate does: the second time it comes from the memo.
    first = [data.draw(_blocks(t)) for t in texts for _ in range(2)]
    later = [data.draw(_blocks(t)) for t in reversed(texts)]
    for blocks, kind in ((first, fmt), (later, later_fmt)):
        doc = Document("a.txt", kind, tuple(blocks), dt.date(2020, 1, 14), "flag")
        assert extract(doc, RESOLVER) == _without_memo(doc)


@pytest.mark.parametrize(
    ("text", "image", "fmt", "expected"),
    [
        ("北京街头 新华社记者 李明 摄", None, "text", []),
        ("北京街头 新华社记者 李明 摄", 3, "text", [("photo-credit", "李明", 3)]),
        ("© 2012 Jane Doe/AP", None, "html", [("copyright", "© 2012 Jane Doe/AP", None)]),
        ("© 2012 Jane Doe/AP", 2, "html", [("photo-credit", "Jane Doe/AP", 2)]),
        ("Jane Doe/Haaretz", None, "text", [("photo-credit", "Jane Doe/Haaretz", None)]),
        ("Jane Doe/Haaretz", None, "html", []),  # running text of a web page
    ],
)
def test_the_memo_keeps_apart_what_a_picture_and_a_web_page_change(
    text: str, image: int | None, fmt: str, expected: list[tuple[str, str, int | None]]
) -> None:
    # Every row is read after every other one: the memo holds each text in each place.
    for _ in range(2):
        for t, i, f in [("北京街头 新华社记者 李明 摄", None, "text"), ("© 2012 Jane Doe/AP", None, "html")]:
            extract(Document("b", f, (Block(t, 1, 1, image=i),), dt.date(2020, 1, 14), "flag"), RESOLVER)
        doc = Document("a", fmt, (Block(text, 4, 2, image=image),), dt.date(2020, 1, 14), "flag")
        assert [(a.kind.value, a.text, a.image) for a in extract(doc, RESOLVER)] == expected


def test_the_memo_keeps_the_block_kind_apart() -> None:
    # The same words are a notice in a rights field and nothing in running text.
    text = "Some holder or other"
    blocks = [Block(text, 2, 1, BlockKind.TEXT), Block(text, 3, 5, BlockKind.COPYRIGHT, image=1)]
    doc = Document("a.txt", "text", tuple(blocks), dt.date(2020, 1, 14), "flag")
    found = extract(doc, RESOLVER)
    assert [(a.kind.value, a.text, a.span, a.image) for a in found] == [
        ("copyright", text, blocks[1].span(0, len(text)), 1)
    ]
    assert found == _afresh(blocks)
