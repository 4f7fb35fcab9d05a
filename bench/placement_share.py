"""How much of placing HTML blocks in the source goes to blocks whose position nothing reads.

Usage: python bench/placement_share.py FOLDER [--rules DIR] [--json]

Issue 14 asked for positions on demand: a block placed (its line, column and line starts
worked out) only when a span of it is asked. This measures what that could save, before it
is built. It scans every file under FOLDER with one ``Scanner``, as ``bench/doc_stages.py``
does, and times in CPU seconds (``time.process_time``):

- the HTML walker's placing of each block (``SourceText.anchors``, with the parts of the
  source map it maps), split by whether anything later read the block's line, column, line
  starts or a span of it (the blocks a lazily placed ``Block`` would never place);
- the parts of the source map that ``SourceText.find`` maps to know where the element's line
  starts in the page's text, and how much of that the bounds of the part alone could decide
  (the text found past the part, so no exact start is needed).

A block's reads are seen through a subclass of ``Block`` that the walker makes in this run
only. The wrappers cost time of their own: the total is the instrumented scan's, so take
the shares against ``bench/doc_stages.py``'s total for the same folder. Pure Python only
(a compiled ``creditcheck.model`` cannot be subclassed this way).
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import creditcheck.readers.html.walker as walker_module
from creditcheck.discover import Target
from creditcheck.model import Block
from creditcheck.readers.html.source import SourceText
from creditcheck.ruleset import load_rules
from creditcheck.scan import Scanner, ScanOptions

REPO = Path(__file__).resolve().parent.parent

clock = time.process_time
# The blocks whose position was read, by id (each kept alive, so that no id is reused).
_asked: dict[int, Block] = {}


def _watched_field(name: str) -> property:
    slot = vars(Block)[name]

    def get(self: Block) -> Any:
        _asked[id(self)] = self
        return slot.__get__(self, Block)

    def put(self: Block, value: Any) -> None:
        slot.__set__(self, value)

    return property(get, put)


class _Watched(Block):
    """A block that notes when its position is read."""

    __slots__ = ()
    line = _watched_field("line")
    column = _watched_field("column")
    line_starts = _watched_field("line_starts")

    def position(self, offset: int) -> tuple[int, int]:
        _asked[id(self)] = self
        return Block.position(self, offset)


class _Meter:
    """The wrappers around the source map and the walker, and what they measured."""

    def __init__(self) -> None:
        self.mapping = 0.0  # CPU spent mapping parts of the source map lazily, in all
        self.find_mapping = 0.0
        self.find_decidable = 0.0  # of which the part's bounds alone would have spared
        self.finds = 0
        self.decidable = 0
        self.last = 0.0  # the last placing's CPU, given to the block it made
        self.placed: list[tuple[Block, float]] = []  # kept alive, so that ids stay unique

    def install(self) -> None:
        segments_of, find, anchors, emit = (
            SourceText._segments_of,
            SourceText.find,
            SourceText.anchors,
            walker_module.Walker.emit,
        )
        meter = self

        def timed_segments(self: SourceText, k: int) -> Any:
            if k in self._segments:
                return self._segments[k]
            started = clock()
            try:
                return segments_of(self, k)
            finally:
                meter.mapping += clock() - started

        def timed_find(self: SourceText, text: str, line: int, cursor: int) -> int:
            decidable = _decidable(self, text, line, cursor)
            before = meter.mapping
            found = find(self, text, line, cursor)
            cost = meter.mapping - before
            meter.finds += 1
            meter.find_mapping += cost
            if decidable:
                meter.decidable += 1
                meter.find_decidable += cost
            return found

        def timed_anchors(self: SourceText, start: int, length: int) -> list[tuple[int, int, int]]:
            started = clock()
            try:
                return anchors(self, start, length)
            finally:
                meter.last += clock() - started

        def noted_emit(self: Any, *args: Any, **kwargs: Any) -> None:
            meter.last = 0.0
            emit(self, *args, **kwargs)
            if meter.last and self.blocks:
                meter.placed.append((self.blocks[-1], meter.last))

        SourceText._segments_of = timed_segments  # type: ignore[method-assign]
        SourceText.find = timed_find  # type: ignore[method-assign]
        SourceText.anchors = timed_anchors  # type: ignore[method-assign]
        walker_module.Walker.emit = noted_emit  # type: ignore[method-assign]
        setattr(walker_module, "Block", _Watched)  # noqa: B010 (the name is not exported)


def _decidable(pos: SourceText, text: str, line: int, cursor: int) -> bool:
    """Whether ``find``'s answer follows from the bounds of the part the line starts in."""
    k = bisect.bisect_right(pos._source, pos.line_offset(line)) - 1
    if k < 0 or not pos._stream:
        return True
    # Where the line starts in the stream lies between these, whatever its segments say.
    low, high = pos._stream[max(k - 1, 0)], pos._part_end(k)
    stream = pos.stream
    if cursor >= high:
        if stream.find(text, cursor) >= 0:
            return True
        found = stream.find(text, low)
        return found < 0 or found >= high
    return stream.find(text, max(low, cursor)) >= high


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rules", type=Path, default=REPO / "rules")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if str(sys.modules["creditcheck.model"].__file__).endswith((".so", ".pyd")):
        print("placement_share: creditcheck.model is compiled; use a pure-Python checkout", file=sys.stderr)
        return 2
    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.name != "ground_truth.json")
    if not files:
        print(f"placement_share: no files under {args.folder}", file=sys.stderr)
        return 2
    scanner = Scanner(load_rules(str(args.rules)), ScanOptions(keep_attributions=False))
    meter = _Meter()
    meter.install()
    started = clock()
    for p in files:
        scanner.scan(Target(str(p), os.path.relpath(p, args.folder)))
    total = clock() - started
    asked = [cost for block, cost in meter.placed if id(block) in _asked]
    unread = [cost for block, cost in meter.placed if id(block) not in _asked]
    figures = {
        "files": len(files),
        "total": round(total, 3),
        "placed": len(meter.placed),
        "placed_read": len(asked),
        "placing_read": round(sum(asked), 3),
        "placing_unread": round(sum(unread), 3),
        "finds": meter.finds,
        "finds_decidable": meter.decidable,
        "find_mapping": round(meter.find_mapping, 3),
        "find_mapping_decidable": round(meter.find_decidable, 3),
    }
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"{len(files)} files: {total:.2f} s CPU (instrumented)")
    print(
        f"  blocks placed {len(meter.placed)}, read later {len(asked)}: placing them "
        f"{sum(asked):.2f} s, the unread ones {sum(unread):.2f} s"
    )
    print(
        f"  find: the source map it maps {meter.find_mapping:.2f} s; {meter.decidable} of "
        f"{meter.finds} finds decidable by the part's bounds, mapping {meter.find_decidable:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
