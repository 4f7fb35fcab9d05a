"""The rule-set cache: used only for the same files, code and version, and only from a private folder."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from creditcheck import rulecache
from creditcheck.ruleset import lint_rules, load_rules

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


def test_another_interpreter_or_changed_code_does_not_trust_the_cache(
    rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_rules(rules)
    assert rulecache.lookup(rules).ruleset is not None
    stamp = rulecache._code_stamp()
    ruleset_py = Path(rulecache.__file__).with_name("ruleset.py")
    assert ("ruleset.py", ruleset_py.read_bytes()) in stamp  # the code's exact text, not its time
    edited = tuple(
        ("ruleset.py", ruleset_py.read_bytes() + b"# edited\n") if entry[0] == "ruleset.py" else entry
        for entry in stamp
    )
    monkeypatch.setattr(rulecache, "_code_stamp", lambda: edited)
    assert rulecache.lookup(rules).ruleset is None
    monkeypatch.undo()
    monkeypatch.setenv("CREDITCHECK_CACHE_DIR", str(rules.parent / "cache"))
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert rulecache.lookup(rules).ruleset is None


def test_a_truncated_or_foreign_cache_file_is_ignored_and_replaced(rules: Path) -> None:
    first = load_rules(rules)
    [cached] = cache_files(rules)
    whole = cached.read_bytes()
    cached.write_bytes(whole[: len(whole) // 2])
    assert rulecache.lookup(rules).ruleset is None
    assert load_rules(rules) == first
    assert cached.read_bytes() == whole  # rewritten whole
    key = pickle.loads(whole)[0]
    cached.write_bytes(pickle.dumps((key, {"not": "a rule set"})))
    assert rulecache.lookup(rules).ruleset is None
    assert load_rules(rules) == first


def test_an_unwritable_cache_folder_only_means_the_files_are_read(
    rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = rules.parent / "blocker"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("CREDITCHECK_CACHE_DIR", str(blocker / "cache"))
    first = load_rules(rules)
    assert load_rules(rules) == first
    assert blocker.read_text(encoding="utf-8") == "a file where the cache folder would be"
    # A folder that refuses the final rename (a read-only mount, say) leaves no temporary file.
    monkeypatch.setenv("CREDITCHECK_CACHE_DIR", str(rules.parent / "cache"))

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied", dst)

    monkeypatch.setattr(rulecache.os, "replace", refuse)
    assert load_rules(rules) == first
    assert list((rules.parent / "cache").iterdir()) == []


def test_a_rule_file_edited_while_it_is_read_is_not_cached_under_the_old_text(rules: Path) -> None:
    found = rulecache.lookup(rules)  # the key holds the files as they are now
    ap = rules / "ap.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8").replace("Associated Press", "Associated Pres"), encoding="utf-8"
    )
    ruleset, errors = lint_rules(rules)  # the parse sees the edit
    assert errors == [] and ruleset is not None
    found.store(ruleset)
    assert cache_files(rules) == []
    rulecache.lookup(rules).store(ruleset)  # made from the key's very bytes: stored
    assert rulecache.lookup(rules).ruleset == ruleset


def test_concurrent_threads_and_processes_share_one_sound_cache(rules: Path) -> None:
    expected = lint_rules(rules)[0]
    with ThreadPoolExecutor(8) as pool:
        loaded = list(pool.map(lambda _: load_rules(rules), range(16)))
    assert expected is not None and all(r == expected for r in loaded)
    [cached] = cache_files(rules)
    assert sorted(p.name for p in cached.parent.iterdir()) == [cached.name]  # no temporary left
    cached.unlink()
    probe = "import sys; from creditcheck.ruleset import load_rules as load; "
    probe += "print(sorted(load(sys.argv[1]).rules))"
    runs = [
        subprocess.Popen([sys.executable, "-c", probe, str(rules)], stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    outs = [run.communicate()[0] for run in runs]
    assert [run.returncode for run in runs] == [0] * 6
    assert set(outs) == {f"{sorted(expected.rules)}\n"}
    assert [p.name for p in (rules.parent / "cache").iterdir()] == [cache_files(rules)[0].name]
    assert rulecache.lookup(rules).ruleset == expected
