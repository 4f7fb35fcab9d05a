"""Render the HTML audit report of the benchmark corpus in headless Chromium, for docs/audit.md.

Usage: python bench/audit_screenshot.py [--corpus DIR] [--month 2026-05] [--out docs/images/audit-report.png]

Audits the two months before --month and then --month itself into a fresh ledger (so the trend
chart has three periods), writes the HTML report of --month next to the screenshot's folder in a
temporary directory, and saves Chromium's rendering as a PNG. The corpus is bench/generate.py's
(10,000 articles, seed 1), generated into --corpus unless it is already there.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from bench.run import corpus, creditcheck_command  # noqa: E402
from tests.browser import find_browser, screenshot  # noqa: E402


def _previous(month: str, n: int) -> str:
    year, mon = (int(p) for p in month.split("-"))
    index = year * 12 + mon - 1 - n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=Path(tempfile.gettempdir()) / "creditcheck-corpus-10000"
    )
    parser.add_argument("--month", default="2026-05")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "audit-report.png")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args(argv)
    browser = find_browser()
    if browser is None:
        print("audit_screenshot: no Chromium found (apt-get install chromium)", file=sys.stderr)
        return 2
    directory = args.corpus.resolve()
    corpus(directory, 10_000, 1)
    with tempfile.TemporaryDirectory(prefix="creditcheck-shot-") as scratch:
        ledger = Path(scratch) / "ledger.sqlite"
        page = Path(scratch) / "audit.html"
        for month in (_previous(args.month, 2), _previous(args.month, 1), args.month):
            cmd = [*creditcheck_command(), "audit", "--rules", str(ROOT / "rules"), "--month", month]
            cmd += ["--ledger", str(ledger), "--format", "html", "--output", str(page), "--no-progress", "."]
            subprocess.run(cmd, cwd=directory, check=True)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        screenshot(browser, page, args.out.resolve(), args.width, args.height)
    print(f"audit_screenshot: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
