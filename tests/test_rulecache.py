"""The rule-set cache: used only for the same files, code and version, and only from a private folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from creditcheck import rulecache
from creditcheck.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    monkeypatch.setenv("CREDITCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return folder


def cache_files(rules: Path) -> list[Path]:
    return sorted((rules.parent / "cache").glob("rules-*.pickle"))


def test_a_second_load_of_unchanged_files_comes_from_the_cache_without_yaml(rules: Path) -> None:
    first = load_rules(rules)
    assert len(cache_files(rules)) == 1
    assert rulecache.lookup(rules).ruleset == first
    probe = "import sys; from creditcheck.ruleset import load_rules; r = load_rules(sys.argv[1]); "
    probe += "print(sorted(r.rules), 'yaml' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe, str(rules)], capture_output=True, text=True, check=True
    )
    assert out.stdout == f"{sorted(first.rules)} False\n"


def test_a_changed_rule_file_is_read_again(rules: Path) -> None:
    load_rules(rules)
    ap = rules / "ap.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8").replace("Associated Press", "Associated Pres"), encoding="utf-8"
    )
    assert rulecache.lookup(rules).ruleset is None
    assert load_rules(rules).rules["ap"].name == "The Associated Pres"
    (rules / "reuters.yaml").unlink()
    assert rulecache.lookup(rules).ruleset is None
    assert "reuters" not in load_rules(rules).rules


def test_another_version_of_creditcheck_does_not_trust_the_cache(
    rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_rules(rules)
    monkeypatch.setattr(rulecache, "__version__", "0.0.0-other")
    assert rulecache.lookup(rules).ruleset is None


def test_a_cache_file_others_may_write_is_ignored(rules: Path) -> None:
    load_rules(rules)
    [cached] = cache_files(rules)
    os.chmod(cached, 0o666)
    assert rulecache.lookup(rules).ruleset is None
    os.chmod(cached, 0o600)
    assert rulecache.lookup(rules).ruleset is not None
    cached.write_bytes(b"not a pickle")
    assert rulecache.lookup(rules).ruleset is None
    assert sorted(load_rules(rules).rules)  # and the files are read instead


def test_the_cache_can_be_turned_off(rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREDITCHECK_NO_CACHE", "1")
    load_rules(rules)
    assert cache_files(rules) == []
