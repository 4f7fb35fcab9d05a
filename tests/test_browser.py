"""The HTML audit report opens in a real browser: headless Chromium renders it, and the picture is not blank.

Skipped where no Chromium is installed, unless CREDITCHECK_REQUIRE_BROWSER=1 (set by .ci/run after it
installs Chromium), where a missing browser fails instead of hiding the test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from creditcheck.cli import main
from creditcheck.reporters.audit_html import _BAR

from .browser import Image, find_browser, hex_rgb, read_png, screenshot
from .helpers import RULES

BROWSER = find_browser()
if BROWSER is None and os.environ.get("CREDITCHECK_REQUIRE_BROWSER") != "1":
    pytest.skip("no Chromium installed (apt-get install chromium)", allow_module_level=True)

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
    for month in ("2026-01", "2026-02", "2026-03"):
        out = tmp_path / month
        args = [
            "audit",
            "--rules",
            str(RULES),
            "--month",
            month,
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
    screenshot(BROWSER, tmp_path / "2026-03" / "audit.html", shot, 1200, 1600)
    image = read_png(shot)
    assert (image.width, image.height) == (1200, 1600)
    assert ink(image) > 0.03
    # The bar charts are drawn: the bar colour covers a real area, not a stray pixel.
    assert image.pixels.count(hex_rgb(_BAR)) > 2000
    # And the text is there.
    assert dark(image) > 5000
