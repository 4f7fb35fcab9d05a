"""Test-wide settings: creditcheck's caches go to a folder of the test run, never the user's."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

# Set when this file is imported, before the test modules import creditcheck (whose compile
# cache reads its file at the first pattern), and in the environment so that the CLI runs the
# tests start as processes use it too.
_PREVIOUS = os.environ.get("CREDITCHECK_CACHE_DIR")
_FOLDER = tempfile.mkdtemp(prefix="creditcheck-test-cache-")
os.environ["CREDITCHECK_CACHE_DIR"] = _FOLDER


@pytest.fixture(scope="session", autouse=True)
def _caches_of_the_run() -> Iterator[None]:
    yield
    shutil.rmtree(_FOLDER, ignore_errors=True)
    if _PREVIOUS is None:
        os.environ.pop("CREDITCHECK_CACHE_DIR", None)
    else:
        os.environ["CREDITCHECK_CACHE_DIR"] = _PREVIOUS
