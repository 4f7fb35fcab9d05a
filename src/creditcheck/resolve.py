"""Names to rule ids: exact alias (case-insensitive), known qualifiers, then fuzzy near-miss."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator, Mapping

from creditcheck.compilecache import dataclass
from creditcheck.ruleset import RuleSet, alias_key
from creditcheck.templates import normalize

# Words agencies append to their own name in credits: "AFP Photo", "Reuters TV", "Getty Images
# North America", "Mike Blake/Reuters files". They do not change which source is meant.
_QUALIFIERS = (
    "photo",
    "photos",
    "pictures",
    "picture",
    "pix",
    "images",
    "image",
    "tv",
    "video",
    "file",
    "files",
    "archive",
    "archives",
    "staff",
    "pool",
    "news",
    "europe",
    "asia",
    "asia pacific",
    "north america",
    "south america",
    "latin america",
    "middle east",
    "africa",
    "sport",
    "sports",
    "entertainment",
    "connect",
    "plus",
    "creative",
    "editorial",
    "news agency",
    # Legal-form suffixes in notices: "Bloomberg L.P.", "The Japan Times Ltd.", "Reuters Limited".
    "inc",
    "ltd",
    "limited",
    "llc",
    "lp",
    "llp",
    "corp",
    "corporation",
    "co",
    "gmbh",
    "plc",
    "ag",
    "sa",
    "kk",
)
_QUALIFIER_KEYS = tuple(sorted((" " + q for q in _QUALIFIERS), key=len, reverse=True))
DEFAULT_THRESHOLD = 85.0
_MISSING = object()
_MIN_FUZZY_LEN = 5
# Below the fuzzy length only a swap of two neighbouring letters is a near miss ("APF" for "AFP"):
# any other one-letter change of a three-letter acronym is another acronym as often as a typo.
_MIN_SWAP_LEN = 3


@dataclass(frozen=True, slots=True)
class Resolution:
    rule: str
    score: float
    alias: str


def _without_qualifiers(key: str) -> Iterator[str]:
    """The key with its trailing qualifiers dropped one at a time ("afp photo files": "afp photo", "afp")."""
    changed = True
    while changed:
        changed = False
        for q in _QUALIFIER_KEYS:
            if key.endswith(q) and len(key) > len(q):
                key = key[: -len(q)].rstrip()
                changed = True
                yield key


def base_key(name: str) -> str:
    """A name's alias key without the qualifiers agencies append: "Kyodo News" and "KYODO" are "kyodo"."""
    key = alias_key(name)
    forms = list(_without_qualifiers(key))
    return forms[-1] if forms else key


class Resolver:
    """Resolves source names against one RuleSet; results are memoised per name."""

    def __init__(self, ruleset: RuleSet, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.ruleset = ruleset
        self.threshold = threshold
        # Every spelling of every key: "The Associated Press" and "Associated Press" share one.
        self._aliases: dict[str, list[str]] = {}
        for rule in ruleset:
            for name in (*rule.all_names, rule.id):
                spellings = self._aliases.setdefault(alias_key(name), [])
                if name not in spellings:
                    spellings.append(name)
        self._fuzzy_keys = [k for k in ruleset.alias_index if len(k) >= _MIN_FUZZY_LEN]
        self._fuzzy_counts: list[tuple[int, Counter[str]]] | None = None
        self._cache: dict[tuple[str, bool], Resolution | None] = {}
        # The same spelling comes back in article after article; its key and "The" take two
        # Unicode normalisations to work out, a lookup by the name itself takes none.
        self._by_name: dict[str, Resolution | None] = {}

    def resolve(self, name: str) -> Resolution | None:
        """The rule ``name`` means, with score 100 for an exact alias, lower for a near-miss."""
        known = self._by_name.get(name, _MISSING)
        if known is not _MISSING:
            return known  # type: ignore[return-value]
        resolution = self._resolve(name)
        self._by_name[name] = resolution
        return resolution

    def _resolve(self, name: str) -> Resolution | None:
        key = alias_key(name)
        has_the = normalize(name).casefold().startswith("the ")
        cached = self._cache.get((key, has_the), _MISSING)
        if cached is not _MISSING:
            return cached  # type: ignore[return-value]
        result = self._exact(key)
        if result is None or (result[1] == 100.0 and key not in self.ruleset.alias_index):
            near = self._fuzzy(key)
            # "Getty Image" is one letter from the alias "Getty Images", not "Getty" plus a
            # qualifier: a near-miss of a longer alias of the same rule wins over the stripping
            # ("Bloomberg LP" stays "Bloomberg" with a legal-form suffix).
            if result is None or (
                near is not None
                and self.ruleset.alias_index[near[0]] == self.ruleset.alias_index[result[0]]
                and len(near[0]) > len(result[0])
            ):
                result = near or result
        resolution = None
        if result is not None:
            matched, score = result
            spelling = self._spelling(matched, has_the)
            resolution = Resolution(self.ruleset.alias_index[matched], score, spelling)
        self._cache[(key, has_the)] = resolution
        return resolution

    def _spelling(self, key: str, has_the: bool) -> str:
        """The rule's spelling of ``key``, with or without "The" as the name was written."""
        spellings = self._aliases[key]
        for spelling in spellings:
            if normalize(spelling).casefold().startswith("the ") == has_the:
                return spelling
        return spellings[0]

    def _fuzzy(self, key: str) -> tuple[str, float] | None:
        if len(key) < _MIN_FUZZY_LEN or not self._fuzzy_keys:
            return None
        if "rapidfuzz" not in sys.modules and not self._could_be_near(key):
            return None
        # Imported at the first name that could be a near miss: an article whose names are
        # all known or far from every alias (most of them) never needs it.
        from rapidfuzz import fuzz, process

        best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=self.threshold)
        if best is None:
            return None
        return best[0], float(best[1])

    def _could_be_near(self, key: str) -> bool:
        """Whether some alias might score ``threshold`` against ``key`` (never False when one does).

        ``fuzz.ratio`` is 200 × LCS / (len a + len b), and the longest common subsequence is at
        most the characters the two strings have in common, counted with repeats.
        """
        if self._fuzzy_counts is None:
            self._fuzzy_counts = [(len(k), Counter(k)) for k in self._fuzzy_keys]
        wanted = self.threshold - 1e-6  # rounding never hides a match
        size = len(key)
        counts = Counter(key).items()
        for length, alias in self._fuzzy_counts:
            total = size + length
            if 200 * min(size, length) < wanted * total:
                continue
            common = sum(min(n, alias[ch]) for ch, n in counts)
            if 200 * common >= wanted * total:
                return True
        return False

    def _exact(self, key: str) -> tuple[str, float] | None:
        """The alias key ``key`` is, directly or once agency qualifiers are stripped."""
        index = self.ruleset.alias_index
        if key in index:
            return key, 100.0
        for stripped in _without_qualifiers(key):
            if stripped in index:
                return stripped, 100.0
        return None

    def near_miss(self, name: str, extra: Mapping[str, str] | None = None) -> Resolution | None:
        """The known name ``name`` misspells, where a name no rule knows is not expected to be new.

        Used for the text a template's ``{collection}`` matched: a near miss of any rule's name
        or alias, or of ``extra`` (more names, each with the rule id it belongs to), by the
        fuzzy threshold for names of five or more characters and by one swap of neighbouring
        letters for shorter ones. An exact name is not a miss (None).
        """
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        key = alias_key(name)
        candidates = dict(self.ruleset.alias_index)
        spellings: dict[str, str] = {}
        for written, rule_id in (extra or {}).items():
            if alias_key(written) not in candidates:
                candidates[alias_key(written)] = rule_id
                spellings[alias_key(written)] = written
        if key in candidates or len(key) < _MIN_SWAP_LEN:
            return None
        matched: str | None = None
        if len(key) >= _MIN_FUZZY_LEN:
            best = process.extractOne(key, list(candidates), scorer=fuzz.ratio, score_cutoff=self.threshold)
            matched = best[0] if best is not None else None
        else:
            swaps = [
                k
                for k in candidates
                if len(k) == len(key) and sorted(k) == sorted(key) and OSA.distance(k, key) == 1
            ]
            matched = min(swaps) if swaps else None
        if matched is None:
            return None
        spelling = spellings.get(matched) or self._spelling(
            matched, normalize(name).casefold().startswith("the ")
        )
        return Resolution(candidates[matched], float(fuzz.ratio(key, matched)), spelling)

    def is_exact_alias(self, name: str) -> bool:
        return alias_key(name) in self.ruleset.alias_index
