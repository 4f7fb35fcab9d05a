"""A cache of validated rule sets, so that a run whose rule files are unchanged skips YAML.

Reading ten rule files costs more than checking one article (PyYAML's import, parsing and
validation), and an editor's check or a pre-commit hook pays it every time. A rule set that
validated is stored with everything it was made from, and used again only when all of that is
the same, compared byte for byte, never by a hash or a time alone:

- creditcheck's version, the interpreter's version, and the size and modification time of
  the modules that read rule files and define the rule types (a development checkout changes
  them without changing the version);
- the rule files' paths, in order, and their whole content.

The cache lives in ``$CREDITCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/creditcheck``, else
``~/.cache/creditcheck``; ``CREDITCHECK_NO_CACHE=1`` turns it off. A cache file is read only
when it and its folder belong to the user running creditcheck and nobody else may write them
(it is a pickle), and it is written atomically; any problem with the cache means the rule
files are simply read.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from creditcheck import __version__
from creditcheck.ruleset import RuleSet

_RULE_SUFFIXES = (".yaml", ".yml")
# The modules whose code decides what a rule set read from the same files is.
_CODE = ("ruleset.py", "rulefiles.py", "templates.py", "yamlsafe.py", "rulecache.py")


def cache_dir() -> str | None:
    """Where rule sets are cached, or None when caching is off."""
    if os.environ.get("CREDITCHECK_NO_CACHE", "").strip() not in ("", "0"):
        return None
    if os.environ.get("CREDITCHECK_CACHE_DIR"):
        return os.environ["CREDITCHECK_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "creditcheck")


@dataclass
class Lookup:
    """The outcome of looking a folder set up: the cached rule set, or how to store a new one."""

    ruleset: RuleSet | None
    file: str | None = None
    key: tuple[object, ...] | None = None

    def store(self, ruleset: RuleSet) -> None:
        """Keep a rule set that validated from the files looked up; silent when it cannot."""
        if self.file is None or self.key is None:
            return
        folder = os.path.dirname(self.file)
        tmp = f"{self.file}.{os.getpid()}.tmp"
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            if not _private(folder):
                return
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((self.key, ruleset), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.file)
        except (OSError, pickle.PicklingError):
            with contextlib.suppress(OSError):
                os.unlink(tmp)


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


def _private(path: str) -> bool:
    """Whether ``path`` belongs to this user and nobody else may write it."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    owned = getuid is None or st.st_uid == getuid()
    return owned and not st.st_mode & 0o022


def _code_stamp() -> tuple[tuple[str, int, int], ...]:
    here = os.path.dirname(os.path.abspath(__file__))
    stamp = []
    for name in _CODE:
        try:
            st = os.stat(os.path.join(here, name))
        except OSError:
            st = None
        stamp.append((name, st.st_size if st else -1, st.st_mtime_ns if st else -1))
    return tuple(stamp)
