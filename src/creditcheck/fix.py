"""Applying the fixes findings carry, in place and atomically, touching nothing else.

Bytes outside the fixed spans are kept exactly: the file is decoded as it was read (BOM,
encoding), only the spans change, line endings are never normalised, and the result is
encoded back the same way. In HTML a fix is mapped through entities and inline markup
(fix_markup.py). A fix that cannot be made is never dropped in silence: it comes back with
the reason, and only the fixes made count as fixed.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from creditcheck.atomic import write_atomic
from creditcheck.compilecache import dataclass
from creditcheck.compressed import is_gzip
from creditcheck.decode import Decoded, UndecodableError, decode
from creditcheck.fix_markup import Unfixable, markup_edits
from creditcheck.model import Finding
from creditcheck.positions import LineIndex, newline_of


@dataclass(frozen=True, slots=True)
class NotApplied:
    """A fix that was reported but not made, and why (shown to the user)."""

    finding: Finding
    reason: str


@dataclass(frozen=True, slots=True)
class FileFix:
    """The outcome of fixing one file."""

    path: str
    original: str
    fixed: str
    applied: tuple[Finding, ...]
    skipped: tuple[NotApplied, ...]

    @property
    def changed(self) -> bool:
        return self.original != self.fixed

    def diff(self, display: str) -> str:
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.fixed.splitlines(keepends=True),
            fromfile=f"a/{display}",
            tofile=f"b/{display}",
        )
        out = "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
        return out


# One finding's changes to the text: (start, end, replacement) offsets into it.
Edits = list[tuple[int, int, str]]


def plan(
    text: str, fmt: str, findings: list[Finding], can_hold: Callable[[str], bool] | None = None
) -> tuple[str, list[Finding], list[NotApplied]]:
    """The text with every applicable fix made, which findings were fixed, and why others were not.

    A fix applies when the file still holds the finding's text at its span (in HTML, through
    entities and inline markup); when it overlaps a fix already placed, it is not applied, so
    the result never depends on the order of findings. ``can_hold`` says whether the file's
    encoding can store a replacement.
    """
    starts = LineIndex(text)
    planned: list[tuple[Edits, Finding]] = []
    skipped: list[NotApplied] = []
    for f in findings:
        if f.fix is None:
            continue
        try:
            edits = _edits(text, fmt, starts, f)
            if can_hold is not None:
                edits = _encodable(edits, fmt, can_hold)
        except Unfixable as exc:
            skipped.append(NotApplied(f, str(exc)))
            continue
        planned.append((edits, f))
    planned.sort(key=lambda p: (p[0][0][0], p[0][-1][1]) if p[0] else (0, 0))
    applied: list[Finding] = []
    taken: list[tuple[int, int, Finding]] = []
    accepted: Edits = []
    for edits, finding in planned:
        clash = next((other for s, e, other in taken for a, b, _ in edits if _overlap(a, b, s, e)), None)
        if clash is not None:
            where = f"{clash.span.line}:{clash.span.column}"
            reason = (
                f"it overlaps the fix of {clash.check} at {where} (run --fix again if it is still reported)"
            )
            skipped.append(NotApplied(finding, reason))
            continue
        taken.extend((a, b, finding) for a, b, _ in edits)
        accepted.extend(edits)
        applied.append(finding)
    return _apply(text, accepted), applied, skipped


def _overlap(a: int, b: int, s: int, e: int) -> bool:
    """Whether edits [a, b) and [s, e) conflict: their text intersects, or both insert at one place."""
    if a == b and s == e:
        return a == s
    if a == b:
        return s < a < e
    if s == e:
        return a < s < b
    return a < e and s < b


def _apply(text: str, edits: Edits) -> str:
    out: list[str] = []
    pos = 0
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _edits(text: str, fmt: str, starts: LineIndex, f: Finding) -> Edits:
    """The changes one finding's fix makes, or Unfixable with the reason."""
    assert f.fix is not None
    if f.span.line > len(starts):
        raise Unfixable("the file no longer holds this text where it was found")
    start = starts.offset(f.span.line, f.span.column)
    if not f.text:
        if f.span.end_line != f.span.line or f.span.end_column != f.span.column:
            raise Unfixable("the finding has no text to replace")
        insertion = _insertion(text, fmt, f.fix)
        if insertion is None:
            raise Unfixable("there is no </article>, </main> or </body> to add the notice before")
        return [insertion]
    if fmt == "html":
        return markup_edits(text, start, f.text, f.fix)
    end = start + len(f.text)
    if text[start:end] != f.text:
        raise Unfixable("the file no longer holds this text where it was found")
    return [(start, end, f.fix)]


def _encodable(edits: Edits, fmt: str, can_hold: Callable[[str], bool]) -> Edits:
    """The edits as the file's encoding can store them: HTML takes a character reference."""
    out: Edits = []
    for start, end, new in edits:
        bad = [c for c in new if not can_hold(c)]
        if bad and fmt != "html":
            raise Unfixable(f"the file's encoding cannot hold {bad[0]!r}")
        written = "".join(c if can_hold(c) else f"&#{ord(c)};" for c in new) if bad else new
        out.append((start, end, written))
    return out


def _insertion(text: str, fmt: str, addition: str) -> tuple[int, int, str] | None:
    """Where text to add (a missing notice) goes: a last line, or a paragraph in HTML."""
    nl = newline_of(text)
    if fmt == "html":
        for closing in ("</article>", "</main>", "</body>"):
            at = text.lower().rfind(closing)
            if at >= 0:
                from html import escape

                return at, at, f'<p class="copyright">{escape(addition)}</p>{nl}'
        return None
    if text.endswith(("\n", "\r")):
        return len(text), len(text), f"{nl}{addition}{nl}"
    return len(text), len(text), f"{nl}{nl}{addition}{nl}"


def fix_text(text: str, fmt: str, findings: list[Finding], encoding: str | None = None) -> FileFix:
    """Fix text held in memory (standard input); ``encoding`` is the one it will be written in."""
    can_hold = _holder(encoding) if encoding else None
    fixed, applied, skipped = plan(text, fmt, findings, can_hold)
    return FileFix("-", text, fixed, tuple(applied), tuple(skipped))


def _holder(encoding: str) -> Callable[[str], bool]:
    def can_hold(char: str) -> bool:
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            return False
        return True

    return can_hold


def fix_file(path: str, fmt: str, findings: list[Finding], write: bool) -> FileFix:
    """Fix one file in place (when ``write``); fixes that cannot be made say why in ``skipped``."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        if is_gzip(data):
            # A compressed page is an archive copy: reported, never rewritten.
            return _unfixed(path, findings, "the file is compressed: creditcheck never rewrites it")
        decoded = decode(data)
    except OSError as exc:
        return _unfixed(path, findings, f"the file cannot be read again: {exc.strerror or exc}")
    except UndecodableError as exc:
        return _unfixed(path, findings, f"the file cannot be decoded again: {exc}")
    result = fix_decoded(path, decoded, fmt, findings)
    if write and result.changed:
        write_atomic(path, decoded.encode(result.fixed))
    return result


def fix_decoded(path: str, decoded: Decoded, fmt: str, findings: list[Finding]) -> FileFix:
    """The fixes for a decoded file, none when writing them back would change other bytes.

    A legacy code page that does not give back the file's bytes, or a fix that would replace
    a byte that was read as a replacement character, leaves the whole file as it is.
    """
    if not decoded.exact:
        reason = f"the file's encoding ({decoded.encoding}) would not give back its bytes"
        return _unfixed(path, findings, reason)
    fixed, applied, skipped = plan(decoded.text, fmt, findings, _holder(decoded.codec or decoded.encoding))
    if not decoded.keeps_repairs(fixed):
        return _unfixed(path, findings, "the fix would replace bytes of the file that are not valid text")
    return FileFix(path, decoded.text, fixed, tuple(applied), tuple(skipped))


def _unfixed(path: str, findings: list[Finding], reason: str) -> FileFix:
    skipped = tuple(NotApplied(f, reason) for f in findings if f.fix is not None)
    return FileFix(path, "", "", (), skipped)
