"""What the scan tells the audit about an article: its story sources, its address and its pictures."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from creditcheck.discover import Target
from creditcheck.model import AttributionKind, ImageRef
from creditcheck.readers import canonical_url
from creditcheck.scan import Scanner, ScanOptions

from .helpers import FIXTURES, assert_findings, scan_text, shipped_rules

DAY = dt.date(2024, 5, 3)


def story_sources(text: str, fmt: str) -> list[tuple[str, int, int, list[str], list[str]]]:
    result = scan_text(text, fmt, DAY)
    return [
        (a.text, a.span.line, a.span.column, a.sources, a.unknown)
        for a in result.attributions
        if a.kind is AttributionKind.SOURCE
    ]


def test_front_matter_source_and_syndication_are_story_sources() -> None:
    text = "---\ntitle: T\nsource: The Japan Times\nsyndication: Tribune News Service\n---\n\nBody.\n"
    assert story_sources(text, "markdown") == [
        ("The Japan Times", 3, 9, ["japan-times"], []),
        ("Tribune News Service", 4, 14, ["tns"], []),
    ]


def test_source_line_of_a_text_article_is_a_story_source() -> None:
    text = "Title\n\nMay 3, 2024\n\nBody.\n\nSource: Nikkei Asia\n"
    assert story_sources(text, "text") == [("Nikkei Asia", 7, 9, [], ["Nikkei Asia"])]


def test_italic_notice_is_the_notice_without_its_markers() -> None:
    text = (
        "---\ntitle: T\ndate: 2024-05-03\nsource: The Japan Times\n---\n\nBody.\n\n_© 2024 The Japan Times_\n"
    )
    # Before: `The Japan Times_` was a misspelling of the holder, and the notice looked missing.
    assert_findings(text, "markdown", [])
    notices = [a for a in scan_text(text, "markdown").attributions if a.kind is AttributionKind.COPYRIGHT]
    assert [(a.text, a.span.line, a.span.column, a.holder) for a in notices] == [
        ("© 2024 The Japan Times", 9, 2, "japan-times")
    ]
    bold = "Body.\n\n**Photo:** Jane Smith/Gettty Images\n"
    # The markers are dropped, the positions still point into the file.
    assert_findings(bold, "markdown", [("misspelled-source", 3, 23, "Getty Images")], DAY)


def test_emphasis_markers_inside_words_stay() -> None:
    result = scan_text("A snake_case_name and 2 * 3 items.\n\n* a list item\n", "markdown", DAY)
    assert result.findings == () and result.attributions == ()


def test_a_notice_of_an_outlet_with_no_rule_is_an_unknown_source() -> None:
    assert_findings(
        "Title\n\nMay 5, 2024\n\nBody.\n\n© 2024 Nikkei Asia\n",
        "text",
        [("unknown-source", 7, 8, None)],
    )
    message = scan_text("Body.\n\n© 2024 Nikkei Asia\n", "text", DAY).findings[0].message
    assert message == (
        "the copyright notice names `Nikkei Asia`, which matches no rule: add a rule file if the "
        "story is licensed, or do not publish it"
    )
    # A Yonhap alias is no unknown holder, whatever the case of the notice.
    assert_findings("Body.\n\nCopyright 2024 YONHAP NEWS AGENCY\n", "text", [], DAY)


def test_a_pictures_own_notice_is_not_a_story_source() -> None:
    html = (
        '<!doctype html><html><head><meta property="article:published_time" content="2024-05-03"></head>'
        '<body><article><figure><img src="x.jpg"><figcaption>A view of the harbour. '
        "© 2024 Mia Tanaka</figcaption></figure><p>Body.</p></article></body></html>\n"
    )
    assert [f.check for f in scan_text(html, "html").findings if f.check == "unknown-source"] == []


def test_the_articles_address() -> None:
    md = "---\ntitle: T\npermalink: https://news.example/2024/05/t\n---\n\nBody.\n"
    assert scan_text(md, "markdown", DAY).url == "https://news.example/2024/05/t"
    html = (
        '<!doctype html><html><head><meta property="og:url" content="https://news.example/og">'
        '<link href="https://news.example/a?x=1&amp;y=2" rel="canonical"></head>'
        "<body><p>Body.</p></body></html>\n"
    )
    assert scan_text(html, "html", DAY).url == "https://news.example/a?x=1&y=2"
    assert canonical_url('<html><head><meta property="og:url" content="/og"></head>') == "/og"
    # A link in the body is not the page's address.
    assert canonical_url('<html><body><link rel="canonical" href="/late"></body>') is None
    assert scan_text("Body.\n", "text", DAY).url is None


def test_pictures_carry_their_address_and_agency_id(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    # The test picture's IPTC metadata holds the agency's id RC2TEST0001.
    shutil.copy(FIXTURES / "images" / "reuters-kato.jpg", tmp_path / "img" / "a.jpg")
    article = tmp_path / "a.md"
    article.write_text(
        "---\ndate: 2024-05-03\n---\n\n![x](img/a.jpg)\nA commuter. (REUTERS/Issei Kato)\n\n"
        "![y](https://cdn.example/b.jpg?w=800)\nAnother. (AP Photo/Kim Lee)\n",
        encoding="utf-8",
    )
    result = Scanner(shipped_rules(), ScanOptions(strict=True)).scan(Target(str(article), "a.md"))
    assert result.images == (
        ImageRef("img/a.jpg", "RC2TEST0001"),
        ImageRef("https://cdn.example/b.jpg?w=800"),
    )
    credits = [(a.text, a.image) for a in result.attributions if a.kind is AttributionKind.PHOTO_CREDIT]
    assert credits == [("REUTERS/Issei Kato", 0), ("AP Photo/Kim Lee", 1)]
    # `check` keeps none of it.
    lean = Scanner(shipped_rules(), ScanOptions(keep_attributions=False)).scan(Target(str(article), "a.md"))
    assert (lean.attributions, lean.images, lean.url) == ((), (), None)
