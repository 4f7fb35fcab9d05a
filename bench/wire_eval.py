"""Run the wire and photo readers over real agency files and print what each file holds.

Usage: python bench/wire_eval.py [--data DIR] [--rules DIR]

The files live outside the repository (they belong to their agencies): DIR/wire/ holds
NewsML-G2 and NITF items, DIR/images/ photos with IPTC metadata. For every file this prints
the reader's fields (dates, embargo, status, id, creators, usage terms), its blocks with their
positions, and the credits and notices the extractor finds in them, so the output can be
checked by eye against the files (grep, or a hex dump for the photos).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from creditcheck.extract import extract_block
from creditcheck.readers import ReadResult, image, newsml, ninjs, nitf
from creditcheck.resolve import Resolver
from creditcheck.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
# The shared real material sits beside the repository: ../shared/realworld from its root.
DEFAULT_DATA = ROOT.parent / "shared" / "realworld"


def read_file(path: Path) -> tuple[str, ReadResult]:
    if path.suffix.lower() in image.EXTENSIONS:
        return "image", image.read_bytes(str(path), path.read_bytes())
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json" or ninjs.sniff(text):
        return "ninjs", ninjs.read(str(path), text)
    if nitf.sniff(text):
        return "nitf", nitf.read(str(path), text)
    if newsml.sniff(text):
        return "newsml", newsml.read(str(path), text)
    raise ValueError("not a wire format creditcheck reads")


def short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def report(path: Path, resolver: Resolver) -> None:
    start = time.perf_counter()
    try:
        fmt, r = read_file(path)
    except ValueError as exc:
        print(f"== {path.name}: unreadable: {exc}")
        return
    ms = (time.perf_counter() - start) * 1000
    print(f"== {path.name} ({fmt}, {ms:.1f} ms)")
    print(f"   title          {r.title!r}")
    print(f"   metadata date  {r.metadata_date}   published at {r.published_at}")
    print(f"   embargo        {r.embargo}")
    print(f"   status         {r.status}")
    print(f"   asset id       {r.asset_id!r}")
    for name, span in r.creators:
        print(f"   creator        {name!r} at {span.line}:{span.column}")
    for text, span in r.instructions:
        print(f"   instructions   {short(text)!r} at {span.line}:{span.column}")
    for name, span in r.sources or []:
        print(f"   source         {name!r} at {span.line}:{span.column}")
    for img in r.images:
        print(f"   image {img.index}        {short(img.src, 80)!r} at {img.span.line}:{img.span.column}")
    if fmt == "image":
        meta = image.metadata(path.read_bytes())
        for role, values in meta.fields.items():
            for value in values:
                print(f"   field          {role:<22} {value.origin:<36} {short(value.text, 70)!r}")
        print(f"   created        {meta.created} ({meta.created_origin})")
    for block in r.blocks:
        where = f"{block.line}:{block.column}"
        image_note = f" image {block.image}" if block.image is not None else ""
        print(f"   block {block.kind:<9}{image_note:<8} {where:<7} {short(block.text)!r}")
        for a in extract_block(block, resolver):
            names = ", ".join(f"{n.text}={n.rule or n.role}" for n in a.names)
            extra = f" year={a.year} holder={a.holder}" if a.kind.value == "copyright" else ""
            span = f"{a.span.line}:{a.span.column}-{a.span.end_line}:{a.span.end_column}"
            print(f"      -> {a.kind.value:<12} {a.text!r} at {span} [{names}]{extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    args = parser.parse_args(argv)
    resolver = Resolver(load_rules(args.rules))
    files = sorted(p for sub in ("wire", "images") for p in (args.data / sub).glob("*") if p.is_file())
    if not files:
        print(f"no files under {args.data}/wire or {args.data}/images", file=sys.stderr)
        return 1
    for path in files:
        report(path, resolver)
    return 0


if __name__ == "__main__":
    sys.exit(main())
