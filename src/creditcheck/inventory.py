"""The inventory view: every attribution found, with its parse, as text or versioned JSON."""

from __future__ import annotations

import json

from creditcheck.model import Attribution, FileResult

VERSION = 1


def attribution_json(path: str, a: Attribution) -> dict[str, object]:
    return {
        "path": path,
        "line": a.span.line,
        "column": a.span.column,
        "kind": a.kind.value,
        "text": a.text,
        "people": a.people,
        "sources": a.sources,
        "unknown": a.unknown,
        "year": a.year,
        "holder": a.holder,
        # The picture (by its index in the file) a credit or notice belongs to; null for the story's own.
        "image": a.image,
    }


def file_json(r: FileResult) -> dict[str, object]:
    """What the scan decided about a file: its format, publication date (and from where) and title."""
    return {
        "path": r.path,
        "format": r.format,
        "published": r.published.isoformat() if r.published else None,
        "published_from": r.published_from,
        "title": r.title,
    }


def render_json(results: list[FileResult]) -> str:
    items = [attribution_json(r.path, a) for r in results for a in r.attributions]
    document = {"version": VERSION, "files": [file_json(r) for r in results], "attributions": items}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_text(results: list[FileResult]) -> str:
    lines: list[str] = []
    for r in results:
        for a in r.attributions:
            parts = [f"{r.path}:{a.span.line}:{a.span.column}: {a.kind.value} {a.text!r}"]
            if a.people:
                parts.append("people=" + ", ".join(a.people))
            if a.sources:
                parts.append("sources=" + ", ".join(a.sources))
            if a.unknown:
                parts.append("unknown=" + ", ".join(a.unknown))
            if a.year is not None:
                parts.append(f"year={a.year}")
            if a.holder is not None:
                parts.append(f"holder={a.holder}")
            lines.append("  ".join(parts))
    count = sum(len(r.attributions) for r in results)
    files = len(results)
    plural = "s" if files != 1 else ""
    lines.append(f"{count} attribution{'s' if count != 1 else ''} in {files} file{plural}.")
    return "\n".join(lines) + "\n"
