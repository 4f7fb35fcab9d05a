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
