"""XML safety: entity expansion, external entities and DTDs are refused; broken XML is a clear error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from creditcheck.model import Span
from creditcheck.readers import ReadResult, image, iptc, newsml, nitf, xmlsafe
from tests.helpers import FIXTURES, PATHOLOGICAL

ENTITIES = "XML with entity declarations is refused (possible entity-expansion attack)"
Reader = Callable[[str, str], ReadResult]
READERS: list[tuple[str, Reader]] = [("nitf", nitf.read), ("newsItem", newsml.read)]


def billion_laughs(root: str) -> str:
    """Ten levels of ten references: 10**10 copies of "lol" if anything expanded it."""
    levels = ['<!ENTITY lol0 "lol">']
    for i in range(1, 11):
        levels.append(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">')
    body = "\n".join(levels)
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n{body}\n]>\n<{root}><p>&lol10;</p></{root}>\n'


@PATHOLOGICAL
@pytest.mark.parametrize(("root", "reader"), READERS)
def test_billion_laughs_is_refused_before_parsing(root: str, reader: Reader) -> None:
    with pytest.raises(xmlsafe.XMLRefusedError) as info:
        reader("bomb.xml", billion_laughs(root))
    assert str(info.value) == ENTITIES


@PATHOLOGICAL
@pytest.mark.parametrize(("root", "reader"), READERS)
def test_quadratic_blowup_is_refused(root: str, reader: Reader) -> None:
    big = "x" * 100_000
    text = f'<!DOCTYPE {root} [<!ENTITY a "{big}">]>\n<{root}><p>{"&a;" * 10_000}</p></{root}>'
    with pytest.raises(xmlsafe.XMLRefusedError, match="entity declarations"):
        reader("blowup.xml", text)


@pytest.mark.parametrize(("root", "reader"), READERS)
def test_external_entity_reading_a_local_file_is_refused(root: str, reader: Reader, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a9c")
    for system in (secret.as_uri(), "file:///etc/passwd"):
        doctype = f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{system}">]>'
        text = f'<?xml version="1.0"?>\n{doctype}\n<{root}><p>&xxe;</p></{root}>'
        with pytest.raises(xmlsafe.XMLRefusedError) as info:
            reader("xxe.xml", text)
        assert str(info.value) == ENTITIES
        assert "TOP-SECRET" not in str(info.value)
        assert "root:" not in str(info.value)


def test_parameter_entity_pulling_a_remote_dtd_is_refused() -> None:
    text = '<!DOCTYPE nitf [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>\n<nitf/>'
    with pytest.raises(xmlsafe.XMLRefusedError, match="entity declarations"):
        nitf.read("x.xml", text)


def test_internal_subset_without_entities_is_refused_too() -> None:
    text = '<!DOCTYPE nitf [<!ATTLIST nitf version CDATA "3.5">]>\n<nitf/>'
    with pytest.raises(xmlsafe.XMLRefusedError, match="internal DTD subset is refused"):
        nitf.read("x.xml", text)


def test_doctype_after_comments_and_processing_instructions_is_still_seen() -> None:
    text = '<?xml version="1.0"?>\n<!-- a -->\n<?pi x?>\n<!DOCTYPE nitf [<!ENTITY a "b">]>\n<nitf>&a;</nitf>'
    with pytest.raises(xmlsafe.XMLRefusedError, match="entity declarations"):
        nitf.read("x.xml", text)


def test_external_dtd_is_never_loaded(tmp_path: Path) -> None:
    # NITF files often name their DTD; it is not fetched, so what it would add never appears.
    dtd = tmp_path / "nitf.dtd"
    dtd.write_text('<!ATTLIST p class CDATA "from-the-dtd">\n<!ENTITY secret "TOP-SECRET-7f3a9c">\n')
    doctype = f'<!DOCTYPE nitf SYSTEM "{dtd.as_uri()}">'
    text = f'<?xml version="1.0"?>\n{doctype}\n<nitf><body><p>Plain text.</p></body></nitf>'
    doc = xmlsafe.parse(text)
    p = next(doc.root.iter("p"))
    assert p.get("class") is None
    assert [b.text for b in nitf.read("x.xml", text).blocks] == ["Plain text."]


def test_network_dtd_is_never_fetched() -> None:
    # Port 9 on the loopback address: a fetch would fail loudly; none is attempted.
    text = (
        '<!DOCTYPE nitf PUBLIC "-//IPTC//DTD NITF 3.5//EN" "http://127.0.0.1:9/nitf-3-5.dtd">\n'
        "<nitf><body><p>Text &amp; more &#169;</p></body></nitf>"
    )
    assert [b.text for b in nitf.read("x.xml", text).blocks] == ["Text & more ©"]


@pytest.mark.parametrize("where", ["<p>&secret;</p>", '<p class="&secret;">x</p>'])
def test_entity_that_only_an_external_dtd_defines_is_refused(where: str, tmp_path: Path) -> None:
    dtd = tmp_path / "nitf.dtd"
    dtd.write_text('<!ENTITY secret "TOP-SECRET-7f3a9c">\n')
    text = f'<!DOCTYPE nitf SYSTEM "{dtd.as_uri()}">\n<nitf><body>\n{where}</body></nitf>'
    with pytest.raises(xmlsafe.XMLRefusedError) as info:
        nitf.read("x.xml", text)
    assert str(info.value) == (
        "XML refers to the entity &secret; at line 3, which only a DTD could define; "
        "DTDs are never loaded, so the file is refused"
    )


def test_undefined_entity_without_a_dtd_is_malformed() -> None:
    with pytest.raises(
        xmlsafe.MalformedXMLError,
        match=r"not well-formed XML at line 2, column \d+: Entity 'nbsp' not defined",
    ):
        nitf.read("x.xml", "<nitf>\n<p>a&nbsp;b</p></nitf>")


def test_truncated_xml_names_the_line() -> None:
    text = (FIXTURES / "wire" / "embargoed-story.nitf.xml").read_text()
    cut = text[: text.index("<p>Traffic")]
    with pytest.raises(xmlsafe.MalformedXMLError, match=r"^not well-formed XML at line 34, column \d+: "):
        nitf.read("x.xml", cut)


@pytest.mark.parametrize("name", ["kato-picture.newsml.xml", "canceled-brief.nitf.xml"])
def test_every_prefix_of_a_wire_file_is_read_or_refused_clearly(name: str) -> None:
    text = (FIXTURES / "wire" / name).read_text()
    reader = nitf.read if ".nitf." in name else newsml.read
    end = text.rstrip().rfind("</")
    for size in range(0, len(text), 7):
        try:
            reader(name, text[:size])
        except ValueError as exc:
            assert str(exc).startswith(("not well-formed XML at line ", "not an NITF", "not a NewsML")), exc
        else:
            assert size > end, size


def test_excessive_nesting_is_malformed_not_a_crash() -> None:
    text = "<nitf>" + "<p>" * 100_000 + "</p>" * 100_000 + "</nitf>"
    with pytest.raises(xmlsafe.MalformedXMLError, match="not well-formed XML at line 1"):
        nitf.read("deep.xml", text)


@PATHOLOGICAL
def test_xmp_in_a_photo_gets_the_same_protection() -> None:
    packet = billion_laughs("x:xmpmeta").encode()
    segment = (
        b"\xff\xe1" + (len(packet) + 31).to_bytes(2, "big") + b"http://ns.adobe.com/xap/1.0/\x00" + packet
    )
    data = b"\xff\xd8" + segment + b"\xff\xda\x00\x02\xff\xd9"
    with pytest.raises(
        iptc.MetadataError, match="malformed XMP: " + ENTITIES.replace("(", r"\(").replace(")", r"\)")
    ):
        image.read_bytes("x.jpg", data)


def test_declared_encoding_of_decoded_text_is_ignored_and_columns_stay() -> None:
    text = '<?xml version="1.0" encoding="ISO-8859-1"?><nitf><body><p>Café</p></body></nitf>'
    block = nitf.read("x.xml", text).blocks[0]
    assert (block.text, block.line, block.column) == ("Café", 1, 59)
    assert text[58:62] == "Café"


def test_positions_through_cdata_comments_and_attributes_holding_angle_brackets() -> None:
    text = '<nitf>\n<body a="x > y">\n<p>One <!-- note --><![CDATA[<two>]]>\n  three</p>\n</body></nitf>'
    doc = xmlsafe.parse(text)
    p = next(doc.root.iter("p"))
    block = doc.block(p)
    assert block is not None
    assert block.text == "One <two> three"
    assert (block.line, block.column) == (3, 4)
    assert block.span(4, 9) == Span(3, 30, 3, 35)
    assert text.split("\n")[2][29:34] == "<two>"
    assert block.span(10, 15) == Span(4, 3, 4, 8)
