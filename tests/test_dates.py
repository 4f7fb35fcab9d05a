import datetime as dt

import pytest

from creditcheck.dates import parse_date_value, parse_dateline, parse_timestamp, parse_when

UTC = dt.UTC
PLUS_11 = dt.timezone(dt.timedelta(hours=11))
MINUS_5 = dt.timezone(dt.timedelta(hours=-5))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "20131020T192751+1100",
            (dt.date(2013, 10, 20), dt.datetime(2013, 10, 20, 19, 27, 51, tzinfo=PLUS_11)),
        ),
        ("2013-10-20T19:27+11", (dt.date(2013, 10, 20), dt.datetime(2013, 10, 20, 19, 27, tzinfo=PLUS_11))),
        # Fractions of a second are dropped; a space may stand before the zone.
        (
            "2020-01-02T03:04:05.678 -05:00",
            (dt.date(2020, 1, 2), dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=MINUS_5)),
        ),
        ("2020-01-02 03:04:05,9Z", (dt.date(2020, 1, 2), dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC))),
        ("2020-01-02T24:00:00Z", (dt.date(2020, 1, 2), None)),  # no such hour: the day stands
        ("2020-01-02T03:04:05+99:00", (dt.date(2020, 1, 2), None)),  # no such zone: the day stands
        ("2020-13-02", (None, None)),
        ("2020-01-02T03", (None, None)),  # an hour alone is not a time the formats write
        ("", (None, None)),
    ],
)
def test_parse_timestamp(value: str, expected: tuple[dt.date | None, dt.datetime | None]) -> None:
    assert parse_timestamp(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-14", dt.date(2020, 1, 14)),
        (" 2020-01-14T09:30:00+09:00 ", dt.date(2020, 1, 14)),
        ("20200114", dt.date(2020, 1, 14)),
        ("20200114T093000Z", dt.date(2020, 1, 14)),
        ("January 14, 2020", dt.date(2020, 1, 14)),
        ("2020-02-30", None),
        # ISO shapes as pages write them: a space before the offset, a short offset, slashes.
        ("20200114 09:30:00", None),
        ("2020-01-14 09:30:00 +01:00", dt.date(2020, 1, 14)),
        ("2014-12-15T12:56-5:00", dt.date(2014, 12, 15)),
        ("2020-01-14T23:30:00 GMT", dt.date(2020, 1, 14)),
        ("2011/08/24", dt.date(2011, 8, 24)),
        (dt.datetime(2020, 1, 14, 9, 30), dt.date(2020, 1, 14)),
        (dt.date(2020, 1, 14), dt.date(2020, 1, 14)),
        (20200114, None),
    ],
)
def test_parse_date_value(value: object, expected: dt.date | None) -> None:
    assert parse_date_value(value) == expected


def test_parse_dateline_needs_a_whole_line_of_date() -> None:
    assert parse_dateline("Published: Tue, January 14, 2020 at 9:30 a.m.") == dt.date(2020, 1, 14)
    assert parse_dateline("On January 14, 2020 the court ruled") is None


def test_parse_when_moment_only_with_a_zone() -> None:
    assert parse_when(" 2020-01-14T09:30:00Z ") == (
        dt.date(2020, 1, 14),
        dt.datetime(2020, 1, 14, 9, 30, tzinfo=UTC),
    )
    assert parse_when("January 14, 2020") == (dt.date(2020, 1, 14), None)
