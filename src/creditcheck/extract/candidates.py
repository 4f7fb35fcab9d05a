"""Candidates: the stretches of a region that may hold a credit (prefixed, bracketed, a last segment)."""

from __future__ import annotations

from creditcheck.extract.context import (
    NAME_JOINS,
    SEGMENT_ENDS,
    STRONG_CUTS,
    BlockText,
    Candidate,
    Cut,
    CutKind,
)
from creditcheck.extract.offsets import bracket_groups, inside, rstrip_at, skip_space
from creditcheck.extract.patterns import (
    ACRONYM_SKIP,
    ASCII_WORD,
    BRACKET_CHAR,
    BRACKET_TAG,
    BYLINE,
    DATELINE,
    GENERIC_LABEL,
    SHOT_BY,
    SLASH,
    TAGS_NOTE,
    VIA_WORD,
)
from creditcheck.extract.segmentation import extend_forward, find_cuts, prefix_at, segment_end, trim
from creditcheck.extract.vocabulary import MAX_CANDIDATES, MAX_CREDIT
from creditcheck.extract.words import caption_like, name_list_like
from creditcheck.model import BlockKind


def find_candidates(ctx: BlockText, rs: int, re_: int, slash: bool, trusted: bool) -> list[Candidate]:
    """The candidates of one region, in the order they are tried (earlier ones win overlaps).

    ``gate.running_may_yield`` restates what these need in a web page's running text: change both.
    """
    text = ctx.text
    # "By JORDAN ROBERTSON - AP Technology Writers | AP": a byline names no photo source.
    byline = not trusted and BYLINE.match(text, rs) is not None
    if re_ - rs > 20000:
        rs = re_ - 20000  # a runaway block: credits sit at the end
    brackets = bracket_groups(text, rs, re_)
    cuts = find_cuts(text, rs, re_, brackets)
    opener = _unclosed_opener(text, rs, re_, cuts)
    if opener is not None:
        # The credit's bracket reaches the region's end; ``re_`` stands for the missing close.
        brackets.append((opener, re_))
        cuts = find_cuts(text, rs, re_, brackets)
    out = _prefixed_candidates(text, rs, re_, brackets, cuts, trusted)
    shot = _shot_by(ctx, rs, re_)
    if shot is not None:
        out.append(shot)
    head = _names_before_prefixed(text, rs, out) if trusted else None
    if head is not None:
        out.append(head)
    trailing, tail = _trailing_brackets(text, re_, brackets)
    for open_, close in trailing:
        if byline or any(c.start <= open_ < c.end for c in out):
            continue
        cand = _bracket_candidate(text, rs, re_, (open_, close), out, trusted)
        if cand is not None:
            out.append(cand)
    covered_end = bool(trailing) or any(c.end >= re_ - 1 for c in out)
    if not covered_end and not byline:
        cand = last_segment(ctx, rs, tail if trailing else re_, cuts, brackets, slash, trusted)
        if cand is not None:
            out.append(cand)
    if trusted and not out:
        out.append(Candidate(rs, re_, prefixed=True, trusted=True))
    return out


def _shot_by(ctx: BlockText, rs: int, re_: int) -> Candidate | None:
    """A picture's caption ending in the photographer's name and 摄 ("shot"): the name."""
    text = ctx.text
    if "摄" not in text[max(rs, re_ - 6) : re_]:
        return None
    if ctx.kind not in (BlockKind.CAPTION, BlockKind.CREDIT) and ctx.block.image is None:
        return None  # in running text, "… 摄" may be part of a sentence
    start = max(rs, re_ - 60)
    m = SHOT_BY.search(text[start:re_])
    if m is None:
        return None
    return Candidate(start + m.start(1), start + m.end(1), prefixed=True)


def _prefixed_candidates(
    text: str, rs: int, re_: int, brackets: list[tuple[int, int]], cuts: list[Cut], trusted: bool
) -> list[Candidate]:
    """Prefixed credits inside brackets and at segment starts."""
    out: list[Candidate] = []
    for open_, close in brackets:
        p = skip_space(text, open_ + 1, close)
        if prefix_at(text, p, bracket=True):
            out.append(Candidate(open_ + 1, close, prefixed=True, bracket=True, trusted=trusted))
    opens = [o for o, _c in brackets]
    starts = [rs, *(c.start for c in cuts)]
    for s in starts:
        if inside(s, brackets, opens) or s >= re_ or len(out) >= MAX_CANDIDATES:
            continue
        if prefix_at(text, s, bracket=False) or (trusted and s == rs and GENERIC_LABEL.match(text, s)):
            seg_end = segment_end(s, re_, cuts, SEGMENT_ENDS)
            end = extend_forward(text, s, seg_end, re_, cuts)
            out.append(Candidate(s, end, prefixed=True, trusted=trusted))
    return out


def _names_before_prefixed(text: str, rs: int, out: list[Candidate]) -> Candidate | None:
    """In a credit element, names before a later prefixed credit are a credit of their own.

    "UN Photo / ICJ-CIJ / Frank van Beek. Courtesy of the ICJ".
    """
    later = [c for c in out if not c.bracket and c.start > rs]
    if not later:
        return None
    head_end = rstrip_at(text, rs, later[0].start)
    head = text[rs:head_end]
    if SLASH.search(head) and name_list_like(head) and not prefix_at(text, rs, False):
        return Candidate(rs, head_end, prefixed=True, trusted=True)
    return None


def _unclosed_opener(text: str, rs: int, re_: int, cuts: list[Cut]) -> int | None:
    """A "(" or "[" that opens a credit never closed: "Talks (Jim Watson/AFP", "… [AP Photo/John Doe".

    A CMS cutting a caption at a length limit drops the close. Only the region's last bracket
    counts, with a credit's length after it and no sentence ending after it, since
    "(an aside. Jane Doe/AFP" ends in a credit of its own.
    """
    open_ = max(text.rfind("(", rs, re_), text.rfind("[", rs, re_))
    if open_ < 0 or re_ - open_ - 1 > MAX_CREDIT or skip_space(text, open_ + 1, re_) >= re_:
        return None
    if text.find(")", open_, re_) >= 0 or text.find("]", open_, re_) >= 0:
        return None
    sentence = CutKind.SENTENCE
    if any(c.kind is sentence and c.start > open_ for c in cuts):
        return None
    return open_


def _trailing_brackets(
    text: str, re_: int, brackets: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], int]:
    """Bracket groups closing the region ("... (AP Photo/Matt Rourke)"), and where they start.

    ``gate.AFTER_BRACKET`` restates what may follow them: change both.
    """
    tail = re_
    trailing: list[tuple[int, int]] = []
    for open_, close in reversed(brackets):
        # "Suzanne Schulting (Niederlande/Short Track): …" labels what follows; it closes nothing.
        if len(trailing) >= 4 or (close + 1 < tail and text[close + 1 : tail].strip(' .,;*_"”’»')):
            break
        inner = text[open_ + 1 : close].strip()
        tail = open_
        if BRACKET_TAG.match(inner) or TAGS_NOTE.search(inner):
            continue
        trailing.append((open_, close))
    return trailing, tail


def _bracket_candidate(
    text: str, rs: int, re_: int, group: tuple[int, int], out: list[Candidate], trusted: bool
) -> Candidate | None:
    """A trailing bracket as a credit, unless it is a dateline or an acronym's expansion."""
    open_, close = group
    # "WASHINGTON (Reuters)": a dateline names the story's source, not a photo's.
    lead = text[rs : close + 2] if close < re_ else text[rs:re_] + ")"  # "WASHINGTON (Reuters"
    if rs == skip_space(text, 0, re_) and DATELINE.match(lead):
        return None
    if acronym_expansion(text, open_, text[open_ + 1 : close]):
        return None
    head = text[rs:open_].strip(" -–—|:")
    lone_head = bool(head) and not BRACKET_CHAR.search(head)
    lone_head = lone_head and not any(c.start <= rs < c.end for c in out)
    # "Talks (Jim Watson/AFP": the close is missing (``close`` is the region's end), so the
    # head before the bracket is a caption cut short, never a name.
    lone_head = lone_head and close < re_
    # "Florion Goga (REUTERS)": a name and its agency, the element is the credit.
    if trusted and lone_head and name_list_like(head):
        return Candidate(rs, re_, prefixed=True, trusted=True)
    return Candidate(open_ + 1, close, prefixed=False, bracket=True, trusted=trusted)


def last_segment(
    ctx: BlockText,
    rs: int,
    re_: int,
    cuts: list[Cut],
    brackets: list[tuple[int, int]],
    slash: bool,
    trusted: bool,
) -> Candidate | None:
    """An unprefixed credit closing the region, after a sentence end, a bar or a dash."""
    text = ctx.text
    end = re_
    re_ = trim(text, rs, re_)[1]
    if re_ <= rs or (not trusted and ":" in text[re_:end]):
        return None  # "Suzanne Schulting (Niederlande/Short Track):" labels what follows
    start = _last_start(text, rs, re_, cuts)
    candidates = [start]
    weak_kind = CutKind.WEAK  # read once: an enum member read from its class is slow on 3.11
    weak = [c.start for c in cuts if c.kind is weak_kind and start < c.start < re_]
    if weak:
        candidates.append(weak[-1])
    for s in candidates:
        if inside(s, brackets):
            continue
        segment = text[s:re_]
        if trusted:
            return _element_tail(text, rs, re_, s)
        if ctx.kind == BlockKind.TEXT and s == rs and BYLINE.match(segment):
            return None  # "By Jane Doe, Associated Press" is a byline
        if slash:
            return Candidate(s, re_, prefixed=True)
        if _lone_name_after_join(text, cuts, s, segment):
            continue
        return Candidate(s, re_, prefixed=False)
    return None


def _last_start(text: str, rs: int, re_: int, cuts: list[Cut]) -> int:
    """Where the last segment starts, extended back over segments that are only names.

    "Steven Puetzer | The Image Bank | Getty Images" is one credit.
    """
    strong = [c for c in cuts if c.kind in STRONG_CUTS and c.start < re_]
    k = len(strong) - 1
    start = strong[k].start if k >= 0 else rs
    while k >= 0 and strong[k].kind in NAME_JOINS and len(strong) - k < 8:
        prev_start = strong[k - 1].start if k > 0 else rs
        head = text[prev_start : strong[k].end]
        if head.rstrip().endswith((".", "!", "?")) or not name_list_like(head):
            break
        if prefix_at(text, prev_start, bracket=False):
            break
        start, k = prev_start, k - 1
    return start


def _element_tail(text: str, rs: int, re_: int, s: int) -> Candidate:
    """In a credit element: the last segment after a caption, else the whole region."""
    if s == rs:
        return Candidate(s, re_, prefixed=True, trusted=True)
    if caption_like(text[rs:s]) and name_list_like(text[s:re_]):
        return Candidate(s, re_, prefixed=True, trusted=True)
    return Candidate(rs, re_, prefixed=True, trusted=True)


def _lone_name_after_join(text: str, cuts: list[Cut], s: int, segment: str) -> bool:
    """A single name after " | " or " - " that does not follow a sentence: a title's tail."""
    cut_here = next((c for c in cuts if c.start == s), None)
    single_tail = "/" not in segment and not VIA_WORD.search(segment)
    if cut_here is None or cut_here.kind not in NAME_JOINS or not single_tail:
        return False
    before = text[: cut_here.end].rstrip()
    return not before.endswith((".", "!", "?", ")"))


def acronym_expansion(text: str, open_: int, inner: str) -> bool:
    """'Environmental Protection Agency (EPA)': the acronym follows its own expansion."""
    acronym = inner.strip()
    letters = acronym.replace("-", "")
    if not (2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()):
        return False
    before = text[max(0, open_ - 200) : open_]
    words = [w for w in ASCII_WORD.findall(before) if w.lower() not in ACRONYM_SKIP]
    tail = words[-len(letters) :] if len(words) >= len(letters) else []
    if "".join(w[0] for w in tail).upper() == letters:
        return True
    parts = [p for w in words[-len(letters) :] for p in w.split("-") if p]
    return "".join(p[0] for p in parts[-len(letters) :]).upper() == letters
