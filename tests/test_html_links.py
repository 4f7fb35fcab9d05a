"""HTML links: an absolute address read without joining gives the same parts; an unreadable one, none."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from creditcheck.readers.html.pictures import PictureJudge, _split_absolute
from creditcheck.readers.html.story import PageAddress, split_address

PAGE = "https://news.example.com/world/leaders-meet-100.html"
_PIECE = st.text(alphabet="aZ09-._~/?#;:@[] \t\n%", max_size=12)


@given(
    scheme=st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "//", ""]),
    host=st.sampled_from(["news.example.com", "Example.COM:8080", "u:p@cdn.example.net", "", "[::1]", "[::"]),
    rest=_PIECE,
    base=st.sampled_from([PAGE, "", "http://news.example.com/", "https://other.example.org/a/b;c"]),
)
def test_an_absolute_address_has_the_joined_parts(scheme: str, host: str, rest: str, base: str) -> None:
    href = (scheme + host + rest).strip()
    parts = _split_absolute(href)
    if parts is None:
        return  # joined as before
    joined = urlsplit(urljoin(base, href))
    assert (parts.scheme, parts.hostname, parts.path) == (joined.scheme, joined.hostname, joined.path)


def test_addresses_that_joining_changes_are_joined() -> None:
    assert _split_absolute("https:///world/flood-200.html") is None  # no host: the page's
    assert _split_absolute("https://news.example.com/a;b") is None  # parameters
    assert _split_absolute("/world/flood-200.html") is None
    assert _split_absolute("HTTPS://news.example.com/a") is None
    parts = _split_absolute("https://news.example.com/world/flood-200.html?x=1#top")
    assert parts is not None
    assert (parts.hostname, parts.path) == ("news.example.com", "/world/flood-200.html")


# A teaser card beside the story: its picture needs no credit, the story's does. Each page below
# holds an address Python cannot split ("http://[ccpa-preferences]", a consent link), once in
# each place a page's addresses are read.
_CARD_PAGE = (
    "<html><head>{head}</head><body>\n"
    "<article><h1>Leaders meet</h1><figure><img src='/img/leaders.jpg'></figure>"
    "<p>Text of the story.</p></article>\n"
    "<div class='card'><img src='/img/flood.jpg'>"
    "<h3><a href='https://news.example.com/panorama/flood-200.html'>Floods in the north</a></h3>"
    "{in_card}</div>\n"
    "<p><a href='https://news.example.com/sport/cup-400.html'>Cup</a> {in_body}</p>"
    "</body></html>"
)
_BAD = "http://[ccpa-preferences]"


@pytest.mark.parametrize(
    ("head", "in_card", "in_body"),
    [
        (f"<link rel='canonical' href='{_BAD}/x'>", "", ""),
        (f"<meta property='og:url' content='{_BAD}'>", "", ""),
        ("", f"<a href='{_BAD}'>Do not sell</a>", f"<a href='{_BAD}'>Do not sell</a>"),
        (
            "<link rel='canonical' href='https://news.example.com/world/leaders-100.html'>",
            f"<a href='{_BAD}'>Do not sell</a>",
            "",
        ),
    ],
)
def test_an_address_that_cannot_be_split_leads_nowhere_and_the_page_is_read(
    head: str, in_card: str, in_body: str
) -> None:
    root = lxml.html.document_fromstring(_CARD_PAGE.format(head=head, in_card=in_card, in_body=in_body))
    judge = PictureJudge(root)
    card = root.find(".//div[@class='card']")
    assert card is not None and judge.other_stories == {card}
    needing = [img.get("src") for img in root.iter("img") if judge.needs_credit(img)]
    assert needing == ["/img/leaders.jpg"]
    assert judge._other_page(_BAD) is None


def test_a_page_address_that_cannot_be_split_is_no_address() -> None:
    root = lxml.html.document_fromstring(
        f"<html><head><link rel='canonical' href='{_BAD}/world/leaders-100.html'></head><body>"
        "<a href='https://www.example.org/a'>a</a><a href='https://example.org/b'>b</a>"
        f"<a href='{_BAD}/c'>c</a></body></html>"
    )
    address = PageAddress(root)
    assert (address.url, address.path, address.ids, address.site) == ("", "", set(), "example.org")
    assert split_address(f"{_BAD}/a") is None
    parts = split_address("https://news.example.com/a?b")
    assert parts is not None and (parts.hostname, parts.path) == ("news.example.com", "/a")
