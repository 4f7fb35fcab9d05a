"""What a start would compile again and again (patterns, dataclass methods), kept between runs.

Two things cost a one-article ``check`` a third of its time, and both are the same every run:

- compiling creditcheck's regular expressions: ``re`` parses each pattern and builds the
  matcher's code in Python. That code depends only on the pattern, its flags and the
  interpreter's ``re`` module, so it is kept and handed straight to the matcher next time
  (``compile``), which gives the very object ``re.compile`` gives (``Pattern`` equality, which
  compares the matcher's code, is what the tests check);
- compiling the methods ``dataclasses`` writes for each class (``__init__``, ``__eq__``, …): it
  builds their source text and compiles it with ``exec``. The code object compiled from a given
  text is kept, as ``.pyc`` files keep a module's, and ``dataclass`` makes the class with the
  standard decorator, whose ``exec`` takes the kept code for a text it has seen.

The file is used only by the same interpreter: its key is the interpreter's full version, the
matcher's magic number and code size, and the size and modification time of the ``re``
compiler's own files, compared exactly; anything else (or any problem reading it, a checksum
that does not match included) and everything is compiled as usual. The matcher also checks the
code it is handed and refuses code that is not well formed. Like the rule cache
(``rulecache``), the file lives in ``cachefiles.cache_dir()``, is read only when it and its
folder belong to the user and nobody else may write them, is written atomically, and
``CREDITCHECK_NO_CACHE=1`` turns it off.
Only the command line writes it (``save``), once a command has run.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import importlib
import marshal
import os
import re
import sys
import zlib
from array import array
from collections.abc import Callable
from types import CodeType
from typing import Any, AnyStr, TypeVar, dataclass_transform, overload

from creditcheck import cachefiles

# A development checkout changes its patterns and classes without changing creditcheck's
# version: past this many entries a table keeps only what this run used.
_MAX_ENTRIES = 4000
_Key = tuple[str | bytes, int]
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_T = TypeVar("_T")
# What the file holds and how; a change makes files of the old layout unread.
_FORMAT = 3

try:
    # The compiler's two halves and the matcher; private, so any surprise means no cache.
    _sre: Any = importlib.import_module("_sre")
    _parser: Any = importlib.import_module("re._parser")
    _compiler: Any = importlib.import_module("re._compiler")
    _parse = _parser.parse
    _code = _compiler._code
    _make = _sre.compile
    # The matcher's code as bytes in the file, which read far faster than lists of ints.
    _WORD = next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE)
except (ImportError, AttributeError, StopIteration):  # another interpreter: plain re.compile
    _make = None


class _Store:
    """The tables of this process: read at first use, written by ``save``."""

    def __init__(self) -> None:
        self.loaded = False
        self.patterns: dict[_Key, _Entry] = {}
        self.code: dict[str, bytes] = {}
        self.added = 0
        self.used_patterns: set[_Key] = set()
        self.used_code: set[str] = set()
        self.stamp: tuple[object, ...] | None = None


_STORE = _Store()


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the code kept by an earlier run when there is some."""
    flags = int(flags)
    store = _STORE if _STORE.loaded else _load()
    if _make is None:
        return re.compile(pattern, flags)
    table = store.patterns
    store.used_patterns.add((pattern, flags))
    entry = table.get((pattern, flags))
    if entry is not None:
        try:
            final_flags, code, groups, groupindex, indexgroup = entry
            made: re.Pattern[AnyStr] = _make(
                pattern, final_flags, array(_WORD, code).tolist(), groups, groupindex, indexgroup
            )
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
    store.added += 1
    return compiled


def _build(pattern: AnyStr, flags: int) -> tuple[re.Pattern[AnyStr], _Entry]:
    # What re._compiler.compile does, keeping the code it hands the matcher.
    parsed = _parse(pattern, flags)
    code = _code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final_flags = flags | parsed.state.flags
    groups = parsed.state.groups - 1
    compiled: re.Pattern[AnyStr] = _make(pattern, final_flags, code, groups, groupindex, tuple(indexgroup))
    entry: _Entry = (int(final_flags), array(_WORD, code).tobytes(), groups, groupindex, tuple(indexgroup))
    return compiled, entry


@overload
def dataclass(cls: type[_T], /) -> type[_T]: ...
@overload
def dataclass(
    *,
    init: bool = True,
    repr: bool = True,
    eq: bool = True,
    order: bool = False,
    unsafe_hash: bool = False,
    frozen: bool = False,
    match_args: bool = True,
    kw_only: bool = False,
    slots: bool = False,
    weakref_slot: bool = False,
) -> Callable[[type[_T]], type[_T]]: ...
@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def dataclass(cls: Any = None, /, **options: Any) -> Any:
    """``dataclasses.dataclass``, its methods' code taken from the cache when it holds it."""

    def wrap(target: Any) -> Any:
        # dataclasses looks ``exec`` up in its own module before the builtin: for the time it
        # makes this class, that name is the cached one (any class made meanwhile gets the same
        # code it would have compiled itself).
        vars(dataclasses)["exec"] = _exec
        try:
            return dataclasses.dataclass(target, **options)
        finally:
            vars(dataclasses).pop("exec", None)

    return wrap if cls is None else wrap(cls)


def _exec(source: object, globals: dict[str, Any] | None = None, locals: Any = None) -> None:
    store = _STORE if _STORE.loaded else _load()
    if not isinstance(source, str):
        exec(source, globals, locals)  # type: ignore[arg-type]
        return
    store.used_code.add(source)
    code = None
    kept = store.code.get(source)
    if kept is not None:
        # Each function's code is read only when a class needs it (most runs make few).
        with contextlib.suppress(Exception):
            code = marshal.loads(kept)
    if not isinstance(code, CodeType):
        code = builtins.compile(source, "<string>", "exec")
        store.code[source] = marshal.dumps(code)
        store.added += 1
    exec(code, globals, locals)


def _interpreter_stamp() -> tuple[object, ...]:
    stamp: list[object] = [_FORMAT, sys.version, sys.hexversion, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT]
    for module in (_parser, _compiler):
        st = os.stat(module.__file__)
        stamp.extend((st.st_size, st.st_mtime_ns))
    return tuple(stamp)


def _load() -> _Store:
    store = _STORE
    store.loaded = True
    where = cachefiles.cache_dir()
    if where is None or _make is None:
        return store
    try:
        store.stamp = _interpreter_stamp()
    except (OSError, TypeError, AttributeError):
        return store
    file = _file(where, store.stamp)
    try:
        if cachefiles.private(where) and cachefiles.private(file):
            with open(file, "rb") as fh:
                stamp, patterns, code = _unpack(fh.read())
            if stamp == store.stamp and isinstance(patterns, dict) and isinstance(code, dict):
                store.patterns, store.code = patterns, code
    except Exception:  # missing, truncated or foreign: compile as usual
        pass
    return store


def _file(where: str, stamp: tuple[object, ...]) -> str:
    tag = getattr(sys.implementation, "cache_tag", None) or "python"
    # A file of its own for each interpreter and layout, so that two of them used in turn
    # (a project's hook and a checkout, say) never overwrite each other's file at every run.
    label = zlib.crc32(repr(stamp).encode("utf-8", "backslashreplace"))
    return os.path.join(where, f"compiled-{tag}-{label:08x}.marshal")


def _pack(payload: Any) -> bytes:
    data = marshal.dumps(payload)
    return zlib.crc32(data).to_bytes(4, "big") + data


def _unpack(raw: bytes) -> Any:
    # The checksum turns a damaged file into a missing one rather than wrong code.
    data = raw[4:]
    if zlib.crc32(data).to_bytes(4, "big") != raw[:4]:
        raise ValueError("damaged")
    return marshal.loads(data)


def save() -> None:
    """Keep what this run compiled that the file did not hold; silent when it cannot."""
    store = _STORE
    # The folder as it is now, not as it was when the file was read (tests move it).
    where = cachefiles.cache_dir()
    if not store.added or where is None or store.stamp is None:
        return
    import tempfile  # only when there is something new to keep

    patterns, code = store.patterns, store.code
    if len(patterns) + len(code) > _MAX_ENTRIES:
        patterns = {k: v for k, v in patterns.items() if k in store.used_patterns}
        code = {k: v for k, v in code.items() if k in store.used_code}
    file = _file(where, store.stamp)
    folder = os.path.dirname(file)
    tmp = None
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not cachefiles.private(folder):
            return
        fd, tmp = tempfile.mkstemp(prefix=".compiled-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_pack((store.stamp, patterns, code)))
        os.replace(tmp, file)
        tmp = None
        store.added = 0
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
