"""The story's body widened to its headline: the nearest ancestor both share, found by element."""

from __future__ import annotations

import lxml.html
import pytest

from creditcheck.readers.html.story import _with_headline


def _page(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def test_a_headline_in_another_branch_leaves_the_body_as_it_is() -> None:
    root = _page(
        "<html><body><div id=a><h1>Title</h1></div>"
        "<div id=b><div id=c><p>The story.</p></div></div></body></html>"
    )
    body = root.get_element_by_id("c")
    # The ancestors they share are <body> and <html>: the body stays the story's.
    assert _with_headline(body, root.find(".//h1")) is body


def test_the_body_widens_to_the_ancestor_that_holds_the_headline() -> None:
    root = _page(
        "<html><body><div id=x><div id=a><h1>Title</h1></div>"
        "<div id=b><div id=c><p>The story.</p></div></div></div></body></html>"
    )
    widened = _with_headline(root.get_element_by_id("c"), root.find(".//h1"))
    assert widened.get("id") == "x"


@pytest.mark.parametrize("depth", [1, 3, 12])
def test_the_answer_does_not_depend_on_other_element_objects_alive(depth: int) -> None:
    # Element objects are made and freed as the ancestors are read: an answer by object id
    # could take a freed ancestor's id, reused by another, for the same element.
    nested = "<div>" * depth + "<h1>Title</h1>" + "</div>" * depth
    root = _page(f"<html><body>{nested}<section><article><p>Story.</p></article></section></body></html>")
    body = root.find(".//article")
    for _ in range(3):
        assert _with_headline(body, root.find(".//h1")) is body
