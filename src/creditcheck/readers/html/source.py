"""The page's visible text mapped back to lines and columns of the source (the source map)."""

from __future__ import annotations

import bisect
import functools
import html as htmllib
import re

from creditcheck.positions import LineIndex

# A run of adjacent tags and comments. It starts with a literal "<", which lets the regex engine
# skip the text between tags at C speed, and a run of them is one match rather than one each;
# the text between is then mapped a line at a time with string methods.
_TAG = r"<(?:!--.*?(?:-->|$)|[A-Za-z/!?][^>]*>?)"
_TAGS = re.compile(rf"({_TAG}(?:{_TAG})*)", re.S)
# The tokens of the few lines that hold entities, tabs or runs of spaces (never a tag: _TAGS
# took those). Words joined by single spaces form one token: they map to the source one to one.
_TOKEN = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?|[^<&\s]+(?: [^<&\s]+)*|\s+|[<&]")
# Pages repeat the same few entities (&amp; &quot; &nbsp;) many times over.
_unescape = functools.lru_cache(maxsize=4096)(htmllib.unescape)


class SourceText:
    """The page's visible text as one string, mapped back to offsets in the source.

    Tags and comments vanish, entities become their character and whitespace runs one space,
    the same normalisation the walker applies to element text; so a block's text can be found
    here with ``str.find`` and every character of it traced to its line and column in the file.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = LineIndex(text)
        self.line_starts = self.lines.starts
        pieces: list[str] = []
        # Each segment: where it starts in the stream and in the source, and whether its
        # characters map one to one (a text run) or all to one place (an entity, a space).
        segs: list[tuple[int, int, bool]] = []
        n = 0
        last_space = True
        # Where in the source the last segment would go on, were it a text run still open.
        joinable = -1

        def collapse(pending: int, upto: int) -> None:
            """Emit the one space the whitespace from ``pending`` to ``upto`` becomes."""
            nonlocal n, joinable, last_space
            if upto - pending == 1 and text[pending] == " ":
                # A single plain space maps one to one: it may extend the open text run.
                if joinable != pending:
                    segs.append((n, pending, True))
                joinable = upto
            else:
                segs.append((n, pending, False))
                joinable = -1
            pieces.append(" ")
            n += 1
            last_space = True

        split = _TAGS.split(text)
        tags = split[1::2]
        tags.append("")
        off = 0  # where the current text between tags starts in the source
        for chunk, tag in zip(split[0::2], tags, strict=True):
            if chunk:
                # Whitespace collapses into one space that starts where the whitespace does;
                # ``pending`` is where the whitespace after the last text would start.
                pending = off
                pos = off
                for line in () if chunk.isspace() else chunk.split("\n"):
                    core = line.strip()
                    if core:
                        start = pos + len(line) - len(line.lstrip())
                        if start > pending and not last_space:
                            collapse(pending, start)
                        pending = end = start + len(core)
                        if "&" not in core and "  " not in core and core.isprintable():
                            # Words and single spaces only (printable excludes every other
                            # space character): one text run, as _TOKEN's words would join.
                            if joinable != start:
                                segs.append((n, start, True))
                            pieces.append(core)
                            n += end - start
                            joinable = end
                            last_space = False
                        else:
                            n, joinable, last_space = self._tokens(
                                start, end, n, joinable, last_space, pieces, segs
                            )
                    pos += len(line) + 1
                off += len(chunk)
                if off > pending and not last_space:
                    collapse(pending, off)
            off += len(tag)
        self.stream = "".join(pieces)
        self.seg_stream: list[int] = [seg[0] for seg in segs]
        self.seg_source: list[int] = [seg[1] for seg in segs]
        self.seg_verbatim: list[bool] = [seg[2] for seg in segs]

    def _tokens(
        self,
        start: int,
        end: int,
        n: int,
        joinable: int,
        last_space: bool,
        pieces: list[str],
        segs: list[tuple[int, int, bool]],
    ) -> tuple[int, int, bool]:
        """Map a line's text that holds entities, tabs or runs of spaces token by token.

        Takes and returns the stream's length, the open text run's end and whether the stream
        ends in a space.
        """
        for m in _TOKEN.finditer(self.text, start, end):
            tok = m.group(0)
            at = m.start()
            verbatim = True
            if tok[0] == "&" and len(tok) > 1:
                decoded = _unescape(tok)
                if len(decoded) == 1:
                    tok, verbatim = decoded, False
            if tok.isspace():
                if last_space:
                    continue
                verbatim = tok == " "
                tok = " "
            last_space = tok == " "
            if verbatim:
                if joinable != at:
                    segs.append((n, at, True))
                joinable = at + len(tok)
            else:
                segs.append((n, at, False))
                joinable = -1
            pieces.append(tok)
            n += len(tok)
        return n, joinable, last_space

    def line_offset(self, line: int) -> int:
        return self.lines.line_offset(line)

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def stream_index(self, source_offset: int) -> int:
        i = bisect.bisect_right(self.seg_source, source_offset) - 1
        if i < 0:
            return 0
        if self.seg_verbatim[i]:
            # Past the end of a text run (inside a tag after it) is the start of the next one.
            end = self.seg_stream[i + 1] if i + 1 < len(self.seg_stream) else len(self.stream)
            return min(self.seg_stream[i] + (source_offset - self.seg_source[i]), end)
        return self.seg_stream[i]

    def source_offset(self, index: int) -> int:
        i = max(bisect.bisect_right(self.seg_stream, index) - 1, 0)
        if self.seg_verbatim[i]:
            return self.seg_source[i] + (index - self.seg_stream[i])
        return self.seg_source[i]

    def find(self, text: str, line: int, cursor: int) -> int:
        """Stream index of ``text`` at or after the element's line (and the walk's cursor)."""
        begin = self.stream_index(self.line_offset(line))
        stream = self.stream
        found = stream.find(text, begin if begin > cursor else cursor)
        if found < 0 and cursor > begin:
            found = stream.find(text, begin)
        return found

    def anchors(self, start: int, length: int) -> list[tuple[int, int, int]]:
        """(block offset, line, column) wherever the block's mapping to the source jumps."""
        seg_stream, seg_source, line_starts = self.seg_stream, self.seg_source, self.line_starts
        first = max(bisect.bisect_right(seg_stream, start) - 1, 0)
        last = bisect.bisect_left(seg_stream, start + length)
        if first >= last:
            return []
        offset = self.source_offset(start)
        line = bisect.bisect_right(line_starts, offset)
        out = [(0, line, offset - line_starts[line - 1] + 1)]
        # Segments start at strictly increasing stream and source offsets, so each later
        # segment's own start is where the block jumps, and its line is at or after the last.
        for i in range(first + 1, last):
            offset = seg_source[i]
            line = bisect.bisect_right(line_starts, offset, line - 1)
            out.append((seg_stream[i] - start, line, offset - line_starts[line - 1] + 1))
        return out
