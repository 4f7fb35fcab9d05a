"""The audit as one self-contained, print-friendly HTML page with inline SVG bar charts (no scripts)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from creditcheck.audit import Audit
from creditcheck.reporters.audit_report import USAGE_COLUMNS, license_rows, unknown_rows, usage_rows

_CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b;
  margin: 2em auto; max-width: 70em; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; margin-top: 1.6em; }
h3 { font-size: 1.05em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
th, td { border: 1px solid #d0d0d0; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.summary { display: flex; flex-wrap: wrap; gap: .6em; padding: 0; list-style: none; }
.summary li { border: 1px solid #ccc; border-radius: 4px; padding: .4em .8em; }
.summary b { display: block; font-size: 1.4em; }
.status-expired, .status-none, .status-suspended, .over { color: #a40000; font-weight: bold; }
.status-expiring, .status-not-started { color: #8a5a00; font-weight: bold; }
svg { max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
.charts { display: flex; flex-wrap: wrap; gap: 2em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  table, svg, figure { break-inside: avoid; }
  th { background: none; }
}
"""

_BAR = "#3465a4"
_BAR_OVER = "#cc0000"


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def bar_chart(
    chart_id: str, title: str, items: Sequence[tuple[str, int]], highlight: frozenset[str] = frozenset()
) -> str:
    """A horizontal bar chart as inline SVG; each bar carries its number as text and data attribute."""
    row, label_w, bar_w, pad = 22, 170, 360, 50
    height = max(1, len(items)) * row + 30
    width = label_w + bar_w + pad
    top = max((n for _, n in items), default=0) or 1
    parts = [
        f'<svg id="{_e(chart_id)}" class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{_e(chart_id)}-t">',
        f'<title id="{_e(chart_id)}-t">{_e(title)}</title>',
        f'<text x="0" y="14" font-weight="bold">{_e(title)}</text>',
    ]
    if not items:
        parts.append('<text x="0" y="40">nothing to show</text>')
    for i, (label, value) in enumerate(items):
        y = 24 + i * row
        w = round(bar_w * value / top)
        color = _BAR_OVER if label in highlight else _BAR
        parts.append(
            f'<g class="bar" data-label="{_e(label)}" data-value="{value}">'
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{_e(label)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{w}" height="{row - 6}" fill="{color}"/>'
            f'<text x="{label_w + w + 4}" y="{y + 14}">{value}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(columns: Sequence[str], rows: list[dict[str, object]], numeric: Sequence[str] = ()) -> str:
    if not rows:
        return "<p><em>None.</em></p>"
    head = "".join(f"<th{' class=num' if c in numeric else ''}>{_e(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for c in columns:
            value = row[c]
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            cls = "num" if c in numeric else (f"status-{value}" if c == "status" else "")
            if isinstance(value, bool):
                # Only the exception needs the reader's eye; "False" in every row is noise.
                cls, value = ("over", "over cap") if value else ("", "")
            cells.append(f'<td class="{cls}" data-col="{_e(c)}">{_e(value)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _list_section(title: str, items: list[str]) -> str:
    """A heading with the count, then the (already escaped) items as a list, or "None."."""
    body = "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else "<p><em>None.</em></p>"
    return f"<h2>{_e(title)} ({len(items)})</h2>{body}"


def render_html(audit: Audit, trend: Sequence[tuple[str, int]] = ()) -> str:
    """The whole report; ``trend`` is (period, errors) of past audits, oldest first, from the ledger."""
    s = audit.summary()
    label = audit.period_label
    tiles = [
        ("articles", "articles"),
        ("photos", "photo credits"),
        ("violations", "violations"),
        ("errors", "errors"),
        ("caps_exceeded", "caps exceeded"),
        ("unknown_sources", "unknown sources"),
        ("licenses_expiring", "licenses expiring"),
        ("undated", "undated files"),
        ("unreadable", "unreadable files"),
    ]
    if audit.compared:
        tiles += [("new", "new since last audit"), ("resolved", "resolved")]
    summary = "".join(f'<li data-key="{key}"><b>{_e(s[key])}</b>{_e(text)}</li>' for key, text in tiles)
    usage = usage_rows(audit)
    used = [u for u in usage if u["photos"] or u["cap"] is not None]
    over = frozenset(str(u["source"]) for u in usage if u["over_cap"])
    usage_chart = bar_chart(
        "chart-usage", "Photos by licensor", [(str(u["source"]), int(str(u["photos"]))) for u in used], over
    )
    checks = audit.by_check
    new = frozenset(audit.new)  # looked up once per violation row
    check_chart = bar_chart(
        "chart-violations", "Violations by check", [(c, len(v)) for c, v in checks.items()]
    )
    trend_chart = bar_chart("chart-trend", "Errors per audit", list(trend))

    sections = [
        "<h2>Usage per licensor</h2>" + _table(USAGE_COLUMNS, used, ("articles", "photos", "cap")),
        "<h2>Violations</h2>",
    ]
    if not audit.violations:
        sections.append("<p><em>None.</em></p>")
    for check, items in checks.items():
        rows: list[dict[str, object]] = [
            {
                "file": f"{v.finding.path}:{v.finding.span.line}",
                "title": v.title,
                "date": v.date.isoformat() if v.date else None,
                "source": v.finding.source,
                "severity": v.finding.severity.label,
                "message": v.finding.message,
                "new": "new" if v.fingerprint in new else "",
            }
            for v in items
        ]
        columns: tuple[str, ...] = ("file", "title", "date", "source", "severity", "message")
        if audit.compared:
            columns = (*columns, "new")
        sections.append(f'<h3 id="check-{_e(check)}">{_e(check)} ({len(items)})</h3>{_table(columns, rows)}')
    by_source = [{"source": k or "(none)", "violations": len(v)} for k, v in audit.by_source.items()]
    sections.append(f"<h3>By source</h3>{_table(('source', 'violations'), by_source, ('violations',))}")
    sections.append(
        f"<h2>Licenses at {audit.end.isoformat()}</h2>"
        + _table(("source", "name", "status", "from", "until", "agreement", "via"), license_rows(audit))
    )
    sections.append(
        "<h2>Unknown sources</h2>" + _table(("name", "count", "examples"), unknown_rows(audit), ("count",))
    )
    if audit.compared:
        resolved = [f"<code>{_e(f)}</code>" for f in audit.resolved]
        sections.append(_list_section("Resolved since the previous audit", resolved))
    sections.append(_list_section("Undated files", [_e(p) for p in audit.undated]))
    unreadable = [f"{_e(p)}: {_e(reason)}" for p, reason in audit.unreadable]
    sections.append(_list_section("Unreadable files", unreadable))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Credit audit {_e(label)}</title><style>{_CSS}</style></head><body>"
        f"<h1>Credit audit {_e(label)}</h1>"
        f"<p>Articles published {audit.start.isoformat()} to {audit.end.isoformat()}; "
        f"licenses expiring within {audit.expiring_days} days of the period's end are flagged; "
        f"rules digest <code>{_e(audit.rules_digest)}</code>.</p>"
        f'<ul class="summary">{summary}</ul>'
        f'<div class="charts">{usage_chart}{check_chart}{trend_chart}</div>'
        + "".join(sections)
        + "</body></html>\n"
    )
