"""The human-readable report: ``path:line:col: severity check message`` and the fix."""

from __future__ import annotations

import click

from creditcheck.model import RunResult, Severity

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _indented(text: str) -> str:
    return text.replace("\n", "\n      ")


def render(result: RunResult, *, color: bool = False) -> str:
    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if color else text  # type: ignore[arg-type]

    lines: list[str] = []
    for f in result.findings:
        where = style(f"{f.path}:{f.span.line}:{f.span.column}:", bold=True)
        sev = style(f.severity.label, fg=_COLORS[f.severity], bold=True)
        # A line break inside the message (a credit split over lines) continues indented, so
        # no text from an article can pass for a finding line of its own.
        lines.append(f"{where} {sev} {style(f.check, bold=True)} [{f.code}] {_indented(f.message)}")
        if f.fix is not None:
            lines.append(f"    fix: {style(_indented(f.fix), fg='green')}")
    files = len(result.files)
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    infos = result.count(Severity.INFO)
    noun = "file" if files == 1 else "files"
    if not result.findings:
        lines.append(f"No problems found in {files} {noun}.")
    else:
        affected = len({f.path for f in result.findings})
        parts = [f"{errors} error{'s' if errors != 1 else ''}"]
        if warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        if infos:
            parts.append(f"{infos} info")
        fixable = sum(1 for f in result.findings if f.fix is not None)
        tail = f" ({fixable} with a fix)" if fixable else ""
        if lines:
            lines.append("")
        lines.append(f"Found {', '.join(parts)} in {affected} of {files} {noun}{tail}.")
    return "\n".join(lines) + "\n"
