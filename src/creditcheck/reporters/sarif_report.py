"""SARIF 2.1.0 for code-scanning services: one run, every check as a rule, one result per finding."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from creditcheck import __version__
from creditcheck.baseline import fingerprint
from creditcheck.checks import ALL_CHECKS, Check
from creditcheck.model import Finding, RunResult, Severity, Span

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
    driver: dict[str, object] = {"name": TOOL, "version": __version__}
    if INFORMATION_URI is not None:
        driver["informationUri"] = INFORMATION_URI
    driver["rules"] = [rule(c) for c in ALL_CHECKS]
    rule_index = {c.name: i for i, c in enumerate(ALL_CHECKS)}
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [result_object(f, rule_index) for f in result.findings],
    }
    return {"$schema": SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(result: RunResult, *, color: bool = False) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
