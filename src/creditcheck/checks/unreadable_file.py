"""unreadable-file: a file that could not be read or parsed; the run goes on without it."""

from __future__ import annotations

from collections.abc import Iterator

from creditcheck.checks.base import Check, CheckContext
from creditcheck.model import Finding, Severity

DOC = """\
The file could not be checked: it could not be read (permissions, I/O error), it is binary,
its bytes are neither UTF-8 (with or without BOM, or with only a few stray bytes), UTF-16 with a
BOM, text in the charset it declares, nor cp1252 text, it is
larger than the size limit (`--max-size`, 20 MB by default), or its front matter or markup
could not be parsed. The finding is at 1:1 and its message says which. Every other file is
still checked. This finding is made by the scanner, not by a check over a parsed document,
so it has no "Fails:" example to run: see fixtures/checks/unreadable-file/.
"""


def run(check: Check, ctx: CheckContext) -> Iterator[Finding]:
    return iter(())


CHECK: Check = Check("unreadable-file", "CC001", Severity.ERROR, "file could not be checked", DOC, run)
