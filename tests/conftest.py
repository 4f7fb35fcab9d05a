"""Test-wide settings: the rule-set cache goes to a folder of the test run, never the user's."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def _rule_cache_of_the_run() -> Iterator[None]:
    # Set in the environment so that the CLI runs the tests start as processes use it too.
    with tempfile.TemporaryDirectory(prefix="creditcheck-test-cache-") as folder:
        previous = os.environ.get("CREDITCHECK_CACHE_DIR")
        os.environ["CREDITCHECK_CACHE_DIR"] = folder
        yield
        if previous is None:
            os.environ.pop("CREDITCHECK_CACHE_DIR", None)
        else:
            os.environ["CREDITCHECK_CACHE_DIR"] = previous
