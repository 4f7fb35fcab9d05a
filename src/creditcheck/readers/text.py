"""Plain-text articles: one block per line; ``[image: …]`` lines are image placeholders."""

from __future__ import annotations

import re

from creditcheck import lazyre
from creditcheck.model import Block, BlockKind, Image, Span
from creditcheck.positions import split_lines
from creditcheck.readers import ReadResult, next_content_line, source_lines
from creditcheck.suppress import Suppression, parse_directive

# CMS text exports mark an image with a placeholder line; its caption is the next line.
_PLACEHOLDER = lazyre.compile(
    r"^\s*\[(?:image|photo|picture|graphic|img)(?:\s*:\s*(?P<src>[^\]\s]+\.(?:jpe?g|png|gif|webp|tiff?)))?\s*\]\s*$",
    re.I,
)
# A copied page often starts with a site's call to action or a kicker, not the headline.
_NOT_A_TITLE = lazyre.compile(
    r"\b(?:subscribe|sign up|newsletter|join our|follow us|telegram|whatsapp|click here|advertisement"
    r"|sponsored|read more|download (?:our|the) app)\b|^(?:by\s|photo:|credit:|©|\(c\)|copyright\b)",
    re.I,
)
# Plain text has no comments: a line that holds only the directive, optionally as "# …",
# "// …" or "[…]", covers the next non-blank line.
# Possessive runs and no lazy tail: a line of 20,000 spaces made the old pattern quadratic.
_DIRECTIVE_LINE = lazyre.compile(r"\s*+(?:#|//|\[)?\s*+(creditcheck\s*+:\s*+ignore\b)", re.I)


def _directive(line: str) -> tuple[int, str] | None:
    """The 0-based column and text of a line's directive (a closing "]" dropped), if it holds one."""
    if "creditcheck" not in line.lower():
        return None
    m = _DIRECTIVE_LINE.match(line)
    if m is None:
        return None
    body = line[m.start(1) :].rstrip()
    return m.start(1), body[:-1] if body.endswith("]") else body


def read(path: str, text: str) -> ReadResult:
    lines = split_lines(text)
    blocks: list[Block] = []
    images: list[Image] = []
    pending: int | None = None
    title: str | None = None
    suppressions: list[Suppression] = []
    # A line holds the directive only if the whole text does; nor is a line without "[" a
    # placeholder: most lines are not handed to either pattern.
    directives = "creditcheck" in text.lower()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        directive = _directive(line) if directives else None
        parsed = parse_directive(directive[1]) if directive else None
        if directive and parsed is not None:
            col = directive[0] + 1
            target = next_content_line(lines, number - 1)
            span = Span(number, col, number, len(line.rstrip()) + 1)
            suppressions.append(Suppression(parsed[0], parsed[1], span, target, target))
            continue
        m = _PLACEHOLDER.match(line) if "[" in line else None
        if m:
            col = len(line) - len(line.lstrip()) + 1
            images.append(Image(len(images), m.group("src") or "", Span(number, col, number, len(line) + 1)))
            pending = len(images) - 1
            continue
        if title is None and len(stripped) < 200 and not _NOT_A_TITLE.search(stripped):
            title = stripped
        indent = len(line) - len(line.lstrip())
        blocks.append(Block(line.rstrip()[indent:], number, indent + 1, BlockKind.TEXT, image=pending))
        pending = None
    result = ReadResult(blocks, images, None, source_lines(lines), title, lines)
    result.suppressions = suppressions
    return result
