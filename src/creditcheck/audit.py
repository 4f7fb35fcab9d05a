"""The monthly audit: one frozen object computed from scan results, from which every format renders."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from creditcheck.baseline import fingerprint
from creditcheck.model import AttributionKind, FileResult, Finding, Severity, Span
from creditcheck.ruleset import Coverage, RuleSet

VERSION = 1
CAP_CHECK = "usage-cap-exceeded"
# The license family of codes (CC10x); the check is derived by the audit, not run per file.
CAP_CODE = "CC107"
CAP_SUMMARY = "over a license's monthly cap (audit only)"
CAP_DOC = """\
Reported by `creditcheck audit`, never by `check`: it needs a whole month of articles. A rule
may set `license.monthly_cap`, the number of photos its contract allows per calendar month.
Every photo credit that names the rule, or a rule licensed through it (`via`), counts once
against it; when a calendar month of the audited period holds more, that month is a
violation, reported against the rule file with the source's name as its text (so its
fingerprint stays the same while the overage persists, and the ledger shows it as resolved
once a month is back under the cap).

Fails (getty-images.yaml sets monthly_cap: 2; three articles of May 2026 each carry one credit):
    Leaders meet in Panmunjom. (Brendan Smialowski/AFP via Getty Images)
Passes (the same month with two such credits):
    Leaders meet in Panmunjom. (Brendan Smialowski/AFP via Getty Images)
"""
DEFAULT_EXPIRING_DAYS = 60
MAX_EXAMPLES = 3
# `published_from` when no metadata or dateline gave a date and the scan fell back to today.
_UNDATED_FROM = "today"
UNREADABLE_CHECK = "unreadable-file"


@dataclass(frozen=True)
class Usage:
    """How much one source was used in the period (directly or through a ``via`` chain)."""

    source: str
    name: str
    articles: int
    photos: int
    cap: int | None
    # (YYYY-MM, photos) for each calendar month the period touches, to check the cap per month.
    months: tuple[tuple[str, int], ...] = ()

    @property
    def over_cap(self) -> bool:
        return self.cap is not None and any(n > self.cap for _, n in self.months)


@dataclass(frozen=True)
class Violation:
    """A finding of a selected article, with the article's title and date."""

    finding: Finding
    title: str | None
    date: dt.date | None
    fingerprint: str

    def to_json(self) -> dict[str, object]:
        data = self.finding.to_json()
        data["title"] = self.title
        data["date"] = self.date.isoformat() if self.date else None
        data["fingerprint"] = self.fingerprint
        return data


@dataclass(frozen=True)
class LicenseStatus:
    """A rule's license as it stands on the last day of the period."""

    source: str
    name: str
    status: str  # active, expiring, expired, not-started, none, suspended
    start: dt.date | None
    until: dt.date | None
    agreement: str | None
    via: str | None
    # The date the covering license (the rule's own or the one it is held through) ends.
    effective_until: dt.date | None


@dataclass(frozen=True)
class UnknownSource:
    """An organisation named in photo credits that matched no rule."""

    name: str
    count: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Audit:
    """Everything one audit reports; renderers only format it, never recount."""

    start: dt.date
    end: dt.date
    expiring_days: int
    rules_digest: str
    files: int
    articles: tuple[str, ...]  # paths of the selected (dated, in-period) articles
    outside: int  # dated files published outside the period
    photos: int
    usage: tuple[Usage, ...]
    violations: tuple[Violation, ...]
    licenses: tuple[LicenseStatus, ...]
    unknown: tuple[UnknownSource, ...]
    undated: tuple[str, ...]
    unreadable: tuple[tuple[str, str], ...]  # (path, reason) of files that could not be read
    new: tuple[str, ...]
    resolved: tuple[str, ...]
    compared: bool  # False when there was no previous audit to compare with

    @property
    def period_label(self) -> str:
        return period_label(self.start, self.end)

    @property
    def by_check(self) -> dict[str, list[Violation]]:
        out: dict[str, list[Violation]] = {}
        for v in self.violations:
            out.setdefault(v.finding.check, []).append(v)
        return dict(sorted(out.items()))

    @property
    def by_source(self) -> dict[str, list[Violation]]:
        """Violations by source id; findings that name no source are under ``""``."""
        out: dict[str, list[Violation]] = {}
        for v in self.violations:
            out.setdefault(v.finding.source or "", []).append(v)
        return dict(sorted(out.items()))

    def count(self, severity: Severity) -> int:
        return sum(1 for v in self.violations if v.finding.severity == severity)

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(v.fingerprint for v in self.violations)

    def summary(self) -> dict[str, object]:
        statuses = Counter(lic.status for lic in self.licenses)
        return {
            "files": self.files,
            "articles": len(self.articles),
            "photos": self.photos,
            "outside_period": self.outside,
            "undated": len(self.undated),
            "unreadable": len(self.unreadable),
            "violations": len(self.violations),
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "caps_exceeded": sum(1 for u in self.usage if u.over_cap),
            "unknown_sources": len(self.unknown),
            "licenses_expiring": statuses["expiring"],
            "licenses_expired": statuses["expired"],
            "new": len(self.new),
            "resolved": len(self.resolved),
            "compared_with_previous": self.compared,
            "rules_digest": self.rules_digest,
        }


def period_label(start: dt.date, end: dt.date) -> str:
    """``YYYY-MM`` for exactly one calendar month, else ``FROM..TO``."""
    if is_calendar_month(start, end):
        return f"{start:%Y-%m}"
    return f"{start.isoformat()}..{end.isoformat()}"


def is_calendar_month(start: dt.date, end: dt.date) -> bool:
    return (
        start.day == 1
        and start.year == end.year
        and start.month == end.month
        and (end + dt.timedelta(days=1)).day == 1
    )


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """The first and last day of ``YYYY-MM``; ValueError when it is not that."""
    try:
        year, mon = (int(p) for p in month.split("-"))
        start = dt.date(year, mon, 1)
    except ValueError:
        raise ValueError(f"{month!r} is not a month written YYYY-MM") from None
    nxt = dt.date(year + mon // 12, mon % 12 + 1, 1)
    return start, nxt - dt.timedelta(days=1)


def _months(start: dt.date, end: dt.date) -> list[str]:
    out: list[str] = []
    day = start.replace(day=1)
    while day <= end:
        out.append(f"{day:%Y-%m}")
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def is_undated(result: FileResult) -> bool:
    """No date of its own: the scan fell back to today's date (or, unreadable, found none)."""
    return result.published is None or result.published_from == _UNDATED_FROM


def build_audit(
    results: list[FileResult],
    ruleset: RuleSet,
    start: dt.date,
    end: dt.date,
    expiring_days: int = DEFAULT_EXPIRING_DAYS,
    previous: set[str] | None = None,
) -> Audit:
    """Compute the audit of the articles published in [start, end] (inclusive).

    A monthly cap is checked per calendar month: for a period of one month that is the
    period itself; for a longer one each month the period touches is compared with the cap on
    its own (a partial month counts only its days in the period), because contracts cap each
    month, not the sum.
    """
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    selected: list[FileResult] = []
    undated: list[str] = []
    unreadable: list[tuple[str, str]] = []
    outside = 0
    for r in sorted(results, key=lambda r: r.path):
        reason = next((f.message for f in r.findings if f.check == UNREADABLE_CHECK), None)
        if reason is not None:
            unreadable.append((r.path, reason))
        elif is_undated(r):
            undated.append(r.path)
        elif r.published is not None and start <= r.published <= end:
            selected.append(r)
        else:
            outside += 1

    months = _months(start, end)
    photos_by: Counter[str] = Counter()
    month_photos: Counter[tuple[str, str]] = Counter()
    articles_by: dict[str, set[str]] = {}
    unknown_count: Counter[str] = Counter()
    unknown_paths: dict[str, list[str]] = {}
    total_photos = 0
    for r in selected:
        assert r.published is not None
        month = f"{r.published:%Y-%m}"
        for a in r.attributions:
            if a.kind is not AttributionKind.PHOTO_CREDIT:
                continue
            total_photos += 1
            # A credit counts once for each rule it names or is licensed through, never twice
            # for one rule (an "AFP via Getty Images" credit names Getty Images and reaches it via AFP).
            reached: set[str] = set()
            for source in a.sources:
                reached.update(rule.id for rule in ruleset.chain(source))
            for rule_id in reached:
                photos_by[rule_id] += 1
                month_photos[(rule_id, month)] += 1
                articles_by.setdefault(rule_id, set()).add(r.path)
            for name in dict.fromkeys(a.unknown):
                unknown_count[name] += 1
                paths = unknown_paths.setdefault(name, [])
                if r.path not in paths:
                    paths.append(r.path)

    usage: list[Usage] = []
    cap_findings: list[Violation] = []
    for rule in ruleset:
        cap = rule.license.monthly_cap
        per_month = tuple((m, month_photos[(rule.id, m)]) for m in months)
        u = Usage(rule.id, rule.name, len(articles_by.get(rule.id, ())), photos_by[rule.id], cap, per_month)
        usage.append(u)
        if cap is None:
            continue
        for m, n in per_month:
            if n > cap:
                finding = Finding(
                    rule.path,
                    Span(1, 1, 1, 1),
                    CAP_CHECK,
                    CAP_CODE,
                    Severity.ERROR,
                    f"{rule.name}: {n} photos used in {m}, over the monthly cap of {cap}",
                    # The text is the source, not the numbers, so the fingerprint stays the same
                    # from month to month while the overage persists.
                    rule.name,
                    None,
                    rule.id,
                )
                cap_findings.append(Violation(finding, None, None, fingerprint(finding)))

    violations: list[Violation] = [
        Violation(f, r.title, r.published, fingerprint(f)) for r in selected for f in r.findings
    ]
    violations.extend(cap_findings)
    violations.sort(key=lambda v: (v.finding.check, v.finding.path, v.finding.span, v.finding.message))

    licenses = tuple(_license_status(ruleset, rule.id, end, expiring_days) for rule in ruleset)

    unknown = tuple(
        UnknownSource(name, count, tuple(sorted(unknown_paths[name])[:MAX_EXAMPLES]))
        for name, count in sorted(unknown_count.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))
    )

    current = {v.fingerprint for v in violations}
    if previous is None:
        new: tuple[str, ...] = ()
        resolved: tuple[str, ...] = ()
    else:
        new = tuple(sorted(current - previous))
        resolved = tuple(sorted(previous - current))

    return Audit(
        start=start,
        end=end,
        expiring_days=expiring_days,
        rules_digest=ruleset.digest,
        files=len(results),
        articles=tuple(r.path for r in selected),
        outside=outside,
        photos=total_photos,
        usage=tuple(usage),
        violations=tuple(violations),
        licenses=licenses,
        unknown=unknown,
        undated=tuple(undated),
        unreadable=tuple(unreadable),
        new=new,
        resolved=resolved,
        compared=previous is not None,
    )


_STATUS = {
    Coverage.UNLICENSED: "none",
    Coverage.SUSPENDED: "suspended",
    Coverage.EXPIRED: "expired",
    Coverage.NOT_STARTED: "not-started",
}


def _license_status(ruleset: RuleSet, rule_id: str, day: dt.date, expiring_days: int) -> LicenseStatus:
    rule = ruleset[rule_id]
    lic = rule.license
    # A source held through another (AFP via Getty Images) stands or falls with that license.
    coverage, _ = ruleset.coverage(rule_id, day)
    ends = [r.license.until for r in ruleset.chain(rule_id) if r.license.until is not None]
    effective_until = min(ends) if ends else None
    if coverage is Coverage.COVERED:
        soon = effective_until is not None and (effective_until - day).days <= expiring_days
        status = "expiring" if soon else "active"
    else:
        status = _STATUS[coverage]
    return LicenseStatus(
        rule.id, rule.name, status, lic.start, lic.until, lic.agreement, lic.via, effective_until
    )
