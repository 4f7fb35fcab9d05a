"""The per-document stages of a scan (reading, extraction, the rest) timed in one process.

Usage: python bench/doc_stages.py FOLDER [--rules DIR] [--limit N] [--passes 1] [--json]

Scans every file under FOLDER (sorted; ``ground_truth.json`` left out) with one ``Scanner``,
as a worker process does, and reports the CPU seconds (``time.process_time``) spent reading
documents (decoding excluded: that is the rest), extracting attributions, and everything
else (file access, decoding, checks, suppressions), per article and in all. With
``--passes N`` the folder is scanned N times in N fresh scanners and the fastest pass is
kept; the extraction memo lives per process, so a later pass is not a fair first one and
each pass after the first empties it. To compare two checkouts, run this once per checkout
with its ``src`` first on ``PYTHONPATH``, alternating, as docs/performance.md shows. In
the compiled build (mypyc) ``scan`` calls the readers and the extractor directly, past the
timers, so only the total is reported.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import creditcheck.extract
import creditcheck.scan as scan_module
from creditcheck.discover import Target
from creditcheck.ruleset import load_rules
from creditcheck.scan import Scanner, ScanOptions

REPO = Path(__file__).resolve().parent.parent


def _timed(fn: Callable[..., Any], totals: dict[str, float], stage: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[stage] += time.process_time() - started

    return wrapper


def one_pass(folder: Path, targets: list[Target], rules: Path) -> dict[str, float]:
    """CPU seconds per stage for one scan of ``targets`` with a fresh scanner."""
    memos = getattr(creditcheck.extract, "_MEMOS", None)
    if memos is not None:
        memos.clear()  # each pass starts as a worker does, with nothing remembered
    scanner = Scanner(load_rules(str(rules)), ScanOptions(keep_attributions=False))
    totals = {"read": 0.0, "extract": 0.0}
    saved = scan_module.read_document, scan_module.extract
    scan_module.read_document = _timed(saved[0], totals, "read")
    scan_module.extract = _timed(saved[1], totals, "extract")  # type: ignore[assignment]
    try:
        started = time.process_time()
        for target in targets:
            scanner.scan(target)
        total = time.process_time() - started
    finally:
        scan_module.read_document, scan_module.extract = saved
    return {**totals, "rest": total - totals["read"] - totals["extract"], "total": total}


def _compiled_scan() -> bool:
    """Whether ``creditcheck.scan`` is a compiled module (the opt-in mypyc build)."""
    return scan_module.__file__ is not None and scan_module.__file__.endswith(
        tuple(importlib.machinery.EXTENSION_SUFFIXES)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rules", type=Path, default=REPO / "rules")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.name != "ground_truth.json")
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"doc_stages: no files under {args.folder}", file=sys.stderr)
        return 2
    targets = [Target(str(p), os.path.relpath(p, args.folder)) for p in files]
    best = min(
        (one_pass(args.folder, targets, args.rules) for _ in range(args.passes)), key=lambda r: r["total"]
    )
    figures: dict[str, Any] = {"files": len(targets), **{k: round(v, 3) for k, v in best.items()}}
    if _compiled_scan():
        figures = {"files": len(targets), "total": figures["total"], "compiled_scan": True}
    if args.json:
        print(json.dumps(figures))
        return 0
    total = best["total"]
    print(f"{len(targets)} files: {total:.2f} s CPU, {total / len(targets) * 1000:.3f} ms per file")
    if _compiled_scan():
        print("  (a compiled scan calls the readers and the extractor directly: only the total counts)")
        return 0
    for stage in ("read", "extract", "rest"):
        share = best[stage] / total * 100 if total else 0.0
        per_file = best[stage] / len(targets) * 1000
        print(f"  {stage:<8} {best[stage]:7.2f} s  {per_file:7.3f} ms/file  {share:4.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
