"""Positions in a file: the line-break pattern, and offsets mapped to 1-based lines and columns.

Lines are counted as editors and git count them: only CR, LF and CRLF end a line
(``str.splitlines`` also breaks at form feeds and U+2028, which would shift line numbers).
"""

from __future__ import annotations

import bisect
import re

from creditcheck import compilecache

LINE_BREAK_PATTERN = r"\r\n|\r|\n"
LINE_BREAK = compilecache.compile(LINE_BREAK_PATTERN)
LINE_BREAK_BYTES = compilecache.compile(LINE_BREAK_PATTERN.encode())
_LONE_CR = compilecache.compile(r"\r(?!\n)")
_LF = compilecache.compile("\n")
_match_end = re.Match.end


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their line breaks (no empty last line after a final break)."""
    # Without a carriage return only line feeds end lines: str.split does that seven times faster.
    lines = text.split("\n") if "\r" not in text else LINE_BREAK.split(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return lines


def text_end(text: str) -> tuple[int, int]:
    """The 1-based line and column just past the last line of ``text``, as ``split_lines`` counts.

    Counted without splitting: an empty text ends at (1, 1), and a final line break does not
    start a line of its own.
    """
    cr = "\r" in text
    breaks = text.count("\n")
    # A carriage return ends a line of its own only where no line feed follows it; mostly
    # there is none such (CRLF files), and one search shows it, where counting both kinds of
    # break cost two more passes over the text.
    if cr and _LONE_CR.search(text) is not None:
        breaks += text.count("\r") - text.count("\r\n")
    end = len(text)
    if breaks and text[-1] in "\r\n":
        end -= 2 if text.endswith("\r\n") else 1
        breaks -= 1
    start = text.rfind("\n", 0, end)
    if cr:
        start = max(start, text.rfind("\r", 0, end))
    return breaks + 1, end - start


def newline_of(text: str) -> str:
    """The first line break ``text`` uses (a line feed when it has none)."""
    m = LINE_BREAK.search(text)
    return m.group(0) if m else "\n"


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts (the first is 0)."""
    if "\r" in text and _LONE_CR.search(text):
        return [0, *(m.end() for m in LINE_BREAK.finditer(text))]
    # Only LF and CRLF end lines here, and both end at the LF: a line starts after each LF,
    # found without a Python loop (and without a string made for every line).
    starts = [0]
    starts.extend(map(_match_end, _LF.finditer(text)))
    return starts


class LineIndex:
    """Offsets into one text to 1-based (line, column) and back."""

    def __init__(self, text: str) -> None:
        self.starts = line_starts(text)

    def __len__(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """The offset of a 1-based line and column (the line must exist)."""
        return self.starts[line - 1] + column - 1

    def line_offset(self, line: int) -> int:
        """Where ``line`` starts, the first or last line standing in for one out of range."""
        return self.starts[min(max(line, 1), len(self.starts)) - 1]
