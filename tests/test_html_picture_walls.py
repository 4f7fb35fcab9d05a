"""HTML pictures: icon glyphs, and walls of small pictures (logo walls, team grids).

Each test pairs pictures that need no credit with the nearest ones that still do. The pages
are written for these tests after the markup real sites use; no page is copied.
"""

from __future__ import annotations

from tests.helpers import findings, scan_text
from tests.test_html_images import END, HEAD, at


def missing_credit(text: str) -> list[tuple[str, int, int, str | None]]:
    """The exact ``missing-credit`` findings: (check, line, column, fix)."""
    return [f for f in findings(scan_text(text, "html")) if f[0] == "missing-credit"]


def expected(text: str, *snippets: str) -> list[tuple[str, int, int, str | None]]:
    return [("missing-credit", *at(text, snippet), None) for snippet in snippets]


def test_icon_folders_and_arrow_glyphs_need_no_credit_but_a_photo_of_an_arrow_does() -> None:
    text = (
        HEAD + "<article><h1>Markets close higher</h1>\n"
        "<table><tr class='clickable'><td class='image up'>\n"
        "<img src='https://cdn.example.com/common/img/ico/arrows/quote_small.png'></td>\n"
        "<td class='index'>DOW</td><td>17,832.99</td></tr>\n"
        "<tr><td class='image down'>\n"
        "<img src='https://cdn.example.com/design/img/roundbox_arrow_down.gif'></td>\n"
        "<td class='index'>S&amp;P 500</td><td>2,058.20</td></tr></table>\n"
        # A story's photo of an arrow (a JPEG), and a bare "icon" folder of thumbnails.
        "<p><img src='/uploads/2022/04/Arrow-up-or-high-price.jpg'></p>\n"
        "<p><img src='/data/images/icon/20220103-111608-z894.png' height='130'></p>\n"
        "</article>" + END
    )
    assert missing_credit(text) == expected(
        text,
        "<img src='/uploads/2022/04/Arrow-up-or-high-price.jpg'>",
        "<img src='/data/images/icon/",
    )


def _logo(name: str, width: int = 100) -> str:
    return (
        "<div class='column-7 w-col'>"
        f"<img src='https://uploads.example.com/5e99_{name}.png' width='{width}' alt='' class='i8'></div>"
    )


def test_a_wall_of_client_logos_needs_no_credit() -> None:
    text = (
        HEAD + "<main><div class='vertrauen wf-section'><div class='container-37'>\n"
        "<h2>Welche Unternehmen uns bereits vertrauen</h2>\n"
        f"<div class='columns-6 w-row'>{_logo('netflix')}{_logo('zenjob')}</div>\n"
        f"<div class='columns-6 w-row'>{_logo('sky', 80)}{_logo('swapfiets')}</div>\n"
        "</div></div>\n"
        "<p><img src='https://uploads.example.com/5e99_mobile.png' width='300' alt=''></p>\n"
        "</main>" + END
    )
    assert missing_credit(text) == expected(text, "<img src='https://uploads.example.com/5e99_mobile.png'")


def test_a_team_grid_of_small_portraits_needs_no_credit() -> None:
    member = (
        "<div class='field__item col-md-3'><div class='paragraph--type--bild-und-text'>"
        "<div class='field--name-field-bild'><img src='/files/styles/medium/{0}.png' width='{1}'"
        " height='100' alt='{0}'></div>\n"
        "<div class='field--name-field-text'><h3>{0} Doe</h3><p>{2}</p></div></div></div>\n"
    )
    text = (
        HEAD + "<article><h1>About us</h1><p>We build open software.</p>\n"
        "<div class='field__items row'>\n"
        + member.format("roland", 100, "Architekt")
        + member.format("alexandra", 77, "Drupal")
        + member.format("ralf", 68, "Open Source")
        + "</div>\n</article>"
        + END
    )
    assert missing_credit(text) == []


def test_small_pictures_that_may_be_the_story_s_still_need_credits() -> None:
    text = (
        HEAD + "<article><h1>Three candidates</h1>\n"
        # Only two small pictures: not a wall.
        "<div class='row'><img src='/img/a.jpg' width='100'><img src='/img/b.jpg' width='100'></div>\n"
        # Captioned: each is a picture the story shows and describes.
        "<div class='row'><figure><img src='/img/c.jpg' width='100'><figcaption>Jo Roe</figcaption></figure>"
        "<figure><img src='/img/d.jpg' width='100'><figcaption>Ann Poe</figcaption></figure>"
        "<figure><img src='/img/e.jpg' width='100'><figcaption>Al Moe</figcaption></figure></div>\n"
        # A gallery's thumbnails open the large pictures.
        "<div class='row'><a href='/img/f-large.jpg'><img src='/img/f.jpg' width='100'></a>"
        "<a href='/img/g-large.jpg'><img src='/img/g.jpg' width='100'></a>"
        "<a href='/img/h-large.jpg'><img src='/img/h.jpg' width='100'></a></div>\n"
        # Larger than a thumbnail.
        "<div class='row'><img src='/img/i.jpg' width='300'><img src='/img/j.jpg' width='300'>"
        "<img src='/img/k.jpg' width='300'></div>\n"
        "</article>" + END
    )
    found = missing_credit(text)
    assert found == expected(
        text,
        *(f"<img src='/img/{n}.jpg'" for n in "abcdefghijk"),
    )
    assert all(fix is None for *_, fix in found)


def test_small_pictures_between_paragraphs_are_the_story_s() -> None:
    paragraph = "<p>" + "The council met again on Tuesday to discuss the plan. " * 3 + "</p>\n"
    text = (
        HEAD
        + "<article><h1>Council meets</h1>\n"
        + "".join(paragraph + f"<p><img src='/img/{n}.jpg' width='100' height='75'></p>\n" for n in "abc")
        + "</article>"
        + END
    )
    assert missing_credit(text) == expected(text, *(f"<img src='/img/{n}.jpg'" for n in "abc"))


def test_pictures_in_a_folder_named_for_logos_need_no_credit_nor_their_noscript_copies() -> None:
    partner = (
        "<div class='col-md-4'><figure class='image'><a href='https://{0}.example.org/'>"
        "<img src='/fileadmin/Bilder/Logos/LogosFusszeile/v2/{0}.png' class='lazyload top' alt=''>"
        "<noscript><img src='/fileadmin/_processed_/csm_{0}_c671c3.png' alt=''/></noscript>"
        "</a></figure></div>\n"
    )
    text = (
        HEAD
        + "<main><h1>Partner</h1><div class='row'>\n"
        + partner.format("arena")
        + partner.format("polar")
        + "</div>\n"
        "<p><img src='https://cdn.example.ch/uploads/company_logo/file/192fc0/big_trellborg.jpg'></p>\n"
        # A story's picture under a lazy placeholder: its <noscript> copy is the picture.
        "<figure><img src='data:image/gif;base64,R0lGOD' data-src='/uploads/Alan-Cumming.jpg' class='lazy'>"
        "<noscript><img src='/uploads/Alan-Cumming.jpg'></noscript></figure>\n"
        # A host named "logos…" is no folder of logos.
        "<p><img src='https://www.logos-verlag.de/uploads/2021/verlagshaus.jpg'></p>\n"
        "</main>" + END
    )
    assert missing_credit(text) == expected(
        text,
        "<img src='/uploads/Alan-Cumming.jpg'>",
        "<img src='https://www.logos-verlag.de/",
    )
