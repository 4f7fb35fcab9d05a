"""The build: only a compiled build asks for mypy, its modules exist, the version says which build it is."""

from __future__ import annotations

import ast
import importlib.machinery
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

import creditcheck.model
from creditcheck import __version__
from creditcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent


def backend() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "creditcheck_build_backend", ROOT / "tools" / "build_backend.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compiled_paths() -> list[str]:
    """setup.py's COMPILED list, read from its text (running setup.py would start a build)."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["COMPILED"]:
            assert isinstance(node.value, ast.List)
            paths: list[str] = []
            for item in node.value.elts:
                if isinstance(item, ast.Constant):
                    paths.append(str(item.value))
                else:  # *sorted(glob("…")): the folder's modules
                    assert isinstance(item, ast.Starred)
                    pattern = item.value.args[0].args[0].value  # type: ignore[attr-defined]
                    paths.extend(str(p.relative_to(ROOT)) for p in sorted(ROOT.glob(pattern)))
            return paths
    raise AssertionError("setup.py has no COMPILED list")


def test_only_a_compiled_build_asks_for_mypy(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("setuptools")
    build = backend()
    monkeypatch.delenv("CREDITCHECK_USE_MYPYC", raising=False)
    assert build._compiled() == []
    monkeypatch.setenv("CREDITCHECK_USE_MYPYC", "0")
    assert build._compiled() == []
    monkeypatch.setenv("CREDITCHECK_USE_MYPYC", "1")
    assert build._compiled() == ["mypy>=1.11", "lxml-stubs", "types-PyYAML", "rapidfuzz>=3.0", "click>=8.1"]


def test_the_compiled_modules_exist_and_leave_out_what_mypyc_cannot_compile() -> None:
    paths = compiled_paths()
    assert "src/creditcheck/extract/credits.py" in paths
    assert "src/creditcheck/readers/html/walker.py" in paths
    for per_document in ("scan.py", "decode.py", "suppress.py", "checks/base.py", "checks/missing_credit.py"):
        assert f"src/creditcheck/{per_document}" in paths
    assert all((ROOT / p).is_file() for p in paths)
    # Each of these relies on something a compiled class has not: an instance __dict__, weak
    # references (setup.py says which is which).
    for pure in ("lazyre.py", "resolve.py"):
        assert f"src/creditcheck/{pure}" not in paths


def test_the_version_says_which_build_is_installed() -> None:
    compiled = any(creditcheck.model.__file__.endswith(s) for s in importlib.machinery.EXTENSION_SUFFIXES)
    kind = "compiled with mypyc" if compiled else "pure Python"
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"creditcheck, version {__version__} ({kind})\n"
