"""Shared test helpers: scan text as a file of a given format and compare exact findings."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from creditcheck.discover import Target
from creditcheck.extract import parse_credit_text
from creditcheck.model import Attribution, FileResult
from creditcheck.resolve import Resolver
from creditcheck.ruleset import RuleSet, load_rules
from creditcheck.scan import Scanner, ScanOptions

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
FIXTURES = ROOT / "fixtures"
EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html"}

_RULESET: RuleSet | None = None


# A pathological input (a regex that backtracks, a decompression or entity bomb, deep nesting)
# must fail its test, not hang the run. Generous for a loaded two-core CI machine: these inputs
# take well under a second when the code is right.
PATHOLOGICAL = pytest.mark.timeout(60)


def shipped_rules() -> RuleSet:
    global _RULESET  # noqa: PLW0603 - loaded once per test session
    if _RULESET is None:
        _RULESET = load_rules(RULES)
    return _RULESET


def scan_text(
    text: str,
    fmt: str = "text",
    published: dt.date | None = None,
    ruleset: RuleSet | None = None,
    **options: Any,
) -> FileResult:
    """Scan ``text`` as if it were ``article.<ext>`` (strict: internal errors raise)."""
    opts = ScanOptions(published=published, strict=True, **options)
    scanner = Scanner(ruleset or shipped_rules(), opts)
    name = f"article.{EXTENSIONS.get(fmt, fmt)}"
    return scanner.scan_text(Target(name, name), text)


def scan_file(path: Path, published: dt.date | None = None, **options: Any) -> FileResult:
    scanner = Scanner(shipped_rules(), ScanOptions(published=published, strict=True, **options))
    return scanner.scan(Target(str(path), path.relative_to(ROOT).as_posix()))


def findings(result: FileResult) -> list[tuple[str, int, int, str | None]]:
    return [(f.check, f.span.line, f.span.column, f.fix) for f in result.findings]


def assert_findings(
    text: str,
    fmt: str,
    expected: list[tuple[str, int, int, str | None]],
    published: dt.date | None = None,
) -> None:
    """The exact list of (check, line, column, fix) findings for ``text``."""
    assert findings(scan_text(text, fmt, published)) == expected


def parse(text: str, kind: str = "text") -> list[Attribution]:
    """The attributions of ``text`` read as a block of ``kind`` ("text", "caption", "credit" …)."""
    return parse_credit_text(text, Resolver(shipped_rules()), kind)


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a fixed author (tests build content repositories); its output."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env, text=True)
    return done.stdout
