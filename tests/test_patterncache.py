"""The pattern cache: the very pattern re.compile gives, kept only for the same interpreter."""

from __future__ import annotations

import importlib
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from creditcheck import lazyre, patterncache

ROOT = Path(__file__).resolve().parent.parent

# Named groups, look-arounds, flags, a large character class, bytes: what the package uses.
SAMPLES: list[tuple[Any, int]] = [
    (r"(?P<year>\d{4})\s+(\w+)(?:\s*[-–]\s*(?P<end>\d{2,4}))?", re.I | re.X),
    (r"(?<![\w.])©\s*(?=\d)", 0),
    (r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}", 0),
    (r"^\s*photo\s*:\s*(.+?)\s*$", re.I | re.M),
    (rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}", 0),
    (r"(a)|(?P<b>b)(?P=b)", re.A),
]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own and a process that has read no cache yet."""
    monkeypatch.setenv("CREDITCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CREDITCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(patterncache, "_STORE", patterncache._Store())
    return tmp_path / "cache"


def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterncache, "_STORE", patterncache._Store())


def cache_file(folder: Path) -> Path:
    (found,) = folder.glob("patterns-*.marshal")
    return found


def test_a_pattern_from_the_cache_is_the_pattern_re_compile_makes(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for pattern, flags in SAMPLES:
        assert patterncache.compile(pattern, flags) == re.compile(pattern, flags)
    patterncache.save()
    fresh_process(monkeypatch)
    for pattern, flags in SAMPLES:
        cached = patterncache.compile(pattern, flags)
        # Pattern equality compares the pattern, the flags and the matcher's code.
        assert cached == re.compile(pattern, flags)
        plain = re.compile(pattern, flags)
        assert (cached.groups, cached.groupindex) == (plain.groups, plain.groupindex)
    assert patterncache._STORE.added == 0  # every one came from the file
    year = patterncache.compile(SAMPLES[0][0], SAMPLES[0][1]).search("© 2019 Kyodo - 21")
    assert year is not None
    assert year.group("year", "end") == ("2019", "21")


def test_every_pattern_of_the_package_comes_back_the_same(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found: list[tuple[Any, int]] = []
    package = ROOT / "src" / "creditcheck"
    for path in sorted(package.rglob("*.py")):
        name = ".".join(path.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__")
        if name.endswith("__main__"):
            continue
        for value in vars(importlib.import_module(name)).values():
            if isinstance(value, lazyre._Deferred):
                found.append((value.pattern, value._flags))
            elif isinstance(value, re.Pattern):
                found.append((value.pattern, value.flags))
    assert len(found) > 150
    for pattern, flags in found:
        patterncache.compile(pattern, flags)
    patterncache.save()
    fresh_process(monkeypatch)
    for pattern, flags in found:
        assert patterncache.compile(pattern, flags) == re.compile(pattern, flags), pattern


def test_code_the_matcher_refuses_is_compiled_afresh(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = r"(?P<year>\d{4})"
    patterncache.compile(pattern)
    patterncache.save()
    file = cache_file(store)
    stamp, table = marshal.loads(file.read_bytes())
    flags, _code, groups, groupindex, indexgroup = table[(pattern, 0)]
    table[(pattern, 0)] = (flags, [0, 1, 2], groups, groupindex, indexgroup)
    file.write_bytes(marshal.dumps((stamp, table)))
    fresh_process(monkeypatch)
    assert patterncache.compile(pattern) == re.compile(pattern)
    assert patterncache._STORE.added == 1


@pytest.mark.parametrize("damage", ["truncated", "another interpreter", "writable by others"])
def test_a_cache_file_that_cannot_be_trusted_is_not_read(
    store: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    patterncache.compile(r"\bvia\b")
    patterncache.save()
    file = cache_file(store)
    if damage == "truncated":
        file.write_bytes(file.read_bytes()[:20])
    elif damage == "another interpreter":
        stamp, table = marshal.loads(file.read_bytes())
        file.write_bytes(marshal.dumps((("3.99.0", *stamp[1:]), table)))
    else:
        os.chmod(file, 0o666)
    fresh_process(monkeypatch)
    assert patterncache.compile(r"\bvia\b") == re.compile(r"\bvia\b")
    assert patterncache._STORE.added == 1  # compiled, not taken from the file


def test_no_cache_writes_nothing(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREDITCHECK_NO_CACHE", "1")
    assert patterncache.compile(r"\d+") == re.compile(r"\d+")
    patterncache.save()
    assert not store.exists()


def test_a_bad_expression_raises_as_re_compile_does(store: Path) -> None:
    with pytest.raises(re.error):
        patterncache.compile(r"(unclosed")
    with pytest.raises(ValueError):
        patterncache.compile(r"x", re.A | re.L)


def test_a_check_keeps_its_patterns_for_the_next_one(tmp_path: Path) -> None:
    env = {**os.environ, "CREDITCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CREDITCHECK_NO_CACHE", None)
    probe = "import sys; from creditcheck import patterncache; from creditcheck.cli import main\n"
    probe += "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    probe += "print(patterncache._STORE.added, len(patterncache._STORE.used))"
    args = ["check", "--no-config", "--rules", str(ROOT / "rules"), "fixtures/clean/seed.txt"]
    cmd = [sys.executable, "-c", probe, *args]
    first = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    assert cache_file(tmp_path / "cache").stat().st_mode & 0o077 == 0
    second = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    added, used = map(int, second.stdout.split()[-2:])
    assert (added, used > 50) == (0, True)  # saved after the first run, so nothing new in the second
    assert first.stdout.split()[:-2] == second.stdout.split()[:-2]  # the same report
