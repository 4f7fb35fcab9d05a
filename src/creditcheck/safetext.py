r"""Input text made safe to show: lone surrogates replaced, control characters escaped, cells neutralised.

Text from an article reaches terminals, CI logs, spreadsheets and web pages. It is made safe
where it enters the report model (a Finding, an Attribution, a path), once, so that no
reporter can forget: a lone surrogate (valid in a JSON escape, not encodable in UTF-8) becomes
U+FFFD, and a control character (ESC, BEL, a carriage return, a bidirectional override)
becomes a visible escape such as ``\x1b``. The cell and Markdown helpers serve the formats
whose readers interpret text (a spreadsheet runs ``=…`` as a formula).
"""

from __future__ import annotations

import re
import reprlib

from creditcheck import compilecache

REPLACEMENT = "\ufffd"
# In a Python string every surrogate code point is a lone one: a pair is read as one character.
_SURROGATE = compilecache.compile("[\ud800-\udfff]")
# C0 and C1 controls (tab and newline kept), DEL, the Unicode line and paragraph separators and
# the bidirectional embeddings, overrides and isolates ("Trojan Source").
_CONTROL = compilecache.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = compilecache.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]",
)
# OWASP's CSV-injection guidance: a cell opening with one of these is read as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_BOUNDED = reprlib.Repr()
_BOUNDED.maxlevel, _BOUNDED.maxlist, _BOUNDED.maxdict = 2, 3, 3
_BOUNDED.maxstring = _BOUNDED.maxother = _BOUNDED.maxlong = 40
# What can turn text into markup in a Markdown cell: HTML tags, links, code spans, a pipe (which
# ends the cell) and the backslash itself. Emphasis characters stay: paths are full of "_".
_MARKDOWN = compilecache.compile(r"([\\`<>\[\]|])")


def unsurrogate(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length, so offsets hold)."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(REPLACEMENT, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str, one_line: bool = True) -> str:
    """``text`` safe to print: surrogates replaced, controls escaped (newlines too when ``one_line``)."""
    text = unsurrogate(text)
    if text.isprintable():
        return text
    pattern = _CONTROL_OR_NEWLINE if one_line else _CONTROL
    return pattern.sub(_escape, text)


def excerpt(value: object, limit: int = 40) -> str:
    """A short, escaped excerpt of a value for an error message (never the whole of it).

    Strings are quoted; anything else is written by a bounded repr, which never expands a
    YAML alias bomb's nested lists.
    """
    text = repr(value[: limit + 1]) if isinstance(value, str) else _BOUNDED.repr(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return shown(text)


def excerpt_error(exc: BaseException, limit: int = 200) -> str:
    """An exception's message on one line, escaped and cut short (it may quote the input)."""
    text = str(exc)
    return shown(text[:limit] + ("…" if len(text) > limit else ""))


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that opens like a formula gets a leading apostrophe.

    Numbers written by creditcheck itself are passed as numbers, never through this.
    """
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def markdown(value: str) -> str:
    """Text that Markdown shows as written: markup characters escaped, line breaks made spaces."""
    return _MARKDOWN.sub(r"\\\1", value).replace("\n", " ").replace("\r", " ")
