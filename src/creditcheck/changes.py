"""Files changed since a git ref (committed, staged, unstaged and untracked), for pull requests."""

from __future__ import annotations

import os
import subprocess

from creditcheck.compilecache import dataclass
from creditcheck.errors import InputError

_TIMEOUT = 60


@dataclass(frozen=True, slots=True)
class _Done:
    args: list[str]
    code: int
    out: str
    err: str

    def text(self) -> str:
        """Standard output, or InputError with git's own last line of complaint."""
        if self.code != 0:
            message = self.err.strip().splitlines()[-1] if self.err.strip() else "git failed"
            raise InputError(f"git {' '.join(self.args)}: {message}")
        return self.out


def _git(*commands: tuple[list[str], str]) -> list[_Done]:
    """Run git commands, each ``(args, working folder)``, side by side.

    Each costs a process start, and a pull request's check should cost about what checking its
    files alone does.
    """
    procs = []
    try:
        for args, cwd in commands:
            procs.append(
                (
                    args,
                    subprocess.Popen(
                        ["git", *args],
                        cwd=cwd,
                        stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE,
                        stdin=subprocess.DEVNULL,
                        text=True,
                    ),
                )
            )
    except FileNotFoundError:
        raise InputError("--changed-since needs git, and git is not installed") from None
    done = []
    for args, proc in procs:
        try:
            out, err = proc.communicate(timeout=_TIMEOUT)
        except subprocess.TimeoutExpired:
            for _, other in procs:
                other.kill()
            raise InputError(f"git did not answer within {_TIMEOUT} seconds") from None
        done.append(_Done(args, proc.returncode, out, err))
    return done


def changed_files(ref: str, cwd: str | None = None) -> set[str]:
    """Absolute real paths of files changed since ``ref`` and still present.

    Includes commits after the merge base with ``ref`` (as a pull request sees them), staged
    and unstaged edits, and untracked files that git does not ignore.
    """
    here = os.path.abspath(cwd or os.getcwd())
    toplevel, merge_base = _git((["rev-parse", "--show-toplevel"], here), (["merge-base", ref, "HEAD"], here))
    top = toplevel.text().strip()
    if merge_base.code == 0:
        base = merge_base.out.strip() or ref
    elif merge_base.code == 1 and not merge_base.err.strip():
        base = ref  # unrelated histories: compare with the ref itself
    else:
        raise InputError(f"--changed-since: {ref!r} is not a commit in this repository")
    # The working tree against the base covers committed, staged and unstaged changes at once
    # (a staged file is tracked, so it is compared too); untracked files need their own list.
    diff, untracked = _git(
        (["diff", "--name-only", "-z", "--diff-filter=ACMR", base, "--"], top),
        (["ls-files", "--others", "--exclude-standard", "-z"], top),
    )
    names = {n for n in (diff.text() + "\0" + untracked.text()).split("\0") if n}
    out = set()
    for name in names:
        path = os.path.join(top, name)
        if os.path.isfile(path):
            out.add(os.path.realpath(path))
    return out
