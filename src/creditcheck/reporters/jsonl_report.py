"""JSON Lines: one finding per line, the same objects as the JSON report's ``findings``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from creditcheck.model import FileResult, Finding, RunResult
from creditcheck.reporters import render_with


class Writer:
    """Each finding's line as it arrives."""

    def __init__(self, out: TextIO, *, color: bool = False) -> None:
        self.out = out

    def add(self, files: Sequence[FileResult], findings: Sequence[Finding]) -> None:
        # json.dumps escapes CR and LF inside strings, so each object stays on one line.
        if findings:
            self.out.write("".join(json.dumps(f.to_json(), ensure_ascii=False) + "\n" for f in findings))

    def close(self) -> None:
        pass


def render(result: RunResult, *, color: bool = False) -> str:
    return render_with(Writer, result, color)
