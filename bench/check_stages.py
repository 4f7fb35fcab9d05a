"""The checks of a scan (every enabled check, the undated judgement, the sort) timed alone, in one process.

Usage: python bench/check_stages.py FOLDER [--rules DIR] [--rounds 3] [--json]

Reads, decodes and extracts every file under FOLDER first (sorted; ``ground_truth.json`` left
out), then times, in CPU seconds (``time.process_time``), what a scan does after extraction:
a fresh ``CheckContext`` per document, every enabled check, ``judge_undated`` and the sorted
findings; the best of ``--rounds`` rounds is kept. Decoding is timed once, on its own. Unlike
``bench/doc_stages.py`` it calls no timer inside the scan, so it measures the compiled build
(mypyc) as it measures pure Python: run it once per checkout with its ``src`` first on
``PYTHONPATH``, alternating, as docs/performance.md shows.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from creditcheck.checks import CheckContext
from creditcheck.decode import decode
from creditcheck.extract import extract
from creditcheck.model import Attribution, Document, Finding
from creditcheck.readers import format_for, read_document
from creditcheck.ruleset import load_rules
from creditcheck.scan import Scanner, ScanOptions
from creditcheck.undated import judge_undated

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rules", type=Path, default=REPO / "rules")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.name != "ground_truth.json")
    if not files:
        print(f"check_stages: no files under {args.folder}", file=sys.stderr)
        return 2
    scanner = Scanner(load_rules(str(args.rules)), ScanOptions(keep_attributions=False))
    data = [(str(p), p.read_bytes()) for p in files]
    started = time.process_time()
    texts = [(path, decode(raw).text) for path, raw in data]
    decoding = time.process_time() - started
    docs: list[tuple[Document, list[Attribution]]] = []
    for path, text in texts:
        try:
            doc = read_document(path, text, format_for(path, text) or "text", None, scanner.options.today)
        except ValueError:
            continue  # an unreadable file has no checks to time
        docs.append((doc, extract(doc, scanner.resolver, scanner.picture_sources)))
    best, count = float("inf"), 0
    for _ in range(args.rounds):
        contexts = [CheckContext(doc, found, scanner.ruleset, scanner.resolver) for doc, found in docs]
        started = time.process_time()
        count = 0
        for ctx in contexts:
            findings: list[Finding] = []
            for check in scanner.checks:
                findings.extend(check.findings(ctx))
            count += len(sorted(set(judge_undated(findings, ctx.doc, "today"))))
        best = min(best, time.process_time() - started)
    figures = {"files": len(docs), "decode": round(decoding, 3), "checks": round(best, 3), "findings": count}
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"{len(docs)} documents, {count} findings")
    print(f"  decoding {decoding:6.2f} s CPU")
    print(f"  checks   {best:6.2f} s CPU ({best / len(docs) * 1e6:.0f} µs a document), best of {args.rounds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
