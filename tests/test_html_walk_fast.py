"""The HTML reader's quicker tree searches (content roots, picture elements) against the plain searches."""

from __future__ import annotations

import lxml.etree
import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from creditcheck.readers.html import has_content_root
from creditcheck.readers.html.captions import HOLDS_CREDIT
from creditcheck.readers.html.elements import HOLDS_STORY, PICTURE_TAGS
from creditcheck.readers.html.pictures import PictureJudge
from creditcheck.readers.html.source import SourceText
from creditcheck.readers.html.walker import Walker
from tests.test_html_fast_paths import pages


def _tree(markup: str, body_attrs: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body{body_attrs}>{markup}x</body></html>")


@settings(max_examples=400)
@given(pages())
def test_a_content_root_is_found_as_the_xpath_union_finds_one(markup: str) -> None:
    for body_attrs in ("", ' role="main"'):
        root = _tree(markup, body_attrs)
        for start in (root, root.find("body")):
            plain = bool(start.xpath(".//article | .//main | .//*[@role='main']"))
            assert has_content_root(start) is plain


def test_the_start_itself_is_not_a_content_root() -> None:
    # The role of the element the walk starts from does not count, as in the XPath union.
    assert not has_content_root(_tree("<p>Text</p>", ' role="main"').find("body"))
    assert has_content_root(_tree('<div><p role="main">Text</p></div>').find("body"))
    assert has_content_root(_tree("<div><main>Text</main></div>"))


@settings(max_examples=300)
@given(pages())
def test_each_picture_element_is_placed_at_its_own_tag(markup: str) -> None:
    # The elements of each tag, searched for all three tags at once, are paired with that tag's
    # start tags in the source in turn, as by one tree search per tag.
    text = f"<html><body>{markup}x</body></html>"
    root = lxml.html.document_fromstring(text)
    walker = Walker(SourceText(text), PictureJudge(root))
    walker.locate_images(root)
    for tag, pattern in PICTURE_TAGS.items():
        elements = list(root.iter(tag))
        offsets = [m.start() for m in pattern.finditer(text)]
        assert len(offsets) == len(elements)  # the generated markup keeps every picture element
        assert [walker.img_offsets[el] for el in elements] == offsets
    assert len(walker.img_offsets) == sum(1 for _ in root.iter(*PICTURE_TAGS))


@settings(max_examples=300)
@given(pages())
def test_holds_story_answers_as_the_xpath_union(markup: str) -> None:
    root = _tree(markup, ' itemprop="articleBody" role="main"')
    for el in root.iter():
        plain = bool(el.xpath(".//article | .//main | .//*[@role='main'] | .//*[@itemprop='articleBody']"))
        assert bool(HOLDS_STORY(el)) is plain


_CREDIT_CLASSES = ("Photo-Credit", "license-author x", "copyright", "CREDITS", "cred it", "accreditation", "")


@settings(max_examples=300)
@given(pages(), st.lists(st.sampled_from(_CREDIT_CLASSES), min_size=1, max_size=4))
def test_holds_credit_answers_as_the_element_predicate(markup: str, names: list[str]) -> None:
    # The plain form tests each descendant element's class; the search tests the class attributes.
    spans = "".join(f'<span class="{n}">c</span>' for n in names)
    root = _tree(f"<span>{markup}<b>{spans}</b></span>{markup}")
    plain = lxml.etree.XPath(
        "boolean(.//*[contains(translate(@class, 'CREDITLS', 'creditls'), 'credit')"
        " or contains(@class, 'license-author') or contains(@class, 'copyright')])"
    )
    for el in root.iter():
        assert bool(HOLDS_CREDIT(el)) is bool(plain(el))
