"""Text that is not a credit, and roles, licences and collections that are no source (issue 9)."""

from __future__ import annotations

import datetime as dt

import pytest

from creditcheck.model import AttributionKind

from .helpers import findings, parse, scan_text

DAY = dt.date(2024, 5, 3)


def names(text: str, kind: str = "credit") -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (a.text, [(n.text, n.role.value) for n in a.names])
        for a in parse(text, kind)
        if a.kind is AttributionKind.PHOTO_CREDIT
    ]


def page(body: str) -> str:
    return (
        "<!doctype html><html><head><meta name='date' content='2024-05-03'></head><body><article>\n"
        + body
        + "\n</article></body></html>\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "27. September 2018",  # a forum post's date in an "attribution" element
        "Updated March 28, 2022",
        "Reuters13 mins ago",  # a story list: source and time
        "Published 4 months ago",
        "05.09.2024 | 2:03 min",  # a video's date and length
        "fmorales@elespectador.example",
        "@realdonaldtrump",  # an embedded post's account
        "Crowds at the Tokyo/Osaka line on Monday.",  # a caption sentence in a credit element
        "Styling: Kate Phelan",
        "Make-up: Lucy Bridge",
        "Autorin/Autor Roman Goncharenko",
        "CREATIVE DIRECTOR & STYLING",
        "Styling by Ben Sturgill. Grooming by Martin Harper at Platform.",
    ],
)
def test_dates_times_addresses_accounts_and_other_contributors_are_no_credits(text: str) -> None:
    assert names(text) == []


def test_roles_and_licences_name_no_source() -> None:
    assert names("Foto: Privat") == [("Privat", [("Privat", "role")])]
    assert names("FOTO Archivo Particular") == [("Archivo Particular", [("Archivo Particular", "role")])]
    assert names("CONTRIBUTED IMAGE") == [("CONTRIBUTED IMAGE", [("CONTRIBUTED IMAGE", "role")])]
    assert names("Foto: Archivo/Soy502") == [
        ("Archivo/Soy502", [("Archivo", "role"), ("Soy502", "organisation")])
    ]
    assert names("Foto: Matthias Süßen [CC BY-SA 3.0], via Wikimedia Commons", "text") == [
        (
            "Matthias Süßen [CC BY-SA 3.0], via Wikimedia Commons",
            [("Matthias Süßen", "person"), ("CC BY-SA 3.0", "role"), ("Wikimedia Commons", "organisation")],
        )
    ]
    # "e. V." (a registered association) is part of the name, not a name "V".
    assert names("(Siebengebirgsmuseum/Heimatverein Siebengebirge e. V.)") == [
        (
            "Siebengebirgsmuseum/Heimatverein Siebengebirge e. V",
            [("Siebengebirgsmuseum", "organisation"), ("Heimatverein Siebengebirge e. V", "organisation")],
        )
    ]


def test_a_distributors_collections_are_held_under_its_license() -> None:
    assert names("Getty Images/iStockphoto") == [
        ("Getty Images/iStockphoto", [("Getty Images", "organisation"), ("iStockphoto", "collection")])
    ]
    assert names("Bettmann Archive/Getty") == [
        ("Bettmann Archive/Getty", [("Bettmann Archive", "collection"), ("Getty", "organisation")])
    ]
    # Beside a source with no {collection} form, an unknown name stays an unknown source.
    assert names("Jane Doe/Haaretz/AP") == [
        ("Jane Doe/Haaretz/AP", [("Jane Doe", "person"), ("Haaretz", "organisation"), ("AP", "organisation")])
    ]


def test_labels_before_a_credit() -> None:
    assert names("Image copyright Reuters") == [("Reuters", [("Reuters", "organisation")])]
    assert names("Archivfoto: Jane Doe") == [("Jane Doe", [("Jane Doe", "person")])]
    assert names("Text und Fotos: Jane Doe") == [("Jane Doe", [("Jane Doe", "person")])]
    assert names("Gunter Frank / 22.04.2020 / 06:15 / Foto: Jane Doe", "text") == [
        ("Jane Doe", [("Jane Doe", "person")])
    ]


def test_a_notice_ends_before_a_photo_credit_after_a_slash() -> None:
    # Left over from issue 11: the holder ran on into the credit and was unknown.
    found = parse("Copyright 2024 Yonhap News Agency / Photo: Kim Lee", "text")
    assert [(a.kind.value, a.text, a.holder) for a in found] == [
        ("copyright", "Copyright 2024 Yonhap News Agency", "yonhap"),
        ("photo-credit", "Kim Lee", None),
    ]
    assert (
        findings(scan_text("Body.\n\nCopyright 2024 Yonhap News Agency / Photo: Kim Lee\n", "text", DAY))
        == []
    )


def test_a_bracket_before_a_colon_labels_what_follows() -> None:
    assert names("Suzanne Schulting (Niederlande/Short Track): Gold über 1000 m.", "caption") == []


def test_running_text_of_a_web_page_holds_a_credit_only_when_it_says_so() -> None:
    html = page(
        "<p>Body of the wire story.</p><p><em><strong>AFP</strong></em></p>\n"
        "<h3>Trending On Reuters</h3>\n"
        "<table><tr><td>0.098 GB/s</td><td>Verfügbar / available</td></tr></table>\n"
        "<ul><li>1. CVS/caremark</li><li>Clayton Aldern / Grist</li></ul>\n"
        "<p>Jane Doe/AFP</p><p>Photo: Tomer Appelbaum/Haaretz</p>"
    )
    result = scan_text(html, "html", DAY)
    assert [a.text for a in result.attributions] == ["Jane Doe/AFP", "Tomer Appelbaum/Haaretz"]
    # In plain text a caption line is running text too, and a lone agency line is its credit.
    assert [a.text for a in parse("Leaders meet in Tokyo.\nKYODO", "text")] == ["KYODO"]
    assert [a.text for a in parse("Tomer Appelbaum/Haaretz", "text")] == ["Tomer Appelbaum/Haaretz"]


def test_people_written_as_organisations_before() -> None:
    assert names("© Kathrin Führes", "text") == [("Kathrin Führes", [("Kathrin Führes", "person")])]
    assert names("Airman 1st Class Ariel Leighty") == [
        ("Airman 1st Class Ariel Leighty", [("Airman 1st Class Ariel Leighty", "person")])
    ]
    assert names("Kauer/DJV") == [("Kauer/DJV", [("Kauer", "person"), ("DJV", "organisation")])]
    assert names("Foto: BBKurt [CC BY-SA 3.0], via Wikimedia Commons", "text") == [
        (
            "BBKurt [CC BY-SA 3.0], via Wikimedia Commons",
            [("BBKurt", "person"), ("CC BY-SA 3.0", "role"), ("Wikimedia Commons", "organisation")],
        )
    ]
    # "Von" is the German "by"; an address names nobody.
    assert names(
        "Monorail. Foto: Von Joschi71, CC BY-SA 3.0, https://commons.example/w/x?id=1", "caption"
    ) == [
        (
            "Joschi71, CC BY-SA 3.0, https://commons.example/w/x?id=1",
            [("Joschi71", "person"), ("CC BY-SA 3.0", "role")],
        )
    ]
    assert names("Left Image: National Oceanic and Atmospheric Administration, Right Image: Jo Roe") == [
        (
            "National Oceanic and Atmospheric Administration",
            [("National Oceanic and Atmospheric Administration", "organisation")],
        ),
        ("Jo Roe", [("Jo Roe", "person")]),
    ]


def test_a_credit_ends_before_its_terms_of_use_and_a_translation_is_no_credit() -> None:
    assert names("© SWR/Hugo Jehle, honorarfrei - Verwendung gemäß der AGB im engen Zusammenhang") == [
        ("SWR/Hugo Jehle", [("SWR", "organisation"), ("Hugo Jehle", "person")])
    ]
    assert names("Übersetzt ins (en) von Flavia Minaya") == []


def test_credits_closing_a_caption() -> None:
    assert names("Delegates meet. (FUENTE EXTERNA)", "caption") == [
        ("FUENTE EXTERNA", [("FUENTE EXTERNA", "role")])
    ]
    assert names("気象庁で開かれた評価検討会＝１３日（代表撮影）", "caption") == [
        ("代表撮影", [("代表撮影", "role")])
    ]
    assert names("日本代表の石川（Ｃ）共同通信社 この記事の画像を見る(2枚)", "caption") == [
        ("共同通信社", [("共同通信社", "organisation")])
    ]
    assert names(
        "Two residents were arrested. (U.S. District Court, Eastern District of New York)", "caption"
    ) == [
        (
            "U.S. District Court, Eastern District of New York",
            [("U.S. District Court", "organisation"), ("Eastern District of New York", "organisation")],
        )
    ]
    # Under a picture a dated mark before agencies is the picture's credit, not a story's notice.
    assert names("© 2012 APA/AP", "caption") == [
        ("APA/AP", [("APA", "organisation"), ("AP", "organisation")])
    ]
    assert names("© Heimat- und Museumsverein Königs Wusterhausen 1990 e.V.", "caption") == [
        (
            "Heimat- und Museumsverein Königs Wusterhausen 1990 e.V",
            [("Heimat- und Museumsverein Königs Wusterhausen 1990 e.V", "organisation")],
        )
    ]
    assert names("Demut hinter Masken Foto: Adobe Stock", "caption") == [
        ("Adobe Stock", [("Adobe Stock", "organisation")])
    ]
    assert names("El alcalde en la alcaldía FOTO Archivo Particular", "caption") == [
        ("Archivo Particular", [("Archivo Particular", "role")])
    ]


def test_an_institution_named_by_a_compound_closes_a_caption() -> None:
    assert names(
        "Holzfloß bei Bonn, 1796 (Siebengebirgsmuseum/Heimatverein Siebengebirge e. V.).", "caption"
    ) == [
        (
            "Siebengebirgsmuseum/Heimatverein Siebengebirge e. V",
            [("Siebengebirgsmuseum", "organisation"), ("Heimatverein Siebengebirge e. V", "organisation")],
        )
    ]


def test_a_posts_topic_class_names_no_credit_element() -> None:
    # WordPress puts a post's tags on its <article>: "tag-creditshelf" is a topic, not a credit.
    html = (
        "<!doctype html><html><head><meta name='date' content='2024-05-03'></head><body>\n"
        "<article class='post type-post tag-creditshelf category-fintech'><div class='entry-content'>"
        "<p>Creditshelf plans an acquisition.</p>\n<ul class='buttons'><li><a href='/feed/'>"
        "<span class='btn-text'>RSS-feed</span></a></li><li><a href='mailto:?body=x'>"
        "<span class='btn-text'>E-Mail</span></a></li></ul>\n"
        "<figure><img src='a.jpg'><figcaption><span class='credit'>Foto: Anna Lutz/Creditshelf"
        "</span></figcaption></figure></div></article></body></html>\n"
    )
    result = scan_text(html, "html", dt.date(2024, 5, 3))
    assert [(a.text, a.span.line, a.image) for a in result.attributions] == [("Anna Lutz/Creditshelf", 4, 0)]
    assert findings(result) == [("unknown-source", 4, html.splitlines()[3].index("Creditshelf") + 1, None)]


def test_a_stock_contributors_web_address_is_the_contributor_not_a_source() -> None:
    # Adobe Stock's credit form "© contributor - stock.adobe.com": the contributor often sells
    # under a web address; the library is the source.
    assert names("©BillionPhotos.com - stock.adobe.com") == [
        (
            "BillionPhotos.com - stock.adobe.com",
            [("BillionPhotos.com", "person"), ("stock.adobe.com", "organisation")],
        )
    ]
    # A known source stays a source, a library alone stays the library.
    assert names("Foto: Reuters.com/Shutterstock") == [
        ("Reuters.com/Shutterstock", [("Reuters.com", "organisation"), ("Shutterstock", "organisation")])
    ]


def test_a_symbol_graphics_label_before_a_mark_makes_a_credit_not_a_notice() -> None:
    # "Symbolgrafik:© NAME - stock.adobe.com" under a story credits its picture.
    found = parse("Der Antrag wurde abgelehnt. Symbolgrafik:© Butch - stock.adobe.com", "text")
    assert [(a.kind.value, a.text, [(n.text, n.role.value) for n in a.names]) for a in found] == [
        (
            "photo-credit",
            "Butch - stock.adobe.com",
            [("Butch", "person"), ("stock.adobe.com", "organisation")],
        )
    ]
