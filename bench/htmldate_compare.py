"""Measure htmldate on the real-page development set, for comparison with creditcheck's own dates.

Usage (with a Python that has htmldate installed, kept outside the project's environment):
    python bench/htmldate_compare.py --mirror GITDIR [--mirror GITDIR ...] [--json FILE]

htmldate is not a dependency of creditcheck; this script imports it only when present and says
so when it is not. It needs nothing from creditcheck either (realpages.py is standard library
only), so it runs in a separate virtual environment:

    python3 -m venv HTMLDATE_VENV && HTMLDATE_VENV/bin/pip install htmldate
    HTMLDATE_VENV/bin/python bench/htmldate_compare.py --mirror ...

For each page it calls ``find_date(html, original_date=True, extensive_search=False)`` and the
same with ``extensive_search=True`` (htmldate's default), with no URL (creditcheck sees only the
page), and reports against the same ground truth as realpages_eval.py: the share of pages that
carry a findable date that get a date, the share that get the right day, median and p95
milliseconds per page, and for all pages the share dated. It also measures htmldate's import
time (``-X importtime``, bytecode allowed, after one warm-up run) and its dependency weight
(distributions pulled in and their installed size).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
import warnings
from importlib import metadata
from pathlib import Path

import realpages


def import_ms(module: str, runs: int = 5) -> float:
    """Median cumulative import time of ``module`` in a fresh interpreter, after a warm-up run."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cmd = [sys.executable, "-X", "importtime", "-c", f"import {module}"]
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # writes the bytecode
    times = []
    for _ in range(runs):
        err = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stderr
        for line in err.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == module:
                times.append(int(parts[1]) / 1000)
    return statistics.median(times) if times else float("nan")


def _requirement_names(dist: metadata.Distribution) -> list[str]:
    names = []
    for req in dist.requires or []:
        if "extra ==" in req:
            continue
        m = re.match(r"[A-Za-z0-9._-]+", req)
        if m:
            names.append(m.group(0))
    return names


def dependency_weight(package: str) -> dict[str, object]:
    """The distributions ``package`` pulls in (itself included) and their installed bytes."""
    seen: dict[str, int] = {}
    todo = [package]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        size = 0
        for f in dist.files or []:
            with contextlib.suppress(OSError):
                size += Path(str(dist.locate_file(f))).stat().st_size
        seen[key] = size
        todo.extend(_requirement_names(dist))
    return {
        "distributions": dict(sorted(seen.items())),
        "count": len(seen),
        "installed_mb": round(sum(seen.values()) / 1e6, 1),
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", action="append", required=True, metavar="GITDIR")
    parser.add_argument("--labels", default=str(realpages.LABELS), help="labels folder")
    parser.add_argument("--json", metavar="FILE", help="write the summary as JSON ('-' for stdout)")
    args = parser.parse_args(argv)
    # dateutil warns about every "EST" it meets; the numbers are what this script is for.
    warnings.simplefilter("ignore")
    try:
        import htmldate
        from htmldate import find_date
    except ImportError:
        print(
            "htmldate is not installed in this Python; it is not a creditcheck dependency. Run this "
            "script with the Python of a separate environment that has it (pip install htmldate)."
        )
        return 0

    mirrors = realpages.open_mirrors(args.mirror)
    pages = realpages.read_all(mirrors)
    truth = realpages.true_dates(mirrors, pages, Path(args.labels))
    findable = {pid: t.day for pid, t in truth.items() if t.day and pid in pages}
    # Pages a person found no date on: a date found there is made up.
    undated = [pid for pid, t in truth.items() if t.day is None and pid in pages]
    html = {pid: realpages.page_html(raw) for pid, raw in pages.items()}
    summary: dict[str, object] = {
        "htmldate": getattr(htmldate, "__version__", metadata.version("htmldate")),
        "pages": len(pages),
        "with_truth": len(findable),
    }
    for extensive in (False, True):
        found: dict[str, str | None] = {}
        ms: list[float] = []
        for pid in sorted(html):
            start = time.perf_counter()
            try:
                day = find_date(html[pid], original_date=True, extensive_search=extensive)
            except Exception:  # a crash counts as no date, as it would for a user
                day = None
            ms.append(1000 * (time.perf_counter() - start))
            found[pid] = day
        dated = sum(1 for pid in findable if found.get(pid))
        correct = sum(1 for pid, day in findable.items() if found.get(pid) == day)
        summary[f"extensive_search={extensive}"] = {
            "dated_from_page": dated,
            "dated_correctly": correct,
            "share_dated": round(dated / len(findable), 3) if findable else None,
            "share_correct": round(correct / len(findable), 3) if findable else None,
            "share_dated_all_pages": round(sum(1 for d in found.values() if d) / len(found), 3),
            "labelled_undated": len(undated),
            "dated_although_undated": sum(1 for pid in undated if found.get(pid)),
            "median_ms": round(statistics.median(ms), 2),
            "p95_ms": round(percentile(ms, 0.95), 2),
        }
    summary["import_ms"] = round(import_ms("htmldate"), 1)
    summary["dependencies"] = dependency_weight("htmldate")

    print(f"htmldate {summary['htmldate']} on {len(pages)} pages, {len(findable)} with a findable date")
    for extensive in (False, True):
        s = summary[f"extensive_search={extensive}"]
        assert isinstance(s, dict)
        print(
            f"  extensive_search={extensive!s:5}: dated {s['dated_from_page']} ({s['share_dated']}), "
            f"right day {s['dated_correctly']} ({s['share_correct']}); all pages dated "
            f"{s['share_dated_all_pages']}; dated {s['dated_although_undated']} of the "
            f"{s['labelled_undated']} pages labelled undated; {s['median_ms']} ms median, "
            f"{s['p95_ms']} ms p95 per page"
        )
    deps = summary["dependencies"]
    assert isinstance(deps, dict)
    print(f"  import htmldate: {summary['import_ms']} ms (median of 5, bytecode warm)")
    print(
        f"  dependencies: {deps['count']} distributions, {deps['installed_mb']} MB installed: "
        + ", ".join(deps["distributions"])
    )
    if args.json:
        write_summary(summary, args.json)
    return 0


def write_summary(summary: dict[str, object], target: str) -> None:
    """The summary as JSON in the file ``target``, or on standard output for ``-``."""
    out = json.dumps(summary, indent=2) + "\n"
    if target == "-":
        sys.stdout.write(out)
    else:
        Path(target).write_text(out, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
