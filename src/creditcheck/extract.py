"""Finding attributions in a Document: photo credits and copyright notices, split into names.

The extractor knows nothing of licenses: it only says which text is an attribution, which
names it holds (people, sources, roles) and which rule each source name resolves to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from creditcheck.model import Attribution, AttributionKind, Block, Document, Name
from creditcheck.resolve import Resolver
from creditcheck.templates import normalize

# --- cheap prefilter: a block with none of these cannot hold an attribution -------------------
_MAYBE = re.compile(
    r"[©/|(]|\bvia\b|copyright|photo|credit|foto|image|picture|bild|courtesy|getty|reuters|\bap\b|afp",
    re.I,
)

# --- copyright marks ---------------------------------------------------------------------------
_MARK = re.compile(
    r"Â©|©|&copy;|(?<![\w§])\((?:c|C)\)(?=\s*(?:\d{4}|[A-Z]))|"
    r"\b(?:Copyright|COPYRIGHT)\b(?=\s*(?:©|\([cC]\)|\d{4}|[A-Z\"“]))",
)
_YEARS = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-–—]\s*((?:19|20)\d{2}))?(?!\d)")
_RESERVED = re.compile(r"[\s.,;]*(?:all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten)[\s.!]*$", re.I)
_NOTICE_LEAD = re.compile(r"^(?:\s*(?:Â©|©|&copy;|\([cC]\)|copyright|by)\s*[:.]?)+\s*", re.I)
_CORPORATE = re.compile(
    r"[\s,]+(?:ltd|limited|inc|llc|l\.l\.c|co|corp|corporation|gmbh|ag|plc|s\.a|sa|kk|k\.k)\.?$", re.I
)

# --- credit prefixes -----------------------------------------------------------------------------
_PREFIX = re.compile(
    r"""^\s*(?:
        (?:©\s*)?photo\s+credit\s+should\s+read\s+
      | (?:(?:main|top|header|lead|cover|featured|hero)\s+)?
        (?:photo(?:graph)?s?|images?|pictures?|pics?|fotos?|bild(?:er)?|bildquelle|illustrations?|graphics?|videos?)
        \s*(?:credits?|source|quelle)?\s*(?::|–|—|-(?=\s))\s*(?:by\s+)?
      | (?:photo(?:graph)?s?|images?|pictures?|illustrations?|video)\s+(?:credits?\s+)?by\s+
      | photo(?:graphed)?\s+by\s+
      | photographers?\s*:\s*
      | credits?\s*(?::|–|—|-(?=\s))\s*
      | (?:source|quelle|fuente)\s*:\s*
    )""",
    re.I | re.X,
)
_COURTESY = re.compile(r"^\s*(?:(?:photo|image|picture|video)s?\s+)?courtesy(?:\s+of)?\s+", re.I)
_TAIL_TAG = re.compile(
    r"(?:\s*[,;]\s*(?:file|files|file\s+photo|archive)|\s*\((?:file|files|archive)\)|\s+file(?:\s+photo)?"
    r"|\s*\+{2,3}.*?\+{2,3}|\s+TPX IMAGES OF THE DAY|\s*\((?:composite|illustration)\))\s*[.]?\s*$",
    re.I,
)
_SEPARATOR = re.compile(r"\s*/\s*|\s+via\s+|\s*,\s+|\s*,(?=\S)|\s+and\s+|\s*;\s*|\s*\|\s*|\s+for\s+|\s+[-–—]\s+|\s+\+\s+")
_PAREN = re.compile(r"\(([^()]{2,200})\)")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z(\"“©])")
# A period after these does not end a sentence ("J. Scott Applewhite/AP", "U.S. troops").
_ABBREVIATIONS = frozenset(
    "jr sr dr mr mrs ms st mt no sgt gen lt col rep sen gov inc co corp u.s u.n u.k vs".split()
)
_PROMO = re.compile(
    r"\b(?:subscribe|sign up|newsletter|join our|follow us|download (?:our|the) app|click here|"
    r"read more|advertisement|sponsored)\b",
    re.I,
)

# Words that name a role in a credit, not a person or a source.
_ROLES = frozenset(
    {"file", "files", "pool", "handout", "stringer", "staff", "contributor", "freelance",
     "photo", "photos", "illustration", "photo illustration", "composite", "screenshot",
     "screengrab", "screen grab", "video", "archive", "archives", "supplied", "provided",
     "courtesy", "courtesy photo", "handout photo", "pool photo", "file photo", "still",
     "video still", "x", "twitter", "instagram", "facebook", "social media", "youtube", "tiktok",
     "photo montage", "montage", "graphic", "ho", "epa file", "dpa", "str"}
)
_ROLES = _ROLES - {"dpa"}
# Words that mark a name as an organisation rather than a person.
_ORG_WORDS = frozenset(
    """agency press news images image photo photos pictures picture times service wire stock
    shutterstock istock istockphoto alamy unsplash pixabay commons wikimedia inc llc ltd corp co
    company group studios studio productions entertainment films pictures records foundation
    institute university college school museum library archive archives collection center centre
    office ministry department government police army navy force council association federation
    club team league party committee organization organisation bureau authority commission
    society hospital nasa esa usa tribune journal herald gazette chronicle observer courier
    telegraph guardian examiner review register bulletin dispatch standard mirror express
    inquirer enquirer monitor independent globe shimbun verge tv television broadcasting network
    channel media post daily sun star record radio magazine newspaper network network rf uig
    sipa zuma keystone belga kyodo xinhua jiji yonhap kcna anadolu getty reuters ap afp epa efe
    dpa ansa apa pa tass ria sputnik bloomberg cnn bbc nbc cbs abc fox pbs npr nhk wpa""".split()
)
_PROSE = frozenset(
    """the a an is are was were that this said says in on at to from with has have had will
    would after before during as it its his her their who which when where while not but
    about into than then they we you our your he she been being be can could should may might
    shows showing seen stands walks speaks""".split()
)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÞĀ-Ž][\w'’.\-]*|[A-Z]\.(?:[A-Z]\.)*|(?:de|da|del|della|di|du|dos|das|van|von|der|den|la|le|bin|al|el|y|e|ter|ten|st\.?)|[IVX]+|Jr\.?|Sr\.?)$")
_HANDLE = re.compile(r"^[a-z0-9][\w.\-]*\d*$")


@dataclass(frozen=True, slots=True)
class _Candidate:
    block: Block
    start: int
    end: int
    strong: bool
    courtesy: bool = False


def extract(doc: Document, resolver: Resolver) -> list[Attribution]:
    """Every attribution in ``doc``, in document order."""
    out: list[Attribution] = []
    for block in doc.blocks:
        out.extend(extract_block(block, resolver))
    return out


def extract_block(block: Block, resolver: Resolver) -> list[Attribution]:
    """The attributions in one block (credits and notices do not overlap)."""
    text = block.text
    if block.kind == "text" and not _MAYBE.search(text):
        return []
    if block.kind == "text" and _PROMO.search(text) and "©" not in text:
        return []
    found: list[Attribution] = []
    taken: list[tuple[int, int]] = []
    for attribution, start, end in _notices(block, resolver):
        found.append(attribution)
        taken.append((start, end))
    for cand in _credit_candidates(block):
        if any(s < cand.end and cand.start < e for s, e in taken):
            continue
        attribution = _parse_credit(cand, resolver)
        if attribution is not None:
            found.append(attribution)
            taken.append((cand.start, cand.end))
    found.sort(key=lambda a: a.span)
    return found


# --- copyright notices ---------------------------------------------------------------------------


def _notices(block: Block, resolver: Resolver) -> Iterator[tuple[Attribution, int, int]]:
    text = block.text
    covered = 0
    for m in _MARK.finditer(text):
        start = m.start()
        if start < covered:
            continue  # "Copyright © 2020 …": one notice, two marks
        if m.group(0).lower() == "copyright" and not _notice_position_ok(text, start):
            continue
        end = _notice_end(text, m.end())
        raw = text[start:end].rstrip(" .,;:")
        end = start + len(raw)
        covered = end
        body = _NOTICE_LEAD.sub("", raw.replace("Â©", "©"))
        if not body.strip():
            continue
        years = _YEARS.findall(body)
        looks_credit = (
            not years
            and ("/" in body or _PREFIX.match(body) is not None or block.kind in ("caption", "credit"))
        )
        if looks_credit:
            # "© AFP / MARCO BERTORELLO", "© Foto: iStock/x": a credit written with a © mark.
            lead = len(raw) - len(body)
            cand = _Candidate(block, start + lead, end, strong=True)
            attribution = _parse_credit(cand, resolver)
            if attribution is not None:
                yield attribution, start, end
            continue
        year = max(int(y2 or y1) for y1, y2 in years) if years else None
        holder_text, holder_start = _holder(raw)
        names: tuple[Name, ...] = ()
        holder_rule: str | None = None
        if holder_text:
            res = resolver.resolve(holder_text) or resolver.resolve(_CORPORATE.sub("", holder_text))
            span = block.span(start + holder_start, start + holder_start + len(holder_text))
            name = Name(holder_text, span, "organisation", res.rule if res else None,
                        res.score if res else 100.0, res.alias if res else None)
            names = (name,)
            holder_rule = name.rule
        yield (
            Attribution(AttributionKind.COPYRIGHT, raw, block.span(start, end), names, year,
                        holder_rule or (holder_text or None), block.image),
            start,
            end,
        )


def _sentence_ends(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """Sentence boundaries in ``text``, skipping initials and common abbreviations."""
    for m in _SENTENCE_END.finditer(text, pos, len(text) if endpos is None else endpos):
        if text[m.start()] == ".":
            word = re.search(r"([\w.]+)$", text[: m.start()])
            token = word.group(1) if word else ""
            if len(token) == 1 and token.isupper():
                continue
            if token.casefold() in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
                continue
        yield m


def _notice_position_ok(text: str, start: int) -> bool:
    """'Copyright' opens a notice at the start of a block or sentence, not inside prose."""
    before = text[:start].rstrip()
    return not before or before[-1] in ".|—–-:;)]" or len(before) < 3


def _notice_end(text: str, pos: int) -> int:
    """Where a notice that starts before ``pos`` ends: block end, a bar, or the next sentence."""
    end = len(text)
    bar = text.find(" | ", pos)
    if bar >= 0:
        end = bar
    for m in _sentence_ends(text, pos, end):
        rest = text[m.end() : end]
        if re.match(r"all\s+rights\s+reserved", rest, re.I):
            continue
        # "© 2020 Foo. All rights reserved. Visit Foo at ..." ends before "Visit".
        if m.start() - pos < 4:
            continue
        return m.start() + 1
    return end


def _holder(raw: str) -> tuple[str, int]:
    """The holder's name inside a notice and its offset in ``raw``."""
    body = _RESERVED.sub("", raw)
    lead = _NOTICE_LEAD.match(body)
    offset = lead.end() if lead else 0
    rest = body[offset:]
    # Years may stand before or after the holder: "© 2020 Foo", "© Foo 2001–2020".
    m = _YEARS.match(rest.lstrip())
    if m:
        skip = len(rest) - len(rest.lstrip()) + m.end()
        offset += skip
        rest = rest[skip:]
    rest_stripped = rest.lstrip(" ,.:-–")
    offset += len(rest) - len(rest_stripped)
    rest = rest_stripped
    tail = re.search(r"[\s,.]*(?:(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?)?[\s,.]*$", rest)
    if tail:
        rest = rest[: tail.start()]
    return rest.strip(), offset


# --- credits -------------------------------------------------------------------------------------


def _credit_candidates(block: Block) -> Iterator[_Candidate]:
    text = block.text
    if block.kind in ("credit", "copyright"):
        inner = text
        m = re.fullmatch(r"\s*\((.*)\)\s*", text)
        if m:
            yield _Candidate(block, m.start(1), m.end(1), strong=True)
        else:
            yield _Candidate(block, 0, len(inner), strong=True)
        return
    parens = list(_PAREN.finditer(text))
    for m in parens:
        inner_start, inner_end = m.start(1), m.end(1)
        inner = m.group(1)
        prefixed = _PREFIX.match(inner) is not None or _COURTESY.match(inner) is not None
        at_end = not text[m.end() :].strip(" .,;:*_\"”’»")
        if not (at_end or prefixed):
            continue
        if not prefixed and _is_acronym_expansion(text, m.start(), inner):
            continue
        yield _Candidate(block, inner_start, inner_end, strong=prefixed or block.kind == "caption")
    # A prefixed credit at the start of the block or after a sentence end / separator.
    for start in _segment_starts(text):
        seg_end = _segment_end(text, start)
        segment = text[start:seg_end]
        if _PREFIX.match(segment) or _COURTESY.match(segment):
            if any(p.start() <= start < p.end() for p in parens):
                continue
            yield _Candidate(block, start, seg_end, strong=True)
            continue
        if start == 0 and parens and not text[parens[-1].end() :].strip(" .,;:*_"):
            continue  # the block's credit is its closing parenthesis
        if any(p.start() < seg_end and start < p.end() for p in parens):
            continue
        if start == _last_start(text) or block.kind == "caption":
            yield _Candidate(block, start, seg_end, strong=False)


def _segment_starts(text: str) -> list[int]:
    starts = [len(text) - len(text.lstrip(" *_>\"“"))]
    for m in _sentence_ends(text):
        starts.append(m.end())
    for m in re.finditer(r"\s[|—–]\s+|\s-\s+(?=[A-Z©(])", text):
        starts.append(m.end())
    return sorted(set(starts))


def _last_start(text: str) -> int:
    return _segment_starts(text)[-1]


def _segment_end(text: str, start: int) -> int:
    end = len(text)
    for m in _sentence_ends(text, start):
        if m.start() > start:
            end = m.start() + 1
            break
    bar = re.search(r"\s[|—–]\s|\s-\s(?=[A-Z©(])", text[start:end])
    if bar:
        end = start + bar.start()
    segment = text[start:end].rstrip(" .*_\"”’")
    return start + len(segment)


def _is_acronym_expansion(text: str, paren_start: int, inner: str) -> bool:
    """'Environmental Protection Agency (EPA)': the acronym follows its own expansion."""
    acronym = inner.strip()
    if not (2 <= len(acronym) <= 8 and acronym.replace("-", "").isalpha() and acronym.isupper()):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text[:paren_start]) if w.lower() not in ("of", "the", "and", "for", "de", "la")]
    letters = acronym.replace("-", "")
    tail = words[-len(letters) :] if len(words) >= len(letters) else []
    initials = "".join(w[0] for w in tail).upper()
    if initials == letters:
        return True
    # "Agence France-Presse (AFP)": hyphenated words contribute one initial per part.
    parts = [p for w in words[-len(letters) :] for p in w.split("-")]
    return "".join(p[0] for p in parts[-len(letters) :]).upper() == letters


def _parse_credit(cand: _Candidate, resolver: Resolver) -> Attribution | None:
    block = cand.block
    start, end = cand.start, cand.end
    text = block.text[start:end]
    courtesy = cand.courtesy
    strong = cand.strong
    # Peel leading marks and prefixes ("© ", "Photo by ", "Courtesy of ").
    while True:
        m = re.match(r"\s*(?:©|Â©|\(c\))\s*", text) or _PREFIX.match(text)
        if m and m.end() > 0:
            start += m.end()
            text = block.text[start:end]
            strong = True
            continue
        m = _COURTESY.match(text)
        if m:
            start += m.end()
            text = block.text[start:end]
            strong = courtesy = True
            continue
        break
    stripped = text.rstrip(" .,;:*_\"”’)")
    lead = len(stripped) - len(stripped.lstrip(" *_\"“(["))
    start += lead
    end = start + len(stripped) - lead
    text = block.text[start:end]
    if not text:
        return None
    tag = _TAIL_TAG.search(text)
    core_end = start + tag.start() if tag and tag.start() > 0 else end
    names = list(_split_names(block, start, core_end, resolver, courtesy))
    if not names:
        return None
    if not strong and not _credit_like(block.text[start:core_end], names):
        return None
    if strong and len(block.text[start:core_end].split()) > 25:
        return None
    return Attribution(
        AttributionKind.PHOTO_CREDIT, block.text[start:end], block.span(start, end), tuple(names),
        image=block.image,
    )


def _credit_like(text: str, names: list[Name]) -> bool:
    """Whether unprefixed text reads as a credit rather than prose that mentions an agency."""
    if len(text) > 160 or len(text.split()) > 16:
        return False
    words = re.findall(r"[A-Za-z]+", text)
    if any(w in _PROSE for w in words):
        return False
    resolved = any(n.rule is not None for n in names)
    separated = bool(re.search(r"/|\bvia\b", text))
    if resolved:
        return separated or len(names) == 1 or any(n.role == "person" for n in names)
    return separated and any(n.role == "organisation" for n in names) and len(names) >= 2


def _split_names(
    block: Block, start: int, end: int, resolver: Resolver, courtesy: bool
) -> Iterator[Name]:
    text = block.text[start:end]
    pos = 0
    after_for = False
    for m in [*_SEPARATOR.finditer(text), None]:
        seg_end = m.start() if m is not None else len(text)
        yield from _name(block, start, text, pos, seg_end, resolver, courtesy, after_for)
        courtesy = False
        if m is None:
            break
        after_for = m.group(0).strip().lower() == "for"
        pos = m.end()


def _name(
    block: Block, base: int, text: str, s: int, e: int, resolver: Resolver, courtesy: bool,
    client: bool,
) -> Iterator[Name]:
    raw = text[s:e]
    lead = len(raw) - len(raw.lstrip(" *_\"“'([©"))
    seg = raw.strip(" *_\"“”'’()[]©:.")
    if not seg:
        return
    s += lead
    m = re.match(r"(?:photo|image|picture)s?\s+(?:by\s+)?|by\s+", seg, re.I)
    if m and seg[m.end() :].strip():
        s += m.end()
        seg = seg[m.end() :]
    span = block.span(base + s, base + s + len(seg))
    key = normalize(seg).casefold().strip()
    if client:
        yield Name(seg, span, "client")
        return
    if key in _ROLES:
        yield Name(seg, span, "role")
        return
    res = resolver.resolve(seg)
    if res is not None:
        yield Name(seg, span, "organisation", res.rule, res.score, res.alias)
        return
    if courtesy:
        yield Name(seg, span, "courtesy")
        return
    yield Name(seg, span, _person_or_org(seg))


def _person_or_org(seg: str) -> str:
    tokens = normalize(seg).split()
    words = {re.sub(r"[^\w]", "", t).casefold() for t in tokens}
    if words & _ORG_WORDS or re.search(r"\.(?:com|org|net|de|co\.uk)\b", seg, re.I):
        return "organisation"
    if len(tokens) == 1:
        token = tokens[0]
        if _HANDLE.match(token) and not token.isupper():
            return "person"  # a stock-agency contributor handle, such as "smolaw11"
        return "organisation"
    if 2 <= len(tokens) <= 5 and all(_NAME_TOKEN.match(t) for t in tokens):
        return "person"
    return "organisation"


def parse_credit_text(text: str, resolver: Resolver, kind: str = "credit") -> list[Attribution]:
    """Parse a string as if it were a block of ``kind`` (tests and the inventory tool use it)."""
    return extract_block(Block(text, 1, 1, kind), resolver)
