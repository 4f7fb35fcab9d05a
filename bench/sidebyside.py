"""Two or more checkouts of creditcheck timed side by side, interleaved, on the same inputs.

Usage: python bench/sidebyside.py [--side NAME=REV ...] [--runs 5] [--page-runs N] [--corpus DIR]
                                  [--count 10000] [--big-corpus DIR] [--big-count 50000] [--rss-runs 1]
                                  [--mirror GITDIR ...] [--jobs 2] [--only TASK ...] [--json FILE]

Each side is the commit REV exported with ``git archive REV src rules`` into a temporary
folder (``REV`` ``.`` is this working tree) and run as ``python -m creditcheck`` with its own
``src`` first on PYTHONPATH and its own ``rules/``. ``REV:mypyc`` is the compiled build of REV
(setup.py with ``CREDITCHECK_USE_MYPYC=1``, built in place with this interpreter's mypy: the dev
extra has it), for REVs that have the build. Bytecode is allowed (PYTHONDONTWRITEBYTECODE
removed from the environment, as users have it) and every task runs once per side to warm
up before it is measured. The runs alternate between the sides (the order rotates each
round) so that the load of a shared machine falls on both, and each figure is the median.

Tasks (``--only`` picks some):

- ``corpus``: ``check --format json --jobs N .`` on the generated corpus (``bench/generate.py``,
  10,000 articles by default): articles/s, MB/s, CPU seconds and the peak RSS of the largest
  process (the launcher of ``bench/run.py``);
- ``pages``: the same command over the saved pages of the ``--mirror`` repositories, written to
  a temporary folder first (a CLI run, as a user has it, rather than an in-process scan):
  pages/s, MB/s, CPU seconds, peak RSS;
- ``start``: ``check fixtures/clean/seed.txt`` (interpreter start included) against a bare
  ``python -c pass``, as a median wall time and a multiple of the bare interpreter's;
- ``memory``: peak RSS of ``check --format json`` on a corpus of ``--big-count`` articles
  (50,000 by default; ``--rss-runs`` runs per side).

Every report of the corpus, pages and memory tasks is compared byte for byte across sides and
runs (``bench/compare_outputs.py`` shows the first differences): the verdict says whether the
findings are identical. Nothing is asserted: the exit status is 0 when every run worked and
the reports agree, 1 when reports differ, 2 when a run failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SINGLE_ARTICLE = REPO / "fixtures" / "clean" / "seed.txt"
TASKS = ("corpus", "pages", "start", "memory")
ARTICLE = ["check", "--no-config", "--rules"]


def _sibling(name: str) -> ModuleType:
    # bench/ is not a package: load the sibling scripts by path.
    spec = importlib.util.spec_from_file_location(f"creditcheck_bench_{name}", BENCH / f"{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {BENCH / name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


RUN = _sibling("run")
COMPARE = _sibling("compare_outputs")


@dataclass(frozen=True)
class Side:
    """One checkout: its name, the revision it was exported from, its src and rules folders."""

    name: str
    rev: str
    src: Path
    rules: Path


@dataclass
class Sample:
    """One measured run of one task on one side."""

    wall: float
    cpu: float
    rss_mb: float
    report: bytes = b""


@dataclass
class Task:
    """A task's runs on every side, and what its rates are counted in."""

    name: str
    items: int = 0  # articles or pages per run
    megabytes: float = 0.0
    samples: dict[str, list[Sample]] = field(default_factory=dict)


BUILD_FILES = ("setup.py", "pyproject.toml", "MANIFEST.in", "README.md", "tools")


def export(rev: str, into: Path) -> Path:
    """``git archive REV src rules`` unpacked under ``into``; ``.`` is this working tree's files.

    ``REV:mypyc``: REV's compiled build, its modules compiled in place beside their sources.
    """
    if rev.endswith(":mypyc"):
        return compiled(rev.removesuffix(":mypyc"), into)
    if rev == ".":
        into.mkdir(parents=True)
        for part in ("src", "rules"):
            subprocess.run(["cp", "-r", str(REPO / part), str(into / part)], check=True)
        return into
    return COMPARE._export(rev, into)  # type: ignore[no-any-return]


def compiled(rev: str, into: Path) -> Path:
    """REV exported with its build files and compiled in place (``setup.py build_ext --inplace``)."""
    if rev == ".":
        export(".", into)
        for name in BUILD_FILES:
            subprocess.run(["cp", "-r", str(REPO / name), str(into / name)], check=True)
    else:
        into.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", rev, "src", "rules", *BUILD_FILES],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    env = dict(os.environ, CREDITCHECK_USE_MYPYC="1")
    built = subprocess.run(
        [sys.executable, "setup.py", "build_ext", "--inplace"],
        check=False,
        cwd=into,
        env=env,
        capture_output=True,
        text=True,
    )
    if built.returncode != 0 or not list((into / "src").glob("*__mypyc*")):
        raise SystemExit(f"sidebyside: the compiled build of {rev} failed:\n{built.stderr[-2000:]}")
    return into


def environment(side: Side) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(side.src))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users have bytecode
    return env


def run_side(side: Side, args: list[str], cwd: Path) -> tuple[int, Sample, bytes]:
    """``python -m creditcheck ARGS`` for one side through the peak-RSS launcher."""
    cmd = [sys.executable, "-m", "creditcheck", *args]
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(environment(side))
    try:
        code, wall, cpu, rss, out, err = RUN._run(cmd, cwd)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return code, Sample(wall, cpu, rss, out), err


def check_args(side: Side, jobs: int) -> list[str]:
    return ["check", "--no-config", "--rules", str(side.rules), "--format", "json", "--jobs", str(jobs), "."]


def corpus_size(folder: Path) -> tuple[int, float]:
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    files = truth["files"]
    return len(files), sum((folder / p).stat().st_size for p in files) / 1e6


def ensure_corpus(folder: Path, count: int, seed: int) -> None:
    truth = folder / "ground_truth.json"
    if truth.is_file():
        data = json.loads(truth.read_text(encoding="utf-8"))
        if (data.get("count"), data.get("seed")) == (count, seed):
            return
    COMPARE._ensure_corpus(folder, count, seed)


def pages_folder(mirrors: list[Path], into: Path) -> tuple[int, float]:
    count = 0
    for git_dir in mirrors:
        name = git_dir.parent.name if git_dir.name == "repo" else git_dir.name
        folder = into / name
        folder.mkdir(parents=True)
        count += COMPARE._export_mirror(git_dir, folder)
    size = sum(p.stat().st_size for p in into.rglob("*") if p.is_file())
    return count, size / 1e6


def interleaved(
    sides: list[Side], runs: int, warmups: int, one: Callable[[Side], Sample], log: str
) -> dict[str, list[Sample]]:
    """``runs`` measured runs per side after ``warmups``, the sides' order rotating each round."""
    out: dict[str, list[Sample]] = {s.name: [] for s in sides}
    for i in range(warmups + runs):
        order = sides[i % len(sides) :] + sides[: i % len(sides)]
        for side in order:
            what = "warm-up" if i < warmups else f"run {i - warmups + 1}/{runs}"
            print(f"sidebyside: {log} {side.name} ({what})", file=sys.stderr, flush=True)
            sample = one(side)
            if i >= warmups:
                out[side.name].append(sample)
    return out


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def verdict(task: Task) -> tuple[bool, list[str]]:
    """Whether every report of the task is the same bytes; which side differs, and how, when not.

    Each side's runs are compared with each other, and each side with the last one (the new side).
    """
    sides = [(name, samples) for name, samples in task.samples.items() if samples]
    if not sides:
        return True, []
    last_name, last = sides[-1][0], sides[-1][1][0].report
    notes: list[str] = []
    for name, samples in sides:
        if any(s.report != samples[0].report for s in samples):
            notes.append(f"{name}: its own runs differ")
        if name != last_name and samples[0].report != last:
            notes.append(f"{name} differs from {last_name}:")
            notes.extend(COMPARE._first_differences(samples[0].report, last))
    return not notes, notes


def summarise(tasks: list[Task], bare: list[float]) -> dict[str, object]:
    out: dict[str, object] = {}
    for task in tasks:
        rows = {}
        for name, samples in task.samples.items():
            wall = _median([s.wall for s in samples])
            row: dict[str, object] = {
                "runs": len(samples),
                "wall_s": wall,
                "cpu_s": _median([s.cpu for s in samples]),
                "peak_rss_mb": _median([s.rss_mb for s in samples]),
            }
            if task.items:
                row["items_per_s"] = task.items / wall
                row["mb_per_s"] = task.megabytes / wall
            if task.name == "start" and bare:
                row["bare_python_s"] = _median(bare)
                row["times_bare"] = wall / _median(bare)
            rows[name] = row
        same, diff = verdict(task) if task.name != "start" else (True, [])
        out[task.name] = {
            "items": task.items,
            "megabytes": task.megabytes,
            "sides": rows,
            "reports_identical": same,
            "first_differences": diff,
        }
    return out


def print_table(summary: dict[str, object], sides: list[Side]) -> None:
    print(
        f"{'task':<8} {'side':<10} {'wall s':>8} {'rate/s':>9} {'MB/s':>6} {'CPU s':>7} {'RSS MB':>7}  note"
    )
    for name, data in summary.items():
        assert isinstance(data, dict)
        for side in sides:
            row = data["sides"].get(side.name)
            if row is None:
                continue
            rate = f"{row['items_per_s']:.0f}" if "items_per_s" in row else "-"
            mbs = f"{row['mb_per_s']:.2f}" if "mb_per_s" in row else "-"
            note = (
                f"{row['times_bare']:.1f}x bare python ({row['bare_python_s'] * 1000:.0f} ms)"
                if ("times_bare" in row)
                else ""
            )
            print(
                f"{name:<8} {side.name:<10} {row['wall_s']:>8.3f} {rate:>9} {mbs:>6} {row['cpu_s']:>7.2f} "
                f"{row['peak_rss_mb']:>7.1f}  {note}"
            )
        if name != "start":
            same = data["reports_identical"]
            print(f"{'':<8} reports: {'identical across sides and runs' if same else 'DIFFERENT'}")
            for line in data["first_differences"]:
                print(f"    {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--side",
        action="append",
        metavar="NAME=REV",
        help="a checkout to run (REV . is the working tree); default: main=main and new=.",
    )
    parser.add_argument("--runs", type=int, default=5, help="measured runs per side and task (default 5)")
    parser.add_argument("--page-runs", type=int, help="measured runs of the pages task (default --runs)")
    parser.add_argument("--start-runs", type=int, default=21, help="runs of the one-article start (21)")
    parser.add_argument("--corpus", type=Path, help="folder of the generated corpus (made if missing)")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--big-corpus", type=Path, help="folder of the big corpus (made if missing)")
    parser.add_argument("--big-count", type=int, default=50_000)
    parser.add_argument("--rss-runs", type=int, default=1, help="runs per side on the big corpus (1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mirror", type=Path, action="append", default=[], help="bare git dir of pages")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", action="append", choices=TASKS, help="tasks to run (default all)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    only = [t for t in TASKS if t in (args.only or TASKS)]
    specs = args.side or ["main=main", "new=."]

    with tempfile.TemporaryDirectory(prefix="creditcheck-sidebyside-") as tmp:
        work = Path(tmp)
        sides = []
        for spec in specs:
            name, sep, rev = spec.partition("=")
            if not sep or not name or not rev:
                parser.error(f"--side {spec!r}: write NAME=REV")
            root = export(rev, work / "sides" / name)
            sides.append(Side(name, rev, root / "src", root / "rules"))
            print(f"sidebyside: side {name} = {rev}", file=sys.stderr)
        tasks: list[Task] = []
        bare: list[float] = []
        failed = False

        def measured(folder: Path, jobs: int) -> Callable[[Side], Sample]:
            def one(side: Side) -> Sample:
                nonlocal failed
                code, sample, err = run_side(side, check_args(side, jobs), folder)
                if code not in (0, 1):
                    failed = True
                    print(f"sidebyside: {side.name} exited {code}: {err.decode(errors='replace')[-2000:]}")
                return sample

            return one

        for name in only:
            task = Task(name)
            if name == "corpus":
                folder = args.corpus or work / "corpus"
                ensure_corpus(folder, args.count, args.seed)
                task.items, task.megabytes = corpus_size(folder)
                task.samples = interleaved(sides, args.runs, 1, measured(folder, args.jobs), "corpus")
            elif name == "pages":
                if not args.mirror:
                    print("sidebyside: no --mirror given; the pages task is skipped", file=sys.stderr)
                    continue
                folder = work / "pages"
                task.items, task.megabytes = pages_folder(args.mirror, folder)
                runs = args.page_runs or args.runs
                task.samples = interleaved(sides, runs, 1, measured(folder, args.jobs), "pages")
            elif name == "memory":
                folder = args.big_corpus or work / "big-corpus"
                ensure_corpus(folder, args.big_count, args.seed)
                task.items, task.megabytes = corpus_size(folder)
                task.samples = interleaved(sides, args.rss_runs, 0, measured(folder, args.jobs), "memory")
            else:

                def start(side: Side) -> Sample:
                    nonlocal failed
                    code, sample, err = run_side(side, [*ARTICLE, str(side.rules), str(SINGLE_ARTICLE)], REPO)
                    if code != 0:
                        failed = True
                        print(f"sidebyside: {side.name} exited {code}: {err.decode(errors='replace')}")
                    bare.append(_bare())
                    return sample

                task.samples = interleaved(sides, args.start_runs, 1, start, "one article")
            tasks.append(task)
        summary = summarise(tasks, bare)
        document = {
            "sides": {s.name: s.rev for s in sides},
            "revisions": {s.name: _describe(s.rev) for s in sides},
            "machine": RUN.machine(),
            "jobs": args.jobs,
            "runs": args.runs,
            "tasks": summary,
        }
    print(f"sides: {', '.join(f'{n} = {r}' for n, r in document['revisions'].items())}")
    print_table(summary, sides)
    if args.json is not None:
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    if failed:
        return 2
    same = all(t["reports_identical"] for t in summary.values() if isinstance(t, dict))
    return 0 if same else 1


def _bare() -> float:
    # Through the same launcher as creditcheck, so both times leave out the same overhead.
    return float(RUN._run([sys.executable, "-c", "pass"], REPO)[1])


def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(REPO), *args], check=False, capture_output=True, text=True)
    return done.stdout.strip()


def _describe(rev: str) -> str:
    if rev.endswith(":mypyc"):
        return f"{_describe(rev.removesuffix(':mypyc'))}, compiled with mypyc"
    if rev == ".":
        dirty = _git("status", "--porcelain", "--", "src", "rules")
        return f"working tree at {_git('rev-parse', '--short', 'HEAD')}{' + changes' if dirty else ''}"
    return f"{rev} ({_git('rev-parse', '--short', rev)})"


if __name__ == "__main__":
    sys.exit(main())
