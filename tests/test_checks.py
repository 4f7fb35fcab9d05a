"""Every check fires exactly as expected on its fixtures in all three formats, and only there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURES, findings, scan_file

CHECKS_DIR = FIXTURES / "checks"
AFP_FIX = "Brendan Smialowski/AFP via Getty Images/TNS"
JT_2020 = "© 2020 The Japan Times"

# check -> (fix, {extension: (line, column)}): the one finding each fail.<ext> must produce.
# Columns follow from how the fixtures are built: the caption is 68 characters, the credit
# opens 2 characters later in text/Markdown ("(" + 1-based) and after the credit span in HTML.
EXPECTED: dict[str, tuple[str | None, dict[str, tuple[int, int]]]] = {
    "unknown-source": (None, {"txt": (3, 81), "md": (10, 81), "html": (14, 119)}),
    "unlicensed-source": (None, {"txt": (3, 82), "md": (10, 82), "html": (14, 120)}),
    "license-expired": (None, {"txt": (3, 81), "md": (10, 81), "html": (14, 119)}),
    "license-not-started": (None, {"txt": (3, 83), "md": (10, 83), "html": (14, 121)}),
    "misspelled-source": ("Getty Images", {"txt": (3, 83), "md": (10, 83), "html": (14, 121)}),
    "deprecated-credit": (AFP_FIX, {"txt": (3, 71), "md": (10, 71), "html": (14, 109)}),
    "credit-format": ("AP Photo/Matt Rourke", {"txt": (3, 71), "md": (10, 71), "html": (14, 109)}),
    "missing-photographer": (None, {"txt": (3, 71), "md": (10, 71), "html": (14, 109)}),
    "missing-credit": (None, {"txt": (3, 1), "md": (9, 1), "html": (13, 7)}),
    "missing-copyright": (JT_2020, {"txt": (10, 24), "md": (14, 97), "html": (20, 8)}),
    "copyright-year": ("© 2020 the Japan Times", {"txt": (12, 1), "md": (16, 1), "html": (18, 26)}),
    "copyright-format": (JT_2020, {"txt": (12, 1), "md": (16, 1), "html": (18, 26)}),
    # Scope checks: the fixtures are scanned as a UK print publication (see OPTIONS).
    "license-territory": (None, {"txt": (3, 83), "md": (10, 83), "html": (14, 121)}),
    "license-channel": (None, {"txt": (3, 83), "md": (10, 83), "html": (14, 121)}),
    # A suppression without a reason before a clean credit; one with a reason that covers nothing.
    "invalid-suppression": (None, {"txt": (3, 1), "md": (9, 1), "html": (12, 5)}),
    "unused-suppression": (None, {"txt": (3, 1), "md": (9, 1), "html": (12, 5)}),
    # Wire-era checks: the caption disagrees with images/kato.jpg's embedded REUTERS credit; an
    # embargo line, front-matter key or meta; AFP's example kill advisory; AP's NO ARCHIVES.
    "credit-mismatch": (None, {"txt": (4, 71), "md": (10, 71), "html": (14, 109)}),
    "embargo": (None, {"txt": (1, 1), "md": (5, 10), "html": (8, 33)}),
    "withdrawn-content": (None, {"txt": (3, 1), "md": (10, 1), "html": (14, 19)}),
    "usage-terms": (None, {"txt": (3, 93), "md": (10, 93), "html": (14, 137)}),
    # A handout credit, scanned with the configuration's `handouts: error` (see OPTIONS).
    "handout-credit": (None, {"txt": (3, 83), "md": (10, 83), "html": (14, 121)}),
    # A binary blob, broken front matter, bytes that are neither UTF-8 nor cp1252.
    "unreadable-file": (None, {"txt": (1, 1), "md": (1, 1), "html": (1, 1)}),
}
# Findings beyond the first: a UK publication may not use TNS's (US-only) Japan Times story
# either, so its source line and its notice holder are reported too.
EXTRA: dict[str, dict[str, list[tuple[str, int, int, str | None]]]] = {
    "license-territory": {
        "txt": [("license-territory", 10, 9, None), ("license-territory", 12, 8, None)],
        "md": [("license-territory", 4, 9, None), ("license-territory", 16, 8, None)],
        "html": [("license-territory", 7, 32, None), ("license-territory", 18, 33, None)],
    },
}
FORMATS = ("txt", "md", "html")
# Options a check's fixtures are scanned with; the pass fixtures use the licensed values.
# Scan options per check, for its fail and pass fixtures (Any: they are keyword arguments).
OPTIONS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "license-territory": ({"territory": "UK"}, {"territory": "US"}),
    "license-channel": ({"channel": "print"}, {"channel": "web"}),
    "handout-credit": ({"handouts": "error"}, {"handouts": "error"}),
}


def _cases() -> list[tuple[str, str]]:
    return [(check, ext) for check in EXPECTED for ext in FORMATS]


@pytest.mark.parametrize(("check", "ext"), _cases(), ids=lambda v: v)
def test_fail_fixture_gives_exactly_its_finding(check: str, ext: str) -> None:
    fix, positions = EXPECTED[check]
    line, column = positions[ext]
    fail_options = OPTIONS.get(check, ({}, {}))[0]
    result = scan_file(CHECKS_DIR / check / f"fail.{ext}", **fail_options)
    expected = sorted([(check, line, column, fix), *EXTRA.get(check, {}).get(ext, [])], key=lambda f: f[1:3])
    assert findings(result) == expected


@pytest.mark.parametrize(("check", "ext"), _cases(), ids=lambda v: v)
def test_pass_fixture_is_clean(check: str, ext: str) -> None:
    pass_options = OPTIONS.get(check, ({}, {}))[1]
    result = scan_file(CHECKS_DIR / check / f"pass.{ext}", **pass_options)
    assert findings(result) == []


def test_every_check_has_fixtures_in_every_format() -> None:
    from creditcheck.checks import ALL_CHECKS

    for check in ALL_CHECKS:
        folder = CHECKS_DIR / check.name
        for variant in ("fail", "pass"):
            for ext in FORMATS:
                assert (folder / f"{variant}.{ext}").is_file(), f"{check.name}/{variant}.{ext}"


@pytest.mark.parametrize("path", sorted((FIXTURES / "clean").iterdir()), ids=lambda p: Path(p).name)
def test_clean_seed_fixtures_have_no_findings(path: Path) -> None:
    assert findings(scan_file(path)) == []


# --- credit-format never offers a fix that erases a party; {collection} forms ---------------------


def test_credit_format_keeps_every_named_organisation() -> None:
    import datetime as dt

    from tests.helpers import scan_text

    day = dt.date(2021, 3, 1)
    # AP's only form would drop the agency the credit also names, so no fix is offered.
    result = scan_text("Leaders meet. (Jane Doe/Acme Pictures/AP)", published=day)
    # The other agency has no rule of its own, which is a finding of its own.
    assert findings(result) == [("credit-format", 1, 16, None), ("unknown-source", 1, 25, None)]
    assert result.findings[0].message == (
        "`Jane Doe/Acme Pictures/AP` is not an accepted The Associated Press credit form "
        "(`AP Photo/{photographer}`), which would drop `Acme Pictures`: confirm the form the license "
        "requires, or add it to the rule's accepted forms"
    )
    # "AFP/GETTY" is judged against AFP's via-Getty form, which keeps both names, not Getty's.
    (both,) = scan_text("Leaders meet. (AFP/GETTY)", published=day).findings
    assert (both.check, both.fix, both.source) == ("credit-format", None, "afp")
    assert both.message.endswith("write `{photographer}/AFP via Getty Images`")
    # A fix that keeps every name is still offered.
    assert findings(scan_text("Leaders meet. (Jane Doe / AFP)", published=day)) == [
        ("credit-format", 1, 16, "Jane Doe/AFP via Getty Images")
    ]


def test_collection_form_holds_a_distributors_partner_collection() -> None:
    import datetime as dt

    from tests.helpers import scan_text

    day = dt.date(2021, 3, 1)
    # The shipped Getty rule accepts "{photographer}/{collection} via Getty Images": the partner
    # collection (or a distributed chain) is held under the Getty license, not an unknown source.
    for credit in (
        "Etienne Dupont/Gamma-Rapho via Getty Images",
        "Paul Moseley/Fort Worth Star-Telegram/TNS via Getty Images",
    ):
        result = scan_text(f"Leaders meet. ({credit})", published=day, keep_attributions=True)
        assert findings(result) == []
        (credit_found,) = result.attributions
        assert credit_found.unknown == []
    # Written another way, the suggestion fills the collection in from the credit; beside Getty
    # Images it is still Getty's collection, not an unknown source.
    assert findings(scan_text("Leaders meet. (Jane Doe/Gamma-Rapho/Getty Images)", published=day)) == [
        ("credit-format", 1, 16, "Jane Doe/Gamma-Rapho via Getty Images"),
    ]
    # Without a photographer the collection is still recognised; the photographer is missing.
    assert findings(scan_text("Leaders meet. (Keystone-France via Getty Images)", published=day)) == [
        ("missing-photographer", 1, 16, None)
    ]


def test_a_collection_that_misspells_a_known_source_is_misspelled_source() -> None:
    import datetime as dt

    from tests.helpers import scan_text

    day = dt.date(2021, 3, 1)
    # {collection} would accept any name: a near miss of a rule's name is a typo, not a partner.
    result = scan_text("Leaders meet. (Philip Fong/APF via Getty Images)", published=day)
    assert findings(result) == [("misspelled-source", 1, 28, "AFP")]
    assert (result.findings[0].source, result.findings[0].message) == (
        "afp",
        "`APF` is not a known spelling: did you mean `AFP`?",
    )
    # Long names go by the fuzzy threshold, as everywhere.
    assert findings(scan_text("Leaders meet. (Jane Doe/Bloombreg via Getty Images)", published=day)) == [
        ("misspelled-source", 1, 25, "Bloomberg")
    ]


def test_a_rule_may_list_the_collections_its_form_accepts(tmp_path: Path) -> None:
    import datetime as dt
    import shutil

    from creditcheck.ruleset import load_rules
    from tests.helpers import RULES, scan_text

    shutil.copytree(RULES, tmp_path / "rules")
    getty = tmp_path / "rules" / "getty-images.yaml"
    form = '    - "{photographer}/{collection} via Getty Images"\n'
    getty.write_text(
        # The list docs/rules.md shows.
        getty.read_text(encoding="utf-8").replace(
            form, form + "  collections: [Gamma-Rapho, Keystone-France, Fort Worth Star-Telegram]\n"
        ),
        encoding="utf-8",
    )
    rules = load_rules(tmp_path / "rules")
    assert rules["getty-images"].collections == ("Gamma-Rapho", "Keystone-France", "Fort Worth Star-Telegram")
    day = dt.date(2021, 3, 1)

    def check(credit: str) -> list[tuple[str, int, int, str | None]]:
        return findings(scan_text(f"Leaders meet. ({credit})", published=day, ruleset=rules))

    assert check("Jane Doe/Gamma-Rapho via Getty Images") == []
    assert check("Paul Moseley/Fort Worth Star-Telegram/TNS via Getty Images") == []
    # A near miss of a listed collection is fixed to the listed spelling, under the Getty rule.
    assert check("Jane Doe/Gama-Rapho via Getty Images") == [("misspelled-source", 1, 25, "Gamma-Rapho")]
    # A collection the rule does not list is a source no rule covers.
    assert check("Jane Doe/Acme Pictures via Getty Images") == [("unknown-source", 1, 25, None)]


def test_handouts_are_allowed_by_default_and_an_error_by_policy() -> None:
    import datetime as dt

    from tests.helpers import scan_text

    day = dt.date(2021, 3, 1)
    text = "Leaders meet. (Courtesy of Sony Corp.)"
    assert findings(scan_text(text, published=day)) == []
    result = scan_text(text, published=day, handouts="error")
    assert findings(result) == [("handout-credit", 1, 28, None)]
    assert result.findings[0].message == (
        "`Sony Corp` is credited as a handout, and the configuration says `handouts: error`: "
        "use a licensed picture, or record its clearance in a suppression"
    )


def handout_context(names: list[tuple[str, str]], handouts: str) -> Any:
    """A context holding one credit whose names have these (text, role)s, as the extractor gives."""
    import datetime as dt

    from creditcheck.checks import CheckContext
    from creditcheck.model import Attribution, AttributionKind, Document, Name, NameRole, Span
    from creditcheck.resolve import Resolver
    from tests.helpers import shipped_rules

    span = Span(1, 2, 1, 14)
    credit = Attribution(
        AttributionKind.PHOTO_CREDIT,
        "Sony/Handout",
        span,
        tuple(Name(t, span, NameRole(role)) for t, role in names),
    )
    doc = Document("a.txt", "text", (), dt.date(2021, 3, 1), "flag")
    rules = shipped_rules()
    return CheckContext(doc, [credit], rules, Resolver(rules), handouts=handouts)


@pytest.mark.parametrize(
    "names",
    [
        [("Sony", "handout")],  # "Sony/Handout" as the extractor reads a handout
        [("Sony", "organisation"), ("Handout", "role")],  # the giver, then the role word
        [("Family handout", "role")],
    ],
    ids=["handout-role", "role-word", "family"],
)
def test_a_handouts_giver_is_no_unknown_source_and_the_policy_decides(names: list[tuple[str, str]]) -> None:
    from creditcheck.checks import BY_NAME

    for policy, expected in (("allowed", []), ("error", ["handout-credit"])):
        ctx = handout_context(names, policy)
        fired = [
            f.check for name in ("unknown-source", "handout-credit") for f in BY_NAME[name].findings(ctx)
        ]
        assert fired == expected, policy
    # Without the handout, the same organisation is an unknown source.
    ctx = handout_context([("Sony", "organisation")], "error")
    assert [f.check for f in BY_NAME["unknown-source"].findings(ctx)] == ["unknown-source"]


@pytest.mark.parametrize("credit", ["(Family handout)", "(Sony/Handout)", "(Handout)", "(handout photo)"])
def test_a_handout_credits_its_picture(credit: str) -> None:
    import datetime as dt

    from tests.helpers import scan_text

    day = dt.date(2021, 3, 1)
    text = f"Talks resume\n\n![Leaders](summit.jpg)\nLeaders meet in Panmunjom. {credit}\n"
    # The picture has its credit (no missing-credit), whose giver needs no license...
    assert findings(scan_text(text, "markdown", day)) == []
    # ...and under `handouts: error` it is reported as the handout it is.
    assert findings(scan_text(text, "markdown", day, handouts="error")) == [("handout-credit", 4, 29, None)]


def test_the_contexts_shared_judgements_are_made_once_and_equal_the_plain_computation() -> None:
    """Each of CheckContext's judgements is worked out at the first ask, kept, and is what the
    plain expression gives; judgements handed in by the scan are used as they are."""
    import datetime as dt

    from creditcheck.analysis import coverage_problems, is_credit, is_handout, judge_credit
    from creditcheck.checks import CheckContext
    from creditcheck.extract import extract
    from creditcheck.model import AttributionKind
    from creditcheck.readers import read_document
    from creditcheck.resolve import Resolver
    from tests.helpers import shipped_rules

    text = (
        "---\nsource: Reuters\n---\n![x](a.jpg)\nLeaders meet. (Ed Jones/AFP via Getty Images)\n\n"
        "![y](b.jpg)\nA view. (Sony/Handout)\n\n© 2021 The Japan Times\n"
    )
    day = dt.date(2021, 3, 1)
    doc = read_document("a.md", text, "markdown", day, day)
    rules = shipped_rules()
    resolver = Resolver(rules)
    attributions = extract(doc, resolver, rules.picture_sources())
    ctx = CheckContext(doc, attributions, rules, resolver)
    credits = [a for a in attributions if is_credit(a)]
    assert len(credits) == 2
    assert ctx.credits == credits
    assert ctx.credits_by_image == {0: [credits[0]], 1: [credits[1]]}
    assert ctx.handouts_credited == [a for a in credits if is_handout(a)] == [credits[1]]
    assert ctx.notices == [a for a in attributions if a.kind is AttributionKind.COPYRIGHT] != []
    assert [(n.text, n.rule) for n in ctx.article_sources] == [("Reuters", "reuters")]
    assert ctx.judgements == [judge_credit(a, rules, day) for a in credits]
    named = [(n, a.text) for a in attributions for n in a.names if n.rule is not None]
    assert ctx.named_sources == named + [(n, n.text) for n in ctx.article_sources]
    assert ctx.coverage == coverage_problems(attributions, ctx.article_sources, rules, day)
    for name in ("credits", "credits_by_image", "handouts_credited", "notices", "article_sources"):
        assert getattr(ctx, name) is getattr(ctx, name), name
    for name in ("judgements", "named_sources", "coverage"):
        assert getattr(ctx, name) is getattr(ctx, name), name
    given: list[Any] = []
    assert CheckContext(doc, attributions, rules, resolver, judgements=given).judgements is given
    assert ctx.embedded("a.jpg") is None
