"""Files changed since a git ref (committed, staged, unstaged and untracked), for pull requests."""

from __future__ import annotations

import os
import subprocess

from creditcheck.errors import InputError


def _git(args: list[str], cwd: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise InputError("--changed-since needs git, and git is not installed") from None
    except subprocess.TimeoutExpired:
        raise InputError("git did not answer within 60 seconds") from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "git failed"
        raise InputError(f"git {' '.join(args)}: {message}")
    return done.stdout


def changed_files(ref: str, cwd: str | None = None) -> set[str]:
    """Absolute real paths of files changed since ``ref`` and still present.

    Includes commits after the merge base with ``ref`` (as a pull request sees them), staged
    and unstaged edits, and untracked files that git does not ignore.
    """
    here = os.path.abspath(cwd or os.getcwd())
    top = _git(["rev-parse", "--show-toplevel"], here).strip()
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except InputError:
        raise InputError(f"--changed-since: {ref!r} is not a commit in this repository") from None
    try:
        base = _git(["merge-base", ref, "HEAD"], top).strip() or ref
    except InputError:
        base = ref  # unrelated histories: compare with the ref itself
    names: set[str] = set()
    # The working tree against the base covers committed, staged and unstaged changes at once
    # (a staged file is tracked, so it is compared too); untracked files need their own list.
    for args in (
        ["diff", "--name-only", "-z", "--diff-filter=ACMR", base],
        ["ls-files", "--others", "--exclude-standard", "-z"],
    ):
        names.update(n for n in _git(args, top).split("\0") if n)
    out = set()
    for name in names:
        path = os.path.join(top, name)
        if os.path.isfile(path):
            out.add(os.path.realpath(path))
    return out
