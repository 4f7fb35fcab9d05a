"""HTML links: an absolute address read without joining it to the page's gives the same parts."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from creditcheck.readers.html.pictures import _split_absolute

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
