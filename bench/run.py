"""Benchmark creditcheck's speed, memory and accuracy on a generated corpus.

Usage: python bench/run.py [--count 10000] [--seed 1] [--jobs 1,2] [--repeat 1] [--keep DIR] [--audit]
                           [--json [FILE]]

Generates a corpus with bench/generate.py (or reuses the one in --keep DIR when its count, seed
and generator source match), runs `creditcheck check --format json --jobs N` on it as a child process once per
--jobs value, and reports wall time, articles/s, MB/s, CPU time and peak RSS; then the median
wall time of checking one small article including interpreter start; then precision and
recall per check against the corpus's ground truth, matching findings on (path, check, line).
With --audit it also times `creditcheck audit` over the whole corpus (every article selected,
ledger and JSON report written) and prints its wall time as a multiple of `check`'s.

Nothing here asserts a threshold: the exit status is 0 unless something failed to run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TextIO

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SINGLE_ARTICLE = ROOT / "fixtures" / "clean" / "seed.txt"

Key = tuple[str, str, int]  # (path relative to the corpus, check, line)


class BenchError(Exception):
    """Something the benchmark needs did not work; the message says what."""


@dataclass
class RunStats:
    """One timed `creditcheck check` over the whole corpus."""

    jobs: int
    wall_s: float
    cpu_s: float
    articles_per_s: float
    mb_per_s: float
    peak_rss_mb: float  # the largest single process of the run (the parent or one worker)
    findings: int
    # CPUs kept busy by other processes during the run (a shared machine skews wall times).
    other_load: float | None = None
    command: str = "check"  # or "audit": the same files through `creditcheck audit`

    @property
    def articles_per_cpu_s(self) -> float:
        return self.articles_per_s * self.wall_s / self.cpu_s if self.cpu_s else 0.0


@dataclass
class CheckScore:
    check: str
    expected: int = 0
    reported: int = 0
    true_positives: int = 0

    @property
    def false_positives(self) -> int:
        return self.reported - self.true_positives

    @property
    def false_negatives(self) -> int:
        return self.expected - self.true_positives

    @property
    def precision(self) -> float | None:
        return self.true_positives / self.reported if self.reported else None

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.expected if self.expected else None

    def to_json(self) -> dict[str, object]:
        return {
            **asdict(self),
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "precision": self.precision,
            "recall": self.recall,
        }


@dataclass
class Report:
    machine: dict[str, object]
    corpus: dict[str, object]
    runs: list[RunStats] = field(default_factory=list)
    single_article: dict[str, object] = field(default_factory=dict)
    scores: list[CheckScore] = field(default_factory=list)
    false_positives: list[dict[str, object]] = field(default_factory=list)
    false_negatives: list[dict[str, object]] = field(default_factory=list)
    consistent: bool = True  # every --jobs value reported the same findings

    def to_json(self) -> dict[str, object]:
        return {
            "machine": self.machine,
            "corpus": self.corpus,
            "runs": [{**asdict(r), "articles_per_cpu_s": r.articles_per_cpu_s} for r in self.runs],
            "single_article": self.single_article,
            "accuracy": [s.to_json() for s in self.scores],
            "consistent_across_jobs": self.consistent,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
        }


# --- the corpus ---------------------------------------------------------------------------------


def _generator() -> ModuleType:
    # bench/ is not a package; load the sibling script by path rather than editing sys.path.
    spec = importlib.util.spec_from_file_location("creditcheck_bench_generate", BENCH / "generate.py")
    if spec is None or spec.loader is None:
        raise BenchError(f"cannot load {BENCH / 'generate.py'}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


def corpus(directory: Path, count: int, seed: int) -> tuple[dict[str, object], bool]:
    """The ground truth of the corpus in ``directory``, generating it unless it already matches."""
    gen = _generator()
    truth_file = directory / "ground_truth.json"
    if truth_file.is_file():
        try:
            truth = json.loads(truth_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            truth = {}
        found = tuple(truth.get(k) for k in ("generator", "source_hash", "count", "seed"))
        if found == (gen.GENERATOR, gen.SOURCE_HASH, count, seed):
            return truth, True
        if str(truth.get("generator", "")).startswith("creditcheck-bench-corpus"):
            shutil.rmtree(directory)  # a corpus of another count, seed or generator version
    if directory.exists() and any(directory.iterdir()):
        raise BenchError(f"{directory} is not empty and holds no corpus; use an empty or new folder")
    truth = gen.generate(directory, count, seed)
    return truth, False


# --- running creditcheck ----------------------------------------------------------------------


def creditcheck_command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m creditcheck``."""
    script = Path(sys.executable).parent / "creditcheck"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "creditcheck"]


def _busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (Linux /proc/stat), else None."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    except (OSError, ValueError):
        return None
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


# Linux starts a child's ru_maxrss at its parent's RSS when it forks (and keeps that high-water
# mark across exec), so a child of this process would inherit the benchmark's own memory. A
# small launcher interpreter starts creditcheck instead and reports RUSAGE_CHILDREN: the largest
# single process among creditcheck and its workers.
_LAUNCHER = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as fh:
    json.dump({"code": code, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
               "maxrss_kb": usage.ru_maxrss}, fh)
"""


def _run(cmd: list[str], cwd: Path) -> tuple[int, float, float, float, bytes, bytes]:
    """Run ``cmd``; return exit code, wall s, CPU s, peak RSS MB of its processes, stdout, stderr."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        result = Path(scratch) / "usage.json"
        launcher = [sys.executable, "-I", "-c", _LAUNCHER, str(result), *cmd]
        code = subprocess.call(launcher, cwd=cwd, stdout=out, stderr=err)
        out.seek(0)
        err.seek(0)
        if code != 0 and not result.is_file():
            raise BenchError(f"could not run {cmd[0]}: {err.read().decode(errors='replace').strip()}")
        usage = json.loads(result.read_text())
        return (
            usage["code"],
            usage["wall"],
            usage["cpu"],
            _kb_to_mb(usage["maxrss_kb"]),
            out.read(),
            err.read(),
        )


def _kb_to_mb(kb: int) -> float:
    # Linux reports ru_maxrss in KiB (macOS in bytes; this benchmark targets Linux).
    return kb / 1024


def check_corpus(
    directory: Path, jobs: int, rules: Path, articles: int, total_bytes: int
) -> tuple[RunStats, list[dict[str, object]]]:
    cmd = [
        *creditcheck_command(),
        "check",
        "--format",
        "json",
        "--rules",
        str(rules),
        "--jobs",
        str(jobs),
        ".",
    ]
    busy_before = _busy_seconds()
    code, wall, cpu, rss, out, err = _run(cmd, directory)
    busy_after = _busy_seconds()
    other = None
    if busy_before is not None and busy_after is not None:
        other = max(0.0, (busy_after - busy_before - cpu) / wall)
    if code not in (0, 1):  # 1 only means "found problems"
        raise BenchError(f"{' '.join(cmd)} exited {code}: {err.decode(errors='replace').strip()}")
    try:
        findings = json.loads(out)["findings"]
    except (ValueError, KeyError) as exc:
        raise BenchError(f"creditcheck printed no JSON report ({exc})") from None
    stats = RunStats(jobs, wall, cpu, articles / wall, total_bytes / 1e6 / wall, rss, len(findings), other)
    return stats, findings


# The whole span the generator dates articles in, so the audit selects every file `check` sees.
AUDIT_FROM, AUDIT_TO = "2018-01-01", "2027-12-31"


def audit_corpus(directory: Path, jobs: int, rules: Path, articles: int, total_bytes: int) -> RunStats:
    """Time `creditcheck audit` over the corpus: the scan, the audit object, the ledger and the JSON."""
    with tempfile.TemporaryDirectory(prefix="creditcheck-audit-") as scratch:
        report = Path(scratch) / "audit.json"
        cmd = [
            *creditcheck_command(),
            "audit",
            "--from",
            AUDIT_FROM,
            "--to",
            AUDIT_TO,
            "--format",
            "json",
            "--output",
            str(report),
            "--ledger",
            str(Path(scratch) / "ledger.sqlite"),
            "--no-progress",
            "--rules",
            str(rules),
            "--jobs",
            str(jobs),
            ".",
        ]
        busy_before = _busy_seconds()
        code, wall, cpu, rss, _, err = _run(cmd, directory)
        busy_after = _busy_seconds()
        if code != 0:
            raise BenchError(f"{' '.join(cmd)} exited {code}: {err.decode(errors='replace').strip()}")
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BenchError(f"creditcheck audit wrote no JSON report ({exc})") from None
    other = None
    if busy_before is not None and busy_after is not None:
        other = max(0.0, (busy_after - busy_before - cpu) / wall)
    if data["summary"]["articles"] != articles:
        raise BenchError(f"the audit selected {data['summary']['articles']} of {articles} articles")
    return RunStats(
        jobs,
        wall,
        cpu,
        articles / wall,
        total_bytes / 1e6 / wall,
        rss,
        len(data["violations"]),
        other,
        "audit",
    )


def single_article(runs: int, rules: Path) -> dict[str, object]:
    """Median wall time of checking one small file, the way an editor or a hook would."""
    cmd = [*creditcheck_command(), "check", "--rules", str(rules), str(SINGLE_ARTICLE)]
    times, peaks = [], []
    for _ in range(runs):
        code, wall, _, rss, _, err = _run(cmd, ROOT)
        if code != 0:
            raise BenchError(f"{' '.join(cmd)} exited {code}: {err.decode(errors='replace').strip()}")
        times.append(wall)
        peaks.append(rss)
    bare = [_run([sys.executable, "-c", "pass"], ROOT)[1] for _ in range(runs)]
    return {
        "file": str(SINGLE_ARTICLE.relative_to(ROOT)),
        "runs": runs,
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "peak_rss_mb": max(peaks),
        "bare_interpreter_median_s": statistics.median(bare),
    }


# --- accuracy ---------------------------------------------------------------------------------


def _expected(truth: dict[str, object]) -> Counter[Key]:
    files = truth["files"]
    assert isinstance(files, dict)
    return Counter((path, e["check"], e["line"]) for path, f in files.items() for e in f["expected"])


def _key(finding: dict[str, object]) -> Key:
    line = finding["line"]
    assert isinstance(line, int)
    return Path(os.path.normpath(str(finding["path"]))).as_posix(), str(finding["check"]), line


def _reported(findings: list[dict[str, object]]) -> Counter[Key]:
    return Counter(_key(f) for f in findings)


def score(
    truth: dict[str, object], findings: list[dict[str, object]], examples: int
) -> tuple[list[CheckScore], list[dict[str, object]], list[dict[str, object]]]:
    """Per-check and overall scores (multiset match on path, check, line) and example misses."""
    expected, reported = _expected(truth), _reported(findings)
    hits = expected & reported
    checks = sorted({k[1] for k in expected} | {k[1] for k in reported})
    scores = {c: CheckScore(c) for c in checks}
    for counter, attr in ((expected, "expected"), (reported, "reported"), (hits, "true_positives")):
        for (_, check, _), n in counter.items():
            setattr(scores[check], attr, getattr(scores[check], attr) + n)
    overall = CheckScore("overall", expected.total(), reported.total(), hits.total())
    by_key: dict[Key, dict[str, object]] = {}
    for f in findings:
        by_key.setdefault(_key(f), f)
    false_pos = [
        {
            "path": k[0],
            "check": k[1],
            "line": k[2],
            "message": by_key[k].get("message"),
            "text": by_key[k].get("text"),
        }
        for k in sorted(reported - expected)
    ][:examples]
    false_neg = [{"path": k[0], "check": k[1], "line": k[2]} for k in sorted(expected - reported)][:examples]
    return [*scores.values(), overall], false_pos, false_neg


# --- the machine and the report -----------------------------------------------------------------


def _revision() -> str:
    """Which creditcheck the runs import, and its git revision when that is a checkout."""
    probe = subprocess.run(
        [sys.executable, "-c", "import creditcheck, sys; sys.stdout.write(creditcheck.__file__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        raise BenchError(f"creditcheck is not importable here: {probe.stderr.strip()}")
    package = Path(probe.stdout).parent
    git = ["git", "-C", str(package)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    if head.returncode != 0:
        return f"{package} (not a git checkout)"
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", "."], capture_output=True, text=True, check=False
    ).stdout.strip()
    return f"{head.stdout.strip()}{' + uncommitted changes' if dirty else ''} ({package})"


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def machine() -> dict[str, object]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": _cpus(),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "creditcheck_revision": _revision(),
    }


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"


def print_report(report: Report, out: TextIO = sys.stdout) -> None:
    def p(line: str = "") -> None:
        print(line, file=out)

    m, c = report.machine, report.corpus
    p(f"machine: {m['cpus']} CPUs, {m['cpu_model']}, Python {m['python']}")
    p(f"creditcheck: {m['creditcheck_revision']}")
    p(
        f"corpus:  {c['articles']} articles, {c['megabytes']:.1f} MB, {c['formats']}, seed {c['seed']}"
        f"{' (reused)' if c['reused'] else ''}, {c['path']}"
    )
    p()
    p(
        f"{'run':<14} {'wall s':>8} {'articles/s':>11} {'MB/s':>7} {'CPU s':>7} {'art/CPU-s':>10} "
        f"{'peak RSS MB':>12} {'findings':>9} {'other load':>11}"
    )
    for r in report.runs:
        other = "-" if r.other_load is None else f"{r.other_load:.2f} CPUs"
        label = f"{r.command} jobs={r.jobs}" if r.command != "check" else f"jobs={r.jobs}"
        p(
            f"{label:<14} {r.wall_s:>8.2f} {r.articles_per_s:>11.0f} {r.mb_per_s:>7.2f} "
            f"{r.cpu_s:>7.2f} {r.articles_per_cpu_s:>10.0f} {r.peak_rss_mb:>12.1f} "
            f"{r.findings:>9} {other:>11}"
        )
    checks = {r.jobs: r for r in report.runs if r.command == "check"}
    for r in report.runs:
        if r.command == "audit" and r.jobs in checks:
            p(
                f"audit/check wall time, jobs={r.jobs}: {r.wall_s / checks[r.jobs].wall_s:.2f}x "
                f"({r.findings} violations in the audit, {checks[r.jobs].findings} findings from check)"
            )
    p("fastest of --repeat runs; other load = CPUs busy with other processes during the run;")
    p("peak RSS: RUSAGE_CHILDREN of a launcher around each run, i.e. the largest single process")
    p("(the parent or one worker), not their sum")
    if not report.consistent:
        p("WARNING: the runs did not all report the same findings")
    s = report.single_article
    if s:
        p()
        p(
            f"single article ({s['file']}) incl. interpreter start: median {s['median_s']:.3f} s "
            f"(min {s['min_s']:.3f}, max {s['max_s']:.3f}, {s['runs']} runs), "
            f"peak RSS {s['peak_rss_mb']:.1f} MB;"
        )
        p(f"  bare `python -c pass`: {s['bare_interpreter_median_s']:.3f} s")
    p()
    p("accuracy, matching (path, check, line):")
    p(
        f"{'check':<22} {'expected':>8} {'reported':>8} {'TP':>6} {'FP':>5} {'FN':>5} {'precision':>9} "
        f"{'recall':>7}"
    )
    for sc in report.scores:
        if sc.check == "overall":
            p("-" * 76)
        p(
            f"{sc.check:<22} {sc.expected:>8} {sc.reported:>8} {sc.true_positives:>6} "
            f"{sc.false_positives:>5} {sc.false_negatives:>5} {_fmt(sc.precision):>9} {_fmt(sc.recall):>7}"
        )
    misses = (("false positives", report.false_positives), ("false negatives", report.false_negatives))
    for title, rows in misses:
        if rows:
            p()
            p(f"first {len(rows)} {title}:")
            for row in rows:
                extra = f"  {row['message']}" if row.get("message") else ""
                p(f"  {row['path']}:{row['line']}: {row['check']}{extra}")


def _jobs_list(value: str) -> list[int]:
    try:
        jobs = [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a comma-separated list of numbers") from None
    if not jobs or any(j < 1 for j in jobs):
        raise argparse.ArgumentTypeError("--jobs needs numbers of 1 or more")
    return jobs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="articles in the corpus (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--jobs",
        type=_jobs_list,
        default=None,
        metavar="N[,N…]",
        help="worker counts to time, e.g. 1,2 (default: all CPUs)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="timed runs per --jobs value; the fastest is kept"
    )
    parser.add_argument("--single-runs", type=int, default=10, help="runs of the single-article timing")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate into (or reuse) this folder")
    parser.add_argument(
        "--rules", type=Path, default=ROOT / "rules", help="rules folder (default: the repo's)"
    )
    parser.add_argument(
        "--audit",
        action="store_true",
        help="also time `creditcheck audit` over the same files, for each --jobs value",
    )
    parser.add_argument("--examples", type=int, default=20, help="false positives/negatives to list")
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="FILE",
        help="write the results as JSON to FILE, or to stdout instead of the tables",
    )
    args = parser.parse_args(argv)
    if args.count < 1 or args.repeat < 1 or args.single_runs < 1:
        parser.error("--count, --repeat and --single-runs must be at least 1")
    jobs_values = args.jobs or [_cpus()]
    try:
        if args.keep:
            return _bench(args, jobs_values, args.keep.resolve())
        with tempfile.TemporaryDirectory(prefix="creditcheck-bench-") as temp:
            return _bench(args, jobs_values, Path(temp))
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 2


def _bench(args: argparse.Namespace, jobs_values: list[int], directory: Path) -> int:
    log = sys.stderr
    print(f"bench: corpus of {args.count} articles in {directory} …", file=log)
    truth, reused = corpus(directory, args.count, args.seed)
    files = truth["files"]
    assert isinstance(files, dict)
    total_bytes = sum((directory / p).stat().st_size for p in files)
    formats = Counter(f["format"] for f in files.values())
    report = Report(
        machine(),
        {
            "path": str(directory),
            "articles": len(files),
            "megabytes": total_bytes / 1e6,
            "seed": args.seed,
            "reused": reused,
            "formats": ", ".join(f"{k} {v}" for k, v in sorted(formats.items())),
        },
    )
    findings_seen: list[list[dict[str, object]]] = []
    for jobs in jobs_values:
        best: RunStats | None = None
        for i in range(args.repeat):
            print(f"bench: creditcheck check --jobs {jobs} (run {i + 1}/{args.repeat}) …", file=log)
            stats, findings = check_corpus(directory, jobs, args.rules.resolve(), len(files), total_bytes)
            findings_seen.append(findings)
            if best is None or stats.wall_s < best.wall_s:
                best = stats
        assert best is not None
        report.runs.append(best)
        if args.audit:
            best_audit: RunStats | None = None
            for i in range(args.repeat):
                print(f"bench: creditcheck audit --jobs {jobs} (run {i + 1}/{args.repeat}) …", file=log)
                stats = audit_corpus(directory, jobs, args.rules.resolve(), len(files), total_bytes)
                if best_audit is None or stats.wall_s < best_audit.wall_s:
                    best_audit = stats
            assert best_audit is not None
            report.runs.append(best_audit)
    report.consistent = all(_reported(f) == _reported(findings_seen[0]) for f in findings_seen)
    print(f"bench: single article, {args.single_runs} runs …", file=log)
    report.single_article = single_article(args.single_runs, args.rules.resolve())
    report.scores, report.false_positives, report.false_negatives = score(
        truth, findings_seen[0], args.examples
    )
    document = json.dumps(report.to_json(), indent=2) + "\n"
    if args.json == "-":
        sys.stdout.write(document)
        return 0
    if args.json:
        Path(args.json).write_text(document, encoding="utf-8")
    print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
