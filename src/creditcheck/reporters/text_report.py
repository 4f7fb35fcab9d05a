"""The human-readable report: ``path:line:col: severity check message`` and the fix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from creditcheck.model import FileResult, Finding, RunResult, Severity
from creditcheck.reporters import Tally, render_with

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _indented(text: str) -> str:
    return text.replace("\n", "\n      ")


class Writer:
    """Two lines at most per finding as it arrives; the summary line at the end."""

    def __init__(self, out: TextIO, *, color: bool = False) -> None:
        self.out = out
        self.color = color
        self.tally = Tally()

    def _style(self, text: str, **kw: object) -> str:
        if not self.color:
            return text
        import click

        return click.style(text, **kw)  # type: ignore[arg-type]

    def add(self, files: Sequence[FileResult], findings: Sequence[Finding]) -> None:
        self.tally.add(files, findings)
        style = self._style
        lines: list[str] = []
        for f in findings:
            where = style(f"{f.path}:{f.span.line}:{f.span.column}:", bold=True)
            sev = style(f.severity.label, fg=_COLORS[f.severity], bold=True)
            # A line break inside the message (a credit split over lines) continues indented, so
            # no text from an article can pass for a finding line of its own.
            lines.append(f"{where} {sev} {style(f.check, bold=True)} [{f.code}] {_indented(f.message)}\n")
            if f.fix is not None:
                lines.append(f"    fix: {style(_indented(f.fix), fg='green')}\n")
        if lines:
            self.out.write("".join(lines))

    def close(self) -> None:
        t = self.tally
        noun = "file" if t.files == 1 else "files"
        if not t.findings:
            self.out.write(f"No problems found in {t.files} {noun}.\n")
            return
        errors, warnings, infos = t.count(Severity.ERROR), t.count(Severity.WARNING), t.count(Severity.INFO)
        parts = [f"{errors} error{'s' if errors != 1 else ''}"]
        if warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        if infos:
            parts.append(f"{infos} info")
        tail = f" ({t.fixable} with a fix)" if t.fixable else ""
        self.out.write(f"\nFound {', '.join(parts)} in {t.affected} of {t.files} {noun}{tail}.\n")


def render(result: RunResult, *, color: bool = False) -> str:
    return render_with(Writer, result, color)
