"""CSV: a header row, then one row per finding with the fields of the JSON report."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TextIO

from creditcheck.model import FileResult, Finding, RunResult
from creditcheck.reporters import render_with
from creditcheck.safetext import csv_cell

COLUMNS = (
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
)


def csv_row(values: Sequence[object]) -> str:
    """One CSV row ending in LF, with every line break inside a field quoted."""
    buffer = io.StringIO()
    # The writer quotes only the line-break characters of its own terminator, so with "\n" a
    # bare CR inside a field would go out unquoted and split the row for readers; quote as if
    # rows ended in CRLF, then end them with LF.
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()[:-2] + "\n"


def _cell(value: object) -> object:
    # Text from articles is neutralised for spreadsheets; numbers stay numbers.
    return csv_cell(value) if isinstance(value, str) else value


class Writer:
    """The header row at once, then each finding's row as it arrives."""

    def __init__(self, out: TextIO, *, color: bool = False) -> None:
        self.out = out
        out.write(csv_row(COLUMNS))

    def add(self, files: Sequence[FileResult], findings: Sequence[Finding]) -> None:
        rows = []
        for f in findings:
            data = f.to_json()
            rows.append(csv_row([_cell(data[c]) for c in COLUMNS]))
        if rows:
            self.out.write("".join(rows))

    def close(self) -> None:
        pass


def render(result: RunResult, *, color: bool = False) -> str:
    return render_with(Writer, result, color)
