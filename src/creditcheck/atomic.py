"""Safe file writes: atomic replacement of regular files, straight writes into pipes and devices.

Reports, baselines, ledgers and ``--fix`` go through ``write_atomic``:

- a regular file (or a new one) is replaced atomically: a temporary file in the same folder,
  flushed, then renamed over it, so readers see the old file or the new, never half;
- a symbolic link is written through: its target is replaced and the link stays a link;
- a file with several hard links is rewritten in place, so every link sees the new text (a
  rename would split them); that write is not atomic;
- a FIFO or a device (``-o /dev/stdout``, ``/dev/null``) is written straight into and never
  replaced;
- a folder, or a path whose folder does not exist, is refused with ``OSError``.

The temporary file is removed when the write fails, and on SIGINT or SIGTERM (the command line
turns SIGTERM into an exception so that this cleanup runs); only a SIGKILL can leave one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: str | os.PathLike[str], data: bytes | str, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` as the module docstring describes; OSError when it cannot."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with open_atomic(path) as fh:
        fh.write(payload)


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace ``path`` as ``write_atomic`` does, once the block ends.

    The file is opened (or refused) at once, so a report that cannot be written fails before a
    long run rather than after it. An exception inside the block leaves ``path`` untouched.
    """
    try:
        st: os.stat_result | None = os.stat(path)  # through symbolic links
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if st is not None and not stat.S_ISREG(st.st_mode):
        # /dev/stdout resolves to a pipe that has no name: opened by the name given.
        with _open_into(Path(path), truncate=False) as fh:
            yield fh
        return
    target = Path(os.path.realpath(path))  # through symbolic links, to the file they name
    if st is not None and st.st_nlink > 1:
        with _open_into(target, truncate=True) as fh:
            yield fh
        return
    folder = target.parent
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "its folder does not exist", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if st is not None:
            mode = st.st_mode & 0o7777
        else:
            # mkstemp makes private files; a new report gets the usual permissions instead.
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _open_into(target: Path, truncate: bool) -> Iterator[BinaryIO]:
    """The existing file itself, for writing: a pipe or device, or a file with hard links."""
    flags = os.O_WRONLY | (os.O_TRUNC if truncate else 0)
    fd = os.open(target, flags)
    with os.fdopen(fd, "wb") as fh:
        yield fh
        fh.flush()
