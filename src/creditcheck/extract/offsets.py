"""Small scans over offsets of the folded text: spaces, brackets, barriers and editors' notes."""

from __future__ import annotations

import bisect
import re

from creditcheck.extract.patterns import BRACKET_CHAR, BRACKETS, EDITOR_NOTE, NEXT_WORD, NOTE_WORD
from creditcheck.extract.prefilter import BARRIER
from creditcheck.extract.vocabulary import ABBREVIATIONS, CORPORATE, MAX_CREDIT


def split_at_barriers(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in re.finditer(BARRIER + "+", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return out


def holds_any(text: str, chars: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds one of ``chars``, without slicing it."""
    for ch in chars:  # noqa: SIM110 (a generator per call costs as much as the search)
        if text.find(ch, start, end) != -1:
            return True
    return False


def editor_note(text: str, start: int, end: int) -> re.Match[str] | None:
    """``EDITOR_NOTE.search(text, start, end)``, skipped where no note can be.

    Nearly every region and every credit is searched and almost none holds a note: substring
    tests are several times cheaper than the regex scan.
    """
    if NOTE_WORD.search(text, start, end) is not None:
        return EDITOR_NOTE.search(text, start, end)
    tail = text[start:end].rstrip()
    if tail and (tail[-1].isdecimal() or "A" <= tail[-1] <= "Z"):
        return EDITOR_NOTE.search(text, start, end)
    return None


def skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def rstrip_at(text: str, start: int, end: int) -> int:
    """``end`` moved back over spaces and closing punctuation."""
    while end > start and text[end - 1] in " \t\r\n.,;:*_\"”’'»|/-–—•·":
        end -= 1
    return end


def inside(pos: int, groups: list[tuple[int, int]], opens: list[int] | None = None) -> bool:
    """Whether ``pos`` lies inside one of the (sorted, disjoint) bracket groups."""
    if opens is None:
        opens = [o for o, _c in groups]
    i = bisect.bisect_left(opens, pos) - 1
    return i >= 0 and groups[i][0] < pos <= groups[i][1]


def bracket_groups(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Top-level, balanced ( ) and [ ] groups in text[start:end] as (open, close) indices."""
    groups: list[tuple[int, int]] = []
    stack: list[int] = []
    # Only brackets change the state: jumping from one to the next beats a Python loop over
    # every character of a long paragraph.
    for m in BRACKET_CHAR.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if ch in BRACKETS:
            stack.append(i)
        elif ch in ")]" and stack:
            open_ = stack.pop()
            if BRACKETS[text[open_]] != ch:
                stack.clear()
                continue
            if not stack and i - open_ <= MAX_CREDIT:
                groups.append((open_, i))
    return groups


def closing_bracket(text: str, open_: int, end: int) -> int | None:
    depth = 0
    for i in range(open_, min(end, open_ + MAX_CREDIT + 2)):
        if text[i] in "([":
            depth += 1
        elif text[i] in ")]":
            depth -= 1
            if depth == 0:
                return i
    return None


def opening_bracket(text: str, start: int, close: int) -> int | None:
    depth = 0
    for i in range(close, start - 1, -1):
        if text[i] in ")]":
            depth += 1
        elif text[i] in "([":
            depth -= 1
            if depth == 0:
                return i
    return None


def strip_name(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t*_\"“„'([©:.,;-–—+":
        s += 1
    while e > s and text[e - 1] in " \t*_\"”’')]©:,;-–—":
        if text[e - 1] == ")" and "(" in text[s:e]:
            break  # "The Gloucester Daily Times (Gloucester, Mass.)" keeps its place
        e -= 1
    if e > s and text[e - 1] == "." and not keeps_period(text[s:e]):
        e -= 1
    return s, e


def keeps_period(name: str) -> bool:
    """Whether a final period belongs to the name ("Inc.", "Ted S.", "Radio Prague Int.")."""
    last = name.rsplit(maxsplit=1)[-1] if name.split() else ""
    token = last.rstrip(".").casefold()
    initial = len(token) == 1 and len(name.split()) > 1
    return token in CORPORATE or token in ABBREVIATIONS or initial or "." in last[:-1]


def corporate_follows(text: str, pos: int, end: int) -> bool:
    m = NEXT_WORD.match(text, pos, end)
    return m is not None and m.group(1).replace(".", "").casefold() in CORPORATE
