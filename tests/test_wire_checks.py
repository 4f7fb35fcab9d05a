"""Wire items end to end: embargo, withdrawal, usage terms, credit mismatch, inventory."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from creditcheck.cli import main
from tests.helpers import FIXTURES, RULES

ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.org:1" version="1"
    standard="NewsML-G2" standardversion="2.29">
  <rightsInfo>
    <copyrightNotice>© 2024 The Associated Press</copyrightNotice>
    <usageTerms>ONE TIME USE ONLY</usageTerms>
  </rightsInfo>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <firstCreated>2024-05-01T12:00:00+00:00</firstCreated>
    <pubStatus qcode="stat:{status}"/>
    <embargoed>{embargo}</embargoed>
  </itemMeta>
  <contentMeta>
    <headline>Council approves budget</headline>
  </contentMeta>
</newsItem>
"""


def check(path: Path, *extra: str) -> list[tuple[str, int]]:
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--rules", str(RULES), *extra, str(path)], catch_exceptions=False
    )
    return [(f["check"], f["line"]) for f in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize(
    ("status", "embargo", "expected"),
    [
        pytest.param("usable", "2024-05-01T13:00:00+00:00", ["embargo"], id="embargo-one-hour-later"),
        pytest.param("usable", "2024-05-01T11:00:00+00:00", [], id="embargo-already-over"),
        pytest.param("canceled", "2024-05-01T11:00:00+00:00", ["withdrawn-content"], id="canceled"),
        pytest.param("withheld", "2024-05-01T11:00:00+00:00", ["withdrawn-content"], id="withheld"),
    ],
)
def test_newsml_item_embargo_and_status(
    tmp_path: Path, status: str, embargo: str, expected: list[str]
) -> None:
    path = tmp_path / "item.xml"
    path.write_text(ITEM.format(status=status, embargo=embargo), encoding="utf-8")
    found = [c for c, _ in check(path)]
    # ONE TIME USE is binding in the example AP rule, and the notice names AP.
    assert sorted(found) == sorted([*expected, "usage-terms"])


def test_inventory_lists_usage_terms_and_creators(tmp_path: Path) -> None:
    path = tmp_path / "item.xml"
    path.write_text(ITEM.format(status="usable", embargo="2024-05-01T11:00:00+00:00"), encoding="utf-8")
    result = CliRunner().invoke(main, ["inventory", "--format", "json", "--rules", str(RULES), str(path)])
    kinds = [(a["kind"], a["text"]) for a in json.loads(result.stdout)["attributions"]]
    assert kinds == [("copyright", "© 2024 The Associated Press"), ("usage-terms", "ONE TIME USE ONLY")]
    photo = FIXTURES / "images" / "reuters-kato.jpg"
    result = CliRunner().invoke(main, ["inventory", "--format", "json", "--rules", str(RULES), str(photo)])
    items = json.loads(result.stdout)["attributions"]
    assert ("photo-credit", "REUTERS/Issei Kato") in [(a["kind"], a["text"]) for a in items]
    assert [a["people"] for a in items if a["kind"] == "creator"] == [["Issei Kato"]]


def test_caption_against_the_embedded_credit(tmp_path: Path) -> None:
    article = (
        "---\ndate: 2021-03-01\n---\n![Tokyo](photo.jpg)\n"
        "Commuters in Tokyo. (Kazuhiro Nogi/AFP via Getty Images)\n"
    )
    (tmp_path / "a.md").write_text(article, encoding="utf-8")
    shutil.copy(FIXTURES / "images" / "reuters-kato.jpg", tmp_path / "photo.jpg")
    assert check(tmp_path / "a.md") == [("credit-mismatch", 5)]
    shutil.copy(FIXTURES / "images" / "afp-getty-nogi.jpg", tmp_path / "photo.jpg")
    assert check(tmp_path / "a.md") == []


def test_a_rights_field_is_a_notice_whatever_its_wording() -> None:
    from tests.helpers import parse

    found = parse("Copyright (Notice) 2017.1 IPTC - www.iptc.org  (ref2017.1)", "copyright")
    assert [(a.kind.value, a.text, a.year, a.span.column) for a in found] == [
        ("copyright", "Copyright (Notice) 2017.1 IPTC - www.iptc.org  (ref2017.1)", 2017, 1)
    ]


def test_one_problem_at_one_place_is_listed_once() -> None:
    # The photo's Credit and Source fields both say REUTERS (each at 1:1 of its field): one finding
    # there; the copyright notice and the caption name Reuters at their own columns.
    result = CliRunner().invoke(
        main,
        ["check", "--format", "json", "--rules", str(RULES), str(FIXTURES / "images" / "reuters-kato.jpg")],
        catch_exceptions=False,
    )
    found = [(f["check"], f["line"], f["column"], f["text"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [
        ("unlicensed-source", 1, 1, "REUTERS"),
        ("unlicensed-source", 1, 8, "Thomson Reuters"),
        ("unlicensed-source", 1, 92, "REUTERS"),
    ]
