"""The Python API (creditcheck.api) and the Dask recipe of docs/scale.md give the CLI's exact report."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from creditcheck import api
from creditcheck.errors import RuleFileError

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
FIXTURES = ROOT / "fixtures"
DAY = "2020-01-14"


def cli_json(folder: Path, *args: str) -> str:
    """``creditcheck check --format json .`` run inside ``folder``: its report, exactly."""
    cmd = [sys.executable, "-m", "creditcheck", "check", "--no-config", "--rules", str(RULES)]
    cmd += ["--format", "json", *args, "."]
    proc = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


def test_the_api_reports_what_the_cli_reports_on_the_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = FIXTURES / "checks"
    monkeypatch.chdir(folder)
    checker = api.load(RULES, published=dt.date.fromisoformat(DAY))
    reports = [checker.check(t) for t in api.find(["."])]
    expected = cli_json(folder, "--published", DAY)
    assert json.loads(expected)["findings"]  # the fixtures of the checks have findings to compare
    assert api.json_report(reports) == expected
    by_bytes = [checker.check_bytes(t.display, Path(t.path).read_bytes(), t.path) for t in api.find(["."])]
    assert api.json_report(by_bytes) == expected


def test_a_report_is_plain_data_and_the_checker_pickles() -> None:
    checker = pickle.loads(pickle.dumps(api.load(RULES)))
    text = b"A view. (Jane Smith/Reuters)\n\nJanuary 14, 2020\n"
    report = checker.check_bytes("story.txt", text)
    assert report == pickle.loads(pickle.dumps(report))
    assert report.record == {
        "path": "story.txt",
        "format": "text",
        "published": "2020-01-14",
        "published_from": "dateline",
    }
    assert [(f["check"], f["line"], f["column"], f["text"]) for f in report.findings] == [
        ("unlicensed-source", 1, 21, "Reuters")
    ]


def test_bytes_past_the_size_limit_are_an_unreadable_file() -> None:
    checker = api.load(RULES, max_size_mb=1)
    report = checker.check_bytes("big.txt", b"x" * (3 * 1024 * 1024 // 2))
    assert [(f["check"], f["message"]) for f in report.findings] == [
        ("unreadable-file", "cannot check this file: file is 1.5 MB, over the 1 MB limit (--max-size)")
    ]


def test_a_broken_rule_folder_raises_the_rule_file_error() -> None:
    with pytest.raises(RuleFileError):
        api.load(FIXTURES / "rules-broken")


# --- the Dask recipe of docs/scale.md ------------------------------------------------------------


def recipes() -> list[str]:
    """The Python blocks of docs/scale.md's Dask section, in order."""
    text = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    section = text.split("## Dask", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "creditcheck_bench_generate", ROOT / "bench" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _dask() -> None:
    """Dask is installed with the test extra: in CI (CI set) a missing Dask fails, elsewhere it skips."""
    if importlib.util.find_spec("dask") is None:
        if os.environ.get("CI"):
            pytest.fail("dask is not installed: .ci/run installs it with the test extra")
        pytest.skip("dask is not installed (pip install -e '.[test]')")


def test_the_dask_recipes_match_the_cli_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _dask()
    import dask

    articles = tmp_path / "articles"
    _generator().generate(articles, 240, 7)
    # The generated corpus's answer key is not an article; the object-storage recipe takes
    # every file with an article's extension, so it goes.
    (articles / "ground_truth.json").unlink()
    expected = cli_json(articles)
    assert json.loads(expected)["summary"]["files"] == 240
    assert json.loads(expected)["findings"]
    local, remote = recipes()
    monkeypatch.chdir(articles)
    with dask.config.set(scheduler="processes", num_workers=2):
        scope: dict[str, object] = {"RULES": str(RULES), "ARTICLES": "."}
        exec(compile(local, "docs/scale.md (local disk)", "exec"), scope)
        assert scope["report_text"] == expected
        # Object storage through fsspec: the local file system stands in for a bucket.
        remote = remote.replace('"s3://newsroom-archive/articles"', repr(f"file://{articles}"))
        remote = remote.replace('api.load("rules")', f"api.load({str(RULES)!r})")
        scope = {}
        exec(compile(remote, "docs/scale.md (object storage)", "exec"), scope)
        assert scope["report_text"] == expected
