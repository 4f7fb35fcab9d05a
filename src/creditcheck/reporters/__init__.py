"""Output formats behind one interface, chosen by an exhaustive enum and imported lazily.

Each format is a ``Writer``: it is handed the files and their findings as results arrive, in
report order (files by path, findings by path and position), writes what it can at once and
the rest (a summary, the counts a header needs) when it is closed. ``render`` writes a whole
``RunResult`` through the same writer, so a report is the same bytes either way.
"""

from __future__ import annotations

import enum
import importlib
import io
from collections.abc import Sequence
from typing import IO, Protocol, TextIO

from creditcheck.model import FileResult, Finding, RunResult, Severity


class Writer(Protocol):
    """A report written as results arrive."""

    def add(self, files: Sequence[FileResult], findings: Sequence[Finding]) -> None:
        """More files (each once) and the findings reported on them, in report order."""

    def close(self) -> None:
        """Write whatever waits for the end of the run (summary, counts); the stream stays open."""


class WriterClass(Protocol):
    def __call__(self, out: TextIO, *, color: bool = False) -> Writer: ...


class Reporter(Protocol):
    def __call__(self, result: RunResult, *, color: bool = False) -> str: ...


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    CSV = "csv"
    GITLAB = "gitlab"

    def reporter(self) -> Reporter:
        module = importlib.import_module(f"creditcheck.reporters.{self.value}_report")
        render: Reporter = module.render
        return render

    def writer(self) -> WriterClass:
        module = importlib.import_module(f"creditcheck.reporters.{self.value}_report")
        writer: WriterClass = module.Writer
        return writer


# What a spool holds in memory before it moves to a temporary file.
SPOOL_BYTES = 4 * 1024 * 1024


def spool() -> IO[str]:
    """A text buffer for the part of a report that must wait for the end of the run."""
    import tempfile

    return tempfile.SpooledTemporaryFile(SPOOL_BYTES, mode="w+", encoding="utf-8", newline="")


def copy_out(buffer: IO[str], out: TextIO) -> None:
    """Write a spool's text to ``out``, then close it."""
    import shutil

    buffer.seek(0)
    shutil.copyfileobj(buffer, out, 1024 * 1024)
    buffer.close()


def render_with(writer: WriterClass, result: RunResult, color: bool = False) -> str:
    """A whole run's report, written through the format's writer into a string."""
    out = io.StringIO()
    w = writer(out, color=color)
    w.add(result.files, result.findings)
    w.close()
    return out.getvalue()


class Tally:
    """The counts a report's summary needs, kept as findings go by (never the findings themselves)."""

    def __init__(self) -> None:
        self.files = 0
        self.findings = 0
        self.by_severity = dict.fromkeys(Severity, 0)
        self.fixable = 0
        self.affected = 0  # files with a finding: findings arrive grouped by path
        self._last_path: str | None = None

    def add(self, files: Sequence[FileResult], findings: Sequence[Finding]) -> None:
        self.files += len(files)
        self.findings += len(findings)
        by_severity = self.by_severity
        for f in findings:
            by_severity[f.severity] += 1
            if f.fix is not None:
                self.fixable += 1
            if f.path != self._last_path:
                self.affected += 1
                self._last_path = f.path

    def count(self, severity: Severity) -> int:
        return self.by_severity[severity]
