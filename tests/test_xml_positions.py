"""XML text traced to the file a piece at a time gives the blocks the character-by-character path gives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creditcheck.model import Block, BlockKind
from creditcheck.readers import xmlsafe

PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text as wire files write it: words, every kind of white space and line break, references
# (some to white space), and markup that splits an element's text into runs.
_TEXT_PARTS = [
    "AP Photo/Jane Doe",
    "©",
    "a",
    "Word",
    " ",
    "  ",
    " \t ",
    "\n",
    "\r\n",
    "\r",
    "\n  ",
    "\u00a0",
    "\u2028",
    "\x85",
    "&amp;",
    "&lt;",
    "&#169;",
    "&#xA9;",
    "&#32;",
    "&#10;",
    "&#13;",
    "&#160;",
    "&#x2003;",
    "<b>bold</b>",
    "<b> </b>",
    "<i/>",
    "<!-- note -->",
    "<![CDATA[ raw <b> & \n text ]]>",
    "<?pi x?>",
]
_texts = st.lists(st.sampled_from(_TEXT_PARTS), max_size=14).map("".join)
_attrs = st.lists(st.sampled_from([p for p in _TEXT_PARTS if not p.startswith("<")]), max_size=8).map("".join)


def _by_chars(
    doc: xmlsafe.XMLDocument, el: object, direct: bool = False, kind: BlockKind = BlockKind.CAPTION
) -> Block | None:
    text, offsets = xmlsafe.collapse(doc.chars(el, direct))  # type: ignore[arg-type]
    return doc.lines.block(text, offsets, kind, 2 if kind is BlockKind.CAPTION else None)


@PROPERTY
@given(_texts, _texts, _attrs, st.sampled_from(["", "\n", "\r\n  "]))
def test_element_blocks_match_the_character_path(head: str, tail: str, attr: str, gap: str) -> None:
    source = (
        f'<?xml version="1.0"?>{gap}<root>{gap}<p note="{attr}">{head}<q>{tail}</q>{head}</p>{gap}</root>'
    )
    doc = xmlsafe.parse(source)
    for el in [e for e in doc.root.iter() if isinstance(e.tag, str)]:
        for direct in (False, True):
            pieces = doc.pieces(el, direct)
            assert pieces is not None
            assert doc.block(el, BlockKind.CAPTION, 2, direct) == _by_chars(doc, el, direct)
            assert doc.text_of(el, direct) == xmlsafe.collapse(doc.chars(el, direct))[0]
            lines = [
                [(ch, off) for text, start in line for off, ch in enumerate(text, start)]
                for line in xmlsafe.lines_of(pieces)
            ]
            assert lines == _lines_by_chars(doc.chars(el, direct))
    p = doc.root[0]
    chars = list(xmlsafe.decode_refs(attr, source.index(f'note="{attr}"') + 6))
    text, offsets = xmlsafe.collapse(chars)
    assert doc.attr_block(p, "note", BlockKind.CREDIT) == doc.lines.block(text, offsets, BlockKind.CREDIT)


def _lines_by_chars(chars: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    lines: list[list[tuple[str, int]]] = [[]]
    for ch, off in chars:
        if ch in "\r\n":
            lines.append([])
        else:
            lines[-1].append((ch, off))
    return lines


def test_a_text_past_the_cap_keeps_the_character_path() -> None:
    words = "word " * (xmlsafe.MAX_BLOCK // 8)
    doc = xmlsafe.parse(f"<root><p>{words}<b>AP Photo</b> {words}</p></root>")
    p = doc.root[0]
    assert doc.pieces(p) is None
    block = doc.block(p)
    assert block is not None
    assert len(block.text) < len(words) * 2  # cut to its two ends, as it always was
    assert block == _by_chars(doc, p, kind=BlockKind.TEXT)
