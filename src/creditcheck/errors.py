"""The exception hierarchy; only cli.py turns these into messages and exit codes."""

from __future__ import annotations


class CreditcheckError(Exception):
    """Base of every error creditcheck raises on purpose."""


class RuleFileError(CreditcheckError):
    """A rule file (or rules folder) is missing, unparsable or invalid."""

    def __init__(self, path: str, line: int | None, key: str | None, message: str) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.message = message
        where = path if line is None else f"{path}:{line}"
        what = f"{key}: {message}" if key else message
        super().__init__(f"{where}: {what}")


class ConfigError(CreditcheckError):
    """A command-line option or configuration value is invalid."""


class InputError(CreditcheckError):
    """An input path cannot be used at all (not a per-file read error)."""
