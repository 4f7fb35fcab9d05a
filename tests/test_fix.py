"""--fix and --diff: idempotent, byte-preserving outside the fixed spans, atomic."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from creditcheck.cli import main
from creditcheck.fix import NotApplied, plan
from creditcheck.fix_markup import Unfixable, markup_edits
from creditcheck.model import Finding, Severity, Span
from tests.helpers import RULES

DEPRECATED = "Brendan Smialowski/AFP/Getty Images/TNS"
FIXED = "Brendan Smialowski/AFP via Getty Images/TNS"


def article(credit: str = DEPRECATED, notice: str = "© 2019 the Japan Times", nl: str = "\n") -> str:
    lines = [
        "Talks resume",
        "",
        f"Leaders meet in Panmunjom. ({credit})",
        "January 14, 2020",
        "",
        "Body text. (Mandel Ngan/Gettty Images)",
        "",
        notice,
    ]
    return nl.join(lines) + nl


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--rules", str(RULES), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_fix_applies_every_fix_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(article(), encoding="utf-8")
    code, _, err = run("--fix", str(path))
    assert code == 0
    assert err == "creditcheck: fixed 3 problems in 1 file\n"
    assert path.read_text(encoding="utf-8") == article(credit=FIXED, notice="© 2020 the Japan Times").replace(
        "Gettty", "Getty"
    )
    before = path.read_bytes()
    code, _, err = run("--fix", str(path))
    assert (code, err, path.read_bytes()) == (0, "", before)


def test_a_credit_whose_bracket_never_closes_is_fixed_after_the_bracket(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Leaders meet in Tokyo.\nTalks (Jim Watson/AFP\n", encoding="utf-8")
    code, out, _err = run("--no-config", "--format", "json", str(path))
    assert code == 1
    found = [
        (f["check"], f["line"], f["column"], f["end_column"], f["fix"]) for f in json.loads(out)["findings"]
    ]
    assert found == [("credit-format", 2, 8, 22, "Jim Watson/AFP via Getty Images")]
    code, _out, _err = run("--no-config", "--fix", str(path))
    assert (
        path.read_text(encoding="utf-8") == "Leaders meet in Tokyo.\nTalks (Jim Watson/AFP via Getty Images\n"
    )


def test_fix_preserves_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    body = "---\r\ndate: 2020-01-14\r\n---\r\n" + article(nl="\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert run("--fix", str(path))[0] == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    expected = body.replace(DEPRECATED, FIXED).replace("Gettty", "Getty").replace("2019", "2020")
    assert data[3:] == expected.encode("utf-8")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_fix_keeps_cp1252_files_in_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(article().encode("cp1252"))
    assert run("--fix", str(path))[0] == 0
    assert path.read_bytes() == article(credit=FIXED, notice="© 2020 the Japan Times").replace(
        "Gettty", "Getty"
    ).encode("cp1252")


def test_missing_notice_is_added_at_the_end_in_text_and_inside_the_article_in_html(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Source: The Japan Times\nJanuary 14, 2020\n\nBody.\n", encoding="utf-8")
    assert run("--fix", str(text))[0] == 0
    assert text.read_text(encoding="utf-8").endswith("Body.\n\n© 2020 The Japan Times\n")
    html = tmp_path / "a.html"
    html.write_text(
        '<html><head><meta name="source" content="The Japan Times">'
        '<meta name="date" content="2020-01-14"></head>\n'
        "<body><article><p>Body.</p>\n</article></body></html>\n",
        encoding="utf-8",
    )
    assert run("--fix", str(html))[0] == 0
    assert '<p class="copyright">© 2020 The Japan Times</p>\n</article>' in html.read_text(encoding="utf-8")
    assert run(str(html))[0] == 0


def test_diff_shows_the_change_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(article(), encoding="utf-8")
    before = path.read_bytes()
    os.chdir(tmp_path)
    code, out, _ = run("--diff", "a.txt")
    assert path.read_bytes() == before
    assert code == 1
    assert out.splitlines()[:2] == ["--- a/a.txt", "+++ b/a.txt"]
    assert f"-Leaders meet in Panmunjom. ({DEPRECATED})" in out.splitlines()
    assert f"+Leaders meet in Panmunjom. ({FIXED})" in out.splitlines()


_PROSE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="©()/"), max_size=40
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=st.lists(_PROSE, max_size=4),
    after=st.lists(_PROSE, max_size=4),
    nl=st.sampled_from(["\n", "\r\n"]),
)
def test_only_the_fixed_spans_change(tmp_path: Path, before: list[str], after: list[str], nl: str) -> None:
    lines = [*before, f"Caption. ({DEPRECATED})", "January 14, 2020", *after]
    original = nl.join(lines) + nl
    path = tmp_path / "p.txt"
    path.write_bytes(original.encode("utf-8"))
    # Generated prose can itself be a credit with a fix (a line `YONHA` is a misspelled Yonhap
    # credit): the property is about an article whose only fixable finding is the deprecated one.
    fixable = [f["line"] for f in json.loads(run("--format", "json", str(path))[1])["findings"] if f["fix"]]
    assume(fixable == [len(before) + 1])
    run("--fix", str(path))
    result = path.read_bytes().decode("utf-8")
    # Exactly the deprecated credit was replaced; every other character is as it was.
    assert result == original.replace(f"({DEPRECATED})", f"({FIXED})", 1)


HTML_PAGE = """<html><head><meta name="source" content="The Japan Times">
<meta name="date" content="2020-01-14"></head>
<body><article>
<figure><img src="x.jpg"><figcaption>Talks. (Jim&nbsp;Watson/AFP/Getty&nbsp;Images)</figcaption></figure>
<figure><img src="y.jpg"><figcaption>Talks. (Jim Watson/<b>AFP</b>/Getty Images)</figcaption></figure>
<figure><img src="z.jpg"><figcaption>Talks. (Mandel Ngan/<b>Gettty</b> Images)</figcaption></figure>
<p>Body.</p>
<p>&copy; 2019 The Japan Times</p>
</article></body></html>
"""
HTML_FIXED = (
    HTML_PAGE.replace("Watson/AFP/Getty&nbsp;", "Watson/AFP via Getty&nbsp;")
    .replace("<b>AFP</b>/Getty", "<b>AFP</b> via Getty")
    .replace("<b>Gettty</b>", "<b>Getty</b>")
    .replace("&copy; 2019", "&copy; 2020")
)


def test_fix_in_html_goes_through_entities_and_inline_markup(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    os.chdir(tmp_path)
    code, out, _ = run("--diff", "a.html")
    assert code == 1
    changed = [
        (f"-{old}", f"+{new}")
        for old, new in zip(HTML_PAGE.splitlines(), HTML_FIXED.splitlines(), strict=True)
        if old != new
    ]
    assert len(changed) == 4
    diff_lines = out.splitlines()
    for removed, added in changed:
        assert removed in diff_lines
        assert added in diff_lines
    assert path.read_text(encoding="utf-8") == HTML_PAGE
    code, out, err = run("--fix", "a.html")
    assert (code, out, err) == (
        0,
        "No problems found in 1 file.\n",
        "creditcheck: fixed 4 problems in 1 file\n",
    )
    assert path.read_text(encoding="utf-8") == HTML_FIXED
    assert run("--fix", "a.html")[:3] == (0, "No problems found in 1 file.\n", "")


def test_a_fix_that_cannot_be_made_is_reported_with_its_reason_and_not_counted(tmp_path: Path) -> None:
    page = HTML_PAGE.replace("&copy; 2019", "&copy; 201<b>9</b>")
    path = tmp_path / "a.html"
    path.write_text(page, encoding="utf-8")
    os.chdir(tmp_path)
    code, out, err = run("--fix", "a.html")
    assert err.splitlines() == [
        "creditcheck: a.html:8:4: copyright-year: fix not applied: "
        "the text to change ('19') runs across markup: fix it by hand",
        "creditcheck: fixed 3 problems in 1 file; 1 fix could not be applied",
    ]
    assert code == 1
    assert out.splitlines()[0].startswith("a.html:8:4: error copyright-year [CC302]")
    assert path.read_text(encoding="utf-8") == HTML_FIXED.replace("&copy; 2020", "&copy; 201<b>9</b>")


def test_fix_with_stdin_filename_writes_the_fixed_text_to_stdout(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = CliRunner().invoke(
        main,
        ["check", "--rules", str(RULES), "--fix", "--stdin-filename", "draft.html"],
        input=HTML_PAGE,
        catch_exceptions=False,
    )
    assert (result.exit_code, result.stdout) == (0, HTML_FIXED)
    assert result.stderr == "creditcheck: fixed 4 problems in 1 file\nNo problems found in 1 file.\n"
    assert not (tmp_path / "draft.html").exists()
    # Nothing to fix: the text comes back as it was, so an editor can always take stdout.
    clean = CliRunner().invoke(
        main,
        ["check", "--rules", str(RULES), "--fix", "--format", "json", "--stdin-filename", "draft.html"],
        input=HTML_FIXED,
        catch_exceptions=False,
    )
    assert (clean.exit_code, clean.stdout) == (0, HTML_FIXED)
    assert json.loads(clean.stderr)["findings"] == []


def apply_edits(raw: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        raw = raw[:start] + new + raw[end:]
    return raw


@pytest.mark.parametrize(
    ("raw", "text", "fix", "expected"),
    [
        # A run of white space, an entity and a tag between words: one space in the text.
        (
            "<p>Jim \n  <i>Watson</i>/AFP</p>",
            "Jim Watson/AFP",
            "Jim Watson/AFP via Getty Images",
            "<p>Jim \n  <i>Watson</i>/AFP via Getty Images</p>",
        ),
        (
            "<p>Jim<br>Watson/REUTRES</p>",
            "Jim Watson/REUTRES",
            "Jim Watson/REUTERS",
            "<p>Jim<br>Watson/REUTERS</p>",
        ),
        # Inserted text is escaped for HTML; in an attribute value, quotes too.
        ("<p>AT&amp;T Photo</p>", "AT&T Photo", "AT&T <Photos>", "<p>AT&amp;T &lt;Photos&gt;</p>"),
        (
            '<img alt="Photo: Jim Watson/AFP">',
            "Photo: Jim Watson/AFP",
            'Photo: "Jim Watson"/AFP',
            '<img alt="Photo: &quot;Jim Watson&quot;/AFP">',
        ),
        # A numeric reference that is not changed stays as written.
        ("<p>&#169; 2019 Reuters</p>", "© 2019 Reuters", "© 2020 Reuters", "<p>&#169; 2020 Reuters</p>"),
    ],
)
def test_markup_edits_change_only_the_characters_that_differ(
    raw: str, text: str, fix: str, expected: str
) -> None:
    start = raw.index(text[:3].replace("©", "&#169;")) if not raw.startswith("<img") else raw.index("Photo")
    assert apply_edits(raw, markup_edits(raw, start, text, fix)) == expected


def test_markup_edits_refuse_what_they_cannot_map() -> None:
    with pytest.raises(Unfixable, match="no longer holds this text"):
        markup_edits("<p>Jim Watson/AFP</p>", 3, "Jim Watson/EPA", "Jim Watson/EPA-EFE")
    with pytest.raises(Unfixable, match=r"\('Mandel Ngan/'\) runs across markup"):
        markup_edits("<p>Man<b>del</b> Ngan/AFP</p>", 3, "Mandel Ngan/AFP", "AFP")


def test_an_html_fix_the_encoding_cannot_hold_becomes_a_character_reference() -> None:
    finding = Finding(
        "a.html",
        Span(1, 4, 1, 19),
        "copyright-format",
        "CC303",
        Severity.ERROR,
        "m",
        "(c) 2020 Reuters",
        "© 2020 Reuters",
    )
    html_text, applied, skipped = plan("<p>(c) 2020 Reuters</p>", "html", [finding], str.isascii)
    assert (html_text, applied, skipped) == ("<p>&#169; 2020 Reuters</p>", [finding], [])
    plain = Finding(
        "a.txt",
        Span(1, 1, 1, 16),
        *[getattr(finding, k) for k in ("check", "code", "severity", "message", "text", "fix")],
    )
    text, applied, skipped = plan("(c) 2020 Reuters\n", "text", [plain], str.isascii)
    assert (text, applied) == ("(c) 2020 Reuters\n", [])
    assert skipped == [NotApplied(plain, "the file's encoding cannot hold '©'")]
