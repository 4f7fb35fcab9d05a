"""The monthly audit: usage through via chains, caps, license statuses, ledger, and every format agreeing."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from creditcheck import ledger
from creditcheck.audit import CAP_CHECK, Audit, Change, PastRun, build_audit, month_bounds, period_label
from creditcheck.baseline import fingerprint
from creditcheck.discover import Target
from creditcheck.model import FileResult, Severity, Span
from creditcheck.reporters.audit_html import render_html
from creditcheck.reporters.audit_report import (
    CSV_FILES,
    audit_json,
    render_json,
    render_markdown,
    write_csv,
)
from creditcheck.ruleset import RuleSet, load_rules
from creditcheck.scan import Scanner, ScanOptions

from .helpers import RULES

MAY = month_bounds("2026-05")
JUNE = month_bounds("2026-06")

AFP_GETTY = "Photo: Brendan Smialowski/AFP via Getty Images"
GETTY = "Photo: Jane Smith/Getty Images"
ACME = "Photo: John Doe/Acme Pictures"
REUTERS = "Photo: Jane Smith/Reuters"
YONHAP = "Photo: Kim Lee/Yonhap via AP"


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    """The shipped rules, Getty Images capped at 3 photos a month, and two more license states."""
    folder = tmp_path_factory.mktemp("rules")
    for f in RULES.glob("*.yaml"):
        shutil.copy(f, folder / f.name)
    getty = folder / "getty-images.yaml"
    text = getty.read_text(encoding="utf-8")
    assert "license:\n  status: active\n" in text
    getty.write_text(
        text.replace("license:\n  status: active\n", "license:\n  status: active\n  monthly_cap: 3\n")
    )
    (folder / "newwire.yaml").write_text(
        "name: Newwire\nkind: agency\nlicense:\n  status: active\n  from: 2027-01-01\n  agreement: NW-1\n"
    )
    (folder / "oldpix.yaml").write_text("name: Oldpix\nkind: agency\nlicense:\n  status: suspended\n")
    return load_rules(folder)


def article(rules: RuleSet, name: str, credits: list[str], published: dt.date | None) -> FileResult:
    """Scan a small article with the given credit lines as the file ``name``."""
    body = "Story text here.\n\n" + "\n\n".join(credits) + "\n"
    scanner = Scanner(rules, ScanOptions(published=published, strict=True))
    return scanner.scan_text(Target(name, name), body)


def may_results(rules: RuleSet) -> list[FileResult]:
    return [
        article(rules, "a1.txt", [AFP_GETTY, GETTY], dt.date(2026, 5, 1)),
        article(rules, "a2.txt", [AFP_GETTY, ACME], dt.date(2026, 5, 31)),
        article(rules, "a3.txt", [REUTERS, YONHAP, ACME], dt.date(2026, 5, 15)),
        article(rules, "a4.txt", [GETTY, ACME], dt.date(2026, 5, 20)),
        # Outside the period: never counted.
        article(rules, "april.txt", [GETTY, GETTY, ACME], dt.date(2026, 4, 30)),
        article(rules, "june.txt", [GETTY], dt.date(2026, 6, 1)),
        # No date of its own: listed as undated, never counted or dropped silently.
        article(rules, "nodate.txt", [GETTY, ACME], None),
        # A file that vanished between listing and reading: unreadable, reported apart.
        Scanner(rules, ScanOptions()).scan(Target("/nonexistent/broken.txt", "broken.txt")),
    ]


@pytest.fixture(scope="module")
def audit(ruleset: RuleSet) -> Audit:
    return build_audit(may_results(ruleset), ruleset, *MAY)


def usage_of(a: Audit) -> dict[str, tuple[int, int, int | None]]:
    return {u.source: (u.articles, u.photos, u.cap) for u in a.usage}


def test_selection_and_undated(audit: Audit) -> None:
    assert audit.articles == ("a1.txt", "a2.txt", "a3.txt", "a4.txt")
    assert audit.undated == ("nodate.txt",)
    assert audit.unreadable == (("broken.txt", "cannot check this file: No such file or directory"),)
    assert audit.outside == 2
    assert audit.files == 8
    assert audit.photos == 9


def test_usage_counts_through_via_chains(ruleset: RuleSet, audit: Audit) -> None:
    usage = usage_of(audit)
    # Two AFP-via-Getty credits count under AFP and, once each, under Getty Images, beside
    # the two plain Getty Images credits.
    assert usage["afp"] == (2, 2, None)
    assert usage["getty-images"] == (3, 4, 3)
    # "Yonhap via AP" names AP and Yonhap's license is held via AP: AP counts it once.
    assert usage["yonhap"] == (1, 1, None)
    assert usage["ap"] == (1, 1, None)
    assert usage["reuters"] == (1, 1, None)
    assert usage["tns"] == (0, 0, None)
    assert set(usage) == set(ruleset.rules)  # every rule is listed, used or not


def test_cap_exceeded_is_a_violation(ruleset: RuleSet, audit: Audit) -> None:
    caps = [v for v in audit.violations if v.finding.check == CAP_CHECK]
    assert len(caps) == 1
    f = caps[0].finding
    assert (f.source, f.severity, f.text) == ("getty-images", Severity.ERROR, "Getty Images")
    assert "4 photos used in 2026-05, over the monthly cap of 3" in f.message
    assert [u.source for u in audit.usage if u.over_cap] == ["getty-images"]
    # At the cap exactly is not over it.
    fewer = [r for r in may_results(ruleset) if r.path != "a4.txt"]
    assert not [v for v in build_audit(fewer, ruleset, *MAY).violations if v.finding.check == CAP_CHECK]


def test_cap_is_checked_per_calendar_month_over_a_longer_period(ruleset: RuleSet) -> None:
    results = may_results(ruleset)
    spring = build_audit(results, ruleset, dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    getty = next(u for u in spring.usage if u.source == "getty-images")
    assert getty.photos == 7
    assert [(m.month, m.photos, m.photos_over) for m in getty.months] == [
        ("2026-04", 2, 0),
        ("2026-05", 4, 1),
        ("2026-06", 1, 0),
    ]
    caps = [v.finding.message for v in spring.violations if v.finding.check == CAP_CHECK]
    assert caps == ["Getty Images: 4 photos used in 2026-05, over the monthly cap of 3"]


def test_violations_carry_title_and_date_and_group(audit: Audit) -> None:
    checks = {c: len(v) for c, v in audit.by_check.items()}
    assert checks == {"credit-format": 1, "unknown-source": 3, "unlicensed-source": 1, CAP_CHECK: 1}
    unlicensed = audit.by_check["unlicensed-source"][0]
    assert unlicensed.finding.path == "a3.txt"
    assert unlicensed.date == dt.date(2026, 5, 15)
    assert unlicensed.title == "Story text here."
    assert set(audit.by_source) == {"", "getty-images", "reuters", "yonhap"}
    # Findings of undated and out-of-period files are not in the period's violations; a cap
    # finding points at the rule file that sets the cap.
    paths = {v.finding.path for v in audit.violations if v.finding.check != CAP_CHECK}
    assert paths == {"a3.txt", "a2.txt", "a4.txt"}
    cap = audit.by_check[CAP_CHECK][0]
    assert cap.finding.path.endswith("getty-images.yaml") and cap.title is None and cap.date is None


def test_license_statuses_at_period_end(audit: Audit) -> None:
    status = {lic.source: lic.status for lic in audit.licenses}
    assert status == {
        "afp": "active",
        "ap": "expiring",  # ends 2026-06-30, 30 days after 2026-05-31
        "bloomberg": "active",
        "chicago-tribune": "active",
        "epa-efe": "expired",
        "getty-images": "active",
        "japan-times": "active",
        "newwire": "not-started",
        "oldpix": "suspended",
        "reuters": "none",
        "tns": "active",
        "yonhap": "expiring",  # held via AP
    }
    ap = next(lic for lic in audit.licenses if lic.source == "ap")
    assert (ap.start, ap.until, ap.agreement) == (dt.date(2015, 1, 1), dt.date(2026, 6, 30), "AP-2015-0009")
    yonhap = next(lic for lic in audit.licenses if lic.source == "yonhap")
    assert (yonhap.via, yonhap.until, yonhap.effective_until) == ("ap", None, dt.date(2026, 6, 30))


def test_expiring_days_is_a_parameter(ruleset: RuleSet) -> None:
    short = build_audit([], ruleset, *MAY, expiring_days=29)
    assert {lic.source: lic.status for lic in short.licenses}["ap"] == "active"
    after = build_audit([], ruleset, *month_bounds("2026-07"))
    assert {lic.source: lic.status for lic in after.licenses}["ap"] == "expired"


def test_unknown_sources(audit: Audit) -> None:
    assert [(u.name, u.count, u.examples) for u in audit.unknown] == [
        ("Acme Pictures", 3, ("a2.txt", "a3.txt", "a4.txt"))
    ]


def test_new_and_resolved(ruleset: RuleSet, audit: Audit) -> None:
    assert (audit.new, audit.resolved, audit.compared) == ((), (), False)
    june_results = [
        article(ruleset, "j1.txt", [REUTERS], dt.date(2026, 6, 3)),  # the same finding, another file: new
        article(ruleset, "a3.txt", [REUTERS, YONHAP], dt.date(2026, 6, 4)),  # same file and text: kept
    ]
    may = PastRun(1, tuple(Change.of(v) for v in audit.violations))
    june = build_audit(june_results, ruleset, *JUNE, previous_period=may)
    j1 = {v.fingerprint for v in june.violations if v.finding.path == "j1.txt"}
    assert set(june.new) == j1 and len(j1) == 1
    assert [(c.path, c.check, c.text) for c in june.new_items] == [("j1.txt", "unlicensed-source", "Reuters")]
    kept = audit.fingerprints & june.fingerprints
    assert {v.finding.check for v in june.violations if v.fingerprint in kept} == {
        "unlicensed-source",
        "credit-format",
    }
    # May's findings in May's articles were not fixed by June: nothing is resolved across periods.
    assert (june.resolved, june.compared_same_period) == ((), False)


def test_period_helpers() -> None:
    assert month_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert month_bounds("2026-12") == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert period_label(*MAY) == "2026-05"
    assert period_label(dt.date(2026, 5, 2), dt.date(2026, 5, 31)) == "2026-05-02..2026-05-31"
    with pytest.raises(ValueError):
        month_bounds("2026-13")
    with pytest.raises(ValueError):
        build_audit([], RuleSet({}), dt.date(2026, 5, 2), dt.date(2026, 5, 1))


# ---------------------------------------------------------------------------------------------
# Formats: every number comes from the same object.


def test_json_contract(audit: Audit) -> None:
    data: dict[str, Any] = json.loads(render_json(audit))
    assert list(data) == [
        "version",
        "period",
        "summary",
        "usage",
        "violations",
        "licenses",
        "unknown",
        "undated",
        "unreadable",
        "new",
        "resolved",
        "trail",
        "new_items",
        "resolved_items",
        "costs",
        "usage_items",
    ]
    assert data["version"] == 1
    assert data["period"] == {"from": "2026-05-01", "to": "2026-05-31"}
    getty = next(u for u in data["usage"] if u["source"] == "getty-images")
    assert {k: getty[k] for k in ("source", "articles", "photos", "cap")} == {
        "source": "getty-images",
        "articles": 3,
        "photos": 4,
        "cap": 3,
    }
    v = data["violations"][0]
    for key in ("path", "line", "column", "check", "code", "severity", "message", "text", "fix", "source"):
        assert key in v
    assert {"title", "date"} <= set(v)
    assert set(data["licenses"][0]) >= {"source", "status", "from", "until", "agreement"}
    assert data["unknown"] == [
        {
            "name": "Acme Pictures",
            "count": 3,
            "photos": 3,
            "stories": 0,
            "examples": ["a2.txt", "a3.txt", "a4.txt"],
            "spellings": [],
        }
    ]
    assert data["undated"] == ["nodate.txt"]
    assert data["unreadable"] == [
        {"path": "broken.txt", "message": "cannot check this file: No such file or directory"}
    ]
    assert data["summary"]["photos"] == 9 and data["summary"]["violations"] == 6


def test_html_is_self_contained_and_agrees_with_json(audit: Audit) -> None:
    trend = [("2026-03", 4), ("2026-04", 2), ("2026-05", audit.summary()["errors"])]
    page = render_html(audit, trend)
    assert "<script" not in page.lower()
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    assert "@media print" in page
    doc = lxml.html.document_fromstring(page)
    data: dict[str, Any] = audit_json(audit)
    svgs = {s.get("id"): s for s in doc.iter("svg")}
    assert set(svgs) == {"chart-usage", "chart-violations", "chart-trend"}

    def bars(chart: str) -> dict[str, int]:
        return {g.get("data-label"): int(g.get("data-value")) for g in svgs[chart].iter("g")}

    usage = {u["source"]: u["photos"] for u in data["usage"] if u["photos"] or u["cap"] is not None}
    assert bars("chart-usage") == usage
    by_check: dict[str, int] = {}
    for v in data["violations"]:
        by_check[v["check"]] = by_check.get(v["check"], 0) + 1
    assert bars("chart-violations") == by_check
    assert bars("chart-trend") == dict(trend)
    tiles = {li.get("data-key"): int(li.find("b").text) for li in doc.xpath("//ul[@class='summary']/li")}
    summary = data["summary"]
    assert tiles == {k: summary[k] for k in tiles}
    # The usage table shows the same numbers as the chart and the JSON.
    table_rows = doc.xpath("//h2[text()='Usage per licensor']/following-sibling::table[1]/tbody/tr")
    shown = {
        r.xpath("td[@data-col='source']")[0].text: int(r.xpath("td[@data-col='photos']")[0].text)
        for r in table_rows
    }
    assert shown == usage
    # Only the row over its cap is marked, in words.
    flags = {
        r.xpath("td[@data-col='source']")[0].text: r.xpath("td[@data-col='over_cap']")[0].text
        for r in table_rows
    }
    assert flags == {source: ("over cap" if source == "getty-images" else None) for source in usage}


def test_html_escapes_article_text(ruleset: RuleSet) -> None:
    r = article(ruleset, "x<y>.txt", ["Photo: John Doe/Acme <b>Pictures</b>"], dt.date(2026, 5, 2))
    page = render_html(build_audit([r], ruleset, *MAY))
    assert "<b>Pictures" not in page
    lxml.html.document_fromstring(page)


def test_csv_tables_agree_with_json(audit: Audit, tmp_path: Path) -> None:
    out = tmp_path / "report"
    written = write_csv(audit, out)
    assert sorted(p.name for p in written) == sorted(CSV_FILES)
    assert not list(out.glob(".*.tmp"))  # atomic writes leave no temporaries
    data: dict[str, Any] = audit_json(audit)

    def read(name: str) -> list[dict[str, str]]:
        with open(out / name, newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    usage = read("usage.csv")
    assert [(r["source"], int(r["articles"]), int(r["photos"]), r["cap"]) for r in usage] == [
        (u["source"], u["articles"], u["photos"], "" if u["cap"] is None else str(u["cap"]))
        for u in data["usage"]
    ]
    violations = read("violations.csv")
    assert [(r["path"], r["check"], int(r["line"]), r["date"]) for r in violations] == [
        (v["path"], v["check"], v["line"], v["date"] or "") for v in data["violations"]
    ]
    licenses = read("licenses.csv")
    assert [(r["source"], r["status"], r["until"]) for r in licenses] == [
        (lic["source"], lic["status"], lic["until"] or "") for lic in data["licenses"]
    ]
    unknown = read("unknown.csv")
    assert [(r["name"], int(r["count"])) for r in unknown] == [("Acme Pictures", 3)]


def test_markdown_lists_every_table(audit: Audit) -> None:
    md = render_markdown(audit)
    assert md.startswith("# Credit audit 2026-05\n")
    for heading in ("## Usage per licensor", "## Violations by check", "## Licenses", "## Unknown sources"):
        assert heading in md
    assert "| getty-images | 3 | 4 | 0 | 3 |  | yes |" in md
    assert "- nodate.txt" in md


# ---------------------------------------------------------------------------------------------
# Ledger


def test_ledger_records_history_and_previous(ruleset: RuleSet, audit: Audit, tmp_path: Path) -> None:
    path = tmp_path / "deep" / ".creditcheck" / "ledger.sqlite"
    assert ledger.history(path) == [] and ledger.previous_period_run(path, *JUNE) is None
    assert not path.exists()  # reading does not create it
    run_id = ledger.record(path, audit, ruleset.digest)
    assert path.exists()
    before_june = ledger.previous_period_run(path, *JUNE)
    assert before_june is not None and before_june.run == run_id
    assert {c.fingerprint for c in before_june.findings} == set(audit.fingerprints)
    # A run of the same period is not its own predecessor, but it is what a re-run is compared with.
    assert ledger.previous_period_run(path, *MAY) is None
    same = ledger.same_period_run(path, *MAY)
    assert same is not None and same.run == run_id
    june = build_audit([], ruleset, *JUNE, previous_period=before_june)
    assert june.resolved == () and june.compared
    ledger.record(path, june, ruleset.digest)
    runs = ledger.history(path)
    assert [(r["id"], r["period"], r["rules_digest"]) for r in runs] == [
        (run_id, "2026-05", ruleset.digest),
        (run_id + 1, "2026-06", ruleset.digest),
    ]
    assert runs[0]["summary"] == json.loads(json.dumps(audit.summary()))
    assert runs[0]["findings"] == len(audit.fingerprints)
    assert ledger.trend(path, 6) == [("2026-05", audit.summary()["errors"]), ("2026-06", 0)]
    assert ledger.trend(path, 1) == [("2026-06", 0)]


def test_ledger_exception_inside_record_rolls_back(
    audit: Audit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.sqlite"
    ledger.record(path, audit)
    before = ledger.history(path)
    original = ledger._insert_findings

    def insert_then_fail(conn: sqlite3.Connection, run_id: int, a: Audit) -> None:
        original(conn, run_id, a)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ledger, "_insert_findings", insert_then_fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        ledger.record(path, audit)
    monkeypatch.undo()
    assert ledger.history(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM findings").fetchone()[0] == len(audit.fingerprints)


_CHILD = textwrap.dedent(
    """
    import datetime as dt, sys, time
    from creditcheck import ledger
    from creditcheck.audit import build_audit
    from creditcheck.model import FileResult, Finding, Severity, Span
    from creditcheck.ruleset import RuleSet

    def audit(month):
        f = Finding("a.txt", Span(1, 1, 1, 5), "unknown-source", "CC101", Severity.ERROR, "m", "Acme")
        r = FileResult("a.txt", "text", dt.date(2026, month, 2), "flag", (f,))
        return build_audit([r], RuleSet({}), dt.date(2026, month, 1), dt.date(2026, month, 28))

    path = sys.argv[1]
    ledger.record(path, audit(5))
    original = ledger._insert_findings

    def insert_and_wait(conn, run_id, a):
        original(conn, run_id, a)
        print("inserted", flush=True)
        time.sleep(60)

    ledger._insert_findings = insert_and_wait
    ledger.record(path, audit(6))
    print("committed", flush=True)
    """
)


def test_ledger_survives_a_kill_before_commit(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        # The child has written the second run's rows, uncommitted, and is waiting: kill it there.
        assert child.stdout.readline().strip() == "inserted"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    runs = ledger.history(path)
    assert [r["period"] for r in runs] == ["2026-05-01..2026-05-28"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM findings").fetchone()[0] == 1
    # And the ledger still takes new runs.
    ledger.record(path, build_audit([], RuleSet({}), *JUNE))
    assert len(ledger.history(path)) == 2


def test_corrupt_ledger_is_a_clear_error(audit: Audit, tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    path.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(ledger.LedgerError, match="not a usable creditcheck ledger"):
        ledger.history(path)
    with pytest.raises(ValueError):
        ledger.record(path, audit)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    with pytest.raises(ledger.LedgerError, match="not a creditcheck ledger"):
        ledger.record(other, audit)


def test_fingerprints_match_baseline(audit: Audit) -> None:
    for v in audit.violations:
        assert v.fingerprint == fingerprint(v.finding)
    assert all(isinstance(v.finding.span, Span) for v in audit.violations)


def test_audit_command_two_months_new_and_resolved(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from creditcheck.cli import main
    from tests.helpers import RULES

    def article(name: str, day: str, credit: str) -> None:
        (tmp_path / "articles" / name).write_text(
            f"Caption here. ({credit})\n{day}\n\nBody.\n", encoding="utf-8"
        )

    (tmp_path / "articles").mkdir()
    article("a.txt", "March 3, 2021", "Issei Kato/Reuters")
    article("b.txt", "March 9, 2021", "Mandel Ngan/Getty Images")
    ledger_file = str(tmp_path / "ledger.sqlite")
    base = [
        "audit",
        "--rules",
        str(RULES),
        "--ledger",
        ledger_file,
        "--format",
        "json",
        str(tmp_path / "articles"),
    ]
    first = CliRunner().invoke(main, [*base[:1], "--month", "2021-03", *base[1:]], catch_exceptions=False)
    assert first.exit_code == 0
    march = json.loads(first.stdout)
    assert [v["check"] for v in march["violations"]] == ["unlicensed-source"]
    # April: the Reuters photo was replaced, and a new problem appeared.
    article("a.txt", "April 3, 2021", "Issei Kato/Getty Images")
    article("b.txt", "April 9, 2021", "Mandel Ngan/Gettty Images")
    second = CliRunner().invoke(main, [*base[:1], "--month", "2021-04", *base[1:]], catch_exceptions=False)
    april = json.loads(second.stdout)
    assert [v["check"] for v in april["violations"]] == ["misspelled-source"]
    assert april["new"] == [april["violations"][0]["fingerprint"]]
    # Resolved is judged against a re-run of the same period, never across periods.
    assert april["resolved"] == [] and march["violations"][0]["fingerprint"] not in april["new"]
    history = CliRunner().invoke(main, ["audit", "history", "--ledger", ledger_file], catch_exceptions=False)
    assert [line.split()[:2] for line in history.stdout.splitlines()] == [
        ["Periods", "of"],
        ["#1", "2021-03"],
        ["#2", "2021-04"],
    ]


def test_cap_explain_example_holds(tmp_path: Path) -> None:
    """The `explain usage-cap-exceeded` example, run: three such credits in May over a cap of two fail."""
    from creditcheck.audit import CAP_DOC

    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    getty = folder / "getty-images.yaml"
    getty.write_text(
        getty.read_text(encoding="utf-8").replace(
            "  status: active\n", "  status: active\n  monthly_cap: 2\n", 1
        )
    )
    rules = load_rules(folder)
    line = CAP_DOC.split("Fails", 1)[1].splitlines()[1].strip()
    day = dt.date(2026, 5, 4)
    three = [article(rules, f"{i}.txt", [line], day) for i in range(3)]
    failing = build_audit(three, rules, *MAY)
    assert [(v.finding.check, v.finding.path, v.finding.source) for v in failing.violations] == [
        (CAP_CHECK, str(getty), "getty-images")
    ]
    assert build_audit(three[:2], rules, *MAY).violations == ()
