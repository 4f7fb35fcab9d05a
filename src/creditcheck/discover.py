"""Paths to a deterministic list of files to check: folders searched, loops and repeats skipped."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from creditcheck.readers import FORMATS

_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", ".venv"})


@dataclass(frozen=True, slots=True)
class Target:
    """A file to check: where it is, and the path to show in reports."""

    path: str
    display: str
    missing: bool = False


def display_path(path: str, cwd: str | None = None) -> str:
    """A POSIX path relative to the working directory when the file is under it."""
    absolute = os.path.abspath(path)
    base = os.path.abspath(cwd or os.getcwd())
    try:
        rel = os.path.relpath(absolute, base)
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return Path(rel).as_posix()


def discover(paths: list[str], extensions: tuple[str, ...] = tuple(FORMATS)) -> list[Target]:
    """Files named directly (any extension) and files under folders with a known extension."""
    seen: set[str] = set()
    out: list[Target] = []

    def add(p: str) -> None:
        real = os.path.realpath(p)
        if real in seen:
            return
        seen.add(real)
        out.append(Target(p, display_path(p)))

    for raw in paths:
        if raw == "-":
            continue
        if os.path.isdir(raw):
            for file in _walk(raw, extensions):
                add(file)
        elif os.path.exists(raw) or os.path.islink(raw):
            add(raw)
        else:
            out.append(Target(raw, display_path(raw), missing=True))
    out.sort(key=lambda t: t.display)
    return out


def _walk(root: str, extensions: tuple[str, ...]) -> list[str]:
    """Files under ``root``, following symlinks but never entering a folder twice (loops)."""
    found: list[str] = []
    visited: set[tuple[int, int]] = set()
    lowered = tuple(e.lower() for e in extensions)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
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
                found.append(os.path.join(dirpath, name))
    return found
