"""Measure creditcheck's own HTML date reader on the real-page development set, beside htmldate.

Usage:
    python bench/dates_compare.py --mirror GITDIR [--mirror GITDIR ...] [--htmldate FILE] [--json FILE]

Reads every page of the mirrors (see realpages.py) as a scan does (decompressed, decoded), then
times, per page, what creditcheck spends on the publication date alone: parsing the page with
lxml and running ``find_published`` (comparable to htmldate's ``find_date``, which parses the
page itself), and ``find_published`` on the parsed tree (the extra cost inside a scan, which
parses the page anyway). It reports the same shares as htmldate_compare.py against the same
ground truth: pages with a findable date dated, dated on the right day, pages a person found
no date on dated anyway, median and p95 milliseconds per page, and the import time of the date
reader (``-X importtime``, bytecode allowed, after a warm-up run). ``--htmldate FILE`` (the
``--json`` of htmldate_compare.py, run in htmldate's own environment) adds htmldate's figures
as a side-by-side Markdown table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import lxml.html

import realpages
from creditcheck.compressed import gunzip, is_gzip
from creditcheck.decode import UndecodableError, decode
from creditcheck.readers.html.published import find_published
from htmldate_compare import import_ms, percentile, write_summary

MODULE = "creditcheck.readers.html.published"


def measure(pages: dict[str, bytes]) -> tuple[dict[str, str | None], list[float], list[float]]:
    """Each page's day (or None), and the milliseconds of parse + date and of the date alone."""
    found: dict[str, str | None] = {}
    whole: list[float] = []
    alone: list[float] = []
    parser = lxml.html.HTMLParser(recover=True, no_network=True, huge_tree=False)
    for pid in sorted(pages):
        raw = pages[pid]
        data = gunzip(raw, 1 << 30) if is_gzip(raw) else raw
        try:
            text = decode(data).text
        except UndecodableError:
            found[pid] = None
            continue
        start = time.perf_counter()
        try:
            root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
        except (lxml.etree.ParserError, ValueError):
            found[pid] = None
            continue
        parsed = time.perf_counter()
        date = find_published(root)
        end = time.perf_counter()
        whole.append(1000 * (end - start))
        alone.append(1000 * (end - parsed))
        found[pid] = date.day.isoformat() if date else None
    return found, whole, alone


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", action="append", required=True, metavar="GITDIR")
    parser.add_argument("--labels", default=str(realpages.LABELS), help="labels folder")
    parser.add_argument("--htmldate", metavar="FILE", help="htmldate_compare.py's --json summary")
    parser.add_argument("--json", metavar="FILE", help="write the summary as JSON ('-' for stdout)")
    args = parser.parse_args(argv)
    mirrors = realpages.open_mirrors(args.mirror)
    pages = realpages.read_all(mirrors)
    truth = realpages.true_dates(mirrors, pages, Path(args.labels))
    findable = {pid: t.day for pid, t in truth.items() if t.day and pid in pages}
    undated = [pid for pid, t in truth.items() if t.day is None and pid in pages]
    found, whole, alone = measure(pages)
    dated = sum(1 for pid in findable if found.get(pid))
    correct = sum(1 for pid, day in findable.items() if found.get(pid) == day)
    summary = {
        "pages": len(pages),
        "with_truth": len(findable),
        "dated_from_page": dated,
        "dated_correctly": correct,
        "share_dated": round(dated / len(findable), 3),
        "share_correct": round(correct / len(findable), 3),
        "share_dated_all_pages": round(sum(1 for d in found.values() if d) / len(found), 3),
        "labelled_undated": len(undated),
        "dated_although_undated": sum(1 for pid in undated if found.get(pid)),
        "median_ms": round(statistics.median(whole), 2),
        "p95_ms": round(percentile(whole, 0.95), 2),
        "date_only_median_ms": round(statistics.median(alone), 2),
        "date_only_p95_ms": round(percentile(alone, 0.95), 2),
        "import_ms": round(import_ms(MODULE), 1),
        # lxml.html is imported by every HTML scan anyway: the reader's own share is the rest.
        "lxml_import_ms": round(import_ms("lxml.html"), 1),
    }
    print(
        f"creditcheck's date reader on {len(pages)} pages, {len(findable)} with a findable date: "
        f"dated {dated} ({summary['share_dated']}), right day {correct} ({summary['share_correct']}); "
        f"dated {summary['dated_although_undated']} of the {len(undated)} pages labelled undated; "
        f"parse + date {summary['median_ms']} ms median, {summary['p95_ms']} ms p95; date alone "
        f"{summary['date_only_median_ms']} / {summary['date_only_p95_ms']} ms; "
        f"import {summary['import_ms']} ms (lxml.html alone {summary['lxml_import_ms']} ms)"
    )
    if args.htmldate:
        print()
        print(side_by_side(summary, json.loads(Path(args.htmldate).read_text(encoding="utf-8"))))
    if args.json:
        write_summary(summary, args.json)
    return 0


def side_by_side(ours: dict[str, object], other: dict[str, object]) -> str:
    """A Markdown table of creditcheck's reader and htmldate's two modes on the same pages."""
    modes = [("creditcheck", ours)]
    for key in ("extensive_search=False", "extensive_search=True"):
        if isinstance(other.get(key), dict):
            modes.append((f"htmldate {other.get('htmldate', '')}, `{key}`", other[key]))  # type: ignore[arg-type]
    total = ours["with_truth"]
    rows = [
        ("findable-date pages dated", lambda m: f"{m['dated_from_page']} / {total} = {m['share_dated']}"),
        ("… on the right day", lambda m: f"{m['dated_correctly']} / {total} = {m['share_correct']}"),
        ("all pages dated", lambda m: str(m["share_dated_all_pages"])),
        (
            "pages with no date a person finds, dated",
            lambda m: f"{m['dated_although_undated']} / {m['labelled_undated']}",
        ),
        ("ms per page (parse + date), median / p95", lambda m: f"{m['median_ms']} / {m['p95_ms']}"),
    ]
    lines = ["| | " + " | ".join(name for name, _ in modes) + " |", "|---" * (len(modes) + 1) + "|"]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(m) for _, m in modes) + " |")
    imports = [f"{ours['import_ms']}"] + [f"{other.get('import_ms')}" for _ in modes[1:]]
    lines.append("| import ms | " + " | ".join(imports) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
