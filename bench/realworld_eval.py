"""Run the extractor over real published credit lines and notices and summarise the parses.

Usage: python bench/realworld_eval.py [--data DIR] [--review FILE] [--pages]

The real-world strings live outside the repository (they belong to their publishers); this
script only reads them. Every string is parsed twice: as kind "text" (a line of prose or a
caption line) and as kind "credit" (an element that holds only a credit). The review file has
one row per string and kind with every attribution found, for reading the parses in bulk.
With --pages the paragraphs of the saved article pages are scanned too: they are mostly prose,
so credits found there are worth a look as likely false positives.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from creditcheck.extract import extract, parse_credit_text
from creditcheck.model import Attribution, AttributionKind
from creditcheck.readers import read_document
from creditcheck.resolve import Resolver
from creditcheck.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
# The shared real material sits beside the repository: ../shared/realworld from its root.
DEFAULT_DATA = ROOT.parent / "shared" / "realworld"
KINDS = ("text", "credit")


@dataclass
class Tally:
    """Counts for one data file parsed as one block kind."""

    strings: int = 0
    with_credit: int = 0
    with_notice: int = 0
    nothing: int = 0
    several: int = 0
    credits: int = 0
    credits_with_person: int = 0
    credits_with_source: int = 0
    credits_with_unknown: int = 0
    credits_roles_only: int = 0
    notices: int = 0
    notices_with_year: int = 0
    notices_with_holder: int = 0
    notices_resolved: int = 0
    roles: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, found: list[Attribution], rule_ids: set[str]) -> None:
        self.strings += 1
        credits = [a for a in found if a.kind is AttributionKind.PHOTO_CREDIT]
        notices = [a for a in found if a.kind is AttributionKind.COPYRIGHT]
        self.with_credit += bool(credits)
        self.with_notice += bool(notices)
        self.nothing += not found
        self.several += len(found) > 1
        for a in credits:
            self.credits += 1
            self.credits_with_person += bool(a.people)
            self.credits_with_source += bool(a.sources)
            self.credits_with_unknown += bool(a.unknown)
            self.credits_roles_only += not (a.people or a.sources or a.unknown)
            for n in a.names:
                self.roles[n.role] += 1
            self.sources.update(a.sources)
        for a in notices:
            self.notices += 1
            self.notices_with_year += a.year is not None
            self.notices_with_holder += a.holder is not None
            self.notices_resolved += a.holder in rule_ids

    def report(self, label: str) -> str:
        pct = (lambda n: f"{n:5d} ({100 * n / self.strings:5.1f}%)") if self.strings else str
        per = 1e6 * self.seconds / max(self.strings, 1)
        lines = [
            f"{label}: {self.strings} strings, {per:.0f} µs per string",
            f"  with a photo credit   {pct(self.with_credit)}",
            f"  with a copyright      {pct(self.with_notice)}",
            f"  with nothing          {pct(self.nothing)}",
            f"  with several          {pct(self.several)}",
        ]
        if self.credits:
            lines.append(
                f"  credits {self.credits}: with person {self.credits_with_person}, with source "
                f"{self.credits_with_source}, with unknown {self.credits_with_unknown}, roles only "
                f"{self.credits_roles_only}"
            )
            lines.append("  names by role: " + ", ".join(f"{k} {v}" for k, v in self.roles.most_common()))
            lines.append("  sources: " + ", ".join(f"{k} {v}" for k, v in self.sources.most_common()))
        if self.notices:
            lines.append(
                f"  notices {self.notices}: with year {self.notices_with_year}, with holder "
                f"{self.notices_with_holder}, holder is a rule {self.notices_resolved}"
            )
        return "\n".join(lines)


def describe(a: Attribution) -> str:
    """One attribution in a compact, greppable form."""
    if a.kind is AttributionKind.COPYRIGHT:
        return f"©[{a.text}] year={a.year} holder={a.holder}"
    parts = [f"C[{a.text}]"]
    for n in a.names:
        tag = {"person": "P", "organisation": "O"}.get(n.role, n.role)
        rule = f"={n.rule}" if n.rule else ""
        fuzzy = f"~{n.score:.0f}" if n.rule and n.score < 100 else ""
        parts.append(f"{tag}:{n.text}{rule}{fuzzy}")
    return " ".join(parts)


def read_strings(path: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line:
                continue
            string, _, provenance = line.partition("\t")
            rows.append((string, provenance))
    return rows


def run_strings(
    name: str,
    rows: list[tuple[str, str]],
    resolver: Resolver,
    rule_ids: set[str],
    writer: Any,
) -> list[str]:
    reports: list[str] = []
    for kind in KINDS:
        tally = Tally()
        for string, _provenance in rows:
            t0 = time.perf_counter()
            found = parse_credit_text(string, resolver, kind)
            tally.seconds += time.perf_counter() - t0
            tally.add(found, rule_ids)
            writer.writerow([name, kind, string, " ‖ ".join(describe(a) for a in found) or "-"])
        reports.append(tally.report(f"{name} as {kind}"))
    return reports


def run_pages(data: Path, resolver: Resolver, rule_ids: set[str], writer: Any) -> str:
    """Scan the saved pages; prose paragraphs should yield nothing."""
    tally = Tally()
    blocks = 0
    for path in sorted((data / "pages").iterdir()):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8", errors="replace")
        try:
            doc = read_document(path.name, text, "html", None, dt.date.today())
        except ValueError as exc:
            print(f"  {path.name}: unreadable ({exc})", file=sys.stderr)
            continue
        blocks += len(doc.blocks)
        t0 = time.perf_counter()
        found = extract(doc, resolver)
        tally.seconds += time.perf_counter() - t0
        for a in found:
            tally.add([a], rule_ids)
            block = next(
                (b for b in doc.blocks if b.line <= a.span.line and (b.text.find(a.text) >= 0)),
                None,
            )
            kind = block.kind if block else "?"
            context = block.text[:300] if block else ""
            writer.writerow([f"page:{path.name}", kind, context, describe(a)])
    per = 1e6 * tally.seconds / max(blocks, 1)
    return (
        f"pages: {blocks} blocks, {per:.0f} µs per block; attributions found {tally.strings} "
        f"(credits {tally.credits}, notices {tally.notices}); see the review file"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    parser.add_argument("--review", type=Path, default=Path(tempfile.gettempdir()) / "realworld_review.tsv")
    parser.add_argument("--pages", action="store_true", help="also scan the saved article pages")
    args = parser.parse_args(argv)

    ruleset = load_rules(args.rules)
    rule_ids = {r.id for r in ruleset}
    resolver = Resolver(ruleset)
    reports: list[str] = []
    with args.review.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(["file", "kind", "string", "parses"])
        for name in ("credit_lines", "copyright_lines"):
            rows = read_strings(args.data / f"{name}.tsv")
            reports.extend(run_strings(name, rows, resolver, rule_ids, writer))
        if args.pages:
            reports.append(run_pages(args.data, resolver, rule_ids, writer))
    print("\n\n".join(reports))
    print(f"\nreview file: {args.review}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
