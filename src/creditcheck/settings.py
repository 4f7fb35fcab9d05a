"""Project configuration: discovery by walking up, validation, and the one precedence function.

Precedence is flags > configuration file > defaults, always merged over the defaults, so a
partial configuration file never switches anything off by omission.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import field, fields, replace
from typing import Any

from creditcheck.compilecache import dataclass
from creditcheck.errors import ConfigError
from creditcheck.safetext import excerpt, shown, unsurrogate

CONFIG_NAMES = ("creditcheck.yaml", ".creditcheck.yaml", "creditcheck.yml")
SEVERITY_VALUES = ("error", "warning", "info", "off")
FAIL_ON_VALUES = ("error", "warning", "info")
HANDOUT_POLICIES = ("allowed", "error")
UNDATED_POLICIES = ("today", "skip")
# The largest --max-size in MB: past it a file could not be held in memory anyway.
MAX_SIZE_LIMIT = 4096.0


@dataclass(frozen=True)
class Settings:
    """The effective configuration of a run, with where each value came from."""

    rules: tuple[str, ...] = ("rules",)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    territory: str | None = None
    channel: str | None = None
    severity: Mapping[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    baseline: str | None = None
    threshold: float = 85.0
    max_size: float = 20.0
    jobs: int = 0
    handouts: str = "allowed"  # handout pictures: allowed, or an error (handout-credit)
    undated: str = "today"  # files with no date of their own: judged as of today, or date checks skipped
    root: str = "."
    config_file: str | None = None
    origins: Mapping[str, str] = field(default_factory=dict)


_KEYS = tuple(f.name for f in fields(Settings) if f.name not in ("root", "config_file", "origins"))


def find_config(start: str | os.PathLike[str]) -> str | None:
    """The nearest creditcheck.yaml, or pyproject.toml with [tool.creditcheck], at or above start."""
    folder = os.path.realpath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_tool_table(pyproject):
            return pyproject
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _clean(path: str | os.PathLike[str]) -> str:
    """``path`` as pathlib writes it: no empty or "." parts, no trailing separator (".." kept).

    (pathlib itself costs a start-up 3 ms of imports, for a few joins and reads.)
    """
    text = os.fspath(path)
    if os.sep != "/":  # pragma: no cover - Windows spellings: pathlib knows them
        from pathlib import Path

        return str(Path(text))
    root = "//" if text.startswith("//") and not text.startswith("///") else "/" * text.startswith("/")
    parts = [p for p in text.split("/") if p and p != "."]
    return root + "/".join(parts) if root or parts else "."


def _parent(path: str) -> str:
    return os.path.dirname(path) or "."


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[tool\.creditcheck\]\s*$", text, re.M) is not None


def _load_file(path: str, shown: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The raw mapping in a configuration file and the line of each top-level key."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    if os.path.basename(path) == "pyproject.toml":
        import tomllib  # imported only for the files that need it: start-up time is a feature

        try:
            tool = tomllib.loads(text).get("tool", {})
            data = tool.get("creditcheck", {}) if isinstance(tool, dict) else {}
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.creditcheck] must be a table of keys to values")
        lines = _toml_key_lines(text)
        return dict(data), lines
    import yaml

    from creditcheck.yamlsafe import load_yaml

    root, data = load_yaml(text, shown, ConfigError)
    if root is None:
        return {}, {}
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the configuration must be a mapping of keys to values")
    lines = {str(k.value): int(k.start_mark.line) + 1 for k, _ in root.value}
    return dict(data), lines


def _toml_key_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped in ("[tool.creditcheck]",) or stripped.startswith("[tool.creditcheck.")
            if stripped.startswith("[tool.creditcheck.") and inside:
                lines.setdefault(stripped[len("[tool.creditcheck.") : -1].strip(), number)
            continue
        if inside:
            m = re.match(r"([A-Za-z_][\w-]*)\s*=", stripped)
            if m:
                lines.setdefault(m.group(1), number)
    return lines


def _strings(value: Any, at: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (unsurrogate(value),)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(unsurrogate(v) for v in value)
    raise ConfigError(f"{at}: expected a string or a list of strings")


def _validate(data: Mapping[str, Any], where_of: Mapping[str, str]) -> dict[str, Any]:
    """Check types and values; returns the recognised keys as Settings field values."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        where = where_of.get(key, "configuration")
        if not isinstance(key, str):
            raise ConfigError(f"{where}: {excerpt(key)}: keys must be words such as fail_on")
        norm = key.replace("-", "_")
        if norm not in _KEYS:
            raise ConfigError(f"{where}: {excerpt(key)}: unknown key; expected one of: {', '.join(_KEYS)}")
        out[norm] = _VALIDATORS[norm](value, f"{where}: {key}")
    return out


def _non_empty(value: Any, at: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{at}: expected a non-empty string")
    return unsurrogate(value.strip())


def _severities(value: Any, at: str) -> dict[str, str]:
    """``severity:``: check names or codes to levels, stored under the check's name."""
    from creditcheck.checks import lookup

    if not isinstance(value, dict):
        raise ConfigError(f"{at}: expected a mapping of check names to severities")
    out: dict[str, str] = {}
    for check, level in value.items():
        found = lookup(check) if isinstance(check, str) else None
        if found is None:
            raise ConfigError(f"{at}.{shown(str(check)[:40])}: no such check (see `creditcheck explain`)")
        level_s = "off" if level is False else str(level).lower() if isinstance(level, str) else ""
        if level_s not in SEVERITY_VALUES:
            raise ConfigError(f"{at}.{check}: {excerpt(level)} is not one of: {', '.join(SEVERITY_VALUES)}")
        out[found.name] = level_s
    return out


def _one_of(choices: tuple[str, ...]) -> Callable[[Any, str], str]:
    def validate(value: Any, at: str) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ConfigError(f"{at}: {excerpt(value)} is not one of: {', '.join(choices)}")
        return str(value)

    return validate


def _positive(value: Any, at: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{at}: expected a positive number")
    try:
        number = float(value)
    except OverflowError:  # a whole number of hundreds of digits
        raise ConfigError(f"{at}: the number is too large") from None
    if not math.isfinite(number) or number <= 0:
        raise ConfigError(f"{at}: expected a positive number")
    return number


def _max_size(value: Any, at: str) -> float:
    number = _positive(value, at)
    if number > MAX_SIZE_LIMIT:
        raise ConfigError(f"{at}: at most {MAX_SIZE_LIMIT:g} MB (a file is read into memory whole)")
    return number


def _threshold(value: Any, at: str) -> float:
    number = _positive(value, at)
    if not 50 <= number <= 100:
        raise ConfigError(f"{at}: the fuzzy-match threshold must be between 50 and 100")
    return number


def _jobs(value: Any, at: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1024:
        raise ConfigError(f"{at}: expected a whole number from 0 to 1024 (0 = all cores)")
    return value


# One validator per key: the value as written, and "FILE:LINE: key" for its errors.
_VALIDATORS: dict[str, Callable[[Any, str], Any]] = {
    "rules": _strings,
    "include": _strings,
    "exclude": _strings,
    "territory": _non_empty,
    "channel": _non_empty,
    "baseline": _non_empty,
    "severity": _severities,
    "handouts": _one_of(HANDOUT_POLICIES),
    "undated": _one_of(UNDATED_POLICIES),
    "fail_on": _one_of(FAIL_ON_VALUES),
    "threshold": _threshold,
    "max_size": _max_size,
    "jobs": _jobs,
}


def resolve_settings(
    flags: Mapping[str, Any],
    cwd: str | os.PathLike[str] | None = None,
    config: str | os.PathLike[str] | None = None,
    use_config: bool = True,
) -> Settings:
    """The effective settings: flags over the configuration file over the defaults.

    ``flags`` holds only options the user gave (None values are ignored). Relative paths in a
    configuration file are relative to the file's folder; relative paths in flags to ``cwd``.
    """
    base = _clean(cwd or os.getcwd())
    settings = Settings(root=base)
    origins = dict.fromkeys(_KEYS, "default")
    path = _clean(config) if config is not None else (find_config(base) if use_config else None)
    if path is not None and config is not None and not os.path.isfile(path):
        raise ConfigError(f"{config}: configuration file not found")
    if path is not None:
        shown = _shown(path, base)
        data, lines = _load_file(path, shown)
        where_of = {k: f"{shown}:{lines[str(k)]}" if str(k) in lines else shown for k in data}
        values = _validate(data, where_of)
        folder = _parent(path)
        for key in ("rules",):
            if key in values:
                values[key] = tuple(_relative(folder, p, base) for p in values[key])
        if "baseline" in values:
            values["baseline"] = _relative(folder, values["baseline"], base)
        if "severity" in values:
            values["severity"] = {**settings.severity, **values["severity"]}
        settings = replace(settings, **values, root=folder, config_file=path)
        for key in data:
            origins[key.replace("-", "_")] = where_of[key]
    given = {k: v for k, v in flags.items() if v is not None and v not in ((), {})}
    if given:
        flag_values = _validate(given, {k: f"--{k.replace('_', '-')}" for k in given})
        if "severity" in flag_values:
            flag_values["severity"] = {**settings.severity, **flag_values["severity"]}
        settings = replace(settings, **flag_values)
        for key in given:
            origins[key] = f"--{key.replace('_', '-')}"
    return replace(settings, origins=origins)


def _relative(folder: str, value: str, cwd: str) -> str:
    target = _clean(value if os.path.isabs(value) else os.path.join(folder, value))
    try:
        return os.path.relpath(target, cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        return target


def _shown(path: str, cwd: str) -> str:
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:  # pragma: no cover
        return path
    return rel if not rel.startswith("..") else str(path)


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """A path glob where ``**`` crosses folders and ``*``/``?`` stay within one."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    # A pattern without a slash matches the file name anywhere, as in .gitignore.
    body = "".join(out)
    if "/" not in pattern:
        body = "(?:.*/)?" + body
    return re.compile(body + "(?:/.*)?$" if pattern.endswith("/") else body + "$")


def path_selected(relative: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """Whether a path (relative to the configuration's folder) passes include/exclude."""
    rel = relative.replace(os.sep, "/")
    if include and not any(glob_to_regex(p).match(rel) for p in include):
        return False
    return not any(glob_to_regex(p).match(rel) for p in exclude)


def describe(settings: Settings) -> list[tuple[str, str, str]]:
    """(key, value, origin) rows for ``creditcheck config show``."""
    rows = []
    for key in _KEYS:
        value = getattr(settings, key)
        if isinstance(value, tuple):
            shown = ", ".join(value) if value else "(none)"
        elif isinstance(value, Mapping):
            shown = ", ".join(f"{k}={v}" for k, v in sorted(value.items())) if value else "(none)"
        elif value is None:
            shown = "(none)"
        else:
            shown = str(value)
        rows.append((key.replace("_", "-"), shown, settings.origins.get(key, "default")))
    return rows
