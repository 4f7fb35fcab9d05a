"""Per-document judgements shared by several checks: credit forms and license coverage.

Checks read these instead of recomputing them, so e.g. deprecated-credit, credit-format and
missing-photographer can never disagree about which form a credit was matched against.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import ClassVar, final

from creditcheck import compilecache
from creditcheck.compilecache import dataclass
from creditcheck.extract import TAIL_TAG  # one list of wire tags for parsing and judging
from creditcheck.model import Attribution, AttributionKind, Name, NameRole, Span, _Frozen
from creditcheck.resolve import Resolver
from creditcheck.ruleset import Coverage, CreditForm, Rule, RuleSet, SourceKind, alias_key
from creditcheck.templates import Template, normalize

_NO_PHOTOGRAPHER_CACHE: dict[str, Template] = {}


class FormStatus(enum.Enum):
    OK = "ok"
    UNCHECKED = "unchecked"
    DEPRECATED = "deprecated"
    FORMAT = "format"
    MISSING_PHOTOGRAPHER = "missing-photographer"


@final
class CreditJudgement(_Frozen):
    """How one photo credit compares with the forms its sources' rules accept.

    ``expected`` is the form the credit should take, placeholders filled where known; ``fix``
    the replacement for the whole credit, only when fully known; ``dropped`` the organisations
    the credit names that the suggested form would leave out (then no fix); ``collection`` the
    text an accepted form's {collection} matched (names in it are held under that rule).
    """

    __slots__ = ("attribution", "collection", "dropped", "expected", "fix", "rule", "status")
    __match_args__: ClassVar[tuple[str, ...]] = (
        "attribution",
        "status",
        "rule",
        "expected",
        "fix",
        "dropped",
        "collection",
    )
    attribution: Attribution
    status: FormStatus
    rule: Rule | None
    expected: str | None
    fix: str | None
    dropped: tuple[str, ...]
    collection: str | None

    def __init__(
        self,
        attribution: Attribution,
        status: FormStatus,
        rule: Rule | None = None,
        expected: str | None = None,
        fix: str | None = None,
        dropped: tuple[str, ...] = (),
        collection: str | None = None,
    ) -> None:
        object.__setattr__(self, "attribution", attribution)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "expected", expected)
        object.__setattr__(self, "fix", fix)
        object.__setattr__(self, "dropped", dropped)
        object.__setattr__(self, "collection", collection)

    def _key(
        self,
    ) -> tuple[Attribution, FormStatus, Rule | None, str | None, str | None, tuple[str, ...], str | None]:
        return (
            self.attribution,
            self.status,
            self.rule,
            self.expected,
            self.fix,
            self.dropped,
            self.collection,
        )

    def with_attribution(self, attribution: Attribution) -> CreditJudgement:
        """The same judgement of another attribution (the credit with its names marked)."""
        return self._replace(attribution=attribution)


@dataclass(frozen=True, slots=True)
class CoverageProblem:
    """A source named in the document that its license does not cover on the publication date."""

    outcome: Coverage
    name: Name
    rule: Rule
    decided_by: Rule
    span: Span
    text: str


def cased_like(original: str, replacement: str) -> str:
    """``replacement`` in the letter case the original used (REUTERS stays upper case)."""
    letters = [c for c in original if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return replacement.upper()
    return replacement


def corrected_text(attribution: Attribution) -> str:
    """The attribution's text with every misspelled source name replaced by its alias."""
    text = attribution.text
    for name in attribution.names:
        if name.misspelled and name.alias:
            text = text.replace(name.text, cased_like(name.text, name.alias), 1)
    return text


def _no_photographer(template: Template) -> Template:
    cached = _NO_PHOTOGRAPHER_CACHE.get(template.text)
    if cached is None:
        bare = re.sub(r"\s*\{photographer\}\s*[/,]?\s*|\s*[/,]?\s*\{photographer\}\s*", "", template.text)
        cached = Template(bare.strip() or template.text)
        _NO_PHOTOGRAPHER_CACHE[template.text] = cached
    return cached


# Compiled once: a pattern given to re.search as a string is looked up in re's cache each call.
_PEOPLE_SPLIT = compilecache.compile(r"\s*(?:,|\band\b|&)\s*")
_SYNDICATOR_SUFFIX = compilecache.compile(r"(\s*/\s*|\s+via\s+)([^/]+?)\s*$")


def _match(template: Template, text: str, ruleset: RuleSet) -> dict[str, str] | None:
    """Match a form, refusing a "photographer" that is really a source ("AFP/Getty Images")."""
    values = template.match(text)
    if values is None or "photographer" not in values:
        return values
    for piece in _PEOPLE_SPLIT.split(values["photographer"]):
        if alias_key(piece) in ruleset.alias_index:
            return None
    return values


def _split_suffix(text: str, ruleset: RuleSet, attribution: Attribution) -> tuple[str, str]:
    """Split a trailing syndicator credit ("…/TNS") from the credit proper."""
    # The suffix opens with a slash or with "via": a credit holding neither has none.
    m = _SYNDICATOR_SUFFIX.search(text) if "/" in text or "via" in text else None
    if m:
        resolve = {normalize(n.text).casefold(): n.rule for n in attribution.names}
        rule_id = resolve.get(normalize(m.group(2)).casefold())
        if rule_id is not None and ruleset[rule_id].kind == SourceKind.SYNDICATOR:
            return text[: m.start()], text[m.start() :]
    return text, ""


@final
class _CreditText:
    """A credit's text cut for matching: wire tag, syndicator suffix, and the forms to try.

    A plain class (mypyc makes it a native one): one is made for each credit judged.
    """

    __slots__ = ("core", "proper", "suffix", "tag", "variants")

    def __init__(
        self, core: str, proper: str, suffix: str, tag: str, variants: tuple[tuple[str, str], ...]
    ) -> None:
        self.core = core  # without the wire tag
        self.proper = proper  # without the tag and the syndicator suffix
        self.suffix = suffix  # "/TNS", " via TNS" or ""
        self.tag = tag  # ", File", " TPX IMAGES OF THE DAY" or ""
        self.variants = variants  # (text to match, suffix it left off)


def _credit_text(attribution: Attribution, ruleset: RuleSet) -> _CreditText:
    text = corrected_text(attribution)
    tag = TAIL_TAG.search(text)
    tag_text = text[tag.start() :] if tag and tag.start() > 0 else ""
    core = text[: len(text) - len(tag_text)]
    proper, suffix = _split_suffix(core, ruleset, attribution)
    variants = ((core, ""),) if not suffix else ((core, ""), (proper, suffix))
    return _CreditText(core, proper, suffix, tag_text, variants)


def judge_credit(attribution: Attribution, ruleset: RuleSet, day: dt.date) -> CreditJudgement:
    """Compare a photo credit with the accepted and deprecated forms of the sources it names."""
    rules = [ruleset[r] for r in attribution.sources if ruleset[r].credits or ruleset[r].deprecated]
    if not rules:
        return CreditJudgement(attribution, FormStatus.UNCHECKED)
    ct = _credit_text(attribution, ruleset)
    judged, stale = _known_form(attribution, rules, ct, ruleset, day)
    if judged is not None:
        return judged
    current = [(rule, form) for rule in rules for form in rule.credits if form.in_effect(day)]
    if not attribution.people:
        missing = _missing_photographer(attribution, rules, current, ct)
        if missing is not None:
            return missing
    if not current:
        if stale is None:
            return CreditJudgement(attribution, FormStatus.UNCHECKED)
        return CreditJudgement(attribution, FormStatus.FORMAT, stale[0], None)
    return _closest_form(attribution, current, ct, ruleset)


def _known_form(
    attribution: Attribution, rules: list[Rule], ct: _CreditText, ruleset: RuleSet, day: dt.date
) -> tuple[CreditJudgement | None, tuple[Rule, CreditForm] | None]:
    """The judgement when the credit is an accepted or deprecated form as written.

    Also the first accepted form it matches that is not in effect on ``day`` (a stale form).
    """
    stale: tuple[Rule, CreditForm] | None = None
    for variant, var_suffix in ct.variants:
        for rule in rules:
            for form in rule.credits:
                values = _match(form.template, variant, ruleset)
                if values is None:
                    continue
                if form.in_effect(day):
                    collection = values.get("collection")
                    return CreditJudgement(attribution, FormStatus.OK, rule, collection=collection), stale
                stale = stale or (rule, form)
            for dep in rule.deprecated:
                values = _match(dep.template, variant, ruleset)
                if values is None:
                    continue
                if not dep.deprecated_on(day):
                    return CreditJudgement(attribution, FormStatus.OK, rule), stale
                new = dep.replacement.render(**values) + var_suffix + ct.tag
                complete = "{" not in new
                judged = CreditJudgement(
                    attribution, FormStatus.DEPRECATED, rule, new, new if complete else None
                )
                return judged, stale
    return None, stale


def _missing_photographer(
    attribution: Attribution, rules: list[Rule], current: list[tuple[Rule, CreditForm]], ct: _CreditText
) -> CreditJudgement | None:
    """A credit that is a form needing a photographer, written without one."""
    for variant, _var_suffix in ct.variants:
        for rule, form in current:
            if not form.template.needs_photographer:
                continue
            bare = _no_photographer(form.template).match(variant)
            if bare is not None:
                return CreditJudgement(
                    attribution,
                    FormStatus.MISSING_PHOTOGRAPHER,
                    rule,
                    form.template.text + ct.suffix,
                    collection=bare.get("collection"),
                )
        for rule in rules:
            for dep in rule.deprecated:
                if (
                    dep.template.needs_photographer
                    and _no_photographer(dep.template).match(variant) is not None
                ):
                    return CreditJudgement(
                        attribution, FormStatus.MISSING_PHOTOGRAPHER, rule, dep.replacement.text + ct.suffix
                    )
    return None


def _closest_form(
    attribution: Attribution, current: list[tuple[Rule, CreditForm]], ct: _CreditText, ruleset: RuleSet
) -> CreditJudgement:
    """The closest accepted form, filled in with the credit's own photographer(s).

    A form that keeps every organisation the credit names beats a closer-looking one that drops
    some ("AFP/GETTY" is an AFP-via-Getty credit, not a Getty one missing its AFP).
    """
    suffix = ct.suffix
    target = normalize(ct.proper if suffix else ct.core).casefold()
    # Organisations no rule names, and collections, are what a {collection} holds ("Gamma-Rapho").
    people = ", ".join(attribution.people)
    held = [n.text for n in attribution.names if n.role in _HELD and n.rule is None]
    values = {"photographer": people, "collection": "/".join(dict.fromkeys(held))}
    from rapidfuzz import fuzz

    best_rule, best_form = current[0]
    best_key: tuple[int, float] | None = None
    for rule, form in current:
        rendered = form.template.render(**values)
        score = fuzz.ratio(target, normalize(rendered).casefold())
        key = (len(_dropped(attribution, rendered + suffix, ruleset)), -score)
        if best_key is None or key < best_key:
            best_rule, best_form, best_key = rule, form, key
    expected = best_form.template.render(**values)
    # Keep a syndicator suffix unless the form already ends with it.
    if suffix and not normalize(expected).casefold().endswith(normalize(suffix).casefold().lstrip("/ ")):
        expected += suffix
    expected += ct.tag
    dropped = _dropped(attribution, expected, ruleset)
    if dropped:
        # "X/Gamma-Rapho via Getty Images" is Getty's own form for a partner collection:
        # rewriting it to "X/Getty Images" would erase a party the license may require.
        return CreditJudgement(
            attribution, FormStatus.FORMAT, best_rule, best_form.template.text, None, dropped
        )
    fix = expected if "{" not in expected else None
    return CreditJudgement(attribution, FormStatus.FORMAT, best_rule, expected, fix)


def mark_collections(judgements: list[CreditJudgement], resolver: Resolver) -> list[CreditJudgement]:
    """Judgements whose credits name their distributor's collection with those names re-roled.

    In ``X/Gamma-Rapho via Getty Images`` accepted as ``{photographer}/{collection} via Getty
    Images``, Gamma-Rapho is a collection the Getty Images license carries, not an unknown
    source: its names take the role ``collection``. A name there that is a near miss of a known
    source or of a collection the rule lists (``APF`` for AFP) is resolved as a misspelling
    instead, and when the rule lists its collections, a name it does not list stays an unknown
    organisation.
    """
    out: list[CreditJudgement] = []
    for j in judgements:
        if j.collection is None:
            out.append(j)
            continue
        inside = normalize(j.collection).casefold()
        listed = j.rule.collections if j.rule is not None else ()
        extra = dict.fromkeys(listed, j.rule.id) if j.rule is not None else {}
        accepted = {alias_key(c) for c in listed}
        names = tuple(
            _in_collection(n, resolver, extra, accepted)
            if n.role == NameRole.ORGANISATION and n.rule is None and normalize(n.text).casefold() in inside
            else n
            for n in j.attribution.names
        )
        out.append(j.with_attribution(j.attribution.with_names(names)))
    return out


def _in_collection(name: Name, resolver: Resolver, extra: dict[str, str], accepted: set[str]) -> Name:
    """An unknown name a {collection} holds: a misspelling, a collection, or still unknown."""
    near = resolver.near_miss(name.text, extra)
    if near is not None:
        return Name(name.text, name.span, name.role, near.rule, near.score, near.alias)
    if not extra or alias_key(name.text) in accepted:
        return name.with_role(NameRole.COLLECTION)
    return name


# The names a credit's form must keep: sources, and the collections a distributor carries.
_HELD = (NameRole.ORGANISATION, NameRole.COLLECTION)


def _dropped(attribution: Attribution, expected: str, ruleset: RuleSet) -> tuple[str, ...]:
    """The organisations ``attribution`` names that ``expected`` no longer names, in order."""
    written = normalize(expected).casefold()
    out: list[str] = []
    for n in attribution.names:
        if n.role not in _HELD:
            continue
        spellings = [n.text] if n.rule is None else [n.text, *ruleset[n.rule].all_names]
        if not any(normalize(s).casefold() in written for s in spellings) and n.text not in out:
            out.append(n.text)
    return tuple(out)


def coverage_problems(
    attributions: list[Attribution], extra: list[Name], ruleset: RuleSet, day: dt.date
) -> list[CoverageProblem]:
    """Every source that is not covered on ``day``, once per attribution and deciding license."""
    problems: list[CoverageProblem] = []
    groups: list[tuple[list[Name], Span, str]] = [(list(a.names), a.span, a.text) for a in attributions]
    groups.extend(([n], n.span, n.text) for n in extra)
    for names, _span, text in groups:
        seen: set[tuple[str, Coverage]] = set()
        for name in names:
            if name.rule is None:
                continue
            outcome, decided_by = ruleset.coverage(name.rule, day)
            if outcome is Coverage.COVERED or (decided_by.id, outcome) in seen:
                continue
            seen.add((decided_by.id, outcome))
            problems.append(CoverageProblem(outcome, name, ruleset[name.rule], decided_by, name.span, text))
    return problems


def is_credit(attribution: Attribution) -> bool:
    return attribution.kind is AttributionKind.PHOTO_CREDIT


# A name written as a role that says the picture was handed out ("HANDOUT/AFP", "HO/AFP").
_HANDOUT_ROLES = frozenset({"handout", "handout photo", "handout image", "family handout", "ho"})


def is_handout(attribution: Attribution) -> bool:
    """Whether a credit says its picture is a handout: supplied free by its owner, not licensed.

    That is a name with the role ``handout`` (``X/Handout``, ``Family handout``) or ``courtesy``
    (``Courtesy of X``), or the role word itself (``HANDOUT/AFP``, ``HO/AFP``).
    """
    return is_credit(attribution) and any(
        n.role in (NameRole.HANDOUT, NameRole.COURTESY)
        or (n.role == NameRole.ROLE and alias_key(n.text) in _HANDOUT_ROLES)
        for n in attribution.names
    )
