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


def discover(
    paths: list[str],
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
    changed: set[str] | None = None,
    follow_links: bool = False,
) -> list[Target]:
    """Files named directly (any extension) and files under folders with a known extension.

    Every file is listed once however many ways it is reached.  A folder that cannot be
    listed is itself a target, so the scan reports why instead of skipping it in silence.
    With ``changed`` (real paths, from ``--changed-since``) only those files are listed, and
    folders are not walked: each changed file is kept when the walk would have found it. A
    symbolic link found in a folder that leads out of it is followed only with ``follow_links``.
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
            files = (
                _walk(raw, extensions, follow_links)
                if changed is None
                else _changed_in(raw, changed, extensions)
            )
            for file in files:
                add(file)
        elif changed is not None:
            if os.path.realpath(raw) in changed:
                add(raw)
        elif os.path.exists(raw) or os.path.islink(raw):
            add(raw)
        else:
            add(raw, missing=True)
    out.sort(key=lambda t: t.display)
    return out


@dataclass(frozen=True, slots=True)
class Selection:
    """The files a run checks, and how many the search found before include/exclude."""

    targets: list[Target]
    found: int


def select(
    paths: list[str],
    root: str,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    changed: set[str] | None = None,
    force_exclude: bool = False,
    follow_links: bool = False,
) -> Selection:
    """The files to check: found under ``paths``, filtered by the project's include/exclude.

    A file named on the command line is checked whatever its name, unless ``force_exclude``
    (as pre-commit needs, since it names every staged file): then it is kept only if a folder
    search from the project root would have found it and include/exclude let it through.
    """
    from creditcheck.settings import path_selected

    explicit = {os.path.realpath(p) for p in paths if os.path.isfile(p)}
    base = os.path.realpath(root)
    found = discover(paths, changed=changed, follow_links=follow_links)
    targets = []
    for t in found:
        real = os.path.realpath(t.path)
        if real in explicit:
            if not force_exclude or named_selected(t.path, root, include, exclude):
                targets.append(t)
        elif t.missing or path_selected(os.path.relpath(real, base), include, exclude):
            targets.append(t)
    return Selection(targets, len(found))


def named_selected(path: str, root: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """Whether ``--force-exclude`` keeps a file named on the command line (or ``--stdin-filename``).

    It is kept when a folder search from the project root would pick it (an article's extension,
    no hidden or skipped folder on the way) and include/exclude let it through.
    """
    from creditcheck.settings import path_selected

    rel = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
    parts = rel.split(os.sep)
    if any(p.startswith(".") or p in _SKIP_DIRS for p in parts[:-1] if p != os.pardir):
        return False
    folder, name = os.path.split(path)
    lowered = tuple(e.lower() for e in DEFAULT_EXTENSIONS)
    return _wanted(folder, name, lowered) and path_selected(rel, include, exclude)


def _changed_in(root: str, changed: set[str], extensions: tuple[str, ...]) -> list[str]:
    """The changed files a walk of ``root`` would find, without walking it."""
    base = os.path.realpath(root)
    lowered = tuple(e.lower() for e in extensions)
    found: list[str] = []
    for real in sorted(changed):
        rel = os.path.relpath(real, base)
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            continue
        parts = rel.split(os.sep)
        if any(p.startswith(".") or p in _SKIP_DIRS for p in parts[:-1]):
            continue
        folder = os.path.join(root, *parts[:-1])
        if _wanted(folder, parts[-1], lowered):
            found.append(os.path.join(folder, parts[-1]))
    return found


def _wanted(folder: str, name: str, lowered: tuple[str, ...]) -> bool:
    """Whether a folder search keeps the file ``name`` in ``folder``: its extension, and content."""
    if not name.lower().endswith(lowered) or name.startswith("."):
        return False
    path = os.path.join(folder, name)
    sniffed = strip_suffix(name.lower()).endswith(SNIFFED)
    return _regular_or_dangling(path) and (not sniffed or _is_article(path))


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


def _walk(root: str, extensions: tuple[str, ...], follow_links: bool = False) -> list[str]:
    """Files under ``root``, following symlinks but never entering a folder twice (loops).

    A symlink that leads out of ``root`` (a link to /etc in a contributor's pull request) is
    not followed unless ``follow_links``. Pipes, sockets and devices are skipped (reading one
    can block forever); a dangling symlink is kept so that the scan reports it.
    """
    found: list[str] = []
    visited: set[tuple[int, int]] = set()
    lowered = tuple(e.lower() for e in extensions)
    inside = os.path.realpath(root)

    def stays(folder: str, name: str) -> bool:
        path = os.path.join(folder, name)
        if follow_links or not os.path.islink(path):
            return True
        real = os.path.realpath(path)
        return real == inside or real.startswith(inside.rstrip(os.sep) + os.sep)

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
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS and stays(dirpath, d)
        )
        for name in sorted(filenames):
            if stays(dirpath, name) and _wanted(dirpath, name, lowered):
                found.append(os.path.join(dirpath, name))
    return found


def _regular_or_dangling(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True
