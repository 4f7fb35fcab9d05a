"""The compile cache: the very patterns and dataclasses Python makes, kept only for the same interpreter."""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from creditcheck import compilecache, lazyre

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
    monkeypatch.setattr(compilecache, "_STORE", compilecache._Store())
    return tmp_path / "cache"


def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compilecache, "_STORE", compilecache._Store())


def cache_file(folder: Path) -> Path:
    (found,) = folder.glob("compiled-*.marshal")
    return found


def test_a_pattern_from_the_cache_is_the_pattern_re_compile_makes(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for pattern, flags in SAMPLES:
        assert compilecache.compile(pattern, flags) == re.compile(pattern, flags)
    compilecache.save()
    fresh_process(monkeypatch)
    for pattern, flags in SAMPLES:
        cached = compilecache.compile(pattern, flags)
        # Pattern equality compares the pattern, the flags and the matcher's code.
        assert cached == re.compile(pattern, flags)
        plain = re.compile(pattern, flags)
        assert (cached.groups, cached.groupindex) == (plain.groups, plain.groupindex)
    assert compilecache._STORE.added == 0  # every one came from the file
    year = compilecache.compile(SAMPLES[0][0], SAMPLES[0][1]).search("© 2019 Kyodo - 21")
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
        compilecache.compile(pattern, flags)
    compilecache.save()
    fresh_process(monkeypatch)
    for pattern, flags in found:
        assert compilecache.compile(pattern, flags) == re.compile(pattern, flags), pattern


def test_code_the_matcher_refuses_is_compiled_afresh(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = r"(?P<year>\d{4})"
    compilecache.compile(pattern)
    compilecache.save()
    file = cache_file(store)
    stamp, table, code = compilecache._unpack(file.read_bytes())
    flags, _code, groups, groupindex, indexgroup = table[(pattern, 0)]
    table[(pattern, 0)] = (flags, b"\xff\xff\x00\x00" * 3, groups, groupindex, indexgroup)
    file.write_bytes(compilecache._pack((stamp, table, code)))
    fresh_process(monkeypatch)
    assert compilecache.compile(pattern) == re.compile(pattern)
    assert compilecache._STORE.added == 1


@pytest.mark.parametrize(
    "damage", ["truncated", "a byte changed", "another interpreter", "writable by others"]
)
def test_a_cache_file_that_cannot_be_trusted_is_not_read(
    store: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    compilecache.compile(r"\bvia\b")
    compilecache.save()
    file = cache_file(store)
    if damage == "truncated":
        file.write_bytes(file.read_bytes()[:20])
    elif damage == "a byte changed":
        raw = bytearray(file.read_bytes())
        raw[len(raw) // 2] ^= 1
        file.write_bytes(bytes(raw))
    elif damage == "another interpreter":
        stamp, table, code = compilecache._unpack(file.read_bytes())
        file.write_bytes(compilecache._pack(((stamp[0], "3.99.0", *stamp[2:]), table, code)))
    else:
        os.chmod(file, 0o666)
    fresh_process(monkeypatch)
    assert compilecache.compile(r"\bvia\b") == re.compile(r"\bvia\b")
    assert compilecache._STORE.added == 1  # compiled, not taken from the file


def test_no_cache_writes_nothing(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREDITCHECK_NO_CACHE", "1")
    assert compilecache.compile(r"\d+") == re.compile(r"\d+")
    compilecache.save()
    assert not store.exists()


def test_a_bad_expression_raises_as_re_compile_does(store: Path) -> None:
    with pytest.raises(re.error):
        compilecache.compile(r"(unclosed")
    with pytest.raises(ValueError):
        compilecache.compile(r"x", re.A | re.L)


def test_a_check_keeps_its_patterns_for_the_next_one(tmp_path: Path) -> None:
    env = {**os.environ, "CREDITCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CREDITCHECK_NO_CACHE", None)
    probe = "import sys; from creditcheck import compilecache; from creditcheck.cli import main\n"
    probe += "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    probe += "print(compilecache._STORE.added, len(compilecache._STORE.used_patterns))"
    args = ["check", "--no-config", "--rules", str(ROOT / "rules"), "fixtures/clean/seed.txt"]
    cmd = [sys.executable, "-c", probe, *args]
    first = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    assert cache_file(tmp_path / "cache").stat().st_mode & 0o077 == 0
    second = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    added, used = map(int, second.stdout.split()[-2:])
    assert (added, used > 50) == (0, True)  # saved after the first run, so nothing new in the second
    assert first.stdout.split()[:-2] == second.stdout.split()[:-2]  # the same report


def make_span(decorate: Any) -> Any:
    """The same class body each time, made by ``decorate``."""

    @decorate(frozen=True, slots=True, order=True)
    class Span:
        line: int
        column: int
        tags: tuple[str, ...] = ()
        notes: list[str] = dataclasses.field(default_factory=list, compare=False, repr=False)

    return Span


def test_a_dataclass_from_the_cache_is_the_dataclass_python_makes(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = make_span(dataclasses.dataclass)
    make_span(compilecache.dataclass)
    compilecache.save()
    fresh_process(monkeypatch)
    cached = make_span(compilecache.dataclass)
    assert compilecache._STORE.added == 0  # every method's code came from the file
    assert "exec" not in vars(dataclasses)  # the standard module is left as it was
    for name in (
        "__init__",
        "__repr__",
        "__eq__",
        "__hash__",
        "__lt__",
        "__ge__",
        "__setattr__",
        "__delattr__",
    ):
        assert getattr(cached, name).__code__.co_code == getattr(plain, name).__code__.co_code, name
    assert cached.__slots__ == plain.__slots__
    assert cached.__match_args__ == plain.__match_args__
    assert [f.name for f in dataclasses.fields(cached)] == ["line", "column", "tags", "notes"]
    a, b = cached(1, 2, ("x",)), cached(1, 3)
    assert repr(a) == "make_span.<locals>.Span(line=1, column=2, tags=('x',))"
    assert a < b and a == cached(1, 2, ("x",), ["n"]) and hash(a) == hash(cached(1, 2, ("x",)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.line = 5
    assert dataclasses.replace(a, line=7) == cached(7, 2, ("x",))
    assert b.notes == [] and b.notes is not cached(1, 3).notes


def test_a_dataclass_is_made_as_usual_without_a_cache(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREDITCHECK_NO_CACHE", "1")
    span = make_span(compilecache.dataclass)
    assert span(1, 2) < span(1, 3)
    compilecache.save()
    assert not store.exists()


def test_the_file_is_written_to_the_cache_folder_of_the_moment(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compilecache.compile(r"\bfoto\b")  # the file of ``store`` read, nothing in it
    monkeypatch.setenv("CREDITCHECK_CACHE_DIR", str(tmp_path / "elsewhere"))
    compilecache.save()
    assert not store.exists()
    assert cache_file(tmp_path / "elsewhere").stat().st_size > 0
