"""Credits: a candidate peeled of prefixes and wrappers, split into names, and judged plausible."""

from __future__ import annotations

import re

from creditcheck.extract.context import BlockText, Candidate
from creditcheck.extract.names import split_names
from creditcheck.extract.offsets import closing_bracket, editor_note, opening_bracket, rstrip_at, skip_space
from creditcheck.extract.patterns import (
    BARE_PREFIX,
    BYLINE,
    COURTESY,
    DOMAIN,
    EDITOR_NOTE,
    GENERIC_LABEL,
    ID_COLON,
    LEAD_PREFIX,
    MARK_LEAD,
    MARKUP,
    PLAIN_WORD,
    PREFIX,
    SEPARATED,
    TAIL_TAG,
    VIA,
    WORD_CHAR,
)
from creditcheck.extract.segmentation import ends_sentence
from creditcheck.extract.vocabulary import MAX_CREDIT, MEDIA_WORDS, VERBS
from creditcheck.extract.words import (
    is_handle,
    is_stock,
    known_source,
    name_list_like,
    name_words,
    org_named,
    prose_words,
)
from creditcheck.model import Attribution, AttributionKind, Name


def parse_credit(ctx: BlockText, cand: Candidate) -> Attribution | None:
    text = ctx.text
    start, end = cand.start, min(cand.end, cand.start + MAX_CREDIT + 200)
    prefixed, courtesy, explicit = cand.prefixed, False, False
    # Peel wrappers, marks and prefixes ("(© Foto: ", "Photo by Courtesy of ").
    for _ in range(6):
        start = skip_space(text, start, end)
        if start >= end:
            return None
        ch = text[start]
        nxt = text[start + 1 : start + 2]
        # "— Brian Cassella, …" loses its dash; "-/AFP via Getty Images" keeps its "-".
        dash = ch in "-–—" and (not nxt or nxt.isspace())
        if ch in "*_\"“„'>" or dash or (ch in "([" and closing_bracket(text, start, end) == end - 1):
            if ch in "([":
                end -= 1
            start += 1
            continue
        m = COURTESY.match(text, start)
        if m is not None:
            start = m.end()
            prefixed = courtesy = True
            continue
        m = MARK_LEAD.match(text, start) or PREFIX.match(text, start) or LEAD_PREFIX.match(text, start)
        if m is None and (cand.bracket or cand.trusted):
            m = BARE_PREFIX.match(text, start) or VIA.match(text, start)
        if m is None and cand.trusted and prefixed:
            m = BYLINE.match(text, start) or GENERIC_LABEL.match(text, start)
        if m is not None and m.end() > start:
            # "Credit:", "Photographer:" say outright that names follow, even in lower case.
            explicit = explicit or re.search(r"(?i)credit|photographer", m.group(0)) is not None
            start = m.end()
            prefixed = True
            continue
        break
    by = BYLINE.match(text, start)
    if by is not None and prefixed and not cand.prefixed:
        start = by.end()  # "© By Jane Doe"
    # Editors' notes go; the credit's own tags stay in its text but name nobody.
    note = editor_note(text, start, end)
    if note is not None and note.start() > start:
        end = note.start()
    end = rstrip_at(text, start, end)
    while end > start and text[end - 1] in ")]" and opening_bracket(text, start, end - 1) is None:
        end = rstrip_at(text, start, end - 1)
    if end <= start or end - start > MAX_CREDIT:
        return None
    core_end = end
    tag = TAIL_TAG.search(text, start, end)
    if tag is not None and tag.start() > start:
        core_end = rstrip_at(text, start, tag.start())
    names = split_names(ctx, start, core_end, courtesy)
    if not names:
        return None
    if not plausible(ctx, start, core_end, names, prefixed, cand, explicit):
        return None
    return Attribution(
        AttributionKind.PHOTO_CREDIT,
        ctx.block.text[start:end],
        ctx.block.span(start, end),
        tuple(names),
        image=ctx.block.image,
    )


def plausible(
    ctx: BlockText,
    start: int,
    end: int,
    names: list[Name],
    prefixed: bool,
    cand: Candidate,
    explicit: bool = False,
) -> bool:
    """Whether the parsed names make a credit here (prose that mentions an agency does not)."""
    text = ctx.text[start:end]
    words = PLAIN_WORD.findall(text)
    # Each form of markup holds one of these; a credit seldom does, which spares the scan.
    if ("<" in text or "/>" in text or '="' in text) and MARKUP.search(text):
        return False  # '<doc-id regsrc="AP" />': a tag of a file read as text
    if cand.trusted:
        # A credit element may still hold a sentence of legalese or URLs.
        if len(words) > 40 or "://" in text:
            return False
        if (len(prose_words(text, VERBS)) > 0 and len(words) > 5) or len(prose_words(text)) > 2:
            return False
        return len(WORD_CHAR.findall(text)) >= 2
    if len(words) > 25:
        return False
    if prefixed:
        if prose_words(text, VERBS):
            return False
        stock = explicit or any(is_stock(n.text) for n in names)
        # "Photos: Steve Jobs resigns" labels a gallery; a credit after a prefix is names
        # ("La Presse canadienne" may hold a lower-case word: it is an organisation's name).
        return all(
            name_list_like(n.text, contributors=stock) or is_handle(n.text) or org_named(n.text)
            for n in names
            if n.role in ("person", "organisation") and n.rule is None
        )
    if prose_words(text) or "://" in text or ID_COLON.search(text):
        return False  # prose, a URL, an id such as "tag:reuters.com,0000:newsml_…"
    if len(names) == 1 and DOMAIN.fullmatch(names[0].text) and not is_stock(names[0].text):
        return False  # "reuters.com" alone names a site; "Shutterstock.com" credits a library
    if len(words) > 14 or not name_list_like(text):
        return False
    sources = [n for n in names if n.role == "organisation"]
    evidence = any(n.rule is not None or known_source(n.text) for n in names)
    separated = bool(SEPARATED.search(text))
    if cand.bracket:
        if evidence:
            return True
        media = any(n.role == "organisation" and set(name_words(n.text)) & MEDIA_WORDS for n in names)
        people = any(n.role == "person" for n in names)
        # "(Marc Israel Sellem/POOL)", "(Ben Nelms/CBC)": a photographer and whom for.
        credited = people and any(n.role in ("organisation", "role") for n in names)
        return media or (separated and credited)
    people = any(n.role == "person" for n in names)
    if not separated and evidence and lone_comma_credit(ctx, start, end, names):
        return True
    if not evidence:
        # "Tomer Appelbaum/Haaretz" alone: a photographer and an unknown source.
        slashed = "/" in text and 2 <= len(names) <= 4
        return slashed and people and bool(sources)
    return separated or len([n for n in names if n.role != "role"]) == 1


def lone_comma_credit(ctx: BlockText, start: int, end: int, names: list[Name]) -> bool:
    """A whole line such as "Al Goldis, Associated Press": a photographer and a licensed source.

    In a sentence the same words are an appositive or a byline's tail, so only a block that
    holds nothing else, or nothing but sentences before it, counts, and only a person with a
    source that a rule names.
    """
    if ctx.kind == "credit" or len(names) != 2 or "," not in ctx.text[start:end]:
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
    return roles == ["organisation", "person"] and any(n.rule is not None for n in names)
