"""Checks extraction's guarded tests on real text: each answers as its plain form does.

Usage: python bench/guard_check.py FOLDER... [--realworld DIR] [--mirror GIT_DIR]... [--rules DIR]

A guard is a cheap test (a character looked for first) that spares a pattern or a search where
it cannot match. Reads every file under each FOLDER, under ``--realworld`` (default
``../shared/realworld`` beside the repository: its pages, and its credit and copyright lines, each
parsed as a credit element and as a caption) and the saved pages of each bare git mirror, as a
scan does, and compares on every text that reaches each guarded test:

- ``prefilter.has_long_cue`` with its plain form (``tests/plain_extract.py``), on every block;
- the prefilter on an ASCII text without markup as it stands and folded (``extract._folded``
  asks it first): it never passes the folded text when it refused the text;
- each pattern ``names.make_name`` guards, at every start between a name's bounds: where the
  pattern matches, its guard lets it through;
- ``patterns.TRANSLATION`` with its plain form (every match of each in every block), and
  ``ID_COLON`` (a match holds a colon).

Prints the count of texts compared and every disagreement; the exit status is 1 if there is one.
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

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.plain_extract import PLAIN_TRANSLATION, plain_has_long_cue  # noqa: E402

import compare_outputs  # noqa: E402
import creditcheck.extract.names as names_module  # noqa: E402
import creditcheck.scan as scan_module  # noqa: E402
from creditcheck.discover import Target  # noqa: E402
from creditcheck.extract import parse_credit_text  # noqa: E402
from creditcheck.extract import patterns as p  # noqa: E402
from creditcheck.extract.context import BlockText  # noqa: E402
from creditcheck.extract.prefilter import fold, has_long_cue, may_hold_attribution  # noqa: E402
from creditcheck.model import Document  # noqa: E402
from creditcheck.resolve import Resolver  # noqa: E402
from creditcheck.ruleset import load_rules  # noqa: E402
from creditcheck.scan import Scanner, ScanOptions  # noqa: E402

DEFAULT_REALWORLD = REPO.parent / "shared" / "realworld"


class Checker:
    """Counts what was compared and keeps every disagreement."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.failures: list[str] = []

    def fail(self, what: str, text: str) -> None:
        self.failures.append(f"{what}: {text[:160]!r}")

    def block(self, text: str) -> None:
        folded = fold(text)
        low = folded.lower()
        self.counts["blocks"] += 1
        if has_long_cue(low) != plain_has_long_cue(low):
            self.fail("has_long_cue", text)
        if (
            text.isascii()
            and "<" not in text
            and not may_hold_attribution(text)
            and may_hold_attribution(folded)
        ):
            self.fail("may_hold_attribution before folding", text)
        fast = [m.span() for m in p.TRANSLATION.finditer(folded)]
        if fast != [m.span() for m in PLAIN_TRANSLATION.finditer(folded)]:
            self.fail("TRANSLATION", text)
        if p.ID_COLON.search(folded) is not None and ":" not in folded:
            self.fail("ID_COLON", text)

    def name(self, ctx: BlockText, s: int, e: int) -> None:
        """Every guarded pattern of ``make_name`` at every start from ``s`` to ``e``."""
        text = ctx.text
        self.counts["names"] += 1
        stripped = text.strip()
        for pos in range(s, e + 1):
            first = text[pos : pos + 1]
            guarded: list[tuple[str, bool, bool]] = [
                ("NAME_LABEL", p.NAME_LABEL.match(text, pos) is not None, first in p.NAME_LABEL_FIRST),
                ("COURTESY", p.COURTESY.match(text, pos) is not None, first in p.COURTESY_FIRST),
                ("VIA_OR_YEAR", p.VIA_OR_YEAR.match(text, pos, e) is not None, first in p.VIA_OR_YEAR_FIRST),
                ("EMAIL", p.EMAIL.search(text, pos, e) is not None, text.find("@", pos, e) >= 0),
                ("URL", p.URL.search(text, pos, e) is not None, text.find("://", pos, e) >= 0),
                (
                    "DATE_PIECE",
                    p.DATE_PIECE.fullmatch(stripped, pos, e) is not None,
                    names_module._may_be_date(text, len(p.DIGIT.findall(text, pos, e))),
                ),
            ]
            seg = text[pos:e].strip()
            guarded.append(("LICENCE", p.LICENCE.fullmatch(seg) is not None, seg[:1] in p.LICENCE_FIRST))
            for what, matched, allowed in guarded:
                self.counts["name patterns"] += 1
                if matched and not allowed:
                    self.fail(f"{what} at {pos}", text[s:e])


def _wrapped(checker: Checker) -> Callable[..., Any]:
    plain = names_module.make_name

    def make_name(ctx: BlockText, s: int, e: int, *rest: Any) -> Any:
        checker.name(ctx, s, e)
        return plain(ctx, s, e, *rest)

    return make_name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="*")
    parser.add_argument("--realworld", type=Path, default=DEFAULT_REALWORLD)
    parser.add_argument("--mirror", type=Path, action="append", default=[], help="a bare git mirror")
    parser.add_argument("--rules", type=Path, default=REPO / "rules")
    args = parser.parse_args(argv)
    checker = Checker()
    ruleset = load_rules(str(args.rules))
    plain_extract = scan_module.extract
    plain_make_name = names_module.make_name

    def extract(doc: Document, resolver: Resolver, *rest: Any, **kw: Any) -> Any:
        for block in doc.blocks:
            checker.block(block.text)
        return plain_extract(doc, resolver, *rest, **kw)

    scan_module.extract = extract  # type: ignore[assignment]
    names_module.make_name = _wrapped(checker)
    try:
        resolver = Resolver(ruleset)
        for name in ("credit_lines.tsv", "copyright_lines.tsv"):
            path = args.realworld / name
            if not path.is_file():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                text = line.split("\t", 1)[0]
                checker.block(text)
                for kind in ("credit", "caption"):
                    parse_credit_text(text, resolver, kind)
                checker.counts["lines"] += 1
        with tempfile.TemporaryDirectory() as tmp:
            folders = [*args.folders, *([args.realworld] if args.realworld.is_dir() else [])]
            for git_dir in args.mirror:
                into = Path(tmp) / git_dir.parent.name
                compare_outputs._export_mirror(git_dir, into)
                folders.append(into)
            scanner = Scanner(ruleset, ScanOptions(keep_attributions=False))
            for folder in folders:
                files = sorted(f for f in folder.rglob("*") if f.is_file() and f.name != "ground_truth.json")
                for f in files:
                    scanner.scan(Target(str(f), os.path.relpath(f, folder)))
                checker.counts["files"] += len(files)
    finally:
        scan_module.extract = plain_extract
        names_module.make_name = plain_make_name
    for line in checker.failures:
        print("DIFFERS:", line)
    counts = ", ".join(f"{k}: {v}" for k, v in checker.counts.items())
    print(f"{counts} ; disagreements: {len(checker.failures)}")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
