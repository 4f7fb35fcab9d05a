"""The picture judge's and the date reader's quicker searches find what the plain searches find.

Each search is checked against the plain form it stands for (an XPath predicate over every
element, a walk up every link's ancestors) on random pages made of the parts those searches
look at: headings, links, pictures in ``<picture>`` and ``<noscript>``, story markers, class
names of content, digits and "#" in the text.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creditcheck.readers.html import bylines, pictures
from creditcheck.readers.html.card_boxes import HEADINGS, Box, CardBoxes, _screen_reader_only
from creditcheck.readers.html.elements import CONTENT_CLASS
from creditcheck.readers.html.page_tags import TAGS, first_below, tagged
from creditcheck.readers.html.pictures import PictureJudge, _shown_pictures
from creditcheck.readers.html.story import (
    _MAIN_XPATH,
    _STORY_XPATH,
    _content_class,
    _page_elements,
    page_tops,
    xpath_elements,
)

_TAGS = [
    "div",
    "article",
    "main",
    "h1",
    "h2",
    "h4",
    "a",
    "img",
    "picture",
    "noscript",
    "video",
    "span",
    "p",
    "time",
]
_CLASSES = [
    "",
    "Content",
    "article-body",
    "story-Body",
    "entry-content",
    "sr-only",
    "published x",
    " updated",
]
_ATTRS = st.fixed_dictionaries(
    {},
    optional={
        "class": st.sampled_from(_CLASSES),
        "itemprop": st.sampled_from(["articleBody", "articlebody", "datePublished", "uploadDate", ""]),
        "role": st.sampled_from(["main", "article", "banner"]),
        "href": st.sampled_from(["/a", "", "#x"]),
    },
)
_TEXT = st.sampled_from(["", " ", "12", "#5", "a b", "\n"])


def _nested(draw: st.DrawFn, parts_of: tuple[Any, Any, Any], depth: int, deepest: int) -> str:
    """Nested elements of the sampled tags, with attributes, text and tails, to ``deepest`` levels."""
    tags, attrs_of, texts = parts_of
    parts = []
    for _ in range(draw(st.integers(0, 3 if depth < deepest else 0))):
        tag = draw(tags)
        attrs = "".join(f' {k}="{v}"' for k, v in draw(attrs_of).items())
        inner = _nested(draw, parts_of, depth + 1, deepest) if tag != "img" else ""
        close = f"</{tag}>" if tag != "img" else ""
        parts.append(f"<{tag}{attrs}>{draw(texts)}{inner}{close}{draw(texts)}")
    return "".join(parts)


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page's markup: nested elements of the tags above, with text and tails."""
    return _nested(draw, (st.sampled_from(_TAGS), _ATTRS, _TEXT), 0, 4)


def _root(markup: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body>{markup}x</body></html>")


def _card_link(link: lxml.html.HtmlElement, box: lxml.html.HtmlElement) -> bool:
    """The plain form: the link's ancestors walked up to the box, its descendants, its text."""
    for a in link.iterancestors():
        if a.tag in HEADINGS and a.tag != "h1":
            return not _screen_reader_only(a)
        if a is box:
            break
    if any(d.tag in HEADINGS for d in link.iterdescendants()):
        return True
    return len(link) == 0 and not (link.text or "").strip()


@settings(max_examples=300)
@given(pages())
def test_a_card_link_is_judged_as_by_its_ancestors(markup: str) -> None:
    root = _root(markup)
    boxes = CardBoxes()
    for link in root.iter("a"):
        for box in (link, *link.iterancestors()):
            assert boxes._card_link(link, box) == _card_link(link, box)


_CARD_TAGS = ["div", "section", "article", "h1", "h2", "h3", "a", "a", "img", "picture", "noscript", "p"]
_CARD_ATTRS = st.fixed_dictionaries(
    {},
    optional={
        "class": st.sampled_from(["", "sr-only", "card", "caption"]),
        "href": st.sampled_from(["/one", "/two", "#x", "", "https://elsewhere.example/x", "/one/p.jpg"]),
        "src": st.sampled_from(["/a.jpg", "/b-10x10.jpg", "", "/pixel.gif"]),
    },
)
# An overlay's blank text (Python's white space, which XML's is not all of), a headline, a story.
_CARD_TEXT = st.sampled_from(["", " ", "\xa0", "\x0c", "A headline of a story", "word " * 130])


@st.composite
def card_pages(draw: st.DrawFn) -> str:
    """A page's markup for the teaser search: boxes, headings, links and pictures."""
    return _nested(draw, (st.sampled_from(_CARD_TAGS), _CARD_ATTRS, _CARD_TEXT), 0, 5)


def _card_searches(markup: str) -> tuple[PictureJudge, PictureJudge]:
    """A judge whose card search passes over the boxes that lead nowhere, and one that reads all."""
    root = _root(markup)
    judge, plain = PictureJudge(root), PictureJudge(root)
    plain._boxes = CardBoxes()  # no links marked: every box's links are read
    judge._boxes.mark_links(page_tops(root), judge._other_page)  # marked past the judge's gate too
    return judge, plain


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(card_pages())
def test_the_card_search_passes_over_only_boxes_that_lead_nowhere(markup: str) -> None:
    judge, plain = _card_searches(markup)
    for pic in _shown_pictures(judge.root):
        assert judge._card(pic) is plain._card(pic)
    for el in judge.root.iter(lxml.etree.Element):
        assert _facts(judge._boxes.box(el, judge._other_page)) == _facts(
            plain._boxes.box(el, plain._other_page)
        )
        # The card search asks only the widest of a picture's boxes whether it may hold a card
        # link: the elements around one that may, may too.
        parent = el.getparent()
        if parent is not None and judge._boxes.may_lead(el):
            assert judge._boxes.may_lead(parent)


def _facts(box: Box | None) -> tuple[int, str | None, frozenset[str]] | None:
    return None if box is None else (box.text, box.stem, box.targets)


def test_the_card_search_finds_a_card_by_its_headline_or_overlay() -> None:
    markup = (
        '<div><img src="/a.jpg"><h3><a href="/one">A headline of a story</a></h3></div>'
        '<div><a href="/two"> </a><img src="/b.jpg"><p>A headline of a story</p></div>'
        '<div><img src="/c.jpg"><h3 class="sr-only"><a href="/three">A headline</a></h3></div>'
    )
    judge, plain = _card_searches(markup)
    cards = [(judge._card(pic), plain._card(pic)) for pic in _shown_pictures(judge.root)]
    assert [(fast is slow, fast is not None and fast.tag) for fast, slow in cards] == [
        (True, "div"),
        (True, "div"),
        (True, False),
    ]


@settings(max_examples=300)
@given(pages())
def test_the_story_searches_find_what_the_predicates_find(markup: str) -> None:
    root = _root(markup)
    assert _STORY_XPATH(root) == root.xpath("//*[@itemprop='articleBody']")
    assert _MAIN_XPATH(root) == root.xpath("//main | //*[@role='main']")
    content = root.xpath(
        "//*[contains(translate(@class, 'BCDENOTY', 'bcdenoty'), 'content') or "
        "contains(translate(@class, 'BCDENOTY', 'bcdenoty'), 'body')]"
    )
    assert [el for el in _page_elements(root) if _content_class(el.get("class"))] == [
        el for el in content if CONTENT_CLASS.search(el.get("class", ""))
    ]
    assert list(_page_elements(root)) == root.xpath("//*")


_FURNITURE_NAMES = ["", "author-box", "sidebar", "gallery-icon", "site-header", "mainmenu", "card", "icons"]


@st.composite
def furniture_pages(draw: st.DrawFn) -> str:
    """A page's markup for the furniture test: furniture's names, headlines, a story's text."""
    attrs = st.fixed_dictionaries(
        {},
        optional={
            "class": st.sampled_from(_FURNITURE_NAMES),
            "id": st.sampled_from(["header", "x"]),
            "role": st.sampled_from(["banner", "navigation"]),
            "href": st.sampled_from(["/authors/jo", "/one"]),
        },
    )
    tags = st.sampled_from(["div", "header", "footer", "aside", "article", "h1", "a", "img", "p"])
    return _nested(draw, (tags, attrs, st.sampled_from(["", "text", "word " * 600])), 0, 4)


def _furniture_as_before(judge: PictureJudge, el: lxml.html.HtmlElement) -> bool:
    """The plain order: what the element holds first, then its tag, role and names."""
    tag = el.tag
    if (
        tag == "a"
        or tag in ("footer", "aside")
        or el.get("role") in ("contentinfo", "complementary", "navigation")
    ):
        return judge._furniture_element(el)  # not reordered
    names = judge._names(el)
    if not names and tag != "header":
        return False
    if judge._holds_page(el):
        return False
    return judge._named_furniture(el, tag, el.get("role") or "", names)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(furniture_pages())
def test_furniture_is_judged_as_in_the_plain_order(markup: str) -> None:
    root = _root(markup)
    judge = PictureJudge(root)
    for el in root.iter(lxml.etree.Element):
        assert judge._furniture_element(el) is _furniture_as_before(judge, el)


_ADDRESS_PARTS = [
    "http://",
    "https://",
    "HTTP://",
    "Www.Example.com",
    "a-b.de",
    "/",
    "//",
    "?",
    "#",
    ";",
    ":",
]
_ADDRESS_PARTS += ["80", "@", "[", "]", "%", "\t", "\n", "\r", " ", "\x01", "é", "\u2100", "path", ".", "-"]


@settings(max_examples=2000)
@given(st.lists(st.sampled_from(_ADDRESS_PARTS) | st.text(max_size=2), max_size=8).map("".join))
def test_a_simple_address_is_read_as_urlsplit_reads_it(href: str) -> None:
    simple = pictures._simple_absolute(href)
    if simple is not None:
        parts = urlsplit(href)
        assert parts.scheme in ("http", "https")
        assert simple == (parts.hostname, parts.path)
        assert pictures._split_absolute(href) == parts  # the form it stands in for


def test_the_common_absolute_addresses_are_simple() -> None:
    assert pictures._simple_absolute("https://www.Example.com/news/a-story-1.html?x=1#top") == (
        "www.example.com",
        "/news/a-story-1.html",
    )
    assert pictures._simple_absolute("http://example.com") == ("example.com", "")
    for other in ("https://user@example.com/", "http://example.com:80/", "http://[::1]/", "https://a.de/x;p"):
        assert pictures._simple_absolute(other) is None


@settings(max_examples=300)
@given(pages())
def test_the_shown_pictures_are_those_outside_noscript_and_picture(markup: str) -> None:
    root = _root(markup)
    shown = root.xpath(
        "//img[not(ancestor::noscript)][not(ancestor::picture)] | //picture[not(ancestor::noscript)]"
        " | //video[not(ancestor::noscript)]"
    )
    assert list(_shown_pictures(root)) == shown


@settings(max_examples=300)
@given(pages())
def test_the_date_readers_searches_find_what_the_predicates_find(markup: str) -> None:
    root = _root(markup)
    assert root.xpath(bylines._ITEMPROP_DATES) == root.xpath(
        "//*[@itemprop='datePublished' or @itemprop='dateCreated' or @itemprop='uploadDate']"
    )
    for kind in ("published", "updated"):
        assert root.xpath(bylines._CLASS_WORD.format(kind=kind)) == root.xpath(
            f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {kind} ')]"
        )
    assert root.xpath(bylines._ARTICLES) == root.xpath("//article | //*[@role='article']")
    texts = [t for t in root.xpath(".//text()") if bylines._DIGIT_OR_HASH.search(t)]
    plain = root.xpath(".//text()[contains(translate(., '0123456789', '##########'), '#')]")
    assert [_where(t) for t in texts] == [_where(t) for t in plain]


def _where(text: Any) -> tuple[object, bool, str]:
    """An XPath text result's element, whether it is that element's tail, and the text."""
    return text.getparent(), text.is_tail, str(text)


@settings(max_examples=200)
@given(pages(), st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True))
def test_one_walk_finds_what_each_walk_finds(markup: str, tags: list[str]) -> None:
    root = _root(f"<title>t</title><meta name=a><script>1</script>{markup}<link rel=x>")
    assert tagged(root, *tags) == tuple(root.iter(*tags))
    assert tagged(root, *tags) == tuple(root.iter(*tags))  # remembered: the same again
    for tag in tags:
        assert first_below(root, tag) is root.find(f".//{tag}")
        assert first_below(root[0], tag) is root[0].find(f".//{tag}")


def _date_names(el: lxml.html.HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"


@settings(max_examples=300)
@given(pages(), st.sampled_from(["", "<!-- c -->", '<p id="x">', '<b id="">']))
def test_the_date_elements_search_finds_every_element_with_names(markup: str, lead: str) -> None:
    # _date_element reads the elements with a class, id or itemprop that XPath finds, where it
    # read every node of the scope and passed over those without one.
    root = _root(lead + markup)
    for scope in root.iter():
        if not isinstance(scope.tag, str):
            continue
        found = [el for el in xpath_elements(bylines._NAMED(scope)) if _date_names(el).strip()]
        plain = [
            el for el in scope.iter() if isinstance(el.tag, str) and el.keys() and _date_names(el).strip()
        ]
        assert found == plain


_NAME_PARTS = ["date", "DATUM", "Time", "byline", "auth", "autor", "Info", "meta", "upd", "ated", "event"]
_NAME_PARTS += ["x", " ", "-", "_", "ſ", "é", "K", "\u212a", "İ"]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_NAME_PARTS) | st.text(max_size=3), max_size=6).map("".join))
def test_the_date_names_test_is_its_patterns(names: str) -> None:
    bylines._date_names.cache_clear()
    assert bylines._date_names(names) is _date_names_plain(names)


def _leading_date_as_before(text: str) -> object:
    # The plain order: the words of another date first, then where the first digit is.
    if bylines._NOT_PUBLISHED.search(text[:80]):
        return None
    label = bylines._LABEL.match(text)
    start = label.end() if label else 0
    if not any(ch.isdigit() for ch in text[start : start + bylines._DIGIT_WITHIN]):
        return None
    return bylines._leading_date(text, "")


_LINE_PARTS = ["Published ", "Updated ", "Datum: ", "Montag, ", "3. ", "März ", "2021", "12/03/2021"]
_LINE_PARTS += ["event ", " – ", "text ", "x" * 30, "aktualisiert ", "4 Apr", " 19", "Stand "]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_LINE_PARTS) | st.text(max_size=4), max_size=8).map("".join))
def test_a_date_line_is_read_as_before(text: str) -> None:
    assert bylines._leading_date(text, "") == _leading_date_as_before(text)


@pytest.mark.parametrize("word", sorted(set(re.findall(r"[a-z]{2,}", bylines._DATE_CLASS.pattern.lower()))))
def test_no_word_of_the_date_class_is_passed_over(word: str) -> None:
    # A word added to _DATE_CLASS but not to the quick search would be passed over: each word
    # alone and in a compound is tested as the patterns test it.
    for names in (word, f"x-{word}-y", word.upper(), f"{word}  "):
        bylines._date_names.cache_clear()
        assert bylines._date_names(names) is _date_names_plain(names), names


def _date_names_plain(names: str) -> bool:
    return bylines._DATE_CLASS.search(names) is not None and bylines._NOT_PUBLISHED.search(names) is None
