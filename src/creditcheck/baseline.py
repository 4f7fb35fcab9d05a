"""Baselines: record today's findings by fingerprint so that only new ones fail a build.

A fingerprint is the check, the path and the normalised text the finding is about, never a
line number: editing elsewhere in a file moves findings without resurrecting them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence

from creditcheck.atomic import write_atomic
from creditcheck.compilecache import dataclass
from creditcheck.errors import ConfigError
from creditcheck.model import FileResult, Finding, RunResult
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
    applier = Applier("", baseline, entries_paths)
    kept = applier.filter((), list(findings))
    applier.checked.update(p for p in checked if p in applier.entry_paths)
    return BaselineResult(tuple(kept), applier.absorbed, applier.stale())


class Applier:
    """``apply`` as findings arrive: what it keeps in memory is the baseline, not the run."""

    def __init__(self, path: str, baseline: Counter[str], entries_paths: dict[str, str]) -> None:
        self.path = path
        self.baseline = baseline
        self.entries_paths = entries_paths
        self.entry_paths = set(entries_paths.values())
        self.remaining = Counter(baseline)
        self.absorbed = 0
        self.checked: set[str] = set()  # the checked files that baseline entries name

    def filter(self, files: Sequence[FileResult], findings: list[Finding]) -> list[Finding]:
        """The findings the baseline does not cover; ``files`` are the files they come from."""
        self.checked.update(r.path for r in files if r.path in self.entry_paths)
        if not self.remaining:
            return findings
        kept: list[Finding] = []
        remaining = self.remaining
        for f in findings:
            key = fingerprint(f)
            if remaining[key] > 0:
                remaining[key] -= 1
                self.absorbed += 1
            else:
                kept.append(f)
        return kept

    def stale(self) -> int:
        baseline = self.baseline
        return sum(
            1
            for key, count in self.remaining.items()
            if count == baseline[key] and count > 0 and self.entries_paths.get(key) in self.checked
        )

    def notes(self) -> list[str]:
        """What to tell the user, only news: a baseline that hid nothing and has nothing stale is quiet."""
        notes = []
        if self.absorbed:
            plural = "s" if self.absorbed != 1 else ""
            notes.append(f"{self.absorbed} finding{plural} in the baseline {self.path} not shown")
        stale = self.stale()
        if stale:
            entries = "entries no longer match" if stale != 1 else "entry no longer matches"
            notes.append(f"{stale} baseline {entries} anything: refresh it with `creditcheck baseline`")
        return notes


def exists(path: str | None) -> bool:
    return path is not None and os.path.isfile(path)
