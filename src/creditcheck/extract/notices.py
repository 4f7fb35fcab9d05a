"""Copyright notices: marks, holders, years, "All rights reserved", and credits written with a ©."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from creditcheck import compilecache
from creditcheck.extract.context import BlockText, Found
from creditcheck.extract.offsets import rstrip_at, skip_space
from creditcheck.extract.patterns import (
    HOLDER_CUT,
    HOLDER_LEAD,
    LEGAL_FORM,
    LEGAL_TAIL,
    MARK,
    MARK_AT,
    RESERVED,
    RESERVED_TAIL,
    SENTENCE,
    SENTENCE_OR_BAR,
    SLASH,
    YEAR,
    may_reserve,
)
from creditcheck.extract.segmentation import ends_sentence, prefix_at
from creditcheck.extract.vocabulary import CORPORATE, MAX_MARKS, MAX_NOTICE, ORG_WORDS, PROSE, VERBS
from creditcheck.extract.words import (
    clean_holder,
    is_name_token,
    known_source,
    name_list_like,
    name_words,
    prose_words,
    years_in,
)
from creditcheck.model import Attribution, AttributionKind, BlockKind, Name, NameRole
from creditcheck.resolve import Resolution


def find_notices(ctx: BlockText) -> Iterator[Found]:
    """Copyright notices, and credits written with a copyright mark, in text order.

    Yields (start, end, notice, credit) where ``credit`` is the region of a credit that a
    © opened ("© AFP / MARCO BERTORELLO"); the reader parses it as a credit. Every one needs a
    mark or RESERVED, as ``gate.running_may_yield`` assumes.
    """
    text = ctx.text
    covered = 0
    marks = _marks(text)
    starts = [m.start() for m in marks]
    for i, m in enumerate(marks):
        start = m.start()
        if start < covered:
            continue
        window = min(len(text), start + MAX_NOTICE)
        pos = _mark_run_end(text, m.end(), window)
        nxt = bisect.bisect_left(starts, pos, i + 1)
        limit = min(starts[nxt] if nxt < len(starts) else len(text), window)
        body_start = skip_space(text, pos, limit)
        head_years = years_in(text[start:body_start])
        credit = mark_credit(ctx, m, body_start, limit, head_years)
        if credit is not None:
            cs, ce = credit
            covered = ce
            yield start, ce, None, (cs, ce)
            continue
        found, end = _marked_notice(ctx, start, body_start, limit)
        if found is None:
            covered = end
            continue
        covered = max(end, found[1])
        yield found
    if not marks or ctx.kind == BlockKind.COPYRIGHT:
        markless = markless_notice(ctx, covered)
        if markless is not None:
            yield markless


def _marks(text: str) -> list[re.Match[str]]:
    """The marks that open a notice, at most MAX_MARKS of them."""
    marks: list[re.Match[str]] = []
    for m in MARK.finditer(text):
        if len(marks) >= MAX_MARKS:
            break  # a block of hundreds of marks is not a page of notices
        if mark_ok(text, m):
            marks.append(m)
    return marks


def _mark_run_end(text: str, pos: int, window: int) -> int:
    """Marks in a row are one notice: "Copyright © 2020", "© Copyright 2022", "Copyright 2022 ©"."""
    while pos < window:
        mark = MARK_AT.match(text, pos, window)
        if mark and mark.end() > pos and mark.group(0).strip():
            pos = mark.end()
            continue
        lead = HOLDER_LEAD.match(text, pos, window)
        if lead and lead.end() > pos:
            pos = lead.end()
            continue
        break
    return pos


def _marked_notice(ctx: BlockText, start: int, body_start: int, limit: int) -> tuple[Found | None, int]:
    """The notice a mark at ``start`` opens, and where its text ends (None without holder or year)."""
    text = ctx.text
    holder_end = find_holder_end(text, body_start, limit)
    holder_raw = text[body_start:holder_end]
    end = notice_end(text, holder_end, limit)
    notice_start = start
    if start > 0 and ctx.block.text[start - 1 : start + 1] == "Â©":
        notice_start = start - 1  # mojibake: the "Â" is part of the mark
    # "2020 © Solarthemen", "BBC © 2014": a year or the holder before the mark.
    lo = max(0, start - 12)
    before = re.search(r"((?:19|20)\d{2})\s*$", text[lo:start])
    if before:
        notice_start = lo + before.start(1)
    holder, holder_start = clean_holder(holder_raw, body_start)
    if not holder:
        back = holder_before(text, notice_start)
        if back is not None:
            holder, holder_start = back
            notice_start = holder_start
    years = years_in(text[notice_start:end])
    if not holder and not years:
        return None, end
    raw_end = rstrip_at(text, notice_start, end)
    attribution = make_notice(ctx, notice_start, raw_end, years, holder, holder_start)
    return (notice_start, raw_end, attribution, None), end


def mark_ok(text: str, m: re.Match[str]) -> bool:
    """Whether a mark opens a notice (a © always; "Copyright" and "(c)" only in position)."""
    token = m.group(0)
    if token in ("©", "&copy;"):
        return True
    before = text[max(0, m.start() - 3) : m.start()].rstrip()
    after = text[m.end() : m.end() + 12]
    at_boundary = not before or before[-1] in '.|/—–-:;)(]•·*,<"“' or m.start() < 3
    follows = re.match(r"\s*(?:©|\([cC]\)|(?:19|20)\d{2}\b|@\s*\d)", after)
    if token.lower() == "(c)":
        if re.search(r"\([bB]\)", text[: m.start()]):
            return False  # "(a) …; (b) …; (c) The agency": a list, not a mark
        if _CJK.match(after):
            return True  # "石川（Ｃ）共同通信社": Japanese writes the mark between name and agency
        return bool(follows) or (at_boundary and bool(re.match(r"\s*[A-Z]", after)))
    if token == "copyright" and not follows:
        return False
    if follows:
        return True
    if not at_boundary:
        return False
    # "Copyright Office officials said …" is a sentence about copyright, not a notice.
    sentence = SENTENCE.split(text[m.end() : m.end() + 200], maxsplit=1)[0]
    if prose_words(sentence, VERBS):
        return False
    return bool(re.match(r"\s*(?:[:(]\s*)?(?:[A-Z\"“«]|of\b|by\b)", after))


def mark_credit(
    ctx: BlockText, m: re.Match[str], body: int, limit: int, head_years: list[int]
) -> tuple[int, int] | None:
    """The region of a credit written with a mark ("© AFP / MARCO BERTORELLO"), if it is one."""
    if head_years:
        return _dated_picture_credit(ctx, body, limit)
    text = ctx.text
    seg_end = piece_end(text, body, limit)
    body_text = text[body:seg_end]
    if not body_text.strip() or _notice_year(body_text) or RESERVED.search(text, body, limit):
        return None
    if re.search(r"\d", text[m.end() : body]):
        return None  # "© 0 Reuters": a broken year is still a year
    slash = SLASH.search(body_text) is not None
    if ctx.kind == BlockKind.COPYRIGHT and not (slash or prefix_at(text, body, False)):
        return None
    end = _bar_names_end(text, seg_end, limit)
    if _CJK.match(text, body) and (space := text.find(" ", body, end)) > 0:
        end = space  # "（Ｃ）共同通信社 この記事の画像を見る": the credit ends at the space
    pieces = [p for p in re.split(r"\s*(?:/|\||\bv[ií]a\b|,)\s*", text[body:end].strip()) if p]
    if any(LEGAL_FORM.search(p) for p in pieces):
        return None  # "© Thomson Reuters Limited": a company's legal name makes a notice
    # "Copyright Frank Franklin II/Copyright 2026 The AP": a credit that runs into a notice.
    runs_into_notice = end == limit and text[body:limit].rstrip().endswith("/")
    if not (slash or runs_into_notice or _pictureish(ctx, m, body, pieces)):
        return None
    end = rstrip_at(text, body, end)
    return (body, end) if end > body else None


# "Heimat- und Museumsverein Königs Wusterhausen 1990 e.V.": a year in an association's name.
_NAME_YEAR = compilecache.compile(r"\s*(?:e\.\s?V\b|gGmbH\b|GmbH\b|AG\b)")
# Japanese and Chinese write a credit without spaces, and a space ends it.
_CJK = compilecache.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _notice_year(text: str) -> bool:
    """Whether ``text`` holds a year that dates a notice (not one inside an association's name)."""
    return any(not _NAME_YEAR.match(text, m.end()) for m in YEAR.finditer(text))


def _dated_picture_credit(ctx: BlockText, body: int, limit: int) -> tuple[int, int] | None:
    """A picture's credit with a year ("© 2012 APA/AP"): picture agencies joined by a slash.

    Under a picture one agency will do ("© 2012 Jane Doe/AP"); elsewhere every name must be one,
    as a story's own notice names its holder alone.
    """
    picture = ctx.kind in (BlockKind.CAPTION, BlockKind.CREDIT) or ctx.block.image is not None
    text = ctx.text
    end = rstrip_at(text, body, piece_end(text, body, limit))
    piece = text[body:end]
    if not SLASH.search(piece) or RESERVED.search(piece) or YEAR.search(piece):
        return None
    pieces = [p for p in re.split(r"\s*/\s*", piece.strip()) if p]
    if any(LEGAL_FORM.search(p) for p in pieces) or not all(name_list_like(p) for p in pieces):
        return None
    agencies = [is_picture_source(ctx, p) for p in pieces]
    return (body, end) if (all(agencies) or (picture and any(agencies))) else None


def _bar_names_end(text: str, end: int, limit: int) -> int:
    """Names after a bar belong to the credit: "© DPA Images | Christoph Soeder"."""
    while end < limit:
        bar = re.match(r"\s*[|•·]\s*", text[end:limit])
        if bar is None:
            break
        nxt = piece_end(text, end + bar.end(), limit)
        if not name_list_like(text[end + bar.end() : nxt]):
            break
        end = nxt
    return end


def _pictureish(ctx: BlockText, m: re.Match[str], body: int, pieces: list[str]) -> bool:
    """Whether a mark without a year credits a picture: a prefix, a caption, a picture source."""
    text = ctx.text
    # "(Image: © HandyGames)", "Foto: © Hanohiki": a prefix just before the mark.
    prefixed = re.search(
        r"(?i:photo(?:graph)?s?|images?|pictures?|fotos?|bild(?:er)?|credits?|quelle|bildquelle"
        r"|source|illustration|grafik|graphics?)\s*[:：]\s*$",
        text[max(0, m.start() - 24) : m.start()],
    )
    worded = "opyright" in text[m.start() : body] or "OPYRIGHT" in text[m.start() : body]
    return (
        prefixed is not None
        or prefix_at(text, body, bracket=False)
        or ((ctx.kind in (BlockKind.CAPTION, BlockKind.CREDIT) or ctx.block.image is not None) and not worded)
        or any(is_picture_source(ctx, p) for p in pieces)
        # "© Kathrin Führes" without a year: a person holds no story's notice; a photographer's credit.
        or (not worded and all(_person_like(p) for p in pieces))
    )


def _person_like(piece: str) -> bool:
    """A person's name: two to four capitalised words, none an organisation's."""
    words = piece.split()
    return (
        2 <= len(words) <= 4
        and all(is_name_token(w) for w in words)
        and not (set(name_words(piece)) & ORG_WORDS)
    )


def piece_end(text: str, start: int, limit: int) -> int:
    """The end of the sentence or bar-separated piece that starts at ``start``."""
    stop = SENTENCE_OR_BAR.search(text, start, limit)
    if stop is None:
        return limit
    return stop.start() + (1 if text[stop.start()] in ".!?" else 0)


def is_picture_source(ctx: BlockText, name: str) -> bool:
    """Whether ``name`` is a picture agency or distributor: a rule's, or one known by name."""
    res = ctx.resolver.resolve(name.strip(" .,;:"))
    if res is not None:
        return res.rule in ctx.picture_sources
    return known_source(name)


def find_holder_end(text: str, start: int, limit: int) -> int:
    end = limit
    cut = HOLDER_CUT.search(text, start, limit)
    if cut is not None:
        end = cut.start()
    # "News Group Newspapers Limited in England No. 679215": prose after the name.
    for m in re.finditer(r"\s([a-z]+)\b", text[start:end]):
        if m.group(1) in PROSE and m.start() > 0:
            end = start + m.start()
            break
    # "Mortons Media Group Ltd, Media Centre, Morton Way": an address after the legal form.
    for m in re.finditer(r"([A-Za-z.]+)\s*,\s*([A-Za-z.]*)", text[start:end]):
        if m.group(1).replace(".", "").casefold() in CORPORATE and (
            m.group(2).replace(".", "").casefold() not in CORPORATE
        ):
            end = start + m.start() + len(m.group(1))
            break
    for m in SENTENCE.finditer(text, start, end):
        if notice_sentence_end(text, m.start(), end):
            return m.start()
    return end


def notice_sentence_end(text: str, dot: int, limit: int) -> bool:
    if text[dot] in "!?":
        return False  # "Yahoo! Inc.", "OK! Verlag": brand names
    if text[dot] != ".":
        return True
    nxt = re.match(r"\s*([\w.]+)", text[dot + 1 : limit])
    following = nxt.group(1).casefold().rstrip(".") if nxt else ""
    lo = max(0, dot - 24)
    m = re.search(r"([\w.’'-]+)$", text[lo:dot])
    token = (m.group(1) if m else "").casefold()
    if token.replace(".", "") in CORPORATE or token in ("co", "l.p", "s.a", "k.k", "s.l"):
        # "Co. KG", "Ltd. 2024": the name or its years go on after the legal form.
        return following.replace(".", "") not in CORPORATE and not YEAR.match(following)
    return ends_sentence(text, dot)


def notice_end(text: str, holder_end: int, limit: int) -> int:
    """Where a notice ends: after its holder, a trailing year and "All rights reserved"."""
    m = RESERVED_TAIL.match(text, holder_end, limit)
    return m.end() if m else holder_end


def holder_before(text: str, mark: int) -> tuple[str, int] | None:
    """A holder written before the mark: "BBC © 2014", "Jamaica Observer, 2022 © ..."."""
    lo = max(0, mark - 80)
    chunk = text[lo:mark]
    boundary = max((m.end() for m in re.finditer(r"[.|•·:>]\s+|^\s*", chunk)), default=0)
    piece = chunk[boundary:]
    holder, offset = clean_holder(piece, lo + boundary)
    if not holder or len(holder.split()) > 6 or not name_list_like(holder):
        return None
    return holder, offset


def markless_notice(ctx: BlockText, covered: int) -> Found | None:
    """A notice without a mark: "The Japan Times LTD. All rights reserved.", "2019 Invision"."""
    text = ctx.text
    if covered >= len(text):
        return None
    reserved = RESERVED.search(text, covered) if may_reserve(text) else None
    start = covered
    if reserved is not None:
        head_lo = max(covered, reserved.start() - 100)
        chunk = text[head_lo : reserved.start()]
        cuts = [m.end() for m in re.finditer(r"(?<=[a-z\d])[.!?]\s+(?=[A-Z])|[|•·]\s*", chunk)]
        start = head_lo + (cuts[-1] if cuts else 0)
        holder_part = text[start : reserved.start()]
        holder, holder_start = clean_holder(holder_part, start)
        years = years_in(holder_part)
        after = re.match(r"[\s.,:|•-]*([^.|•]{2,60}?)[\s.]*$", text[reserved.end() :])
        if not holder and not years and after and name_list_like(after.group(1)):
            # "Tous droits réservés Euronews": the holder follows the phrase.
            holder_start = reserved.end() + after.start(1)
            holder = after.group(1)
            end = rstrip_at(text, start, holder_start + len(holder))
            return start, end, make_notice(ctx, start, end, [], holder, holder_start), None
        if not holder and not years:
            return None
        if holder and not name_list_like(re.sub(r"[,.]", " ", holder)):
            return None
        end = rstrip_at(text, start, reserved.end())
        return start, end, make_notice(ctx, start, end, years, holder, holder_start), None
    if ctx.kind != BlockKind.COPYRIGHT:
        return None
    start = skip_space(text, covered, len(text))
    end = rstrip_at(text, start, min(len(text), start + MAX_NOTICE))
    body = text[start:end]
    years = years_in(body[:12])
    if not years:
        return None
    lead = YEAR.match(body)
    hs = start + (lead.end() if lead else 0)
    holder, holder_start = clean_holder(text[hs : find_holder_end(ctx.text, hs, end)], hs)
    return start, end, make_notice(ctx, start, end, years, holder, holder_start), None


def make_notice(
    ctx: BlockText, start: int, end: int, years: list[int], holder: str, holder_start: int
) -> Attribution:
    names: tuple[Name, ...] = ()
    holder_value: str | None = holder or None
    if holder:
        res = resolve_holder(ctx, holder)
        span = ctx.block.span(holder_start, holder_start + len(holder))
        original = ctx.block.text[holder_start : holder_start + len(holder)]
        if res is not None:
            names = (Name(original, span, NameRole.ORGANISATION, res.rule, res.score, res.alias),)
            holder_value = res.rule
        else:
            names = (Name(original, span, NameRole.ORGANISATION),)
            holder_value = original
    return Attribution(
        AttributionKind.COPYRIGHT,
        ctx.block.text[start:end],
        ctx.block.span(start, end),
        names,
        max(years) if years else None,
        holder_value,
        ctx.block.image,
    )


def resolve_holder(ctx: BlockText, name: str) -> Resolution | None:
    res = ctx.resolver.resolve(name)
    if res is not None:
        return res
    # "Guardian News & Media Limited", "Capitol Hill Publishing Corp.": legal forms.
    bare = LEGAL_TAIL.sub("", name)
    if bare != name and bare:
        return ctx.resolver.resolve(bare)
    return None
