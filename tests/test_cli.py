"""The command line as users run it: exit codes, text and JSON output, inventory, explain."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from creditcheck.checks import ALL_CHECKS
from creditcheck.cli import main
from tests.helpers import FIXTURES, ROOT, RULES

SEED_TXT = FIXTURES / "clean" / "seed.txt"
SEED_CREDIT = "Brendan Smialowski/AFP via Getty Images/TNS"
TITLE = "White House reaches out to North Korea in bid to resume nuke talks"
GOLDEN = Path(__file__).parent / "golden"


def run(*args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = SEED_TXT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "article.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_seed_fixture_is_clean() -> None:
    code, out, _ = run("check", str(SEED_TXT))
    assert (code, out) == (0, "No problems found in 1 file.\n")


def test_seed_inventory_parses_credit_and_notice() -> None:
    code, out, _ = run("inventory", "--format", "json", str(SEED_TXT))
    assert code == 0
    data = json.loads(out)
    assert data == {
        "version": 1,
        "files": [
            {
                "path": "fixtures/clean/seed.txt",
                "format": "text",
                "published": "2020-01-14",
                "published_from": "dateline",
                "title": TITLE,
            }
        ],
        "attributions": [
            {
                "path": "fixtures/clean/seed.txt",
                "line": 5,
                "column": 157,
                "kind": "photo-credit",
                "text": SEED_CREDIT,
                "people": ["Brendan Smialowski"],
                "sources": ["afp", "getty-images", "tns"],
                "unknown": [],
                "year": None,
                "holder": None,
                "image": None,
            },
            {
                "path": "fixtures/clean/seed.txt",
                "line": 17,
                "column": 1,
                "kind": "copyright",
                "text": "© 2020 the Japan Times",
                "people": [],
                "sources": ["japan-times"],
                "unknown": [],
                "year": 2020,
                "holder": "japan-times",
                "image": None,
            },
        ],
    }


# Each change to the seed produces exactly its finding: (check, line, column, fix).
VARIANTS = [
    pytest.param(
        SEED_CREDIT,
        "Brendan Smialowski/AFP/Getty Images/TNS",
        ("deprecated-credit", 5, 157, SEED_CREDIT),
        id="afp-slash-getty",
    ),
    pytest.param(
        SEED_CREDIT,
        "Brendan Smialowski/AFP via Gettty Images/TNS",
        ("misspelled-source", 5, 184, "Getty Images"),
        id="gettty",
    ),
    pytest.param(
        SEED_CREDIT, "AFP via Getty Images/TNS", ("missing-photographer", 5, 157, None), id="no-photographer"
    ),
    pytest.param(SEED_CREDIT, "Kim Kyung-Hoon/Reuters", ("unlicensed-source", 5, 172, None), id="reuters"),
    pytest.param(
        "© 2020 the Japan Times",
        "© 2019 the Japan Times",
        ("copyright-year", 17, 1, "© 2020 the Japan Times"),
        id="notice-2019",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), VARIANTS)
def test_seed_variants_give_exactly_the_matching_finding(
    tmp_path: Path, old: str, new: str, expected: tuple[str, int, int, str | None]
) -> None:
    path = _variant(tmp_path, old, new)
    code, out, _ = run("check", "--format", "json", "--rules", str(RULES), str(path))
    assert code == 1
    found = [(f["check"], f["line"], f["column"], f["fix"]) for f in json.loads(out)["findings"]]
    assert found == [expected]


def test_text_output_has_location_severity_name_and_fix(tmp_path: Path) -> None:
    _variant(tmp_path, SEED_CREDIT, "Brendan Smialowski/AFP/Getty Images/TNS")
    os.chdir(tmp_path)
    code, out, _ = run("check", "--rules", str(RULES), "article.txt")
    assert code == 1
    assert out.splitlines() == [
        "article.txt:5:157: error deprecated-credit [CC202] `Brendan Smialowski/AFP/Getty Images/TNS`"
        " is a retired Agence France-Presse credit form: write `Brendan Smialowski/AFP via Getty Images/TNS`",
        "    fix: Brendan Smialowski/AFP via Getty Images/TNS",
        "",
        "Found 1 error in 1 of 1 file (1 with a fix).",
    ]


def test_json_output_matches_golden_file() -> None:
    code, out, _ = run(
        "check", "--format", "json", "fixtures/checks/deprecated-credit", "fixtures/checks/missing-copyright"
    )
    assert code == 1
    golden = GOLDEN / "check.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert json.loads(out) == json.loads(golden.read_text(encoding="utf-8"))


def test_inventory_matches_golden_file() -> None:
    code, out, _ = run("inventory", "--format", "json", "fixtures/clean")
    assert code == 0
    golden = GOLDEN / "inventory.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert json.loads(out) == json.loads(golden.read_text(encoding="utf-8"))


def test_json_finding_has_every_contract_key(tmp_path: Path) -> None:
    path = _variant(tmp_path, SEED_CREDIT, "Brendan Smialowski/AFP/Getty Images/TNS")
    _, out, _ = run("check", "--format", "json", "--rules", str(RULES), str(path))
    data = json.loads(out)
    assert list(data) == ["version", "summary", "files", "findings"]
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0, "info": 0}
    assert list(data["files"][0]) == ["path", "format", "published", "published_from"]
    assert data["files"][0]["published_from"] == "dateline"
    assert list(data["findings"][0]) == [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "check",
        "code",
        "severity",
        "message",
        "text",
        "fix",
        "source",
    ]
    f = data["findings"][0]
    assert (f["end_line"], f["end_column"]) == (5, 157 + len("Brendan Smialowski/AFP/Getty Images/TNS"))
    assert (f["code"], f["severity"], f["source"]) == ("CC202", "error", "afp")


def test_published_flag_overrides_the_dateline(tmp_path: Path) -> None:
    path = _variant(tmp_path, SEED_CREDIT, "Brendan Smialowski/AFP/Getty Images/TNS")
    # In 2019 the slash form was still AFP's credit, but then the notice year is wrong.
    code, out, _ = run(
        "check", "--format", "json", "--published", "2019-08-01", "--rules", str(RULES), str(path)
    )
    data = json.loads(out)
    assert data["files"][0]["published_from"] == "flag"
    assert [f["check"] for f in data["findings"]] == ["copyright-year"]
    assert code == 1


def test_bad_published_date_is_a_usage_error() -> None:
    code, _, err = run("check", "--published", "14/01/2020", str(SEED_TXT))
    assert code == 2
    assert "is not a date written YYYY-MM-DD" in err


def test_fail_on_decides_the_exit_code(tmp_path: Path) -> None:
    path = _variant(tmp_path, SEED_CREDIT, "Brendan Smialowski/AFP/Getty Images/TNS")
    assert run("check", "--rules", str(RULES), str(path))[0] == 1
    assert run("check", "--fail-on", "warning", "--rules", str(RULES), str(path))[0] == 1


def test_folders_are_searched_and_reported_in_order() -> None:
    code, out, _ = run("check", "--format", "json", "fixtures/clean")
    assert code == 0
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert paths == ["fixtures/clean/seed.html", "fixtures/clean/seed.md", "fixtures/clean/seed.txt"]


def test_missing_rules_folder_is_exit_2(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    code, _, err = run("check", str(SEED_TXT))
    assert code == 2
    assert err == (
        "creditcheck: error: no rules folder: ./rules does not exist here; "
        "pass --rules DIR or set `rules:` in creditcheck.yaml\n"
    )


def test_explain_lists_and_explains_checks() -> None:
    code, out, _ = run("explain")
    assert code == 0
    rows = [line.split()[:3] for line in out.splitlines()]
    assert ["CC202", "deprecated-credit", "error"] in rows
    # Every per-file check, then the one the audit derives from a month of articles.
    assert len(rows) == len(ALL_CHECKS) + 1
    assert rows[-1] == ["CC107", "usage-cap-exceeded", "error"]
    code, out, _ = run("explain", "usage-cap-exceeded")
    assert code == 0 and out.startswith("usage-cap-exceeded (CC107, default severity error)\n\nReported by")
    code, out, _ = run("explain", "deprecated-credit")
    assert code == 0
    assert out.startswith("deprecated-credit (CC202, default severity error)\n")
    assert run("explain", "CC202")[1] == out
    code, _, err = run("explain", "no-such-check")
    assert code == 2
    assert "no check named 'no-such-check'" in err


def test_rules_lint_accepts_the_shipped_rules() -> None:
    code, out, _ = run("rules", "lint", str(RULES))
    assert (code, out) == (0, f"{RULES}: 10 rule files OK\n")


def test_jobs_2_gives_the_same_report_as_jobs_1() -> None:
    one = run("check", "--format", "json", "--jobs", "1", "fixtures")[1]
    two = run("check", "--format", "json", "--jobs", "2", "fixtures")[1]
    assert one == two


def test_a_bare_dash_asks_for_stdin_filename() -> None:
    code, _, err = run("check", "-")
    assert code == 2
    assert err == (
        "creditcheck: error: to check standard input, pass --stdin-filename NAME (NAME decides the format)\n"
    )
