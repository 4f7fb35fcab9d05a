"""Meta-tests: every check module is registered, named and documented, and its examples hold."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
from typing import Any

import pytest

import creditcheck.checks as checks_pkg
from creditcheck.checks import ALL_CHECKS, BY_NAME, Check
from tests.helpers import scan_text

_EXAMPLE = re.compile(
    r"^(Fails|Passes)(?: \(published (\d{4}-\d{2}-\d{2})(?:, (territory|channel|handouts) (\w+))?\))?:\n"
    r"((?:    .*\n?)+)",
    re.M,
)


def _modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.iter_modules(checks_pkg.__path__)
        if not m.name.startswith("_") and m.name != "base"
    ]


def test_every_check_module_is_registered() -> None:
    registered = {c.run.__module__ for c in ALL_CHECKS}
    for name in _modules():
        module = importlib.import_module(f"creditcheck.checks.{name}")
        assert isinstance(module.CHECK, Check)
        assert module.CHECK in ALL_CHECKS, name
        assert f"creditcheck.checks.{name}" in registered
        assert module.CHECK.name == name.replace("_", "-"), "module name is the check name"


def test_names_and_codes_are_unique_and_well_formed() -> None:
    names = [c.name for c in ALL_CHECKS]
    codes = [c.code for c in ALL_CHECKS]
    assert len(set(names)) == len(names)
    assert len(set(codes)) == len(codes)
    for c in ALL_CHECKS:
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", c.name), c.name
        assert re.fullmatch(r"CC\d{3}", c.code), c.code
        assert c.summary and c.doc.strip()
    assert set(BY_NAME) == set(names)


def test_the_public_check_names_are_stable() -> None:
    # Public contract: renaming a check breaks users' CI configs and suppressions.
    assert [c.name for c in ALL_CHECKS] == [
        "unreadable-file",
        "unknown-source",
        "unlicensed-source",
        "license-expired",
        "license-not-started",
        "license-territory",
        "license-channel",
        "misspelled-source",
        "deprecated-credit",
        "credit-format",
        "missing-photographer",
        "missing-credit",
        "missing-copyright",
        "copyright-year",
        "copyright-format",
        "invalid-suppression",
        "unused-suppression",
        "credit-mismatch",
        "embargo",
        "withdrawn-content",
        "usage-terms",
        "handout-credit",
    ]


def _examples() -> list[tuple[str, str, dt.date | None, dict[str, Any], str]]:
    out = []
    for c in ALL_CHECKS:
        for m in _EXAMPLE.finditer(c.doc):
            day = dt.date.fromisoformat(m.group(2)) if m.group(2) else None
            scope = {m.group(3): m.group(4)} if m.group(3) else {}
            body = "\n".join(line[4:] for line in m.group(5).splitlines()) + "\n"
            out.append((c.name, m.group(1), day, scope, body))
    return out


def test_every_check_but_unreadable_file_has_both_examples() -> None:
    kinds: dict[str, set[str]] = {}
    for name, kind, _day, _scope, _body in _examples():
        kinds.setdefault(name, set()).add(kind)
    for c in ALL_CHECKS:
        # These two need a file of another kind beside the article; their fixtures show them.
        if c.name not in ("unreadable-file", "credit-mismatch"):
            assert kinds.get(c.name) == {"Fails", "Passes"}, c.name


@pytest.mark.parametrize(("name", "kind", "day", "scope", "body"), _examples(), ids=lambda v: str(v)[:30])
def test_explain_examples_hold(
    name: str, kind: str, day: dt.date | None, scope: dict[str, Any], body: str
) -> None:
    result = scan_text(body, "text", day, **scope)
    fired = [f.check for f in result.findings]
    if kind == "Fails":
        assert fired == [name], body
    else:
        assert fired == [], body
