"""Time `check --changed-since` on a big content repository against checking the changed file alone.

Usage: python bench/changed_since.py [--count 3000] [--repeat 11] [--keep DIR] [--before-src DIR]

Builds a git repository of COUNT generated articles (bench/generate.py) with a creditcheck.yaml
and a copy of the rules, commits it, edits one article, then runs, interleaved and after one
warm-up of each:

- `creditcheck check ARTICLE` (the changed file named alone), and
- `creditcheck check --changed-since HEAD` (the whole project, one file changed),

and prints the median wall time of each and their ratio. `--before-src DIR` adds the same
`--changed-since` run with DIR (another checkout's `src`) first on PYTHONPATH, to compare two
versions in one session. Bytecode is allowed (PYTHONDONTWRITEBYTECODE is removed), as users have
it. Standard library only, plus the installed creditcheck.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("creditcheck_bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    }
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def build(repo: Path, count: int, rules: Path) -> Path:
    """The repository with one edited article; returns that article's path relative to repo."""
    marker = repo / ".bench-repo"
    if marker.is_file() and marker.read_text() == str(count):
        return Path(json.loads((repo / ".bench-changed").read_text()))
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    _generator().generate(repo / "articles", count, 1)
    (repo / "articles" / "ground_truth.json").unlink()
    shutil.copytree(rules, repo / "licenses")
    (repo / "creditcheck.yaml").write_text("rules: licenses\ninclude: ['articles/**']\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "corpus")
    changed = sorted((repo / "articles").rglob("*.md"))[count // 3].relative_to(repo)
    with open(repo / changed, "a", encoding="utf-8") as fh:
        fh.write("\nOne more paragraph, edited in this pull request.\n")
    (repo / ".bench-changed").write_text(json.dumps(str(changed)))
    (repo / ".git" / "info" / "exclude").write_text(".bench-*\n")
    marker.write_text(str(count))
    return changed


def command() -> list[str]:
    script = Path(sys.executable).parent / "creditcheck"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "creditcheck"]


def timed(cmd: list[str], repo: Path, env: dict[str, str]) -> tuple[float, dict[str, object]]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode(errors='replace').strip()}")
    return wall, json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=3000, help="articles in the repository (default 3000)")
    parser.add_argument("--repeat", type=int, default=11, help="timed runs of each command (default 11)")
    parser.add_argument("--keep", type=Path, default=None, help="build (or reuse) the repository here")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules", help="rules folder to copy in")
    parser.add_argument("--before-src", type=Path, default=None, help="another checkout's src to compare")
    args = parser.parse_args(argv)
    scratch = None
    if args.keep is None:
        scratch = tempfile.TemporaryDirectory()
        repo = Path(scratch.name) / "content"
    else:
        repo = args.keep.resolve()
    try:
        changed = build(repo, args.count, args.rules.resolve())
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        runs: dict[str, tuple[list[str], dict[str, str]]] = {
            "file alone": ([*command(), "check", "--format", "json", str(changed)], env),
            "--changed-since": ([*command(), "check", "--format", "json", "--changed-since", "HEAD"], env),
        }
        if args.before_src is not None:
            before_env = {**env, "PYTHONPATH": str(args.before_src.resolve())}
            runs["--changed-since (before)"] = (runs["--changed-since"][0], before_env)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for name, (cmd, run_env) in runs.items():  # warm-up: bytecode written, caches filled
            _, report = timed(cmd, repo, run_env)
            files = report["files"]
            assert isinstance(files, list)
            if [f["path"] for f in files] != [changed.as_posix()]:
                raise SystemExit(f"{name}: checked {len(files)} files, expected only {changed}")
        for _ in range(args.repeat):
            for name, (cmd, run_env) in runs.items():
                times[name].append(timed(cmd, repo, run_env)[0])
        print(
            f"repository: {args.count} articles, one changed ({changed}); "
            f"{args.repeat} runs each, interleaved"
        )
        alone = statistics.median(times["file alone"])
        for name, values in times.items():
            median = statistics.median(values)
            print(
                f"{name:<26} median {median:.3f} s  (min {min(values):.3f}, max {max(values):.3f})  "
                f"{median / alone:.2f}x the file alone"
            )
    finally:
        if scratch is not None:
            scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
