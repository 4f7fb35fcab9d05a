"""The audit as JSON (a public contract), Markdown for tickets, and one CSV file per table."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from creditcheck.atomic import write_atomic
from creditcheck.audit import (
    VERSION,
    Audit,
    Change,
    Cost,
    LicenseStatus,
    MonthCost,
    MonthUsage,
    Trail,
    UnknownSource,
    Usage,
    UsageItem,
    Violation,
)
from creditcheck.model import Finding, Severity, Span
from creditcheck.reporters.csv_report import COLUMNS as FINDING_COLUMNS
from creditcheck.reporters.csv_report import csv_row
from creditcheck.safetext import csv_cell, markdown

USAGE_COLUMNS = ("source", "name", "articles", "photos", "stories", "cap", "story_cap", "over_cap")
# A finding's columns as in the check CSV, then what the audit knows of its article.
VIOLATION_COLUMNS = (*FINDING_COLUMNS, "title", "date", "fingerprint")
LICENSE_COLUMNS = (
    "source",
    "name",
    "status",
    "from",
    "until",
    "agreement",
    "via",
    "effective_until",
    "renewal_notice_days",
    "renewal_deadline",
    "renewal",
    "contact",
)
UNKNOWN_COLUMNS = ("name", "count", "photos", "stories", "examples", "spellings")
ITEM_COLUMNS = (
    "source",
    "kind",
    "month",
    "date",
    "path",
    "line",
    "title",
    "url",
    "text",
    "photographer",
    "image",
    "image_id",
    "reused",
)
COST_COLUMNS = (
    "source",
    "name",
    "month",
    "photos",
    "stories",
    "photos_over",
    "stories_over",
    "currency",
    "cost",
)
CHANGE_COLUMNS = ("change", "path", "line", "check", "severity", "text", "message", "fingerprint")
CSV_FILES = (
    "usage.csv",
    "usage_items.csv",
    "violations.csv",
    "licenses.csv",
    "costs.csv",
    "changes.csv",
    "unknown.csv",
    "trail.csv",
)


def _iso(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _money(value: decimal.Decimal | None) -> int | float | None:
    """An amount as a JSON number (exact for the cents a contract writes)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def month_rows(u: Usage) -> list[dict[str, object]]:
    return [
        {
            "month": m.month,
            "articles": m.articles,
            "photos": m.photos,
            "stories": m.stories,
            "photos_over": m.photos_over,
            "stories_over": m.stories_over,
            "over_cap": m.over_cap,
        }
        for m in u.months
    ]


def usage_rows(audit: Audit) -> list[dict[str, object]]:
    return [
        {
            "source": u.source,
            "name": u.name,
            "articles": u.articles,
            "photos": u.photos,
            "stories": u.stories,
            "cap": u.cap,
            "story_cap": u.story_cap,
            "over_cap": u.over_cap,
            "months": month_rows(u),
        }
        for u in audit.usage
    ]


def shown_usage(audit: Audit) -> list[Usage]:
    """The licensors a person needs to see: those used in the period, or with a cap to watch."""
    return [u for u in audit.usage if u.used or u.cap is not None or u.story_cap is not None]


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
            "renewal_notice_days": lic.renewal_notice_days,
            "renewal_deadline": _iso(lic.renewal_deadline),
            "renewal": lic.renewal,
            "contact": lic.contact,
        }
        for lic in audit.licenses
    ]


def unknown_rows(audit: Audit) -> list[dict[str, object]]:
    return [
        {
            "name": u.name,
            "count": u.count,
            "photos": u.photos,
            "stories": u.stories,
            "examples": list(u.examples),
            "spellings": list(u.spellings),
        }
        for u in audit.unknown
    ]


def item_rows(audit: Audit) -> list[dict[str, object]]:
    return [
        {
            "source": i.source,
            "kind": i.kind,
            "month": i.month,
            "date": i.date.isoformat(),
            "path": i.path,
            "line": i.line,
            "title": i.title,
            "url": i.url,
            "text": i.text,
            "photographer": i.photographer,
            "image": i.image,
            "image_id": i.image_id,
            "reused": i.reused,
        }
        for i in audit.items
    ]


def cost_rows(audit: Audit) -> list[dict[str, object]]:
    return [
        {
            "source": c.source,
            "name": c.name,
            "currency": c.currency,
            "rates": {
                "photo": _money(c.photo_rate),
                "story": _money(c.story_rate),
                "overage": _money(c.overage_rate),
            },
            "months": [
                {
                    "month": m.month,
                    "photos": m.photos,
                    "stories": m.stories,
                    "photos_over": m.photos_over,
                    "stories_over": m.stories_over,
                    "cost": _money(m.amount),
                }
                for m in c.months
            ],
            "total": _money(c.total),
        }
        for c in audit.costs
    ]


def change_json(c: Change) -> dict[str, object]:
    return {
        "path": c.path,
        "line": c.line,
        "check": c.check,
        "severity": c.severity,
        "text": c.text,
        "message": c.message,
        "fingerprint": c.fingerprint,
    }


def trail_json(audit: Audit) -> dict[str, object]:
    t = audit.trail
    return {
        "generated": t.generated.isoformat(),
        "run": t.run,
        "period": audit.period_label,
        "rules_digest": audit.rules_digest,
        "creditcheck_version": t.version,
        "previous_run": t.previous_run,
        "previous_period_run": t.previous_period_run,
        "superseded_by": t.superseded_by,
        "expiring_days": audit.expiring_days,
    }


def audit_json(audit: Audit) -> dict[str, object]:
    """The audit as the documented JSON object (docs/audit.md)."""
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
        "trail": trail_json(audit),
        "new_items": [change_json(c) for c in audit.new_items],
        "resolved_items": [change_json(c) for c in audit.resolved_items],
        "costs": cost_rows(audit),
        "usage_items": item_rows(audit),
    }


def render_json(audit: Audit) -> str:
    return json.dumps(audit_json(audit), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# Back from JSON: `audit show RUN` renders a recorded report in any format without rescanning.


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _amount(value: Any) -> decimal.Decimal | None:
    return None if value is None else decimal.Decimal(str(value))


def _change(d: dict[str, Any]) -> Change:
    return Change(d["fingerprint"], d["path"], d["line"], d["check"], d["severity"], d["text"], d["message"])


def _violation(d: dict[str, Any]) -> Violation:
    span = Span(d["line"], d["column"], d["end_line"], d["end_column"])
    finding = Finding(
        d["path"],
        span,
        d["check"],
        d["code"],
        Severity.parse(d["severity"]),
        d["message"],
        d["text"],
        d["fix"],
        d["source"],
    )
    return Violation(finding, d["title"], _date(d["date"]), d["fingerprint"])


def audit_from_json(data: dict[str, Any]) -> Audit:
    """The audit a JSON report describes (the inverse of ``audit_json``)."""
    summary, trail = data["summary"], data["trail"]
    usage = tuple(
        Usage(
            u["source"],
            u["name"],
            u["articles"],
            u["photos"],
            u["cap"],
            tuple(
                MonthUsage(
                    m["month"], m["articles"], m["photos"], m["stories"], m["photos_over"], m["stories_over"]
                )
                for m in u["months"]
            ),
            u["stories"],
            u["story_cap"],
        )
        for u in data["usage"]
    )
    licenses = tuple(
        LicenseStatus(
            lic["source"],
            lic["name"],
            lic["status"],
            _date(lic["from"]),
            _date(lic["until"]),
            lic["agreement"],
            lic["via"],
            _date(lic["effective_until"]),
            lic["contact"],
            lic["renewal_notice_days"],
            _date(lic["renewal_deadline"]),
            lic["renewal"],
        )
        for lic in data["licenses"]
    )
    unknown = tuple(
        UnknownSource(
            u["name"], u["count"], tuple(u["examples"]), u["photos"], u["stories"], tuple(u["spellings"])
        )
        for u in data["unknown"]
    )
    items = tuple(
        UsageItem(
            i["source"],
            i["kind"],
            i["path"],
            i["line"],
            i["title"],
            dt.date.fromisoformat(i["date"]),
            i["url"],
            i["text"],
            i["photographer"],
            i["image"],
            i["image_id"],
            i["reused"],
        )
        for i in data["usage_items"]
    )
    costs = tuple(
        Cost(
            c["source"],
            c["name"],
            c["currency"],
            _amount(c["rates"]["photo"]),
            _amount(c["rates"]["story"]),
            _amount(c["rates"]["overage"]),
            tuple(
                MonthCost(
                    m["month"],
                    m["photos"],
                    m["stories"],
                    m["photos_over"],
                    m["stories_over"],
                    decimal.Decimal(str(m["cost"])),
                )
                for m in c["months"]
            ),
        )
        for c in data["costs"]
    )
    articles = ("",) * int(summary["articles"])  # the count is what the reports show
    return Audit(
        start=dt.date.fromisoformat(data["period"]["from"]),
        end=dt.date.fromisoformat(data["period"]["to"]),
        expiring_days=int(trail["expiring_days"]),
        rules_digest=summary["rules_digest"],
        files=summary["files"],
        articles=articles,
        outside=summary["outside_period"],
        photos=summary["photos"],
        usage=usage,
        violations=tuple(_violation(v) for v in data["violations"]),
        licenses=licenses,
        unknown=unknown,
        undated=tuple(data["undated"]),
        unreadable=tuple((u["path"], u["message"]) for u in data["unreadable"]),
        new_items=tuple(_change(c) for c in data["new_items"]),
        resolved_items=tuple(_change(c) for c in data["resolved_items"]),
        compared=summary["compared_with_previous"],
        trail=Trail(
            dt.datetime.fromisoformat(trail["generated"]),
            trail["creditcheck_version"],
            trail["run"],
            trail["previous_run"],
            trail["previous_period_run"],
            trail["superseded_by"],
        ),
        stories=summary["stories"],
        items=items,
        costs=costs,
        compared_same_period=summary["compared_with_same_period"],
    )


# ---------------------------------------------------------------------------------------------
# Text formats


def summary_line(audit: Audit) -> str:
    """The one line ``creditcheck audit`` ends with on standard error."""
    s = audit.summary()
    return (
        f"audit {audit.start.isoformat()}..{audit.end.isoformat()}: {_n(s['articles'], 'article')}, "
        f"{_n(s['photos'], 'photo')}, {_n(s['stories'], 'story')}, {_n(s['violations'], 'violation')}, "
        f"{s['undated']} undated, {s['unreadable']} unreadable, {s['new']} new, {s['resolved']} resolved"
    )


def trail_line(audit: Audit) -> str:
    """Who made the report from what, in one sentence every text format carries."""
    t = audit.trail
    run = f"ledger run #{t.run}" if t.run is not None else "not recorded in a ledger"
    line = (
        f"Generated {t.generated.isoformat()} by creditcheck {t.version}; {run}; period "
        f"{audit.start.isoformat()} to {audit.end.isoformat()}; rules digest {audit.rules_digest}."
    )
    if t.superseded_by is not None:
        line += f" Superseded by run #{t.superseded_by}."
    return line


def _n(count: object, noun: str) -> str:
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _md(value: object) -> str:
    # Markdown punctuation, a pipe (which would end the cell), HTML and line breaks are shown as
    # written: an article title of `</title><script>` stays text.
    return markdown(_cell(value))


def _md_table(columns: Sequence[str], rows: list[dict[str, object]]) -> list[str]:
    if not rows:
        return ["_None._", ""]
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    out.extend("| " + " | ".join(_md(row[c]) for c in columns) + " |" for row in rows)
    out.append("")
    return out


def usage_table(audit: Audit) -> tuple[list[str], list[dict[str, object]]]:
    """The usage table as people read it: totals, then each month's figures when there are several."""
    columns = ["source", "articles", "photos", "stories", "cap", "story_cap", "over_cap"]
    months = audit.months if len(audit.months) > 1 else []
    for m in months:
        columns += [f"photos {m}", f"stories {m}"]
    rows: list[dict[str, object]] = []
    for u in shown_usage(audit):
        row: dict[str, object] = {
            "source": u.source,
            "articles": u.articles,
            "photos": u.photos,
            "stories": u.stories,
            "cap": u.cap,
            "story_cap": u.story_cap,
            "over_cap": u.over_cap,
        }
        for mu in u.months if months else ():
            # An overage is marked in the cell itself, month by month.
            row[f"photos {mu.month}"] = (
                f"{mu.photos} (+{mu.photos_over} over)" if mu.photos_over else mu.photos
            )
            row[f"stories {mu.month}"] = (
                f"{mu.stories} (+{mu.stories_over} over)" if mu.stories_over else mu.stories
            )
        rows.append(row)
    return columns, rows


def cost_table(audit: Audit) -> tuple[list[str], list[dict[str, object]]]:
    months = audit.months
    columns = ["source", "currency", *(months if len(months) > 1 else []), "total"]
    rows: list[dict[str, object]] = []
    for c in audit.costs:
        row: dict[str, object] = {"source": c.source, "currency": c.currency, "total": f"{c.total:.2f}"}
        for m in c.months:
            row[m.month] = f"{m.amount:.2f}"
        rows.append(row)
    return columns, rows


def change_rows(changes: Sequence[Change]) -> list[dict[str, object]]:
    return [
        {
            "file": f"{c.path}:{c.line}" if c.line else c.path,
            "check": c.check,
            "text": c.text or c.message,
            "message": c.message,
        }
        for c in changes
    ]


def render_markdown(audit: Audit) -> str:
    s = audit.summary()
    lines = [
        f"# Credit audit {audit.period_label}",
        "",
        f"_{trail_line(audit)}_",
        "",
        f"{_n(s['articles'], 'article')} with {_n(s['photos'], 'photo credit')} and "
        f"{_n(s['stories'], 'story')} from licensed or unknown sources published "
        f"{audit.start.isoformat()} to {audit.end.isoformat()}; {s['violations']} violations "
        f"({s['errors']} errors, {s['warnings']} warnings); {s['undated']} undated files; "
        f"{s['unreadable']} unreadable files; "
        f"{s['caps_exceeded']} caps exceeded.",
        "",
    ]
    if audit.compared:
        lines += [f"New this period: {s['new']}.", ""]
    if audit.compared_same_period:
        lines += [f"Resolved since run #{audit.trail.previous_run}: {s['resolved']}.", ""]
    lines += ["## Usage per licensor", ""]
    columns, rows = usage_table(audit)
    lines += _md_table(columns, rows)
    lines += ["## Licenses and renewals", ""]
    lines += _md_table(
        ("source", "status", "until", "effective_until", "renewal_deadline", "agreement", "via", "contact"),
        license_rows(audit),
    )
    lines += ["## Estimated costs", ""]
    columns, rows = cost_table(audit)
    lines += _md_table(columns, rows)
    if audit.compared:
        lines += ["## New this period", ""]
        lines += _md_table(("file", "check", "text"), change_rows(audit.new_items))
    if audit.compared_same_period:
        lines += ["## Resolved since the last run", ""]
        lines += _md_table(("file", "check", "text"), change_rows(audit.resolved_items))
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
    lines += ["## Unknown sources", ""]
    lines += _md_table(("name", "count", "photos", "stories", "examples", "spellings"), unknown_rows(audit))
    lines += ["## Undated files", ""]
    lines += [f"- {p}" for p in audit.undated] or ["_None._"]
    lines += ["", "## Unreadable files", ""]
    lines += [f"- {_md(p)}: {_md(reason)}" for p, reason in audit.unreadable] or ["_None._"]
    lines.append("")
    return "\n".join(lines)


def _csv(columns: Sequence[str], rows: list[dict[str, object]]) -> str:
    return "".join([csv_row(columns), *(csv_row([_csv_cell(row.get(c)) for c in columns]) for row in rows)])


def _csv_cell(value: object) -> str:
    # Text that came from articles or rule files is neutralised for spreadsheets (OWASP's
    # CSV-injection guidance); numbers, dates and amounts creditcheck computed stay as they are.
    if isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return csv_cell(_cell(value))
    return _cell(value)


def _usage_csv(audit: Audit) -> str:
    """One row per licensor: totals, then (for several months) each month's figures and judgement."""
    months = audit.months if len(audit.months) > 1 else []
    columns = list(USAGE_COLUMNS)
    for m in months:
        columns += [f"articles {m}", f"photos {m}", f"stories {m}", f"over_cap {m}"]
    rows: list[dict[str, object]] = []
    for u in audit.usage:
        row: dict[str, object] = {
            "source": u.source,
            "name": u.name,
            "articles": u.articles,
            "photos": u.photos,
            "stories": u.stories,
            "cap": u.cap,
            "story_cap": u.story_cap,
            "over_cap": u.over_cap,
        }
        for mu in u.months if months else ():
            row[f"articles {mu.month}"] = mu.articles
            row[f"photos {mu.month}"] = mu.photos
            row[f"stories {mu.month}"] = mu.stories
            row[f"over_cap {mu.month}"] = mu.over_cap
        rows.append(row)
    return _csv(columns, rows)


def _costs_csv(audit: Audit) -> str:
    """One row per licensor and month, then the licensor's total (month ``total``)."""
    rows: list[dict[str, object]] = []
    for c in audit.costs:
        for m in c.months:
            rows.append(
                {
                    "source": c.source,
                    "name": c.name,
                    "month": m.month,
                    "photos": m.photos,
                    "stories": m.stories,
                    "photos_over": m.photos_over,
                    "stories_over": m.stories_over,
                    "currency": c.currency,
                    "cost": f"{m.amount:.2f}",
                }
            )
        rows.append(
            {
                "source": c.source,
                "name": c.name,
                "month": "total",
                "photos": sum(m.photos for m in c.months),
                "stories": sum(m.stories for m in c.months),
                "photos_over": sum(m.photos_over for m in c.months),
                "stories_over": sum(m.stories_over for m in c.months),
                "currency": c.currency,
                "cost": f"{c.total:.2f}",
            }
        )
    return _csv(COST_COLUMNS, rows)


def _changes_csv(audit: Audit) -> str:
    rows = [{"change": "new", **change_json(c)} for c in audit.new_items]
    rows += [{"change": "resolved", **change_json(c)} for c in audit.resolved_items]
    return _csv(CHANGE_COLUMNS, rows)


def _trail_csv(audit: Audit) -> str:
    t = trail_json(audit)
    rows = [{"key": k, "value": v} for k, v in t.items()]
    rows.insert(2, {"key": "period_from", "value": audit.start.isoformat()})
    rows.insert(3, {"key": "period_to", "value": audit.end.isoformat()})
    return _csv(("key", "value"), rows)


def csv_tables(audit: Audit) -> dict[str, str]:
    """File name to CSV text, one per table."""
    violations: list[dict[str, object]] = [v.to_json() for v in audit.violations]
    tables = {
        "usage.csv": _usage_csv(audit),
        "usage_items.csv": _csv(ITEM_COLUMNS, item_rows(audit)),
        "violations.csv": _csv(VIOLATION_COLUMNS, violations),
        "licenses.csv": _csv(LICENSE_COLUMNS, license_rows(audit)),
        "costs.csv": _costs_csv(audit),
        "changes.csv": _changes_csv(audit),
        "unknown.csv": _csv(UNKNOWN_COLUMNS, unknown_rows(audit)),
        "trail.csv": _trail_csv(audit),
    }
    assert tuple(tables) == CSV_FILES
    return tables


def write_csv(audit: Audit, folder: str | os.PathLike[str]) -> list[Path]:
    """Write every table as a CSV file into ``folder``.

    Each file is replaced atomically; the folder is created when missing.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, text in csv_tables(audit).items():
        write_atomic(target / name, text)
        written.append(target / name)
    return written
