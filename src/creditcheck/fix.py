"""Applying the fixes findings carry, in place and atomically, touching nothing else.

Bytes outside the fixed spans are kept exactly: the file is decoded as it was read (BOM,
encoding), only the spans change, line endings are never normalised, and the result is
encoded back the same way.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from creditcheck.atomic import write_atomic
from creditcheck.compressed import is_gzip
from creditcheck.decode import UndecodableError, decode
from creditcheck.model import Finding
from creditcheck.positions import LineIndex, newline_of


@dataclass(frozen=True, slots=True)
class FileFix:
    """The outcome of fixing one file."""

    path: str
    original: str
    fixed: str
    applied: tuple[Finding, ...]
    skipped: tuple[Finding, ...]

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


def plan(text: str, fmt: str, findings: list[Finding]) -> tuple[str, list[Finding], list[Finding]]:
    """The text with every applicable fix made, and which findings were fixed or skipped.

    A fix applies when the file still holds the finding's text at its span; overlapping fixes
    after the first are skipped, so the result never depends on their order.
    """
    starts = LineIndex(text)
    edits: list[tuple[int, int, str, Finding]] = []
    skipped: list[Finding] = []
    for f in findings:
        if f.fix is None:
            continue
        if f.span.line > len(starts):
            skipped.append(f)
            continue
        start = starts.offset(f.span.line, f.span.column)
        end = starts.offset(f.span.end_line, f.span.end_column) if f.span.end_line <= len(starts) else -1
        if start == end and not f.text:
            insertion = _insertion(text, fmt, f.fix)
            if insertion is None:
                skipped.append(f)
                continue
            edits.append((*insertion, f))
        elif end > start and text[start:end] == f.text:
            edits.append((start, end, f.fix, f))
        else:
            skipped.append(f)
    edits.sort(key=lambda e: (e[0], e[1]))
    applied: list[Finding] = []
    out: list[str] = []
    pos = 0
    for start, end, new, finding in edits:
        if start < pos:
            skipped.append(finding)
            continue
        out.append(text[pos:start])
        out.append(new)
        pos = end
        applied.append(finding)
    out.append(text[pos:])
    return "".join(out), applied, skipped


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


def fix_file(path: str, fmt: str, findings: list[Finding], write: bool) -> FileFix | None:
    """Fix one file in place (when ``write``); None when it cannot be read back as it was."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        if is_gzip(data):
            return None  # a compressed page is an archive copy: report, never rewrite
        decoded = decode(data)
    except (OSError, UndecodableError):
        return None
    fixed, applied, skipped = plan(decoded.text, fmt, findings)
    result = FileFix(path, decoded.text, fixed, tuple(applied), tuple(skipped))
    if write and result.changed:
        try:
            body = decoded.encode(fixed)
        except UnicodeEncodeError:
            # A fix holds a character the file's encoding cannot store (© is fine in cp1252).
            return FileFix(path, decoded.text, decoded.text, (), tuple(applied) + tuple(skipped))
        write_atomic(path, body)
    return result
