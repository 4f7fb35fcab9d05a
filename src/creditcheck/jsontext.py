"""JSON text as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, built from the C encoder.

``json.dumps`` with ``indent`` falls back to the pure-Python encoder, which is the slowest part
of writing a big report. Here strings are escaped by the C function the encoder itself uses,
and the layout (line breaks, two spaces a level, ``", "`` never, ``": "`` after keys) is put
together directly, so the bytes are the same as ``json.dumps`` gives and items can be written
one at a time as results arrive.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring  # the C implementation when the interpreter has it

INDENT = "  "


def scalar(value: object) -> str:
    """One JSON scalar (string, number, boolean or null)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return json.dumps(value)  # floats: repr, and the spellings json uses for nan and infinity


def indented(value: object, level: int = 0) -> str:
    """``value`` as ``json.dumps(value, indent=2)`` lays it out when it sits ``level`` deep."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + INDENT * (level + 1)
        items = (f"{encode_basestring(str(k))}: {indented(v, level + 1)}" for k, v in value.items())
        return "{" + inner + ("," + inner).join(items) + "\n" + INDENT * level + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = "\n" + INDENT * (level + 1)
        return (
            "["
            + inner
            + ("," + inner).join(indented(v, level + 1) for v in value)
            + "\n"
            + INDENT * level
            + "]"
        )
    return scalar(value)


class Array:
    """A JSON array's items at ``level``, written one by one after the caller's ``[``; ``]`` at ``close``."""

    def __init__(self, write: Callable[[str], object], level: int) -> None:
        self.write = write
        self.level = level
        self.count = 0
        self._separator = "\n" + INDENT * (level + 1)

    def add(self, item: object) -> None:
        self.write(("," if self.count else "") + self._separator + indented(item, self.level + 1))
        self.count += 1

    def extend(self, items: Iterable[object]) -> None:
        for item in items:
            self.add(item)

    def close(self) -> None:
        self.write("\n" + INDENT * self.level + "]" if self.count else "]")
