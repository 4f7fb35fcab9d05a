"""A credit line the story gives once for all its pictures ("Fotos: NAME und NAME", "Photos by NAME").

The pages are written for these tests after the markup real sites use; no page is copied.
"""

from __future__ import annotations

from tests.helpers import findings, scan_text
from tests.test_html_images import END, HEAD, at

GALLERY = (
    "<figure><img src='https://example.com/uploads/2021/03/house-1.jpg' width='1200' height='800'></figure>\n"
    "<figure><img src='https://example.com/uploads/2021/03/house-2.jpg' width='1200' height='800'></figure>\n"
)


def _found(text: str, fmt: str = "html") -> list[tuple[str, int, int, str | None]]:
    return findings(scan_text(text, fmt))


def _missing(text: str, n: int) -> tuple[str, int, int, None]:
    line, col = at(text, f"<img src='https://example.com/uploads/2021/03/house-{n}.jpg'")
    return ("missing-credit", line, col, None)


def test_a_plural_label_before_the_gallery_credits_every_picture_of_the_story() -> None:
    text = (
        HEAD + "<main><article><h1>The glass house</h1>\n<p>A house under a glass roof.</p>\n"
        "<p>Fotos: Tobias König und Michael Romstöck</p>\n" + GALLERY + "</article></main>" + END
    )
    assert _found(text) == []
    line = scan_text(text, "html").attributions[0]
    assert (line.text, line.image, line.span.line) == ("Tobias König und Michael Romstöck", None, 3)
    # The same line in a credit element of no picture.
    element = text.replace("<p>Fotos:", "<p class='photo-credit'>Fotos:")
    assert [(a.text, a.image) for a in scan_text(element, "html").attributions] == [
        ("Tobias König und Michael Romstöck", None)
    ]
    assert _found(element) == []


def test_a_collective_line_at_the_end_of_the_story_credits_its_pictures() -> None:
    for ending in ("See more in the gallery, images by Jane Doe", "Words: John Roe Photos: Jane Doe"):
        text = (
            HEAD + "<article><h1>The glass house</h1>\n" + GALLERY + "<p>A house under a glass roof.</p>\n"
            f"<p>{ending}</p>\n</article>" + END
        )
        assert _found(text) == [], ending


def test_the_collective_credit_is_still_checked_like_any_credit() -> None:
    text = HEAD + "<article><h1>The glass house</h1>\n" + GALLERY + "<p>Photos: Reuters</p>\n</article>" + END
    line, col = at(text, "Reuters")
    assert _found(text) == [
        (
            "unlicensed-source",
            line,
            col,
            None,
        )
    ]


def test_a_collective_line_outside_the_story_credits_nothing() -> None:
    places = (
        "<footer class='site-footer'><p>Fotos: Tobias König</p></footer>",  # the site's footer
        "<aside class='sidebar'><p>Photos: Jane Doe</p></aside>",
        "<div class='box'><p>Photos: Jane Doe</p></div>",  # after the story's <article>: not the story
    )
    for place in places:
        text = HEAD + "<article><h1>The glass house</h1>\n" + GALLERY + "</article>\n" + place + END
        assert _found(text) == [_missing(text, 1), _missing(text, 2)], place


def test_a_picture_keeps_its_own_credit_and_a_singular_label_credits_one_picture() -> None:
    text = (
        HEAD + "<article><h1>The glass house</h1>\n" + GALLERY + "<p>Foto: Jane Doe</p>\n"
        "<figure><img src='https://example.com/uploads/2021/03/house-3.jpg' width='1200' height='800'>"
        "<figcaption>The roof. (Brendan Smialowski/AFP via Getty Images)</figcaption></figure>\n"
        "</article>" + END
    )
    # "Foto:" right after a picture is that picture's credit only: the first stays uncredited.
    assert _found(text) == [_missing(text, 1)]
    by_image = [(a.text, a.image) for a in scan_text(text, "html").attributions]
    assert by_image == [("Jane Doe", 1), ("Brendan Smialowski/AFP via Getty Images", 2)]
    # "Bilder:" in the same place is read as joined to the picture before it, but its plural
    # label makes it the story's: it credits the first picture too. The own credit stays the third's.
    collective = text.replace("<p>Foto: Jane Doe</p>", "<p>Bilder: Jane Doe</p>")
    assert _found(collective) == []
    by_image = [(a.text, a.image) for a in scan_text(collective, "html").attributions]
    assert by_image == [("Jane Doe", 1), ("Brendan Smialowski/AFP via Getty Images", 2)]


def test_a_story_with_no_collective_line_reports_each_uncredited_picture() -> None:
    text = (
        HEAD
        + "<article><h1>The glass house</h1>\n<p>The photos show a house.</p>\n"
        + GALLERY
        + "<p>Text: John Roe</p>\n</article>"
        + END
    )
    assert _found(text) == [_missing(text, 1), _missing(text, 2)]


def test_markdown_a_photos_line_at_the_end_credits_the_story_s_images() -> None:
    body = (
        "# The glass house\n\n![](https://example.com/uploads/2021/03/house-1.jpg)\n\n"
        "A house under a glass roof.\n\n![](https://example.com/uploads/2021/03/house-2.jpg)\n\n"
        "More about the house.\n\n"
    )
    assert _found(body + "Photos: Jane Doe\n", "markdown") == []
    assert [(c, ln, col) for c, ln, col, _ in _found(body, "markdown")] == [
        ("missing-credit", 3, 1),
        ("missing-credit", 7, 1),
    ]


# A podcast episode's photo, and a collapsed "Credits" section at the end, wrapped in an old
# editor's <font> (the browser breaks its blocks into lines; the spoiler opens on a click).
EPISODE = (
    "<article><h1>Durch die Gegend</h1>\n"
    "<div class='vc_row'><div class='wpb_text_column'><div class='wpb_wrapper'>"
    "<p><img src='https://example.com/uploads/2019/12/ep48.jpg' alt='Durch die Gegend'></p>\n"
    "<p>A walk through Vienna with a singer.</p></div></div>\n"
    "<div class='wpb_text_column'><div class='wpb_wrapper'><p><font style='font-size: 16px;'>"
    "<div class='su-spoiler su-spoiler-closed'><div class='su-spoiler-title'>{heading}</div>"
    "<div class='su-spoiler-content'>Musik:</p>\n"
    "<p><a href='https://example.com/album'>Birocratic – ergo</a> (CC BY)</p>\n{between}"
    "<p><font style='font-size: 16px;'>Foto: Ingo Pertramer</div></div></font></p></div></div></div>\n"
    "</article>"
)


def _episode(heading: str = "Credits", between: str = "") -> str:
    return HEAD + EPISODE.format(heading=heading, between=between) + END


def test_a_credits_section_credits_the_story_s_pictures_even_collapsed() -> None:
    text = _episode()
    assert _found(text) == []
    line, col = at(text, "Ingo Pertramer")
    assert [(a.text, a.image, a.span.line, a.span.column) for a in scan_text(text, "html").attributions] == [
        ("Ingo Pertramer", None, line, col)
    ]


def test_a_credit_line_outside_a_credits_section_credits_no_other_picture() -> None:
    def missing(text: str) -> list[tuple[str, int, int, None]]:
        return [
            ("missing-credit", *at(text, "<img src='https://example.com/uploads/2019/12/ep48.jpg'"), None)
        ]

    # No heading, a heading that is more than a label, or the credit far below the heading.
    for text in (
        _episode(heading="Links"),
        _episode(heading="Credits for the music we play"),
        _episode(between="<p>More words.</p>\n" * 8),
    ):
        assert _found(text) == missing(text)


def test_a_gallery_heading_is_no_credits_section_and_a_line_after_a_picture_is_its_own() -> None:
    # "Photos" heads a gallery whose pictures carry their own lines: the second has none.
    text = (
        HEAD + "<article><h1>The glass house</h1>\n<p>A house under a glass roof.</p>\n"
        "<h2>Photos</h2>\n"
        + GALLERY.replace("</figure>\n", "</figure>\n<p>Foto: Jane Doe</p>\n", 1)
        + "</article>"
        + END
    )
    assert _found(text) == [_missing(text, 2)]
    # Under a "Credits" heading, a line right after a picture is still that picture's alone.
    assert _found(text.replace("<h2>Photos</h2>", "<h2>Credits</h2>")) == [_missing(text, 2)]
