"""The monthly audit: one frozen object computed from scan results, from which every format renders."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import posixpath
from collections import Counter
from dataclasses import field, replace

from creditcheck import __version__
from creditcheck.baseline import fingerprint
from creditcheck.compilecache import dataclass
from creditcheck.model import Attribution, AttributionKind, FileResult, Finding, Name, Severity, Span
from creditcheck.resolve import base_key
from creditcheck.ruleset import Coverage, Rule, RuleSet

VERSION = 1
CAP_CHECK = "usage-cap-exceeded"
# The license family of codes (CC10x); the check is derived by the audit, not run per file.
CAP_CODE = "CC107"
CAP_SUMMARY = "over a license's monthly cap (audit only)"
CAP_DOC = """\
Reported by `creditcheck audit`, never by `check`: it needs a whole month of articles. A rule
may set `license.monthly_cap`, the number of photos its contract allows per calendar month
(or `{photos: N, stories: M}` to cap stories too). Every photo credit that names the rule, or
a rule licensed through it (`via`), counts once against it, and so does every story whose
notice, source line, front matter or wire provider names it; when a calendar month of the
audited period holds more, that month is a violation, reported against the rule file with
the source's name as its text (`NAME stories` for the story cap), so its fingerprint stays
the same while the overage persists, and the ledger shows it as resolved once a month is
back under the cap.

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


PHOTO = "photo"
STORY = "story"


@dataclass(frozen=True)
class MonthUsage:
    """One licensor's use in one calendar month, judged against its caps."""

    month: str  # YYYY-MM
    articles: int
    photos: int
    stories: int
    photos_over: int = 0  # photos beyond the monthly photo cap
    stories_over: int = 0  # stories beyond the monthly story cap

    @property
    def over_cap(self) -> bool:
        return bool(self.photos_over or self.stories_over)


@dataclass(frozen=True)
class Usage:
    """How much one source was used in the period (directly or through a ``via`` chain)."""

    source: str
    name: str
    articles: int  # distinct articles with a photo or a story of the source
    photos: int
    cap: int | None  # photos per calendar month
    # Each calendar month the period touches, so that caps are judged per month.
    months: tuple[MonthUsage, ...] = ()
    stories: int = 0
    story_cap: int | None = None

    @property
    def over_cap(self) -> bool:
        return any(m.over_cap for m in self.months)

    @property
    def used(self) -> bool:
        return bool(self.photos or self.stories)


@dataclass(frozen=True)
class UsageItem:
    """One photo or story counted for a licensor: a line of the invoice to reconcile."""

    source: str
    kind: str  # photo or story
    path: str
    line: int
    title: str | None
    date: dt.date
    url: str | None
    text: str  # the credit, or the notice / source line(s) that name the story's source
    photographer: str | None
    image: str | None  # the picture's address as the article writes it
    image_id: str | None  # the agency's id of the picture, from its metadata
    reused: bool = False  # the same picture is counted more than once for this licensor in the period

    @property
    def month(self) -> str:
        return f"{self.date:%Y-%m}"


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


class LicenseState(enum.StrEnum):
    """Where a license stands on the last day of the period (the audit's status column)."""

    ACTIVE = "active"
    EXPIRING = "expiring"  # active, but ends within the warning window
    EXPIRED = "expired"
    NOT_STARTED = "not-started"
    NONE = "none"  # no license held
    SUSPENDED = "suspended"


@dataclass(frozen=True)
class Change:
    """A finding new this period or resolved since the last run, described for a person."""

    fingerprint: str
    path: str
    line: int | None
    check: str
    severity: str
    text: str
    message: str

    @classmethod
    def of(cls, v: Violation) -> Change:
        f = v.finding
        return cls(v.fingerprint, f.path, f.span.line, f.check, f.severity.label, f.text, f.message)


@dataclass(frozen=True)
class PastRun:
    """A run from the ledger that this audit is compared with."""

    run: int
    findings: tuple[Change, ...]


@dataclass(frozen=True)
class LicenseStatus:
    """A rule's license as it stands on the last day of the period."""

    source: str
    name: str
    status: LicenseState
    start: dt.date | None
    until: dt.date | None
    agreement: str | None
    via: str | None
    # The date the covering license (the rule's own or the one it is held through) ends.
    effective_until: dt.date | None
    contact: str | None = None
    renewal_notice_days: int | None = None  # of the covering license
    renewal_deadline: dt.date | None = None  # effective_until minus the notice period
    renewal: str | None = None  # "passed" before the period's end, "due" within --expiring-days


@dataclass(frozen=True)
class MonthCost:
    month: str
    photos: int
    stories: int
    photos_over: int
    stories_over: int
    amount: decimal.Decimal


@dataclass(frozen=True)
class Cost:
    """The estimated cost of one licensor's use, per month, from its contract's rates."""

    source: str
    name: str
    currency: str
    photo_rate: decimal.Decimal | None
    story_rate: decimal.Decimal | None
    overage_rate: decimal.Decimal | None
    months: tuple[MonthCost, ...]

    @property
    def total(self) -> decimal.Decimal:
        return sum((m.amount for m in self.months), decimal.Decimal(0))


@dataclass(frozen=True)
class UnknownSource:
    """An organisation named in photo credits or as a story's source that matched no rule."""

    name: str
    count: int  # photo credits plus stories that name it
    examples: tuple[str, ...]
    photos: int = 0
    stories: int = 0
    # Every spelling met, when it was written more than one way (Kyodo, KYODO, Kyodo News).
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trail:
    """Who made this audit and from what: enough to find it again and to trust it."""

    generated: dt.datetime
    version: str = __version__
    run: int | None = None  # the ledger's run number, once recorded
    previous_run: int | None = None  # the earlier run of the same period, compared for "resolved"
    previous_period_run: int | None = None  # the run of the previous period, compared for "new"
    superseded_by: int | None = None  # a later run of the same period (audit show)


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
    new_items: tuple[Change, ...]
    resolved_items: tuple[Change, ...]
    compared: bool  # False when there was no previous period's audit to compare with
    trail: Trail = field(default_factory=lambda: Trail(_now()))
    stories: int = 0
    items: tuple[UsageItem, ...] = ()
    costs: tuple[Cost, ...] = ()
    compared_same_period: bool = False  # an earlier run of this period was compared for "resolved"

    @property
    def period_label(self) -> str:
        return period_label(self.start, self.end)

    @property
    def months(self) -> list[str]:
        return _months(self.start, self.end)

    @property
    def new(self) -> tuple[str, ...]:
        return tuple(c.fingerprint for c in self.new_items)

    @property
    def resolved(self) -> tuple[str, ...]:
        return tuple(c.fingerprint for c in self.resolved_items)

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
            "stories": self.stories,
            "outside_period": self.outside,
            "undated": len(self.undated),
            "unreadable": len(self.unreadable),
            "violations": len(self.violations),
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "caps_exceeded": sum(1 for u in self.usage if u.over_cap),
            "unknown_sources": len(self.unknown),
            "licenses_expiring": statuses[LicenseState.EXPIRING],
            "licenses_expired": statuses[LicenseState.EXPIRED],
            "renewals_due": sum(1 for lic in self.licenses if lic.renewal is not None),
            "new": len(self.new_items),
            "resolved": len(self.resolved_items),
            "compared_with_previous": self.compared,
            "compared_with_same_period": self.compared_same_period,
            "rules_digest": self.rules_digest,
        }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def period_label(start: dt.date, end: dt.date) -> str:
    """``YYYY-MM`` for exactly one calendar month, else ``FROM..TO``."""
    if is_calendar_month(start, end):
        return f"{start:%Y-%m}"
    return f"{start.isoformat()}..{end.isoformat()}"


def period_kind(start: dt.date, end: dt.date) -> str:
    """What kind of period this is, so that only like periods are compared or charted together.

    Whole calendar months are counted in months (``1 month``, ``3 months``); any other span in
    days (``7 days``).
    """
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        n = (end.year - start.year) * 12 + end.month - start.month + 1
        return f"{n} month{'s' if n != 1 else ''}"
    days = (end - start).days + 1
    return f"{days} day{'s' if days != 1 else ''}"


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
    previous_period: PastRun | None = None,
    previous_run: PastRun | None = None,
    generated: dt.datetime | None = None,
) -> Audit:
    """Compute the audit of the articles published in [start, end] (inclusive).

    A monthly cap is checked per calendar month: for a period of one month that is the
    period itself; for a longer one each month the period touches is compared with the cap on
    its own (a partial month counts only its days in the period), because contracts cap each
    month, not the sum.

    ``previous_period`` is the final run of the period before this one: findings whose
    fingerprint it lacks are new. ``previous_run`` is the last run of this same period: its
    findings that are gone now, from articles still in the period, are resolved.
    """
    builder = AuditBuilder(ruleset, start, end)
    for r in sorted(results, key=lambda r: r.path):
        builder.add(r)
    return builder.finish(expiring_days, previous_period, previous_run, generated)


class AuditBuilder:
    """``build_audit`` as results arrive (in path order): it keeps the audit's counts, never the results."""

    def __init__(self, ruleset: RuleSet, start: dt.date, end: dt.date) -> None:
        if end < start:
            raise ValueError(f"the period ends ({end}) before it starts ({start})")
        self.ruleset = ruleset
        self.start = start
        self.end = end
        self.files = 0
        self.articles: list[str] = []
        self.undated: list[str] = []
        self.unreadable: list[tuple[str, str]] = []
        self.outside = 0
        self.violations: list[Violation] = []
        self.tally = _Tally(ruleset)

    def add(self, r: FileResult) -> None:
        self.files += 1
        reason = next((f.message for f in r.findings if f.check == UNREADABLE_CHECK), None)
        if reason is not None:
            self.unreadable.append((r.path, reason))
        elif is_undated(r):
            self.undated.append(r.path)
        elif r.published is not None and self.start <= r.published <= self.end:
            self.articles.append(r.path)
            self.tally.add(r)
            self.violations.extend(Violation(f, r.title, r.published, fingerprint(f)) for f in r.findings)
        else:
            self.outside += 1

    def finish(
        self,
        expiring_days: int = DEFAULT_EXPIRING_DAYS,
        previous_period: PastRun | None = None,
        previous_run: PastRun | None = None,
        generated: dt.datetime | None = None,
    ) -> Audit:
        ruleset, start, end, tally = self.ruleset, self.start, self.end, self.tally
        months = _months(start, end)

        usage: list[Usage] = []
        cap_findings: list[Violation] = []
        costs: list[Cost] = []
        for rule in ruleset:
            per_month = tuple(tally.month_usage(rule, m) for m in months)
            usage.append(
                Usage(
                    rule.id,
                    rule.name,
                    len(tally.articles.get(rule.id, ())),
                    tally.photos[rule.id],
                    rule.license.monthly_cap,
                    per_month,
                    tally.stories[rule.id],
                    rule.license.story_cap,
                )
            )
            cap_findings.extend(_cap_findings(rule, per_month))
            if rule.contract.has_rates:
                costs.append(_cost(rule, per_month))

        violations = [*self.violations, *cap_findings]
        violations.sort(key=lambda v: (v.finding.check, v.finding.path, v.finding.span, v.finding.message))

        licenses = tuple(_license_status(ruleset, rule.id, end, expiring_days) for rule in ruleset)

        current = {v.fingerprint: v for v in violations}
        new_items: tuple[Change, ...] = ()
        if previous_period is not None:
            before = {c.fingerprint for c in previous_period.findings}
            new_items = tuple(Change.of(v) for key, v in current.items() if key not in before)
        resolved_items: tuple[Change, ...] = ()
        if previous_run is not None:
            # Only a finding gone from an article that is still audited has been fixed; one whose
            # article left the period (or a rule file no longer capped) has just gone out of view.
            in_scope = set(self.articles) | {rule.path for rule in ruleset}
            resolved_items = tuple(
                c for c in previous_run.findings if c.fingerprint not in current and c.path in in_scope
            )
        order = _change_order
        trail = Trail(
            generated or _now(),
            previous_run=previous_run.run if previous_run is not None else None,
            previous_period_run=previous_period.run if previous_period is not None else None,
        )
        return Audit(
            start=start,
            end=end,
            expiring_days=expiring_days,
            rules_digest=ruleset.digest,
            files=self.files,
            articles=tuple(self.articles),
            outside=self.outside,
            photos=tally.total_photos,
            usage=tuple(usage),
            violations=tuple(violations),
            licenses=licenses,
            unknown=tally.unknown(),
            undated=tuple(self.undated),
            unreadable=tuple(self.unreadable),
            new_items=tuple(sorted(new_items, key=order)),
            resolved_items=tuple(sorted(resolved_items, key=order)),
            compared=previous_period is not None,
            trail=trail,
            stories=tally.total_stories,
            items=tally.items(),
            costs=tuple(costs),
            compared_same_period=previous_run is not None,
        )


def _change_order(c: Change) -> tuple[str, str, int, str]:
    return (c.path, c.check, c.line or 0, c.fingerprint)


class _Tally:
    """Counts photos and stories per licensor and month as the selected articles are added."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.photos: Counter[str] = Counter()
        self.stories: Counter[str] = Counter()
        self.articles: dict[str, set[str]] = {}
        self.month_photos: Counter[tuple[str, str]] = Counter()
        self.month_stories: Counter[tuple[str, str]] = Counter()
        self.month_articles: dict[tuple[str, str], set[str]] = {}
        self.total_photos = 0
        self.total_stories = 0
        self._items: list[UsageItem] = []
        # Unknown names grouped by their base key: spelling -> count, and counts by kind.
        self._unknown_spellings: dict[str, Counter[str]] = {}
        self._unknown_kinds: dict[str, Counter[str]] = {}
        self._unknown_paths: dict[str, set[str]] = {}

    def _reached(self, names: list[str]) -> list[str]:
        """Every rule the names are, or hold their license through, each once, in order."""
        reached: dict[str, None] = {}
        for source in names:
            for rule in self.ruleset.chain(source):
                reached.setdefault(rule.id)
        return list(reached)

    def _count(self, rule_id: str, month: str, path: str, kind: str) -> None:
        (self.photos if kind == PHOTO else self.stories)[rule_id] += 1
        (self.month_photos if kind == PHOTO else self.month_stories)[(rule_id, month)] += 1
        self.articles.setdefault(rule_id, set()).add(path)
        self.month_articles.setdefault((rule_id, month), set()).add(path)

    def _unknown(self, name: str, path: str, kind: str) -> None:
        key = base_key(name) or name.casefold()
        self._unknown_spellings.setdefault(key, Counter())[name] += 1
        self._unknown_kinds.setdefault(key, Counter())[kind] += 1
        self._unknown_paths.setdefault(key, set()).add(path)

    def add(self, r: FileResult) -> None:
        assert r.published is not None
        month = f"{r.published:%Y-%m}"
        for a in r.attributions:
            if a.kind is not AttributionKind.PHOTO_CREDIT:
                continue
            self.total_photos += 1
            # A credit counts once for each rule it names or is licensed through, never twice
            # for one rule (an "AFP via Getty Images" credit names Getty Images and reaches it via AFP).
            image = r.images[a.image] if a.image is not None and a.image < len(r.images) else None
            for rule_id in self._reached(a.sources):
                self._count(rule_id, month, r.path, PHOTO)
                self._items.append(
                    UsageItem(
                        rule_id,
                        PHOTO,
                        r.path,
                        a.span.line,
                        r.title,
                        r.published,
                        r.url,
                        a.text,
                        ", ".join(a.people) or None,
                        image.src if image is not None else None,
                        image.asset_id if image is not None else None,
                    )
                )
            for name in dict.fromkeys(a.unknown):
                self._unknown(name, r.path, PHOTO)
        evidence = story_evidence(r)
        if not evidence:
            return
        self.total_stories += 1
        by_rule: dict[str, list[Attribution]] = {}
        unknown: dict[str, None] = {}
        for a in evidence:
            for rule_id in self._reached(a.sources):
                by_rule.setdefault(rule_id, []).append(a)
            for name in _unknown_names(a):
                unknown.setdefault(name)
        for rule_id, found in by_rule.items():
            self._count(rule_id, month, r.path, STORY)
            text = "; ".join(dict.fromkeys(a.text for a in found))
            line = found[0].span.line
            self._items.append(
                UsageItem(rule_id, STORY, r.path, line, r.title, r.published, r.url, text, None, None, None)
            )
        for name in unknown:
            self._unknown(name, r.path, STORY)

    def month_usage(self, rule: Rule, month: str) -> MonthUsage:
        photos = self.month_photos[(rule.id, month)]
        stories = self.month_stories[(rule.id, month)]
        cap, story_cap = rule.license.monthly_cap, rule.license.story_cap
        return MonthUsage(
            month,
            len(self.month_articles.get((rule.id, month), ())),
            photos,
            stories,
            max(0, photos - cap) if cap is not None else 0,
            max(0, stories - story_cap) if story_cap is not None else 0,
        )

    def items(self) -> tuple[UsageItem, ...]:
        """Every item, by licensor, date and place; a picture counted twice for one licensor is marked."""
        uses: Counter[tuple[str, str]] = Counter()
        keys: list[str | None] = []
        for item in self._items:
            key = _image_key(item)
            keys.append(key)
            if key is not None:
                uses[(item.source, key)] += 1
        marked = [
            replace(item, reused=True) if key is not None and uses[(item.source, key)] > 1 else item
            for item, key in zip(self._items, keys, strict=True)
        ]
        return tuple(sorted(marked, key=lambda i: (i.source, i.date, i.path, i.line, i.kind, i.text)))

    def unknown(self) -> tuple[UnknownSource, ...]:
        out: list[UnknownSource] = []
        for key, spellings in self._unknown_spellings.items():
            # The spelling written most often names the group; on a tie, one not in capitals.
            shown = sorted(
                spellings.items(), key=lambda kv: (-kv[1], kv[0].isupper(), kv[0].casefold(), kv[0])
            )[0][0]
            kinds = self._unknown_kinds[key]
            variants = tuple(sorted(spellings, key=lambda s: (s.casefold(), s))) if len(spellings) > 1 else ()
            out.append(
                UnknownSource(
                    shown,
                    kinds[PHOTO] + kinds[STORY],
                    tuple(sorted(self._unknown_paths[key])[:MAX_EXAMPLES]),
                    kinds[PHOTO],
                    kinds[STORY],
                    variants,
                )
            )
        return tuple(sorted(out, key=lambda u: (-u.count, u.name.casefold(), u.name)))


def story_evidence(r: FileResult) -> list[Attribution]:
    """What says whose story an article is: its own notices (not a picture's) and its source names."""
    if r.format == "image":
        return []
    return [
        a
        for a in r.attributions
        if a.kind is AttributionKind.SOURCE or (a.kind is AttributionKind.COPYRIGHT and a.image is None)
    ]


def _unknown_names(a: Attribution) -> list[str]:
    return [n.text for n in a.names if _is_unknown(n)]


def _is_unknown(name: Name) -> bool:
    return name.role == "organisation" and name.rule is None


def _image_key(item: UsageItem) -> str | None:
    """What identifies a picture across articles: the agency's id, else its address."""
    if item.image_id:
        return "id:" + item.image_id
    if not item.image:
        return None
    src = item.image.split("#", 1)[0].split("?", 1)[0]
    if "://" in src or src.startswith("//"):
        return "url:" + src.split("//", 1)[1]
    # A local picture is the same file when its path from the article's folder is.
    folder = posixpath.dirname(item.path.replace("\\", "/"))
    return "file:" + posixpath.normpath(posixpath.join(folder, src.lstrip("/")))


def _cap_findings(rule: Rule, per_month: tuple[MonthUsage, ...]) -> list[Violation]:
    out: list[Violation] = []
    for m in per_month:
        for used, over, cap, noun, text in (
            (m.photos, m.photos_over, rule.license.monthly_cap, "photos", rule.name),
            # The text names the kind, so a story overage has a fingerprint of its own.
            (m.stories, m.stories_over, rule.license.story_cap, "stories", f"{rule.name} stories"),
        ):
            if not over or cap is None:
                continue
            finding = Finding(
                rule.path,
                Span(1, 1, 1, 1),
                CAP_CHECK,
                CAP_CODE,
                Severity.ERROR,
                f"{rule.name}: {used} {noun} used in {m.month}, over the monthly cap of {cap}",
                # The text is the source, not the numbers, so the fingerprint stays the same
                # from month to month while the overage persists.
                text,
                None,
                rule.id,
            )
            out.append(Violation(finding, None, None, fingerprint(finding)))
    return out


def _cost(rule: Rule, per_month: tuple[MonthUsage, ...]) -> Cost:
    """Uses within a cap at the kind's rate, uses over it at the overage rate (else the kind's)."""
    c = rule.contract
    zero = decimal.Decimal(0)
    months: list[MonthCost] = []
    for m in per_month:
        amount = zero
        kinds = ((m.photos, m.photos_over, c.photo_rate), (m.stories, m.stories_over, c.story_rate))
        for used, over, rate in kinds:
            over_rate = c.overage_rate if c.overage_rate is not None else rate
            amount += (used - over) * (rate or zero) + over * (over_rate or zero)
        months.append(MonthCost(m.month, m.photos, m.stories, m.photos_over, m.stories_over, amount))
    assert c.currency is not None  # rates without a currency are rejected when the rule is loaded
    return Cost(rule.id, rule.name, c.currency, c.photo_rate, c.story_rate, c.overage_rate, tuple(months))


_STATUS = {
    Coverage.UNLICENSED: LicenseState.NONE,
    Coverage.SUSPENDED: LicenseState.SUSPENDED,
    Coverage.EXPIRED: LicenseState.EXPIRED,
    Coverage.NOT_STARTED: LicenseState.NOT_STARTED,
}


def _license_status(ruleset: RuleSet, rule_id: str, day: dt.date, expiring_days: int) -> LicenseStatus:
    rule = ruleset[rule_id]
    lic = rule.license
    # A source held through another (AFP via Getty Images) stands or falls with that license.
    coverage, _ = ruleset.coverage(rule_id, day)
    ending = [r for r in ruleset.chain(rule_id) if r.license.until is not None]
    # The license that runs out first decides when this source stops being covered.
    covering = min(ending, key=lambda r: r.license.until or dt.date.max) if ending else None
    effective_until = covering.license.until if covering is not None else None
    if coverage is Coverage.COVERED:
        soon = effective_until is not None and (effective_until - day).days <= expiring_days
        status = LicenseState.EXPIRING if soon else LicenseState.ACTIVE
    else:
        status = _STATUS[coverage]
    notice_days = covering.contract.renewal_notice_days if covering is not None else None
    deadline = None
    renewal = None
    if effective_until is not None and notice_days is not None:
        deadline = effective_until - dt.timedelta(days=notice_days)
        if coverage is Coverage.COVERED:
            if deadline < day:
                renewal = "passed"
            elif (deadline - day).days <= expiring_days:
                renewal = "due"
    contact = rule.contract.contact or (covering.contract.contact if covering is not None else None)
    return LicenseStatus(
        rule.id,
        rule.name,
        status,
        lic.start,
        lic.until,
        rule.contract.reference,
        lic.via,
        effective_until,
        contact,
        notice_days,
        deadline,
        renewal,
    )
