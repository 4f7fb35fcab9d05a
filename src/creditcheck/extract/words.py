"""Judging words and names: years, prose, known agencies, handles, and whether text is only names."""

from __future__ import annotations

import re
from functools import lru_cache

from creditcheck import compilecache, lazyre
from creditcheck.extract.patterns import (
    CJK_RUN,
    HANDLE,
    HOLDER_HEAD,
    HOLDER_TAIL,
    HYPHEN_OR_SLASH,
    LIST_SEPARATOR,
    LIST_WORD,
    LOWER,
    NON_WORD_RUN,
    NOT_WORD_OR_HYPHEN,
    UPPER_OR_DIGIT,
    WORD,
    YEAR,
)
from creditcheck.extract.vocabulary import (
    AGENCY_PHRASES,
    AGENCY_TOKENS,
    MAX_NOTICE,
    NAME_WORDS,
    ORG_PREFIX_WORDS,
    ORG_WORDS,
    OTHER_CONTRIBUTORS,
    PARTICLES,
    PROSE,
    STOCK,
    TITLE_CORE,
    TITLE_WORDS,
)
from creditcheck.model import NameRole

# Compiled once: ``re.split(r"...", text)`` looks the pattern up in re's cache on every call.
_LETTER = lazyre.compile(r"[^\W\d_]")
_SOURCE_SPLIT = lazyre.compile(r"[^\w&]+")
_CONTRIBUTOR_SPLIT = lazyre.compile(r"[\s/,:+]+")
_LABEL_SPLIT = lazyre.compile(r"[\s/&+,]+")
_UNCASED_ORG = lazyre.compile(r"通信|新聞|社|放送|뉴스|일보|신문|통신|방송|뉴시스|캠프|協会|株式会社")


def clean_holder(raw: str, offset: int) -> tuple[str, int]:
    """A holder's name from the text that holds it, and its offset: no years, no punctuation."""
    raw = raw[:MAX_NOTICE]
    # Years may stand before or after the holder: "© 2020 Foo", "© Foo GmbH 2001–2020".
    head = HOLDER_HEAD.match(raw)
    start = head.end() if head else 0
    tail = HOLDER_TAIL.search(raw, start)
    end = tail.start() if tail else len(raw)
    while start < end and raw[start] in " ,.;:/–-\"“'":
        start += 1
    while end > start and raw[end - 1] in " ,;:/–-'.":
        end -= 1
    # A closing quote stays when the holder opened one: "Organization “TV-Novosti”".
    while end > start and raw[end - 1] in '"”':
        if raw.count("“", start, end) + raw.count('"', start, end - 1):
            break
        end -= 1
        while end > start and raw[end - 1].isspace():
            end -= 1  # "© A \"": the space before the stray quote is no part of the name
    body = raw[start:end]
    if not _LETTER.search(body):
        return "", offset
    return body, offset + start


def years_in(text: str) -> list[int]:
    years: list[int] = []
    for m in YEAR.finditer(text):
        years.append(int(m.group(1)))
        if m.group(2):
            tail = m.group(2)
            years.append(int(tail) if len(tail) == 4 else int(m.group(1)[:2] + tail))
    return [y for y in years if 1900 <= y <= 2099]


def name_words(name: str) -> list[str]:
    """The words of a name, folded, hyphenated words also in parts ("Star-Telegram")."""
    out: list[str] = []
    for t in name.split():
        # A word of letters and digits only has nothing to drop, and most words are such.
        w = (t if t.isalnum() else NOT_WORD_OR_HYPHEN.sub("", t)).casefold()
        out.append(w.replace("-", ""))
        if "-" in w:
            out.extend(p for p in w.split("-") if p)
    return out


@lru_cache(maxsize=8192)  # a segment is asked again by the next test of the same block
def prose_words(text: str, vocabulary: frozenset[str] = PROSE) -> tuple[str, ...]:
    """The words of ``text`` that read as running prose ("said", "the poll", "a man")."""
    shouting = text.isupper()
    out: list[str] = []
    for found in WORD.findall(text):  # strings, not match objects: the pattern has no group
        word = found
        if word.endswith("."):
            if len(word) == 2:
                continue  # an initial: "Andrew A. Nelles"
            word = word[:-1]
        folded = word.casefold()
        if folded not in vocabulary:
            continue
        # "US Navy" and "IN" in a name are not prose; "MAN EXERCISING IN PARK" is.
        if word.islower() or word.istitle() or shouting:
            out.append(folded)
    return tuple(out)


@lru_cache(maxsize=8192)
def known_source(name: str) -> bool:
    """Whether ``name`` is a picture agency, stock library or platform we know by name."""
    key = " ".join(_SOURCE_SPLIT.split(name.casefold())).strip()
    if not key:
        return False
    if key in AGENCY_PHRASES or key.replace(" ", "") in AGENCY_TOKENS:
        return True
    tokens = key.split()
    if any(t in AGENCY_TOKENS for t in tokens):
        return True
    return any(" ".join(tokens[i : i + 2]) in AGENCY_PHRASES for i in range(len(tokens) - 1))


def org_named(name: str) -> bool:
    """Whether a name says it is an organisation: "La Presse canadienne", "CPB project"."""
    tokens = name.split()
    if not any(t[:1].isupper() for t in tokens):
        return False  # "company filings"
    return bool(set(name_words(name)) & ORG_WORDS) or (
        len(tokens) > 1 and tokens[0].casefold() in ORG_PREFIX_WORDS and tokens[1][:1].isupper()
    )


@lru_cache(maxsize=8192)  # asked about both neighbours of every name, and the same names recur
def is_stock(name: str) -> bool:
    key = " ".join(NON_WORD_RUN.split(name.casefold())).strip()
    tokens = key.split()
    return bool(tokens) and (key in STOCK or tokens[0] in STOCK or " ".join(tokens[:2]) in STOCK)


def is_handle(token: str) -> bool:
    """A stock contributor's or social handle: "smolaw11", "mlharing", "demarco-media"."""
    if " " in token.strip():
        return False
    return bool(HANDLE.fullmatch(token)) and bool(LOWER.search(token))


def is_acronym(token: str) -> bool:
    parts = [p for p in HYPHEN_OR_SLASH.split(token) if p]
    roman = ("II", "III", "IV", "VI")
    return any(len(p) >= 2 and p.isupper() and p.isalpha() and p not in roman for p in parts)


def is_name_token(token: str) -> bool:
    # A token NAME_PART matches ("J.R.", "IV", "Jr.") passes the test below too: it opens with a
    # capital and holds only letters and periods, so the pattern need not be tried.
    if token.casefold() in PARTICLES:
        return True
    first = token[0]
    return first.isupper() and all(c.isalpha() or c in "'’.-" for c in token)


def is_title(key: str) -> bool:
    words = key.replace(",", " ").split()
    return bool(words) and all(w in TITLE_WORDS for w in words) and any(w in TITLE_CORE for w in words)


_CONTRIBUTOR_JOINS = frozenset({"&", "and", "und", "et", "y", "for", "für", "pour", "by", "von", "de"})


def other_contributor(key: str) -> bool:
    """Whether a folded name is only the title of a contributor other than the photographer.

    "Haare & Make-up", "Creative Director & Styling", "Autorin": credits of a shoot or a
    story, not of a picture's source.
    """
    # Without a slash, comma, colon or plus the pattern splits at white space only, as str.split.
    if "/" in key or "," in key or ":" in key or "+" in key:
        parts = _CONTRIBUTOR_SPLIT.split(key)
    else:
        parts = key.split()
    words = [w for w in parts if w and w not in _CONTRIBUTOR_JOINS]
    if not words or not any(w in OTHER_CONTRIBUTORS for w in words):
        return False
    return all(w in OTHER_CONTRIBUTORS or w in TITLE_WORDS for w in words)


# A label of one to four words before a colon or "by": "Styling:", "Haare & Make-up:", "Text und
# Fotos:", "Styling by".
_LABEL_RUN = compilecache.compile(
    r"([^\W\d_][\w'-]*(?:\s*(?:[/&+,]|\bund\b|\band\b)\s*[^\W\d_][\w'-]*){0,3})\s*(?:[:：]|\s+(?:by|von|par)\s)",
    re.I,
)
_WORD_RUN = lazyre.compile(r"[\w'-]+")
_LABEL_FIRST_WORDS = OTHER_CONTRIBUTORS | _CONTRIBUTOR_JOINS
_PHOTO_WORDS = frozenset(
    {"foto", "fotos", "photo", "photos", "bild", "bilder", "image", "images", "picture", "pictures"}
)


def other_contributor_label(text: str, pos: int) -> bool:
    """Whether a label at ``pos`` names a contributor other than the photographer ("Styling:").

    A label that also names the pictures ("Text und Fotos:") is the photographer's.
    """
    # The label's first word, split off as below, is the whole run of word characters,
    # apostrophes and hyphens at ``pos`` (a shorter word is followed by neither a separator nor
    # the label's end); it is a title or a join word, or the label is not another contributor's.
    run = _WORD_RUN.match(text, pos)
    if run is None or run.group().casefold() not in _LABEL_FIRST_WORDS:
        return False
    m = _LABEL_RUN.match(text, pos)
    if m is None:
        return False
    words = [w for w in _LABEL_SPLIT.split(m.group(1).casefold()) if w and w not in _CONTRIBUTOR_JOINS]
    return (
        bool(words) and not _PHOTO_WORDS.intersection(words) and all(w in OTHER_CONTRIBUTORS for w in words)
    )


def uncased_role(seg: str) -> NameRole:
    """People and organisations in scripts without letter case (Japanese, Korean, Chinese)."""
    if _UNCASED_ORG.search(seg):
        return NameRole.ORGANISATION
    core = seg.split(maxsplit=1)[0] if seg.split() else seg
    return NameRole.PERSON if 2 <= len(core) <= 5 else NameRole.ORGANISATION


def name_list_like(text: str, contributors: bool = True) -> bool:
    """Whether ``text`` is only names separated by credit separators (no prose)."""
    text = text.strip(" -–—|:,.;")
    if not text or len(text) > 120:
        return False
    words = LIST_WORD.findall(text)
    if not words or len(words) > 12:
        return False
    if prose_words(text):
        return False
    for piece in LIST_SEPARATOR.split(text):
        tokens = piece.split()
        if len(tokens) > 6 or len(piece) > 60 or (not piece.isascii() and CJK_RUN.search(piece)):
            return False
        # "iStock", "eThekwini" are brands; "quake" in "East Coast quake" is a caption word.
        lower = [
            t
            for t in tokens
            if t[:1].islower() and not UPPER_OR_DIGIT.search(t) and t.casefold().rstrip(".") not in NAME_WORDS
        ]
        if not lower or len(tokens) == 1 or " ".join(tokens).casefold() in AGENCY_PHRASES:
            continue
        # "miodrag ignjatovic" is a contributor; "View of sandy Beach" is a caption.
        if contributors and len(lower) == len(tokens) <= 3:
            continue
        return False
    return True


def caption_like(text: str) -> bool:
    """Whether ``text`` reads as a caption rather than names (it is the head of a credit)."""
    stripped = text.strip(" -–—|:,;")
    if stripped.endswith((".", "!", "?")) and len(stripped.split()) > 1:
        return True
    return not name_list_like(stripped)
