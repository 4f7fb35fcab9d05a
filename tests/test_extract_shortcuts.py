"""The extractor's shortcuts (the memo, the gate before the name parser) change no attribution."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import creditcheck.extract as extract_package
from creditcheck.extract import credits, extract, extract_block
from creditcheck.extract.context import BlockText, Candidate
from creditcheck.model import Attribution, AttributionKind, Block, BlockKind, Document, Name, NameRole, Span
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


class _Forgetful(OrderedDict[object, list[Attribution]]):
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


# --- the gate before the name parser -------------------------------------------------------------

# Real credit lines and lines that are none, in the forms the extractor tells apart.
_LINES = [
    "(AP Photo/Matt Rourke)",
    "Kim Jong Un waves. (Ed Jones/AFP via Getty Images)",
    "Photo: Kyodo",
    "Photos: Steve Jobs resigns",
    "© 2020 The Japan Times",
    "Jane Doe, Associated Press",
    "Reuters reported that the talks (which began on Monday) would go on.",
    "RETUERS/Jane Doe",
    "Tomer Appelbaum/Haaretz",
    "(Marc Israel Sellem/POOL)",
    "Courtesy of the ICJ",
    "Florion Goga (REUTERS)",
    "UN Photo / ICJ-CIJ / Frank van Beek. Courtesy of the ICJ",
    "Steven Puetzer | The Image Bank | Getty Images",
    "The Environmental Protection Agency (EPA) said",
    '<doc-id regsrc="AP" />',
    "https://example.com/a.jpg",
    "(Sony/Handout)",
    "reuters.com",
    "Reuters 13 mins ago",
    "Styling: Kate Phelan",
    "@realdonaldtrump",
    "Crowds at the Tokyo/Osaka line on Monday.",
    "北京街头 新华社记者 李明 摄",
    # A wire tag after the names, and bare prefixes that only a bracket or credit element reads.
    "Jane Doe/Reuters/File Photo",
    "A man said he will run. Jane Doe/AP TPX IMAGES OF THE DAY",
    "(photo Lionel Bonaventure. AFP)",
    "(Photo the staff said was taken on Monday by Jane Doe)",
    "(picture Jane Doe of the city council, who said it was taken on the day)",
]
_gate_texts = st.lists(
    st.one_of(st.sampled_from(_COMMON), st.sampled_from(_LINES), st.text(max_size=6)), max_size=10
).map("".join)


def _names_first(blocks: list[Block], running: bool) -> list[Attribution]:
    """The blocks read with the gate's test asked where it was before: after the names."""
    text_half, names_half = credits.plausible_text, credits.plausible_names

    def both(
        ctx: BlockText,
        start: int,
        end: int,
        names: list[Name],
        prefixed: bool,
        cand: Candidate,
        explicit: bool = False,
    ) -> bool:
        return text_half(ctx, start, end, prefixed, cand) and names_half(
            ctx, start, end, names, prefixed, cand, explicit
        )

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(credits, "plausible_text", lambda *_args: True)
        mp.setattr(credits, "plausible_names", both)
        return [a for b in blocks for a in extract_block(b, RESOLVER, None, running)]


def _gated(blocks: list[Block], running: bool) -> list[Attribution]:
    return [a for b in blocks for a in extract_block(b, RESOLVER, None, running)]


@PROPERTY
@given(st.lists(st.tuples(_gate_texts, _kinds, st.booleans()), min_size=1, max_size=4), st.booleans())
def test_the_gate_refuses_only_what_the_names_could_not_save(
    texts: list[tuple[str, BlockKind, bool]], running: bool
) -> None:
    blocks = [
        Block(t, i + 1, 1, kind, 0 if pictured else None) for i, (t, kind, pictured) in enumerate(texts)
    ]
    assert _gated(blocks, running) == _names_first(blocks, running)


@pytest.mark.parametrize("running", [False, True])
def test_the_gate_keeps_every_credit_of_the_lines(running: bool) -> None:
    blocks = [
        Block(t, 1, 1, kind, image)
        for t in _LINES
        for kind in (BlockKind.TEXT, BlockKind.CAPTION, BlockKind.CREDIT)
        for image in (None, 0)
    ]
    gated = _gated(blocks, running)
    assert gated == _names_first(blocks, running)
    assert len(gated) > 40


def test_moving_an_attribution_keeps_every_field_but_its_places() -> None:
    # ``_relocated`` builds each attribution and name field by field: a field it did not name
    # would be lost, so every field is set here to a value other than its default.
    span = Span(1, 3, 1, 9)
    name = Name("Jane Doe", span, NameRole.PERSON, rule="ap", score=91.5, alias="AP Photo")
    found = Attribution(AttributionKind.COPYRIGHT, "© 2012 Jane Doe", span, (name,), 2012, "Jane Doe", 0)
    block = Block("x" * 20, 7, 5, BlockKind.CAPTION, 4, ((5, 8, 2),))
    (moved,) = extract_package._relocated([found], block)
    assert moved == Attribution(
        found.kind,
        found.text,
        block.span(2, 8),
        (Name(name.text, block.span(2, 8), name.role, name.rule, name.score, name.alias),),
        found.year,
        found.holder,
        4,
    )
    assert moved.span == Span(7, 7, 8, 5)  # offsets 2 to 7: line 7 column 7 to line 8 column 4
    for obj, copy in ((found, moved), (name, moved.names[0])):
        kept = [f for f in type(obj).__match_args__ if f not in ("span", "names", "image")]
        assert all(getattr(copy, f) == getattr(obj, f) for f in kept)
