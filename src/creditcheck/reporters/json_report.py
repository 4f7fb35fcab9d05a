"""The versioned JSON report of ``check`` (a public contract, see docs/output.md)."""

from __future__ import annotations

import json

from creditcheck.model import RunResult, Severity

VERSION = 1


def document(result: RunResult) -> dict[str, object]:
    return {
        "version": VERSION,
        "summary": {
            "files": len(result.files),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "info": result.count(Severity.INFO),
        },
        "files": [
            {
                "path": r.path,
                "format": r.format,
                "published": r.published.isoformat() if r.published else None,
                "published_from": r.published_from,
            }
            for r in result.files
        ],
        "findings": [f.to_json() for f in result.findings],
    }


def render(result: RunResult, *, color: bool = False) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
