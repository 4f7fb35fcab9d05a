"""Compare creditcheck's output between two checkouts: byte-identical, or the first differences.

Usage: python bench/compare_outputs.py [--base REV] [--new REV] [--corpus DIR] [--realworld DIR]
                                       [--mirror GITDIR ...] [--jobs N] [--only SET ...]

The base side is the commit REV (default HEAD) exported with ``git archive`` into a temporary
folder; the new side is this working tree, or the commit given with ``--new``. Each side
runs as ``python -m creditcheck`` with its own ``src`` first on PYTHONPATH and its own
``rules/`` (or ``--rules DIR`` for both), inside the input folder with the path ``.`` so
the reports hold the same relative paths. For every input set it runs ``check --format
json`` and ``inventory --format json`` and compares the reports byte for byte, and the exit
statuses.

Input sets:
- ``corpus``: the generated corpus (``bench/generate.py DIR --count 10000 --seed 1``), made
  in ``--corpus DIR`` if that folder does not hold it yet;
- ``realworld``: the saved pages, wire files and photos of ``../shared/realworld``;
- ``mirror:NAME``: the saved pages (``.html``, ``.htm``, ``.html.gz``) of a bare git
  repository given with ``--mirror`` (read with ``git show``, written to a temporary folder).

Exit status: 0 when every report is identical, 1 when any differs, 2 when a run could not be
made (a side crashed or wrote no report).
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REALWORLD = REPO.parent / "shared" / "realworld"
REALWORLD_PARTS = ("pages", "wire", "images")
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
COMMANDS = ("check", "inventory")
SHOWN_DIFF_LINES = 40


@dataclass(frozen=True)
class Side:
    """One checkout to run: its name, its ``src`` folder and the rules folder it uses."""

    name: str
    src: Path
    rules: Path


@dataclass(frozen=True)
class Outcome:
    """What one run produced: the report's bytes, the exit status and stderr."""

    report: bytes
    status: int
    stderr: str
    seconds: float


def _export(rev: str, into: Path) -> Path:
    """The tree of commit ``rev`` (its src and rules), written under ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "src", "rules"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _ensure_corpus(folder: Path, count: int, seed: int) -> None:
    if (folder / "ground_truth.json").is_file():
        return
    print(f"generating the corpus in {folder} ({count} articles, seed {seed})", flush=True)
    script = str(REPO / "bench" / "generate.py")
    subprocess.run(
        [sys.executable, script, str(folder), "--count", str(count), "--seed", str(seed)], check=True
    )


def _export_mirror(git_dir: Path, into: Path) -> int:
    """Write the saved pages of the bare repository ``git_dir`` under ``into``; their count."""
    names = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "-r", "--name-only", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    count = 0
    for name in names:
        if not name.lower().endswith(PAGE_SUFFIXES):
            continue
        data = subprocess.run(
            ["git", f"--git-dir={git_dir}", "show", f"HEAD:{name}"], check=True, capture_output=True
        ).stdout
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        count += 1
    return count


def _run(side: Side, command: str, folder: Path, paths: list[str], jobs: int, out: Path) -> Outcome:
    env = dict(os.environ, PYTHONPATH=str(side.src))
    argv = [sys.executable, "-m", "creditcheck", command, "--no-config", "--rules", str(side.rules)]
    argv += ["--format", "json", "--jobs", str(jobs), "--output", str(out), *paths]
    started = time.perf_counter()
    proc = subprocess.run(argv, check=False, cwd=folder, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    report = out.read_bytes() if out.exists() else b""
    return Outcome(report, proc.returncode, proc.stderr, seconds)


def _first_differences(old: bytes, new: bytes) -> list[str]:
    old_lines = old.decode("utf-8", "replace").splitlines()
    new_lines = new.decode("utf-8", "replace").splitlines()
    diff = difflib.unified_diff(old_lines, new_lines, "base", "new", n=2, lineterm="")
    return list(diff)[:SHOWN_DIFF_LINES]


def _compare(
    label: str, folder: Path, paths: list[str], sides: tuple[Side, Side], jobs: int, work: Path
) -> int:
    """0 identical, 1 different, 2 a side failed; prints one line per command."""
    worst = 0
    for command in COMMANDS:
        outcomes = []
        for side in sides:
            out = work / f"{label.replace(':', '_')}-{command}-{side.name}.json"
            out.unlink(missing_ok=True)
            outcomes.append(_run(side, command, folder, paths, jobs, out))
        old, new = outcomes
        timing = f"base {old.seconds:.1f}s, new {new.seconds:.1f}s"
        failed = [s.name for s, o in zip(sides, outcomes, strict=True) if not o.report or o.status > 1]
        if failed:
            print(f"{label:<24} {command:<10} FAILED on {', '.join(failed)} ({timing})")
            for side, outcome in zip(sides, outcomes, strict=True):
                if outcome.stderr:
                    print(f"  {side.name} stderr: {outcome.stderr.strip()[-2000:]}")
            worst = 2
            continue
        if old.report == new.report and old.status == new.status:
            size = len(new.report)
            print(f"{label:<24} {command:<10} identical ({size:,} bytes, exit {new.status}; {timing})")
            continue
        worst = max(worst, 1)
        print(f"{label:<24} {command:<10} DIFFERENT (exit {old.status} vs {new.status}; {timing})")
        for line in _first_differences(old.report, new.report):
            print(f"  {line}")
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD", help="commit to compare against (default HEAD)")
    parser.add_argument("--new", help="commit to compare (default: the working tree)")
    parser.add_argument("--corpus", type=Path, help="generated corpus folder (made if missing)")
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--realworld", type=Path, default=DEFAULT_REALWORLD)
    parser.add_argument("--mirror", type=Path, action="append", default=[], help="bare git dir")
    parser.add_argument("--rules", type=Path, help="one rules folder for both sides")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--only", action="append", choices=("corpus", "realworld", "mirror"), help="input sets to run"
    )
    args = parser.parse_args(argv)
    only = set(args.only or ("corpus", "realworld", "mirror"))

    with tempfile.TemporaryDirectory(prefix="creditcheck-compare-") as tmp:
        work = Path(tmp)
        base_root = _export(args.base, work / "base")
        new_root = _export(args.new, work / "new") if args.new else REPO
        sides = (
            Side("base", base_root / "src", args.rules or base_root / "rules"),
            Side("new", new_root / "src", args.rules or new_root / "rules"),
        )
        print(f"base: {args.base}; new: {args.new or 'the working tree ' + str(REPO)}")
        sets: list[tuple[str, Path, list[str]]] = []
        if "corpus" in only:
            corpus = args.corpus or work / "corpus"
            _ensure_corpus(corpus, args.count, args.seed)
            sets.append(("corpus", corpus, ["."]))
        if "realworld" in only:
            parts = [p for p in REALWORLD_PARTS if (args.realworld / p).is_dir()]
            if parts:
                sets.append(("realworld", args.realworld, parts))
            else:
                print(f"realworld: no {', '.join(REALWORLD_PARTS)} under {args.realworld}; skipped")
        if "mirror" in only:
            for git_dir in args.mirror:
                label = f"mirror:{git_dir.parent.name if git_dir.name == 'repo' else git_dir.name}"
                folder = work / label.replace(":", "_")
                folder.mkdir()
                pages = _export_mirror(git_dir, folder)
                print(f"{label}: {pages} saved pages")
                sets.append((label, folder, ["."]))
        worst = 0
        for label, folder, paths in sets:
            worst = max(worst, _compare(label, folder, paths, sides, args.jobs, work))
        verdict = {0: "all identical", 1: "DIFFERENCES found", 2: "a run FAILED"}[worst]
        print(f"result: {verdict}")
        return worst


if __name__ == "__main__":
    sys.exit(main())
