"""Where the HTML walk's placing of blocks goes, what a text-free subtree costs it, how far it reads.

Usage: python bench/walk_share.py FOLDER [--json]

Reads every HTML page under FOLDER (as ``bench/html_stages.py`` loads them) with the HTML
reader and reports, in CPU seconds (``time.process_time``):

- ``Walker.emit`` (placing one block: its text normalised, found in the source map's stream,
  its anchors), and inside it ``SourceText.find`` and ``SourceText.anchors``, with the parts
  of the source map they map (``_Segments``) counted apart;
- the walk's calls on elements whose subtree holds no text, picture or figure (what a walk
  that skipped such subtrees would save);
- how far into each large page's stream (mapped a part at a time) the walk reads, counting a
  ``find`` that fails as reading to the end, and how far into its source that is (what a
  stream made only as far as it is read would skip).

The wrappers cost time of their own: take the shares against ``bench/html_stages.py``.
Pure Python only (a compiled reader calls past the wrappers).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import creditcheck.readers.html as html_reader
from creditcheck.readers.html import source, walker

sys.path.insert(0, str(Path(__file__).resolve().parent))
from html_stages import load

clock = time.process_time
MAPPED = "parts mapped (by find, anchors, small pages)"
_PICTURES = frozenset({"img", "picture", "video", "figure"})


def _text_free(root: Any, into: set[Any]) -> bool:
    """Add to ``into`` every element of ``root``'s tree whose subtree holds no text or picture."""
    free = isinstance(root.tag, str) and root.tag not in _PICTURES and not (root.text or "").strip()
    for child in root:
        if not _text_free(child, into) or (child.tail or "").strip():
            free = False
    if free:
        into.add(root)
    return free


def measure(pages: list[tuple[str, str]]) -> dict[str, Any]:
    cpu: Counter[str] = Counter()
    calls: Counter[str] = Counter()
    depth: Counter[str] = Counter()
    free: set[Any] = set()
    reach = {"stream": 0, "stream read": 0, "source": 0, "source read": 0, "failing": 0}
    maps: list[source.SourceText] = []
    furthest = [0, False]

    def timed(fn: Callable[..., Any], key: str) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if depth[key]:
                return fn(*args, **kwargs)  # a recursive call is inside the outer one's time
            depth[key] += 1
            started = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                cpu[key] += clock() - started
                calls[key] += 1
                depth[key] -= 1

        return wrapper

    Walker, SourceText, Segments = walker.Walker, source.SourceText, source._Segments
    plain = {
        (owner, name): vars(owner)[name]
        for owner, names in (
            (Walker, ("walk", "locate_images", "emit")),
            (SourceText, ("__init__", "find", "anchors")),
            (Segments, ("__init__",)),
        )
        for name in names
    }

    def walk(self: walker.Walker, el: Any, *args: Any) -> None:
        if el in free and el.getparent() not in free:
            started = clock()
            plain[Walker, "walk"](self, el, *args)
            cpu["walk: text-free subtrees"] += clock() - started
            calls["walk: text-free subtrees"] += 1
            return
        plain[Walker, "walk"](self, el, *args)

    def locate(self: walker.Walker, root: Any) -> None:
        free.clear()
        _text_free(root, free)
        plain[Walker, "locate_images"](self, root)

    def find(self: source.SourceText, text: str, line: int, cursor: int) -> int:
        found: int = plain[SourceText, "find"](self, text, line, cursor)
        furthest[0] = max(furthest[0], len(self.stream) if found < 0 else found + len(text))
        furthest[1] = furthest[1] or found < 0
        return found

    def init(self: source.SourceText, *args: Any, **kwargs: Any) -> None:
        plain[SourceText, "__init__"](self, *args, **kwargs)
        maps.append(self)

    patched = {
        (Walker, "walk"): walk,
        (Walker, "locate_images"): locate,
        (Walker, "emit"): timed(plain[Walker, "emit"], "emit"),
        (SourceText, "__init__"): init,
        (SourceText, "find"): timed(find, "emit: find"),
        (SourceText, "anchors"): timed(plain[SourceText, "anchors"], "emit: anchors"),
        (Segments, "__init__"): timed(plain[Segments, "__init__"], MAPPED),
    }
    try:
        for (owner, name), fn in patched.items():
            setattr(owner, name, fn)
        started = clock()
        for path, text in pages:
            maps.clear()
            furthest[:] = [0, False]
            try:
                html_reader.read(path, text)
            except Exception:  # a page the reader refuses is left out
                continue
            if not maps or len(text) < source.EAGER:
                continue
            pos = maps[0]
            stream = len(pos.stream)
            reach["stream"] += stream
            reach["source"] += len(text)
            reach["stream read"] += furthest[0]
            depth[MAPPED] += 1  # where the walk stopped reading, looked up outside its time
            reach["source read"] += len(text) if furthest[0] >= stream else pos.source_offset(furthest[0])
            depth[MAPPED] -= 1
            reach["failing"] += furthest[1]
        total = clock() - started
    finally:
        for (owner, name), fn in plain.items():
            setattr(owner, name, fn)
    return {
        "pages": len(pages),
        "cpu s (instrumented)": round(total, 3),
        "cpu s": {key: round(value, 3) for key, value in cpu.items()},
        "calls": dict(calls),
        "large pages: share of the stream read": round(reach["stream read"] / max(reach["stream"], 1), 3),
        "large pages: share of the source read": round(reach["source read"] / max(reach["source"], 1), 3),
        "large pages with a find that fails": reach["failing"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(load(args.folder))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        if isinstance(value, dict):
            for name, number in value.items():
                print(f"  {key}: {name:<60} {number}")
        else:
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
