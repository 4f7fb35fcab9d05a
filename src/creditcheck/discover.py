"""Paths to a deterministic list of files to check: folders searched, loops and repeats skipped."""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from creditcheck.compressed import SUFFIX, strip_suffix
from creditcheck.readers import BINARY_FORMATS, FORMATS, SNIFFED

_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", ".venv"})
# Text formats may be stored gzip-compressed (page.html.gz); pictures never are.
_TEXT_EXTENSIONS = (*(e for e, f in FORMATS.items() if f not in BINARY_FORMATS), *SNIFFED)
DEFAULT_EXTENSIONS = (*FORMATS, *SNIFFED, *(e + SUFFIX for e in _TEXT_EXTENSIONS))


@dataclass(frozen=True, slots=True)
class Target:
    """A file to check: where it is, and the path to show in reports."""

    path: str
    display: str
    missing: bool = False


def display_path(path: str, cwd: str | None = None) -> str:
    r"""A POSIX path relative to the working directory when the file is under it.

    Bytes of the name that are not UTF-8 and control characters (a newline in a file name)
    are shown as escapes (``caf\xe9.txt``), so reports stay one valid line per finding.
    """
    absolute = os.path.abspath(path)
    base = os.path.abspath(cwd or os.getcwd())
    try:
        rel = os.path.relpath(absolute, base)
    except ValueError:  # another drive on Windows
        rel = os.pardir
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return _printable(Path(absolute).as_posix())
    return _printable(Path(rel).as_posix())


def _printable(name: str) -> str:
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) == "Cc" else ch for ch in name
    )


def discover(paths: list[str], extensions: tuple[str, ...] = DEFAULT_EXTENSIONS) -> list[Target]:
    """Files named directly (any extension) and files under folders with a known extension.

    Every file is listed once however many ways it is reached.  A folder that cannot be
    listed is itself a target, so the scan reports why instead of skipping it in silence.
    """
    seen: set[str] = set()
    out: list[Target] = []

    def add(p: str, missing: bool = False) -> None:
        real = os.path.realpath(p)
        if real in seen:
            return
        seen.add(real)
        out.append(Target(p, display_path(p), missing))

    for raw in paths:  # "-" is a path like any other: standard input is --stdin-filename's
        if os.path.isdir(raw):
            for file in _walk(raw, extensions):
                add(file)
        elif os.path.exists(raw) or os.path.islink(raw):
            add(raw)
        else:
            add(raw, missing=True)
    out.sort(key=lambda t: t.display)
    return out


def _is_article(path: str) -> bool:
    """Whether an .xml/.json file in a folder is a wire item (its start says so)."""
    from creditcheck.readers import sniff

    try:
        if path.lower().endswith(SUFFIX):
            import gzip

            with gzip.open(path, "rb") as fh:
                head = fh.read(8192)
        else:
            with open(path, "rb") as fh:
                head = fh.read(8192)
    except (OSError, EOFError):
        return True  # let the scan report why it cannot be read (a broken .gz raises OSError)
    return sniff(head.decode("utf-8", "replace")) in ("nitf", "newsml", "ninjs")


def _walk(root: str, extensions: tuple[str, ...]) -> list[str]:
    """Files under ``root``, following symlinks but never entering a folder twice (loops).

    Pipes, sockets and devices are skipped (reading one can block forever); a dangling
    symlink is kept so that the scan reports it.
    """
    found: list[str] = []
    visited: set[tuple[int, int]] = set()
    lowered = tuple(e.lower() for e in extensions)

    def unlisted(error: OSError) -> None:
        found.append(error.filename if isinstance(error.filename, str) else root)

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited:
            dirnames[:] = []
            continue
        visited.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(filenames):
            if name.lower().endswith(lowered) and not name.startswith("."):
                path = os.path.join(dirpath, name)
                sniffed = strip_suffix(name.lower()).endswith(SNIFFED)
                if _regular_or_dangling(path) and (not sniffed or _is_article(path)):
                    found.append(path)
    return found


def _regular_or_dangling(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True
