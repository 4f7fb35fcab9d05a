"""Names: a credit split at its separators, each piece a source, organisation, person or role."""

from __future__ import annotations

from creditcheck.extract.context import BlockText
from creditcheck.extract.offsets import closing_bracket, corporate_follows, skip_space, strip_name
from creditcheck.extract.patterns import (
    BRAND_ENDINGS,
    COURTESY,
    COURTESY_FIRST,
    DATE_PIECE,
    DIGIT,
    DOMAIN,
    EMAIL,
    HYPHEN,
    INITIALS_SURNAME,
    LETTER,
    LICENCE,
    LICENCE_FIRST,
    NAME_LABEL,
    NAME_LABEL_FIRST,
    NOT_IN_NAMES,
    ORG_ENDING,
    PLACE,
    POSSESSIVE,
    RANK,
    RUN_TOGETHER,
    SEPARATOR,
    URL,
    VIA_OR_YEAR,
    VIA_OR_YEAR_FIRST,
    YEAR_WORD,
)
from creditcheck.extract.segmentation import ends_sentence
from creditcheck.extract.vocabulary import HANDOUT_WORDS, ORG_PREFIX_WORDS, ORG_WORDS, ROLES
from creditcheck.extract.words import (
    is_acronym,
    is_handle,
    is_name_token,
    is_stock,
    is_title,
    known_source,
    name_words,
    other_contributor,
    uncased_role,
)
from creditcheck.model import Name, NameRole
from creditcheck.ruleset import alias_key

# Enum members read once: on Python 3.11 reading a member from its class costs several times a
# global's lookup, and these are read for every name of every credit.
_HANDOUT, _ORGANISATION, _ROLE = NameRole.HANDOUT, NameRole.ORGANISATION, NameRole.ROLE


def split_names(ctx: BlockText, start: int, end: int, courtesy: bool) -> list[Name]:
    text = ctx.text
    pieces: list[tuple[int, int, str]] = []  # (start, end, separator kind before it)
    pos, before = start, ""
    # A web address names nobody and its slashes split nothing: "…, https://commons.wikimedia.org/…".
    urls = [(u.start(), u.end()) for u in URL.finditer(text, start, end)] if "://" in text[start:end] else []
    seps = [m for m in SEPARATOR.finditer(text, start, end) if not any(a <= m.start() < b for a, b in urls)]
    skip_until = -1
    for i, m in enumerate(seps):
        if m.start() < skip_until:
            continue
        kind = m.lastgroup or ""
        if kind == "comma" and corporate_follows(text, m.end(), end):
            continue
        after_end = seps[i + 1].start() if i + 1 < len(seps) else end
        if kind == "and" and _one_institution(text[pos : m.start()], text[m.end() : after_end]):
            continue  # "National Oceanic and Atmospheric Administration" is one name
        if kind == "stop" and not ends_sentence(ctx.text, m.start()):
            continue
        if kind == "bracket" and m.group(0).strip() == "(":
            close = closing_bracket(text, m.start() + m.group(0).index("("), end)
            if close is not None and PLACE.fullmatch(text[m.end() : close].strip()):
                # "The Gloucester Daily Times (Gloucester, Mass.)": a place, part of the name
                skip_until = close + 1
                continue
        if kind == "dash" and m.group(0).strip() == "-" and not m.group(0).startswith(" "):
            continue
        pieces.append((pos, m.start(), before))
        pos, before = m.end(), kind
    pieces.append((pos, end, before))
    names: list[Name] = []
    joins: list[str] = []  # the separator before each name
    raw: list[tuple[int, int, str]] = []
    for piece_start, piece_end, sep in pieces:
        s, e = strip_name(text, piece_start, piece_end)
        if e > s:
            raw.extend(hyphen_split(ctx, s, e, sep))
    for idx, (s, e, sep) in enumerate(raw):
        name = make_name(ctx, s, e, sep, raw, idx, courtesy and idx == 0)
        if name is not None:
            names.append(name)
            joins.append(sep)
    return handout_givers(distributor_collections(ctx, names, joins))


def distributor_collections(ctx: BlockText, names: list[Name], joins: list[str]) -> list[Name]:
    """Unknown names next to a distributor that credits collections take the role ``collection``.

    "Getty Images/iStockphoto", "Bettmann Archive/Getty", "Steven Puetzer | The Image Bank |
    Getty Images": a brand or collection the distributor's license carries, not an unknown source. The
    distributor is a rule with a ``{collection}`` form; when the rule lists its collections, only
    those are.
    """
    out = list(names)
    for i, name in enumerate(names):
        if name.role != _ORGANISATION or name.rule is not None:
            continue
        for j, join in ((i - 1, joins[i]), (i + 1, joins[i + 1] if i + 1 < len(joins) else "")):
            if 0 <= j < len(names) and join in ("slash", "bar") and _takes_collection(ctx, names[j], name):
                out[i] = name.with_role(NameRole.COLLECTION)
                break
    return out


def _takes_collection(ctx: BlockText, distributor: Name, name: Name) -> bool:
    if distributor.rule is None:
        return False
    rule = ctx.resolver.ruleset[distributor.rule]
    if not any("collection" in form.template.names for form in rule.credits):
        return False
    return not rule.collections or alias_key(name.text) in {alias_key(c) for c in rule.collections}


def _one_institution(before: str, after: str) -> bool:
    """Whether the words on both sides of an "and" name one organisation (no person on either)."""
    return bool(set(name_words(before)) & ORG_WORDS) and bool(set(name_words(after)) & ORG_WORDS)


def is_handout_name(name: Name) -> bool:
    """Whether a name says the picture is a handout: "Handout", "handout photo", "Family handout"."""
    return name.role == _HANDOUT or (
        name.role == _ROLE and " ".join(name.text.casefold().split()) in HANDOUT_WORDS
    )


def handout_givers(names: list[Name]) -> list[Name]:
    """In a handout credit, the organisations that handed the picture out take the role ``handout``.

    They are not sources to license. The givers are the names no rule knows before the handout
    word ("SANA" in "REUTERS/SANA/Handout via Reuters"), or, when the credit opens with it, the
    ones after it up to the first agency ("Handout/English Montreal School Board/AFP via Getty
    Images"); an agency that distributes the handout ("GPO/Handout/Anadolu via Getty Images")
    stays what it is.
    """
    at = next((i for i, n in enumerate(names) if is_handout_name(n)), None)
    if at is None:
        return names
    givers: set[int] = set(range(at))
    if at == 0:
        for i in range(1, len(names)):
            if names[i].rule is not None or known_source(names[i].text):
                break
            givers.add(i)
    return [
        n.with_role(NameRole.HANDOUT) if i in givers and n.role == _ORGANISATION and n.rule is None else n
        for i, n in enumerate(names)
    ]


def hyphen_split(ctx: BlockText, s: int, e: int, sep: str) -> list[tuple[int, int, str]]:
    """'MohammedBadra-EPA-EFE': split at a hyphen only where one side is a rule's alias."""
    piece = ctx.text[s:e]
    if "-" not in piece or ctx.resolver.resolve(piece) is not None:
        return [(s, e, sep)]
    for m in HYPHEN.finditer(piece):
        left, right = piece[: m.start()], piece[m.end() :]
        if not left.strip() or not right.strip():
            continue
        if ctx.resolver.is_exact_alias(right) or ctx.resolver.is_exact_alias(left):
            return [(s, s + m.start(), sep), (s + m.end(), e, "dash")]
    return [(s, e, sep)]


def make_name(
    ctx: BlockText, s: int, e: int, sep: str, pieces: list[tuple[int, int, str]], idx: int, courtesy: bool
) -> Name | None:
    text = ctx.text
    # Each pattern is tried only where what its every match holds stands (NAME_LABEL_FIRST
    # and the others; tests/test_extract_guards.py checks each against the plain call): most
    # names are a person's or an agency's, which none of these patterns match.
    m = NAME_LABEL.match(text, s) if text[s : s + 1] in NAME_LABEL_FIRST else None
    if m and m.end() < e and text[m.end() : e].strip():
        s = skip_space(text, m.end(), e)
    m = COURTESY.match(text, s) if text[s : s + 1] in COURTESY_FIRST else None
    if m and m.end() < e:
        s = m.end()
        courtesy = True
    # Bounds rather than slices: the lookaheads see no further than ``e`` either way.
    m = VIA_OR_YEAR.match(text, s, e) if text[s : s + 1] in VIA_OR_YEAR_FIRST else None
    if m:
        s = m.end()  # "Bildquelle: via REUTERS", "2011 Getty Images"
    digits = len(DIGIT.findall(text, s, e))
    if digits >= 5 or not LETTER.search(text, s, e):
        return None  # a picture or story id ("dpa:230428-99-483045"), not a name
    if (
        (text.find("@", s, e) >= 0 and EMAIL.search(text, s, e))
        or (_may_be_date(text, digits) and DATE_PIECE.fullmatch(text.strip(), s, e))
        or (text.find("://", s, e) >= 0 and URL.search(text, s, e))
    ):
        return None  # "fmorales@example.com", "22.04.2020", "März 2017", an address: nobody's name
    # A name never starts or ends in a space, whatever the separator left around it.
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    seg = text[s:e]
    original = ctx.block.text[s:e]
    span = ctx.block.span(s, e)
    # A year is digits, and folding makes no digit of what is none.
    folded = seg.casefold()
    key = " ".join((YEAR_WORD.sub(" ", folded) if digits else folded).split())
    if sep == "for":
        return Name(original, span, NameRole.CLIENT)
    # "Pool", "File 2013", and a job title after a name: "Karl Tate, Infographics Artist"; a
    # licence ("CC BY-SA 3.0") or another contributor's title ("Haare & Make-up").
    licence = seg[:1] in LICENCE_FIRST and LICENCE.fullmatch(seg) is not None
    if key in ROLES or is_title(key) or licence or other_contributor(key):
        return Name(original, span, NameRole.ROLE)
    if key.endswith(" handout") and key != "handout":
        return Name(original, span, NameRole.HANDOUT)  # "Family handout", "Sony handout"
    res = ctx.resolver.resolve(seg)
    if res is not None:
        return Name(original, span, NameRole.ORGANISATION, res.rule, res.score, res.alias)
    if courtesy:
        return Name(original, span, NameRole.COURTESY)
    return Name(original, span, person_or_org(ctx, seg, pieces, idx))


def _may_be_date(text: str, digits: int) -> bool:
    """Whether ``DATE_PIECE.fullmatch(text.strip(), s, e)`` may match, given the digits in text[s:e].

    Every date piece holds a digit; stripping only moves the offsets when text opens with a space.
    """
    return digits > 0 or text[:1].isspace()


def person_or_org(ctx: BlockText, seg: str, pieces: list[tuple[int, int, str]], idx: int) -> NameRole:
    """Whether a name no rule knows is a person's or an organisation's."""
    rank = RANK.match(seg)
    if rank is not None and all(is_name_token(t) for t in seg[rank.end() :].split()):
        return NameRole.PERSON  # "Airman 1st Class Ariel Leighty": a rank and a name
    tokens = seg.split()
    if seg.startswith("@") and len(tokens) == 1:
        return NameRole.PERSON  # a social media account ("@SubasTheOne/via REUTERS") is its user
    if _contributor_site(ctx, seg, pieces, idx):
        return NameRole.PERSON  # "©BillionPhotos.com - stock.adobe.com": the library's contributor
    if _organisation_by_words(seg):
        return NameRole.ORGANISATION
    if not any(c.isalpha() and (c.isupper() or c.islower()) for c in seg):
        return uncased_role(seg)
    if len(tokens) > 1 and tokens[0].casefold() in ORG_PREFIX_WORDS:
        return NameRole.ORGANISATION
    if ("'" in seg or "’" in seg) and any(POSSESSIVE.search(t) for t in tokens[:-1]):
        return NameRole.ORGANISATION  # "Tom's Hardware"
    stock_neighbour = next_to_stock(ctx, pieces, idx)
    if len(tokens) == 1:
        return _one_word_role(ctx, tokens[0], pieces, idx, stock_neighbour)
    return _words_role(tokens, stock_neighbour)


def _contributor_site(ctx: BlockText, seg: str, pieces: list[tuple[int, int, str]], idx: int) -> bool:
    """A web address standing where a stock library puts its contributor's name.

    Stock libraries credit their contributors by the name they sell under, often their own
    site's address: "©BillionPhotos.com - stock.adobe.com". A known source stays a source.
    """
    if " " in seg or "." not in seg or DOMAIN.search(seg) is None or is_stock(seg) or known_source(seg):
        return False
    return next_to_stock(ctx, pieces, idx)


def _words_role(tokens: list[str], stock_neighbour: bool) -> NameRole:
    """A name of several words: a person's when every word reads as part of a person's name."""
    if any(is_acronym(t) for t in tokens[:-1]) and not all(t.isupper() for t in tokens):
        return NameRole.ORGANISATION  # "UK Parliament", "Scottish SPCA" stays ambiguous
    if len(tokens) > 5:
        return NameRole.ORGANISATION
    if all(is_name_token(t) for t in tokens):
        return NameRole.PERSON
    if stock_neighbour or all(t.islower() and t.isalpha() for t in tokens):
        return NameRole.PERSON  # "miodrag ignjatovic", "lili sams": lower-case contributor names
    return NameRole.ORGANISATION


def _organisation_by_words(seg: str) -> bool:
    """A known agency, an organisation's word, a domain or handle, a brand: not a person."""
    words = set(name_words(seg))
    if known_source(seg) or words & ORG_WORDS:
        return True
    if "." in seg and DOMAIN.search(seg):
        return True
    # "All About Space", "Jupiterimages", "ChinaFotoPress"
    return bool(words & NOT_IN_NAMES) or any(w.endswith(BRAND_ENDINGS) and len(w) > 7 for w in words)


def _one_word_role(
    ctx: BlockText, token: str, pieces: list[tuple[int, int, str]], idx: int, stock_neighbour: bool
) -> NameRole:
    """A one-word name: a handle or a run-together name is a person, any other word a brand."""
    if stock_neighbour and not token.isupper():
        return NameRole.PERSON  # a stock contributor's handle: "iStock/baytunc"
    if is_handle(token):
        return NameRole.PERSON
    # "MohammedBadra-EPA-EFE": a first and last name run together, next to an agency.
    run_together = RUN_TOGETHER.fullmatch(token) is not None
    if run_together and idx == 0 and next_to_agency(ctx, pieces, idx):
        return NameRole.PERSON
    if INITIALS_SURNAME.fullmatch(token):
        return NameRole.PERSON  # "R.Schmitt"
    if idx == 0 and _surname_like(token) and _agency_after(ctx, pieces, idx):
        return NameRole.PERSON  # "Kauer/DJV", "Bheki/ City of Johannesburg": the photographer first
    if idx + 1 < len(pieces) and LICENCE.fullmatch(ctx.text[pieces[idx + 1][0] : pieces[idx + 1][1]].strip()):
        return NameRole.PERSON  # "BBKurt [CC BY-SA 3.0], via Wikimedia Commons": the licensing author
    return NameRole.ORGANISATION


def _surname_like(token: str) -> bool:
    """A capitalised word of letters that no organisation's word or ending makes a brand."""
    if not (token[:1].isupper() and token[1:].islower() and token.isalpha() and len(token) >= 3):
        return False
    return ORG_ENDING.search(token) is None


def _agency_after(ctx: BlockText, pieces: list[tuple[int, int, str]], idx: int) -> bool:
    """Whether a name after ``idx``, slash after slash, is an organisation (an agency, an acronym).

    "Kauer/DJV", "Bheki/ Informal Traders/ City of Johannesburg".
    """
    for j in range(idx + 1, len(pieces)):
        s, e, sep = pieces[j]
        if sep != "slash":
            return False
        name = ctx.text[s:e].strip()
        if ctx.resolver.resolve(name) is not None or is_acronym(name) or _organisation_by_words(name):
            return True
    return False


def next_to_agency(ctx: BlockText, pieces: list[tuple[int, int, str]], idx: int) -> bool:
    if idx + 1 >= len(pieces):
        return False
    s, e, _sep = pieces[idx + 1]
    name = ctx.text[s:e]
    return ctx.resolver.resolve(name) is not None or known_source(name)


def next_to_stock(ctx: BlockText, pieces: list[tuple[int, int, str]], idx: int) -> bool:
    """Whether the name at ``idx`` stands where a stock library puts its contributor.

    That is first or last, next to the library: "iStock/baytunc", "smolaw11/iStock".
    A name in the middle is a collection: "Kane Skennar/Photodisc/Getty Images".
    """
    if 0 < idx < len(pieces) - 1:
        return False
    for j in (idx - 1, idx + 1):
        if 0 <= j < len(pieces):
            s, e, _sep = pieces[j]
            if is_stock(ctx.text[s:e]):
                return True
    return False
