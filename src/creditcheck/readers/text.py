"""Plain-text articles: one block per line; ``[image: …]`` lines are image placeholders."""

from __future__ import annotations

import re

from creditcheck.model import Block, Image, Span
from creditcheck.readers import ReadResult, source_lines, split_lines

# CMS text exports mark an image with a placeholder line; its caption is the next line.
_PLACEHOLDER = re.compile(
    r"^\s*\[(?:image|photo|picture|graphic|img)(?:\s*:\s*(?P<src>[^\]\s]+\.(?:jpe?g|png|gif|webp|tiff?)))?\s*\]\s*$",
    re.I,
)


def read(path: str, text: str) -> ReadResult:
    lines = split_lines(text)
    blocks: list[Block] = []
    images: list[Image] = []
    pending: int | None = None
    title: str | None = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        m = _PLACEHOLDER.match(line)
        if m:
            col = len(line) - len(line.lstrip()) + 1
            images.append(Image(len(images), m.group("src") or "", Span(number, col, number, len(line) + 1)))
            pending = len(images) - 1
            continue
        if title is None and len(stripped) < 200:
            title = stripped
        indent = len(line) - len(line.lstrip())
        blocks.append(Block(line.rstrip()[indent:], number, indent + 1, "text", image=pending))
        pending = None
    return ReadResult(blocks, images, None, source_lines(lines), title, lines)
