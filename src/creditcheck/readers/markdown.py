"""Markdown articles with YAML or TOML front matter (date, source, image credits, copyright)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import yaml

from creditcheck import lazyre
from creditcheck.compilecache import dataclass
from creditcheck.dates import parse_date_value
from creditcheck.model import Block, BlockKind, Image, Span
from creditcheck.positions import split_lines
from creditcheck.readers import ReadResult, decorative_name, next_content_line, source_lines
from creditcheck.readers.front_matter import (
    COPYRIGHT_KEYS,
    CREDIT_KEYS,
    DATE_KEYS,
    IMAGE_KEYS,
    SOURCE_KEYS,
    URL_KEYS,
    FrontMatterError,
    file_name_date,
    toml_front_matter,
)
from creditcheck.suppress import Suppression, parse_directive

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,misc,unused-ignore]
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_IMAGE = lazyre.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+[\"'(](?P<title>[^\"')]*)[\"')])?\s*\)"
)
_COMMENT = lazyre.compile(r"^\s*<!--(.*?)-->\s*$")
# Static-site figure shortcodes and includes: Hugo's {{< figure src=… caption=… attr=… >}} (or
# {{% … %}}), and Jekyll's {% include figure.html image=… caption=… %}.
_SHORTCODE_START = lazyre.compile(
    r"\{\{[<%]\s*(?:figure|img|image|photo|picture)\b|\{%-?\s*include\s+[\w./-]*(?:figure|image|img|photo|picture)"
)
_SHORTCODE_END = lazyre.compile(r"[>%]\}\}|-?%\}")
_PARAM = lazyre.compile(
    r"(?P<key>[A-Za-z_][\w-]*)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'%>}]+))"
)
_SHORTCODE_SRC = ("src", "image", "img", "url", "file", "path", "photo")
_SHORTCODE_CAPTION = ("caption", "title", "description")
_SHORTCODE_CREDIT = ("credit", "credits", "attr", "attribution", "photographer", "copyright", "byline")
# Raw HTML pictures in Markdown (GitHub-flavoured Markdown keeps inline HTML).
_HTML_IMG = lazyre.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?(?P<src>[^\"'\s>]+)[^>]*>", re.I)
# Where each of the two picture patterns can start (see _opened).
_IMAGE_OPEN = lazyre.compile(r"!\[")
_HTML_IMG_OPEN = lazyre.compile(r"<img", re.I)


def _split_front_matter(lines: list[str]) -> tuple[list[str], int, str]:
    """The front-matter lines, the index of the first body line (0 when there is none), its kind.

    YAML front matter sits between ``---`` lines (Jekyll, Hugo, most generators), TOML front
    matter between ``+++`` lines (Hugo).
    """
    fence = lines[0].strip() if lines else ""
    if fence not in ("---", "+++"):
        return [], 0, ""
    ends = ("---", "...") if fence == "---" else ("+++",)
    for i in range(1, len(lines)):
        if lines[i].strip() in ends:
            return lines[1:i], i + 1, "yaml" if fence == "---" else "toml"
    return [], 0, ""


@dataclass(frozen=True)
class _FrontMatterText:
    """The front matter's lines and the file line the first of them is on."""

    lines: list[str]
    first: int


def _scalar_block(
    node: yaml.Node, kind: BlockKind, fm: _FrontMatterText, image: int | None = None
) -> Block | None:
    """A block for a scalar value, placed exactly even when YAML folded it across lines."""
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        return None
    text = str(node.value).strip()
    placed = _place(text, node, fm.lines)
    if placed is not None:
        (line, col), anchors = placed
        shifted = tuple((offset, fm.first + ln, c) for offset, ln, c in anchors)
        return Block(text, fm.first + line, col + 1, kind, image=image, line_starts=shifted)
    # Escapes in a quoted value: the start is still right, the rest approximate.
    quoted = 1 if node.style in ("'", '"') else 0
    return Block(
        text,
        fm.first + int(node.start_mark.line),
        int(node.start_mark.column) + 1 + quoted,
        kind,
        image=image,
    )


def _place(
    text: str, node: yaml.ScalarNode, lines: list[str]
) -> tuple[tuple[int, int], tuple[tuple[int, int, int], ...]] | None:
    """Walk the source from the value's start, matching ``text``; whitespace matches any run.

    Returns the (0-based line, 0-based column) of the first character and anchors
    (offset, 1-based file line offset added later, column) where the text jumps in the source.
    """
    ln, col = int(node.start_mark.line), int(node.start_mark.column)
    if node.style in ("'", '"'):
        col += 1
    elif node.style in ("|", ">"):
        ln, col = ln + 1, 0

    def skip_space(ln: int, col: int) -> tuple[int, int]:
        while ln < len(lines):
            line = lines[ln]
            while col < len(line) and line[col] in " \t":
                col += 1
            if col < len(line):
                return ln, col
            ln, col = ln + 1, 0
        return ln, col

    ln, col = skip_space(ln, col)
    start = (ln, col)
    anchors: list[tuple[int, int, int]] = []
    expect: tuple[int, int] | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            while i < len(text) and text[i].isspace():
                i += 1
            ln, col = skip_space(ln, col)
            continue
        if ln >= len(lines) or col >= len(lines[ln]) or lines[ln][col] != ch:
            return None
        if expect is not None and (ln, col) != expect:
            anchors.append((i, ln, col + 1))
        col += 1
        expect = (ln, col)
        i += 1
    return start, tuple(anchors)


def _mapping(node: yaml.Node) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value).lower(): v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


# A front-matter line in the commonest form: a plain key, a colon, spaces and a plain value that
# opens with no YAML indicator ("title: Union leaders …", "date: 2019-07-16").
_FLAT_LINE = lazyre.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,63}): +([^-?:,\[\]{}#&*!|>'\"%@` ].*)")


def _flat_mapping(lines: list[str]) -> dict[str, yaml.Node] | None:
    """``_mapping`` of the composed front matter when every line is a plain ``key: value`` (or empty).

    Such lines are a flat mapping of one-line plain scalars, which YAML reads as written (the
    value without its trailing spaces). Any other line, or a value YAML could read otherwise
    (holding ``": "`` or ``" #"``, ending with a colon, a character that is not printable), gives
    None, and YAML composes the whole. Each value is a ``ScalarNode`` at the place compose puts
    it; its tag is not resolved (the reader reads none).
    """
    out: dict[str, yaml.Node] = {}
    for number, line in enumerate(lines):
        if not line:
            continue
        m = _FLAT_LINE.fullmatch(line)
        if m is None:
            return None
        value = m.group(2).rstrip(" ")
        if not value.isprintable() or ": " in value or " #" in value or value.endswith(":"):
            return None
        start = m.start(2)
        end = start + len(value)
        out[m.group(1).lower()] = yaml.ScalarNode(
            "",
            value,
            yaml.Mark("", 0, number, start, None, 0),
            yaml.Mark("", 0, number, end, None, 0),
        )
    return out


def _front_matter(lines: list[str], result: ReadResult, path: str) -> None:
    """Date, title, address, sources, credits, notices, restrictions and images from the front matter."""
    fm = _flat_mapping(lines)
    if fm is None:
        try:
            root = yaml.compose("\n".join(lines), Loader=_Loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {int(mark.line) + 2}" if mark is not None else "front matter"
            raise FrontMatterError(f"invalid YAML front matter at {where}") from None
        fm = _mapping(root) if root is not None else {}
    first = 2  # the front matter starts on the line after the opening ---
    text = _FrontMatterText(lines, first)
    day = _front_matter_date(fm)
    if day is not None:
        result.metadata_date = day
    if "title" in fm and isinstance(fm["title"], yaml.ScalarNode):
        result.title = str(fm["title"].value)
    result.url = _front_matter_url(fm) or result.url
    sources = result.sources if result.sources is not None else []
    for item in _items(fm, SOURCE_KEYS):
        block = _scalar_block(item, BlockKind.TEXT, text)
        if block is not None:
            sources.append((block.text, block.span(0, len(block.text))))
    result.sources = sources
    for item in _items(fm, CREDIT_KEYS):
        _add_block(result, _scalar_block(item, BlockKind.CREDIT, text))
    for key in COPYRIGHT_KEYS:
        if key in fm:
            _add_block(result, _scalar_block(fm[key], BlockKind.COPYRIGHT, text))
    _front_matter_restrictions(fm, result, text)
    if "creditcheck" in fm:
        _front_matter_suppression(fm["creditcheck"], result, first)
    for item in _items(fm, IMAGE_KEYS):
        _front_matter_image(item, result, text)


def _items(fm: dict[str, yaml.Node], keys: tuple[str, ...]) -> list[yaml.Node]:
    """The values of ``keys`` in the front matter, a list's items one by one, in key order.

    A YAML alias is the very node it names: each node is given once, so a list of thousands
    of ``*credit`` aliases is read as the one credit it is, not extracted thousands of times.
    """
    out: dict[int, yaml.Node] = {}
    for key in keys:
        node = fm.get(key)
        for item in node.value if isinstance(node, yaml.SequenceNode) else [node]:
            if item is not None:
                out.setdefault(id(item), item)
    return list(out.values())


def _add_block(result: ReadResult, block: Block | None) -> None:
    if block is not None:
        result.blocks.append(block)


def _front_matter_date(fm: dict[str, yaml.Node]) -> dt.date | None:
    """The first date key whose value parses."""
    for key in DATE_KEYS:
        node = fm.get(key)
        if isinstance(node, yaml.ScalarNode):
            day = parse_date_value(str(node.value))
            if day is not None:
                return day
    return None


def _front_matter_url(fm: dict[str, yaml.Node]) -> str | None:
    """The article's address: the first URL key with a value."""
    for key in URL_KEYS:
        node = fm.get(key)
        if isinstance(node, yaml.ScalarNode) and str(node.value).strip():
            return str(node.value).strip()
    return None


def _front_matter_restrictions(fm: dict[str, yaml.Node], result: ReadResult, text: _FrontMatterText) -> None:
    """``embargo:`` (a date or a moment) and ``status:`` (withdrawn, kill …)."""
    if "embargo" in fm:
        block = _scalar_block(fm["embargo"], BlockKind.TEXT, text)
        if block is not None:
            from creditcheck.dates import parse_when

            day, moment = parse_when(block.text)
            if day is not None:
                result.embargo, result.embargo_span = moment or day, block.span(0, len(block.text))
    if "status" in fm:
        block = _scalar_block(fm["status"], BlockKind.TEXT, text)
        if block is not None:
            result.status = (block.text.lower(), block.span(0, len(block.text)))


def _front_matter_suppression(node: yaml.Node, result: ReadResult, first: int) -> None:
    """``creditcheck: {ignore: [CHECK, …], reason: …}`` suppresses those checks in the whole file."""
    fields = _mapping(node)
    line = first + int(node.start_mark.line)
    span = Span(line, int(node.start_mark.column) + 1, line, int(node.start_mark.column) + 1)
    ignore = fields.get("ignore")
    checks: tuple[str, ...] = ()
    if isinstance(ignore, yaml.ScalarNode):
        checks = tuple(c for c in re.split(r"[\s,]+", str(ignore.value)) if c)
    elif isinstance(ignore, yaml.SequenceNode):
        checks = tuple(str(i.value) for i in ignore.value if isinstance(i, yaml.ScalarNode))
    reason_node = fields.get("reason")
    reason = str(reason_node.value).strip() if isinstance(reason_node, yaml.ScalarNode) else ""
    result.suppressions.append(Suppression(checks, reason or None, span, 1, 1, whole_file=True))


def _front_matter_image_span(node: yaml.Node, src: str, fm: _FrontMatterText) -> Span:
    """Where a front-matter image stands: its value as written, or the start of its mapping.

    A block scalar (``image: |``) starts on the line after the key, so the value is placed in
    the source rather than measured from the node's start; a mapping's span stays on its line.
    """
    placed = _scalar_block(node, BlockKind.TEXT, fm) if isinstance(node, yaml.ScalarNode) else None
    if placed is not None:
        return placed.span(0, len(placed.text))
    line = fm.first + int(node.start_mark.line)
    col = int(node.start_mark.column) + 1
    line_text = fm.lines[line - fm.first] if 0 <= line - fm.first < len(fm.lines) else ""
    end = min(col + max(len(src), 1), max(len(line_text) + 1, col + 1))
    return Span(line, col, line, end)


def _front_matter_image(node: yaml.Node, result: ReadResult, fm: _FrontMatterText) -> None:
    if isinstance(node, yaml.ScalarNode):
        src, fields = str(node.value), {}
    else:
        fields = _mapping(node)
        src_node = fields.get("src") or fields.get("url") or fields.get("path") or fields.get("file")
        src = str(src_node.value) if isinstance(src_node, yaml.ScalarNode) else ""
    index = len(result.images)
    result.images.append(Image(index, src, _front_matter_image_span(node, src, fm)))
    for key in ("credit", "photo_credit", "image_credit", "copyright"):
        if key in fields:
            block = _scalar_block(fields[key], BlockKind.CREDIT, fm, image=index)
            if block is not None:
                result.blocks.append(block)
    if "caption" in fields:
        block = _scalar_block(fields["caption"], BlockKind.CAPTION, fm, image=index)
        if block is not None:
            result.blocks.append(block)


def _head(path: str, lines: list[str], result: ReadResult) -> int:
    """Read the front matter (YAML or TOML) and a dated file name; the index of the first body line."""
    fm_lines, body_start, kind = _split_front_matter(lines)
    if kind == "yaml" and fm_lines:
        _front_matter(fm_lines, result, path)
    elif kind == "toml":
        toml_front_matter(fm_lines, result)
    if result.metadata_date is None:
        day = file_name_date(path)
        if day is not None:
            result.metadata_date, result.metadata_date_from = day, "path"
    return body_start


def read(path: str, text: str) -> ReadResult:
    lines = split_lines(text)
    result = ReadResult([], [], None, [], None, lines)
    body_start = _head(path, lines, result)
    pending: int | None = None
    in_code = False
    shortcode_end = 0
    for number in range(body_start + 1, len(lines) + 1):
        if number <= shortcode_end:
            continue  # inside a multi-line shortcode already read
        line = lines[number - 1]
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        # Neither a directive comment nor a picture can be on a line without its opening
        # characters: those lines are not handed to the patterns at all.
        if not in_code and "<!--" in line and _suppression(lines, number, result):
            continue
        if in_code or not stripped:
            if not stripped:
                # A blank line ends an image's caption unless the caption has not started.
                pending = pending if pending is not None and not _ended(result, pending) else None
            continue
        if "{" in line and _SHORTCODE_START.search(line):
            skip_to = _shortcode(lines, number, result)
            if skip_to is not None:
                shortcode_end = skip_to
                pending = None
                continue
        image_here = _images(line, number, result) if "![" in line or "<" in line else None
        if image_here is not None:
            pending = image_here
            continue
        indent = len(line) - len(line.lstrip())
        if result.title is None and stripped.startswith("#"):
            result.title = stripped.lstrip("#").strip()
        kind = BlockKind.TEXT
        image = None
        if pending is not None:
            kind, image = BlockKind.CAPTION, pending
        result.blocks.append(_inline_block(line.rstrip()[indent:], number, indent + 1, kind, image))
        pending = None
    if result.sources is not None:
        result.sources.extend(source_lines(lines[body_start:], body_start + 1))
    return result


# A run of emphasis markers: "_", "*", "__", "**", "***".
_EMPHASIS = lazyre.compile(r"(?<![*_])(?:\*{1,3}|_{1,3})(?![*_])")
_OPENS_AFTER = " \t([{\"'“‘"
_CLOSES_BEFORE = " \t)]}\"'”’.,;:!?"


def _inline_block(text: str, line: int, column: int, kind: BlockKind, image: int | None) -> Block:
    """A line of the body as a block, without the emphasis markers around its words.

    ``_© 2024 The Japan Times_`` is the notice ``© 2024 The Japan Times`` in italics; the markers
    are not part of the holder's name. A marker counts only where it opens a word (after a space
    or an opening bracket, before a letter) or closes one (after a letter, before a space or
    punctuation), so ``snake_case`` and a ``*`` list bullet stay. Positions still point into the
    file: each place a marker was dropped is an anchor of the block.
    """
    if "_" not in text and "*" not in text:
        return Block(text, line, column, kind, image=image)
    kept: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    last = 0
    for m in _EMPHASIS.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        opens = before in _OPENS_AFTER and not after.isspace()
        closes = not before.isspace() and after in _CLOSES_BEFORE and m.start() > 0
        if not (opens or closes):
            continue
        kept.append(text[last : m.start()])
        last = m.end()
        anchors.append((sum(len(k) for k in kept), line, column + last))
    if not anchors:
        return Block(text, line, column, kind, image=image)
    kept.append(text[last:])
    stripped = "".join(kept)
    lead = len(stripped) - len(stripped.lstrip())
    body = stripped.strip()
    if not body:
        return Block(text, line, column, kind, image=image)
    # The first character's own position: after any markers (and spaces) that were dropped before it.
    first_line, first_col = Block(stripped, line, column, line_starts=tuple(anchors)).position(lead)
    shifted = tuple((off - lead, ln, col) for off, ln, col in anchors if off > lead)
    return Block(body, first_line, first_col, kind, image=image, line_starts=shifted)


def _suppression(lines: list[str], number: int, result: ReadResult) -> bool:
    """Whether line ``number`` is a directive comment; it covers the whole next paragraph."""
    line = lines[number - 1]
    comment = _COMMENT.match(line)
    parsed = parse_directive(comment.group(1)) if comment else None
    if parsed is None:
        return False
    first_line = next_content_line(lines, number - 1)
    last_line = first_line
    while last_line < len(lines) and lines[last_line].strip():
        last_line += 1
    col = line.index("<!--") + 1
    span = Span(number, col, number, len(line.rstrip()) + 1)
    result.suppressions.append(Suppression(parsed[0], parsed[1], span, first_line, last_line))
    return True


def _opened(
    pattern: re.Pattern[str], line: str, opener: re.Pattern[str], closer: str
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` at each ``opener`` in ``line``, none reaching past the next opener.

    "![a](" written 20,000 times would otherwise have every attempt scan to the line's end
    (quadratic); bounded so, each character is read by one attempt, and a stretch without the
    ``closer`` every match ends with is not tried at all.
    """
    starts = [m.start() for m in opener.finditer(line)]
    done = 0
    for i, at in enumerate(starts):
        if at < done:
            continue
        bound = starts[i + 1] if i + 1 < len(starts) else len(line)
        if line.find(closer, at, bound) < 0:
            continue
        m = pattern.match(line, at, bound)
        if m is not None:
            yield m
            done = m.end()


def _images(line: str, number: int, result: ReadResult) -> int | None:
    """The pictures of a line (inline HTML and Markdown images), with the caption text after them.

    Returns the index of the last picture, or None when the line shows none.
    """
    rest_start = 0
    image_here: int | None = None
    for m in _opened(_HTML_IMG, line, _HTML_IMG_OPEN, ">"):
        if decorative_name(m.group("src")):
            continue
        index = len(result.images)
        span = Span(number, m.start() + 1, number, m.end() + 1)
        result.images.append(Image(index, m.group("src"), span))
        image_here = index
        rest_start = m.end()
    for m in _opened(_IMAGE, line, _IMAGE_OPEN, ")"):
        index = len(result.images)
        result.images.append(Image(index, m.group("src"), Span(number, m.start() + 1, number, m.end() + 1)))
        if m.group("title"):
            col = m.start("title") + 1
            result.blocks.append(Block(m.group("title"), number, col, BlockKind.CAPTION, image=index))
        image_here = index
        rest_start = m.end()
    if image_here is not None:
        rest = line[rest_start:]
        if rest.strip():
            col = rest_start + len(rest) - len(rest.lstrip()) + 1
            result.blocks.append(_inline_block(rest.strip(), number, col, BlockKind.CAPTION, image_here))
    return image_here


def _shortcode(lines: list[str], number: int, result: ReadResult) -> int | None:
    """Read a figure shortcode starting on line ``number``; the line it ends on, or None.

    Its picture is an image, its caption a caption block and its credit parameter a credit
    block, each placed at its value in the file.
    """
    last = number
    while not _SHORTCODE_END.search(lines[last - 1]):
        if last - number >= 20 or last >= len(lines):
            return None  # never closed: leave the text to the ordinary reading
        last += 1
    params: list[tuple[str, str, int, int]] = []  # key, value, line, column
    start_col = _SHORTCODE_START.search(lines[number - 1])
    for ln in range(number, last + 1):
        text = lines[ln - 1]
        begin = start_col.start() if ln == number and start_col else 0
        for m in _PARAM.finditer(text, begin):
            group = "dq" if m.group("dq") is not None else "sq" if m.group("sq") is not None else "bare"
            params.append((m.group("key").lower(), m.group(group), ln, m.start(group) + 1))
    src = next(((v, ln, col) for k, v, ln, col in params if k in _SHORTCODE_SRC and v.strip()), None)
    if src is None:
        return None
    index = len(result.images)
    col = start_col.start() + 1 if start_col else 1
    end_line_text = lines[last - 1]
    end = _SHORTCODE_END.search(end_line_text)
    result.images.append(Image(index, src[0], Span(number, col, last, (end.end() if end else 0) + 1)))
    for key, value, ln, col in params:
        if not value.strip():
            continue
        lead = len(value) - len(value.lstrip())
        if key in _SHORTCODE_CAPTION:
            result.blocks.append(Block(value.strip(), ln, col + lead, BlockKind.CAPTION, image=index))
        elif key in _SHORTCODE_CREDIT:
            result.blocks.append(Block(value.strip(), ln, col + lead, BlockKind.CREDIT, image=index))
    return last


def _ended(result: ReadResult, image: int) -> bool:
    return any(b.image == image and b.kind == BlockKind.CAPTION for b in result.blocks)
