"""The fuzz target shared by the hypothesis tests and the atheris entry point: bytes in, no exception out.

A document is scanned as a file of one of the readers' formats (through gzip, decoding and the
reader, as ``creditcheck check`` reads a file), then every report format is rendered and
encoded as UTF-8. Anything but a finding (a reader's own error becomes ``unreadable-file``)
is a bug the fuzzer reports.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from creditcheck.discover import Target
from creditcheck.inventory import render_json, render_text
from creditcheck.model import FileResult, RunResult
from creditcheck.reporters import OutputFormat
from creditcheck.ruleset import RuleSet, load_rules
from creditcheck.scan import Scanner, ScanOptions

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
# Each reader's file name, and the fixtures that seed it.
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "text": ("article.txt", ("clean/*.txt", "bad/*.txt", "checks/*/*.txt")),
    "markdown": ("article.md", ("clean/*.md", "bad/*.md", "checks/*/*.md")),
    "html": ("article.html", ("clean/*.html", "bad/*.html", "checks/*/*.html")),
    "nitf": ("item.nitf.xml", ("wire/*.nitf.xml",)),
    "newsml": ("item.newsml.xml", ("wire/*.newsml.xml",)),
    "ninjs": ("item.ninjs", ("wire/*.ninjs.json",)),
    "image": ("photo.jpg", ("images/*.jpg", "images/*.png", "images/*.webp")),
}
_SCANNER: Scanner | None = None


def seeds(fmt: str) -> list[bytes]:
    """The fixture files that seed a format, smallest first (they mutate fastest)."""
    _, patterns = FORMATS[fmt]
    files = sorted(
        {p for pattern in patterns for p in FIXTURES.glob(pattern)}, key=lambda p: p.stat().st_size
    )
    return [p.read_bytes() for p in files]


def scanner() -> Scanner:
    global _SCANNER  # noqa: PLW0603 - one scanner for every input of a run
    if _SCANNER is None:
        rules: RuleSet = load_rules(ROOT / "rules")
        options = ScanOptions(published=dt.date(2020, 1, 14), today=dt.date(2026, 1, 1), strict=True)
        _SCANNER = Scanner(rules, options)
    return _SCANNER


def check_document(fmt: str, data: bytes) -> FileResult:
    """Scan ``data`` as a file of ``fmt`` and render every report of it; raises only on a bug."""
    name, _ = FORMATS[fmt]
    result = scanner().scan_bytes(Target(name, name), data[: scanner().options.max_size])
    run = RunResult.merge([result])
    for output in OutputFormat:
        output.reporter()(run, color=False).encode("utf-8")
    render_text([result]).encode("utf-8")
    render_json([result]).encode("utf-8")
    return result
