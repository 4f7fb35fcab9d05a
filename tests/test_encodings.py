"""Damaged and foreign encodings: stray bytes read as browsers read them, declared charsets honoured."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from creditcheck.cli import main
from creditcheck.decode import UndecodableError, decode
from tests.helpers import RULES

# A German page declared UTF-8 (umlauts in UTF-8) with one latin-1 "ü" pasted into a CSS comment,
# as content management systems leave them.
_DAMAGED = (
    '<!DOCTYPE html>\n<html lang="de"><head><meta charset="UTF-8">\n'
    "<style>/* Schriftgr\xfc\xdfe */ body {}</style></head>\n"
    "<body><article><h1>Gr\u00fc\u00dfe aus M\u00fcnchen</h1>\n"
    "<p>\u00dcber die Stra\u00dfe gehen M\u00e4dchen und Jungen, sch\u00f6n und gr\u00fcn.</p>\n"
    "<p>F\u00fcnf B\u00e4ume, \u00e4hnlich gro\u00df, bl\u00fchen s\u00fc\u00df.</p>\n"
    "<p>Die Gr\u00fcnfl\u00e4chen f\u00fcr K\u00fche und Sch\u00e4fer m\u00fcssen "
    "gr\u00f6\u00dfer werden.</p>\n"
    "</article></body></html>\n"
)


def _damaged_bytes() -> bytes:
    # The style line's two latin-1 bytes; everything else is UTF-8.
    head, rest = _DAMAGED.split("Schriftgr", 1)
    stray, tail = rest[:2], rest[2:]
    return head.encode("utf-8") + b"Schriftgr" + stray.encode("latin-1") + tail.encode("utf-8")


def test_a_utf8_page_with_a_few_latin1_bytes_is_read_with_replacement_characters() -> None:
    data = _damaged_bytes()
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.repaired
    assert "Schriftgr\ufffd\ufffde" in decoded.text
    # One character for each bad byte: columns after it are still the file's.
    start = decoded.text.index("Schriftgr") + len("Schriftgr")
    assert decoded.repairs == ((start, 0xFC), (start + 1, 0xDF))
    assert "Gr\u00fc\u00dfe aus M\u00fcnchen" in decoded.text
    assert decoded.encode(decoded.text) == data


def test_text_that_lost_a_replacement_character_cannot_be_encoded_back() -> None:
    decoded = decode(_damaged_bytes())
    changed = decoded.text.replace("\ufffd", "", 1)
    assert not decoded.keeps_repairs(changed)
    with pytest.raises(ValueError, match="unreadable byte"):
        decoded.encode(changed)
    # A change elsewhere keeps every unreadable byte in its place.
    edited = decoded.text.replace("Jungen", "Buben")
    assert decoded.encode(edited) == _damaged_bytes().replace(b"Jungen", b"Buben")


def test_many_bad_bytes_are_still_refused_with_the_first_place() -> None:
    data = ("\u00e4\u00f6\u00fc " * 5).encode("utf-8") + b"\xff\xfe\xfd " * 4
    with pytest.raises(UndecodableError, match=r"invalid UTF-8: byte 0xff at line 1, column 21"):
        decode(data)


def test_binary_data_is_still_refused() -> None:
    with pytest.raises(UndecodableError, match="binary"):
        decode(bytes(range(256)) * 8)


@pytest.mark.parametrize(
    ("declaration", "codec", "text", "encoding"),
    [
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">',
            "cp1250",
            "Unijne fundusze coraz bli\u017cej. Sejm zag\u0142osowa\u0142",
            "cp1250",
        ),
        ('<meta charset="gb2312">', "gb2312", "\u65b0\u534e\u7f51\u6cb3\u5317\u9891\u9053", "gb18030"),
        (
            '<meta charset="Shift_JIS">',
            "shift_jis",
            "\u5171\u540c\u901a\u4fe1\u793e\u3000\u64ae\u5f71",
            "cp932",
        ),
        ('<meta charset="EUC-KR">', "euc-kr", "\ub274\uc2a41 \uc0ac\uc9c4", "cp949"),
        (
            '<?xml version="1.0" encoding="ISO-8859-2"?>',
            "iso-8859-2",
            "Zag\u0142osowa\u0142 \u017b",
            "iso8859-2",
        ),
    ],
)
def test_a_declared_charset_is_honoured(declaration: str, codec: str, text: str, encoding: str) -> None:
    page = f"{declaration}\n<html><head><title>x</title></head><body><p>{text}</p></body></html>\n"
    data = page.encode(codec)
    decoded = decode(data)
    assert (decoded.encoding, decoded.text, decoded.repaired) == (encoding, page, False)
    assert decoded.encode(decoded.text) == data


def test_a_web_archive_declaration_before_the_page_own_does_not_hide_it() -> None:
    # A saved archive copy: the archive's toolbar says UTF-8, the page itself GB2312.
    page = (
        '<html><head><meta charset="utf-8"><title>archive</title>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
        "</head><body><p>\u65b0\u534e\u7f51 (2012-06-04 09:20:26)</p></body></html>\n"
    )
    decoded = decode(page.encode("gb2312"))
    assert (decoded.encoding, decoded.text) == ("gb18030", page)


@pytest.mark.parametrize("label", ["uu", "rot13", "unicode_escape", "idna", "hex", "undefined", "utf-16"])
def test_a_label_naming_a_transform_not_a_charset_is_ignored(label: str) -> None:
    # Python's codec registry holds transforms that are no page encoding; a label naming one
    # (found by the fuzz harness as `encoding="UU…"`) is read like an unknown label.
    def page(name: str) -> bytes:
        return f'<?xml version="1.0" encoding="{name}"?>\n<p>\u00a9 2024 Wire</p>\n'.encode() + b"\x80"

    decoded, unknown = decode(page(label)), decode(page("x-no-such-charset"))
    assert (decoded.encoding, decoded.repaired) == (unknown.encoding, unknown.repaired) == ("cp1252", False)
    assert decoded.text == unknown.text.replace("x-no-such-charset", label)


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    page = '<meta charset="iso-8859-1"><p>Gr\u00fc\u00dfe</p>\n'
    assert decode(page.encode("utf-8")).encoding == "utf-8"


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--rules", str(RULES), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_a_damaged_page_is_checked_and_fixed_without_touching_its_stray_bytes(tmp_path: Path) -> None:
    credit = "Brendan Smialowski/AFP/Getty Images/TNS"
    page = _DAMAGED.replace(
        "</article>",
        '<meta name="date" content="2020-01-14"><figure><img src="talks.jpg">'
        f"<figcaption>Talks resume. ({credit})</figcaption></figure></article>",
    )
    head, rest = page.split("Schriftgr", 1)
    data = head.encode() + b"Schriftgr\xfc\xdf" + rest[2:].encode()
    path = tmp_path / "page.html"
    path.write_bytes(data)
    _, out, _ = _check("--format", "json", str(path))
    assert "unreadable-file" not in out
    assert '"deprecated-credit"' in out
    _, _, err = _check("--fix", str(path))
    assert err == "creditcheck: fixed 1 problem in 1 file\n"
    assert path.read_bytes() == data.replace(credit.encode(), b"Brendan Smialowski/AFP via Getty Images/TNS")


def test_a_declared_page_with_a_stray_byte_is_read_in_its_charset_and_given_back() -> None:
    page = '<meta charset="gb2312"><p>' + "\u65b0\u534e\u7f51\u6cb3\u5317\u9891\u9053" * 5 + "</p>\n"
    data = page.encode("gb2312")
    damaged = data[:-5] + b"\xff" + data[-5:]  # a stray byte before the closing "</p>\n"
    decoded = decode(damaged)
    assert (decoded.encoding, decoded.repairs) == ("gb18030", ((len(page) - 5, 0xFF),))
    assert decoded.text == page[:-5] + "\ufffd" + page[-5:]
    assert decoded.encode(decoded.text) == damaged
