"""Measure creditcheck on real news pages against the hand labels in bench/labels/.

Usage:
    python bench/realpages_eval.py --mirror GITDIR [--mirror GITDIR ...] [--rules DIR]
        [--json FILE] [--todo FILE] [--seed N] [--today YYYY-MM-DD] [--repeat N] [--htmldate FILE]

Every page of the given bare git mirrors (see realpages.py) is scanned in this process with
the same pipeline as ``creditcheck check`` (decompress, decode, read, extract, check), the page
named by its repository path. The report gives, per check, the findings raised, how many of the
seeded sample are labelled, precision on the labelled ones and how many sampled ones still wait
for a label; credit recall on the pages of bench/labels/credits.jsonl; the share of pages dated
from the page itself and the share dated correctly; and the scan's pages/s and MB/s.
``--todo FILE`` writes the unlabelled sampled findings with their context for labelling.
It exits 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import realpages
from creditcheck.compressed import gunzip, is_gzip
from creditcheck.decode import UndecodableError, decode
from creditcheck.discover import Target
from creditcheck.model import AttributionKind, FileResult
from creditcheck.ruleset import load_rules
from creditcheck.scan import Scanner, ScanOptions

DEFAULT_SEED = 9
CONTEXT = 200
# Only CR, LF and CRLF end a line, as in creditcheck.readers.split_lines.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class Scanned:
    """One page's scan and the decoded text its positions point into."""

    pid: str
    text: str
    result: FileResult | None
    size: int


def scan_pages(pages: dict[str, bytes], scanner: Scanner) -> tuple[dict[str, Scanned], float, int]:
    """Scan every page as ``creditcheck check`` would; returns the scans, seconds and bytes.

    Each page is written to a temporary file under its repository path and scanned from there
    (read, decompress, decode, read, extract, check), so a page that cannot be decoded gets the
    same ``unreadable-file`` finding as on the command line. The report shows the repository
    path. Only the scan is timed.
    """
    out: dict[str, Scanned] = {}
    seconds = 0.0
    total = 0
    with tempfile.TemporaryDirectory(prefix="realpages-") as tmp:
        files = {}
        for pid, raw in pages.items():
            _, path = realpages.split_id(pid)
            disk = os.path.join(tmp, pid.replace("/", "+", 1).replace(":", os.sep, 1))
            os.makedirs(os.path.dirname(disk), exist_ok=True)
            with open(disk, "wb") as fh:
                fh.write(raw)
            files[pid] = (disk, path)
        for pid in sorted(files):
            disk, path = files[pid]
            start = time.perf_counter()
            result = scanner.scan(Target(disk, path))
            seconds += time.perf_counter() - start
            data = gunzip(pages[pid], scanner.options.max_size) if is_gzip(pages[pid]) else pages[pid]
            total += len(data)
            try:
                text = decode(data).text
            except UndecodableError:
                # Positions in an unreadable-file finding are 1:1; the context is for reading only.
                text = data.decode("utf-8", "replace")
            out[pid] = Scanned(pid, text, result, len(data))
    return out, seconds, total


# --- the findings sample ---------------------------------------------------------------------


def quota(count: int) -> int:
    """How many of a check's findings the sample holds.

    All of a small check's findings; at least 25 of a bigger one (so a check with 20 or more has
    20 labelled even if a few labels go stale), and 2 % more of the big ones.
    """
    if count <= 25:
        return count
    return min(count, 25 + math.ceil(count * 0.02))


FindingKey = tuple[str, str, str, int, int]  # page, check, text, line, column


def finding_keys(scans: dict[str, Scanned]) -> dict[str, list[FindingKey]]:
    by_check: dict[str, list[FindingKey]] = defaultdict(list)
    for pid, s in scans.items():
        if s.result is None:
            continue
        for f in s.result.findings:
            by_check[f.check].append((pid, f.check, f.text, f.span.line, f.span.column))
    return by_check


def sampled(by_check: dict[str, list[FindingKey]], seed: int) -> dict[str, list[FindingKey]]:
    """Each check's sample: its ``quota`` findings of lowest seeded hash rank (bottom-k).

    A finding's rank depends only on the seed, its page, check and text and which repeat of
    that text on the page it is, not on its line or on the other findings. So when a code
    change adds or removes findings, the findings still raised keep their place: the sample
    loses the removed ones, takes in the next-ranked, and earlier labels stay in use.
    """
    out = {}
    for check, keys in by_check.items():
        repeats: Counter[tuple[str, str, str]] = Counter()
        ranked = []
        # A finding raised twice at the same place (it happens) is sampled once.
        for key in sorted(set(keys), key=lambda k: (k[0], k[3], k[4], k[2])):
            n = repeats[key[:3]]
            repeats[key[:3]] += 1
            digest = hashlib.sha256(f"{seed}\0{key[0]}\0{check}\0{key[2]}\0{n}".encode()).hexdigest()
            ranked.append((digest, key))
        ranked.sort()
        out[check] = [key for _, key in ranked[: quota(len(ranked))]]
    return out


def match_labels(
    by_check: dict[str, list[FindingKey]], rows: list[dict[str, object]]
) -> dict[FindingKey, dict[str, object]]:
    """Each label's finding: same page, check and text, the nearest position; one label, one finding.

    Matching on text rather than position keeps a label valid when a reader change moves its
    finding by a line or two. A page may raise the same text many times (an image without a
    ``src``, a repeated credit), so each finding takes at most one label. A label at a finding's
    exact place takes it first: a stale label (its finding fixed) would otherwise take the
    nearest finding of the same text in the file's order, away from the label written for it.
    """
    groups: dict[tuple[str, str, str], list[FindingKey]] = defaultdict(list)
    for keys in by_check.values():
        for key in keys:
            groups[key[:3]].append(key)
    out: dict[FindingKey, dict[str, object]] = {}
    raised = {key for keys in groups.values() for key in keys}
    nearest = []
    for row in rows:
        line, column = int(str(row.get("line", 0))), int(str(row.get("column", 0)))
        exact: FindingKey = (str(row["page"]), str(row["check"]), str(row["text"]), line, column)
        if exact in raised and exact not in out:
            out[exact] = row
        else:
            nearest.append(row)
    for row in nearest:
        candidates = [
            k for k in groups.get((str(row["page"]), str(row["check"]), str(row["text"])), []) if k not in out
        ]
        if candidates:
            line, column = int(str(row.get("line", 0))), int(str(row.get("column", 0)))
            out[min(candidates, key=lambda k: (abs(k[3] - line), abs(k[4] - column), k[3], k[4]))] = row
    return out


def offset_of(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column, counting lines as creditcheck does."""
    start = 0
    if line > 1:
        for n, m in enumerate(_LINE_BREAK.finditer(text), 2):
            if n == line:
                start = m.end()
                break
    return start + column - 1


def context(text: str, line: int, column: int, width: int = CONTEXT) -> str:
    offset = offset_of(text, line, column)
    return text[max(0, offset - width) : offset + width]


# --- credit recall ---------------------------------------------------------------------------

_LABEL = re.compile(
    r"^(?:photo(?:graph)?s?|image|picture|foto|fotos|bild|bilder|credit|crédit|photo credit|"
    r"copyright|quelle|source|fonte|zdjęcie|fot|video)\s*[:.]?\s+",
    re.I,
)


def normalise(text: str) -> str:
    """A credit's text for matching: NFKC, case-folded, punctuation and labels dropped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[©()\[\]|/,.;:·•—–\-_\"'’‘“”«»]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    for _ in range(2):
        text = _LABEL.sub("", text).strip()
    return text


def credit_found(credit: str, found: list[str]) -> str:
    """``full``, ``partial`` or ``missed``: did creditcheck read this credit a reader sees?

    Full: the normalised credit is contained in a found credit, or a found credit is contained
    in it and covers at least 80 % of its words (a label word such as "Foto" may be missing).
    Partial: a found credit shares a word of 3+ letters with it but is not full (a split credit
    read as its agency alone).
    """
    want = normalise(credit)
    words = set(want.split())
    partial = False
    for f in found:
        got = normalise(f)
        if not got:
            continue
        if want and want in got:
            return "full"
        if got in want and len(set(got.split()) & words) >= 0.8 * len(words):
            return "full"
        if {w for w in got.split() if len(w) >= 3} & {w for w in words if len(w) >= 3}:
            partial = True
    return "partial" if partial else "missed"


# --- the report ------------------------------------------------------------------------------


def _from_page(result: FileResult | None) -> bool:
    """Whether the scan dated the page from the page itself (not the flag or today)."""
    return result is not None and result.published_from not in (None, "today", "flag")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "—"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", action="append", required=True, metavar="GITDIR")
    parser.add_argument("--rules", default=str(realpages.ROOT / "rules"))
    parser.add_argument("--labels", default=str(realpages.LABELS), help="labels folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="scan N times, report the median")
    parser.add_argument("--json", metavar="FILE", help="write the summary as JSON ('-' for stdout)")
    parser.add_argument("--todo", metavar="FILE", help="write unlabelled sampled findings as JSON lines")
    parser.add_argument(
        "--htmldate", metavar="FILE", help="a JSON summary of htmldate_compare.py, shown beside the dates"
    )
    args = parser.parse_args(argv)
    labels_dir = Path(args.labels)

    mirrors = realpages.open_mirrors(args.mirror)
    pages = realpages.read_all(mirrors)
    options = ScanOptions(today=args.today) if args.today else ScanOptions()
    scanner = Scanner(load_rules([args.rules]), options)
    # On a shared machine one run can be slowed by others: --repeat N reports the median.
    runs = []
    for _ in range(max(1, args.repeat)):
        scans, seconds, size = scan_pages(pages, scanner)
        runs.append(seconds)
    seconds = statistics.median(runs)
    summary: dict[str, object] = {
        "pages": len(scans),
        "mirrors": {m.repo: len(m.paths) for m in mirrors},
        "seconds": round(seconds, 3),
        "runs_seconds": [round(r, 3) for r in runs],
        "pages_per_s": round(len(scans) / seconds, 1) if seconds else None,
        "mb_per_s": round(size / 1e6 / seconds, 2) if seconds else None,
        "mb": round(size / 1e6, 1),
        "today": options.today.isoformat(),
    }

    # Findings: precision on the labelled sample.
    by_check = finding_keys(scans)
    picks = sampled(by_check, args.seed)
    # findings.jsonl, then findings-*.jsonl: work on separate failure classes labels into files
    # of its own, so parallel branches never edit the same lines.
    label_rows = [
        row
        for path in [labels_dir / "findings.jsonl", *sorted(labels_dir.glob("findings-*.jsonl"))]
        for row in realpages.load_jsonl(path)
    ]
    labels = match_labels(by_check, label_rows)
    checks: dict[str, dict[str, object]] = {}
    todo: list[dict[str, object]] = []
    causes: Counter[str] = Counter()
    outside = 0
    for check in sorted(by_check, key=lambda c: (-len(by_check[c]), c)):
        # Precision counts the labelled findings of the current sample only: labels of findings
        # outside it (an earlier sample's) would weigh some kinds of finding more than others.
        right = wrong = 0
        waiting = []
        check_causes: Counter[str] = Counter()
        for key in picks[check]:
            row = labels.get(key)
            if row is None:
                waiting.append(key)
            elif row["verdict"] == "right":
                right += 1
            else:
                wrong += 1
                cause = str(row.get("cause") or "?").split(":")[0].strip()
                causes[cause] += 1
                check_causes[cause] += 1
        outside += len({key for key in by_check[check] if key in labels} - set(picks[check]))
        for key in waiting:
            s = scans[key[0]]
            todo.append(
                {
                    "page": key[0],
                    "check": check,
                    "text": key[2],
                    "line": key[3],
                    "column": key[4],
                    "context": context(s.text, key[3], key[4]),
                    # Date-dependent checks are judged against the day the scan took.
                    "published": s.result.published.isoformat() if s.result and s.result.published else None,
                    "published_from": s.result.published_from if s.result else None,
                }
            )
        checks[check] = {
            "raised": len(by_check[check]),
            # The same finding at the same place more than once: worth knowing, not sampled twice.
            "duplicates": len(by_check[check]) - len(set(by_check[check])),
            "sample": len(picks[check]),
            "labelled": right + wrong,
            "right": right,
            "precision": round(right / (right + wrong), 3) if right + wrong else None,
            "unlabelled_in_sample": len(waiting),
            "wrong_by_cause": dict(check_causes.most_common()),
        }
    summary["checks"] = checks
    summary["wrong_by_cause"] = dict(causes.most_common())
    summary["labelled_outside_sample"] = outside

    # Credits: recall on the labelled pages.
    credit_rows = realpages.load_jsonl(labels_dir / "credits.jsonl")
    recall: dict[str, Counter[str]] = defaultdict(Counter)
    labelled_pages: dict[str, set[str]] = defaultdict(set)
    for row in credit_rows:
        pid = str(row["page"])
        group = str(row.get("sample", "random"))
        labelled_pages[group].add(pid)
        if row.get("credit") is None or pid not in scans:
            continue
        result = scans[pid].result
        found = [
            a.text for a in (result.attributions if result else ()) if a.kind is AttributionKind.PHOTO_CREDIT
        ]
        recall[group][credit_found(str(row["credit"]), found)] += 1
    # The labels must cover the seeded samples they claim to, or the recall means little.
    seeded = realpages.credit_samples(mirrors, pages)
    uncovered = {g: len(set(ids) - labelled_pages.get(g, set())) for g, ids in seeded.items()}
    summary["credit_pages_unlabelled"] = {g: n for g, n in uncovered.items() if n}
    recall["both"] = sum(recall.values(), Counter())
    labelled_pages["both"] = set().union(*labelled_pages.values())
    summary["credits"] = {
        group: {
            "pages": len(labelled_pages[group]),
            "credits": sum(recall[group].values()),
            "found": recall[group]["full"],
            "partial": recall[group]["partial"],
            "missed": recall[group]["missed"],
            "recall": round(recall[group]["full"] / sum(recall[group].values()), 3)
            if recall[group]
            else None,
        }
        for group in sorted(labelled_pages)
    }

    # Dates: dated from the page, and dated correctly, against pages with a findable date.
    truth = realpages.true_dates(mirrors, pages, labels_dir)
    # A page creditcheck could not read has no publication date at all.
    origins = Counter((s.result.published_from if s.result else None) or "unreadable" for s in scans.values())
    findable = {pid: t for pid, t in truth.items() if t.day and pid in scans}
    by_origin: dict[str, Counter[str]] = defaultdict(Counter)
    for pid, t in findable.items():
        result = scans[pid].result
        from_page = _from_page(result)
        by_origin[t.origin]["pages"] += 1
        by_origin[t.origin]["dated"] += from_page
        by_origin[t.origin]["correct"] += from_page and result is not None and str(result.published) == t.day
    dated = sum(c["dated"] for c in by_origin.values())
    correct = sum(c["correct"] for c in by_origin.values())
    undated = [pid for pid, t in truth.items() if t.day is None and pid in scans]
    made_up = sum(1 for pid in undated if _from_page(scans[pid].result))
    summary["dates"] = {
        "origins_all_pages": dict(origins.most_common()),
        "with_truth": len(findable),
        "truth_origins": dict(Counter(t.origin for t in findable.values())),
        "dated_from_page": dated,
        "dated_correctly": correct,
        "share_dated": round(dated / len(findable), 3) if findable else None,
        "share_correct": round(correct / len(findable), 3) if findable else None,
        "by_truth": {origin: dict(c) for origin, c in sorted(by_origin.items())},
        "labelled_undated": len(undated),
        "dated_although_undated": made_up,
    }

    if args.htmldate:
        # htmldate runs in its own environment; its summary is read, never imported.
        other = json.loads(Path(args.htmldate).read_text(encoding="utf-8"))
        keys = ("htmldate", "extensive_search=False", "extensive_search=True")
        summary["htmldate"] = {key: other[key] for key in keys if key in other}
    print_report(summary)
    if args.todo:
        with open(args.todo, "w", encoding="utf-8") as fh:
            for row in todo:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"\n{len(todo)} unlabelled sampled findings written to {args.todo}")
    if args.json:
        out = json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
        if args.json == "-":
            sys.stdout.write(out)
        else:
            Path(args.json).write_text(out, encoding="utf-8")
    return 0


def print_report(summary: dict[str, object]) -> None:
    print(
        f"{summary['pages']} pages {summary['mirrors']}: {summary['pages_per_s']} pages/s, "
        f"{summary['mb_per_s']} MB/s ({summary['mb']} MB, {summary['seconds']} s in the scan, one process, "
        f"median of runs {summary['runs_seconds']}); today = "
        f"{summary['today']}"
    )
    print()
    head = ("check", "raised", "sample", "labelled", "right", "precision", "to label")
    print(f"{head[0]:24} {head[1]:>7} {head[2]:>7} {head[3]:>8} {head[4]:>6} {head[5]:>9} {head[6]:>8}")
    checks = summary["checks"]
    assert isinstance(checks, dict)
    for check, c in checks.items():
        precision = "—" if c["precision"] is None else f"{c['precision']:.3f}"
        print(
            f"{check:24} {c['raised']:7d} {c['sample']:7d} {c['labelled']:8d} {c['right']:6d} {precision:>9} "
            f"{c['unlabelled_in_sample']:8d}"
        )
    labelled = sum(c["labelled"] for c in checks.values())
    right = sum(c["right"] for c in checks.values())
    print(f"{'all labelled':24} {'':7} {'':7} {labelled:8d} {right:6d} {_ratio(right, labelled):>9}")
    print(f"wrong findings by cause: {summary['wrong_by_cause']}")
    print(f"labels of findings outside the sample (not counted): {summary['labelled_outside_sample']}")
    dups = {c: v["duplicates"] for c, v in checks.items() if v["duplicates"]}
    if dups:
        print(f"findings raised more than once at the same place (extra copies): {dups}")
    print()
    credits = summary["credits"]
    assert isinstance(credits, dict)
    for group, c in credits.items():
        print(
            f"credit recall ({group}: {c['pages']} pages): {c['found']}/{c['credits']} = "
            f"{c['recall']} (partial {c['partial']}, missed {c['missed']})"
        )
    if summary["credit_pages_unlabelled"]:
        print(f"pages of the seeded credit samples without labels: {summary['credit_pages_unlabelled']}")
    d = summary["dates"]
    assert isinstance(d, dict)
    print(
        f"dates: {d['with_truth']} pages with a findable date {d['truth_origins']}; dated from the "
        f"page {d['dated_from_page']} ({d['share_dated']}), the right day {d['dated_correctly']} "
        f"({d['share_correct']})"
    )
    print(f"  by ground truth: {d['by_truth']}")
    print(
        f"  dated although a person found no date: {d['dated_although_undated']} of "
        f"{d['labelled_undated']} labelled pages"
    )
    print(f"date origins over all pages: {d['origins_all_pages']}")
    hd = summary.get("htmldate")
    if isinstance(hd, dict):
        for key in ("extensive_search=False", "extensive_search=True"):
            h = hd.get(key)
            if isinstance(h, dict):
                print(
                    f"htmldate {hd.get('htmldate')} {key}: dated {h['share_dated']}, right day "
                    f"{h['share_correct']}, {h['median_ms']} ms median per page"
                )


if __name__ == "__main__":
    sys.exit(main())
