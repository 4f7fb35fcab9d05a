"""Where building the HTML source map (``SourceText``) spends its CPU, and how much is C at its floor.

Usage: python bench/source_map_share.py FOLDER [--rounds 2] [--walk] [--part 16] [--json]

Issue 14 asked for the source map's construction to be made cheaper. This measures its
steps before anything is changed. It reads every HTML page under FOLDER (decoded, with the
substitutions the HTML reader makes before it builds the map) and times in CPU seconds
(``time.process_time``), per round:

- ``SourceText(text)`` in all, for the pages mapped a part at a time (32 KB and over) and
  for the small pages mapped whole when they are read (with their line index and split at
  tags; the rest is the Python loop over their lines);
- for the large pages, the steps of it that are one C call each: the line index, the split
  at tags, collapsing the whitespace of each part's text and decoding the entities of the
  parts that hold an ``&``; what is left is the Python loop over the parts;
- two cheaper-looking alternatives, checked to give the same result: the split at tags with
  possessive repeats, and the whitespace collapsed by one ``re.sub``;
- with ``--walk``: the HTML reader run on every page, the part of it spent making the source
  maps and the part spent mapping the parts of them that the walk asks for (``_Segments``);
  and, in a second pass, the share of the large pages' text stream before the furthest point
  the reader asks of it (what a stream made on demand would have to make).

``--part N`` makes every source map of the run with N pieces of text per part (``PART``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import creditcheck.readers.html as html_reader
from creditcheck.positions import LineIndex
from creditcheck.readers.html import source

sys.path.insert(0, str(Path(__file__).resolve().parent))
from html_stages import load  # bench/ is not a package

clock = time.process_time
_LONE_CR = re.compile(r"\r(?!\n)")
# The split at tags with every repeat possessive (no backtracking state kept): the same split,
# since a tag run never needs to give back what it took.
_POSSESSIVE = re.compile(source._TAGS.pattern.replace("[^>]*>?", "[^>]*+>?").replace(")*)", ")*+)"), re.S)
# Any whitespace but a single space: what the collapse replaces with one space.
_WHITESPACE = re.compile(r"\s\s+|[^\S ]")


def _parts(split: list[str]) -> list[str]:
    """The text of each part of the stream, its pieces joined as ``SourceText`` joins them."""
    step = 2 * source.PART
    return [source._JOINT.join(split[first : first + step : 2]) for first in range(0, len(split), step)]


def _timed(steps: dict[str, float], name: str, fn: Callable[[], Any]) -> Any:
    started = clock()
    result = fn()
    steps[name] += clock() - started
    return result


def one_round(texts: list[str]) -> dict[str, float]:
    names = ("whole", "whole: line index", "whole: tag split", "large", "line index", "tag split")
    steps = dict.fromkeys((*names, "whitespace", "entities", "possessive split", "whitespace by re.sub"), 0.0)
    for text in texts:
        if len(text) < source.EAGER:
            _timed(steps, "whole", lambda text=text: source.SourceText(text))
            _timed(steps, "whole: line index", lambda text=text: LineIndex(text))
            _timed(steps, "whole: tag split", lambda text=text: source._TAGS.split(text))
            continue
        _timed(steps, "large", lambda text=text: source.SourceText(text))
        _timed(steps, "line index", lambda text=text: LineIndex(text))
        split = _timed(steps, "tag split", lambda text=text: source._TAGS.split(text))
        if _timed(steps, "possessive split", lambda text=text: _POSSESSIVE.split(text)) != split:
            raise AssertionError("the possessive split differs")
        parts = [p.replace(source._JOINT, "") for p in _parts([*split, ""])]
        _timed(steps, "whitespace", lambda parts=parts: [" ".join(p.split()) for p in parts])
        collapsed = _timed(
            steps,
            "whitespace by re.sub",
            lambda parts=parts: [_WHITESPACE.sub(" ", p).strip(" ") for p in parts],
        )
        if collapsed != [" ".join(p.split()) for p in parts]:
            raise AssertionError("the whitespace collapsed by re.sub differs")
        amp = [p for p in _parts([*split, ""]) if "&" in p]
        _timed(steps, "entities", lambda amp=amp: [source._decoded(p) for p in amp])
    whole = steps["whole"]
    steps["whole: mapping the lines"] = whole - steps["whole: line index"] - steps["whole: tag split"]
    steps["large: the loop over parts and the rest"] = steps["large"] - sum(
        steps[name] for name in ("line index", "tag split", "whitespace", "entities")
    )
    return steps


def walk_round(texts: list[str]) -> dict[str, float]:
    """The HTML reader on every page: making its source maps, and mapping their parts later."""
    spent = {"making": 0.0, "mapping": 0.0}
    plain, made = source._Segments, html_reader.SourceText
    making = [False]  # a small page is mapped whole while its map is made: counted there

    def segments(*args: Any) -> Any:
        started = clock()
        try:
            return plain(*args)
        finally:
            if not making[0]:
                spent["mapping"] += clock() - started

    def source_text(text: str) -> source.SourceText:
        started = clock()
        making[0] = True
        try:
            return made(text)
        finally:
            making[0] = False
            spent["making"] += clock() - started

    source._Segments = segments  # type: ignore[assignment, misc]
    html_reader.SourceText = source_text  # type: ignore[assignment, misc]
    try:
        started = clock()
        for text in texts:
            try:
                html_reader.read("page.html", text)
            except ValueError:
                continue  # nested too deep: the scan reports it; its time still counts
        total = clock() - started
    finally:
        source._Segments = plain  # type: ignore[misc]
        html_reader.SourceText = made  # type: ignore[misc]
    return {
        "reading": total,
        "reading: making source maps": spent["making"],
        "reading: mapping their parts later": spent["mapping"],
        **_reach(texts),
    }


def _reach(texts: list[str]) -> dict[str, float]:
    """How far into each large page's stream the reader looks (untimed: a second pass).

    A stream made only as far as it is read would skip the rest; a ``find`` that fails reads
    it all (the text is searched to the end).
    """
    furthest: dict[int, list[Any]] = {}
    find, stream_index = source.SourceText.find, source.SourceText.stream_index

    def seen(pos: source.SourceText, index: int) -> list[Any]:
        mark = furthest.setdefault(id(pos), [pos, 0])
        mark[1] = max(mark[1], index)
        return mark

    def watched_find(pos: source.SourceText, text: str, line: int, cursor: int) -> int:
        found = find(pos, text, line, cursor)
        seen(pos, found + len(text) if found >= 0 else len(pos.stream))
        return found

    def watched_index(pos: source.SourceText, offset: int) -> int:
        index = stream_index(pos, offset)
        seen(pos, index)
        return index

    source.SourceText.find = watched_find  # type: ignore[method-assign]
    source.SourceText.stream_index = watched_index  # type: ignore[method-assign]
    stream = read = 0
    try:
        for text in texts:
            furthest.clear()
            try:
                html_reader.read("page.html", text)
            except ValueError:
                continue
            for pos, index in furthest.values():
                if len(pos.text) >= source.EAGER:
                    stream += len(pos.stream)
                    read += index
    finally:
        source.SourceText.find = find  # type: ignore[method-assign]
        source.SourceText.stream_index = stream_index  # type: ignore[method-assign]
    return {"large pages' stream read (share)": read / stream if stream else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--walk", action="store_true", help="also time the reader and its mapping of parts")
    parser.add_argument("--part", type=int, default=source.PART, help="pieces of text per part")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    # Every source map made in this process, and the parts measured, have ``--part`` pieces.
    source.PART = args.part
    source.SourceText.__init__.__defaults__ = (args.part, source.EAGER)
    texts = [_LONE_CR.sub("\n", text.replace("\x00", "\ufffd")) for _, text in load(args.folder)]
    large = [t for t in texts if len(t) >= source.EAGER]
    rounds = []
    for _ in range(args.rounds):
        result = one_round(texts)
        if args.walk:
            result.update(walk_round(texts))
        rounds.append(result)
    if args.json:
        print(json.dumps({"pages": len(texts), "large": len(large), "rounds": rounds}, indent=2))
        return 0
    print(f"{len(texts)} pages, {len(large)} of them {source.EAGER // 1024} KB or more; CPU s per round")
    for name in rounds[0]:
        print(f"  {name:42} " + "  ".join(f"{r[name]:6.3f}" for r in rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
