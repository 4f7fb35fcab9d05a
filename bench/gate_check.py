"""Checks the extractor's gates on real blocks: every text block a gate refuses yields nothing.

Usage: python bench/gate_check.py FOLDER... [--mirror GIT_DIR]... [--rules DIR]

Reads every file under each FOLDER (and the saved pages of each bare git mirror, exported to a
temporary folder) as a scan does, and runs the full block reader on every text block that a
gate before it refuses (``gate.running_may_yield`` for a web page's running text,
``gate.text_may_yield`` for other text that owns no picture), whether or not the cheaper
prefilter refuses it too. Any such block that yields an attribution is
printed and the exit status is 1. Also prints how many blocks each gate refused.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import compare_outputs
import creditcheck.scan as scan_module
from creditcheck.discover import Target
from creditcheck.extract import BlockExtractor, BlockText
from creditcheck.extract.gate import running_may_yield, text_may_yield
from creditcheck.extract.prefilter import fold, may_hold_attribution
from creditcheck.model import Block, BlockKind, Document
from creditcheck.resolve import Resolver
from creditcheck.ruleset import load_rules
from creditcheck.scan import Scanner, ScanOptions

REPO = Path(__file__).resolve().parent.parent


def check_document(
    doc: Document, resolver: Resolver, sources: frozenset[str], counts: Counter[str], failures: list[str]
) -> None:
    """Run the full reader on each text block of ``doc`` owning no picture that a gate refuses."""
    running = doc.format == "html"
    gate = running_may_yield if running else text_may_yield
    name = "running" if running else "text"
    for block in doc.blocks:
        if block.kind != BlockKind.TEXT or block.image is not None or not block.text.strip():
            continue
        counts[name] += 1
        text = fold(block.text)
        if gate(text):
            continue
        counts[f"{name} refused"] += 1
        counts[f"{name} refused, past the prefilter"] += may_hold_attribution(text)
        here = Block(block.text, 1, 1, block.kind, None)
        found = BlockExtractor(BlockText(here, text, resolver, sources, running)).run()
        if found:
            failures.append(f"{doc.path}:{block.line}: {block.text[:120]!r} -> {[a.text for a in found]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="*")
    parser.add_argument("--mirror", type=Path, action="append", default=[], help="a bare git mirror")
    parser.add_argument("--rules", type=Path, default=REPO / "rules")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folders = list(args.folders)
        for git_dir in args.mirror:
            into = Path(tmp) / git_dir.parent.name
            compare_outputs._export_mirror(git_dir, into)
            folders.append(into)
        ruleset = load_rules(str(args.rules))
        scanner = Scanner(ruleset, ScanOptions(keep_attributions=False))
        sources = ruleset.picture_sources()
        counts: Counter[str] = Counter()
        failures: list[str] = []
        plain = scan_module.extract

        def checked(doc: Document, resolver: Resolver, *rest: Any, **kw: Any) -> Any:
            check_document(doc, resolver, sources, counts, failures)
            return plain(doc, resolver, *rest, **kw)

        scan_module.extract = checked  # type: ignore[assignment]
        try:
            for folder in folders:
                files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "ground_truth.json")
                for p in files:
                    scanner.scan(Target(str(p), os.path.relpath(p, folder)))
                counts["files"] += len(files)
        finally:
            scan_module.extract = plain
    for line in failures:
        print("YIELDS:", line)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()), f"; refused blocks that yield: {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
