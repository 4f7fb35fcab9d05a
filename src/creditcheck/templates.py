"""Credit and notice templates from rule files, compiled to safe, anchored matchers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import field
from functools import partial

from creditcheck import compilecache
from creditcheck.compilecache import dataclass

PLACEHOLDERS = frozenset({"photographer", "year", "collection"})
# A notice names its holder and year; a collection belongs to credits only.
NOTICE_PLACEHOLDERS = frozenset({"photographer", "year"})
_PLACEHOLDER = compilecache.compile(r"\{([^{}]*)\}")

# A notice may open with any of the marks people use for "copyright"; they are equivalent.
_MARK = r"(?:copyright\s*(?:©|\(c\))?|©|\(c\))"
_MARK_PREFIX = compilecache.compile(r"^\s*(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*", re.IGNORECASE)
_TRAILER = r"(?:[\s.,;]*(?:all\s+rights\s+reserved)?[\s.!]*)"


class TemplateError(ValueError):
    """A template is malformed (unknown placeholder, stray brace)."""


def normalize(text: str) -> str:
    """Unicode-compatibility fold (full-width letters, no-break spaces) and collapsed spaces."""
    if not text.isascii():  # NFKC leaves ASCII text as it is, and it holds no zero-width space
        text = unicodedata.normalize("NFKC", text).replace("\u200b", "")
    return " ".join(text.split())


def placeholders(template: str, allowed: frozenset[str] = PLACEHOLDERS) -> list[str]:
    """The placeholder names in ``template``, validating its syntax."""
    names = _PLACEHOLDER.findall(template)
    for name in names:
        if name not in allowed:
            raise TemplateError(
                f"unknown placeholder {{{name}}}: use " + ", ".join(f"{{{p}}}" for p in sorted(allowed))
            )
    rest = _PLACEHOLDER.sub("", template)
    if "{" in rest or "}" in rest:
        raise TemplateError("unbalanced brace: placeholders are written {photographer} or {year}")
    if len(names) != len(set(names)):
        raise TemplateError("a placeholder may appear only once in a template")
    return names


def _literal(text: str) -> str:
    """Regex for literal template text: any run of spaces, and space around slashes, is loose."""
    text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    for token in re.split(r"(\s+|/)", text):
        if not token:
            continue
        if token == "/":
            out.append(r"\s*/\s*")
        elif token.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(token))
    return "".join(out).replace(r"\s+\s*/\s*", r"\s*/\s*").replace(r"\s*/\s*\s+", r"\s*/\s*")


@dataclass(frozen=True)
class Template:
    """One credit form or notice form, e.g. ``{photographer}/AFP via Getty Images``."""

    text: str
    notice: bool = False
    names: tuple[str, ...] = field(init=False)
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = tuple(placeholders(self.text, NOTICE_PLACEHOLDERS if self.notice else PLACEHOLDERS))
        object.__setattr__(self, "names", names)
        body = self.text
        parts: list[str] = []
        if self.notice:
            stripped = _MARK_PREFIX.sub("", body)
            if stripped != body:
                parts.append(_MARK + r"\s*")
                body = stripped
        pos = 0
        for m in _PLACEHOLDER.finditer(body):
            parts.append(_literal(body[pos : m.start()]))
            # A value is a run of allowed characters holding one that is not a space (nor, in a
            # collection, a slash): written as the run before the first such character, that
            # character, and the rest, it can be split only one way. (Two lazy runs around the
            # character, the same set of values, made a failing match try every split: most
            # tries of a credit's forms fail, and each took as long as ten that succeed.)
            if m.group(1) == "photographer":
                parts.append(r"(?P<photographer>\s*[^\s/()|][^/()|]*?)")
            elif m.group(1) == "collection":
                # A distributor's partner collection or contributing agency, which may itself be
                # a chain: "Gamma-Rapho", "Fort Worth Star-Telegram/TNS".
                parts.append(r"(?P<collection>[\s/]*[^\s/()|][^()|]*?)")
            else:
                parts.append(r"(?P<year>\d{4}(?:\s*[-–]\s*\d{4})?)")
            pos = m.end()
        parts.append(_literal(body[pos:]))
        trailer = _TRAILER if self.notice else r"[\s.]*"
        regex = compilecache.compile(r"\s*" + "".join(parts) + trailer, re.IGNORECASE)
        object.__setattr__(self, "_regex", regex)

    @property
    def needs_photographer(self) -> bool:
        return "photographer" in self.names

    def match(self, text: str) -> dict[str, str] | None:
        """The placeholder values if ``text`` is written in this form, else None."""
        m = self._regex.fullmatch(normalize(text))
        if m is None:
            return None
        return {k: v.strip() for k, v in m.groupdict().items() if v is not None}

    def render(self, **values: str) -> str:
        """The form with its placeholders filled in (missing ones stay as placeholders)."""
        # A module function, not a lambda over ``values``: mypyc cannot compile that closure.
        return _PLACEHOLDER.sub(partial(_filled, values), self.text)


def _filled(values: dict[str, str], m: re.Match[str]) -> str:
    return values.get(m.group(1)) or m.group(0)
