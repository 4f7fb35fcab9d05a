"""The user docs stay true to the code: docs/checks.md is the explain text of every check."""

from __future__ import annotations

import os
from pathlib import Path

from creditcheck.checks import ALL_CHECKS
from tests.helpers import ROOT

CHECKS_MD = ROOT / "docs" / "checks.md"


def render_checks_md() -> str:
    parts = [
        "# Checks\n",
        "Every check has a stable name (used in output, suppressions and configuration), a code",
        "and a default severity. This page is the text of `creditcheck explain NAME` for each",
        "check; the examples are run by the test suite (tests/test_check_structures.py).\n",
        "| check | code | severity | finds |",
        "|---|---|---|---|",
    ]
    parts += [
        f"| [`{c.name}`](#{c.name}) | {c.code} | {c.severity.label} | {c.summary} |" for c in ALL_CHECKS
    ]
    for c in ALL_CHECKS:
        parts.append(f"\n## {c.name}\n")
        parts.append(f"Code {c.code}, default severity {c.severity.label}.\n")
        text = c.doc.rstrip()
        body, _, examples = text.partition("\nFails")
        parts.append(body.strip())
        if examples:
            parts.append("\n```text\nFails" + examples + "\n```")
    return "\n".join(parts) + "\n"


def test_checks_md_is_current() -> None:
    expected = render_checks_md()
    if os.environ.get("UPDATE_GOLDEN"):
        CHECKS_MD.write_text(expected, encoding="utf-8")
    assert Path(CHECKS_MD).read_text(encoding="utf-8") == expected, (
        "docs/checks.md is stale: run UPDATE_GOLDEN=1 pytest tests/test_docs.py"
    )


def test_every_doc_page_the_readme_links_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("rules", "checks", "formats", "output", "architecture", "performance"):
        assert f"docs/{page}.md" in readme
        assert (ROOT / "docs" / f"{page}.md").is_file(), page
