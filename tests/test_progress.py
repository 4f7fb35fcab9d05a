"""The scan's progress bar: drawn on a terminal only, erased before the summary, fed by scan_targets."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from creditcheck.discover import Target
from creditcheck.progress import ProgressBar, render
from creditcheck.ruleset import load_rules
from creditcheck.scan import ScanOptions, scan_targets

from .helpers import RULES


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_render() -> None:
    assert render("scanning", 0, 4, width=8) == "scanning [        ] 0/4 files   0%"
    assert render("scanning", 1, 4, width=8) == "scanning [##      ] 1/4 files  25%"
    assert render("scanning", 4, 4, width=8) == "scanning [########] 4/4 files 100%"
    assert render("scanning", 0, 0, width=4) == "scanning [####] 0/0 files 100%"


def test_bar_draws_on_a_terminal_throttled_and_erases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TERM", raising=False)
    stream = Terminal()
    bar = ProgressBar(stream, "scan", width=4, interval=3600)
    bar(1, 3)
    bar(2, 3)  # within the interval: not redrawn
    bar(3, 3)  # the last file is always drawn
    bar.close()
    assert stream.getvalue() == "\rscan [#   ] 1/3 files  33%\rscan [####] 3/3 files 100%\r\x1b[2K"


@pytest.mark.parametrize("uptime", [0.0, 0.05, 5.0, 1e6])
def test_bar_does_not_depend_on_the_clock_origin(monkeypatch: pytest.MonkeyPatch, uptime: float) -> None:
    # time.monotonic() counts from boot: a fresh CI machine or container reads small values.
    monkeypatch.delenv("TERM", raising=False)
    clock = iter([uptime, uptime + 1.0, uptime + 1.0])
    monkeypatch.setattr("creditcheck.progress.time.monotonic", lambda: next(clock))
    stream = Terminal()
    bar = ProgressBar(stream, "scan", width=4, interval=3600)
    bar(1, 3)
    bar(2, 3)
    bar(3, 3)
    assert stream.getvalue() == "\rscan [#   ] 1/3 files  33%\rscan [####] 3/3 files 100%"


def test_bar_is_silent_off_a_terminal_and_on_a_dumb_one(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    bar = ProgressBar(pipe, "scan")
    bar(1, 1)
    bar.close()
    assert pipe.getvalue() == ""
    monkeypatch.setenv("TERM", "dumb")
    dumb = Terminal()
    bar = ProgressBar(dumb, "scan")
    bar(1, 1)
    bar.close()
    assert dumb.getvalue() == ""


@pytest.mark.parametrize("jobs", [1, 2])
def test_scan_targets_reports_each_file_in_order(jobs: int, tmp_path: Path) -> None:
    targets = []
    for i in range(60):
        path = tmp_path / f"{i}.txt"
        path.write_text(f"Story {i}.\n\nPhoto: Jane Smith/Getty Images\n", encoding="utf-8")
        targets.append(Target(str(path), str(path)))
    calls: list[tuple[int, int]] = []
    results = scan_targets(targets, load_rules(RULES), ScanOptions(), jobs, lambda d, t: calls.append((d, t)))
    assert [r.path for r in results] == [t.display for t in targets]
    assert calls == [(n, 60) for n in range(1, 61)]


def test_audit_draws_the_bar_on_a_terminal_then_one_summary_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Photo: Jane Smith/Getty Images\n\nMarch 3, 2026\n", encoding="utf-8")
    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm"}
    cmd = [sys.executable, "-m", "creditcheck", "audit", "--rules", str(RULES), "--month", "2026-03"]
    cmd += ["--ledger", str(tmp_path / "l.sqlite"), "--format", "json", "-o", str(tmp_path / "a.json")]
    proc = subprocess.run([*cmd, str(tmp_path / "a.txt")], stderr=follower, env=env, check=False)
    os.close(follower)
    err = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal's other end is closed: everything has been read
            break
        if not chunk:
            break
        err += chunk
    os.close(leader)
    assert proc.returncode == 0
    text = err.decode("utf-8").replace("\r\n", "\n")
    bar, _, summary = text.partition("\x1b[2K")
    assert bar == "\rcreditcheck: scanning [" + "#" * 30 + "] 1/1 files 100%\r"
    assert summary.startswith(
        "creditcheck: audit 2026-03-01..2026-03-31: 1 article, 1 photo, 0 stories, 0 violations"
    )
    assert summary.count("\n") == 1
    # Off a terminal (a pipe, as in CI) the same run prints only the summary.
    piped = subprocess.run([*cmd, str(tmp_path / "a.txt")], capture_output=True, env=env, check=False)
    assert piped.stderr.decode("utf-8").startswith("creditcheck: audit 2026-03-01..2026-03-31: 1 article,")


def test_a_delayed_bar_draws_nothing_for_a_short_run_and_starts_after_the_delay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TERM", raising=False)
    # Small values, as on a machine just booted: the delay counts from the first file.
    now = [0.01]
    monkeypatch.setattr("creditcheck.progress.time.monotonic", lambda: now[0])

    def drawn(files: int, seconds_per_file: float) -> str:
        stream = Terminal()
        bar = ProgressBar(stream, "check", width=4, interval=0.1, delay=1.0)
        for done in range(1, files + 1):
            bar(done, files)
            now[0] += seconds_per_file
        bar.close()
        return stream.getvalue()

    assert drawn(3, 0.2) == ""
    # Files 1-3 fall within the first second; from then on every call is past the interval.
    expected = "".join("\r" + render("check", done, 8, 4) for done in range(4, 9)) + "\r\x1b[2K"
    assert drawn(8, 0.4) == expected


def run_check(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *args: str, ci: bool = False) -> str:
    from click.testing import CliRunner

    from creditcheck.cli import main

    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(
            "Photo: Jane Smith/Getty Images\n\nMarch 3, 2026\n", encoding="utf-8"
        )
    monkeypatch.delenv("TERM", raising=False)
    if ci:
        monkeypatch.setenv("CI", "true")
    else:
        monkeypatch.delenv("CI", raising=False)
    # A terminal, and a clock that moves two seconds per file: a long run.
    monkeypatch.setattr("creditcheck.progress._is_terminal", lambda stream: True)
    clock = iter(float(2 * n) for n in range(100))
    monkeypatch.setattr("creditcheck.progress.time.monotonic", lambda: next(clock))
    result = CliRunner().invoke(
        main, ["check", "--rules", str(RULES), "--jobs", "1", *args, str(tmp_path)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 3 files.\n"
    return result.stderr


def test_check_draws_progress_on_a_terminal_on_long_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bar = "creditcheck: checking [" + "#" * 30 + "] 3/3 files 100%"
    # The first file starts the clock; the second, two seconds later, is past the delay.
    expected = "\r" + render("creditcheck: checking", 2, 3) + "\r" + bar + "\r\x1b[2K"
    assert run_check(monkeypatch, tmp_path) == expected
    assert run_check(monkeypatch, tmp_path, "--no-progress") == ""
    # Under CI (CI=true), only when asked.
    assert run_check(monkeypatch, tmp_path, ci=True) == ""
    assert run_check(monkeypatch, tmp_path, "--progress", ci=True) == expected


def test_check_of_one_article_on_a_terminal_prints_no_bar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Photo: Jane Smith/Getty Images\n\nMarch 3, 2026\n", encoding="utf-8")
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["TERM"] = "xterm"
    cmd = [sys.executable, "-m", "creditcheck", "check", "--rules", str(RULES), str(tmp_path / "a.txt")]
    proc = subprocess.run(cmd, stderr=follower, stdout=subprocess.PIPE, env=env, check=False)
    os.close(follower)
    err = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    os.close(leader)
    assert (proc.returncode, proc.stdout, err) == (0, b"No problems found in 1 file.\n", b"")
