"""Real credit lines and notices as newsrooms publish them, and prose that only mentions agencies.

Every string below is quoted from public pages and wire feeds (see the project's real-world
material: credit_lines.tsv and copyright_lines.tsv, collected from the test fixtures of article
extractors and wire-feed parsers). Each case asserts the whole parse of one block: every
attribution found, in order, with its kind, text, people, sources (rule ids) and unknown
organisations, or for a notice its year and holder.
"""

from __future__ import annotations

import pytest

from creditcheck.model import Attribution, AttributionKind
from tests.helpers import parse

Summary = tuple[object, ...]


def credit(
    text: str,
    people: list[str] | None = None,
    sources: list[str] | None = None,
    unknown: list[str] | None = None,
) -> Summary:
    return ("photo-credit", text, people or [], sources or [], unknown or [])


def notice(text: str, year: int | None, holder: str | None) -> Summary:
    return ("copyright", text, year, holder)


def summary(a: Attribution) -> Summary:
    if a.kind is AttributionKind.PHOTO_CREDIT:
        return ("photo-credit", a.text, a.people, a.sources, a.unknown)
    return ("copyright", a.text, a.year, a.holder)


CREDITS = [
    # The Associated Press
    pytest.param(
        "(AP Photo/Matt Rourke, File)",
        "text",
        [credit("AP Photo/Matt Rourke, File", ["Matt Rourke"], ["ap"])],
        id="ap-photo-file",
    ),
    pytest.param(
        "(AP Photo/Eugene Hoshiko)",
        "text",
        [credit("AP Photo/Eugene Hoshiko", ["Eugene Hoshiko"], ["ap"])],
        id="ap-photo",
    ),
    pytest.param(
        "AP Photo/Uncredited", "text", [credit("AP Photo/Uncredited", [], ["ap"])], id="ap-uncredited-role"
    ),
    pytest.param(
        "Patrick Semansky/AP Photo",
        "text",
        [credit("Patrick Semansky/AP Photo", ["Patrick Semansky"], ["ap"])],
        id="ap-photo-last",
    ),
    pytest.param(
        "Rich Pedroncelli/Associated Press",
        "text",
        [credit("Rich Pedroncelli/Associated Press", ["Rich Pedroncelli"], ["ap"])],
        id="associated-press-spelled-out",
    ),
    pytest.param(
        "(File 2013/The Associated Press)",
        "text",
        [credit("File 2013/The Associated Press", [], ["ap"])],
        id="ap-file-with-year",
    ),
    pytest.param(
        "(Photo by Matt Sayles/Invision/AP, File)",
        "text",
        [credit("Matt Sayles/Invision/AP, File", ["Matt Sayles"], ["ap"], ["Invision"])],
        id="invision-ap-file",
    ),
    pytest.param(
        "Photo: John Locher, AP",
        "credit",
        [credit("John Locher, AP", ["John Locher"], ["ap"])],
        id="ap-comma-joined",
    ),
    pytest.param(
        "Al Goldis, Associated Press",
        "credit",
        [credit("Al Goldis, Associated Press", ["Al Goldis"], ["ap"])],
        id="ap-comma-credit-element",
    ),
    pytest.param("ＡＰ", "credit", [credit("ＡＰ", [], ["ap"])], id="ap-full-width"),
    pytest.param(
        "(Photos by Richard Shotwell, left, and Mark Von Holden/Invision/AP)",
        "text",
        [
            credit(
                "Richard Shotwell, left, and Mark Von Holden/Invision/AP",
                ["Richard Shotwell", "Mark Von Holden"],
                ["ap"],
                ["Invision"],
            )
        ],
        id="two-photographers-position-role",
    ),
    pytest.param(
        "A flag flies over a refinery complex in Carson, California. (AP Photo/Damian Dovarganes)",
        "text",
        [credit("AP Photo/Damian Dovarganes", ["Damian Dovarganes"], ["ap"])],
        id="caption-then-ap-bracket",
    ),
    # Kyodo and Yonhap
    pytest.param(
        "(Kyodo News via AP)",
        "text",
        [credit("Kyodo News via AP", [], ["ap"], ["Kyodo News"])],
        id="kyodo-via-ap",
    ),
    pytest.param(
        "Takehito Kobayashi / The Yomiuri Shimbun via AP",
        "text",
        [
            credit(
                "Takehito Kobayashi / The Yomiuri Shimbun via AP",
                ["Takehito Kobayashi"],
                ["ap"],
                ["The Yomiuri Shimbun"],
            )
        ],
        id="yomiuri-via-ap",
    ),
    pytest.param("KYODO", "text", [credit("KYODO", [], [], ["KYODO"])], id="kyodo-alone"),
    pytest.param(
        "A drugstore in Tokyo runs low on masks in early February. | KYODO",
        "text",
        [credit("KYODO", [], [], ["KYODO"])],
        id="caption-bar-kyodo",
    ),
    pytest.param(
        "Photo : YONHAP News",
        "text",
        [credit("YONHAP News", [], ["yonhap"])],
        id="yonhap-news-prefix-space-colon",
    ),
    pytest.param("(Yonhap)", "text", [credit("Yonhap", [], ["yonhap"])], id="yonhap-bracket"),
    pytest.param(
        "Photo: Presidential Blue House / Yonhap via Reuters",
        "text",
        [
            credit(
                "Presidential Blue House / Yonhap via Reuters",
                [],
                ["yonhap", "reuters"],
                ["Presidential Blue House"],
            )
        ],
        id="handout-yonhap-via-reuters",
    ),
    # Reuters
    pytest.param(
        "REUTERS/Denis Balibouse",
        "text",
        [credit("REUTERS/Denis Balibouse", ["Denis Balibouse"], ["reuters"])],
        id="reuters",
    ),
    pytest.param(
        "Tapie en 2008. REUTERS/Benoit Tessier",
        "text",
        [credit("REUTERS/Benoit Tessier", ["Benoit Tessier"], ["reuters"])],
        id="caption-sentence-then-reuters",
    ),
    pytest.param(
        "A Lyft Scooter is parked in Washington, U.S., March 29, 2019. REUTERS/Brendan McDermid",
        "text",
        [credit("REUTERS/Brendan McDermid", ["Brendan McDermid"], ["reuters"])],
        id="caption-with-abbreviation-then-reuters",
    ),
    pytest.param(
        "REUTERS/Krishnendu Halder/File",
        "text",
        [credit("REUTERS/Krishnendu Halder/File", ["Krishnendu Halder"], ["reuters"])],
        id="reuters-slash-file",
    ),
    pytest.param(
        "REUTERS/Brendan McDermid/File Photo",
        "text",
        [credit("REUTERS/Brendan McDermid/File Photo", ["Brendan McDermid"], ["reuters"])],
        id="reuters-file-photo",
    ),
    pytest.param(
        "Mike Blake/Reuters files",
        "text",
        [credit("Mike Blake/Reuters files", ["Mike Blake"], ["reuters"])],
        id="reuters-files",
    ),
    pytest.param(
        "REUTERS/Mike Segar TPX IMAGES OF THE DAY",
        "text",
        [credit("REUTERS/Mike Segar TPX IMAGES OF THE DAY", ["Mike Segar"], ["reuters"])],
        id="reuters-tpx-tag",
    ),
    pytest.param(
        "REUTERS/Ricardo Moraes ORG XMIT",
        "text",
        [credit("REUTERS/Ricardo Moraes", ["Ricardo Moraes"], ["reuters"])],
        id="reuters-org-xmit-dropped",
    ),
    pytest.param(
        "REUTERS/Marko Djurica (KENYA - Tags: POLITICS ELECTIONS)",
        "text",
        [credit("REUTERS/Marko Djurica", ["Marko Djurica"], ["reuters"])],
        id="reuters-tags-dropped",
    ),
    pytest.param(
        "(Foto: Natacha Pisarenko/Pool via REUTERS)",
        "text",
        [credit("Natacha Pisarenko/Pool via REUTERS", ["Natacha Pisarenko"], ["reuters"])],
        id="pool-via-reuters",
    ),
    pytest.param(
        "REUTERS/SANA/Handout via Reuters",
        "text",
        # SANA handed the picture out: its giver, not an unknown source (role handout).
        [credit("REUTERS/SANA/Handout via Reuters", [], ["reuters"])],
        id="reuters-handout",
    ),
    pytest.param(
        "Mandatory credit Kyodo/via REUTERS ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY "
        "A THIRD PARTY. EDITORIAL USE ONLY. MANDATORY CREDIT. JAPAN OUT.",
        "credit",
        [credit("Kyodo/via REUTERS", [], ["reuters"], ["Kyodo"])],
        id="reuters-mandatory-credit-editors-note",
    ),
    pytest.param(
        "Stefan Rousseau/via Reuters",
        "text",
        [credit("Stefan Rousseau/via Reuters", ["Stefan Rousseau"], ["reuters"])],
        id="slash-via",
    ),
    # AFP and Getty Images
    pytest.param(
        "(Photo by LAKRUWAN WANNIARACHCHI/AFP via Getty Images)",
        "text",
        [
            credit(
                "LAKRUWAN WANNIARACHCHI/AFP via Getty Images",
                ["LAKRUWAN WANNIARACHCHI"],
                ["afp", "getty-images"],
            )
        ],
        id="afp-via-getty",
    ),
    pytest.param(
        "(Photo credit should read JIM WATSON/AFP/Getty Images)",
        "text",
        [credit("JIM WATSON/AFP/Getty Images", ["JIM WATSON"], ["afp", "getty-images"])],
        id="photo-credit-should-read",
    ),
    pytest.param(
        "Photograph: Paul Ellis/AFP/Getty",
        "text",
        [credit("Paul Ellis/AFP/Getty", ["Paul Ellis"], ["afp", "getty-images"])],
        id="photograph-prefix",
    ),
    pytest.param(
        "(Photo by SAUL LOEB / POOL / AFP)",
        "text",
        [credit("SAUL LOEB / POOL / AFP", ["SAUL LOEB"], ["afp"])],
        id="afp-pool",
    ),
    pytest.param(
        "STR/AFP via Getty Images",
        "text",
        [credit("STR/AFP via Getty Images", [], ["afp", "getty-images"])],
        id="afp-stringer",
    ),
    pytest.param("HANDOUT / AFP", "text", [credit("HANDOUT / AFP", [], ["afp"])], id="afp-handout"),
    pytest.param(
        "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO",
        "text",
        [credit("AFP / MARCO BERTORELLO", ["MARCO BERTORELLO"], ["afp"])],
        id="german-caption-copyright-mark-afp",
    ),
    pytest.param(
        "Die neue AfD-Fraktion im Bundestag© Odd Andersen /AFP",
        "text",
        [credit("Odd Andersen /AFP", ["Odd Andersen"], ["afp"])],
        id="mark-glued-to-caption",
    ),
    pytest.param(
        "(AFP Photo/Mandel Ngan)",
        "text",
        [credit("AFP Photo/Mandel Ngan", ["Mandel Ngan"], ["afp"])],
        id="afp-photo",
    ),
    pytest.param(
        "Ashraf Shazly/Agence France-Presse — Getty Images",
        "text",
        [
            credit(
                "Ashraf Shazly/Agence France-Presse — Getty Images",
                ["Ashraf Shazly"],
                ["afp", "getty-images"],
            )
        ],
        id="agence-france-presse-em-dash",
    ),
    pytest.param(
        "Anthony Wallace / AFP - Getty Images",
        "text",
        [credit("Anthony Wallace / AFP - Getty Images", ["Anthony Wallace"], ["afp", "getty-images"])],
        id="afp-spaced-hyphen-getty",
    ),
    pytest.param("AFP - Jiji", "text", [credit("AFP - Jiji", [], ["afp"], ["Jiji"])], id="afp-jiji"),
    pytest.param(
        "Foto: APA / AFP / POOL / Kay Nietfeld",
        "text",
        [credit("APA / AFP / POOL / Kay Nietfeld", ["Kay Nietfeld"], ["afp"], ["APA"])],
        id="foto-apa-afp-pool",
    ),
    pytest.param(
        "(Photo by Christopher Furlong/Getty Images)",
        "text",
        [credit("Christopher Furlong/Getty Images", ["Christopher Furlong"], ["getty-images"])],
        id="getty",
    ),
    pytest.param(
        "Photographer: Sebastian Widmann/Getty Images Europe",
        "text",
        [credit("Sebastian Widmann/Getty Images Europe", ["Sebastian Widmann"], ["getty-images"])],
        id="photographer-prefix-getty-europe",
    ),
    pytest.param("Getty Image", "text", [credit("Getty Image", [], ["getty-images"])], id="typo-getty-image"),
    pytest.param(
        "© Gettyimages/romrodinka",
        "text",
        [credit("Gettyimages/romrodinka", ["romrodinka"], ["getty-images"])],
        id="typo-gettyimages-contributor",
    ),
    pytest.param(
        "Kristy Sparow/Stringer/Getty Images",
        "text",
        [credit("Kristy Sparow/Stringer/Getty Images", ["Kristy Sparow"], ["getty-images"])],
        id="getty-stringer",
    ),
    pytest.param(
        "(Photo by Toby Melville/Pool/Getty Images)",
        "text",
        [credit("Toby Melville/Pool/Getty Images", ["Toby Melville"], ["getty-images"])],
        id="getty-pool",
    ),
    pytest.param(
        "(Photo by Jesse Grant/Getty Images for NAMM)",
        "text",
        [credit("Jesse Grant/Getty Images for NAMM", ["Jesse Grant"], ["getty-images"])],
        id="getty-for-client",
    ),
    pytest.param(
        "Photo: Tom Brenner for The Washington Post via Getty Images",
        "text",
        [credit("Tom Brenner for The Washington Post via Getty Images", ["Tom Brenner"], ["getty-images"])],
        id="for-client-via-getty",
    ),
    pytest.param(
        "Steven Puetzer | The Image Bank | Getty Images",
        "text",
        [
            credit(
                "Steven Puetzer | The Image Bank | Getty Images",
                ["Steven Puetzer"],
                ["getty-images"],
                [],  # The Image Bank: a Getty collection, held under Getty's license
            )
        ],
        id="bar-separated-credit",
    ),
    pytest.param(
        "Young couple in kitchen - Stephen Zeigler/Taxi/Getty Images",
        "text",
        # Taxi is a Getty collection: held under Getty's license, no unknown source.
        [credit("Stephen Zeigler/Taxi/Getty Images", ["Stephen Zeigler"], ["getty-images"])],
        id="caption-dash-getty-collection",
    ),
    pytest.param(
        "David McNew—Getty Images",
        "text",
        [credit("David McNew—Getty Images", ["David McNew"], ["getty-images"])],
        id="em-dash-without-spaces",
    ),
    pytest.param(
        "Rep. Mark Meadows. | Alex Wong/Getty Images",
        "text",
        [credit("Alex Wong/Getty Images", ["Alex Wong"], ["getty-images"])],
        id="caption-bar-getty",
    ),
    pytest.param(
        "Union Station, Chicago, 1960. Photo: Bettmann Archive/Getty",
        "text",
        [credit("Bettmann Archive/Getty", [], ["getty-images"])],  # a Getty collection
        id="caption-then-photo-prefix",
    ),
    pytest.param(
        "Eileen Gu, Freestylerin. © GETTY IMAGES NORTH AMERICA / MADDIE MEYER",
        "text",
        [credit("GETTY IMAGES NORTH AMERICA / MADDIE MEYER", ["MADDIE MEYER"], ["getty-images"])],
        id="getty-regional-qualifier",
    ),
    # Tribune News Service
    pytest.param(
        "Paul Moseley/Fort Worth Star-Telegram/TNS via Getty Images",
        "text",
        [
            credit(
                "Paul Moseley/Fort Worth Star-Telegram/TNS via Getty Images",
                ["Paul Moseley"],
                ["tns", "getty-images"],
                ["Fort Worth Star-Telegram"],
            )
        ],
        id="tns-via-getty",
    ),
    pytest.param(
        "(Erin Hooley/Chicago Tribune/Tribune News Service via Getty Images)",
        "text",
        [
            credit(
                "Erin Hooley/Chicago Tribune/Tribune News Service via Getty Images",
                ["Erin Hooley"],
                ["chicago-tribune", "tns", "getty-images"],
            )
        ],
        id="chicago-tribune-tns-getty",
    ),
    pytest.param(
        "(Ellen M. Banner/The Seattle Times/TNS)",
        "text",
        [
            credit(
                "Ellen M. Banner/The Seattle Times/TNS", ["Ellen M. Banner"], ["tns"], ["The Seattle Times"]
            )
        ],
        id="tns-initial-in-name",
    ),
    pytest.param(
        "(Lisa Benson/Tribune Content Agency)",
        "text",
        [credit("Lisa Benson/Tribune Content Agency", ["Lisa Benson"], ["tns"])],
        id="tribune-content-agency",
    ),
    pytest.param(
        "Harry Walker, MCT, Tribune News Service via Getty Images",
        "text",
        [
            credit(
                "Harry Walker, MCT, Tribune News Service via Getty Images",
                ["Harry Walker"],
                ["tns", "getty-images"],
                ["MCT"],
            )
        ],
        id="tns-comma-joined",
    ),
    pytest.param(
        "— Brian Cassella, Chicago Tribune, May 20, 2012",
        "credit",
        [credit("Brian Cassella, Chicago Tribune", ["Brian Cassella"], ["chicago-tribune"])],
        id="chicago-tribune-date-dropped",
    ),
    # EPA-EFE
    pytest.param(
        "© JIM LO SCALZO/EPA-EFE/Shutterstock",
        "text",
        [credit("JIM LO SCALZO/EPA-EFE/Shutterstock", ["JIM LO SCALZO"], ["epa-efe"], ["Shutterstock"])],
        id="epa-efe-shutterstock",
    ),
    pytest.param(
        "MohammedBadra-EPA-EFE/Shutterstock",
        "text",
        [credit("MohammedBadra-EPA-EFE/Shutterstock", ["MohammedBadra"], ["epa-efe"], ["Shutterstock"])],
        id="epa-efe-hyphen-joined",
    ),
    pytest.param(
        "EPA-EFE/STRINGER", "text", [credit("EPA-EFE/STRINGER", [], ["epa-efe"])], id="epa-efe-stringer"
    ),
    pytest.param(
        "Bildquelle: CLEMENS BILAN/EPA-EFE/Shuttersto",
        "text",
        [credit("CLEMENS BILAN/EPA-EFE/Shuttersto", ["CLEMENS BILAN"], ["epa-efe"], ["Shuttersto"])],
        id="bildquelle-truncated-shutterstock",
    ),
    pytest.param(
        "Etienne Laurent/EPA vía Shutterstock",
        "text",
        [credit("Etienne Laurent/EPA vía Shutterstock", ["Etienne Laurent"], ["epa-efe"], ["Shutterstock"])],
        id="epa-spanish-via",
    ),
    pytest.param(
        "(Bild: Vickie Flores / EPA)",
        "text",
        [credit("Vickie Flores / EPA", ["Vickie Flores"], ["epa-efe"])],
        id="bild-epa",
    ),
    pytest.param(
        "IMAGE SOURCE,EPA-EFE/REX/SHUTTERSTOCK",
        "text",
        [credit("EPA-EFE/REX/SHUTTERSTOCK", [], ["epa-efe"], ["REX", "SHUTTERSTOCK"])],
        id="image-source-comma-prefix",
    ),
    # Bloomberg
    pytest.param(
        "Photographer: Mark Elias/Bloomberg",
        "text",
        [credit("Mark Elias/Bloomberg", ["Mark Elias"], ["bloomberg"])],
        id="bloomberg",
    ),
    pytest.param(
        "Man checking phone in front of Twitter logo. - Chris Ratcliffe/Bloomberg",
        "text",
        [credit("Chris Ratcliffe/Bloomberg", ["Chris Ratcliffe"], ["bloomberg"])],
        id="caption-dash-bloomberg",
    ),
    pytest.param(
        "Natalie Naccache | Bloomberg | Getty Images",
        "text",
        [
            credit(
                "Natalie Naccache | Bloomberg | Getty Images",
                ["Natalie Naccache"],
                ["bloomberg", "getty-images"],
            )
        ],
        id="bloomberg-bars",
    ),
    # Wire tags, roles, clients, courtesy, stock libraries
    pytest.param(
        "Foto: Julio Cortez/AP/dpa +++ dpa-Bildfunk +++",
        "text",
        [credit("Julio Cortez/AP/dpa +++ dpa-Bildfunk +++", ["Julio Cortez"], ["ap"], ["dpa"])],
        id="dpa-bildfunk-tag",
    ),
    pytest.param(
        "(Marc Israel Sellem/POOL)",
        "text",
        [credit("Marc Israel Sellem/POOL", ["Marc Israel Sellem"])],
        id="pool-only",
    ),
    pytest.param(
        "Photo by Handout/English Montreal School Board/Westmount High School/AFP via Getty Images",
        "text",
        [
            credit(
                "Handout/English Montreal School Board/Westmount High School/AFP via Getty Images",
                [],
                ["afp", "getty-images"],
                [],  # the school board and the school handed the picture out (role handout)
            )
        ],
        id="handout-chain",
    ),
    pytest.param(
        "(Photo by Priscilla Du Preez on Unsplash)",
        "text",
        [credit("Priscilla Du Preez on Unsplash", ["Priscilla Du Preez"], [], ["Unsplash"])],
        id="unsplash-on",
    ),
    pytest.param(
        "Photograph: Andrew Yee for the Guardian",
        "text",
        [credit("Andrew Yee for the Guardian", ["Andrew Yee"])],
        id="for-client",
    ),
    pytest.param(
        "Foto: iStock/baytunc",
        "text",
        [credit("iStock/baytunc", ["baytunc"], [], ["iStock"])],
        id="istock-contributor",
    ),
    pytest.param("Courtesy of NASA/JSC", "text", [credit("NASA/JSC", [], [], ["JSC"])], id="courtesy-of"),
    pytest.param(
        "Credit: By Karl Tate, Infographics Artist",
        "text",
        [credit("Karl Tate, Infographics Artist", ["Karl Tate"])],
        id="job-title-role",
    ),
    pytest.param(
        "Urs Flueeler (Keystone)",
        "credit",
        [credit("Urs Flueeler (Keystone)", ["Urs Flueeler"], [], ["Keystone"])],
        id="name-and-bracketed-agency",
    ),
    pytest.param(
        "(Photo: Radio-Canada / Bert Savard)",
        "text",
        [credit("Radio-Canada / Bert Savard", ["Bert Savard"], [], ["Radio-Canada"])],
        id="broadcaster-then-photographer",
    ),
]

NOTICES = [
    pytest.param(
        "© 2020 the Japan Times",
        "text",
        [notice("© 2020 the Japan Times", 2020, "japan-times")],
        id="seed-japan-times",
    ),
    pytest.param(
        "(© The Japan Times Ltd.)",
        "text",
        [notice("© The Japan Times Ltd", None, "japan-times")],
        id="japan-times-ltd-bracketed",
    ),
    pytest.param(
        "The Japan Times LTD. All rights reserved.",
        "text",
        [notice("The Japan Times LTD. All rights reserved", None, "japan-times")],
        id="all-rights-reserved-without-mark",
    ),
    pytest.param(
        "Copyright © 2016 The Associated Press. All rights reserved.",
        "text",
        [notice("Copyright © 2016 The Associated Press. All rights reserved", 2016, "ap")],
        id="copyright-c-one-notice",
    ),
    pytest.param(
        "© 0 Reuters. All Rights Reserved.",
        "text",
        [notice("© 0 Reuters. All Rights Reserved", None, "reuters")],
        id="broken-year-zero",
    ),
    pytest.param(
        "© Thomson Reuters 2020",
        "text",
        [notice("© Thomson Reuters 2020", 2020, "reuters")],
        id="thomson-reuters-year-after",
    ),
    pytest.param(
        "(c) Copyright Thomson Reuters 2014. Click For Restrictions - http://about.reuters.com/fulllegal.asp",
        "text",
        [notice("(c) Copyright Thomson Reuters 2014", 2014, "reuters")],
        id="reuters-restrictions",
    ),
    pytest.param(
        "Copyright © AFP 2017-2026. Alle Rechte vorbehalten.",
        "text",
        [notice("Copyright © AFP 2017-2026. Alle Rechte vorbehalten", 2026, "afp")],
        id="afp-year-range-german",
    ),
    pytest.param(
        "©2015 Bloomberg L.P. All Rights Reserved. Made in NYC",
        "text",
        [notice("©2015 Bloomberg L.P. All Rights Reserved", 2015, "bloomberg")],
        id="bloomberg-lp",
    ),
    pytest.param(
        "Copyright (c) Yonhap News Agency. All Rights Reserved.",
        "text",
        [notice("Copyright (c) Yonhap News Agency. All Rights Reserved", None, "yonhap")],
        id="yonhap-notice",
    ),
    pytest.param(
        "Copyright 2010 Getty Images. -- http://www.gettyimages.com/Corporate/LicenseInfo.aspx",
        "text",
        [notice("Copyright 2010 Getty Images", 2010, "getty-images")],
        id="getty-notice",
    ),
    pytest.param(
        "© Frankfurter Allgemeine Zeitung GmbH 2001 - 2019",
        "text",
        [
            notice(
                "© Frankfurter Allgemeine Zeitung GmbH 2001 - 2019",
                2019,
                "Frankfurter Allgemeine Zeitung GmbH",
            )
        ],
        id="spaced-year-range",
    ),
    pytest.param(
        "Copyright 2017-18 Example Enews LLP, all rights reserved",
        "text",
        [notice("Copyright 2017-18 Example Enews LLP, all rights reserved", 2018, "Example Enews LLP")],
        id="two-digit-year-range",
    ),
    pytest.param(
        "© 2020 Guardian News & Media Limited or its affiliated companies. All rights reserved.",
        "text",
        [notice("© 2020 Guardian News & Media Limited", 2020, "Guardian News & Media Limited")],
        id="or-its-affiliated-companies",
    ),
    pytest.param(
        "© 2026 Ottawa Citizen, a division of Postmedia Network Inc. All rights reserved.",
        "text",
        [notice("© 2026 Ottawa Citizen", 2026, "Ottawa Citizen")],
        id="a-division-of",
    ),
    pytest.param("BBC © 2014", "text", [notice("BBC © 2014", 2014, "BBC")], id="holder-before-mark"),
    pytest.param(
        "Copyright 2022 ©", "text", [notice("Copyright 2022 ©", 2022, None)], id="year-without-holder"
    ),
    pytest.param(
        "© 2019 OK! Verlag GmbH & Co. KG",
        "text",
        [notice("© 2019 OK! Verlag GmbH & Co. KG", 2019, "OK! Verlag GmbH & Co. KG")],
        id="brand-exclamation-and-co-kg",
    ),
    pytest.param(
        "Slate is published by The Slate Group, a Graham Holdings Company. All contents © 2014 "
        "The Slate Group LLC. All rights reserved.",
        "text",
        [notice("© 2014 The Slate Group LLC. All rights reserved", 2014, "The Slate Group LLC")],
        id="notice-after-prose",
    ),
    pytest.param(
        "Â© 2020 The Japan Times",
        "text",
        [notice("Â© 2020 The Japan Times", 2020, "japan-times")],
        id="mojibake-mark",
    ),
    pytest.param(
        "Photo: Hau Dinh, AP / Copyright 2019 The Associated Press. All rights reserved.",
        "text",
        [
            credit("Hau Dinh, AP", ["Hau Dinh"], ["ap"]),
            notice("Copyright 2019 The Associated Press. All rights reserved", 2019, "ap"),
        ],
        id="credit-then-notice",
    ),
    pytest.param(
        "Copyright Shakh Aivazov/Copyright 2024 The AP. All rights reserved",
        "text",
        [
            credit("Shakh Aivazov", ["Shakh Aivazov"]),
            notice("Copyright 2024 The AP. All rights reserved", 2024, "ap"),
        ],
        id="euronews-photographer-then-ap-notice",
    ),
    pytest.param(
        "Copyright Fredrik Persson/AP",
        "text",
        [credit("Fredrik Persson/AP", ["Fredrik Persson"], ["ap"])],
        id="copyright-word-credit",
    ),
    pytest.param(
        "© AFP / MARCO BERTORELLO",
        "copyright",
        [credit("AFP / MARCO BERTORELLO", ["MARCO BERTORELLO"], ["afp"])],
        id="credit-in-copyright-element",
    ),
]

# Prose and page furniture that names an agency without crediting a photo. The first group is
# written in the shapes news copy takes; the last four are quoted from the real-world material.
NEGATIVES = [
    pytest.param("Reuters reported on Monday that the talks had stalled.", id="reuters-reported"),
    pytest.param("The company declined to comment, according to The Associated Press.", id="according-to-ap"),
    pytest.param(
        "A Reuters/Ipsos poll found that 40% of Americans approve of the plan.", id="reuters-ipsos-poll"
    ),
    pytest.param(
        "The rule was issued by the Environmental Protection Agency (EPA) in March.",
        id="epa-acronym-expansion",
    ),
    pytest.param(
        "Agence France-Presse (AFP) and Getty Images renewed their distribution deal.",
        id="afp-acronym-expansion",
    ),
    pytest.param("The Australian Federal Police (AFP) arrested two men.", id="afp-police"),
    pytest.param("The toy brand AFP (Action Figure Products) recalled 2,000 dolls.", id="afp-toy-brand"),
    pytest.param(
        "WASHINGTON (Reuters) - The White House said on Tuesday it would act.", id="dateline-reuters"
    ),
    pytest.param("TOKYO (AP) — Japan's economy shrank in the last quarter.", id="dateline-ap"),
    pytest.param("LONDON, March 3 (Reuters) -", id="dateline-alone"),
    pytest.param("By Jane Doe, Associated Press", id="byline-comma"),
    pytest.param("Trump visits Japan | Reuters", id="headline-bar-agency"),
    pytest.param("The photo by the pool shows the family on holiday.", id="photo-by-in-prose"),
    pytest.param("Copyright Office officials said the rule was final.", id="copyright-office"),
    pytest.param("Getty Images said its revenue rose 5% in the quarter.", id="getty-as-company"),
    pytest.param("Bloomberg reported that the deal was worth $2 billion.", id="bloomberg-reported"),
    pytest.param(
        "He moved to Berlin (Germany) in 2010 and joined the EPA two years later.", id="bracketed-place"
    ),
    pytest.param("Source: company filings", id="chart-source"),
    pytest.param(
        "By JORDAN ROBERTSON and RACHEL METZ - AP Technology Writers | AP – 1 hr 4 mins ago",
        id="real-byline-yahoo",
    ),
    pytest.param("Photos: Steve Jobs resigns", id="real-gallery-link"),
    pytest.param("Distributed by Tribune Content Agency, LLC.", id="real-tns-trailer"),
    pytest.param(
        "This service may include material from Agence France-Presse (AFP), APTN, Reuters, AAP, "
        "CNN and the BBC World Service which is copyright and cannot be reproduced.",
        id="real-rights-statement",
    ),
]


@pytest.mark.parametrize(("line", "kind", "expected"), CREDITS)
def test_real_credit_parses_exactly(line: str, kind: str, expected: list[Summary]) -> None:
    assert [summary(a) for a in parse(line, kind)] == expected


@pytest.mark.parametrize(("line", "kind", "expected"), NOTICES)
def test_real_notice_parses_exactly(line: str, kind: str, expected: list[Summary]) -> None:
    assert [summary(a) for a in parse(line, kind)] == expected


@pytest.mark.parametrize("line", NEGATIVES)
def test_prose_that_mentions_an_agency_is_no_photo_credit(line: str) -> None:
    found = parse(line, "text")
    assert [a.text for a in found if a.kind is AttributionKind.PHOTO_CREDIT] == []


def test_the_real_world_lists_hold_enough_cases() -> None:
    assert len(CREDITS) >= 60
    assert len(NEGATIVES) >= 15
