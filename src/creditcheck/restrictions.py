"""Restrictions written into article text: embargo lines and usage-term phrases (wire style)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from itertools import islice

from creditcheck import compilecache
from creditcheck.dates import parse_when
from creditcheck.model import Block, Span

# Wire copy puts these in capitals in captions and advisories; they restrict how it is used.
USAGE_PHRASES = compilecache.compile(
    r"\b(?:(?:FOR\s+)?EDITORIAL\s+USE\s+ONLY|ONE[\s-]TIME\s+USE(?:\s+ONLY)?|NO\s+ARCHIVES?|NO\s+SALES|"
    r"NO\s+RESALES?|NOT\s+FOR\s+SALE|NO\s+MAGAZINES|NO\s+BOOKS|NO\s+THIRD[\s-]PARTY\s+SALES|"
    r"MANDATORY\s+CREDIT(?:[^.\n)]{0,80})?|NO\s+USE\s+AFTER\s+[^.\n)]{1,40}|NO\s+ACCESS\s+[A-Z][^.\n)]{0,60})"
)
_EMBARGO = compilecache.compile(
    r"^\s*(?:\*\*)?EMBARGO(?:ED)?\s*(?:UNTIL|:)?\s*:?\s*(?P<when>.+?)\s*(?:\*\*)?\s*$", re.I
)


def usage_terms(blocks: Iterable[Block]) -> list[tuple[str, Span]]:
    """Every usage-term phrase in the blocks, with its span."""
    found: list[tuple[str, Span]] = []
    blocks = tuple(blocks)
    # Asked of all the texts at once first: none of the words holds a line break, so none is
    # found across two texts, and most documents hold none of them.
    if not holds_usage_word("\n".join(b.text for b in blocks)):
        return found
    for block in blocks:
        if "USE" not in block.text and "NO " not in block.text and "CREDIT" not in block.text:
            continue
        for m in USAGE_PHRASES.finditer(block.text):
            text = m.group(0).rstrip(" ,;:-")
            found.append((text, block.span(m.start(), m.start() + len(text))))
    return found


def holds_usage_word(text: str) -> bool:
    """Whether ``text`` holds "USE", "NO " or "CREDIT", one of which every usage phrase holds.

    Looked for by their capitals: a search for one character runs through a text many times
    faster than a search for a word, and most texts hold no capital E (the third letter of
    "USE" and of "CREDIT") and few capital Ns.
    """
    at = text.find("E", 2)
    while at >= 0:
        if text.startswith("USE", at - 2) or text.startswith("CREDIT", at - 2):
            return True
        at = text.find("E", at + 1)
    at = text.find("N")
    while at >= 0:
        if text.startswith("O ", at + 1):
            return True
        at = text.find("N", at + 1)
    return False


_EMBARGO_STARTS = ("E", "e", "*")


def embargo_line(blocks: Iterable[Block]) -> tuple[dt.datetime | dt.date, Span] | None:
    """An ``EMBARGOED UNTIL …`` line near the top of an article."""
    for block in islice(blocks, 31):
        # The pattern is matched at the text's start, where it takes spaces, "**" or the "E" of
        # EMBARGO, in either case (no character outside ASCII matches that letter): a text that
        # starts with anything else is not handed to it. (Lower-casing the texts to look for
        # the word cost ten times as much.)
        first = block.text[:1]
        if first not in _EMBARGO_STARTS and not first.isspace():
            continue
        m = _EMBARGO.match(block.text)
        if m is None:
            continue
        day, moment = parse_when(m.group("when"))
        when = moment or day
        if when is not None:
            return when, block.span(0, len(block.text))
    return None
