"""The user docs stay true to the code: docs/checks.md is the explain text of every check."""

from __future__ import annotations

import os
from pathlib import Path

from creditcheck.audit import CAP_CHECK, CAP_CODE, CAP_DOC, CAP_SUMMARY
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
    entries = [(c.name, c.code, c.severity.label, c.summary, c.doc) for c in ALL_CHECKS]
    entries.append((CAP_CHECK, CAP_CODE, "error", CAP_SUMMARY, CAP_DOC))
    parts += [
        f"| [`{name}`](#{name}) | {code} | {sev} | {summary} |" for name, code, sev, summary, _ in entries
    ]
    for name, code, sev, _, doc in entries:
        parts.append(f"\n## {name}\n")
        parts.append(f"Code {code}, default severity {sev}.\n")
        text = doc.rstrip()
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


def test_configuration_md_names_every_extension_searched_and_every_key() -> None:
    from creditcheck.readers import FORMATS, SNIFFED
    from creditcheck.settings import _KEYS, _VALIDATORS

    assert sorted(_VALIDATORS) == sorted(_KEYS)  # every key a file may set is validated

    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    searched = text.split("## Which files are checked", 1)[1].split("\n## ", 1)[0]
    assert [ext for ext in (*FORMATS, *SNIFFED) if f"`{ext}`" not in searched] == []
    example = text.split("```yaml", 1)[1].split("```", 1)[0]
    assert [key for key in _KEYS if f"\n{key}:" not in example] == []
