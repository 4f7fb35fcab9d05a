"""The page's visible text mapped back to lines and columns of the source (the source map)."""

from __future__ import annotations

import bisect
import functools
import html as htmllib
import re
from itertools import accumulate

from creditcheck.positions import LineIndex

# A run of adjacent tags and comments. It starts with a literal "<", which lets the regex engine
# skip the text between tags at C speed, and a run of them is one match rather than one each;
# the text between is then mapped a line at a time with string methods.
_TAG = r"<(?:!--.*?(?:-->|$)|[A-Za-z/!?][^>]*>?)"
_TAGS = re.compile(rf"({_TAG}(?:{_TAG})*)", re.S)
_ENTITY = r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?"
# What the few lines that hold entities, tabs or runs of spaces hold besides text that maps to
# the source one to one: entities, and runs of whitespace other than a single plain space.
_SPECIAL = re.compile(rf"{_ENTITY}|[^\S ]\s*| \s+")
_ENTITIES = re.compile(_ENTITY)
# Pages repeat the same few entities (&amp; &quot; &nbsp;) many times over.
_unescape = functools.lru_cache(maxsize=4096)(htmllib.unescape)
# How many pieces of text between tags one part of the stream holds: the stream is made a part
# at a time with string methods, and mapped back to the source a part at a time, when a block
# is placed in it. Smaller parts map less of the page that holds no block; larger ones make fewer.
PART = 16
# A page shorter than this is mapped whole when it is read: most of its text is its blocks'.
EAGER = 32_768
# A piece of text between tags longer than this is a part of its own.
BIG = 2_000
# Stands between two pieces of text while the entities of a part are decoded, so that no
# entity is read across a tag ("&am<b>p;"); the reader turns NUL into U+FFFD before.
_JOINT = "\x00"


class SourceText:
    """The page's visible text as one string, mapped back to offsets in the source.

    Tags and comments vanish, entities become their character and whitespace runs one space,
    the same normalisation the walker applies to element text; so a block's text can be found
    here with ``str.find`` and every character of it traced to its line and column in the file.

    The stream is made a part of the page at a time, with string methods. Where each of its
    characters came from (its segments) is worked out only for the parts a block is placed in,
    when it is placed: most of a page's text (scripts, menus, teasers, other stories) is never
    a block's, and mapping all of it was most of the source map's work.
    """

    def __init__(self, text: str, part: int = PART, eager_below: int = EAGER, big: int = BIG) -> None:
        self.text = text
        self.lines = LineIndex(text)
        self.line_starts = self.lines.starts
        # The text between tags and the tag runs, in turn (the last text is followed by "").
        split = _TAGS.split(text)
        split.append("")
        # The parts that add to the stream: where each starts in the source, where its pieces
        # are in ``split`` and where it starts in the stream (strictly increasing). A part ends
        # where a tag run does, so its pieces are those that splitting it alone would give.
        self._source: list[int] = []
        self._items: list[tuple[int, int]] = []
        self._stream: list[int] = []
        self._split = split
        self._segments: dict[int, _Segments] = {}
        if len(text) < eager_below:
            # A small page is mostly blocks: the whole of it is mapped, in one part, at once.
            whole = _Segments(text, split, 0, 0, True)
            self.stream = whole.piece
            if self.stream:
                self._source.append(0)
                self._items.append((0, len(split)))
                self._stream.append(0)
                self._segments[0] = whole
            return
        pieces: list[str] = []
        n = 0
        last_space = True
        first = 0
        at = 0  # where the part starts in the source
        joint_free = _JOINT not in text
        while first < len(split):
            # ``part`` pieces of text and the tag runs after them.
            stop = min(first + 2 * part, len(split))
            items = split[first:stop]
            texts = items[0::2]
            joined = _JOINT.join(texts)
            if len(joined) > big and len(texts) > 1:
                # A large piece (an inline script, a page's data) is a part of its own, so
                # that a block placed beside it does not map it too.
                at_big = next((i for i, t in enumerate(texts) if len(t) > big), -1)
                if at_big >= 0:
                    # The pieces before it, or the piece alone.
                    stop = first + 2 * (at_big or 1)
                    items = split[first:stop]
                    texts = items[0::2]
                    joined = _JOINT.join(texts)
            if "&" in joined:
                if joint_free:
                    joined = _decoded(joined).replace(_JOINT, "")
                else:
                    joined = "".join(_decoded(t) for t in texts)
            elif len(texts) > 1:
                joined = joined.replace(_JOINT, "")
            # Whitespace collapses into one space, across tags too; none opens the stream.
            piece = " ".join(joined.split())
            if piece:
                if not last_space and joined[0].isspace():
                    piece = " " + piece
                if joined[-1].isspace():
                    piece += " "
            elif joined and not last_space:
                piece = " "
            size = sum(map(len, items))
            if piece:
                self._source.append(at)
                self._items.append((first, stop))
                self._stream.append(n)
                pieces.append(piece)
                n += len(piece)
                last_space = piece[-1] == " "
            first = stop
            at += size
        self.stream = "".join(pieces)

    def _segments_of(self, k: int) -> _Segments:
        """The segments of the ``k``-th part of the stream (mapped when first asked)."""
        segments = self._segments.get(k)
        if segments is None:
            n = self._stream[k]
            first, stop = self._items[k]
            segments = self._segments[k] = _Segments(
                self.text,
                self._split[first:stop],
                self._source[k],
                n,
                n == 0 or self.stream[n - 1] == " ",
            )
        return segments

    def _part_end(self, k: int) -> int:
        """Where the ``k``-th part ends in the stream."""
        return self._stream[k + 1] if k + 1 < len(self._stream) else len(self.stream)

    def line_offset(self, line: int) -> int:
        return self.lines.line_offset(line)

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def stream_index(self, source_offset: int, exact: bool = True) -> int:
        """Where ``source_offset`` falls in the stream.

        Not ``exact``: perhaps one less, where the stream holds a space there (what ``find``
        needs, since no text it looks for starts with a space).
        """
        k = bisect.bisect_right(self._source, source_offset) - 1
        if k < 0:
            return 0
        seg = self._segments_of(k)
        j = bisect.bisect_right(seg.source, source_offset) - 1
        if j < 0:
            # Before the part's first segment (leading whitespace or tags): the last one before.
            if k == 0:
                return 0
            n = self._stream[k]
            if not exact and self.stream[n - 1] == " " and k - 1 not in self._segments:
                # That is the previous part's last, which ends at ``n``: it starts there when
                # it maps one to one, at ``n - 1`` when it is a run of whitespace. Either way
                # the stream holds its space at ``n - 1``: the part need not be mapped to say
                # which (mostly it is mapped for this alone: a line starts in the part's
                # leading whitespace).
                return n - 1
            k -= 1
            seg = self._segments_of(k)
            j = len(seg.source) - 1
        if seg.verbatim[j]:
            # Past the end of a text run (inside a tag after it) is the start of the next one.
            end = seg.stream[j + 1] if j + 1 < len(seg.stream) else self._part_end(k)
            return min(seg.stream[j] + (source_offset - seg.source[j]), end)
        return seg.stream[j]

    def source_offset(self, index: int) -> int:
        k = max(bisect.bisect_right(self._stream, index) - 1, 0)
        seg = self._segments_of(k)
        j = max(bisect.bisect_right(seg.stream, index) - 1, 0)
        if seg.verbatim[j]:
            return seg.source[j] + (index - seg.stream[j])
        return seg.source[j]

    def find(self, text: str, line: int, cursor: int) -> int:
        """Stream index of ``text`` at or after the element's line (and the walk's cursor)."""
        begin = self.stream_index(self.line_offset(line), exact=False)
        stream = self.stream
        found = stream.find(text, begin if begin > cursor else cursor)
        if found < 0 and cursor > begin:
            found = stream.find(text, begin)
        return found

    def anchors(self, start: int, length: int) -> list[tuple[int, int, int]]:
        """(block offset, line, column) wherever the block's mapping to the source jumps."""
        if not self._stream:
            return []
        line_starts = self.line_starts
        # Where ``start`` comes from, as source_offset finds it.
        k = max(bisect.bisect_right(self._stream, start) - 1, 0)
        seg = self._segments_of(k)
        j = max(bisect.bisect_right(seg.stream, start) - 1, 0)
        offset = seg.source[j] + (start - seg.stream[j]) if seg.verbatim[j] else seg.source[j]
        line = bisect.bisect_right(line_starts, offset)
        out = [(0, line, offset - line_starts[line - 1] + 1)]
        stop = start + length
        # The segments after the one ``start`` is in, up to where the block ends. They start at
        # strictly increasing stream and source offsets, so each one's own start is where the
        # block jumps, and its line is at or after the last.
        j += 1
        while True:
            seg_stream, seg_source = seg.stream, seg.source
            for i in range(j, len(seg_stream)):
                if seg_stream[i] >= stop:
                    return out
                offset = seg_source[i]
                line = bisect.bisect_right(line_starts, offset, line - 1)
                out.append((seg_stream[i] - start, line, offset - line_starts[line - 1] + 1))
            k += 1
            if k >= len(self._stream) or self._stream[k] >= stop:
                return out
            seg, j = self._segments_of(k), 0


def _decoded(text: str) -> str:
    """``text`` with every entity that stands for one character replaced by it."""
    return _ENTITIES.sub(_one_character, text)


def _one_character(m: re.Match[str]) -> str:
    decoded = _unescape(m.group(0))
    return decoded if len(decoded) == 1 else m.group(0)


class _Segments:
    """Where the characters of one part of the stream come from.

    Each segment: where it starts in the stream and in the source, and whether its characters
    map one to one (a text run) or all to one place (an entity, a run of whitespace).
    """

    __slots__ = ("piece", "source", "stream", "verbatim")

    def __init__(self, text: str, split: list[str], off: int, n: int, last_space: bool) -> None:
        """Map the text between the tags of ``split``, which starts at ``off`` in ``text``.

        ``n`` is the stream's length before it, ``last_space`` whether the stream ends in a space.
        """
        segs: list[tuple[int, int, bool]] = []
        pieces: list[str] = []  # what the part adds to the stream, as _tokens needs them
        append = segs.append
        add = pieces.append
        # Where in the source the last segment would go on, were it a text run still open.
        joinable = -1
        # Where each piece of ``split`` starts in the source.
        offsets = list(accumulate(map(len, split), initial=off))
        # The pieces of text that hold more than whitespace (and the empty ones, which add
        # nothing). A piece of whitespace alone adds at most the one space the stream lacks;
        # most pieces between tags are that, and only the first after a text can add it.
        texts = [i for i in range(0, len(split), 2) if not split[i].isspace()]
        texts.append(len(split))
        last = -2  # the last piece of text mapped
        for i in texts:
            if not last_space and i > last + 2:
                # The whitespace between tags after the last text (or before the first).
                joinable = _space(text, offsets[last + 2], offsets[last + 3], n, joinable, pieces, segs)
                n += 1
                last_space = True
            if i == len(split):
                break
            last = i
            chunk = split[i]
            if chunk:
                # Whitespace collapses into one space that starts where the whitespace does;
                # ``pending`` is where the whitespace after the last text would start.
                pending = pos = off = offsets[i]
                off += len(chunk)
                for line in chunk.split("\n"):
                    size = len(line)
                    lead = line.lstrip()
                    if lead:
                        core = lead.rstrip()
                        start = pos + size - len(lead)
                        if start > pending and not last_space:
                            # The whitespace before it, as _space maps it (inline: asked of
                            # nearly every line).
                            if start - pending == 1 and text[pending] == " ":
                                if joinable != pending:
                                    append((n, pending, True))
                                joinable = start
                            else:
                                append((n, pending, False))
                                joinable = -1
                            add(" ")
                            n += 1
                            last_space = True
                        pending = end = start + len(core)
                        if "&" not in core and "  " not in core and core.isprintable():
                            # Words and single spaces only (printable excludes every other
                            # space character): one text run.
                            if joinable != start:
                                append((n, start, True))
                            add(core)
                            n += end - start
                            joinable = end
                            last_space = False
                        else:
                            n, joinable, last_space = _tokens(
                                text, start, end, n, joinable, last_space, pieces, segs
                            )
                    pos += size + 1
                if off > pending and not last_space:
                    # The whitespace after the last text.
                    joinable = _space(text, pending, off, n, joinable, pieces, segs)
                    n += 1
                    last_space = True
        self.stream = [seg[0] for seg in segs]
        self.source = [seg[1] for seg in segs]
        self.verbatim = [seg[2] for seg in segs]
        self.piece = "".join(pieces)  # what the part adds to the stream


def _space(
    text: str,
    pending: int,
    upto: int,
    n: int,
    joinable: int,
    pieces: list[str],
    segs: list[tuple[int, int, bool]],
) -> int:
    """Map the one space the whitespace from ``pending`` to ``upto`` becomes; the open text run's end.

    A single plain space maps one to one and may extend the open text run; any other run of
    whitespace maps to where it starts.
    """
    pieces.append(" ")
    if upto - pending == 1 and text[pending] == " ":
        if joinable != pending:
            segs.append((n, pending, True))
        return upto
    segs.append((n, pending, False))
    return -1


def _tokens(
    text: str,
    start: int,
    end: int,
    n: int,
    joinable: int,
    last_space: bool,
    pieces: list[str],
    segs: list[tuple[int, int, bool]],
) -> tuple[int, int, bool]:
    """Map a line's text that holds entities, tabs or runs of spaces.

    Only entities and runs of whitespace other than a single space are looked at one by one;
    the text between them maps to the source one to one. Takes and returns the stream's
    length, the open text run's end and whether the stream ends in a space.
    """
    at = start  # where the text not yet mapped starts
    for m in _SPECIAL.finditer(text, start, end):
        begin = m.start()
        if begin > at:
            n, joinable, last_space = _verbatim(text, at, begin, n, joinable, last_space, pieces, segs)
        at = m.end()
        tok = m.group()
        if tok[0] == "&":
            decoded = _unescape(tok)
            if len(decoded) != 1:
                # Not one character: the entity stays as written.
                if joinable != begin:
                    segs.append((n, begin, True))
                joinable = at
                pieces.append(tok)
                n += len(tok)
                last_space = False
                continue
            if not decoded.isspace():
                segs.append((n, begin, False))
                joinable = -1
                pieces.append(decoded)
                n += 1
                last_space = False
                continue
            verbatim = decoded == " "  # "&#32;"
        else:
            verbatim = False  # a run of whitespace, or one that is not a plain space
        # Whitespace, which becomes one space unless the stream ends in one.
        if last_space:
            continue
        if verbatim:
            if joinable != begin:
                segs.append((n, begin, True))
            joinable = begin + 1
        else:
            segs.append((n, begin, False))
            joinable = -1
        pieces.append(" ")
        n += 1
        last_space = True
    if end > at:
        n, joinable, last_space = _verbatim(text, at, end, n, joinable, last_space, pieces, segs)
    return n, joinable, last_space


def _verbatim(
    text: str,
    start: int,
    end: int,
    n: int,
    joinable: int,
    last_space: bool,
    pieces: list[str],
    segs: list[tuple[int, int, bool]],
) -> tuple[int, int, bool]:
    """Map text with no entity and no whitespace but single spaces, which maps one to one."""
    if last_space and text[start] == " ":
        # A single space after the stream's space (a decoded "&nbsp;"): it adds nothing.
        start += 1
        if start == end:
            return n, joinable, last_space
    if joinable != start:
        segs.append((n, start, True))
    pieces.append(text[start:end])
    return n + end - start, end, text[end - 1] == " "
