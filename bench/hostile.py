"""Hostile inputs (issue 13): time at 10 KB and 100 KB for each formerly super-linear one, and peak memory.

Each input is made here, scanned in this process (the scan of one file, as `creditcheck check`
does it), and timed in CPU seconds as the best of --repeat runs at each size, the two sizes interleaved (on a
shared machine load from other processes can only slow a run, so the best is the figure);
linear work gives a ratio near 10, the quadratic code these inputs once met gave about 100.
Then one 20 MB file of each memory-hungry kind is checked by the command line in a child
process, which reports its own peak RSS.

    python bench/hostile.py --repeat 15
    python bench/hostile.py --json
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from creditcheck.discover import Target
from creditcheck.ruleset import load_rules
from creditcheck.scan import Scanner, ScanOptions

ROOT = Path(__file__).resolve().parent.parent


def _figures(n: int) -> str:
    one = "<figure><img src='p.jpg'><figcaption>Photo: John Doe/AFP via Getty Images</figcaption></figure>\n"
    return one * max(1, n // len(one))


def _members(n: int) -> bytes:
    member = gzip.compress(b"ab")
    return member * max(1, n // len(member))


def _aliases(n: int) -> str:
    return "---\ncredit: &c Jane Roe/Reuters\ncredits: [" + ", ".join(["*c"] * (n // 4)) + "]\n---\nBody.\n"


# name -> (file name, maker of about n bytes)
INPUTS: dict[str, tuple[str, Callable[[int], str | bytes]]] = {
    "text directive line of spaces": ("a.txt", lambda n: " " * n + "x\n"),
    "suppression padded with spaces": (
        "a.txt",
        lambda n: "creditcheck: ignore unknown-source" + " " * n + "x\n",
    ),
    "periods after Photo:": ("a.txt", lambda n: "Photo: " + "." * n + "\n"),
    "periods in a caption": ("a.md", lambda n: "![a](b.jpg)\n*A caption" + "." * n + "*\n"),
    "![a]( repeated": ("a.md", lambda n: "![a](" * (n // 5) + "\n"),
    "figures with credits (credit-mismatch)": ("a.html", _figures),
    "gzip members": ("a.txt.gz", _members),
    "YAML aliases in front matter": ("a.md", _aliases),
}


def _scan(scanner: Scanner, name: str, data: bytes) -> None:
    scanner.scan_bytes(Target(name, name), data)


def timing(repeat: int) -> list[dict[str, object]]:
    scanner = Scanner(load_rules(ROOT / "rules"), ScanOptions(published=dt.date(2020, 1, 14)))
    rows = []
    for label, (name, make) in INPUTS.items():
        made = {size: make(size) for size in (10_000, 100_000)}
        data = {size: m.encode("utf-8") if isinstance(m, str) else m for size, m in made.items()}
        runs: dict[int, list[float]] = {10_000: [], 100_000: []}
        # Interleaved, so that load from other processes falls on both sizes alike.
        for _ in range(repeat):
            for size in (10_000, 100_000):
                start = time.process_time()
                _scan(scanner, name, data[size])
                runs[size].append(time.process_time() - start)
        times = {size: min(values) for size, values in runs.items()}
        rows.append(
            {
                "input": label,
                "seconds_10kb": round(times[10_000], 5),
                "seconds_100kb": round(times[100_000], 5),
                "ratio": round(times[100_000] / max(times[10_000], 1e-9), 1),
            }
        )
    return rows


def _ninjs(path: Path, size: int) -> None:
    line = "The quick brown fox jumps over the lazy dog near Tokyo on Monday. " * 3 + "\n"
    body = line * (size // len(line))
    item = {"uri": "u", "type": "text", "versioncreated": "2024-01-02T00:00:00Z", "body_text": body}
    path.write_text(json.dumps(item), encoding="utf-8")


def _nitf(path: Path, size: int) -> None:
    para = "word " * (size // 5)
    path.write_text(
        f"<?xml version='1.0'?><nitf><head><title>t</title></head><body><body.content><p>{para}</p>"
        "</body.content></body></nitf>",
        encoding="utf-8",
    )


# The command line in a child that reports its own peak RSS (KB) as its last line of stderr.
_MEASURED = (
    "import resource, sys\n"
    "from creditcheck.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "finally:\n"
    "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)


def memory(size: int) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in (("big.ninjs", _ninjs), ("big.nitf.xml", _nitf)):
            path = Path(tmp) / name
            make(path, size)
            start = time.perf_counter()
            cmd = [sys.executable, "-c", _MEASURED, "check", "--rules", str(ROOT / "rules"), str(path)]
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            seconds = time.perf_counter() - start
            peak = int(done.stderr.strip().splitlines()[-1]) / 1024
            rows.append(
                {
                    "file": name,
                    "mb": round(path.stat().st_size / 1024 / 1024, 1),
                    "seconds": round(seconds, 2),
                    "peak_rss_mb": round(peak),
                    "exit": done.returncode,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per size (the best is kept)")
    parser.add_argument("--size-mb", type=float, default=19.5, help="size of the memory test files")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    result = {"timing": timing(args.repeat), "memory": memory(int(args.size_mb * 1024 * 1024))}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{'input':<42} {'10 KB s':>9} {'100 KB s':>9} {'ratio':>6}")
    for row in result["timing"]:
        print(
            f"{row['input']:<42} {row['seconds_10kb']:>9.4f} {row['seconds_100kb']:>9.4f} {row['ratio']:>6}"
        )
    print()
    print(f"{'file':<14} {'MB':>6} {'seconds':>8} {'peak RSS MB':>12} {'exit':>5}")
    for row in result["memory"]:
        print(
            f"{row['file']:<14} {row['mb']:>6} {row['seconds']:>8} {row['peak_rss_mb']:>12} {row['exit']:>5}"
        )


if __name__ == "__main__":
    main()
