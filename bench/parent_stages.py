"""The parent's serial stages of a `check` run, timed in-process for whichever creditcheck is imported.

Usage: python bench/parent_stages.py CORPUS_DIR REPORT_JSON [--repeat 5]

Run it once per checkout with that checkout's ``src`` first on PYTHONPATH (``bench/sidebyside.py``
exports them). ``REPORT_JSON`` is a ``check --format json`` report of the corpus (made inside
``CORPUS_DIR`` with the path ``.``); its files and findings are turned back into results, so every
checkout formats the same run. Prints the median of ``--repeat`` timings, in milliseconds, of:

- discovery: listing the corpus (``discover`` on ``.`` inside ``CORPUS_DIR``);
- unpickling: the results as workers send them back (64 files a chunk), without attributions;
- the JSON report: formatting the whole run (``OutputFormat.JSON.reporter()``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import statistics
import sys
import time
from collections.abc import Callable


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("report")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    import creditcheck
    from creditcheck.discover import discover
    from creditcheck.model import FileResult, Finding, RunResult, Severity, Span
    from creditcheck.reporters import OutputFormat

    with open(args.report, encoding="utf-8") as fh:
        text = fh.read()
    report = json.loads(text)
    by_path: dict[str, list[Finding]] = {}
    for f in report["findings"]:
        span = Span(f["line"], f["column"], f["end_line"], f["end_column"])
        severity = Severity.parse(f["severity"])
        finding = Finding(
            f["path"], span, f["check"], f["code"], severity, f["message"], f["text"], f["fix"], f["source"]
        )
        by_path.setdefault(f["path"], []).append(finding)
    results = [
        FileResult(
            r["path"],
            r["format"],
            dt.date.fromisoformat(r["published"]) if r["published"] else None,
            r["published_from"],
            tuple(by_path.get(r["path"], ())),
        )
        for r in report["files"]
    ]
    chunks = [pickle.dumps(results[i : i + 64], pickle.HIGHEST_PROTOCOL) for i in range(0, len(results), 64)]
    run = RunResult.merge(results)
    render = OutputFormat.JSON.reporter()
    if render(run) != text:
        print(
            "parent_stages: the JSON report does not round-trip; timings are of another text", file=sys.stderr
        )
    here = os.getcwd()
    os.chdir(args.corpus)
    try:
        found = len(discover(["."]))
        discovery = _median_ms(lambda: discover(["."]), args.repeat)
    finally:
        os.chdir(here)
    unpickling = _median_ms(lambda: [pickle.loads(c) for c in chunks], args.repeat)
    formatting = _median_ms(lambda: render(run), args.repeat)
    print(
        json.dumps(
            {
                "creditcheck": os.path.dirname(creditcheck.__file__),
                "files": found,
                "findings": len(run.findings),
                "discovery_ms": round(discovery, 1),
                "unpickling_ms": round(unpickling, 1),
                "json_report_ms": round(formatting, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
