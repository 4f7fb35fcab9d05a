"""The Python API: load the rules once, check documents by path or bytes, get plain data back.

A distributed engine (Dask, Spark, Ray, a queue of workers) maps ``Checker.check_bytes`` or
``Checker.check_file`` over an archive; every piece is plain data that pickles: the
``Checker`` itself (its rules and options; each process builds its scanner on first use), the
``Target`` list of ``find``, and the ``FileReport`` of each document. ``json_report`` turns
any collection of reports into the same text ``creditcheck check --format json`` writes for
those files. See docs/scale.md.

Configuration files are not read here: pass the options a run needs to ``load``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import field
from typing import TYPE_CHECKING

from creditcheck.compilecache import dataclass
from creditcheck.discover import Target, display_path

if TYPE_CHECKING:
    from creditcheck.model import FileResult
    from creditcheck.ruleset import RuleSet
    from creditcheck.scan import Scanner, ScanOptions

__all__ = ["Checker", "FileReport", "Target", "find", "json_report", "load"]

# The order of severities in a report, weakest first (as ``Severity`` orders them).
_SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True, slots=True)
class FileReport:
    """What checking one document found, as plain data.

    ``findings`` are the objects of the JSON report's ``findings`` list (docs/output.md), in
    report order; ``published`` is an ISO date. ``internal_error`` is set when creditcheck
    itself failed on the document (a bug; the CLI exits 3): the findings then hold one
    ``unreadable-file``.
    """

    path: str
    format: str
    published: str | None
    published_from: str | None
    findings: tuple[dict[str, object], ...]
    internal_error: str | None = None

    @property
    def record(self) -> dict[str, object]:
        """The document's entry in the JSON report's ``files`` list."""
        return {
            "path": self.path,
            "format": self.format,
            "published": self.published,
            "published_from": self.published_from,
        }


@dataclass
class Checker:
    """Rules loaded once and the options of a run; checks one document at a time.

    Picklable: what crosses to another process is the rules and the options, and each process
    builds its own scanner the first time it checks something.
    """

    ruleset: RuleSet
    options: ScanOptions
    _scanner: Scanner | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        return {"ruleset": self.ruleset, "options": self.options}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.ruleset = state["ruleset"]  # type: ignore[assignment]
        self.options = state["options"]  # type: ignore[assignment]
        self._scanner = None

    @property
    def scanner(self) -> Scanner:
        if self._scanner is None:
            from creditcheck.scan import Scanner

            self._scanner = Scanner(self.ruleset, self.options)
        return self._scanner

    def check_bytes(self, name: str, data: bytes, path: str | None = None) -> FileReport:
        """Check a document's bytes. ``name`` is the path reports show, and decides the format.

        ``path`` is where the document sits on disk, if it does: pictures it references by a
        relative address are then looked up beside it. Bytes past the size limit make an
        ``unreadable-file`` finding, as a file that large does on the command line.
        """
        target = Target(path if path is not None else name, name)
        if len(data) > self.options.max_size:
            limit = self.options.max_size / 1024 / 1024
            reason = f"file is {len(data) / 1024 / 1024:.1f} MB, over the {limit:g} MB limit (--max-size)"
            return _report(self.scanner.unreadable(target, reason))
        return _report(self.scanner.scan_bytes_safely(target, data))

    def check_file(self, path: str | os.PathLike[str], name: str | None = None) -> FileReport:
        """Check a file on disk; reports show ``name`` (default: the path as the CLI shows it)."""
        disk = os.fspath(path)
        return self.check(Target(disk, name if name is not None else display_path(disk)))

    def check(self, target: Target) -> FileReport:
        """Check one of the targets ``find`` lists."""
        return _report(self.scanner.scan(target))

    def check_all(self, targets: Iterable[Target]) -> Iterator[FileReport]:
        """Check targets one after another in this process."""
        for target in targets:
            yield self.check(target)


def load(
    rules: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] = "rules",
    *,
    published: dt.date | None = None,
    today: dt.date | None = None,
    territory: str | None = None,
    channel: str | None = None,
    severity: Mapping[str, str] | None = None,
    handouts: str = "allowed",
    undated: str = "today",
    max_size_mb: float = 20.0,
    threshold: float = 85.0,
) -> Checker:
    """Load and validate the rule folder(s) once; the options mean what the CLI's flags mean.

    ``severity`` maps a check to error, warning, info or off (``--severity``). A rule file
    that does not validate raises ``creditcheck.errors.RuleFileError``.
    """
    from creditcheck.ruleset import load_rules
    from creditcheck.scan import ScanOptions

    folders = [rules] if isinstance(rules, (str, os.PathLike)) else list(rules)
    ruleset = load_rules([os.fspath(f) for f in folders])
    options = ScanOptions(
        published=published,
        today=today or dt.date.today(),
        max_size=int(max_size_mb * 1024 * 1024),
        threshold=threshold,
        severities=tuple(sorted((severity or {}).items())),
        territory=territory,
        channel=channel,
        handouts=handouts,
        undated=undated,
        keep_attributions=False,
    )
    return Checker(ruleset, options)


def find(paths: Sequence[str | os.PathLike[str]], follow_links: bool = False) -> list[Target]:
    """The files ``creditcheck check PATHS`` checks (without a configuration's include/exclude)."""
    from creditcheck.discover import discover

    return discover([os.fspath(p) for p in paths], follow_links=follow_links)


def json_report(reports: Iterable[FileReport]) -> str:
    """The text ``creditcheck check --format json`` writes for these documents' reports."""
    from creditcheck.jsontext import indented

    ordered = sorted(reports, key=lambda r: r.path)
    findings: list[dict[str, object]] = []
    for i, r in enumerate(ordered):
        if i and ordered[i - 1].path == r.path:  # two names shown alike: merge them in order
            findings.extend(r.findings)
            findings.sort(key=_finding_order)
        else:
            findings.extend(r.findings)
    counts = dict.fromkeys(("error", "warning", "info"), 0)
    for f in findings:
        counts[str(f["severity"])] += 1
    document = {
        "version": 1,
        "summary": {
            "files": len(ordered),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "info": counts["info"],
        },
        "files": [r.record for r in ordered],
        "findings": findings,
    }
    return indented(document) + "\n"


def _finding_order(f: Mapping[str, object]) -> tuple[object, ...]:
    # The order of ``Finding`` (path, span, check, code, severity, message, text, fix, source).
    return (
        f["path"],
        f["line"],
        f["column"],
        f["end_line"],
        f["end_column"],
        f["check"],
        f["code"],
        _SEVERITY_RANK[str(f["severity"])],
        f["message"],
        f["text"],
        f["fix"] or "",
        f["source"] or "",
    )


def _report(result: FileResult) -> FileReport:
    return FileReport(
        result.path,
        result.format,
        result.published.isoformat() if result.published else None,
        result.published_from,
        tuple(f.to_json() for f in result.findings),
        result.internal_error,
    )
