"""The stages of reading HTML pages (parse, source map, picture judge, walk, metadata) timed in one process.

Usage: python bench/html_stages.py FOLDER [--rounds 1] [--json]

Reads every ``.html``, ``.htm`` and ``.html.gz`` file under FOLDER (sorted) with the HTML
reader, as a worker does after decoding, and reports the CPU seconds (``time.process_time``)
spent in each step of ``creditcheck.readers.html.read``: lxml's parse, the source map
(``SourceText``), the picture judge's set-up (``PictureJudge``: the teaser search), placing
the picture tags, the walk (which maps the source positions of the blocks it places and asks
the judge about the pictures it meets), the metadata (dates, sources, title), the publisher's
names, and the rest. The steps are timed by wrapping the names ``read`` calls, so the same
script times any checkout: run it once per checkout with its ``src`` first on ``PYTHONPATH``,
alternating, as docs/performance.md shows. Decoding is not timed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import creditcheck.readers.html as html_reader
from creditcheck.compressed import gunzip, is_gzip
from creditcheck.decode import UndecodableError, decode

SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
STAGES = ("parse", "source map", "picture judge", "picture tags", "walk", "metadata", "publisher")


def _timed(fn: Callable[..., Any], totals: dict[str, float], stage: str) -> Callable[..., Any]:
    depth = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if depth[0]:
            return fn(*args, **kwargs)  # a recursive call (the walk) is inside the outer one's time
        depth[0] += 1
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[stage] += time.process_time() - started
            depth[0] -= 1

    return wrapper


def _walker(cls: type, totals: dict[str, float]) -> Callable[..., Any]:
    def make(*args: Any, **kwargs: Any) -> Any:
        walker = cls(*args, **kwargs)
        walker.locate_images = _timed(walker.locate_images, totals, "picture tags")
        walker.walk = _timed(walker.walk, totals, "walk")
        return walker

    return make


def load(folder: Path) -> list[tuple[str, str]]:
    pages = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or not path.name.lower().endswith(SUFFIXES):
            continue
        raw = path.read_bytes()
        if is_gzip(raw):
            raw = gunzip(raw, 1 << 30)
        try:
            pages.append((str(path), decode(raw).text))
        except UndecodableError:
            continue
    return pages


def one_round(pages: list[tuple[str, str]]) -> dict[str, float]:
    totals = dict.fromkeys(STAGES, 0.0)
    names = {
        "_parse": "parse",
        "SourceText": "source map",
        "PictureJudge": "picture judge",
        "read_metadata": "metadata",
        "publisher_names": "publisher",
    }
    saved = {name: getattr(html_reader, name) for name in (*names, "Walker")}
    for name, stage in names.items():
        setattr(html_reader, name, _timed(saved[name], totals, stage))
    html_reader.Walker = _walker(saved["Walker"], totals)  # type: ignore[misc]
    try:
        started = time.process_time()
        for path, text in pages:
            try:
                html_reader.read(path, text)
            except ValueError:
                continue  # nested too deep: the scan reports it; its time still counts
        total = time.process_time() - started
    finally:
        for name, value in saved.items():
            setattr(html_reader, name, value)
    return {**totals, "rest": total - sum(totals.values()), "total": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=1, help="read the pages N times, keep the fastest")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    pages = load(args.folder)
    if not pages:
        print(f"html_stages: no HTML pages under {args.folder}", file=sys.stderr)
        return 2
    best = min((one_round(pages) for _ in range(args.rounds)), key=lambda r: r["total"])
    if args.json:
        print(json.dumps({"pages": len(pages), **{k: round(v, 3) for k, v in best.items()}}))
        return 0
    total = best["total"]
    print(f"{len(pages)} pages: {total:.2f} s CPU reading, {total / len(pages) * 1000:.2f} ms per page")
    for stage in (*STAGES, "rest"):
        print(f"  {stage:<14} {best[stage]:6.2f} s  {best[stage] / total * 100:4.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
