"""The audit as JSON (a public contract), Markdown for tickets, and one CSV file per table."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from creditcheck.atomic import write_atomic
from creditcheck.audit import VERSION, Audit
from creditcheck.reporters.csv_report import COLUMNS as FINDING_COLUMNS
from creditcheck.reporters.csv_report import csv_row

USAGE_COLUMNS = ("source", "name", "articles", "photos", "cap", "over_cap")
# A finding's columns as in the check CSV, then what the audit knows of its article.
VIOLATION_COLUMNS = (*FINDING_COLUMNS, "title", "date", "fingerprint")
LICENSE_COLUMNS = ("source", "name", "status", "from", "until", "agreement", "via", "effective_until")
UNKNOWN_COLUMNS = ("name", "count", "examples")
CSV_FILES = ("usage.csv", "violations.csv", "licenses.csv", "unknown.csv")


def _iso(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def usage_rows(audit: Audit) -> list[dict[str, object]]:
    return [
        {
            "source": u.source,
            "name": u.name,
            "articles": u.articles,
            "photos": u.photos,
            "cap": u.cap,
            "over_cap": u.over_cap,
        }
        for u in audit.usage
    ]


def license_rows(audit: Audit) -> list[dict[str, object]]:
    return [
        {
            "source": lic.source,
            "name": lic.name,
            "status": lic.status,
            "from": _iso(lic.start),
            "until": _iso(lic.until),
            "agreement": lic.agreement,
            "via": lic.via,
            "effective_until": _iso(lic.effective_until),
        }
        for lic in audit.licenses
    ]


def unknown_rows(audit: Audit) -> list[dict[str, object]]:
    return [{"name": u.name, "count": u.count, "examples": list(u.examples)} for u in audit.unknown]


def audit_json(audit: Audit) -> dict[str, object]:
    """The audit as the documented JSON object (docs/output.md)."""
    return {
        "version": VERSION,
        "period": {"from": audit.start.isoformat(), "to": audit.end.isoformat()},
        "summary": audit.summary(),
        "usage": usage_rows(audit),
        "violations": [v.to_json() for v in audit.violations],
        "licenses": license_rows(audit),
        "unknown": unknown_rows(audit),
        "undated": list(audit.undated),
        "unreadable": [{"path": path, "message": reason} for path, reason in audit.unreadable],
        "new": list(audit.new),
        "resolved": list(audit.resolved),
    }


def render_json(audit: Audit) -> str:
    return json.dumps(audit_json(audit), indent=2, ensure_ascii=False) + "\n"


def summary_line(audit: Audit) -> str:
    """The one line ``creditcheck audit`` ends with on standard error."""
    s = audit.summary()
    return (
        f"audit {audit.start.isoformat()}..{audit.end.isoformat()}: {_n(s['articles'], 'article')}, "
        f"{_n(s['photos'], 'photo')}, {_n(s['violations'], 'violation')}, {s['undated']} undated, "
        f"{s['unreadable']} unreadable, {s['new']} new, {s['resolved']} resolved"
    )


def _n(count: object, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _md(value: object) -> str:
    # A pipe would end the cell and a line break the row.
    return _cell(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def _md_table(columns: Sequence[str], rows: list[dict[str, object]]) -> list[str]:
    if not rows:
        return ["_None._", ""]
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    out.extend("| " + " | ".join(_md(row[c]) for c in columns) + " |" for row in rows)
    out.append("")
    return out


def render_markdown(audit: Audit) -> str:
    s = audit.summary()
    lines = [
        f"# Credit audit {audit.period_label}",
        "",
        f"{_n(s['articles'], 'article')} with {_n(s['photos'], 'photo credit')} published "
        f"{audit.start.isoformat()} to {audit.end.isoformat()}; {s['violations']} violations "
        f"({s['errors']} errors, {s['warnings']} warnings); {s['undated']} undated files; "
        f"{s['unreadable']} unreadable files; "
        f"{s['caps_exceeded']} caps exceeded.",
        "",
    ]
    if audit.compared:
        lines += [f"Since the previous audit: {s['new']} new, {s['resolved']} resolved.", ""]
    lines += ["## Usage per licensor", ""]
    used = [r for r in usage_rows(audit) if r["photos"] or r["cap"] is not None]
    lines += _md_table(("source", "articles", "photos", "cap", "over_cap"), used)
    lines += ["## Violations by check", ""]
    for check, items in audit.by_check.items():
        lines += [f"### {check} ({len(items)})", ""]
        rows = [
            {
                "file": f"{v.finding.path}:{v.finding.span.line}",
                "title": v.title,
                "date": _iso(v.date),
                "source": v.finding.source,
                "message": v.finding.message,
            }
            for v in items
        ]
        lines += _md_table(("file", "title", "date", "source", "message"), rows)
    if not audit.violations:
        lines += ["_None._", ""]
    lines += ["## Violations by source", ""]
    by_source = [{"source": k or "(none)", "violations": len(v)} for k, v in audit.by_source.items()]
    lines += _md_table(("source", "violations"), by_source)
    lines += ["## Licenses", ""]
    lines += _md_table(("source", "status", "from", "until", "agreement", "via"), license_rows(audit))
    lines += ["## Unknown sources", ""]
    lines += _md_table(UNKNOWN_COLUMNS, unknown_rows(audit))
    lines += ["## Undated files", ""]
    lines += [f"- {p}" for p in audit.undated] or ["_None._"]
    lines += ["", "## Unreadable files", ""]
    lines += [f"- {_md(p)}: {_md(reason)}" for p, reason in audit.unreadable] or ["_None._"]
    lines.append("")
    return "\n".join(lines)


def _csv(columns: Sequence[str], rows: list[dict[str, object]]) -> str:
    return "".join([csv_row(columns), *(csv_row([_cell(row[c]) for c in columns]) for row in rows)])


def csv_tables(audit: Audit) -> dict[str, str]:
    """File name to CSV text, one per table."""
    violations: list[dict[str, object]] = [v.to_json() for v in audit.violations]
    return {
        "usage.csv": _csv(USAGE_COLUMNS, usage_rows(audit)),
        "violations.csv": _csv(VIOLATION_COLUMNS, violations),
        "licenses.csv": _csv(LICENSE_COLUMNS, license_rows(audit)),
        "unknown.csv": _csv(UNKNOWN_COLUMNS, unknown_rows(audit)),
    }


def write_csv(audit: Audit, folder: str | os.PathLike[str]) -> list[Path]:
    """Write usage, violations, licenses and unknown sources as CSV files into ``folder``.

    Each file is replaced atomically; the folder is created when missing.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, text in csv_tables(audit).items():
        write_atomic(target / name, text)
        written.append(target / name)
    return written
