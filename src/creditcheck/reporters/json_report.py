"""The versioned JSON report of ``check`` (a public contract, see docs/output.md).

The summary comes first in the document but is known only at the end, so the file records and
findings are spooled (to memory, then to a temporary file past a few megabytes) as results
arrive and copied out behind the summary when the run is over. The text is laid out exactly as
``json.dumps(document, indent=2, ensure_ascii=False)`` lays it out (``creditcheck.jsontext``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from creditcheck.jsontext import Array
from creditcheck.model import FileResult, Finding, RunResult, Severity
from creditcheck.reporters import Tally, copy_out, render_with, spool

VERSION = 1


def file_record(r: FileResult) -> dict[str, object]:
    return {
        "path": r.path,
        "format": r.format,
        "published": r.published.isoformat() if r.published else None,
        "published_from": r.published_from,
    }


def document(result: RunResult) -> dict[str, object]:
    return {
        "version": VERSION,
        "summary": {
            "files": len(result.files),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "info": result.count(Severity.INFO),
        },
        "files": [file_record(r) for r in result.files],
        "findings": [f.to_json() for f in result.findings],
    }


class Writer:
    """File records and findings spooled as they arrive; the whole document written at ``close``."""

    def __init__(self, out: TextIO, *, color: bool = False) -> None:
        self.out = out
        self.tally = Tally()
        self._files_spool = spool()
        self._findings_spool = spool()
        self._files = Array(self._files_spool.write, 1)
        self._findings = Array(self._findings_spool.write, 1)

    def add(self, files: Sequence[FileResult], findings: Sequence[Finding]) -> None:
        self.tally.add(files, findings)
        self._files.extend(file_record(r) for r in files)
        self._findings.extend(f.to_json() for f in findings)

    def close(self) -> None:
        t = self.tally
        out = self.out
        out.write(
            f'{{\n  "version": {VERSION},\n  "summary": {{\n    "files": {t.files},\n'
            f'    "errors": {t.count(Severity.ERROR)},\n    "warnings": {t.count(Severity.WARNING)},\n'
            f'    "info": {t.count(Severity.INFO)}\n  }},\n  "files": ['
        )
        self._files.close()
        copy_out(self._files_spool, out)
        out.write(',\n  "findings": [')
        self._findings.close()
        copy_out(self._findings_spool, out)
        out.write("\n}\n")


def render(result: RunResult, *, color: bool = False) -> str:
    return render_with(Writer, result, color)
