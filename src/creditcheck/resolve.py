"""Names to rule ids: exact alias (case-insensitive), known qualifiers, then fuzzy near-miss."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from creditcheck.ruleset import RuleSet, alias_key

# Words agencies append to their own name in credits: "AFP Photo", "Reuters TV", "Getty Images
# North America", "Mike Blake/Reuters files". They do not change which source is meant.
_QUALIFIERS = (
    "photo", "photos", "pictures", "picture", "pix", "images", "image", "tv", "video", "file",
    "files", "archive", "archives", "staff", "pool", "news", "europe", "asia", "asia pacific",
    "north america", "south america", "latin america", "middle east", "africa", "sport",
    "sports", "entertainment", "connect", "plus", "creative", "editorial", "news agency",
)
_QUALIFIER_KEYS = tuple(sorted((" " + q for q in _QUALIFIERS), key=len, reverse=True))
DEFAULT_THRESHOLD = 85.0
_MIN_FUZZY_LEN = 5


@dataclass(frozen=True, slots=True)
class Resolution:
    rule: str
    score: float
    alias: str


class Resolver:
    """Resolves source names against one RuleSet; results are memoised per name."""

    def __init__(self, ruleset: RuleSet, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.ruleset = ruleset
        self.threshold = threshold
        self._aliases: dict[str, str] = {}
        for rule in ruleset:
            for name in (*rule.all_names, rule.id):
                self._aliases.setdefault(alias_key(name), name)
        self._fuzzy_keys = [k for k in ruleset.alias_index if len(k) >= _MIN_FUZZY_LEN]
        self._cache: dict[str, Resolution | None] = {}

    def resolve(self, name: str) -> Resolution | None:
        """The rule ``name`` means, with score 100 for an exact alias, lower for a near-miss."""
        key = alias_key(name)
        if key in self._cache:
            return self._cache[key]
        result = self._exact(key)
        if result is None and len(key) >= _MIN_FUZZY_LEN and self._fuzzy_keys:
            best = process.extractOne(
                key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=self.threshold
            )
            if best is not None:
                matched = best[0]
                result = Resolution(self.ruleset.alias_index[matched], float(best[1]), self._aliases[matched])
        self._cache[key] = result
        return result

    def _exact(self, key: str) -> Resolution | None:
        index = self.ruleset.alias_index
        if key in index:
            return Resolution(index[key], 100.0, self._aliases[key])
        stripped = key
        changed = True
        while changed:
            changed = False
            for q in _QUALIFIER_KEYS:
                if stripped.endswith(q) and len(stripped) > len(q):
                    stripped = stripped[: -len(q)].rstrip()
                    changed = True
                    if stripped in index:
                        return Resolution(index[stripped], 100.0, self._aliases[stripped])
        return None

    def is_exact_alias(self, name: str) -> bool:
        return alias_key(name) in self.ruleset.alias_index
