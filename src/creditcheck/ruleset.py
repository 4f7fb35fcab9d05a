"""The rules: sources, licenses, credit forms, and answering "is source S covered on date D".

Rule files are read by ``rulefiles`` (YAML, validated line by line); ``load_rules`` takes a
validated rule set from ``rulecache`` when the files are unchanged since they were last read.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from collections.abc import Iterator, Sequence
from dataclasses import field
from typing import TYPE_CHECKING

from creditcheck import compilecache
from creditcheck.compilecache import dataclass
from creditcheck.templates import Template, normalize

if TYPE_CHECKING:
    import decimal

    from creditcheck.errors import RuleFileError


class SourceKind(enum.StrEnum):
    """What a rule's source is: who makes, distributes or syndicates the material."""

    AGENCY = "agency"
    DISTRIBUTOR = "distributor"
    SYNDICATOR = "syndicator"
    PUBLISHER = "publisher"


KINDS = tuple(kind.value for kind in SourceKind)
STATUSES = ("active", "none", "suspended")
YEAR_POLICIES = ("publication", "any")
_ID = compilecache.compile(r"^[a-z0-9][a-z0-9-]*$")
_AMOUNT = compilecache.compile(r"^\d{1,12}(?:\.\d{1,6})?$")


class Coverage(enum.Enum):
    """The outcome of asking whether a source's license covers a date."""

    COVERED = "covered"
    UNLICENSED = "unlicensed"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    NOT_STARTED = "not-started"


@dataclass(frozen=True)
class License:
    status: str
    via: str | None = None
    start: dt.date | None = None
    until: dt.date | None = None
    territories: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    agreement: str | None = None
    monthly_cap: int | None = None  # photos per calendar month
    story_cap: int | None = None  # stories per calendar month


@dataclass(frozen=True)
class Contract:
    """The commercial terms of a license, for the audit's renewal deadlines and cost estimates."""

    reference: str | None = None
    contact: str | None = None
    renewal_notice_days: int | None = None
    currency: str | None = None
    photo_rate: decimal.Decimal | None = None
    story_rate: decimal.Decimal | None = None
    # Charged for each use over a monthly cap instead of the kind's own rate.
    overage_rate: decimal.Decimal | None = None

    @property
    def has_rates(self) -> bool:
        return any(r is not None for r in (self.photo_rate, self.story_rate, self.overage_rate))


@dataclass(frozen=True)
class CreditForm:
    """An accepted credit form, in effect for articles published in [start, until]."""

    template: Template
    start: dt.date | None = None
    until: dt.date | None = None

    def in_effect(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class DeprecatedForm:
    """A retired credit form: accepted before ``start``, a finding from ``start`` on."""

    template: Template
    replacement: Template
    start: dt.date | None = None

    def deprecated_on(self, day: dt.date) -> bool:
        return self.start is None or day >= self.start


@dataclass(frozen=True)
class Notice:
    template: Template
    required: bool = True
    year: str = "publication"


@dataclass(frozen=True)
class Withdrawal:
    """A kill notice: every copy of the item must go.

    It names the item by the provider's asset id, by photographer and date, or by text that
    appears in its caption; ``reason`` is shown in the finding.
    """

    asset: str | None = None
    photographer: str | None = None
    day: dt.date | None = None
    caption: str | None = None
    reason: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Rule:
    """One validated rule file: a source and its license."""

    id: str
    name: str
    path: str
    kind: SourceKind
    license: License
    aliases: tuple[str, ...] = ()
    credits: tuple[CreditForm, ...] = ()
    deprecated: tuple[DeprecatedForm, ...] = ()
    notice: Notice | None = None
    withdrawn: tuple[Withdrawal, ...] = ()
    usage_terms: tuple[str, ...] = ()  # special instructions this source makes binding
    contract: Contract = Contract()
    # The only names a {collection} may hold (empty: any); a near miss of one is misspelled-source.
    collections: tuple[str, ...] = ()
    # (name, line, key) of the name and each alias, so a clash can point at its line.
    name_lines: tuple[tuple[str, int, str], ...] = field(default=(), compare=False)

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class RuleSet:
    """All rules of a folder, with the alias index the resolver uses."""

    rules: dict[str, Rule]
    digest: str = ""
    alias_index: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for rule in self.rules.values():
            for name in (rule.id, *rule.all_names):
                self.alias_index.setdefault(alias_key(name), rule.id)

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules[k] for k in sorted(self.rules))

    def picture_sources(self) -> frozenset[str]:
        """The ids of picture agencies and distributors: a © before one opens a credit, not a notice."""
        return frozenset(
            rule.id
            for rule in self.rules.values()
            if rule.kind in (SourceKind.AGENCY, SourceKind.DISTRIBUTOR)
        )

    def chain(self, rule_id: str) -> list[Rule]:
        """The rule and every rule its license is held through, in order."""
        out: list[Rule] = []
        current: str | None = rule_id
        while current is not None and current in self.rules:
            rule = self.rules[current]
            # A rule met again closes a loop of `via`s. Asked by identity: rules are keyed by
            # their unique ids, so two are equal only when they are one, and the generated
            # __eq__ would compare every field of each rule already in the chain.
            if any(seen is rule for seen in out):
                break
            out.append(rule)
            current = rule.license.via if rule.license.status == "active" else None
        return out

    def coverage(self, rule_id: str, day: dt.date) -> tuple[Coverage, Rule]:
        """Whether ``rule_id`` is covered on ``day``, and the rule whose license decides it."""
        for rule in self.chain(rule_id):
            lic = rule.license
            if lic.status == "none":
                return Coverage.UNLICENSED, rule
            if lic.status == "suspended":
                return Coverage.SUSPENDED, rule
            if lic.start is not None and day < lic.start:
                return Coverage.NOT_STARTED, rule
            if lic.until is not None and day > lic.until:
                return Coverage.EXPIRED, rule
            if lic.via is None:
                return Coverage.COVERED, rule
        # An unbroken chain always ends above; a dangling `via` is rejected at load time.
        raise AssertionError(f"broken via chain for {rule_id}")  # pragma: no cover


# Punctuation dropped and hyphens made spaces, in one pass (this runs for every name found).
_ALIAS_TABLE = str.maketrans(
    {".": None, ",": None, "'": None, "’": None, "`": None, "-": " ", "‐": " ", "–": " "}
)


def alias_key(name: str) -> str:
    """The form in which names are compared: folded case, no leading "the", no punctuation."""
    key = normalize(name).casefold().translate(_ALIAS_TABLE)
    key = " ".join(key.split())
    if key.startswith("the "):
        key = key[4:]
    return key


def load_rules(folders: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> RuleSet:
    """Load and validate every ``*.yaml``/``*.yml`` file of the folder(s); raise the first error."""
    from creditcheck import rulecache

    cached = rulecache.lookup(folders)
    if cached.ruleset is not None:
        return cached.ruleset
    ruleset, errors = lint_rules(folders)
    if errors:
        raise errors[0]
    assert ruleset is not None
    cached.store(ruleset)
    return ruleset


def lint_rules(
    folders: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
) -> tuple[RuleSet | None, list[RuleFileError]]:
    """Validate every rule file of the folder(s), collecting all errors rather than stopping.

    Several folders (a shared set and a site's own, say) form one rule set: an id may be
    defined once, and ``via`` may point across folders.
    """
    from creditcheck.rulefiles import lint_rules as lint

    return lint(folders)
