"""Paths to a deterministic list of files to check: folders searched, loops and repeats skipped."""

from __future__ import annotations

import heapq
import os
import stat
import unicodedata
from collections.abc import Iterator

from creditcheck.compilecache import dataclass
from creditcheck.compressed import SUFFIX, strip_suffix
from creditcheck.readers import BINARY_FORMATS, FORMATS, SNIFFED
from creditcheck.safetext import shown

_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", ".venv"})
# Text formats may be stored gzip-compressed (page.html.gz); pictures never are.
_TEXT_EXTENSIONS = (*(e for e, f in FORMATS.items() if f not in BINARY_FORMATS), *SNIFFED)
DEFAULT_EXTENSIONS = (*FORMATS, *SNIFFED, *(e + SUFFIX for e in _TEXT_EXTENSIONS))


def _skipped_folder(name: str) -> bool:
    """Whether a folder search leaves out the folder ``name`` (hidden, or tools' own folders)."""
    return name.startswith(".") or name in _SKIP_DIRS


@dataclass(frozen=True, slots=True)
class Target:
    """A file to check: where it is, and the path to show in reports."""

    path: str
    display: str
    missing: bool = False


def display_path(path: str, cwd: str | None = None) -> str:
    r"""A POSIX path relative to the working directory when the file is under it.

    Bytes of the name that are not UTF-8 and control characters (a newline in a file name, a
    bidirectional override) are shown as escapes (``caf\xe9.txt``), so reports stay one valid
    line per finding.
    """
    absolute = os.path.abspath(path)
    base = os.path.abspath(cwd or os.getcwd())
    try:
        rel = os.path.relpath(absolute, base)
    except ValueError:  # another drive on Windows
        rel = os.pardir
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return _printable(_posix(absolute))
    return _printable(_posix(rel))


def _posix(path: str) -> str:
    # abspath and relpath write a path in its normal form already: only the separator changes.
    return path if os.sep == "/" else path.replace(os.sep, "/")


def _printable(name: str) -> str:
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    name = "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) == "Cc" else ch for ch in name
    )
    # What the report model would escape as well (line separators, bidirectional controls): the
    # display path is then the report's path, and the scan's order the report's order.
    return shown(name)


def discover(
    paths: list[str],
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
    changed: set[str] | None = None,
    follow_links: bool = False,
) -> list[Target]:
    """Files named directly (any extension) and files under folders with a known extension.

    Every file is listed once however many ways it is reached (the first way found wins:
    the paths in the order given, each folder searched in order).  A folder that cannot be
    listed is itself a target, so the scan reports why instead of skipping it in silence.
    With ``changed`` (real paths, from ``--changed-since``) only those files are listed, and
    folders are not walked: each changed file is kept when the walk would have found it. A
    symbolic link found in a folder that leads out of it is followed only with ``follow_links``.
    The list is sorted by display path.
    """
    return list(iter_targets(paths, extensions, changed, follow_links))


def iter_targets(
    paths: list[str],
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
    changed: set[str] | None = None,
    follow_links: bool = False,
) -> Iterator[Target]:
    """``discover`` as a stream: the same targets in the same order, each as soon as it is known.

    The folders are searched in the same order as ever (which decides the name a file
    reached twice is listed under); a target is handed on once nothing still to be searched
    can sort before it, so checking starts while the search goes on.
    """
    walk = _Walk(tuple(e.lower() for e in extensions), follow_links)
    floors = [_arg_floor(raw) for raw in paths]
    # later[i]: the least display path a target of paths[i:] can have.
    later = [*floors, None]
    for i in range(len(floors) - 1, -1, -1):
        later[i] = _least(floors[i], later[i + 1])
    for i, raw in enumerate(paths):  # "-" is a path like any other: standard input is --stdin-filename's
        rest = later[i + 1]
        if os.path.isdir(raw):
            if changed is None:
                yield from walk.folder(raw, rest)
            else:
                for file in _changed_in(raw, changed, extensions):
                    walk.add(file)
        elif changed is not None:
            if os.path.realpath(raw) in changed:
                walk.add(raw)
        elif os.path.exists(raw) or os.path.islink(raw):
            walk.add(raw)
        else:
            walk.add(raw, missing=True)
        yield from walk.release(rest)
    yield from walk.release(None)


def _least(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    return a if b is None else min(a, b)


def _arg_floor(path: str) -> str:
    """The least display path a target found from ``path`` can have."""
    if not os.path.isdir(path):
        return display_path(path)
    return _folder_floor(path, display_path(path))


def _folder_floor(folder: str, display: str) -> str:
    # Below the working directory paths are shown relative to it, so a folder that is (or holds)
    # the working directory can yield any display path at all.
    here = os.path.abspath(os.getcwd())
    absolute = os.path.abspath(folder)
    if here == absolute or here.startswith(absolute.rstrip(os.sep) + os.sep):
        return ""
    return display


def _join_display(folder: str, name: str) -> str:
    """The display path of ``name`` in a folder shown as ``folder`` (``display_path`` of the join)."""
    if folder == ".":
        return name
    return folder + name if folder.endswith("/") else f"{folder}/{name}"


def _printable_name(name: str) -> str:
    return name if name.isprintable() else _printable(name)


class _Walk:
    """The folder search of ``discover``: every file once, folders never entered twice, sorted out."""

    def __init__(self, lowered: tuple[str, ...], follow_links: bool) -> None:
        self.lowered = lowered
        self.follow_links = follow_links
        self.seen: set[str] = set()
        self.ready: list[tuple[str, int, Target]] = []
        self.count = 0

    def add(
        self, path: str, missing: bool = False, display: str | None = None, real: str | None = None
    ) -> None:
        real = real or os.path.realpath(path)
        if real in self.seen:
            return
        self.seen.add(real)
        shown = display if display is not None else display_path(path)
        self.count += 1
        heapq.heappush(self.ready, (shown, self.count, Target(path, shown, missing)))

    def release(self, floor: str | None) -> Iterator[Target]:
        """The targets no later one can sort before (all of them when ``floor`` is None)."""
        ready = self.ready
        while ready and (floor is None or ready[0][0] <= floor):
            yield heapq.heappop(ready)[2]

    def folder(self, root: str, rest: str | None) -> Iterator[Target]:
        """Search ``root`` in the order ``os.walk`` takes (files, then each sub-folder, by name).

        A symlink that leads out of ``root`` (a link to /etc in a contributor's pull request)
        is not followed unless ``follow_links``. Pipes, sockets and devices are skipped (reading
        one can block forever); a dangling symlink is kept so that the scan reports it.
        """
        inside = os.path.realpath(root)
        # Per search, not per run: a folder searched again from a wider root may hold files a
        # symlink led out of the narrower one to.
        visited: set[tuple[int, int]] = set()
        stack: list[tuple[str, str, str]] = [(root, display_path(root), _arg_floor(root))]
        while stack:
            top, shown, _ = stack.pop()
            try:
                with os.scandir(top) as listing:
                    entries = list(listing)
            except OSError as error:
                self.add(error.filename if isinstance(error.filename, str) else root)
                continue
            try:
                st = os.stat(top)
            except OSError:
                continue
            key = (st.st_dev, st.st_ino)
            if key in visited:
                continue
            visited.add(key)
            real_top = os.path.realpath(top)
            folders = []
            for entry in sorted(entries, key=lambda e: e.name):
                name = entry.name
                if name.startswith("."):
                    continue
                link = _is_link(entry)
                if link and not self.follow_links and not _stays(entry.path, inside):
                    continue
                if _is_dir(entry):
                    if name not in _SKIP_DIRS:
                        folders.append(entry.path)
                elif name.lower().endswith(self.lowered) and self._wanted(entry, link):
                    real = os.path.realpath(entry.path) if link else os.path.join(real_top, name)
                    self.add(entry.path, display=_join_display(shown, _printable_name(name)), real=real)
            for path in reversed(folders):
                folder_display = display_path(path)
                stack.append((path, folder_display, _folder_floor(path, folder_display)))
            floor = rest
            for _, _, pending in stack:
                floor = _least(pending, floor)
            yield from self.release(floor)

    def _wanted(self, entry: os.DirEntry[str], link: bool) -> bool:
        if link:
            regular = _regular_or_dangling(entry.path)
        else:
            try:
                regular = entry.is_file(follow_symlinks=False)
            except OSError:
                regular = True
        sniffed = strip_suffix(entry.name.lower()).endswith(SNIFFED)
        return regular and (not sniffed or _is_article(entry.path))


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _stays(path: str, inside: str) -> bool:
    real = os.path.realpath(path)
    return real == inside or real.startswith(inside.rstrip(os.sep) + os.sep)


@dataclass(frozen=True, slots=True)
class Selection:
    """The files a run checks, and how many the search found before include/exclude."""

    targets: list[Target]
    found: int


class Selecting:
    """The files to check as a stream (see ``select``); ``found`` and ``selected`` count as it goes."""

    def __init__(
        self,
        paths: list[str],
        root: str,
        include: tuple[str, ...],
        exclude: tuple[str, ...],
        changed: set[str] | None = None,
        force_exclude: bool = False,
        follow_links: bool = False,
    ) -> None:
        self.paths = paths
        self.root = root
        self.include = include
        self.exclude = exclude
        self.changed = changed
        self.force_exclude = force_exclude
        self.follow_links = follow_links
        self.found = 0
        self.selected = 0

    def __iter__(self) -> Iterator[Target]:
        from creditcheck.settings import path_selected

        explicit = {os.path.realpath(p) for p in self.paths if os.path.isfile(p)}
        base = os.path.realpath(self.root)
        filtered = bool(self.include or self.exclude)
        for t in iter_targets(self.paths, changed=self.changed, follow_links=self.follow_links):
            self.found += 1
            if explicit or filtered:
                real = os.path.realpath(t.path)
                if real in explicit:
                    if self.force_exclude and not named_selected(
                        t.path, self.root, self.include, self.exclude
                    ):
                        continue
                elif not t.missing and not path_selected(
                    os.path.relpath(real, base), self.include, self.exclude
                ):
                    continue
            self.selected += 1
            yield t


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
    selecting = Selecting(paths, root, include, exclude, changed, force_exclude, follow_links)
    targets = list(selecting)
    return Selection(targets, selecting.found)


def named_selected(path: str, root: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """Whether ``--force-exclude`` keeps a file named on the command line (or ``--stdin-filename``).

    It is kept when a folder search from the project root would pick it (an article's extension,
    no hidden or skipped folder on the way) and include/exclude let it through.
    """
    from creditcheck.settings import path_selected

    rel = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
    parts = rel.split(os.sep)
    if any(_skipped_folder(p) for p in parts[:-1] if p != os.pardir):
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
        if any(_skipped_folder(p) for p in parts[:-1]):
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


def _regular_or_dangling(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True
