"""The model's written-out value classes behave as the frozen dataclasses they replace."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creditcheck.model import Attribution, AttributionKind, Block, BlockKind, Image, Name, NameRole, Span
from creditcheck.safetext import shown


def _shown_text(self: Any) -> None:
    # Name's and Attribution's checks as their dataclasses ran them after __init__.
    if not self.text.isprintable():
        object.__setattr__(self, "text", shown(self.text, one_line=False))
    holder = getattr(self, "holder", None)
    if holder is not None and not holder.isprintable():
        object.__setattr__(self, "holder", shown(holder, one_line=False))


def _reference(cls: type, fields: list[Any], order: bool = False, checked: bool = False) -> Any:
    """The frozen dataclass ``cls`` was before it was written out."""
    namespace = {"__post_init__": _shown_text} if checked else {}
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


def _fields(value: Any) -> tuple[Any, ...]:
    return tuple(getattr(value, f) for f in type(value).__match_args__)


@pytest.mark.parametrize("cls", list(REFERENCES), ids=lambda cls: cls.__name__)
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
    if cls is Span:
        for op in ("__lt__", "__le__", "__gt__", "__ge__"):
            assert getattr(value, op)(other) == getattr(plain, op)(other_plain)
        assert sorted([value, other]) == [cls(*_fields(s)) for s in sorted([plain, other_plain])]
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
