"""Undated articles: date-dependent findings say they were judged as of today, never a notice-year fix."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from creditcheck.cli import main
from tests.helpers import RULES, scan_text

TODAY = dt.date(2026, 12, 4)
NOTE = " (no publication date found: judged as of today, 2026-12-04)"
# An AP photo (the example AP license ended 2026-06-30) and a Japan Times notice from 2018.
BODY = "Talks resume in Panmunjom. (AP Photo/Ahn Young-joon)\n\nBody text.\n\n© 2018 The Japan Times\n"


def _rows(
    text: str, fmt: str = "text", undated: str = "today"
) -> list[tuple[str, int, int, str, str | None]]:
    result = scan_text(text, fmt, today=TODAY, undated=undated)
    return [(f.check, f.span.line, f.span.column, f.message, f.fix) for f in result.findings]


def test_an_undated_article_says_it_was_judged_as_of_today_and_offers_no_year_fix() -> None:
    assert _rows(BODY) == [
        (
            "license-expired",
            1,
            29,
            "The Associated Press: the license expired on 2026-06-30 (article published 2026-12-04)" + NOTE,
            None,
        ),
        (
            "copyright-year",
            5,
            1,
            "the notice says 2018 but the article was published in 2026" + NOTE,
            None,
        ),
    ]


def test_a_dated_article_is_judged_on_its_date_without_the_note() -> None:
    dated = "June 1, 2018\n\n" + BODY
    assert _rows(dated) == []
    late = "January 5, 2027\n\n" + BODY
    assert _rows(late) == [
        (
            "license-expired",
            3,
            29,
            "The Associated Press: the license expired on 2026-06-30 (article published 2027-01-05)",
            None,
        ),
        (
            "copyright-year",
            7,
            1,
            "the notice says 2018 but the article was published in 2027",
            "© 2027 The Japan Times",
        ),
    ]


def test_undated_skip_drops_only_the_date_dependent_findings() -> None:
    text = BODY + "\nA view of the city. (Mandel Ngan/Gettty Images)\n"
    assert [(c, line, col) for c, line, col, _, _ in _rows(text, undated="skip")] == [
        ("misspelled-source", 7, 34),
    ]
    assert [c for c, *_ in _rows(text)] == ["license-expired", "copyright-year", "misspelled-source"]


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--rules", str(RULES), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_fix_never_rewrites_the_notice_year_of_an_undated_hugo_article(tmp_path: Path) -> None:
    page = tmp_path / "content" / "posts" / "talks.md"
    page.parent.mkdir(parents=True)
    text = '+++\ntitle = "Talks resume"\ndraft = false\n+++\n\nBody text.\n\n© 2018 The Japan Times\n'
    page.write_text(text, encoding="utf-8")
    _, out, _ = _cli("--format", "json", str(page))
    finding = json.loads(out)["findings"][0]
    assert (finding["check"], finding["line"], finding["fix"]) == ("copyright-year", 8, None)
    assert finding["message"].endswith(f"(no publication date found: judged as of today, {dt.date.today()})")
    _, _, err = _cli("--fix", str(page))
    assert (page.read_text(encoding="utf-8"), err) == (text, "")


def test_a_jekyll_post_is_dated_by_its_file_name_and_its_notice_kept(tmp_path: Path) -> None:
    page = tmp_path / "_posts" / "2018-05-01-talks-resume.md"
    page.parent.mkdir()
    text = "---\nlayout: post\ntitle: Talks resume\n---\n\nBody text.\n\n© 2018 The Japan Times\n"
    page.write_text(text, encoding="utf-8")
    code, out, _ = _cli("--format", "json", str(page))
    report = json.loads(out)
    assert (code, report["findings"]) == (0, [])
    assert (report["files"][0]["published"], report["files"][0]["published_from"]) == ("2018-05-01", "path")
    _cli("--fix", str(page))
    assert page.read_text(encoding="utf-8") == text


def test_the_undated_setting_comes_from_the_flag_or_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "creditcheck.yaml").write_text(f"rules: [{RULES}]\nundated: skip\n", encoding="utf-8")
    page = tmp_path / "talks.txt"
    page.write_text(BODY, encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(main, ["config", "show", "--config", str(tmp_path / "creditcheck.yaml")])
    assert "undated" in shown.stdout and "skip" in shown.stdout
    skipped = runner.invoke(
        main, ["check", "--config", str(tmp_path / "creditcheck.yaml"), "--format", "json", str(page)]
    )
    assert json.loads(skipped.stdout)["findings"] == []
    config = str(tmp_path / "creditcheck.yaml")
    noted = runner.invoke(
        main, ["check", "--config", config, "--undated", "today", "--format", "json", str(page)]
    )
    assert [f["check"] for f in json.loads(noted.stdout)["findings"]] == [
        "license-expired",
        "copyright-year",
    ]
    bad = runner.invoke(main, ["check", "--undated", "never", str(page)])
    assert bad.exit_code == 2
