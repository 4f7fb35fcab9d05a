"""Audits over time: re-runs supersede, new and resolved are real, quarters show months; costs, renewals."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from creditcheck import ledger
from creditcheck.audit import CAP_CHECK, build_audit, month_bounds
from creditcheck.cli import main
from creditcheck.ruleset import load_rules

from .helpers import RULES
from .test_audit import article


def audit(folder: Path, led: Path, *period: str, fmt: str = "json", extra: tuple[str, ...] = ()) -> Any:
    args = ["audit", "--rules", str(folder.parent / "rules"), "--ledger", str(led), *period, *extra]
    result = CliRunner().invoke(main, [*args, "--format", fmt, str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if fmt == "json" else result.stdout


def write(folder: Path, name: str, day: str, *lines: str) -> None:
    (folder / name).write_text("\n\n".join(["Title", *lines, day, "Body."]) + "\n", encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(RULES, tmp_path / "rules")
    (tmp_path / "articles").mkdir()
    return tmp_path / "articles"


def changes(items: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(c["path"], c["check"], c["text"]) for c in items]


def test_two_months_a_rerun_and_a_real_fix(site: Path, tmp_path: Path) -> None:
    led = tmp_path / "ledger.sqlite"
    may = str(site / "may.txt")
    write(site, "may.txt", "May 4, 2026", "A view. (Jane Smith/Reuters)", "Another. (Kim Lee/Gettty Images)")
    first = audit(site, led, "--month", "2026-05")
    assert changes(first["new_items"]) == [] and first["summary"]["compared_with_previous"] is False
    assert first["trail"]["run"] == 1 and first["trail"]["previous_run"] is None

    # June: its own articles. Nothing of May's was fixed, so nothing is resolved; June's findings are new.
    june = str(site / "june.txt")
    write(site, "june.txt", "June 2, 2026", "A view. (Jane Smith/Reuters)", "© 2026 Nikkei Asia")
    second = audit(site, led, "--month", "2026-06")
    assert changes(second["new_items"]) == [
        (june, "unknown-source", "Nikkei Asia"),
        (june, "unlicensed-source", "Reuters"),
    ]
    assert second["resolved_items"] == [] and second["summary"]["compared_with_same_period"] is False
    assert second["trail"]["previous_period_run"] == 1

    # Re-running May with nothing changed: no change at all, and the first May run is superseded.
    rerun = audit(site, led, "--month", "2026-05")
    assert (rerun["new_items"], rerun["resolved_items"]) == ([], [])
    assert rerun["trail"] == {**rerun["trail"], "run": 3, "previous_run": 1, "superseded_by": None}

    # A real fix in a May article: the misspelling is gone; the re-run lists it as resolved.
    write(site, "may.txt", "May 4, 2026", "A view. (Jane Smith/Reuters)", "Another. (Kim Lee/Getty Images)")
    fixed = audit(site, led, "--month", "2026-05", fmt="markdown")
    assert "## Resolved since the last run\n\n| file | check | text |\n|---|---|---|\n" in fixed
    assert f"| {may}:5 | misspelled-source | Gettty Images |" in fixed
    shown = json.loads(
        CliRunner().invoke(main, ["audit", "show", "4", "--ledger", str(led), "--format", "json"]).stdout
    )
    assert changes(shown["resolved_items"]) == [(may, "misspelled-source", "Gettty Images")]
    assert shown["trail"]["previous_run"] == 3
    # A May article that left the period (re-dated to July) is out of view, not resolved.
    write(site, "may.txt", "July 4, 2026", "A view. (Jane Smith/Reuters)")
    moved = audit(site, led, "--month", "2026-05")
    assert moved["resolved_items"] == []

    history = CliRunner().invoke(main, ["audit", "history", "--ledger", str(led)]).stdout.splitlines()
    assert [line.split()[:2] for line in history] == [["Periods", "of"], ["#5", "2026-05"], ["#2", "2026-06"]]
    every = CliRunner().invoke(main, ["audit", "history", "--all", "--ledger", str(led)]).stdout
    assert [line.split()[0] for line in every.splitlines()[1:]] == ["#1", "#3", "#4", "#5", "#2"]
    assert "#1  2026-05" in every and every.count("superseded by #") == 3
    assert ledger.trend(led, 6, "1 month") == [("2026-05", 0), ("2026-06", 2)]


def test_a_folder_named_history_does_not_change_audit(site: Path, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "history").mkdir()
    write(tmp_path / "history", "a.txt", "May 4, 2026", "A view. (Jane Smith/Reuters)")
    led = str(tmp_path / "ledger.sqlite")
    listed = CliRunner().invoke(main, ["audit", "history", "--ledger", led])
    assert (listed.exit_code, listed.stdout) == (0, "No audits recorded yet.\n")
    args = [
        "audit",
        "--rules",
        "rules",
        "--ledger",
        led,
        "--month",
        "2026-05",
        "--format",
        "json",
        "./history",
    ]
    audited = CliRunner().invoke(main, args)
    assert audited.exit_code == 0 and json.loads(audited.stdout)["summary"]["articles"] == 1
    assert "audit" in CliRunner().invoke(main, ["audit", "--help"]).stdout
    missing = CliRunner().invoke(main, ["audit", "show", "9", "--ledger", led])
    assert missing.exit_code == 2 and "no audit run #9" in missing.stderr


def test_a_quarter_shows_each_month_and_judges_caps_per_month(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    getty = folder / "getty-images.yaml"
    getty.write_text(
        getty.read_text(encoding="utf-8").replace(
            "  status: active\n", "  status: active\n  monthly_cap: 2\n", 1
        )
    )
    jt = folder / "japan-times.yaml"
    jt.write_text(
        jt.read_text(encoding="utf-8").replace("  via: tns\n", "  via: tns\n  monthly_cap: {stories: 1}\n")
    )
    rules = load_rules(folder)
    getty_credit = "Photo: Jane Smith/Getty Images"
    results = [article(rules, f"a{i}.txt", [getty_credit], dt.date(2026, 4, 2 + i)) for i in range(5)]
    results += [article(rules, "m1.txt", [getty_credit, getty_credit, getty_credit], dt.date(2026, 5, 9))]
    results += [
        article(rules, f"j{i}.txt", ["© 2026 The Japan Times"], dt.date(2026, 6, 2 + i)) for i in range(3)
    ]
    quarter = build_audit(results, rules, dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    g = next(u for u in quarter.usage if u.source == "getty-images")
    assert (g.photos, g.cap) == (8, 2)
    assert [(m.month, m.articles, m.photos, m.photos_over) for m in g.months] == [
        ("2026-04", 5, 5, 3),
        ("2026-05", 1, 3, 1),
        ("2026-06", 0, 0, 0),
    ]
    j = next(u for u in quarter.usage if u.source == "japan-times")
    assert [(m.month, m.stories, m.stories_over) for m in j.months] == [
        ("2026-04", 0, 0),
        ("2026-05", 0, 0),
        ("2026-06", 3, 2),
    ]
    caps = [v.finding.message for v in quarter.violations if v.finding.check == CAP_CHECK]
    assert sorted(caps) == [
        "Getty Images: 3 photos used in 2026-05, over the monthly cap of 2",
        "Getty Images: 5 photos used in 2026-04, over the monthly cap of 2",
        "The Japan Times: 3 stories used in 2026-06, over the monthly cap of 1",
    ]
    from creditcheck.reporters.audit_html import render_html
    from creditcheck.reporters.audit_report import render_markdown

    md = render_markdown(quarter)
    assert "| getty-images | 6 | 8 | 0 | 2 |  | yes | 5 (+3 over) | 0 | 3 (+1 over) | 0 | 0 | 0 |" in md
    html = render_html(quarter)
    assert '<td class="num over" data-col="photos 2026-04">5 (+3 over)</td>' in html
    assert '<td class="num" data-col="photos 2026-06">0</td>' in html


def test_rates_give_the_cost_table_and_the_licenses_show_renewal_deadlines(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    getty = folder / "getty-images.yaml"
    getty.write_text(
        getty.read_text(encoding="utf-8").replace(
            "  status: active\n", "  status: active\n  monthly_cap: 3\n", 1
        )
    )
    rules = load_rules(folder)
    # The shipped example: Getty Images 25 USD a photo, 40 over the cap; TNS 15 USD a story.
    credit = "Photo: Brendan Smialowski/AFP via Getty Images"
    results = [article(rules, f"a{i}.txt", [credit], dt.date(2026, 5, 1 + i)) for i in range(5)]
    results += [
        article(rules, f"s{i}.txt", ["Source: Chicago Tribune"], dt.date(2026, 6, 1 + i)) for i in range(4)
    ]
    report = build_audit(results, rules, dt.date(2026, 5, 1), dt.date(2026, 6, 30))
    costs = {
        c.source: [(m.month, str(m.amount)) for m in c.months] + [("total", str(c.total))]
        for c in report.costs
    }
    assert costs == {
        # May: three photos at 25 and two over the cap at 40.
        "getty-images": [("2026-05", "155"), ("2026-06", "0"), ("total", "155")],
        # June: four stories at 15 (Chicago Tribune is held through TNS).
        "tns": [("2026-05", "0"), ("2026-06", "60"), ("total", "60")],
    }
    from creditcheck.reporters.audit_report import write_csv

    write_csv(report, tmp_path / "out")
    with open(tmp_path / "out" / "costs.csv", newline="", encoding="utf-8") as fh:
        rows = [
            (r["source"], r["month"], r["photos_over"], r["currency"], r["cost"]) for r in csv.DictReader(fh)
        ]
    assert rows == [
        ("getty-images", "2026-05", "2", "USD", "155.00"),
        ("getty-images", "2026-06", "0", "USD", "0.00"),
        ("getty-images", "total", "2", "USD", "155.00"),
        ("tns", "2026-05", "0", "USD", "0.00"),
        ("tns", "2026-06", "0", "USD", "60.00"),
        ("tns", "total", "0", "USD", "60.00"),
    ]
    lic = {x.source: x for x in report.licenses}
    # Getty ends 2027-12-31 with 90 days' notice; AFP is held through it, so its deadline is Getty's.
    assert (lic["getty-images"].renewal_deadline, lic["getty-images"].renewal_notice_days) == (
        dt.date(2027, 10, 2),
        90,
    )
    assert (lic["afp"].effective_until, lic["afp"].renewal_deadline) == (
        dt.date(2027, 12, 31),
        dt.date(2027, 10, 2),
    )
    assert lic["chicago-tribune"].renewal_deadline == dt.date(2027, 11, 1)  # TNS: 60 days
    assert lic["ap"].renewal_deadline is None  # no notice period in its contract
    # A year later the deadline has passed while the license still runs; within 60 days it is due.
    late = build_audit([], rules, *month_bounds("2027-10"))
    assert {x.source: x.renewal for x in late.licenses if x.renewal} == {
        "afp": "passed",
        "getty-images": "passed",
        "chicago-tribune": "due",
        "japan-times": "due",
        "tns": "due",
    }
    from creditcheck.reporters.audit_html import render_html

    assert '<td class="renewal-passed" data-col="renewal_deadline">2027-10-02 (passed)</td>' in render_html(
        late
    )


def test_unknown_sources_are_grouped_whatever_their_spelling(tmp_path: Path) -> None:
    rules = load_rules(RULES)
    results = [
        article(rules, "a.txt", ["A view. (Kyodo)"], dt.date(2026, 5, 2)),
        article(rules, "b.txt", ["A view. (KYODO)", "Another. (Kyodo News)"], dt.date(2026, 5, 3)),
        article(rules, "c.txt", ["© 2026 Nikkei Asia"], dt.date(2026, 5, 4)),
        article(rules, "d.txt", ["Copyright 2026 Yonhap News Agency"], dt.date(2026, 5, 5)),
    ]
    report = build_audit(results, rules, *month_bounds("2026-05"))
    assert [(u.name, u.count, u.photos, u.stories, u.examples, u.spellings) for u in report.unknown] == [
        ("Kyodo", 3, 3, 0, ("a.txt", "b.txt"), ("KYODO", "Kyodo", "Kyodo News")),
        ("Nikkei Asia", 1, 0, 1, ("c.txt",), ()),
    ]
    # The Yonhap notice is a Yonhap story, not an unknown source.
    assert next(u for u in report.usage if u.source == "yonhap").stories == 1
    # Caption prose is no source name.
    prose = article(
        rules,
        "e.txt",
        [
            "Crowds at the Tokyo/Osaka line on Monday.",
            "Supporters of the plan / Opponents of the plan gather.",
        ],
        dt.date(2026, 5, 6),
    )
    assert build_audit([prose], rules, *month_bounds("2026-05")).unknown == ()


SCHEMA_1 = """
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, period_from TEXT NOT NULL,
    period_to TEXT NOT NULL, rules_digest TEXT NOT NULL, created TEXT NOT NULL, summary TEXT NOT NULL);
CREATE TABLE findings (run_id INTEGER NOT NULL, fingerprint TEXT NOT NULL, check_name TEXT NOT NULL,
    path TEXT NOT NULL, severity TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (run_id, fingerprint));
INSERT INTO runs VALUES (1, '2026-05-01', '2026-05-31', 'd', '2026-06-01T00:00:00', '{"errors": 2}');
INSERT INTO runs VALUES (2, '2026-05-01', '2026-05-31', 'd', '2026-06-02T00:00:00', '{"errors": 1}');
INSERT INTO findings VALUES (2, 'fp1', 'unknown-source', 'a.txt', 'error', 1);
PRAGMA user_version = 1;
"""


def test_a_schema_1_ledger_is_upgraded_in_place(tmp_path: Path) -> None:
    """A ledger of the first release: two runs of May. The earlier is marked superseded; new runs record."""
    import sqlite3

    path = tmp_path / "ledger.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(SCHEMA_1)
    runs = ledger.history(path)
    assert [(r["id"], r["superseded_by"]) for r in runs] == [(1, 2), (2, None)]
    same = ledger.same_period_run(path, *month_bounds("2026-05"))
    assert same is not None and [(c.fingerprint, c.path, c.text) for c in same.findings] == [
        ("fp1", "a.txt", "")
    ]
    with pytest.raises(ledger.LedgerError, match="older creditcheck that kept only its summary"):
        ledger.report(path, 2)
    run = ledger.record(path, build_audit([], load_rules(RULES), *month_bounds("2026-05")))
    assert run == 3 and [r["id"] for r in ledger.final_runs(path)] == [3]
    assert ledger.report(path, 3)["trail"]["run"] == 3
