"""Checks segmentation's and words' rewritten tests against their plain forms on real text.

Usage: python bench/segmentation_check.py FOLDER... [--mirror GIT_DIR]... [--rules DIR]

Scans every file under each FOLDER (and the saved pages of each bare git mirror, exported to
a temporary folder) as a scan does, with every call the extractor makes to ``find_cuts``,
``prefix_at``, ``ends_sentence``, ``other_contributor_label``, ``other_contributor``,
``name_list_like``, ``prose_words`` and ``is_name_token`` also answered by the plain form it
replaced (``tests/plain_segmentation.py``).
A FOLDER holding ``credit_lines.tsv`` or ``copyright_lines.tsv`` (the real credit lines of
``../shared/realworld``) has each line's first column asked too, at every position. Any answer
that differs is printed and the exit status is 1. Run it with the pure build (``src`` first on
``PYTHONPATH``): a compiled module calls its neighbours directly, past the wrappers.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import plain_segmentation as plain

import compare_outputs
from creditcheck.discover import Target
from creditcheck.extract import segmentation, words
from creditcheck.extract.offsets import bracket_groups
from creditcheck.extract.prefilter import fold
from creditcheck.extract.vocabulary import VERBS
from creditcheck.ruleset import load_rules
from creditcheck.scan import Scanner, ScanOptions

REPO = Path(__file__).resolve().parent.parent
CHECKED: list[tuple[Any, str, Callable[..., Any]]] = [
    (segmentation, "find_cuts", plain.find_cuts),
    (segmentation, "prefix_at", plain.prefix_at),
    (segmentation, "ends_sentence", plain.ends_sentence),
    (words, "other_contributor_label", plain.other_contributor_label),
    (words, "name_list_like", plain.name_list_like),
    (words, "prose_words", lambda *a, **k: tuple(plain.prose_words(*a, **k))),
    (words, "is_name_token", plain.is_name_token),
    (words, "other_contributor", plain.other_contributor),
]


def _compared(
    name: str, fast: Callable[..., Any], slow: Callable[..., Any], counts: Counter[str], failures: list[str]
) -> Callable[..., Any]:
    def both(*args: Any, **kwargs: Any) -> Any:
        answer = fast(*args, **kwargs)
        counts[name] += 1
        if answer != slow(*args, **kwargs):
            failures.append(f"{name}{args!r} {kwargs!r}: {answer!r}")
        return answer

    return both


def _patch(counts: Counter[str], failures: list[str]) -> list[tuple[Any, str, Any]]:
    """Put the comparing wrappers wherever a creditcheck module holds a checked function."""
    saved: list[tuple[Any, str, Any]] = []
    for home, name, slow in CHECKED:
        fast = getattr(home, name)
        wrapper = _compared(name, fast, slow, counts, failures)
        for module in list(sys.modules.values()):
            if (
                str(getattr(module, "__name__", "")).startswith("creditcheck")
                and getattr(module, name, None) is fast
            ):
                saved.append((module, name, fast))
                setattr(module, name, wrapper)
    return saved


def check_line(text: str) -> None:
    """Ask every checked function about one real line, at every position it can be asked at."""
    n = len(text)
    for start in range(0, n, 7):
        segmentation.find_cuts(text, start, n, bracket_groups(text, start, n))
    for pos in range(n + 1):
        segmentation.prefix_at(text, pos, True)
        segmentation.prefix_at(text, pos, False)
        words.other_contributor_label(text, pos)
        if pos < n and text[pos] in ".!?…":
            segmentation.ends_sentence(text, pos)
    for piece in (text, *text.split("/"), *text.split(",")):
        words.name_list_like(piece)
        words.name_list_like(piece, contributors=False)
        words.prose_words(piece)
        words.prose_words(piece, VERBS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="*")
    parser.add_argument("--mirror", type=Path, action="append", default=[], help="a bare git mirror")
    parser.add_argument("--rules", type=Path, default=REPO / "rules")
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    failures: list[str] = []
    saved = _patch(counts, failures)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folders = list(args.folders)
            for git_dir in args.mirror:
                into = Path(tmp) / git_dir.parent.name
                compare_outputs._export_mirror(git_dir, into)
                folders.append(into)
            scanner = Scanner(load_rules(str(args.rules)), ScanOptions(keep_attributions=False))
            for folder in folders:
                for name in ("credit_lines.tsv", "copyright_lines.tsv"):
                    lines = folder / name
                    if lines.is_file():
                        for line in lines.read_text(encoding="utf-8").splitlines():
                            text = line.split("\t", 1)[0]
                            check_line(text)
                            check_line(fold(text))
                            counts["real lines"] += 1
                files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "ground_truth.json")
                for p in files:
                    scanner.scan(Target(str(p), os.path.relpath(p, folder)))
                counts["files"] += len(files)
    finally:
        for module, name, fast in saved:
            setattr(module, name, fast)
    for line in failures[:50]:
        print("DIFFERS:", line)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()), f"; answers that differ: {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
