"""A cache of validated rule sets, so that a run whose rule files are unchanged skips YAML.

Reading ten rule files costs more than checking one article (PyYAML's import, parsing and
validation), and an editor's check or a pre-commit hook pays it every time. A rule set that
validated is stored with everything it was made from, and used again only when all of that is
the same, compared byte for byte, never by a hash or a time alone:

- creditcheck's version, the interpreter's version, the whole text of the modules that read
  rule files and define the rule types (a development checkout changes them without changing
  the version), and the size and modification time of PyYAML's package file;
- the rule files' paths, in order, and their whole content.

A rule set is stored only if it was made from the very bytes of the key (its digest says
so), so a rule file edited while it was being read is never cached under the old text.

The cache lives in ``$CREDITCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/creditcheck``, else
``~/.cache/creditcheck``; ``CREDITCHECK_NO_CACHE=1`` turns it off. A cache file is read only
when it and its folder belong to the user running creditcheck and nobody else may write them
(it is a pickle), and it is written atomically under a name of its own, so concurrent runs
and threads never see half a file; any problem with the cache means the rule
files are simply read.
"""

from __future__ import annotations

import contextlib
import copyreg
import importlib.util
import os
import pickle
import re
import sys
import zlib
from collections.abc import Sequence
from typing import Any

from creditcheck import __version__, compilecache
from creditcheck.cachefiles import cache_dir
from creditcheck.cachefiles import private as _private
from creditcheck.compilecache import dataclass
from creditcheck.ruleset import RuleSet

_RULE_SUFFIXES = (".yaml", ".yml")
# The modules whose code decides what a rule set read from the same files is.
_CODE = (
    "ruleset.py",
    "rulefiles.py",
    "templates.py",
    "yamlsafe.py",
    "safetext.py",
    "errors.py",
    "rulecache.py",
    "cachefiles.py",
    "compilecache.py",
)


@dataclass
class Lookup:
    """The outcome of looking a folder set up: the cached rule set, or how to store a new one."""

    ruleset: RuleSet | None
    file: str | None = None
    key: tuple[object, ...] | None = None

    def store(self, ruleset: RuleSet) -> None:
        """Keep a rule set that validated from the files looked up; silent when it cannot."""
        if self.file is None or self.key is None or not self._made_from_key(ruleset):
            return
        import tempfile  # only when a rule set is stored, not on every start

        folder = os.path.dirname(self.file)
        tmp = None
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            if not _private(folder):
                return
            # mkstemp: a name no other process or thread uses, created 0600.
            fd, tmp = tempfile.mkstemp(prefix=".rules-", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "wb") as fh:
                pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
                # The templates' patterns come back through the pattern cache, not compiled anew.
                reducers: dict[type, Any] = dict(copyreg.dispatch_table)
                reducers[re.Pattern] = _reduce_pattern
                pickler.dispatch_table = reducers
                pickler.dump((self.key, ruleset))
            os.replace(tmp, self.file)
        except (OSError, pickle.PicklingError):
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    def _made_from_key(self, ruleset: RuleSet) -> bool:
        # The files were read twice (here for the key, then to parse them): a file changed in
        # between would pair the old bytes with the new rules.
        from creditcheck.rulefiles import rules_digest

        assert self.key is not None
        sources: tuple[tuple[str, bytes], ...] = self.key[-1]  # type: ignore[assignment]
        read = [(os.path.splitext(os.path.basename(path))[0], raw) for path, raw in sources]
        return rules_digest(read) == ruleset.digest


def _reduce_pattern(pattern: re.Pattern[str]) -> tuple[object, tuple[str, int]]:
    return compilecache.compile, (pattern.pattern, pattern.flags)


def lookup(folders: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> Lookup:
    """The cached rule set of these folders if their files are what it was made from."""
    where = cache_dir()
    if where is None:
        return Lookup(None)
    listed = [folders] if isinstance(folders, (str, os.PathLike)) else folders
    roots = [os.fspath(f) for f in listed]
    sources: list[tuple[str, bytes]] = []
    try:
        for root in roots:
            names = sorted(
                e.name
                for e in os.scandir(root)
                if os.path.splitext(e.name)[1].lower() in _RULE_SUFFIXES and e.is_file()
            )
            for name in names:
                path = os.path.join(root, name)
                with open(path, "rb") as fh:
                    sources.append((path, fh.read()))
    except OSError:
        return Lookup(None)  # reading the rules will say what is wrong
    key = (__version__, sys.version, _code_stamp(), tuple(sources))
    label = "\0".join(os.path.abspath(r) for r in roots)
    file = os.path.join(where, f"rules-{zlib.crc32(label.encode('utf-8', 'surrogateescape')):08x}.pickle")
    ruleset = _load(file, key)
    return Lookup(ruleset, file, key)


def _load(file: str, key: tuple[object, ...]) -> RuleSet | None:
    try:
        if not (_private(os.path.dirname(file)) and _private(file)):
            return None
        with open(file, "rb") as fh:
            stored_key, ruleset = pickle.load(fh)
    except Exception:  # a missing, truncated or foreign cache file: read the rule files instead
        return None
    if stored_key != key or not isinstance(ruleset, RuleSet):
        return None
    return ruleset


def _code_stamp() -> tuple[tuple[object, ...], ...]:
    here = os.path.dirname(os.path.abspath(__file__))
    stamp: list[tuple[object, ...]] = []
    for name in _CODE:
        try:
            with open(os.path.join(here, name), "rb") as fh:
                stamp.append((name, fh.read()))
        except OSError:
            stamp.append((name, None))
    # PyYAML parses the files: a reinstall or upgrade rewrites its package file.
    spec = importlib.util.find_spec("yaml")
    origin = spec.origin if spec is not None else None
    try:
        st = os.stat(origin) if origin else None
    except OSError:
        st = None
    stamp.append(("yaml", origin, st.st_size if st else -1, st.st_mtime_ns if st else -1))
    return tuple(stamp)
