"""check as a stream: the report file refused up front, escaped names fixed, grouped results, pool order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from creditcheck.discover import Target
from creditcheck.model import FileResult, Finding, Severity, Span
from creditcheck.ruleset import load_rules
from creditcheck.scan import ScanOptions, iter_scan
from tests.helpers import FIXTURES, RULES
from tests.test_ci_gate import run

NOTICE_2019 = FIXTURES / "checks" / "copyright-year" / "fail.txt"


def test_a_report_that_cannot_be_written_stops_the_run_before_it_starts(tmp_path: Path) -> None:
    shutil.copy(NOTICE_2019, tmp_path / "a.txt")
    code, out, err = run(tmp_path, "check", "--rules", str(RULES), "-o", "missing/report.json", ".")
    assert (code, out) == (2, "")
    assert err == "creditcheck: error: cannot write missing/report.json: its folder does not exist\n"


def test_a_fix_is_made_in_a_file_whose_name_the_report_escapes(tmp_path: Path) -> None:
    # U+2028 is printable to discovery's old test but escaped in reports: the findings then named
    # a path no target had, and --fix skipped them without a word.
    story = tmp_path / "a\u2028b.txt"
    shutil.copy(NOTICE_2019, story)
    code, out, err = run(tmp_path, "check", "--rules", str(RULES), "--published", "2020-01-14", "--fix", ".")
    assert (code, out, err) == (
        0,
        "No problems found in 1 file.\n",
        "creditcheck: fixed 1 problem in 1 file\n",
    )
    assert "© 2020 the Japan Times" in story.read_text(encoding="utf-8")


def test_the_json_report_names_the_escaped_path(tmp_path: Path) -> None:
    shutil.copy(NOTICE_2019, tmp_path / "a\u202eb.txt")
    code, out, _ = run(
        tmp_path, "check", "--rules", str(RULES), "--published", "2020-01-14", "--format", "json", "."
    )
    report = json.loads(out)
    assert code == 1
    assert [f["path"] for f in report["files"]] == ["a\\u202eb.txt"]
    assert [(f["path"], f["check"], f["line"]) for f in report["findings"]] == [
        ("a\\u202eb.txt", "copyright-year", 12)
    ]


def test_the_pool_hands_back_every_target_in_order_from_a_stream(tmp_path: Path) -> None:
    paths = []
    for i in range(150):
        path = tmp_path / f"{i:03}.txt"
        path.write_text(f"Story {i}.\n\nPhoto: Jane Smith/Getty Images\n", encoding="utf-8")
        paths.append(path)
    targets = (Target(str(p), p.name) for p in paths)  # a generator: read as the workers need
    calls: list[tuple[int, int]] = []
    pairs = list(iter_scan(targets, load_rules(RULES), ScanOptions(), 2, lambda d, t: calls.append((d, t))))
    assert [t.display for t, _ in pairs] == [p.name for p in paths]
    assert [r.path for _, r in pairs] == [p.name for p in paths]
    assert [d for d, _ in calls] == list(range(1, 151))
    assert all(d <= t <= 150 for d, t in calls) and calls[-1] == (150, 150)


def test_results_that_share_a_path_are_merged_in_report_order() -> None:
    from creditcheck.cli import _by_path

    def finding(line: int) -> Finding:
        return Finding("a.txt", Span(line, 1, line, 2), "unknown-source", "CC101", Severity.ERROR, "m", "t")

    first = FileResult("a.txt", "text", None, None, (finding(1), finding(5)))
    second = FileResult("a.txt", "text", None, None, (finding(3),))
    other = FileResult("b.txt", "text", None, None, ())
    groups = list(
        _by_path(
            [(Target("x", "a.txt"), first), (Target("y", "a.txt"), second), (Target("z", "b.txt"), other)]
        )
    )
    assert [([t.path for t in ts], [f.span.line for f in fs]) for ts, _, fs in groups] == [
        (["x", "y"], [1, 3, 5]),
        (["z"], []),
    ]
