"""The CI gate on a real git content repository: config, baseline, changed files, suppressions."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from creditcheck.cli import main
from tests.helpers import RULES, git

CLEAN = """Talks resume

Leaders meet in Panmunjom. (Brendan Smialowski/AFP via Getty Images/TNS)
January 14, 2020

Body text of the article.
"""

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def run(repo: Path, *args: str) -> tuple[int, str, str]:
    old = os.getcwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def found(out: str) -> list[tuple[str, str, int]]:
    return [(f["path"], f["check"], f["line"]) for f in json.loads(out)["findings"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    shutil.copytree(RULES, root / "licenses")
    (root / "creditcheck.yaml").write_text(
        "rules: licenses\ninclude: ['articles/**']\nbaseline: .creditcheck-baseline.json\n", encoding="utf-8"
    )
    (root / "articles" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    old_debt = CLEAN.replace("AFP via Getty Images", "AFP/Getty Images")
    (root / "articles" / "old.txt").write_text(old_debt, encoding="utf-8")
    (root / "notes.txt").write_text(old_debt, encoding="utf-8")  # outside include: never checked
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    return root


def test_baseline_then_only_new_violations_fail(repo: Path) -> None:
    code, out, _ = run(repo, "check", "--format", "json")
    assert (code, found(out)) == (1, [("articles/old.txt", "deprecated-credit", 3)])

    code, out, _ = run(repo, "baseline")
    assert code == 0
    assert out == "Wrote 1 entry (1 findings) to .creditcheck-baseline.json.\n"

    # Old debt is baselined: the build passes, and editing elsewhere in the file keeps it so.
    old = repo / "articles" / "old.txt"
    old.write_text("A new first line.\n\n" + old.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run(repo, "check", "--format", "json")
    assert (code, found(out)) == (0, [])
    assert "1 finding in the baseline .creditcheck-baseline.json not shown" in err

    # A new violation fails the build, and only it is reported.
    new = CLEAN.replace("(Brendan Smialowski/AFP via Getty Images/TNS)", "(Issei Kato/Reuters)")
    (repo / "articles" / "new.txt").write_text(new, encoding="utf-8")
    code, out, _ = run(repo, "check", "--format", "json")
    assert (code, found(out)) == (1, [("articles/new.txt", "unlicensed-source", 3)])

    # Fixing the old debt makes its baseline entry stale, and the run says so.
    old.write_text(CLEAN, encoding="utf-8")
    (repo / "articles" / "new.txt").unlink()
    code, _, err = run(repo, "check")
    assert code == 0
    assert err == (
        "creditcheck: 1 baseline entry no longer matches anything: refresh it with `creditcheck baseline`\n"
    )


def test_changed_since_sees_only_changed_files(repo: Path) -> None:
    git(repo, "commit", "-q", "--allow-empty", "-m", "second")
    edited = CLEAN.replace("(Brendan Smialowski/AFP via Getty Images/TNS)", "(Issei Kato/Reuters)")
    (repo / "articles" / "clean.txt").write_text(edited, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edit clean")
    code, out, _ = run(repo, "check", "--format", "json", "--changed-since", "HEAD~1")
    data = json.loads(out)
    assert [f["path"] for f in data["files"]] == ["articles/clean.txt"]
    assert (code, found(out)) == (1, [("articles/clean.txt", "unlicensed-source", 3)])
    # Uncommitted, staged and untracked files count as changed too.
    (repo / "articles" / "draft.txt").write_text(CLEAN, encoding="utf-8")
    code, out, _ = run(repo, "check", "--format", "json", "--changed-since", "HEAD")
    assert [f["path"] for f in json.loads(out)["files"]] == ["articles/draft.txt"]
    (repo / "articles" / "staged.txt").write_text(CLEAN, encoding="utf-8")
    git(repo, "add", "articles/staged.txt")
    (repo / "articles" / "old.txt").write_text(CLEAN, encoding="utf-8")
    code, out, _ = run(repo, "check", "--format", "json", "--changed-since", "HEAD")
    assert [f["path"] for f in json.loads(out)["files"]] == [
        "articles/draft.txt",
        "articles/old.txt",
        "articles/staged.txt",
    ]
    code, _, err = run(repo, "check", "--changed-since", "no-such-ref")
    assert code == 2
    assert "'no-such-ref' is not a commit" in err


def test_suppression_with_reason_silences_and_without_reason_fails(repo: Path) -> None:
    unknown = CLEAN.replace("(Brendan Smialowski/AFP via Getty Images/TNS)", "(Ou Dongqu/Xinhua)")
    with_reason = unknown.replace(
        "Leaders meet", "creditcheck: ignore unknown-source -- Xinhua handout cleared, LEGAL-42\nLeaders meet"
    )
    (repo / "articles" / "old.txt").write_text(with_reason, encoding="utf-8")
    code, out, _ = run(repo, "check", "--format", "json")
    assert (code, found(out)) == (0, [])

    without_reason = with_reason.replace(" -- Xinhua handout cleared, LEGAL-42", "")
    (repo / "articles" / "old.txt").write_text(without_reason, encoding="utf-8")
    code, out, _ = run(repo, "check", "--format", "json")
    assert (code, found(out)) == (
        1,
        [("articles/old.txt", "invalid-suppression", 3), ("articles/old.txt", "unknown-source", 4)],
    )


def test_config_show_reports_origins(repo: Path) -> None:
    code, out, _ = run(repo, "config", "show", "--no-config")
    assert code == 0
    assert "rules" in out and "# default" in out
    code, out, _ = run(repo, "config", "show")
    lines = {line.split("=")[0].strip(): line for line in out.splitlines() if "=" in line}
    assert lines["rules"].endswith("# creditcheck.yaml:1")
    assert lines["include"].endswith("# creditcheck.yaml:2")
    assert lines["fail-on"].endswith("# default")


def test_bad_config_is_a_clear_exit_2(repo: Path) -> None:
    (repo / "creditcheck.yaml").write_text("rules: licenses\nfail_on: sometimes\n", encoding="utf-8")
    code, _, err = run(repo, "check")
    assert code == 2
    assert err == (
        "creditcheck: error: creditcheck.yaml:2: fail_on: 'sometimes' is not one of: error, warning, info\n"
    )
    (repo / "creditcheck.yaml").write_text("rules: licenses\nseverity:\n  no-such: off\n", encoding="utf-8")
    code, _, err = run(repo, "check")
    assert code == 2
    assert "severity.no-such: no such check" in err


def test_severity_override_and_fail_on(repo: Path) -> None:
    code, out, _ = run(repo, "check", "--format", "json", "--severity", "deprecated-credit=warning")
    assert code == 0
    assert json.loads(out)["summary"] == {"files": 2, "errors": 0, "warnings": 1, "info": 0}
    assert run(repo, "check", "--severity", "deprecated-credit=warning", "--fail-on", "warning")[0] == 1
    code, out, _ = run(repo, "check", "--format", "json", "--severity", "deprecated-credit=off")
    assert (code, found(out)) == (0, [])


def test_stdin_filename_checks_piped_text(repo: Path) -> None:
    os.chdir(repo)
    try:
        result = CliRunner().invoke(
            main,
            ["check", "--format", "json", "--stdin-filename", "articles/piped.txt"],
            input=CLEAN.replace("AFP via Getty Images", "AFP/Getty Images"),
            catch_exceptions=False,
        )
    finally:
        os.chdir("/")
    assert result.exit_code == 1
    assert found(result.stdout) == [("articles/piped.txt", "deprecated-credit", 3)]


def test_output_file_is_written_only_when_the_run_completes(repo: Path) -> None:
    code, out, _ = run(repo, "check", "--format", "json", "--output", "report.json")
    assert (code, out) == (1, "")
    assert found((repo / "report.json").read_text(encoding="utf-8")) == [
        ("articles/old.txt", "deprecated-credit", 3)
    ]
    (repo / "licenses" / "afp.yaml").write_text("name: [broken\n", encoding="utf-8")
    (repo / "report.json").write_text("previous", encoding="utf-8")
    code, _, _ = run(repo, "check", "--format", "json", "--output", "report.json")
    assert code == 2
    assert (repo / "report.json").read_text(encoding="utf-8") == "previous"


def test_check_codes_are_accepted_wherever_check_names_are(repo: Path) -> None:
    unknown = CLEAN.replace("(Brendan Smialowski/AFP via Getty Images/TNS)", "(Ou Dongqu/Xinhua)")
    # A suppression by code, in plain text and in Markdown front matter.
    text = unknown.replace(
        "Leaders meet", "creditcheck: ignore CC101 -- Xinhua cleared, LEGAL-42\nLeaders meet"
    )
    (repo / "articles" / "old.txt").write_text(text, encoding="utf-8")
    front = "---\ndate: 2020-01-14\ncreditcheck: {ignore: [cc101], reason: cleared by legal}\n---\n"
    (repo / "articles" / "front.md").write_text(front + unknown, encoding="utf-8")
    code, out, _ = run(repo, "check", "--format", "json")
    assert (code, found(out)) == (0, [])
    # An unused suppression by code is reported under the check's name.
    (repo / "articles" / "old.txt").write_text(
        CLEAN.replace("Leaders meet", "creditcheck: ignore CC101 -- cleared\nLeaders meet"), encoding="utf-8"
    )
    code, out, _ = run(repo, "check", "--format", "json")
    messages = [(f["check"], f["message"]) for f in json.loads(out)["findings"]]
    assert messages == [
        ("unused-suppression", "nothing to suppress here for unknown-source: remove the suppression")
    ]
    # --severity and the configuration take codes too, in any case.
    (repo / "articles" / "old.txt").write_text(CLEAN.replace("AFP via", "AFP/"), encoding="utf-8")
    (repo / "articles" / "front.md").unlink()
    code, out, _ = run(repo, "check", "--format", "json", "--severity", "cc202=off")
    assert (code, found(out)) == (0, [])
    config = (repo / "creditcheck.yaml").read_text(encoding="utf-8")
    (repo / "creditcheck.yaml").write_text(config + "severity:\n  CC202: warning\n", encoding="utf-8")
    code, out, _ = run(repo, "check", "--format", "json")
    assert code == 0
    assert [(f["check"], f["severity"]) for f in json.loads(out)["findings"]] == [
        ("deprecated-credit", "warning")
    ]
    code, out, _ = run(repo, "config", "show")
    assert "severity  = deprecated-credit=warning" in out
    code, _, err = run(repo, "check", "--severity", "CC999=off")
    assert (code, err) == (
        2,
        "creditcheck: error: --severity: severity.CC999: no such check (see `creditcheck explain`)\n",
    )


def test_baseline_note_only_when_it_hid_something(repo: Path) -> None:
    assert run(repo, "baseline")[0] == 0
    code, _, err = run(repo, "check")
    assert (code, err) == (0, "creditcheck: 1 finding in the baseline .creditcheck-baseline.json not shown\n")
    (repo / "articles" / "old.txt").unlink()
    (repo / "creditcheck.yaml").write_text(
        "rules: licenses\ninclude: ['articles/**']\nbaseline: empty.json\n", encoding="utf-8"
    )
    (repo / "empty.json").write_text('{"version": 1, "findings": []}\n', encoding="utf-8")
    code, _, err = run(repo, "check")
    assert (code, err) == (0, "")


def option_names(*command: str) -> set[str]:
    out = CliRunner().invoke(main, [*command, "--help"], catch_exceptions=False).stdout
    return {word.rstrip(",") for line in out.splitlines() for word in line.split() if word.startswith("--")}


def test_each_command_lists_only_the_options_it_uses() -> None:
    inventory = option_names("inventory")
    assert {"--severity", "--territory", "--channel"} & inventory == set()
    assert {"--rules", "--changed-since", "--stdin-filename", "--published"} <= inventory
    baseline = option_names("baseline")
    assert "--stdin-filename" not in baseline
    assert {"--severity", "--territory", "--channel", "--changed-since"} <= baseline
    assert {"--force-exclude", "--stdin-filename", "--severity"} <= option_names("check")


def test_every_option_of_every_command_has_help() -> None:
    import click

    def commands(group: click.Group, prefix: tuple[str, ...]) -> list[tuple[tuple[str, ...], click.Command]]:
        out = []
        for name, cmd in group.commands.items():
            out.append(((*prefix, name), cmd))
            if isinstance(cmd, click.Group):
                out.extend(commands(cmd, (*prefix, name)))
        return out

    missing = [
        (" ".join(path), param.name)
        for path, cmd in commands(main, ())
        for param in cmd.params
        if isinstance(param, click.Option) and not param.help
    ]
    assert missing == []


def test_no_file_selected_is_a_warning_naming_the_patterns(repo: Path) -> None:
    (repo / "creditcheck.yaml").write_text("rules: licenses\ninclude: ['contents/**']\n", encoding="utf-8")
    code, out, err = run(repo, "check")
    assert (code, out) == (0, "No problems found in 0 files.\n")
    assert err == (
        "creditcheck: warning: no file to check: include contents/** (creditcheck.yaml:2) "
        "left none of the 3 files found under .\n"
    )
    (repo / "creditcheck.yaml").write_text(
        "rules: licenses\ninclude: ['articles/**']\nexclude: ['*.txt']\n", encoding="utf-8"
    )
    assert run(repo, "check")[2] == (
        "creditcheck: warning: no file to check: include articles/** (creditcheck.yaml:2) and "
        "exclude *.txt (creditcheck.yaml:3) left none of the 3 files found under .\n"
    )
    (repo / "empty").mkdir()
    code, _, err = run(repo, "check", "empty")
    assert (code, err) == (
        0,
        "creditcheck: warning: no file to check: no article file under empty "
        "(see docs/formats.md for the extensions)\n",
    )
    # With --changed-since, nothing changed is the normal case: no warning.
    code, out, err = run(repo, "check", "--changed-since", "HEAD")
    assert (code, out, err) == (0, "No problems found in 0 files.\n", "")


def test_force_exclude_applies_include_and_exclude_to_named_files(repo: Path) -> None:
    (repo / "README.md").write_text("# Content\n\n![logo](logo.png)\n", encoding="utf-8")
    (repo / "articles" / ".draft.txt").write_text(CLEAN, encoding="utf-8")
    named = ["README.md", "licenses/afp.yaml", "notes.txt", "articles/old.txt", "articles/.draft.txt"]
    # Named files are checked whatever they are, as before...
    code, out, _ = run(repo, "check", "--format", "json", *named)
    assert sorted(f["path"] for f in json.loads(out)["files"]) == sorted(named)
    # ...unless --force-exclude: then only what a search of the project would check is.
    code, out, _ = run(repo, "check", "--format", "json", "--force-exclude", *named)
    assert [f["path"] for f in json.loads(out)["files"]] == ["articles/old.txt"]
    assert (code, found(out)) == (1, [("articles/old.txt", "deprecated-credit", 3)])
    code, out, err = run(repo, "check", "--force-exclude", "README.md")
    assert (code, out) == (0, "No problems found in 0 files.\n")
    assert "include articles/** (creditcheck.yaml:2) left none of the 1 file found under README.md" in err


def test_handouts_policy_in_the_configuration(repo: Path) -> None:
    handout = CLEAN.replace("(Brendan Smialowski/AFP via Getty Images/TNS)", "(Courtesy of Sony Corp.)")
    (repo / "articles" / "old.txt").write_text(handout, encoding="utf-8")
    code, out, _ = run(repo, "check", "--format", "json")  # allowed by default
    assert (code, found(out)) == (0, [])
    config = "rules: licenses\ninclude: ['articles/**']\nhandouts: error\n"
    (repo / "creditcheck.yaml").write_text(config, encoding="utf-8")
    code, out, _ = run(repo, "check", "--format", "json")
    assert (code, found(out)) == (1, [("articles/old.txt", "handout-credit", 3)])
    assert "handouts  = error" in run(repo, "config", "show")[1]
    # A cleared handout: the suppression names the check (or its code) and the clearance.
    cleared = handout.replace(
        "Leaders meet", "creditcheck: ignore CC206 -- family photo, cleared LEGAL-7\nLeaders meet"
    )
    (repo / "articles" / "old.txt").write_text(cleared, encoding="utf-8")
    assert run(repo, "check", "--format", "json")[0] == 0
    (repo / "creditcheck.yaml").write_text(config.replace("error", "forbidden"), encoding="utf-8")
    code, _, err = run(repo, "check")
    assert (code, err) == (
        2,
        "creditcheck: error: creditcheck.yaml:3: handouts: 'forbidden' is not one of: allowed, error\n",
    )
