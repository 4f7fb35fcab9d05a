"""Wire readers (NewsML-G2, NITF, ninjs): rights fields, dates, status and exact positions."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from creditcheck.extract import extract_block
from creditcheck.model import Block, Image, Span
from creditcheck.readers import ReadResult, newsml, ninjs, nitf
from creditcheck.resolve import Resolver
from tests.helpers import FIXTURES, shipped_rules

WIRE = FIXTURES / "wire"
UTC = dt.UTC


def tz(hours: int) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


def read(name: str) -> ReadResult:
    text = (WIRE / name).read_text(encoding="utf-8")
    module = ninjs if name.endswith(".json") else nitf if ".nitf." in name else newsml
    result: ReadResult = module.read(name, text)
    return result


def blocks(result: ReadResult) -> list[tuple[str, int | None, int, int, str]]:
    return [(b.kind, b.image, b.line, b.column, b.text) for b in result.blocks]


def at(name: str, line: int, column: int, length: int) -> str:
    """The file's text at a position: the tests check positions against the file itself."""
    lines = (WIRE / name).read_text(encoding="utf-8").split("\n")
    return lines[line - 1][column - 1 : column - 1 + length]


def attributions(result: ReadResult) -> list[tuple[str, str, int | None, Span]]:
    resolver = Resolver(shipped_rules())
    return [
        (a.kind.value, a.text, a.image, a.span) for b in result.blocks for a in extract_block(b, resolver)
    ]


# --- NITF ----------------------------------------------------------------------------------------


def test_nitf_embargoed_story_fields_and_positions() -> None:
    r = read("embargoed-story.nitf.xml")
    assert r.title == "Harbour bridge to close for repairs"
    assert r.asset_id == "EXW.2024.0042"
    assert r.metadata_date == dt.date(2024, 3, 12)
    assert r.published_at == dt.datetime(2024, 3, 12, 9, 0, tzinfo=tz(11))
    # date.release later than date.issue is an embargo.
    assert r.embargo == dt.datetime(2024, 3, 13, 6, 0, tzinfo=tz(11))
    assert r.status == ("embargoed", Span(7, 33, 7, 42))
    assert at("embargoed-story.nitf.xml", 7, 33, 9) == "embargoed"
    assert blocks(r) == [
        ("copyright", None, 13, 30, "© Example Wire Service 2024"),
        ("text", None, 21, 14, "Harbour bridge to close for repairs"),
        ("text", None, 28, 10, "SYDNEY (EXW) — The bridge will close for three weekends."),
        ("caption", 0, 31, 24, "Workers inspect the bridge on March 11, 2024. (AP Photo/Rick Rycroft)"),
        ("credit", 0, 32, 25, "AP Photo/Rick Rycroft"),
        ("text", None, 34, 10, "Traffic will be diverted."),
        ("text", None, 37, 16, "© 2024 Example Wire Service"),
    ]
    assert r.images == [Image(0, "bridge.jpg", Span(30, 9, 30, 71))]
    assert r.instructions == [
        ("Embargoed until 0600 AEDT Wednesday & not for broadcast", Span(12, 21, 12, 80)),
        ("Not for resale. Online use limited to 30 days.", Span(15, 24, 15, 70)),
    ]
    assert r.creators == [("Mary Major", Span(24, 26, 24, 36))]
    assert r.sources == [("Example Wire Service", Span(25, 20, 25, 40))]


def test_nitf_positions_survive_line_breaks_inline_tags_and_character_references() -> None:
    r = read("embargoed-story.nitf.xml")
    headline, paragraph = r.blocks[1], r.blocks[2]
    # "for repairs" is on the next line, after the indentation.
    start = headline.text.index("for repairs")
    assert headline.span(start, start + 11) == Span(22, 11, 22, 22)
    assert at("embargoed-story.nitf.xml", 22, 11, 11) == "for repairs"
    # "&#8212;" is one character; "three" sits inside <em>.
    dash = paragraph.text.index("—")
    assert paragraph.span(dash, dash + 1) == Span(28, 23, 28, 24)
    assert at("embargoed-story.nitf.xml", 28, 23, 7) == "&#8212;"
    three = paragraph.text.index("three")
    assert paragraph.span(three, three + 5) == Span(28, 61, 28, 66)
    assert at("embargoed-story.nitf.xml", 28, 61, 5) == "three"


def test_nitf_copyright_from_doc_copyright_keeps_each_part_where_it_stands() -> None:
    r = read("embargoed-story.nitf.xml")
    found = attributions(r)
    assert ("copyright", "© Example Wire Service 2024", None, Span(13, 30, 13, 62)) in found
    # The holder comes before the year in this file; the notice runs from one to the other.
    assert at("embargoed-story.nitf.xml", 13, 30, 20) == "Example Wire Service"
    assert at("embargoed-story.nitf.xml", 13, 58, 4) == "2024"
    assert ("photo-credit", "AP Photo/Rick Rycroft", 0, Span(32, 25, 32, 46)) in found


def test_nitf_canceled_brief_release_equal_to_issue_is_no_embargo() -> None:
    r = read("canceled-brief.nitf.xml")
    assert r.status == ("canceled", Span(4, 37, 4, 45))
    assert r.embargo is None
    assert r.published_at == dt.datetime(2024, 3, 14, 10, 15, tzinfo=UTC)
    assert r.asset_id == "EXW.2024.0043"
    assert r.title == "Brief withdrawn"  # no <title>: the headline
    assert blocks(r) == [
        ("copyright", None, 8, 34, "© 2024 Example Wire Service"),
        ("text", None, 13, 27, "Brief withdrawn"),
        ("text", None, 17, 19, "This brief has been withdrawn."),
        ("caption", 0, 20, 32, "A photo with no credit."),
    ]
    # The byline's own text without "By " and without the title in <byttl>.
    assert r.creators == [("JOHN DOE", Span(14, 24, 14, 32))]
    assert at("canceled-brief.nitf.xml", 14, 24, 8) == "JOHN DOE"
    assert r.images == [Image(0, "withdrawn.jpg", Span(19, 17, 19, 59))]
    assert not [a for a in attributions(r) if a[0] == "photo-credit"]


def test_nitf_refuses_another_root_element() -> None:
    with pytest.raises(nitf.NITFError, match=r"not an NITF document: the root element is <html>"):
        nitf.read("x.xml", "<html><body><p>x</p></body></html>")


def test_nitf_holder_without_year_is_no_notice() -> None:
    r = nitf.read("x", '<nitf><head><docdata><doc.copyright holder="AP"/></docdata></head></nitf>')
    assert r.blocks == []


def test_sniffing_by_root_element() -> None:
    assert nitf.sniff((WIRE / "canceled-brief.nitf.xml").read_text())
    assert nitf.sniff((WIRE / "embargoed-story.nitf.xml").read_text())  # after DOCTYPE and comment
    assert newsml.sniff((WIRE / "kato-picture.newsml.xml").read_text())
    assert newsml.sniff((WIRE / "text-item.newsml.xml").read_text())
    assert not newsml.sniff((WIRE / "canceled-brief.nitf.xml").read_text())
    assert not nitf.sniff("<html><body/></html>")
    assert ninjs.sniff((WIRE / "story-1x.ninjs.json").read_text())
    assert ninjs.sniff((WIRE / "picture-3x.ninjs.json").read_text())
    assert not ninjs.sniff('{"name": "package", "version": "1.0.0"}')


# --- NewsML-G2 -----------------------------------------------------------------------------------


def test_newsml_picture_item_in_a_message() -> None:
    r = read("kato-picture.newsml.xml")
    assert r.asset_id == "tag:example.org,2021:pic-0001"
    # firstCreated is the publication time (versionCreated is a later edit, contentCreated
    # when the photo was taken).
    assert r.metadata_date == dt.date(2021, 1, 8)
    assert r.published_at == dt.datetime(2021, 1, 8, 2, 15, tzinfo=tz(9))
    assert r.embargo == dt.datetime(2021, 1, 8, 6, 0, tzinfo=UTC)
    assert r.status == ("withheld", Span(22, 32, 22, 40))
    assert at("kato-picture.newsml.xml", 22, 32, 8) == "withheld"
    assert r.title == "Commuters in Tokyo"
    assert r.images == [Image(0, "https://example.org/pic-0001.jpg", Span(38, 9, 38, 91))]
    assert blocks(r) == [
        ("copyright", 0, 12, 26, "(c) Copyright Thomson Reuters 2021. Click For Restrictions"),
        ("credit", 0, 32, 21, "REUTERS/Issei Kato"),
        ("text", None, 33, 19, "Commuters in Tokyo"),
        (
            "caption",
            0,
            34,
            42,
            "A commuter wearing a mask walks through Shinjuku station in Tokyo, Japan, January 8, 2021. "
            "REUTERS/Issei Kato",
        ),
    ]
    assert r.instructions == [
        ("NO RESALES. NO ARCHIVES.", Span(14, 21, 14, 45)),
        ("Corrects spelling of station name", Span(23, 17, 23, 50)),
    ]
    # <by> repeats the creator's name: one creator.
    assert r.creators == [("Issei Kato", Span(29, 17, 29, 27))]
    # A provider with only a literal id is not a name to check.
    assert r.sources == []


def test_newsml_caption_credit_is_found_at_its_place_on_the_second_line() -> None:
    r = read("kato-picture.newsml.xml")
    found = attributions(r)
    assert ("photo-credit", "REUTERS/Issei Kato", 0, Span(35, 55, 35, 73)) in found
    assert at("kato-picture.newsml.xml", 35, 55, 18) == "REUTERS/Issei Kato"
    assert ("photo-credit", "REUTERS/Issei Kato", 0, Span(32, 21, 32, 39)) in found
    notice = [a for a in found if a[0] == "copyright"]
    assert notice == [("copyright", "(c) Copyright Thomson Reuters 2021", 0, Span(12, 26, 12, 60))]


def test_newsml_text_item_with_xhtml_body_and_open_embargo() -> None:
    r = read("text-item.newsml.xml")
    assert r.asset_id == "urn:newsml:example.org:20240501:story-7"
    assert r.metadata_date == dt.date(2024, 5, 1)
    assert r.published_at == dt.datetime(2024, 5, 1, 12, 0, tzinfo=tz(2))
    # An empty <embargoed/> means "until a later version lifts it".
    assert r.status == ("embargoed", Span(18, 9, 18, 22))
    assert r.embargo is None
    assert r.title == "Council budget"
    assert r.images == []
    assert blocks(r) == [
        ("copyright", None, 8, 26, "© 2024 Example Wire Service"),
        ("text", None, 23, 19, "Council approves budget"),
        ("text", None, 30, 24, "The council approved the budget on Tuesday."),
        ("text", None, 31, 24, "A photo ran with it. (Photo: Jane Doe/Example Wire)"),
    ]
    assert r.instructions == [("Online use only; no syndication to third parties.", Span(9, 21, 10, 30))]
    assert r.creators == [("Ana Author", Span(22, 27, 22, 37))]
    assert r.sources == [("Example Wire Service", Span(15, 19, 15, 39))]


@pytest.mark.parametrize(
    ("qcode", "status"),
    [
        ("stat:canceled", "canceled"),
        ("stat:usable", "usable"),
        ("http://cv.iptc.org/newscodes/pubstatusg2/withheld", "withheld"),
        ("stat:unknown", None),
    ],
)
def test_newsml_pub_status_qcodes(qcode: str, status: str | None) -> None:
    text = (
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g">\n'
        f'<itemMeta><pubStatus qcode="{qcode}"/></itemMeta></newsItem>'
    )
    r = newsml.read("x", text)
    if status is None:
        assert r.status is None
    else:
        column = 29 + len(qcode) - len(status)
        assert r.status == (status, Span(2, column, 2, column + len(status)))


def test_newsml_inline_nitf_body_and_inline_data() -> None:
    text = (
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g1">\n'
        "<contentSet>\n"
        '<inlineXML contenttype="application/nitf+xml"><nitf><body><body.content>\n'
        "<p>Body paragraph. (AP Photo/Jane Doe)</p>\n"
        "</body.content></body></nitf></inlineXML>\n"
        "<inlineData>first line\n"
        "  second line\n"
        "</inlineData>\n"
        "</contentSet></newsItem>"
    )
    r = newsml.read("x", text)
    assert blocks(r) == [
        ("text", None, 4, 4, "Body paragraph. (AP Photo/Jane Doe)"),
        ("text", None, 6, 13, "first line"),
        ("text", None, 7, 3, "second line"),
    ]


def test_newsml_refuses_another_root_element() -> None:
    with pytest.raises(newsml.NewsMLError, match="not a NewsML-G2 document: the root element is <nitf>"):
        newsml.read("x", "<nitf/>")


def test_newsml_message_reads_every_item_and_takes_dates_from_the_first() -> None:
    text = (
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>\n'
        '<newsItem guid="a"><itemMeta><itemClass qcode="ninat:picture"/>'
        "<firstCreated>2020-01-01T00:00:00Z</firstCreated></itemMeta>"
        "<contentMeta><creditline>AP Photo/A</creditline></contentMeta></newsItem>\n"
        '<newsItem guid="b"><itemMeta><itemClass qcode="ninat:picture"/>'
        "<firstCreated>2021-01-01T00:00:00Z</firstCreated></itemMeta></newsItem>\n"
        "</itemSet></newsMessage>"
    )
    r = newsml.read("x", text)
    assert r.asset_id == "a"
    assert r.metadata_date == dt.date(2020, 1, 1)
    assert [(i.index, i.span.line) for i in r.images] == [(0, 2), (1, 3)]
    # The second picture has no credit slot filled: its Image has no credit block.
    assert [(b.kind, b.image) for b in r.blocks] == [("credit", 0)]


# --- ninjs ---------------------------------------------------------------------------------------


def test_ninjs_1x_story_with_associations() -> None:
    r = read("story-1x.ninjs.json")
    assert r.asset_id == "http://example.org/ninjs/story-9"
    assert r.metadata_date == dt.date(2024, 6, 1)
    assert r.published_at == dt.datetime(2024, 6, 1, 22, 30, tzinfo=tz(-4))
    assert r.embargo == dt.datetime(2024, 6, 2, 12, 0, tzinfo=UTC)
    assert r.status == ("usable", Span(8, 19, 8, 25))
    assert r.title == "Storm closes Maine St"
    assert r.images == [
        Image(0, "http://example.org/ninjs/photo-3", Span(18, 21, 18, 53)),
        Image(1, "http://example.org/ninjs/photo-4", Span(32, 21, 32, 53)),
    ]
    assert blocks(r) == [
        ("copyright", None, 13, 25, "© 2024 Example Wire Service"),
        ("text", None, 14, 18, "Storm closes Maine St"),
        ("text", None, 15, 22, "Heavy rain closed the street & two bridges."),
        ("text", None, 15, 85, "More rain is expected."),
        ("text", None, 21, 26, "Flooded street"),
        ("caption", 0, 22, 34, "Water covers Maine St on June 1, 2024. (AP Photo/Sam Shooter)"),
        ("copyright", 0, 23, 33, "Copyright 2024 The Associated Press"),
        ("text", None, 29, 26, "Road closures"),
        ("caption", 1, 34, 34, "Sandbags outside a shop."),
    ]
    assert r.instructions == [
        ("Editorial use only.", Span(9, 20, 9, 39)),
        ('Corrects "Main St" to "Maine St"', Span(10, 16, 10, 51)),
        ("No archive.", Span(24, 28, 24, 39)),
    ]
    assert r.creators == [("Pat Writer", Span(11, 12, 11, 22)), ("Sam Shooter", Span(20, 20, 20, 31))]


def test_ninjs_positions_through_escapes_and_html_markup() -> None:
    r = read("story-1x.ninjs.json")
    notice, body = r.blocks[0], r.blocks[2]
    # "\u00a9" is six characters in the file and one in the text.
    assert notice.span(0, 1) == Span(13, 25, 13, 26)
    assert notice.span(2, 6) == Span(13, 32, 13, 36)
    assert at("story-1x.ninjs.json", 13, 32, 4) == "2024"
    closed = body.text.index("closed")
    assert body.span(closed, closed + 6) == Span(15, 36, 15, 42)
    assert at("story-1x.ninjs.json", 15, 36, 6) == "closed"
    bridges = body.text.index("two bridges")
    assert body.span(bridges, bridges + 11) == Span(15, 64, 15, 75)
    assert at("story-1x.ninjs.json", 15, 64, 11) == "two bridges"
    found = attributions(r)
    assert ("photo-credit", "AP Photo/Sam Shooter", 0, Span(22, 74, 22, 94)) in found
    assert at("story-1x.ninjs.json", 22, 74, 20) == "AP Photo/Sam Shooter"


def test_ninjs_3x_picture_with_camel_case_fields_and_description_roles() -> None:
    r = read("picture-3x.ninjs.json")
    assert r.status == ("canceled", Span(5, 17, 5, 25))
    assert r.embargo == dt.datetime(2024, 7, 4, 18, 0, tzinfo=tz(2))
    assert r.published_at == dt.datetime(2024, 7, 4, 15, 20, tzinfo=tz(2))
    assert r.title == "Paris fireworks"
    assert r.images == [Image(0, "http://example.org/ninjs/pic-77", Span(2, 11, 2, 42))]
    assert blocks(r) == [
        ("copyright", 0, 10, 23, "2024 AFP"),
        ("text", None, 11, 44, "Paris fireworks"),
        ("credit", 0, 13, 38, "Kazuhiro Nogi/AFP via Getty Images"),
        ("caption", 0, 14, 35, "Fireworks over the Seine in Paris on July 4, 2024."),
    ]
    assert r.instructions == [
        ("Editorial use only. No sales.", Span(7, 18, 7, 47)),
        ("KILL: this photo has been withdrawn", Span(8, 14, 8, 49)),
    ]
    assert r.creators == [("Kazuhiro Nogi", Span(9, 10, 9, 23))]


def test_ninjs_2x_association_list_and_escaped_surrogate_pair() -> None:
    text = json.dumps(
        {
            "uri": "u",
            "headlines": [{"value": "Emoji \U0001f600 here"}],
            "associations": [{"name": "pic", "type": "picture", "creditline": "AP Photo/X"}],
        },
        indent=1,
    )
    r = ninjs.read("x.json", text)
    headline = r.blocks[0]
    assert headline.text == "Emoji \U0001f600 here"
    here = headline.text.index("here")
    line = text.split("\n")[headline.line - 1]
    assert line[headline.span(here, here + 4).column - 1 :].startswith("here")
    brace = text.split("\n")[8]
    assert brace == "  {"
    assert r.images == [Image(0, "", Span(9, 3, 9, 4))]  # no uri: the object's opening brace
    assert [(b.kind, b.image, b.text) for b in r.blocks[1:]] == [("credit", 0, "AP Photo/X")]


def test_ninjs_errors_are_clear_value_errors() -> None:
    with pytest.raises(ninjs.NinjsError, match=r"not valid JSON at line 2, column 1: Expecting"):
        ninjs.read("x.json", '{"uri": "a",\n}')
    with pytest.raises(ninjs.NinjsError, match="a ninjs document is a JSON object, not list"):
        ninjs.read("x.json", "[1, 2]")
    with pytest.raises(ninjs.NinjsError, match="nested"):
        ninjs.read("x.json", '{"a": ' + "[" * 5000 + "]" * 5000 + "}")


def test_ninjs_holder_without_notice_is_not_a_block() -> None:
    r = ninjs.read("x.json", '{"uri": "u", "copyrightholder": "Example Wire Service"}')
    assert r.blocks == []


# --- the blocks are Blocks -----------------------------------------------------------------------


def test_every_fixture_block_points_at_its_own_first_character() -> None:
    for path in sorted(WIRE.iterdir()):
        r = read(path.name)
        lines = path.read_text(encoding="utf-8").split("\n")
        for block in r.blocks:
            assert isinstance(block, Block)
            here = lines[block.line - 1][block.column - 1 :]
            text = block.text
            if ".nitf." in path.name and block.kind == "copyright" and text[0] == "©" != here[0]:
                text = text[2:]  # the © of a doc.copyright notice is the reader's, the rest the file's
            assert here[0] == text[0] or here.startswith(("&", "\\u")), (path.name, block)
