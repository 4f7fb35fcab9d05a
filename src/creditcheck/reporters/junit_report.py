"""JUnit XML: a test case per checked file, failing once for each finding at warning or above."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from creditcheck.model import FileResult, Finding, RunResult, Severity
from creditcheck.reporters import copy_out, render_with, spool

SUITE = "creditcheck"

# Characters XML 1.0 cannot carry at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def describe(f: Finding) -> str:
    line = f"{f.path}:{f.span.line}:{f.span.column}: {f.check} {f.message}"
    return line if f.fix is None else f"{line}\nfix: {f.fix}"


def testcase(path: str, findings: Sequence[Finding]) -> tuple[ET.Element, bool]:
    """A file's test case, and whether it failed (a finding at warning or above)."""
    case = ET.Element("testcase", {"classname": SUITE, "name": _xml_text(path)})
    notes: list[str] = []
    failed = False
    for f in findings:
        if f.severity >= Severity.WARNING:
            failure = ET.SubElement(case, "failure", {"type": f.check, "message": _xml_text(f.message)})
            failure.text = _xml_text(describe(f))
            failed = True
        else:
            notes.append(describe(f))
    if notes:
        ET.SubElement(case, "system-out").text = _xml_text("\n".join(notes))
    return case, failed


class Writer:
    """Test cases spooled as files arrive; the suite, whose counts come first, written at ``close``.

    The layout is ``ET.indent``'s: each test case is indented as the third level on its own.
    """

    def __init__(self, out: TextIO, *, color: bool = False) -> None:
        self.out = out
        self.tests = 0
        self.failures = 0
        self._spool = spool()

    def add(self, files: Sequence[FileResult], findings: Sequence[Finding]) -> None:
        by_path: dict[str, list[Finding]] = {r.path: [] for r in files}
        for f in findings:
            # A finding for a file missing from ``files`` still gets a test case rather than vanishing.
            by_path.setdefault(f.path, []).append(f)
        for path in sorted(by_path):
            case, failed = testcase(path, by_path[path])
            ET.indent(case, level=2)
            self._spool.write("    " + ET.tostring(case, encoding="unicode") + "\n")
            self.tests += 1
            self.failures += failed

    def close(self) -> None:
        counts = f'tests="{self.tests}" failures="{self.failures}" errors="0"'
        out = self.out
        out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="{SUITE}" {counts}>\n')
        suite = f'  <testsuite name="{SUITE}" {counts} skipped="0"'
        if not self.tests:
            out.write(suite + " />\n</testsuites>\n")
            return
        out.write(suite + ">\n")
        copy_out(self._spool, out)
        out.write("  </testsuite>\n</testsuites>\n")


def render(result: RunResult, *, color: bool = False) -> str:
    return render_with(Writer, result, color)
