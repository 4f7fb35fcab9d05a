"""HTML pictures: which need a credit (the article's own), and one finding per picture at its tag.

The pages are written for these tests and follow the markup real news sites use (teaser
cards, author boxes, lazy-loading placeholders, page headers and footers); no page is copied.
"""

from __future__ import annotations

from tests.helpers import findings, scan_text

HEAD = "<html><head><meta name='date' content='2021-03-01'></head><body>"
END = "</body></html>\n"


def missing(text: str) -> list[tuple[int, int]]:
    """Where ``missing-credit`` is raised: (line, column) of each picture without a credit."""
    found = findings(scan_text(text, "html"))
    return [(line, col) for check, line, col, _ in found if check == "missing-credit"]


def at(text: str, snippet: str, nth: int = 0) -> tuple[int, int]:
    """Line and column of the ``nth`` occurrence of ``snippet`` in ``text``."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(snippet, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- one picture, one finding, at its own tag ---------------------------------------------------


def test_pictures_on_one_line_each_get_their_own_position() -> None:
    # A minified page: five <picture> elements with <source>s on one line, no <img> inside.
    pic = (
        "<figure><picture><source srcset='{0}.webp' type='image/webp'>"
        "<source srcset='{0}.jpg'></picture></figure>"
    )
    text = HEAD + "<article><p>Text.</p>" + "".join(pic.format(n) for n in "abcde") + "</article>" + END
    assert missing(text) == [at(text, "<picture>", n) for n in range(5)]


def test_a_picture_inside_nested_figures_is_one_image() -> None:
    # A gallery figure holding one figure per picture (the block editor's gallery markup).
    text = (
        HEAD + "<article>\n<figure class='wp-block-gallery'><ul>\n"
        "<li><figure><img src='a.jpg'></figure></li>\n"
        "<li><figure><img src='b.jpg'><figcaption>Jane Doe/AFP</figcaption></figure></li>\n"
        "</ul></figure>\n</article>" + END
    )
    assert missing(text) == [at(text, "<img src='a.jpg'>")]


def test_a_picture_tag_in_a_script_does_not_shift_the_others() -> None:
    # An <img> inside a script string: the counts differ, each line's pictures are taken in turn.
    text = (
        HEAD + "<script>var t = '<img src=x.jpg>';</script>\n"
        "<article><figure><img src='a.jpg'></figure><figure><img src='b.jpg'></figure></article>" + END
    )
    assert missing(text) == [at(text, "<img src='a.jpg'>"), at(text, "<img src='b.jpg'>")]
