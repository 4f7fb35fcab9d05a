"""Regular expressions compiled when first used, so that importing a module of patterns costs nothing.

``lazyre.compile`` returns a stand-in typed as ``re.Pattern``. The first time one of its
attributes is read (``search``, ``finditer``, …) the expression is compiled and that attribute
is kept on the stand-in itself, so every later call goes straight to the compiled pattern's
method, at the cost of a plain attribute lookup. A stand-in is not an ``re.Pattern`` instance:
pass its methods around, never the stand-in to ``re.sub`` and the like.
"""

from __future__ import annotations

import re
from re import ASCII, DOTALL, IGNORECASE, MULTILINE, UNICODE, VERBOSE, A, I, M, S, U, X
from typing import cast

from creditcheck import compilecache

__all__ = [
    "ASCII",
    "DOTALL",
    "IGNORECASE",
    "MULTILINE",
    "UNICODE",
    "VERBOSE",
    "A",
    "I",
    "M",
    "S",
    "U",
    "X",
    "compile",
]


class _Deferred:
    """An expression and its flags, compiled on first use; then it holds what was read of it."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern  # readable before compiling: a larger expression may embed it
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:
        # Only called for what the instance does not hold yet.
        if name.startswith("__"):
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = compilecache.compile(self.pattern, self._flags)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazyre.compile({self.pattern!r}, {self._flags})"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern that compiles ``pattern`` with ``flags`` the first time it is used."""
    return cast("re.Pattern[str]", _Deferred(pattern, flags))
