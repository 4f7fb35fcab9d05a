"""Credits: a candidate peeled of prefixes and wrappers, split into names, and judged plausible."""

from __future__ import annotations

import re
from typing import final

from creditcheck.extract.context import BlockText, Candidate
from creditcheck.extract.names import is_handout_name, split_names
from creditcheck.extract.offsets import closing_bracket, editor_note, opening_bracket, rstrip_at, skip_space
from creditcheck.extract.patterns import (
    BARE_PREFIX,
    BYLINE,
    COURTESY,
    COURTESY_FIRST,
    DOMAIN,
    EDITOR_NOTE,
    ELAPSED,
    GENERIC_LABEL,
    ID_COLON,
    INSTITUTION_ENDING,
    LEAD_PREFIX,
    MARK_LEAD,
    MARKUP,
    PLAIN_WORD,
    PREFIX,
    SEPARATED,
    TAIL_TAG,
    TRANSLATION,
    USAGE_TAIL,
    VIA,
    WORD_CHAR,
)
from creditcheck.extract.segmentation import BARE_STARTS, PREFIX_STARTS, ends_sentence
from creditcheck.extract.vocabulary import (
    INSTITUTION_WORDS,
    MAX_CREDIT,
    MEDIA_WORDS,
    NAME_WORDS,
    POOL_WORDS,
    VERBS,
)
from creditcheck.extract.words import (
    is_handle,
    is_stock,
    known_source,
    name_list_like,
    name_words,
    org_named,
    other_contributor,
    other_contributor_label,
    prose_words,
)
from creditcheck.model import Attribution, AttributionKind, BlockKind, Name, NameRole

# Enum members read once: on Python 3.11 reading a member from its class costs several times a
# global's lookup, and these are read for every name of every candidate.
_PERSON, _ORGANISATION, _ROLE = NameRole.PERSON, NameRole.ORGANISATION, NameRole.ROLE


@final
class _Peeled:
    """A candidate without its wrappers, marks and prefixes, and what the prefixes said.

    A plain class, not a dataclass: compiled by mypyc it is a native class, made without
    Python calls (one is made for each credit candidate).
    """

    __slots__ = ("courtesy", "end", "explicit", "labelled", "prefixed", "start")

    def __init__(
        self, start: int, end: int, prefixed: bool, courtesy: bool, explicit: bool, labelled: bool = False
    ) -> None:
        self.start = start
        self.end = end
        self.prefixed = prefixed
        self.courtesy = courtesy  # "Courtesy of …": the first name is whom the picture came from
        self.explicit = explicit  # "Credit:", "Photographer:": names follow even in lower case
        self.labelled = labelled  # a prefix, a mark or "Courtesy of" said a credit follows


def parse_credit(ctx: BlockText, cand: Candidate) -> Attribution | None:
    """The credit in a candidate, split into names, if its names make a credit there."""
    text = ctx.text
    peeled = _peel(text, cand)
    if peeled is None:
        return None
    start = peeled.start
    end = _credit_end(text, start, peeled.end)
    if end <= start or end - start > MAX_CREDIT:
        return None
    core_end = end
    tag = TAIL_TAG.search(text, start, end)
    if tag is not None and tag.start() > start:
        core_end = rstrip_at(text, start, tag.start())
    if other_contributor_label(text, start) or other_contributor_label(
        text, skip_space(text, cand.start, end)
    ):
        return None  # "Styling: Kate Phelan", "Make-up: Lucy Bridge": not the picture's credit
    if TRANSLATION.search(text, cand.start, end):
        return None  # "Übersetzt ins (en) von NAME": a translation's credit
    # The gate before the name parser, splitting and resolving names being the costliest step
    # of reading a block: text that no names could make a credit is refused first.
    if not plausible_text(ctx, start, core_end, peeled.prefixed, cand):
        return None
    names = split_names(ctx, start, core_end, peeled.courtesy)
    if not names or _others_only(names):
        return None
    if not peeled.labelled and ctx.block.image is None and all(n.text.startswith("@") for n in names):
        return None  # "@realdonaldtrump" under an embedded post: an account, not a picture's credit
    if not plausible_names(ctx, start, core_end, names, peeled.prefixed, cand, peeled.explicit):
        return None
    return Attribution(
        AttributionKind.PHOTO_CREDIT,
        ctx.block.text[start:end],
        ctx.block.span(start, end),
        tuple(names),
        image=ctx.block.image,
    )


def _others_only(names: list[Name]) -> bool:
    """Whether the names open with, or are only, titles of other contributors ("Autorin/Autor …")."""
    first = names[0]
    return first.role == NameRole.ROLE and other_contributor(first.text.casefold())


def _peel(text: str, cand: Candidate) -> _Peeled | None:
    """Peel wrappers, marks and prefixes ("(© Foto: ", "Photo by Courtesy of ")."""
    start, end = cand.start, min(cand.end, cand.start + MAX_CREDIT + 200)
    prefixed, courtesy, explicit, labelled = cand.prefixed, False, False, False
    for _ in range(6):
        start = skip_space(text, start, end)
        if start >= end:
            return None
        wrapper = _wrapper_at(text, start, end)
        if wrapper:
            if text[start] in "([":
                end -= 1
            start += 1
            continue
        m = COURTESY.match(text, start) if text[start] in COURTESY_FIRST else None
        if m is not None:
            start = m.end()
            prefixed = courtesy = labelled = True
            continue
        m = _prefix_match(text, start, cand, prefixed)
        if m is None or m.end() <= start:
            break
        # "Credit:", "Photographer:" say outright that names follow, even in lower case.
        explicit = explicit or re.search(r"(?i)credit|photographer", m.group(0)) is not None
        start = m.end()
        prefixed = labelled = True
    by = BYLINE.match(text, start)
    if by is not None and prefixed and not cand.prefixed:
        start = by.end()  # "© By Jane Doe"
    return _Peeled(start, end, prefixed, courtesy, explicit, labelled)


def _wrapper_at(text: str, start: int, end: int) -> bool:
    """Whether text[start] wraps the credit: emphasis, a quote, a lead dash, a whole bracket."""
    ch = text[start]
    nxt = text[start + 1 : start + 2]
    # "— Brian Cassella, …" loses its dash; "-/AFP via Getty Images" keeps its "-". "Photo by
    # - /AFP via Getty Images" names no photographer: the credit starts after the slash.
    dash = ch in "-–—" and (not nxt or nxt.isspace())
    slash = ch == "/" and nxt.isspace() is False and bool(nxt)
    return ch in "*_\"“„'>" or dash or slash or (ch in "([" and closing_bracket(text, start, end) == end - 1)


def _prefix_match(text: str, start: int, cand: Candidate, prefixed: bool) -> re.Match[str] | None:
    """A mark or prefix at ``start``; bare words count in a bracket or a credit element.

    Each pattern is tried only where its matches can open (as ``segmentation.prefix_at``
    does): most candidates open with a name. tests/test_extract_guards.py checks it against
    the plain form, every pattern tried.
    """
    head = text[start : start + 3]
    first = head[:1]
    ascii_head = head.isascii()
    low = head.lower()
    m = MARK_LEAD.match(text, start) if first in "©(&" or first.isspace() else None
    if m is None and (low in PREFIX_STARTS or not ascii_head):
        m = PREFIX.match(text, start)
    if m is None and "A" <= first <= "Z":
        m = LEAD_PREFIX.match(text, start)
    if m is None and (cand.bracket or cand.trusted) and (low in BARE_STARTS or not ascii_head):
        m = BARE_PREFIX.match(text, start) or VIA.match(text, start)
    if m is None and cand.trusted and prefixed:
        m = BYLINE.match(text, start) or GENERIC_LABEL.match(text, start)
    return m


def _credit_end(text: str, start: int, end: int) -> int:
    """Where a credit's text ends: before an editors' note, closing punctuation, stray brackets."""
    # Editors' notes go; the credit's own tags stay in its text but name nobody.
    note = editor_note(text, start, end)
    if note is not None and note.start() > start:
        end = note.start()
    terms = USAGE_TAIL.search(text, start, end)
    if terms is not None and terms.start() > start:
        end = terms.start()  # "…/Hugo Jehle, honorarfrei - Verwendung gemäß der AGB …"
    end = rstrip_at(text, start, end)
    while end > start and text[end - 1] in ")]" and opening_bracket(text, start, end - 1) is None:
        end = rstrip_at(text, start, end - 1)
    return end


# Whether the parsed names make a credit here (prose that mentions an agency does not) is asked
# in two halves: what the text alone says, before its names are split and resolved, then what
# the names say. Each test is one of the text's or one of the names', so the order changes no
# answer; tests/test_extract_shortcuts.py checks that against the two asked after the names.


def plausible_text(ctx: BlockText, start: int, end: int, prefixed: bool, cand: Candidate) -> bool:
    """Whether the text may make a credit here, whatever names it holds (False: it cannot)."""
    text = ctx.text[start:end]
    # Each form of markup holds one of these; a credit seldom does, which spares the scan.
    if ("<" in text or "/>" in text or '="' in text) and MARKUP.search(text):
        return False  # '<doc-id regsrc="AP" />': a tag of a file read as text
    if ELAPSED.search(ctx.text, max(0, start - 40), end + 40):
        return False  # "Reuters 13 mins ago", "05.09.2024 | 2:03 min": a list of stories or videos
    words = PLAIN_WORD.findall(text)
    if cand.trusted:
        closes = ctx.text[end : end + 1] == "."
        return _element_plausible(text, len(words), closes)
    if len(words) > 25:
        return False
    if prefixed:
        return not prose_words(text, VERBS)  # "Photos: Steve Jobs resigns" labels a gallery
    # Unprefixed text holds only names: no prose, URL or id such as "tag:reuters.com,0000:newsml_…".
    if prose_words(text) or "://" in text or (":" in text and ID_COLON.search(text)):
        return False
    return len(words) <= 14 and name_list_like(text)


def plausible_names(
    ctx: BlockText,
    start: int,
    end: int,
    names: list[Name],
    prefixed: bool,
    cand: Candidate,
    explicit: bool = False,
) -> bool:
    """Whether the names make a credit of text that ``plausible_text`` passed.

    What it takes in running text is restated by ``gate.running_may_yield``: change both.
    """
    if cand.trusted:
        return True  # a credit element's text: any names will do
    text = ctx.text[start:end]
    if prefixed:
        return _prefixed_names(names, explicit)
    if len(names) == 1 and DOMAIN.fullmatch(names[0].text) and not is_stock(names[0].text):
        return False  # "reuters.com" alone names a site; "Shutterstock.com" credits a library
    if any(is_handout_name(n) or " ".join(n.text.casefold().split()) in POOL_WORDS for n in names):
        return True  # "(Sony/Handout)", "(Handout)", "（代表撮影）": a picture's giver, credited
    evidence = any(n.rule is not None or known_source(n.text) for n in names)
    separated = bool(SEPARATED.search(text))
    if cand.bracket:
        return evidence or (not ctx.running and _bracket_credited(names, separated, _picture_text(ctx)))
    if not separated and evidence and lone_comma_credit(ctx, start, end, names):
        return True
    if not evidence:
        return not ctx.running and _slashed_unknown(text, names)
    if ctx.running:
        return separated  # "AFP" closing a wire story is its source; "Jane Doe/AFP" is a credit
    return separated or len([n for n in names if n.role != _ROLE]) == 1


def _slashed_unknown(text: str, names: list[Name]) -> bool:
    """A photographer and an unknown source alone: "Tomer Appelbaum/Haaretz"."""
    people = any(n.role == _PERSON for n in names)
    sources = any(n.role == _ORGANISATION for n in names)
    return "/" in text and 2 <= len(names) <= 4 and people and sources


def _element_plausible(text: str, word_count: int, closes: bool = False) -> bool:
    """A credit element's text: any names will do, but not a sentence of legalese or URLs.

    ``closes``: a period follows the text. "Crowds at the Tokyo/Osaka line on Monday." is a
    sentence: it ends in a period and holds lower-case words no name has.
    """
    if word_count > 40 or "://" in text:
        return False
    if (len(prose_words(text, VERBS)) > 0 and word_count > 5) or len(prose_words(text)) > 2:
        return False
    if closes and len([w for w in PLAIN_WORD.findall(text) if w.islower() and w not in NAME_WORDS]) >= 2:
        return False
    return len(WORD_CHAR.findall(text)) >= 2


def _prefixed_names(names: list[Name], explicit: bool) -> bool:
    """After a prefix a credit is names, each of them a name, a handle or an organisation's."""
    stock = explicit or any(is_stock(n.text) for n in names)
    # "La Presse canadienne" may hold a lower-case word: it is an organisation's name.
    return all(
        name_list_like(n.text, contributors=stock) or is_handle(n.text) or org_named(n.text)
        for n in names
        if n.role in (_PERSON, _ORGANISATION) and n.rule is None
    )


def _picture_text(ctx: BlockText) -> bool:
    """Whether the block is a picture's caption or credit, or text attached to a picture."""
    return ctx.kind in (BlockKind.CAPTION, BlockKind.CREDIT) or ctx.block.image is not None


def _bracket_credited(names: list[Name], separated: bool, picture: bool = False) -> bool:
    """A bracket naming no known source: a media organisation, or a photographer and whom for.

    Closing a ``picture``'s caption, an institution is too: "(U.S. District Court, Eastern
    District of New York)" gave the picture.
    """
    words = MEDIA_WORDS | INSTITUTION_WORDS if picture else MEDIA_WORDS
    if any(n.role == _ORGANISATION and set(name_words(n.text)) & words for n in names):
        return True
    if picture and any(n.role == _ORGANISATION and INSTITUTION_ENDING.search(n.text) for n in names):
        return True  # "(Siebengebirgsmuseum/Heimatverein …)": a German compound names the institution
    people = any(n.role == _PERSON for n in names)
    # "(Marc Israel Sellem/POOL)", "(Ben Nelms/CBC)": a photographer and whom for.
    credited = people and any(n.role in (_ORGANISATION, _ROLE) for n in names)
    return separated and credited


def lone_comma_credit(ctx: BlockText, start: int, end: int, names: list[Name]) -> bool:
    """A whole line such as "Al Goldis, Associated Press": a photographer and a licensed source.

    In a sentence the same words are an appositive or a byline's tail, so only a block that
    holds nothing else, or nothing but sentences before it, counts, and only a person with a
    source that a rule names. ``gate._lone_comma_may_credit`` restates its tests of the text.
    """
    if ctx.kind == BlockKind.CREDIT or len(names) != 2 or "," not in ctx.text[start:end]:
        return False
    note = EDITOR_NOTE.match(ctx.text, end)  # ", May 20, 2012" after the credit
    tail = ctx.text[note.end() if note is not None else end :]
    head = ctx.text[:start].rstrip(' \t-–—*_"“(')
    # Alone in the block, or closing a caption after its last sentence ("… on Monday. Jane
    # Doe, AP"); never inside a sentence.
    after_sentence = head.endswith((".", "!", "?")) and ends_sentence(ctx.text, len(head) - 1)
    if (head and not after_sentence) or tail.strip(' \t.)"”*_'):
        return False
    if len(ctx.text[start:end].split()) > 6:
        return False
    roles = sorted(n.role for n in names)
    return roles == [NameRole.ORGANISATION, NameRole.PERSON] and any(n.rule is not None for n in names)
