"""lazyre: a pattern compiled on first use answers as the compiled pattern does."""

from __future__ import annotations

import re

from creditcheck import lazyre
from creditcheck.extract import patterns


def test_a_deferred_pattern_is_compiled_once_on_first_use_and_answers_like_re() -> None:
    deferred = lazyre.compile(r"(?P<year>\d{4})\s+(\w+)", lazyre.I | lazyre.X)
    compiled = re.compile(r"(?P<year>\d{4})\s+(\w+)", re.I | re.X)
    assert vars(deferred)["_compiled"] is None  # nothing compiled before it is used
    assert deferred.pattern == compiled.pattern
    text = "© 2020 Kyodo, 2021 AFP"
    assert [m.group("year", 2) for m in deferred.finditer(text)] == [("2020", "Kyodo"), ("2021", "AFP")]
    first = vars(deferred)["_compiled"]
    assert first is not None
    assert deferred.sub("X", text) == compiled.sub("X", text)
    assert deferred.split(text) == compiled.split(text)
    assert (deferred.groups, deferred.groupindex, deferred.flags) == (
        compiled.groups,
        compiled.groupindex,
        compiled.flags,
    )
    assert vars(deferred)["_compiled"] is first  # compiled once
    # What was read is kept on the stand-in: later calls pay a plain attribute lookup.
    assert {"finditer", "sub", "split", "groups"} <= set(vars(deferred))


def test_every_extraction_pattern_compiles() -> None:
    deferred = [v for v in vars(patterns).values() if isinstance(v, lazyre._Deferred)]
    assert len(deferred) > 50
    for p in deferred:
        assert isinstance(p.groups, int)  # compiling a broken expression raises here
