"""--fix and --diff: idempotent, byte-preserving outside the fixed spans, atomic."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creditcheck.cli import main
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
    run("--fix", str(path))
    result = path.read_bytes().decode("utf-8")
    # Exactly the deprecated credit was replaced; every other character is as it was.
    assert result == original.replace(f"({DEPRECATED})", f"({FIXED})", 1)
