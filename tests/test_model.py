"""The written-out value classes (model, ``Decoded``, ``CreditJudgement``) act as their frozen dataclasses."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as dt
import pickle
from types import FunctionType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from creditcheck.analysis import CreditJudgement, FormStatus
from creditcheck.decode import Decoded
from creditcheck.model import (
    Attribution,
    AttributionKind,
    Block,
    BlockKind,
    Document,
    FileResult,
    Finding,
    Image,
    ImageRef,
    Name,
    NameRole,
    Severity,
    Span,
    _Frozen,
    _stored_by_slot,
)
from creditcheck.ruleset import License, Rule, SourceKind
from creditcheck.safetext import shown


def _shown_text(self: Any) -> None:
    # Name's and Attribution's checks as their dataclasses ran them after __init__.
    if not self.text.isprintable():
        object.__setattr__(self, "text", shown(self.text, one_line=False))
    holder = getattr(self, "holder", None)
    if holder is not None and not holder.isprintable():
        object.__setattr__(self, "holder", shown(holder, one_line=False))


def _shown_fields(*names: str) -> Any:
    # Finding's and FileResult's checks as their dataclasses ran them after __init__.
    def post_init(self: Any) -> None:
        for name in names:
            value = getattr(self, name)
            if value is not None and not value.isprintable():
                object.__setattr__(self, name, shown(value, one_line=name == "path"))

    return post_init


def _reference(
    cls: type, fields: list[Any], order: bool = False, checked: bool = False, post_init: Any = None
) -> Any:
    """The frozen dataclass ``cls`` was before it was written out."""
    namespace = {"__post_init__": post_init or _shown_text} if checked or post_init else {}
    made = dataclasses.make_dataclass(
        cls.__name__, fields, frozen=True, slots=True, order=order, namespace=namespace
    )
    made.__module__ = cls.__module__
    return made


REFERENCES: dict[type, Any] = {
    Span: _reference(
        Span, [("line", int), ("column", int), ("end_line", int), ("end_column", int)], order=True
    ),
    Block: _reference(
        Block,
        [
            ("text", str),
            ("line", int),
            ("column", int),
            ("kind", BlockKind, dataclasses.field(default=BlockKind.TEXT)),
            ("image", int | None, dataclasses.field(default=None)),
            ("line_starts", tuple, dataclasses.field(default=())),
            ("story", bool, dataclasses.field(default=True)),
        ],
    ),
    Image: _reference(Image, [("index", int), ("src", str), ("span", Span)]),
    Name: _reference(
        Name,
        [
            ("text", str),
            ("span", Span),
            ("role", NameRole),
            ("rule", str | None, dataclasses.field(default=None)),
            ("score", float, dataclasses.field(default=100.0)),
            ("alias", str | None, dataclasses.field(default=None)),
        ],
        checked=True,
    ),
    Attribution: _reference(
        Attribution,
        [
            ("kind", AttributionKind),
            ("text", str),
            ("span", Span),
            ("names", tuple),
            ("year", int | None, dataclasses.field(default=None)),
            ("holder", str | None, dataclasses.field(default=None)),
            ("image", int | None, dataclasses.field(default=None)),
        ],
        checked=True,
    ),
    Document: _reference(
        Document,
        [
            ("path", str),
            ("format", str),
            ("blocks", tuple),
            ("published", dt.date),
            ("published_from", str),
            *[
                (name, object, dataclasses.field(default=default))
                for name, default in (
                    ("images", ()),
                    ("source_names", ()),
                    ("title", None),
                    ("end", Span(1, 1, 1, 1)),
                    ("suppressions", ()),
                    ("published_at", None),
                    ("embargo", None),
                    ("embargo_span", None),
                    ("status", None),
                    ("instructions", ()),
                    ("asset_id", None),
                    ("creators", ()),
                    ("url", None),
                    ("publisher", ()),
                )
            ],
        ],
    ),
    Finding: _reference(
        Finding,
        [
            ("path", str),
            ("span", Span),
            ("check", str),
            ("code", str),
            ("severity", Severity),
            ("message", str),
            ("text", str),
            ("fix", str | None, dataclasses.field(default=None)),
            ("source", str | None, dataclasses.field(default=None)),
        ],
        order=True,
        post_init=_shown_fields("path", "message", "text", "fix"),
    ),
    FileResult: _reference(
        FileResult,
        [
            ("path", str),
            ("format", str),
            ("published", dt.date | None),
            ("published_from", str | None),
            ("findings", tuple),
            ("attributions", tuple, dataclasses.field(default=())),
            ("title", str | None, dataclasses.field(default=None)),
            ("url", str | None, dataclasses.field(default=None)),
            ("images", tuple, dataclasses.field(default=())),
            ("internal_error", str | None, dataclasses.field(default=None)),
        ],
        post_init=_shown_fields("path", "title", "url"),
    ),
    CreditJudgement: _reference(
        CreditJudgement,
        [
            ("attribution", Attribution),
            ("status", FormStatus),
            ("rule", object, dataclasses.field(default=None)),
            ("expected", str | None, dataclasses.field(default=None)),
            ("fix", str | None, dataclasses.field(default=None)),
            ("dropped", tuple, dataclasses.field(default=())),
            ("collection", str | None, dataclasses.field(default=None)),
        ],
    ),
    Decoded: _reference(
        Decoded,
        [
            ("text", str),
            ("encoding", str),
            ("bom", bool, dataclasses.field(default=False)),
            ("mojibake", bool, dataclasses.field(default=False)),
            ("codec", str, dataclasses.field(default="")),
            ("prefix", bytes, dataclasses.field(default=b"")),
            ("repairs", tuple, dataclasses.field(default=())),
            ("exact", bool, dataclasses.field(default=True)),
        ],
    ),
}

_texts = st.text(alphabet=st.sampled_from("ab \n\x07\t\u200b\udc80é"), max_size=6)
_ints = st.integers(min_value=-3, max_value=3)
_spans = st.builds(Span, _ints, _ints, _ints, _ints)
_names = st.builds(
    Name,
    _texts,
    _spans,
    st.sampled_from(NameRole),
    st.none() | st.sampled_from(["ap", "afp"]),
    st.sampled_from([100.0, 91.5, 100, float("inf")]),
    st.none() | _texts,
)
_ARGS: dict[type, st.SearchStrategy[tuple[Any, ...]]] = {
    Span: st.tuples(_ints, _ints, _ints, _ints),
    Block: st.tuples(
        _texts,
        _ints,
        _ints,
        st.sampled_from(BlockKind),
        st.none() | _ints,
        st.lists(st.tuples(_ints, _ints, _ints), max_size=2).map(tuple),
        st.booleans(),
    ),
    Image: st.tuples(_ints, _texts, _spans),
    Name: st.tuples(
        _texts,
        _spans,
        st.sampled_from(NameRole),
        st.none() | _texts,
        st.sampled_from([100.0, 91.5]),
        st.none() | _texts,
    ),
    Attribution: st.tuples(
        st.sampled_from(AttributionKind),
        _texts,
        _spans,
        st.lists(_names, max_size=2).map(tuple),
        st.none() | _ints,
        st.none() | _texts,
        st.none() | _ints,
    ),
}
_blocks = st.builds(Block, *[st.just(x) for x in ("a", 1, 1)])
_days = st.sampled_from([dt.date(2024, 1, 2), dt.date(2025, 12, 31)])
_placed = st.lists(st.tuples(_texts, _spans), max_size=2).map(tuple)
_ARGS[Document] = st.tuples(
    _texts,
    st.sampled_from(["html", "markdown"]),
    st.lists(_blocks, max_size=2).map(tuple),
    _days,
    _texts,
    st.lists(st.builds(Image, _ints, _texts, _spans), max_size=2).map(tuple),
    _placed,
    st.none() | _texts,
    _spans,
    st.just(()),
    st.none() | st.just(dt.datetime(2024, 1, 2, 3, 4, tzinfo=dt.UTC)),
    st.none() | _days,
    st.none() | _spans,
    st.none() | st.tuples(_texts, _spans),
    _placed,
    st.none() | _texts,
    _placed,
    st.none() | _texts,
    st.lists(_texts, max_size=2).map(tuple),
)
_ARGS[Finding] = st.tuples(
    _texts,
    _spans,
    st.sampled_from(["a", "b"]),
    st.sampled_from(["CC1", "CC2"]),
    st.sampled_from(Severity),
    _texts,
    _texts,
    st.none() | _texts,
    st.none() | _texts,
)
_ARGS[FileResult] = st.tuples(
    _texts,
    st.sampled_from(["html", "text"]),
    st.none() | _days,
    st.none() | _texts,
    st.lists(_ARGS[Finding].map(lambda a: Finding(*a)), max_size=2).map(tuple),
    st.lists(_ARGS[Attribution].map(lambda a: Attribution(*a)), max_size=2).map(tuple),
    st.none() | _texts,
    st.none() | _texts,
    st.lists(st.builds(ImageRef, _texts, st.none() | _texts), max_size=2).map(tuple),
    st.none() | _texts,
)
_RULES = [
    Rule(rule_id, rule_id.upper(), f"rules/{rule_id}.yaml", SourceKind.AGENCY, License("active"))
    for rule_id in ("ap", "afp")
]
_ARGS[CreditJudgement] = st.tuples(
    _ARGS[Attribution].map(lambda a: Attribution(*a)),
    st.sampled_from(FormStatus),
    st.none() | st.sampled_from(_RULES),
    st.none() | _texts,
    st.none() | _texts,
    st.lists(_texts, max_size=2).map(tuple),
    st.none() | _texts,
)
_ARGS[Decoded] = st.tuples(
    _texts,
    st.sampled_from(["utf-8", "cp1252"]),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["", "utf-16-le"]),
    st.sampled_from([b"", b"\xff\xfe"]),
    st.lists(st.tuples(_ints, _ints), max_size=2).map(tuple),
    st.booleans(),
)


def _fields(value: Any) -> tuple[Any, ...]:
    return tuple(getattr(value, f) for f in type(value).__match_args__)


@pytest.mark.parametrize("cls", list(REFERENCES), ids=lambda cls: cls.__name__)
@settings(deadline=None)  # a document's or a result's nested values take long to draw on a busy machine
@given(data=st.data())
def test_a_written_out_class_behaves_as_its_frozen_dataclass(cls: type, data: st.DataObject) -> None:
    reference = REFERENCES[cls]
    assert cls.__match_args__ == reference.__match_args__  # type: ignore[attr-defined]
    args, other_args = data.draw(_ARGS[cls]), data.draw(_ARGS[cls])
    required = sum(1 for f in dataclasses.fields(reference) if f.default is dataclasses.MISSING)
    args = args[: data.draw(st.integers(min_value=required, max_value=len(args)))]  # defaults too
    value, plain = cls(*args), reference(*args)
    other, other_plain = cls(*other_args), reference(*other_args)
    assert _fields(value) == _fields(plain)
    assert repr(value) == repr(plain)
    assert hash(value) == hash(plain)
    assert (value == other) == (plain == other_plain)
    assert (value != other) == (plain != other_plain)
    assert value == cls(*_fields(value))
    assert value != plain  # another class: neither says equal, as two dataclasses would not
    if cls in (Span, Finding):
        for op in ("__lt__", "__le__", "__gt__", "__ge__"):
            try:
                expected = getattr(plain, op)(other_plain)
            except TypeError:  # None against a text: neither orders them
                with pytest.raises(TypeError):
                    getattr(value, op)(other)
            else:
                assert getattr(value, op)(other) == expected
        with contextlib.suppress(TypeError):
            in_order = [cls(*_fields(s)) for s in sorted([plain, other_plain])]
            assert sorted([value, other]) == in_order
    for kept in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
        assert type(kept) is cls
        assert _fields(kept) == _fields(value)
    for field_name in (*cls.__match_args__, "unknown"):  # type: ignore[attr-defined]
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, field_name, None)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(value, field_name)
    assert not hasattr(value, "__dict__")


@given(args=_ARGS[Name], role=st.sampled_from(NameRole))
def test_a_name_in_another_role_is_what_replace_made(args: tuple[Any, ...], role: NameRole) -> None:
    name, plain = Name(*args), REFERENCES[Name](*args)
    assert _fields(name.with_role(role)) == _fields(dataclasses.replace(plain, role=role))


@given(args=_ARGS[Attribution], names=_ARGS[Attribution].map(lambda a: a[3]))
def test_an_attribution_with_other_names_is_what_replace_made(
    args: tuple[Any, ...], names: tuple[Name, ...]
) -> None:
    found, plain = Attribution(*args), REFERENCES[Attribution](*args)
    assert _fields(found.with_names(names)) == _fields(dataclasses.replace(plain, names=names))


@given(args=_ARGS[Finding], severity=st.sampled_from(Severity), message=_texts, fix=st.none() | _texts)
def test_a_finding_changed_is_what_replace_made(
    args: tuple[Any, ...], severity: Severity, message: str, fix: str | None
) -> None:
    found, plain = Finding(*args), REFERENCES[Finding](*args)
    assert _fields(found.with_severity(severity)) == _fields(dataclasses.replace(plain, severity=severity))
    assert _fields(found.with_message(message, fix)) == _fields(
        dataclasses.replace(plain, message=message, fix=fix)
    )


@given(args=_ARGS[FileResult], error=_texts)
def test_a_result_marked_failed_is_what_replace_made(args: tuple[Any, ...], error: str) -> None:
    result, plain = FileResult(*args), REFERENCES[FileResult](*args)
    assert _fields(result.with_internal_error(error)) == _fields(
        dataclasses.replace(plain, internal_error=error)
    )


@given(args=_ARGS[CreditJudgement], other=_ARGS[Attribution])
def test_a_judgement_of_another_attribution_is_what_replace_made(
    args: tuple[Any, ...], other: tuple[Any, ...]
) -> None:
    judged, plain = CreditJudgement(*args), REFERENCES[CreditJudgement](*args)
    attribution = Attribution(*other)
    assert _fields(judged.with_attribution(attribution)) == _fields(
        dataclasses.replace(plain, attribution=attribution)
    )


def test_replace_refuses_a_field_the_value_has_not() -> None:
    name = Name("AP", Span(1, 1, 1, 3), NameRole.ORGANISATION)
    with pytest.raises(TypeError, match="Name has no field 'colour'"):
        name._replace(colour="red")
    assert name._replace(rule="ap") == Name("AP", Span(1, 1, 1, 3), NameRole.ORGANISATION, "ap")


_STORED_BY_SLOT = (Span, Block, Image, Name, Attribution, Document)


@pytest.mark.parametrize("cls", _STORED_BY_SLOT, ids=lambda cls: cls.__name__)
@settings(deadline=None)
@given(data=st.data())
def test_an_init_that_stores_by_slot_takes_keywords_as_the_written_out_one(
    cls: type, data: st.DataObject
) -> None:
    init = cls.__dict__["__init__"]
    if not isinstance(init, FunctionType):
        pytest.skip("compiled: the written-out __init__ is kept")
    # The pure build's __init__ is made from the field names (model._stored_by_slot).
    assert any(name.startswith("_set_") for name in init.__code__.co_names)
    reference = REFERENCES[cls]
    names: tuple[str, ...] = cls.__match_args__  # type: ignore[attr-defined]
    args = data.draw(_ARGS[cls])
    required = sum(1 for f in dataclasses.fields(reference) if f.default is dataclasses.MISSING)
    # The first ``positional`` arguments by position, the other required ones and some optional
    # ones by name, in any order.
    positional = data.draw(st.integers(min_value=0, max_value=len(names)))
    optional = data.draw(st.lists(st.sampled_from(names[max(positional, required) :] or ("",)), unique=True))
    by_name = [*names[positional:required], *(name for name in optional if name)]
    by_name = data.draw(st.permutations(by_name))
    keywords = {name: args[names.index(name)] for name in by_name}
    value, plain = cls(*args[:positional], **keywords), reference(*args[:positional], **keywords)
    assert _fields(value) == _fields(plain)
    with pytest.raises(TypeError):
        cls(*args, args[0])  # one argument too many, as the written-out __init__ refuses


def test_a_class_whose_init_is_not_its_fields_in_order_keeps_its_init() -> None:
    if not isinstance(_Frozen.__dict__.get("__setattr__"), FunctionType):
        # A class defined here cannot extend a compiled one (and a compiled class keeps its
        # written-out __init__: _stored_by_slot changes nothing there).
        pytest.skip("compiled: _Frozen is a native class")

    class Pair(_Frozen):
        __slots__ = ("a", "b")
        __match_args__ = ("a", "b")
        a: int
        b: int

        def __init__(self, b: int, a: int) -> None:
            object.__setattr__(self, "a", a)
            object.__setattr__(self, "b", b)

        def _key(self) -> tuple[int, int]:
            return (self.a, self.b)

    written = Pair.__init__
    _stored_by_slot(Pair)
    assert Pair.__init__ is written
    assert _fields(Pair(1, 2)) == (2, 1)
