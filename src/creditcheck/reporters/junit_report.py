"""JUnit XML: a test case per checked file, failing once for each finding at warning or above."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from creditcheck.model import Finding, RunResult, Severity

SUITE = "creditcheck"

# Characters XML 1.0 cannot carry at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def describe(f: Finding) -> str:
    line = f"{f.path}:{f.span.line}:{f.span.column}: {f.check} {f.message}"
    return line if f.fix is None else f"{line}\nfix: {f.fix}"


def render(result: RunResult, *, color: bool = False) -> str:
    by_path: dict[str, list[Finding]] = {r.path: [] for r in result.files}
    for f in result.findings:
        # A finding for a file missing from ``files`` still gets a test case rather than vanishing.
        by_path.setdefault(f.path, []).append(f)
    paths = sorted(by_path)
    failed = sum(1 for p in paths if any(f.severity >= Severity.WARNING for f in by_path[p]))
    # ``failures`` counts failed test cases, not failure elements, so tests - failures = passed.
    counts = {"tests": str(len(paths)), "failures": str(failed), "errors": "0"}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts, "skipped": "0"})
    for path in paths:
        case = ET.SubElement(suite, "testcase", {"classname": SUITE, "name": _xml_text(path)})
        notes: list[str] = []
        for f in by_path[path]:
            if f.severity >= Severity.WARNING:
                failure = ET.SubElement(case, "failure", {"type": f.check, "message": _xml_text(f.message)})
                failure.text = _xml_text(describe(f))
            else:
                notes.append(describe(f))
        if notes:
            ET.SubElement(case, "system-out").text = _xml_text("\n".join(notes))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
