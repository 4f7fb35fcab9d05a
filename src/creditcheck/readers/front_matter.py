"""Front matter beyond YAML: the keys every kind shares, Hugo's TOML, dated file names."""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib

from creditcheck import lazyre
from creditcheck.dates import parse_date_value
from creditcheck.model import Block, BlockKind
from creditcheck.readers import ReadResult

DATE_KEYS = ("date", "published", "publishdate", "publish_date", "pubdate", "date_published", "published_at")
SOURCE_KEYS = ("source", "sources", "syndication", "syndication_source", "original_source")
URL_KEYS = ("url", "permalink", "canonical", "canonical_url")
CREDIT_KEYS = ("credit", "credits", "image_credit", "photo_credit", "copyright_credit")
IMAGE_KEYS = ("image", "images", "featured_image", "hero", "photo", "photos", "cover")
COPYRIGHT_KEYS = ("copyright", "rights", "copyright_notice")


class FrontMatterError(ValueError):
    """The front matter is not valid YAML or TOML; the message names the line."""


# Jekyll names a post after its day: _posts/2018-05-01-slug.md (drafts and many blogs follow).
_DATED_FILE_NAME = lazyre.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})-[^/]+$")


def file_name_date(path: str) -> dt.date | None:
    """The day a file name starts with, ``2018-05-01-slug.md`` (Jekyll's posts)."""
    m = _DATED_FILE_NAME.match(os.path.basename(path.replace("\\", "/")))
    if m is None:
        return None
    try:
        return dt.date.fromisoformat(m["day"])
    except ValueError:
        return None


# TOML keys whose string values are read as blocks, as their YAML twins are.
_TOML_BLOCKS = (
    (SOURCE_KEYS, None),
    (CREDIT_KEYS, BlockKind.CREDIT),
    (COPYRIGHT_KEYS, BlockKind.COPYRIGHT),
)


def toml_front_matter(lines: list[str], result: ReadResult) -> None:
    """Date, title, address, sources, credits and notices from Hugo's ``+++`` TOML front matter."""
    try:
        data = tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError as exc:
        raise FrontMatterError(f"invalid TOML front matter: {exc}") from None
    fm = {str(k).lower(): v for k, v in data.items()}
    for key in DATE_KEYS:
        day = parse_date_value(fm.get(key))
        if day is not None:
            result.metadata_date = day
            break
    if isinstance(fm.get("title"), str):
        result.title = fm["title"]
    url = next((fm[k] for k in URL_KEYS if isinstance(fm.get(k), str) and fm[k].strip()), None)
    result.url = url.strip() if url else result.url
    sources = result.sources if result.sources is not None else []
    for keys, kind in _TOML_BLOCKS:
        for key in keys:
            values = fm.get(key)
            for value in values if isinstance(values, list) else [values]:
                block = _toml_block(lines, key, value, kind or BlockKind.TEXT)
                if block is None:
                    continue
                if kind is None:
                    sources.append((block.text, block.span(0, len(block.text))))
                else:
                    result.blocks.append(block)
    result.sources = sources


def _toml_block(lines: list[str], key: str, value: object, kind: BlockKind) -> Block | None:
    """A block for a TOML string value, placed at the value on the line that sets ``key``."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    setter = lazyre.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", re.I)
    first = next((i for i, line in enumerate(lines) if setter.match(line)), None)
    if first is None:
        return None
    # The value is on the key's line, or on a later line of a multi-line array.
    for i in range(first, len(lines)):
        col = lines[i].find(text)
        if col >= 0:
            return Block(text, i + 2, col + 1, kind)  # +2: the file's lines start after "+++"
    return None
