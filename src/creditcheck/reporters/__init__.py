"""Output formats behind one interface, chosen by an exhaustive enum and imported lazily."""

from __future__ import annotations

import enum
import importlib
from typing import Protocol

from creditcheck.model import RunResult


class Reporter(Protocol):
    def __call__(self, result: RunResult, *, color: bool = False) -> str: ...


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    CSV = "csv"
    GITLAB = "gitlab"

    def reporter(self) -> Reporter:
        module = importlib.import_module(f"creditcheck.reporters.{self.value}_report")
        render: Reporter = module.render
        return render
