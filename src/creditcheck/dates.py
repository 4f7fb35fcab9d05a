"""Every date the tool reads: metadata values, datelines, ISO timestamps, embargo times."""

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
# ISO 8601 in its extended (2013-03-04T11:14:13Z) and basic (20131020T192751+1100) forms, as
# NewsML-G2, ninjs, XMP, NITF and HTML metadata write it; seconds, fractions and the zone are
# optional. The pattern only cuts the value into its parts: datetime.fromisoformat reads them.
_STAMP = re.compile(
    r"^\s*(?P<date>\d{4}-?\d{2}-?\d{2})"
    r"(?:[T ](?P<time>\d{2}:?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$"
)


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


# A metadata date value: an ISO date, then perhaps a time (after "T" or a space) and a zone; or
# a compact date, then perhaps a "T" time. Only these shapes are read as ISO.
_DAY_VALUE = re.compile(
    r"^\s*(?:(?P<day>\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|(?P<compact>\d{8})(?:T\d+(?:Z|[+-]\d{4})?)?)\s*$"
)


def parse_timestamp(value: str) -> tuple[dt.date | None, dt.datetime | None]:
    """The day, and the moment when the value has a time with a zone (else None).

    A time without a zone names no moment; the day is still the day the provider wrote.
    Fractions of a second are dropped: no license or embargo is that precise.
    """
    m = _STAMP.match(value)
    if m is None:
        return None, None
    digits = m["date"].replace("-", "")  # "2020-0114" is read as the wire wrote it meant
    try:
        day = dt.date.fromisoformat(digits)
    except ValueError:
        return None, None
    if m["time"] is None or m["zone"] is None:
        return day, None
    try:
        moment = dt.datetime.fromisoformat(f"{digits}T{m['time']}{m['zone']}")
    except ValueError:
        return day, None
    return day, moment.replace(microsecond=0)


def parse_date_value(value: object) -> dt.date | None:
    """A date from a metadata value: ISO dates and timestamps, or a dateline."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _DAY_VALUE.match(value)
    if m is None:
        return parse_dateline(value)
    try:
        return dt.date.fromisoformat(m["day"] or m["compact"])
    except ValueError:
        return None


def parse_when(value: str) -> tuple[dt.date | None, dt.datetime | None]:
    """A day and, with a time zone, a moment, from an ISO value or a dateline-like date."""
    day, moment = parse_timestamp(value.strip())
    if day is None:
        day = parse_date_value(value.strip())
    return day, moment
