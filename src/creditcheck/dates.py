"""Parsing publication dates from metadata values and from dateline lines."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_LEAD = r"^\s*(?:(?:published|posted|first published|date)\s*:?\s*(?:on\s+)?)?" + _WEEKDAY
_TIME = r"(?:\s*(?:,|at|-|–|—)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4})?)?"
_TAIL = _TIME + r"\s*[.]?\s*$"

_DATELINES = [
    re.compile(_LEAD + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TAIL, re.I),
    re.compile(
        _LEAD + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TAIL, re.I
    ),
    re.compile(_LEAD + r"(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})" + _TAIL, re.I),
]
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T[\d]+(?:Z|[+-]\d{4})?)?\s*$")


def parse_dateline(line: str) -> dt.date | None:
    """The date if ``line`` holds only a date (a dateline), else None."""
    if len(line) > 80 or not any(ch.isdigit() for ch in line):
        return None
    for pattern in _DATELINES:
        m = pattern.match(line)
        if m is None:
            continue
        groups = m.groupdict()
        month = _MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["nmonth"])
        try:
            return dt.date(int(groups["year"]), month, int(groups["day"]))
        except ValueError:
            return None
    return None


def parse_date_value(value: object) -> dt.date | None:
    """A date from a metadata value: ISO dates and datetimes, compact ISO, or a dateline."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    for pattern in (_ISO, _COMPACT):
        m = pattern.match(value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return parse_dateline(value)
