"""What every stage reads: the block and its folded twin, and the cuts and candidates between stages."""

from __future__ import annotations

import enum
from typing import NamedTuple

from creditcheck.compilecache import dataclass
from creditcheck.model import Attribution, Block, BlockKind
from creditcheck.resolve import Resolver


@dataclass(frozen=True, slots=True)
class BlockText:
    """One block being read.

    ``text`` is the block's folded twin (same length): offsets into it are offsets into the
    block's own text, from which every span and every name is cut. ``picture_sources`` are the
    rule ids of picture agencies and distributors: a © before one of them opens a credit.
    ``running`` marks a web page's running text that no picture owns (a paragraph, a table
    cell, a menu): an unprefixed credit there must be written as one ("Jane Doe/AFP").
    """

    block: Block
    text: str
    resolver: Resolver
    picture_sources: frozenset[str]
    running: bool = False  # a web page's running text, tied to no picture

    @property
    def kind(self) -> BlockKind:
        return self.block.kind


class CutKind(enum.StrEnum):
    """What separates two segments of a line."""

    SENTENCE = "sentence"
    WEAK = "weak"  # a period after an abbreviation or an initial: perhaps a sentence end
    BAR = "bar"
    DASH = "dash"
    COLON = "colon"
    BRACKET = "bracket"


# The cuts that end a prefixed credit's segment; those that end a piece of a name list; those a
# last segment starts after; those a list of names carries over.
SEGMENT_ENDS = frozenset({CutKind.SENTENCE, CutKind.BAR, CutKind.DASH, CutKind.COLON})
PIECE_ENDS = frozenset({CutKind.SENTENCE, CutKind.BAR, CutKind.DASH})
STRONG_CUTS = frozenset({CutKind.SENTENCE, CutKind.BAR, CutKind.DASH, CutKind.BRACKET})
NAME_JOINS = frozenset({CutKind.BAR, CutKind.DASH})


# Cuts and candidates are made by the hundred thousand (a sentence end, a comma before a label):
# named tuples, made several times faster than frozen dataclasses, and as immutable.
class Cut(NamedTuple):
    """A boundary between two segments of a line: text[end:start] is the separator."""

    end: int
    start: int
    kind: CutKind


class Candidate(NamedTuple):
    """A stretch of text that may hold a credit, and how much evidence it needs."""

    start: int
    end: int
    prefixed: bool  # a credit prefix, a © mark or a credit element: no evidence needed
    bracket: bool = False  # the whole of a bracket group at the end of the line
    trusted: bool = False  # the block is a credit element: any names will do


# (start, end, notice, credit region): what the notice pass found, in text order.
Found = tuple[int, int, Attribution | None, tuple[int, int] | None]
