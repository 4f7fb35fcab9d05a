"""JSON Lines: one finding per line, the same objects as the JSON report's ``findings``."""

from __future__ import annotations

import json

from creditcheck.model import RunResult


def render(result: RunResult, *, color: bool = False) -> str:
    # json.dumps escapes CR and LF inside strings, so each object stays on one line.
    return "".join(json.dumps(f.to_json(), ensure_ascii=False) + "\n" for f in result.findings)
