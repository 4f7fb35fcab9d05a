"""SARIF 2.1.0 for code-scanning services: one run, every check as a rule, one result per finding."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO
from urllib.parse import quote

from creditcheck import __version__
from creditcheck.baseline import fingerprint
from creditcheck.checks import ALL_CHECKS, Check
from creditcheck.jsontext import Array, indented
from creditcheck.model import FileResult, Finding, RunResult, Severity, Span
from creditcheck.reporters import render_with

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL = "creditcheck"
# The project has no public home page yet; once it has, put it here and viewers link to it.
INFORMATION_URI: str | None = None
SRCROOT = "%SRCROOT%"
FINGERPRINT = "creditcheck/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

_DRIVE = re.compile(r"[A-Za-z]:/")


def artifact_location(path: str) -> dict[str, str]:
    """A percent-encoded URI for a report path: relative to ``%SRCROOT%``, else ``file:``.

    Reports show paths outside the working directory as absolute ones, which no base can hold.
    ``:`` is encoded too, since in a relative URI's first segment it would read as a scheme.
    """
    if path.startswith("/"):
        return {"uri": "file://" + quote(path, safe="/")}
    if _DRIVE.match(path):
        return {"uri": "file:///" + path[:2] + quote(path[2:], safe="/")}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def region(span: Span) -> dict[str, int]:
    # SARIF regions are 1-based with an exclusive end column, exactly like spans.
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def rule(check: Check) -> dict[str, object]:
    doc = check.doc.strip()
    return {
        "id": check.name,
        "name": check.name,
        "shortDescription": {"text": check.summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc},
        "defaultConfiguration": {"level": LEVELS[check.severity]},
        "properties": {"code": check.code},
    }


def result_object(f: Finding, rule_index: dict[str, int]) -> dict[str, object]:
    location = artifact_location(f.path)
    where = region(f.span)
    out: dict[str, object] = {"ruleId": f.check}
    if f.check in rule_index:
        out["ruleIndex"] = rule_index[f.check]
    out["level"] = LEVELS[f.severity]
    text = f.message if f.fix is None else f"{f.message}\nfix: {f.fix}"
    out["message"] = {"text": text}
    out["locations"] = [{"physicalLocation": {"artifactLocation": location, "region": where}}]
    out["partialFingerprints"] = {FINGERPRINT: fingerprint(f)}
    empty = (f.span.line, f.span.column) == (f.span.end_line, f.span.end_column)
    # A fix for an empty span (a missing notice) says what to add, not where: it stays in the message.
    if f.fix is not None and not empty:
        change = {
            "artifactLocation": location,
            "replacements": [{"deletedRegion": where, "insertedContent": {"text": f.fix}}],
        }
        out["fixes"] = [{"description": {"text": f"Replace with {f.fix}"}, "artifactChanges": [change]}]
    properties: dict[str, str] = {"code": f.code}
    if f.source is not None:
        properties["source"] = f.source
    out["properties"] = properties
    return out


def document(result: RunResult) -> dict[str, object]:
    rule_index = {c.name: i for i, c in enumerate(ALL_CHECKS)}
    return _document([result_object(f, rule_index) for f in result.findings])


def _document(results: list[dict[str, object]]) -> dict[str, object]:
    driver: dict[str, object] = {"name": TOOL, "version": __version__}
    if INFORMATION_URI is not None:
        driver["informationUri"] = INFORMATION_URI
    driver["rules"] = [rule(c) for c in ALL_CHECKS]
    # "results" stays the run's last member and the run the only one: the writer relies on it.
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SCHEMA, "version": SARIF_VERSION, "runs": [run]}


# The depth of the objects in runs[0].results.
_RESULT_LEVEL = 4


class Writer:
    """The document up to ``"results": [`` at once, each result as it arrives, the rest at ``close``."""

    def __init__(self, out: TextIO, *, color: bool = False) -> None:
        self.out = out
        self._rule_index = {c.name: i for i, c in enumerate(ALL_CHECKS)}
        empty = indented(_document([]))
        marker = '"results": []'
        cut = empty.index(marker) + len(marker) - 1
        self._tail = empty[cut + 1 :] + "\n"
        out.write(empty[:cut])
        self._results = Array(out.write, _RESULT_LEVEL - 1)

    def add(self, files: Sequence[FileResult], findings: Sequence[Finding]) -> None:
        for f in findings:
            self._results.add(result_object(f, self._rule_index))

    def close(self) -> None:
        self._results.close()
        self.out.write(self._tail)


def render(result: RunResult, *, color: bool = False) -> str:
    return render_with(Writer, result, color)
