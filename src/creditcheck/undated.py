"""Findings that depend on the publication date, on an article that states none.

Without a date of its own an article is judged as of today (``published_from: today``). For a
draft that is right; for a published page it is a guess. Every finding that depends on the
date says so in its message, a fix that would write a year into a notice is withheld (the
year would be today's, not the article's), and the ``undated: skip`` setting drops these
findings altogether, for an audit of published pages that should not guess.
"""

from __future__ import annotations

from creditcheck import compilecache
from creditcheck.model import Document, Finding

# Checks whose verdict or fix depends on the publication date: license dates, deprecated
# forms, the notice's year, embargoes and withdrawals dated to a day.
DATE_DEPENDENT = frozenset(
    {
        "license-expired",
        "license-not-started",
        "deprecated-credit",
        "copyright-year",
        "copyright-format",
        "missing-copyright",
        "embargo",
        "withdrawn-content",
    }
)
_YEAR = compilecache.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def undated(doc: Document) -> bool:
    """Whether the document's date is today's because it states none."""
    return doc.published_from == "today"


def judge_undated(findings: list[Finding], doc: Document, policy: str) -> list[Finding]:
    """The findings of an undated document as ``policy`` says: noted (``today``) or dropped (``skip``)."""
    if not undated(doc):
        return findings
    if policy == "skip":
        return [f for f in findings if f.check not in DATE_DEPENDENT]
    note = f" (no publication date found: judged as of today, {doc.published.isoformat()})"
    out = []
    for f in findings:
        if f.check not in DATE_DEPENDENT:
            out.append(f)
            continue
        fix = None if f.fix is not None and _writes_a_year(f.text, f.fix) else f.fix
        out.append(f.with_message(f.message + note, fix))
    return out


def _writes_a_year(text: str, fix: str) -> bool:
    """Whether the fix puts a year into the text that the text does not already hold there."""
    return _YEAR.findall(fix) != _YEAR.findall(text)
