"""The HTML audit report in a real browser: headless Chromium renders it and prints it to PDF.

The screenshot must not be blank; the printed report must have the licenses and renewals on its
first two pages, read back with poppler's pdftotext. Skipped where no Chromium (or no pdftotext)
is installed, unless CREDITCHECK_REQUIRE_BROWSER=1 (set by .ci/run after it installs both), where a
missing tool fails instead of hiding the test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from creditcheck.cli import main
from creditcheck.reporters.audit_html import _BAR

from .browser import Image, find_browser, find_pdftotext, hex_rgb, pdf_pages, print_pdf, read_png, screenshot
from .helpers import RULES

BROWSER = find_browser()
PDFTOTEXT = find_pdftotext()
if (BROWSER is None or PDFTOTEXT is None) and os.environ.get("CREDITCHECK_REQUIRE_BROWSER") != "1":
    pytest.skip(
        "no Chromium or pdftotext installed (apt-get install chromium poppler-utils)", allow_module_level=True
    )

WHITE = (255, 255, 255)


def ink(image: Image) -> float:
    """The share of pixels that are not page white."""
    return sum(1 for p in image.pixels if p != WHITE) / len(image.pixels)


def dark(image: Image) -> int:
    """Pixels dark enough to be text."""
    return sum(1 for r, g, b in image.pixels if r + g + b < 200)


def test_a_blank_page_counts_as_blank(tmp_path: Path) -> None:
    assert BROWSER is not None, "CREDITCHECK_REQUIRE_BROWSER=1 but no Chromium found"
    page = tmp_path / "blank.html"
    page.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    screenshot(BROWSER, page, tmp_path / "blank.png", 400, 300)
    image = read_png(tmp_path / "blank.png")
    assert (image.width, image.height) == (400, 300)
    assert ink(image) == 0.0


def test_audit_report_renders_with_charts_and_text(tmp_path: Path) -> None:
    assert BROWSER is not None, "CREDITCHECK_REQUIRE_BROWSER=1 but no Chromium found"
    articles = tmp_path / "articles"
    articles.mkdir()
    credits = (
        "Mia Tanaka/AFP via Getty Images",
        "AP Photo/Kenji Sato",
        "Tom Becker/Reuters",
        "Ana Souza/Acme",
    )
    for month in (1, 2, 3):
        for i in range(4 * month):
            credit = credits[i % len(credits)]
            (articles / f"{month}-{i}.txt").write_text(
                f"Story {i}\n\nPeople at the harbour. ({credit})\n\nMarch {i + 1}, 2026\n".replace(
                    "March", ("January", "February", "March")[month - 1]
                ),
                encoding="utf-8",
            )
    ledger = str(tmp_path / "ledger.sqlite")
    for period in ("2026-01", "2026-02", "2026-03"):
        out = tmp_path / period
        args = [
            "audit",
            "--rules",
            str(RULES),
            "--month",
            period,
            "--ledger",
            ledger,
            "--output-dir",
            str(out),
        ]
        result = CliRunner().invoke(main, [*args, "--format", "html", "--format", "json", str(articles)])
        assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "2026-03" / "audit.json").read_text(encoding="utf-8"))
    assert report["summary"]["articles"] == 12 and report["summary"]["violations"] > 0

    shot = tmp_path / "audit.png"
    screenshot(BROWSER, tmp_path / "2026-03" / "audit.html", shot, 1200, 2400)
    image = read_png(shot)
    assert (image.width, image.height) == (1200, 2400)
    assert ink(image) > 0.03
    # The bar charts are drawn: the bar colour covers a real area, not a stray pixel.
    assert image.pixels.count(hex_rgb(_BAR)) > 2000
    # And the text is there.
    assert dark(image) > 5000


def test_printed_report_puts_licenses_and_renewals_first(tmp_path: Path) -> None:
    """A month with many violations prints to many pages; the contract figures stay on pages 1-2."""
    assert BROWSER is not None, "CREDITCHECK_REQUIRE_BROWSER=1 but no Chromium found"
    assert PDFTOTEXT is not None, "CREDITCHECK_REQUIRE_BROWSER=1 but no pdftotext (poppler-utils) found"
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(160):
        (articles / f"{i:03d}.txt").write_text(
            f"Story {i} about the harbour\n\nPeople at the harbour. (Tom Becker/Reuters)\n\n"
            f"A crowd. (Ana Souza/Gettty Images)\n\nJune {i % 28 + 1}, 2026\n\nBody.\n\n© 2026 Nikkei Asia\n",
            encoding="utf-8",
        )
    out = tmp_path / "report"
    args = ["audit", "--rules", str(RULES), "--month", "2026-06", "--ledger", str(tmp_path / "l.sqlite")]
    args += ["--format", "html", "--output-dir", str(out), str(articles)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "audit.pdf"
    print_pdf(BROWSER, out / "audit.html", pdf)
    pages = pdf_pages(PDFTOTEXT, pdf)
    # The violations (480 rows) make a long report: the test would catch a layout that put them first.
    assert len(pages) >= 6

    def page_of(text: str) -> int:
        return next(i + 1 for i, page in enumerate(pages) if text in page)

    assert page_of("Licenses and renewals at 2026-06-30") <= 2
    assert page_of("Usage per licensor") <= 2
    assert page_of("Estimated costs") <= 2
    # The licenses table is there in full, not only its heading: its last row prints on page 1-2 too.
    assert page_of("Yonhap") <= 2 and page_of("2027-10-02") <= 2
    # The violations come after them (the table of contents on page 1 names the check too).
    assert max(i + 1 for i, page in enumerate(pages) if "unlicensed-source (160)" in page) > 2
    # Every page carries text (no blank page left by a heading kept with a long table).
    assert all(page.strip() for page in pages)
