"""The audit as one self-contained, print-friendly HTML page with inline SVG bar charts (no scripts)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from creditcheck.audit import Audit, Change, period_kind
from creditcheck.reporters.audit_report import (
    change_rows,
    cost_table,
    license_rows,
    shown_usage,
    trail_line,
    unknown_rows,
    usage_table,
)

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
.status-expiring, .status-not-started, .renewal-due { color: #8a5a00; font-weight: bold; }
.renewal-passed { color: #a40000; font-weight: bold; }
.trail { color: #555; font-size: .9em; }
nav.toc ol { columns: 2; margin: .3em 0; }
nav.toc h2 { border: none; }
svg { max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
.charts { display: flex; flex-wrap: wrap; gap: 2em; }
@media print {
  @page { margin: 12mm; }
  body { margin: 0; max-width: none; font-size: 9.5pt; }
  h1 { margin-top: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  /* A short table stays with its heading; a long one may run on, but no row is cut. */
  section.keep, svg, figure, nav.toc { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; }
  /* A long path may break anywhere; names and dates only between words. */
  td[data-col="file"] { overflow-wrap: anywhere; }
  a { color: inherit; text-decoration: none; }
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


def _table(
    columns: Sequence[str],
    rows: list[dict[str, object]],
    numeric: Sequence[str] = (),
    mark: Callable[[str, dict[str, object]], str] | None = None,
) -> str:
    """A table; ``mark(column, row)`` may name a class that draws the eye to a cell."""
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
            extra = mark(c, row) if mark is not None else ""
            cls = f"{cls} {extra}".strip() if extra else cls
            cells.append(f'<td class="{cls}" data-col="{_e(c)}">{_e(value)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _list_section(title: str, items: list[str], anchor: str) -> str:
    """A heading with the count, then the (already escaped) items as a list, or "None."."""
    body = "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else "<p><em>None.</em></p>"
    return f'<section class="keep"><h2 id="{anchor}">{_e(title)} ({len(items)})</h2>{body}</section>'


def _section(anchor: str, title: str, body: str, keep: bool = True) -> str:
    """A heading and what it heads; ``keep`` asks the printer not to split them across pages."""
    cls = ' class="keep"' if keep else ""
    return f'<section{cls}><h2 id="{anchor}">{_e(title)}</h2>{body}</section>'


def _usage_table(audit: Audit) -> str:
    columns, rows = usage_table(audit)
    numeric = [c for c in columns if c not in ("source", "over_cap")]

    # A month over its cap is marked where its number is, not only in the total's column.
    def mark(column: str, row: dict[str, object]) -> str:
        value = row[column]
        return "over" if isinstance(value, str) and value.endswith(" over)") else ""

    return _table(columns, rows, numeric, mark)


def _licenses_table(audit: Audit) -> str:
    columns = (
        "source",
        "name",
        "status",
        "until",
        "effective_until",
        "renewal_deadline",
        "agreement",
        "via",
        "contact",
    )
    rows = [
        {**row, "renewal_deadline": f"{row['renewal_deadline']} ({row['renewal']})"}
        if row["renewal"] is not None and row["renewal_deadline"] is not None
        else row
        for row in license_rows(audit)
    ]

    def mark(column: str, row: dict[str, object]) -> str:
        return f"renewal-{row['renewal']}" if column == "renewal_deadline" and row["renewal"] else ""

    return _table(columns, rows, (), mark)


def _changes_table(changes: Sequence[Change]) -> str:
    return _table(("file", "check", "text", "message"), change_rows(changes))


def render_html(audit: Audit, trend: Sequence[tuple[str, int]] = ()) -> str:
    """The whole report; ``trend`` is (period, errors) of past audits, oldest first, from the ledger.

    What a licensing manager signs comes first (summary, usage and caps, licenses and renewals,
    costs), then the charts and what changed, then the violations grouped by check behind a
    table of contents, so that a printed report has the contract figures on its first pages.
    """
    s = audit.summary()
    label = audit.period_label
    tiles = [
        ("articles", "articles"),
        ("photos", "photo credits"),
        ("stories", "stories"),
        ("violations", "violations"),
        ("errors", "errors"),
        ("caps_exceeded", "caps exceeded"),
        ("unknown_sources", "unknown sources"),
        ("licenses_expiring", "licenses expiring"),
        ("renewals_due", "renewals due"),
        ("undated", "undated files"),
        ("unreadable", "unreadable files"),
    ]
    if audit.compared:
        tiles.append(("new", "new this period"))
    if audit.compared_same_period:
        tiles.append(("resolved", "resolved since last run"))
    summary = "".join(f'<li data-key="{key}"><b>{_e(s[key])}</b>{_e(text)}</li>' for key, text in tiles)
    used = shown_usage(audit)
    over = frozenset(u.source for u in used if u.over_cap)
    usage_chart = bar_chart("chart-usage", "Photos by licensor", [(u.source, u.photos) for u in used], over)
    checks = audit.by_check
    new = frozenset(audit.new)  # looked up once per violation row
    check_chart = bar_chart(
        "chart-violations", "Violations by check", [(c, len(v)) for c, v in checks.items()]
    )
    trend_chart = bar_chart(
        "chart-trend", f"Errors per audit ({period_kind(audit.start, audit.end)})", list(trend)
    )

    toc = [
        ("usage", "Usage per licensor"),
        ("licenses", "Licenses and renewals"),
        ("costs", "Estimated costs"),
        ("charts", "Charts"),
    ]
    if audit.compared or audit.compared_same_period:
        toc.append(("changes", "New and resolved"))
    toc.append(("violations", f"Violations ({len(audit.violations)})"))
    sub = "".join(f'<li><a href="#check-{_e(c)}">{_e(c)} ({len(v)})</a></li>' for c, v in checks.items())
    toc += [
        ("by-source", "Violations by source"),
        ("unknown", "Unknown sources"),
        ("files", "Undated and unreadable files"),
    ]
    toc_html = "".join(
        f'<li><a href="#{a}">{_e(t)}</a>' + (f"<ul>{sub}</ul>" if a == "violations" and sub else "") + "</li>"
        for a, t in toc
    )

    cost_columns, cost_rows = cost_table(audit)
    costs_body = (
        _table(cost_columns, cost_rows, [c for c in cost_columns if c not in ("source", "currency")])
        if cost_rows
        else "<p><em>No rule sets rates (contract.rates).</em></p>"
    )
    sections = [
        _section("usage", "Usage per licensor", _usage_table(audit)),
        _section("licenses", f"Licenses and renewals at {audit.end.isoformat()}", _licenses_table(audit)),
        _section("costs", "Estimated costs", costs_body),
        _section("charts", "Charts", f'<div class="charts">{usage_chart}{check_chart}{trend_chart}</div>'),
    ]
    if audit.compared or audit.compared_same_period:
        parts = []
        if audit.compared:
            run = audit.trail.previous_period_run
            parts.append(
                f"<h3>New this period ({len(audit.new_items)}, not in run #{run})</h3>"
                + _changes_table(audit.new_items)
            )
        if audit.compared_same_period:
            run = audit.trail.previous_run
            parts.append(
                f"<h3>Resolved since run #{run} ({len(audit.resolved_items)})</h3>"
                + _changes_table(audit.resolved_items)
            )
        sections.append(_section("changes", "New and resolved", "".join(parts), keep=False))
    violations = [f'<h2 id="violations">Violations ({len(audit.violations)})</h2>']
    if not audit.violations:
        violations.append("<p><em>None.</em></p>")
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
        violations.append(
            f'<h3 id="check-{_e(check)}">{_e(check)} ({len(items)})</h3>{_table(columns, rows)}'
        )
    sections.append("<section>" + "".join(violations) + "</section>")
    by_source = [{"source": k or "(none)", "violations": len(v)} for k, v in audit.by_source.items()]
    sections.append(
        _section(
            "by-source", "Violations by source", _table(("source", "violations"), by_source, ("violations",))
        )
    )
    sections.append(
        _section(
            "unknown",
            "Unknown sources",
            _table(
                ("name", "count", "photos", "stories", "examples", "spellings"),
                unknown_rows(audit),
                ("count", "photos", "stories"),
            ),
            keep=False,
        )
    )
    sections.append(_list_section("Undated files", [_e(p) for p in audit.undated], "files"))
    unreadable = [f"{_e(p)}: {_e(reason)}" for p, reason in audit.unreadable]
    sections.append(_list_section("Unreadable files", unreadable, "unreadable"))
    trail = _e(trail_line(audit))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Credit audit {_e(label)}</title><style>{_CSS}</style></head><body>"
        f"<h1>Credit audit {_e(label)}</h1>"
        f'<p class="trail">{trail}</p>'
        f"<p>Articles published {audit.start.isoformat()} to {audit.end.isoformat()}; "
        f"licenses ending, and renewal deadlines falling, within {audit.expiring_days} days of the "
        "period's end are flagged.</p>"
        f'<ul class="summary">{summary}</ul>'
        f'<nav class="toc"><h2>Contents</h2><ol>{toc_html}</ol></nav>'
        + "".join(sections)
        + f'<footer class="trail">{trail}</footer>'
        + "</body></html>\n"
    )
