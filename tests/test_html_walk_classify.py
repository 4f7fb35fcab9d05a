"""The walk's classification of an element: its shortcut for plain class names against every test asked."""

from __future__ import annotations

import re

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creditcheck.model import BlockKind
from creditcheck.readers.html.captions import hidden_label, picture_kind
from creditcheck.readers.html.elements import block_kind, caption_credit, chrome, classes, hidden, only_link
from creditcheck.readers.html.pictures import PictureJudge
from creditcheck.readers.html.site import site_footer
from creditcheck.readers.html.source import SourceText
from creditcheck.readers.html.walker import NAMES_PATTERNS, UNREAD, Walker, quiet_names

_NAMES = [
    "",
    "main",
    "nav",
    "site-footer",
    "article-footer",
    "sr-only",
    "credit",
    "caption",
    "byline",
    "teaser",
]
_NAMES += ["articleBody", "share", "photo-credit", "c-footer__bottom", "visually-hidden", "related"]
# Names no test of class names finds a word in (the walk's quiet shortcut), and near misses.
_NAMES += ["story-body", "head", "ad", "ads-slot", "lead", "image-source", "most-read", "card-foot"]
_NAMES += ["TEASER", "copyright", "Author", "x-teaſer", "menuItem"]
_CLASS = st.lists(st.sampled_from(_NAMES), max_size=3).map(" ".join)
_TAGS = st.sampled_from(["div", "span", "footer", "figcaption", "p", "li", "section", "small", "a"])
_ATTRS = st.sampled_from(["", ' role="contentinfo"', ' hidden=""', ' style="display: none"', ' href="/x"'])
_TEXT = st.sampled_from(
    ["Photo", "AP Photo/Jane Doe", "Image", "", "© 2024 The Japan Times", "<a href=/r>Reuters</a>"]
)


def _slow_classify(walker: Walker, child: lxml.html.HtmlElement, kind: BlockKind) -> object:
    # Every test the walk asks of an element with attributes, in turn, as it asked them before
    # it had a shortcut for plain names.
    names = classes(child)
    if (
        hidden(child)
        or chrome(child, names, walker.judge.holds_story)
        or site_footer(child, names)
        or hidden_label(child, names)
    ):
        return UNREAD
    if walker.judge.other_story(child, names):
        return UNREAD
    child_kind = picture_kind(child, names, kind, block_kind(child, names))
    if child_kind is None and kind == BlockKind.TEXT and child.tag in ("li", "dd", "dt") and only_link(child):
        return UNREAD
    if child_kind is None and kind == BlockKind.CAPTION and caption_credit(child):
        return BlockKind.CREDIT
    return child_kind


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TAGS, _CLASS, st.sampled_from(["", ' id="main-footer"', ' itemprop="author"']), _ATTRS, _TEXT)
def test_plain_names_shortcut_classifies_as_every_test_would(
    tag: str, names: str, ident: str, attrs: str, text: str
) -> None:
    page = (
        f'<html><body><div class="story"><{tag} class="{names}"{ident}{attrs}>{text}</{tag}>'
        f"<p>Story text.</p></div></body></html>"
    )
    root = lxml.html.document_fromstring(page)
    story = root.find("body/div")
    assert story is not None
    child = story[0]
    walker = Walker(SourceText(page), PictureJudge(root))
    for kind in (BlockKind.TEXT, BlockKind.CAPTION):
        assert walker._classify(child, child.tag, kind) == _slow_classify(walker, child, kind), (page, kind)


def _quiet(names: str) -> bool:
    # What quiet_names answers, by every pattern it stands for.
    return "teaser" not in names.lower() and not any(p.search(names) for p in NAMES_PATTERNS)


# The words of the patterns and what surrounds them in class names, mixed case and non-ASCII
# letters that fold to ASCII ones under re.I (the long s, the Kelvin sign).
_PARTS = ["nav", "Menu", "ad", "ADS", "advert", "read-next", "most", "Source", "author", "autor"]
_PARTS += ["teaser", "caption", "credit", "ac", "sr-only", "footer", "foot", "share", "related"]
_PARTS += ["-", "_", " ", "\n", "x", "9", "ſ", "\u212a", "é", "list", "body", "story"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PARTS) | st.text(max_size=3), max_size=6).map("".join))
def test_quiet_names_are_what_every_pattern_says(names: str) -> None:
    quiet_names.cache_clear()
    if quiet_names(names):
        assert _quiet(names), names


@pytest.mark.parametrize(
    ("names", "quiet"),
    [
        ("story-body lead", True),
        ("header head load", True),
        ("ads-slot", False),
        ("x-ad", False),
        ("card-foot", True),
        ("Most-Read", False),
        ("c-teaser__header", False),
        ("image-source", False),
        ("grid caf\u00e9", False),  # not ASCII: not told
    ],
)
def test_quiet_names(names: str, quiet: bool) -> None:
    assert quiet_names(names) is quiet
    assert _quiet(names) or not quiet


def _pattern_words() -> list[str]:
    # The literal runs of the patterns' sources: a word added to a pattern shows up here.
    found = {w for p in NAMES_PATTERNS for w in re.findall(r"[a-z0-9-]{2,}", p.pattern.lower())}
    return sorted(found | {"teaser"})


@pytest.mark.parametrize("word", _pattern_words())
def test_no_word_of_the_patterns_is_quiet(word: str) -> None:
    # Each word alone, between separators and inside a compound: where a pattern finds it,
    # quiet_names must not call the names quiet (its own list of words must hold it).
    for names in (word, f"x {word} y", f"x-{word}-y", f"x_{word}", f"{word}s", word.upper()):
        quiet_names.cache_clear()
        assert not quiet_names(names) or _quiet(names), names
