"""The build backend: setuptools', and mypy too when CREDITCHECK_USE_MYPYC=1 asks for a compiled build."""

from __future__ import annotations

import os
from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (every other hook is setuptools' own)

# What mypyc needs to compile the hot modules (setup.py): mypy, and the types of the libraries
# they call, from which it makes its native code (the same the project's mypy check uses).
MYPYC = ["mypy>=1.11", "lxml-stubs", "types-PyYAML", "rapidfuzz>=3.0", "click>=8.1"]


def _compiled() -> list[str]:
    return list(MYPYC) if os.environ.get("CREDITCHECK_USE_MYPYC", "") == "1" else []


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return list(_setuptools.get_requires_for_build_wheel(config_settings)) + _compiled()


def get_requires_for_build_sdist(config_settings: dict[str, Any] | None = None) -> list[str]:
    return list(_setuptools.get_requires_for_build_sdist(config_settings))
