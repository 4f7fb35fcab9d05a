"""Start-up: a one-article check imports only what the command and the file's format need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from creditcheck.resolve import Resolver
from creditcheck.settings import _clean, find_config, resolve_settings
from tests.helpers import shipped_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"

PROBE = """
import sys
from creditcheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def imported(*args: str) -> set[str]:
    """The modules loaded by a run of ``creditcheck ARGS`` (after one run that fills the rule cache)."""
    cmd = [sys.executable, "-c", PROBE, *args]
    subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return set(out.stderr.split("\n")[-2].split())


def test_a_text_article_needs_no_lxml_yaml_rapidfuzz_audit_or_other_reporters() -> None:
    modules = imported("check", "--no-config", "--rules", str(RULES), "fixtures/clean/seed.txt")
    assert "creditcheck.reporters.text_report" in modules
    unwanted = {
        "lxml",
        "yaml",
        "rapidfuzz",
        "sqlite3",
        "multiprocessing",
        "concurrent.futures",
        "creditcheck.audit",
        "creditcheck.ledger",
        "creditcheck.changes",
        "tomllib",
        "creditcheck.rulefiles",
        "creditcheck.readers.html",
        "creditcheck.reporters.json_report",
        "creditcheck.reporters.sarif_report",
        "creditcheck.reporters.junit_report",
        "pathlib",  # and with it urllib.parse and ipaddress
        "html",
    }
    assert sorted(unwanted & modules) == []


def test_the_json_format_loads_its_reporter_only() -> None:
    modules = imported("check", "--no-config", "--rules", str(RULES), "--format", "json", "fixtures/clean")
    reporters = sorted(m for m in modules if m.startswith("creditcheck.reporters."))
    assert reporters == ["creditcheck.reporters.json_report"]


_NAMES = st.text(alphabet="abcdefghijklmnoprstuvy .-'", min_size=5, max_size=40)


@settings(max_examples=400, deadline=None)
@given(name=_NAMES)
def test_the_near_miss_bound_never_hides_a_match(name: str) -> None:
    # Without rapidfuzz loaded the resolver skips names no alias can be near; that bound must
    # be sound: whenever rapidfuzz would find an alias at the threshold, the bound lets it through.
    from rapidfuzz import fuzz, process

    resolver = Resolver(shipped_rules())
    keys = resolver._fuzzy_keys
    best = process.extractOne(name, keys, scorer=fuzz.ratio, score_cutoff=resolver.threshold)
    if best is not None:
        assert resolver._could_be_near(name)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_bound_lets_every_misspelled_alias_through(data: st.DataObject) -> None:
    from rapidfuzz import fuzz, process

    resolver = Resolver(shipped_rules())
    alias = data.draw(st.sampled_from(resolver._fuzzy_keys))
    at = data.draw(st.integers(min_value=0, max_value=len(alias)))
    letter = data.draw(st.sampled_from("aeiost "))
    name = data.draw(st.sampled_from([alias[:at] + alias[at + 1 :], alias[:at] + letter + alias[at:]]))
    best = process.extractOne(name, resolver._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=resolver.threshold)
    assert resolver._could_be_near(name) or best is None


def test_the_bound_lets_a_real_near_miss_through() -> None:
    resolver = Resolver(shipped_rules())
    assert resolver._could_be_near("associated pres")
    assert not resolver._could_be_near("officials in seoul welcomed the move")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", ".", "..", "a", "b c", "/", "//", "x.yaml"]), max_size=6).map("/".join))
def test_config_paths_are_written_as_pathlib_writes_them(path: str) -> None:
    assert _clean(path) == str(PurePosixPath(path))


def test_the_nearest_configuration_file_is_found_above_the_start(tmp_path: Path) -> None:
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[tool.other]\n", encoding="utf-8")
    assert find_config(inner) != str(tmp_path.resolve() / "pyproject.toml")  # not creditcheck's
    (tmp_path / "pyproject.toml").write_text("[tool.creditcheck]\nfail-on = 'info'\n", encoding="utf-8")
    assert find_config(inner) == str(tmp_path.resolve() / "pyproject.toml")
    (tmp_path / "a" / "creditcheck.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    assert find_config(inner) == str(tmp_path.resolve() / "a" / "creditcheck.yaml")
    settings_here = resolve_settings({}, cwd=inner)
    assert (settings_here.root, settings_here.config_file) == (
        str(tmp_path.resolve() / "a"),
        str(tmp_path.resolve() / "a" / "creditcheck.yaml"),
    )
    given_file = resolve_settings({}, cwd=tmp_path, config=str(tmp_path / "a" / "." / "creditcheck.yaml"))
    assert given_file.config_file == str(tmp_path / "a" / "creditcheck.yaml")
