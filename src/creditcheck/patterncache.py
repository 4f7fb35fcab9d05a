"""Compiled regular expressions kept between runs, so that a start does not compile them again.

Compiling creditcheck's patterns (parsing them and building the matcher's code, in Python) is
a third of what a one-article ``check`` costs. The code the compiler builds depends only on the
pattern, its flags and the interpreter's ``re`` module, so it is kept in a file and handed
straight to the matcher next time, which gives the very object ``re.compile`` gives.

The file is used only by the same interpreter: its key is the interpreter's full version, the
matcher's magic number and code size, and the size and modification time of the ``re``
compiler's own files, compared exactly; anything else (or any problem reading it) and the
patterns are compiled as usual. The matcher also checks the code it is handed and refuses code
that is not well formed. Like the rule cache (``rulecache``), the file lives in
``cachefiles.cache_dir()``, is read only when it and its folder belong to the user and nobody
else may write them, is written atomically, and ``CREDITCHECK_NO_CACHE=1`` turns it off.
Only the command line writes it (``save``), once a command has run.
"""

from __future__ import annotations

import contextlib
import importlib
import marshal
import os
import re
import sys
from typing import Any, AnyStr

from creditcheck import cachefiles

# A development checkout changes its patterns without changing creditcheck's version: past this
# many the table starts afresh rather than keep every pattern that ever was.
_MAX_ENTRIES = 2000
_Key = tuple[str | bytes, int]
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

try:
    # The compiler's two halves and the matcher; private, so any surprise means no cache.
    _sre: Any = importlib.import_module("_sre")
    _parser: Any = importlib.import_module("re._parser")
    _compiler: Any = importlib.import_module("re._compiler")
    _parse = _parser.parse
    _code = _compiler._code
    _make = _sre.compile
except (ImportError, AttributeError):  # another interpreter: plain re.compile
    _make = None


class _Store:
    """The table of this process: loaded at the first pattern, written by ``save``."""

    def __init__(self) -> None:
        self.table: dict[_Key, _Entry] | None = None
        self.added = 0
        self.used: set[_Key] = set()
        self.file: str | None = None
        self.stamp: tuple[object, ...] | None = None


_STORE = _Store()


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the code kept by an earlier run when there is some."""
    flags = int(flags)
    table = _load() if _STORE.table is None else _STORE.table
    if _make is None:
        return re.compile(pattern, flags)
    _STORE.used.add((pattern, flags))
    entry = table.get((pattern, flags))
    if entry is not None:
        try:
            made: re.Pattern[AnyStr] = _make(pattern, *entry)
            return made
        except Exception:  # not code this matcher takes: compile it afresh below
            del table[(pattern, flags)]
    try:
        compiled, entry = _build(pattern, flags)
    except re.error:
        raise
    except Exception:  # the private compiler is not what this module knows
        return re.compile(pattern, flags)
    table[(pattern, flags)] = entry
    _STORE.added += 1
    return compiled


def _build(pattern: AnyStr, flags: int) -> tuple[re.Pattern[AnyStr], _Entry]:
    # What re._compiler.compile does, keeping the code it hands the matcher.
    parsed = _parse(pattern, flags)
    code = _code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # Plain ints: the opcodes are int subclasses, which marshal does not write.
    final_flags = int(flags | parsed.state.flags)
    groups = parsed.state.groups - 1
    entry: _Entry = (final_flags, [int(c) for c in code], groups, groupindex, tuple(indexgroup))
    compiled: re.Pattern[AnyStr] = _make(pattern, *entry)
    return compiled, entry


def _interpreter_stamp() -> tuple[object, ...]:
    stamp: list[object] = [sys.version, sys.hexversion, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT]
    for module in (_parser, _compiler):
        st = os.stat(module.__file__)
        stamp.extend((st.st_size, st.st_mtime_ns))
    return tuple(stamp)


def _load() -> dict[_Key, _Entry]:
    store = _STORE
    store.table = {}
    where = cachefiles.cache_dir()
    if where is None or _make is None:
        return store.table
    try:
        store.stamp = _interpreter_stamp()
    except (OSError, TypeError, AttributeError):
        return store.table
    tag = getattr(sys.implementation, "cache_tag", None) or "python"
    store.file = os.path.join(where, f"patterns-{tag}.marshal")
    try:
        if cachefiles.private(where) and cachefiles.private(store.file):
            with open(store.file, "rb") as fh:
                stamp, table = marshal.loads(fh.read())
            if stamp == store.stamp and isinstance(table, dict):
                store.table = table
    except Exception:  # missing, truncated or foreign: compile as usual
        pass
    return store.table


def save() -> None:
    """Keep the code of the patterns compiled in this run; silent when it cannot."""
    store = _STORE
    if not store.added or store.table is None or store.file is None or store.stamp is None:
        return
    import tempfile  # only when there is something new to keep

    table = store.table
    if len(table) > _MAX_ENTRIES:
        table = {k: v for k, v in table.items() if k in store.used}
    folder = os.path.dirname(store.file)
    tmp = None
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not cachefiles.private(folder):
            return
        fd, tmp = tempfile.mkstemp(prefix=".patterns-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            payload: Any = (store.stamp, table)
            fh.write(marshal.dumps(payload))
        os.replace(tmp, store.file)
        tmp = None
        store.added = 0
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
