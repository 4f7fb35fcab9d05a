"""embargo: the item is published before its embargo ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext
from creditcheck.model import Finding, Severity, Span

DOC = """\
The item carries an embargo (NewsML-G2 `embargoed`, ninjs `embargoed`, NITF `date.release`
after `date.issue`, an IPTC release date, front matter `embargo:`, `<meta name="embargo">`,
or an `EMBARGOED UNTIL …` line at the top of a text) and is published before it ends. With a
publication time (wire items) the times are compared; with only a publication day, the day
must not be before the embargo's day (a same-day publication cannot be judged and is not
reported).

Fails (published 2021-03-01):
    EMBARGOED UNTIL 2021-03-02
    Leaders meet in Panmunjom. (Brendan Smialowski/AFP via Getty Images)
Passes (published 2021-03-02):
    EMBARGOED UNTIL 2021-03-02
    Leaders meet in Panmunjom. (Brendan Smialowski/AFP via Getty Images)
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    doc = ctx.doc
    if doc.embargo is None:
        return
    embargo = doc.embargo
    moment = doc.published_at if doc.published_from == "metadata" else None
    if isinstance(embargo, dt.datetime) and moment is not None:
        early = moment < embargo
        when = moment.isoformat()
    else:
        end_day = embargo.date() if isinstance(embargo, dt.datetime) else embargo
        early = doc.published < end_day
        when = doc.published.isoformat()
    if early:
        span = doc.embargo_span or Span(1, 1, 1, 1)
        yield check.finding(
            ctx, span, f"published {when}, before the embargo ends ({embargo.isoformat()})", ""
        )


CHECK: Check = Check("embargo", "CC502", Severity.ERROR, "published before the embargo ends", DOC, run)
