"""Baselines: record today's findings by fingerprint so that only new ones fail a build.

A fingerprint is the check, the path and the normalised text the finding is about, never a
line number: editing elsewhere in a file moves findings without resurrecting them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass

from creditcheck.atomic import write_atomic
from creditcheck.errors import ConfigError
from creditcheck.model import Finding, RunResult
from creditcheck.safetext import excerpt, excerpt_error
from creditcheck.templates import normalize

VERSION = 1


def fingerprint(finding: Finding) -> str:
    """A stable id for a finding: check, path and normalised text (and message when empty)."""
    text = normalize(finding.text).casefold() if finding.text else finding.message
    raw = "\0".join((finding.check, finding.path, text))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class BaselineResult:
    """Findings left after subtracting a baseline, and what the baseline no longer matches."""

    findings: tuple[Finding, ...]
    baselined: int
    stale: int


def build(result: RunResult) -> dict[str, object]:
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for f in result.findings:
        key = fingerprint(f)
        counts[key] += 1
        first.setdefault(key, f)
    entries = [
        {
            "fingerprint": key,
            "check": first[key].check,
            "path": first[key].path,
            "text": first[key].text,
            "count": counts[key],
        }
        for key in sorted(counts, key=lambda k: (first[k].path, first[k].check, k))
    ]
    return {"version": VERSION, "findings": entries}


def write(path: str, result: RunResult) -> int:
    data = build(result)
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    entries = data["findings"]
    assert isinstance(entries, list)
    return len(entries)


def load(path: str) -> tuple[Counter[str], dict[str, str]]:
    """The baseline's fingerprints with how many findings each may absorb, and their paths."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: baseline file not found (create it with `creditcheck baseline`)"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a creditcheck baseline: {excerpt_error(exc)}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not a creditcheck baseline: nested too deeply") from None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise ConfigError(f"{path}: not a creditcheck baseline (version {VERSION} expected)")
    counts: Counter[str] = Counter()
    paths: dict[str, str] = {}
    for entry in data["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise ConfigError(f"{path}: malformed baseline entry: {excerpt(entry)}")
        count = entry.get("count", 1)
        counts[entry["fingerprint"]] += count if isinstance(count, int) and count > 0 else 1
        paths[entry["fingerprint"]] = str(entry.get("path", ""))
    return counts, paths


def apply(
    findings: tuple[Finding, ...], baseline: Counter[str], entries_paths: dict[str, str], checked: set[str]
) -> BaselineResult:
    """Remove findings the baseline covers (each entry absorbs up to its count).

    An entry is stale when it matched nothing in a file that was checked; entries for files
    this run did not check (``--changed-since``) are not counted as stale.
    """
    remaining = Counter(baseline)
    kept: list[Finding] = []
    absorbed = 0
    for f in findings:
        key = fingerprint(f)
        if remaining[key] > 0:
            remaining[key] -= 1
            absorbed += 1
        else:
            kept.append(f)
    stale = sum(
        1
        for key, count in remaining.items()
        if count == baseline[key] and count > 0 and entries_paths.get(key) in checked
    )
    return BaselineResult(tuple(kept), absorbed, stale)


def exists(path: str | None) -> bool:
    return path is not None and os.path.isfile(path)
