"""Every date the tool reads: metadata values, datelines, ISO timestamps, embargo times."""

from __future__ import annotations

import datetime as dt
import functools
import re

from creditcheck import lazyre

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
    lazyre.compile(_LEAD + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TAIL, re.I),
    lazyre.compile(
        _LEAD + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TAIL, re.I
    ),
    lazyre.compile(_LEAD + r"(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})" + _TAIL, re.I),
]
# ISO 8601 in its extended (2013-03-04T11:14:13Z) and basic (20131020T192751+1100) forms, as
# NewsML-G2, ninjs, XMP, NITF and HTML metadata write it; seconds, fractions and the zone are
# optional. The pattern only cuts the value into its parts: datetime.fromisoformat reads them.
_STAMP = lazyre.compile(
    r"^\s*(?P<date>\d{4}-?\d{2}-?\d{2})"
    r"(?:[T ](?P<time>\d{2}:?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)\s*(?P<zone>Z|[+-]\d{1,2}(?::?\d{2})?)?)?\s*$"
)
# A zone as pages write it: "+01:00", "+0100", "+01", and the short "-5:00".
_ZONE = lazyre.compile(r"^(?P<sign>[+-])(?P<hours>\d{1,2}):?(?P<minutes>\d{2})?$")


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


# A metadata date value: an ISO date (also with slashes), then perhaps a time after "T" or a
# space and a zone in any of the forms pages write ("Z", "+01:00", " +0100", "-5:00", " GMT");
# or a compact date, then perhaps a "T" time. The day is the day as written, in the value's
# own zone: the publisher's local day is the day it published on.
_DAY_VALUE = lazyre.compile(
    r"^\s*(?:(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?:[T ]\s*\d{1,2}:\d{2}[\d:.,]*\s*(?:Z|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?)?"
    r"|(?P<compact>\d{8})(?:T\d+(?:Z|[+-]\d{4})?)?)\s*$"
)


def _iso_zone(zone: str | None) -> str:
    """A zone as ``datetime.fromisoformat`` reads it (``-5:00`` becomes ``-05:00``)."""
    if not zone or zone == "Z":
        return zone or ""
    m = _ZONE.match(zone)
    if m is None:
        return zone
    return f"{m['sign']}{int(m['hours']):02d}:{m['minutes'] or '00'}"


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
        moment = dt.datetime.fromisoformat(f"{digits}T{m['time']}{_iso_zone(m['zone'])}")
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
        if m["compact"]:
            return dt.date.fromisoformat(m["compact"])
        return dt.date(int(m["year"]), int(m["month"]), int(m["day"]))
    except ValueError:
        return None


def parse_when(value: str) -> tuple[dt.date | None, dt.datetime | None]:
    """A day and, with a time zone, a moment, from an ISO value or a dateline-like date."""
    day, moment = parse_timestamp(value.strip())
    if day is None:
        day = parse_date_value(value.strip())
    return day, moment


# Month names as bylines write them, in the languages of the pages creditcheck is measured on
# (English, German, French, Spanish, Italian, Portuguese, Polish in both of its cases, Dutch,
# the Scandinavian languages), full and abbreviated, lower-case.
_WRITTEN_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier enero ene gennaio gen janeiro stycznia styczeń sty januari jänner jän "
        "января",
        "february feb februar février févr fevrier fevr febrero febbraio fevereiro fev lutego luty lut "
        "februari февраля",
        "march mar märz mär maerz mars marzo março marco marca marzec maart марта",
        "april apr avril avr abril abr aprile kwietnia kwiecień kwi апреля",
        "may mai mayo maggio mag maio maja maj mei мая",
        "june jun juni juin junio giugno giu junho czerwca czerwiec cze июня",
        "july jul juli juillet juil julio luglio lug julho lipca lipiec lip июля",
        "august aug août aout agosto ago sierpnia sierpień sie augustus августа",
        "september sep sept septembre septiembre settembre set setembro września wrzesień wrz сентября",
        "october oct oktober okt octobre octubre ottobre ott outubro out października październik paź "
        "октября",
        "november nov novembre noviembre novembro listopada listopad lis ноября",
        "december dec dezember dez décembre decembre diciembre dic dicembre dezembro grudnia grudzień gru "
        "desember декабря",
    ),
    start=1,
):
    for _name in _names.split():
        _WRITTEN_MONTHS.setdefault(_name, _number)
_WMONTH = r"(?P<month>" + "|".join(sorted(map(re.escape, _WRITTEN_MONTHS), key=len, reverse=True)) + r")\.?"
# A year a page can have been published in: no byline is dated before the web.
_YEAR = r"(?P<year>(?:19[89]\d|20\d\d))(?!\d)"


@functools.cache
def _written() -> tuple[re.Pattern[str], ...]:
    """The written-out date forms, compiled the first time a byline or a page's text needs them."""
    return (
        # 2011-08-24, 2011/08/24, 2011.08.24 and the Korean 2011. 8. 24.
        lazyre.compile(
            r"(?<![\d.])" + _YEAR + r"(?P<sep>[-/.])\s?(?P<nmonth>\d{1,2})(?P=sep)\s?(?P<day>\d{1,2})(?!\d)"
        ),
        # 24.08.2011, 24. 8. 2011: day first wherever dots separate the parts.
        lazyre.compile(r"(?<![\d.])(?P<day>\d{1,2})\.\s?(?P<nmonth>\d{1,2})\.\s?" + _YEAR + r"(?!\d)"),
        # 08/24/2011 or 24/08/2011, 24-08-2011: the page's language decides when both could be.
        lazyre.compile(
            r"(?<![\d/-])(?P<first>\d{1,2})(?P<sep>[/-])(?P<second>\d{1,2})(?P=sep)" + _YEAR + r"(?!\d)"
        ),
        # 24 August 2011, 24. August 2011, 24 de agosto de 2011, 1er mai 2011, 24th Aug, 2011
        lazyre.compile(
            r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th|er|º|°)?\.?\s+(?:de\s+)?"
            + _WMONTH
            + r",?\s+(?:de\s+)?"
            + _YEAR,
            re.I,
        ),
        # August 24, 2011, Aug. 24th 2011
        lazyre.compile(r"\b" + _WMONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR, re.I),
        # 2011年8月24日 (Japanese, Chinese), 2011년 8월 24일 (Korean)
        lazyre.compile(_YEAR + r"\s*[年년]\s*(?P<nmonth>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]"),
    )


# Languages that write the month first in 08/24/2011.
_MONTH_FIRST = ("en-us", "en_us", "en")


def find_written_date(text: str, lang: str | None = "") -> dt.date | None:
    """The first date written out in ``text`` (a byline, a meta line), in any common form.

    ``lang`` is the page's language (``en-US``, ``de``): it decides whether 05/06/2011 is May or
    June when the numbers allow both; plain ``en`` counts as American, as most such pages are.
    With ``lang`` None such a date is not read at all (a system's value, no language to go by).
    """
    found = written_dates(text, lang)
    return found[0][2] if found else None


def written_dates(
    text: str, lang: str | None = "", short_year: bool = False
) -> list[tuple[int, int, dt.date]]:
    """Each date written out in ``text`` as (start, end, day), in order; the first form wins a place.

    ``short_year`` also reads ``28.01.22`` (day, month, two-digit year), which a byline may
    write but prose uses for too many other things.
    """
    if not any(ch.isdigit() for ch in text):
        return []
    patterns = (*_written(), _short_year()) if short_year else _written()
    found: dict[int, tuple[int, int, dt.date]] = {}
    for pattern in patterns:
        for m in pattern.finditer(text):
            day = _written_day(m, None if lang is None else lang.strip().lower())
            if day is not None and not any(s <= m.start() < e for s, e, _ in found.values()):
                found[m.start()] = (m.start(), m.end(), day)
    return [found[k] for k in sorted(found)]


@functools.cache
def _short_year() -> re.Pattern[str]:
    # 28.01.22: only where the page says the text is its date.
    return lazyre.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<short>\d{2})(?![\d.])")


def _written_day(m: re.Match[str], lang: str | None) -> dt.date | None:
    groups = m.groupdict()
    year = 2000 + int(groups["short"]) if groups.get("short") else int(groups["year"])
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        if lang is None and first != second and first <= 12 and second <= 12:
            return None
        month_first = first <= 12 and (second > 12 or lang in _MONTH_FIRST)
        month, day = (first, second) if month_first else (second, first)
    else:
        month = _WRITTEN_MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["nmonth"])
        day = int(groups["day"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
