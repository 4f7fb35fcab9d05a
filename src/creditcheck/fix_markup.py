"""Mapping a fix from the text a finding quotes back to the HTML source it was read from.

In HTML the text a finding is about was decoded: entities (``&copy;``, ``&nbsp;``) became
characters, inline tags (``<b>AFP</b>``) vanished and runs of white space became one space.
Replacing the raw span with the fix would drop the markup, so only the characters that differ
between the text and its fix are changed, each at the place in the source it came from; an
entity or tag the fix does not touch stays as written. A change that would have to cut through
a tag is refused with the reason, never guessed.
"""

from __future__ import annotations

import difflib
import html
import re

from creditcheck.compilecache import dataclass

# A tag, comment, processing instruction or declaration: nothing of it is text.
_MARKUP = re.compile(r"<!--.*?-->|<[A-Za-z/!?][^>]*>", re.S)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?")
_SPACE = frozenset(" \t\n\r\f\v\u00a0")


class Unfixable(ValueError):
    """The fix cannot be mapped onto the source; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class _Unit:
    """One character of the decoded text and the raw source range it came from."""

    start: int
    end: int
    after_markup: bool  # a tag stands between this character and the one before it


def _units(raw: str, start: int, text: str, in_attribute: bool) -> list[_Unit]:
    """Align ``text`` with ``raw`` from ``start``: the source range of each of its characters."""
    units: list[_Unit] = []
    pos, i = start, 0
    markup = False
    while i < len(text):
        if pos >= len(raw):
            raise Unfixable("the file no longer holds this text where it was found")
        if raw[pos] == "<" and not in_attribute:
            m = _MARKUP.match(raw, pos)
            if m is not None:
                pos, markup = m.end(), True
                continue
        char, end = _decoded(raw, pos)
        want = text[i]
        if want == " " and char in _SPACE:
            # One space in the text stands for a run of white space (and entities and tags in it).
            end = _space_run_end(raw, end, in_attribute)
            units.append(_Unit(pos, end, markup))
        elif want == " " and markup:
            # A tag that separated words (<br>) was read as a space: it has no characters of its own.
            units.append(_Unit(pos, pos, True))
            i += 1
            markup = False
            continue
        elif char == want:
            units.append(_Unit(pos, end, markup))
        else:
            raise Unfixable("the file no longer holds this text where it was found")
        pos, i, markup = end, i + 1, False
    return units


def _decoded(raw: str, pos: int) -> tuple[str, int]:
    """The character at ``pos`` with entities decoded, and where its source ends."""
    if raw[pos] == "&":
        m = _ENTITY.match(raw, pos)
        if m is not None:
            value = html.unescape(m.group())
            if len(value) == 1:
                return value, m.end()
    return raw[pos], pos + 1


def _space_run_end(raw: str, pos: int, in_attribute: bool) -> int:
    """The end of the run of white space (and tags) that starts before ``pos``."""
    while pos < len(raw):
        if raw[pos] == "<" and not in_attribute:
            m = _MARKUP.match(raw, pos)
            if m is None:
                break
            after = m.end()
            # Tags inside a run of spaces belong to it only if spaces follow them too.
            if after < len(raw) and _decoded(raw, after)[0] in _SPACE:
                pos = after
                continue
            break
        char, end = _decoded(raw, pos)
        if char not in _SPACE:
            break
        pos = end
    return pos


def in_attribute(raw: str, pos: int) -> bool:
    """Whether ``pos`` is inside a tag (an attribute value such as ``alt`` or ``content``)."""
    return raw.rfind("<", 0, pos) > raw.rfind(">", 0, pos)


def markup_edits(raw: str, start: int, text: str, fix: str) -> list[tuple[int, int, str]]:
    """The raw edits (start, end, replacement) that turn ``text`` at ``start`` into ``fix``.

    Raises Unfixable when the source no longer holds ``text`` there, or when a change would
    cut through markup (``<b>AF</b>P`` to ``AFP via``): then the user must edit by hand.
    """
    attribute = in_attribute(raw, start)
    units = _units(raw, start, text, attribute)
    quote = attribute  # a quote in an attribute value would end it
    edits: list[tuple[int, int, str]] = []
    matcher = difflib.SequenceMatcher(None, text, fix, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        new = html.escape(fix[j1:j2], quote=quote)
        if i1 == i2:  # an insertion: after the markup that precedes the next character
            at = units[i1].start if i1 < len(units) else units[-1].end
            edits.append((at, at, new))
            continue
        if any(u.after_markup for u in units[i1 + 1 : i2]) or any(u.start == u.end for u in units[i1:i2]):
            raise Unfixable(f"the text to change ({text[i1:i2]!r}) runs across markup: fix it by hand")
        edits.append((units[i1].start, units[i2 - 1].end, new))
    return edits
