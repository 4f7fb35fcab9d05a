"""Checks the flat reading of front matter against YAML on every Markdown file of some folders.

Usage: python bench/front_matter_check.py FOLDER...

For each ``*.md`` file under each FOLDER with YAML front matter, the Markdown reader's flat
reading (``_flat_mapping``: plain ``key: value`` lines) is compared with composing the front
matter with YAML, on what the reader reads of each value (its kind, value, style and place).
Prints how many were read flat, how many went to YAML, and every difference (exit status 1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_front_matter_flat import seen

from creditcheck.positions import split_lines
from creditcheck.readers.markdown import _flat_mapping, _Loader, _mapping, _split_front_matter


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)
    flat = to_yaml = differ = 0
    for folder in args.folders:
        for path in sorted(folder.rglob("*.md")):
            lines = split_lines(path.read_text(encoding="utf-8", errors="replace"))
            fm, _, kind = _split_front_matter(lines)
            if kind != "yaml" or not fm:
                continue
            fast = _flat_mapping(fm)
            if fast is None:
                to_yaml += 1
                continue
            flat += 1
            try:
                root = yaml.compose("\n".join(fm), Loader=_Loader)
            except yaml.YAMLError as exc:
                differ += 1
                print(f"{path}: YAML refuses what was read flat ({exc.__class__.__name__})")
                continue
            composed = _mapping(root) if root is not None else {}
            if seen(fast) != seen(composed):
                differ += 1
                print(f"{path}: {seen(fast)} != {seen(composed)}")
    print(f"front matter read flat: {flat}; composed by YAML: {to_yaml}; different: {differ}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
