"""GitHub Actions workflow commands: an ``::error``, ``::warning`` or ``::notice`` per finding."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from creditcheck.model import FileResult, Finding, RunResult, Severity
from creditcheck.reporters import render_with

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message; ``%`` first so the escapes themselves survive."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value, where ``:`` and ``,`` would end the value early."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding) -> str:
    props = (
        ("file", f.path),
        ("line", str(f.span.line)),
        ("col", str(f.span.column)),
        ("endLine", str(f.span.end_line)),
        ("endColumn", str(f.span.end_column)),
        ("title", f.check),
    )
    message = f.message if f.fix is None else f"{f.message}\nfix: {f.fix}"
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in props)
    return f"::{COMMANDS[f.severity]} {joined}::{escape_data(message)}"


class Writer:
    """Each finding's command as it arrives."""

    def __init__(self, out: TextIO, *, color: bool = False) -> None:
        self.out = out

    def add(self, files: Sequence[FileResult], findings: Sequence[Finding]) -> None:
        if findings:
            self.out.write("".join(command(f) + "\n" for f in findings))

    def close(self) -> None:
        pass


def render(result: RunResult, *, color: bool = False) -> str:
    return render_with(Writer, result, color)
