"""Machine output formats: exact output on a small run, SARIF against the official schema."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from creditcheck.baseline import fingerprint
from creditcheck.checks import ALL_CHECKS
from creditcheck.model import FileResult, Finding, RunResult, Severity, Span
from creditcheck.reporters import OutputFormat
from creditcheck.reporters.csv_report import COLUMNS
from creditcheck.reporters.sarif_report import artifact_location

SCHEMAS = Path(__file__).resolve().parent / "schemas"
DAY = dt.date(2020, 1, 14)

# Every character the formats must escape: % : , a newline, and non-ASCII, in path and message.
ODD_PATH = "articles/café 100%: a,b.md"
CLEAN_PATH = "articles/clean.txt"
STORY_PATH = "articles/story.html"

ODD = Finding(
    ODD_PATH,
    Span(3, 5, 4, 2),
    "credit-format",
    "CC203",
    Severity.WARNING,
    "`Foto: Müller, 100%` breaks\nacross lines: write `Photo: Müller`",
    "Foto: Müller,\n100%",
)
DEPRECATED = Finding(
    STORY_PATH,
    Span(5, 157, 5, 196),
    "deprecated-credit",
    "CC202",
    Severity.ERROR,
    "`Brendan Smialowski/AFP/Getty Images/TNS` is a retired Agence France-Presse credit form: "
    "write `Brendan Smialowski/AFP via Getty Images/TNS`",
    "Brendan Smialowski/AFP/Getty Images/TNS",
    fix="Brendan Smialowski/AFP via Getty Images/TNS",
    source="afp",
)
# Lowered to info (as --severity can): a fix to add at an empty span.
MISSING = Finding(
    STORY_PATH,
    Span(12, 1, 12, 1),
    "missing-copyright",
    "CC301",
    Severity.INFO,
    "the article has no copyright notice: add `© 2020 the Japan Times`",
    "",
    fix="© 2020 the Japan Times",
    source="japan-times",
)

RESULT = RunResult.merge(
    [
        FileResult(STORY_PATH, "html", DAY, "metadata", (DEPRECATED, MISSING)),
        FileResult(CLEAN_PATH, "text", DAY, "dateline", ()),
        FileResult(ODD_PATH, "markdown", DAY, "metadata", (ODD,)),
    ]
)
EMPTY = RunResult.merge([FileResult(CLEAN_PATH, "text", DAY, "dateline", ())])


def render(fmt: OutputFormat, result: RunResult = RESULT) -> str:
    return fmt.reporter()(result, color=False)


def finding(message: str, text: str = "x", path: str = "a.txt", check: str = "credit-format") -> Finding:
    return Finding(path, Span(1, 1, 1, 2), check, "CC203", Severity.ERROR, message, text)


def alone(f: Finding) -> RunResult:
    return RunResult.merge([FileResult(f.path, "text", DAY, "flag", (f,))])


def test_sample_is_ordered_as_a_run_would_be() -> None:
    assert [f.path for f in RESULT.files] == [ODD_PATH, CLEAN_PATH, STORY_PATH]
    assert RESULT.findings == (ODD, DEPRECATED, MISSING)


# --- exhaustiveness and determinism -------------------------------------------------------


@pytest.mark.parametrize("fmt", list(OutputFormat), ids=str)
def test_every_format_has_a_reporter_that_renders(fmt: OutputFormat) -> None:
    assert importlib.util.find_spec(f"creditcheck.reporters.{fmt.value}_report") is not None
    out = render(fmt)
    assert isinstance(out, str)
    assert out.endswith("\n")
    assert render(fmt) == out
    assert isinstance(render(fmt, EMPTY), str)


@pytest.mark.parametrize("fmt", list(OutputFormat), ids=str)
def test_output_ignores_environment_and_working_directory(
    fmt: OutputFormat, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = render(fmt)
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "CI", "NO_COLOR", "TERM"):
        monkeypatch.setenv(name, "1")
    assert render(fmt) == before


# --- jsonl --------------------------------------------------------------------------------


def test_jsonl_is_one_finding_object_per_line() -> None:
    out = render(OutputFormat.JSONL)
    lines = out.split("\n")
    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == [f.to_json() for f in RESULT.findings]
    assert "Müller" in out  # UTF-8 as in the JSON report, not \u escapes


def test_jsonl_objects_are_the_json_report_findings() -> None:
    report = json.loads(render(OutputFormat.JSON))
    lines = render(OutputFormat.JSONL).splitlines()
    assert [json.loads(line) for line in lines] == report["findings"]


def test_jsonl_is_empty_without_findings() -> None:
    assert render(OutputFormat.JSONL, EMPTY) == ""


# --- github -------------------------------------------------------------------------------


def test_github_commands_exact() -> None:
    assert render(OutputFormat.GITHUB).split("\n") == [
        "::warning file=articles/café 100%25%3A a%2Cb.md,line=3,col=5,endLine=4,endColumn=2,"
        "title=credit-format::`Foto: Müller, 100%25` breaks%0Aacross lines: write `Photo: Müller`",
        "::error file=articles/story.html,line=5,col=157,endLine=5,endColumn=196,title=deprecated-credit::"
        "`Brendan Smialowski/AFP/Getty Images/TNS` is a retired Agence France-Presse credit form: "
        "write `Brendan Smialowski/AFP via Getty Images/TNS`"
        "%0Afix: Brendan Smialowski/AFP via Getty Images/TNS",
        "::notice file=articles/story.html,line=12,col=1,endLine=12,endColumn=1,title=missing-copyright::"
        "the article has no copyright notice: add `© 2020 the Japan Times`%0Afix: © 2020 the Japan Times",
        "",
    ]


def test_github_escapes_line_breaks_and_percent_first() -> None:
    # A carriage return from an article never reaches the log raw: it is escaped where the
    # finding is made (safetext), then the workflow command escapes its own characters.
    out = render(OutputFormat.GITHUB, alone(finding("x\r\ny%0A", path="a,b:c%0A.txt")))
    assert out == (
        "::error file=a%2Cb%3Ac%250A.txt,line=1,col=1,endLine=1,endColumn=2,title=credit-format"
        "::x\\x0d%0Ay%250A\n"
    )


def test_github_is_empty_without_findings() -> None:
    assert render(OutputFormat.GITHUB, EMPTY) == ""


# --- gitlab -------------------------------------------------------------------------------


def test_gitlab_code_quality_exact() -> None:
    issues = json.loads(render(OutputFormat.GITLAB))
    assert [(i["check_name"], i["severity"], i["location"], i["type"], i["categories"]) for i in issues] == [
        (
            "credit-format",
            "minor",
            {"path": ODD_PATH, "lines": {"begin": 3, "end": 4}},
            "issue",
            ["Bug Risk"],
        ),
        (
            "deprecated-credit",
            "major",
            {"path": STORY_PATH, "lines": {"begin": 5, "end": 5}},
            "issue",
            ["Bug Risk"],
        ),
        (
            "missing-copyright",
            "info",
            {"path": STORY_PATH, "lines": {"begin": 12, "end": 12}},
            "issue",
            ["Bug Risk"],
        ),
    ]
    assert [i["description"] for i in issues] == [
        f"[CC203] {ODD.message}",
        f"[CC202] {DEPRECATED.message} (fix: {DEPRECATED.fix})",
        f"[CC301] {MISSING.message} (fix: {MISSING.fix})",
    ]
    assert render(OutputFormat.GITLAB, EMPTY) == "[]\n"


def test_gitlab_fingerprints_are_unique_and_stable_across_line_moves() -> None:
    twice = RunResult.merge([FileResult(STORY_PATH, "html", DAY, "metadata", (DEPRECATED, DEPRECATED))])
    first, second = json.loads(render(OutputFormat.GITLAB, twice))
    assert first["fingerprint"] != second["fingerprint"]
    d = DEPRECATED
    moved = Finding(
        d.path, Span(40, 1, 40, 40), d.check, d.code, d.severity, d.message, d.text, d.fix, d.source
    )
    assert json.loads(render(OutputFormat.GITLAB, alone(moved)))[0]["fingerprint"] == first["fingerprint"]


@pytest.mark.parametrize("result", [RESULT, EMPTY], ids=["findings", "empty"])
def test_gitlab_validates_against_the_documented_fields(result: RunResult) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / "gitlab-codequality.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(
        json.loads(render(OutputFormat.GITLAB, result))
    )


# --- csv ----------------------------------------------------------------------------------


def _csv_rows(out: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(out, newline="")))


def test_csv_columns_are_the_json_fields() -> None:
    assert list(COLUMNS) == list(ODD.to_json())


def test_csv_round_trips_every_finding() -> None:
    out = render(OutputFormat.CSV)
    header = "path,line,column,end_line,end_column,check,code,severity,message,text,fix,source"
    assert out.startswith(header + "\n")
    assert "\r\n" not in out
    rows = _csv_rows(out)
    assert rows[0] == list(COLUMNS)
    expected = [["" if v is None else str(v) for v in f.to_json().values()] for f in RESULT.findings]
    assert rows[1:] == expected


def test_csv_quotes_fields_with_line_breaks_and_quotes() -> None:
    out = render(OutputFormat.CSV, alone(finding('say "x"\nnow', "a\r\nb")))
    assert out.split("\n", 1)[1] == 'a.txt,1,1,1,2,credit-format,CC203,error,"say ""x""\nnow","a\\x0d\nb",,\n'
    assert _csv_rows(out)[1][8:10] == ['say "x"\nnow', "a\\x0d\nb"]


def test_csv_is_just_the_header_without_findings() -> None:
    assert render(OutputFormat.CSV, EMPTY) == ",".join(COLUMNS) + "\n"


# --- junit --------------------------------------------------------------------------------


def test_junit_structure_and_counts() -> None:
    out = render(OutputFormat.JUNIT)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "creditcheck", "tests": "3", "failures": "2", "errors": "0"}
    [suite] = root
    assert suite.tag == "testsuite"
    assert suite.attrib == {**root.attrib, "skipped": "0"}
    cases = list(suite)
    assert [(c.tag, c.get("classname"), c.get("name")) for c in cases] == [
        ("testcase", "creditcheck", ODD_PATH),
        ("testcase", "creditcheck", CLEAN_PATH),
        ("testcase", "creditcheck", STORY_PATH),
    ]
    odd, clean, story = cases

    [failure] = odd
    assert failure.tag == "failure"
    assert failure.attrib == {"type": "credit-format", "message": ODD.message}
    assert failure.text == f"{ODD_PATH}:3:5: credit-format {ODD.message}"

    assert list(clean) == []

    failure, out_note = story
    assert failure.tag == "failure"
    assert failure.attrib == {"type": "deprecated-credit", "message": DEPRECATED.message}
    where = f"{STORY_PATH}:5:157:"
    assert failure.text == f"{where} deprecated-credit {DEPRECATED.message}\nfix: {DEPRECATED.fix}"
    # Info findings do not fail the test case; they are kept as its output.
    assert out_note.tag == "system-out"
    assert out_note.text == f"{STORY_PATH}:12:1: missing-copyright {MISSING.message}\nfix: {MISSING.fix}"


def test_junit_one_failure_per_finding_and_failures_count_test_cases() -> None:
    second = finding("unknown `Xyz`", "Xyz", path=STORY_PATH, check="unknown-source")
    result = RunResult.merge([FileResult(STORY_PATH, "html", DAY, "metadata", (DEPRECATED, second))])
    root = ET.fromstring(render(OutputFormat.JUNIT, result))
    assert root.get("tests") == "1"
    assert root.get("failures") == "1"
    assert [f.get("type") for f in root.iter("failure")] == ["unknown-source", "deprecated-credit"]


def test_junit_clean_run_has_no_failures() -> None:
    root = ET.fromstring(render(OutputFormat.JUNIT, EMPTY))
    assert root.get("failures") == "0"
    assert [c.get("name") for c in root.iter("testcase")] == [CLEAN_PATH]
    assert list(root.iter("failure")) == []


def test_junit_escapes_markup_and_characters_xml_cannot_hold() -> None:
    out = render(OutputFormat.JUNIT, alone(finding('a <b> & "c"\x0c\td')))
    [failure] = ET.fromstring(out).iter("failure")
    assert failure.get("message") == 'a <b> & "c"\\x0c\td'
    assert failure.text == 'a.txt:1:1: credit-format a <b> & "c"\\x0c\td'


# --- sarif --------------------------------------------------------------------------------


def _sarif(result: RunResult = RESULT) -> Any:
    return json.loads(render(OutputFormat.SARIF, result))


@pytest.mark.parametrize("result", [RESULT, EMPTY], ids=["findings", "clean"])
def test_sarif_validates_against_the_official_schema(result: RunResult) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(_sarif(result)), key=lambda e: list(e.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_sarif_log_and_driver() -> None:
    from creditcheck import __version__

    data = _sarif()
    assert data["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert data["version"] == "2.1.0"
    [run] = data["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "creditcheck"
    assert driver["version"] == __version__
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_rules_are_every_check() -> None:
    rules = _sarif()["runs"][0]["tool"]["driver"]["rules"]
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    assert rules == [
        {
            "id": c.name,
            "name": c.name,
            "shortDescription": {"text": c.summary},
            "fullDescription": {"text": c.doc.strip()},
            "help": {"text": c.doc.strip()},
            "defaultConfiguration": {"level": levels[c.severity]},
            "properties": {"code": c.code},
        }
        for c in ALL_CHECKS
    ]


def test_sarif_results_exact() -> None:
    index = {c.name: i for i, c in enumerate(ALL_CHECKS)}
    odd_location = {"uri": "articles/caf%C3%A9%20100%25%3A%20a%2Cb.md", "uriBaseId": "%SRCROOT%"}
    story_location = {"uri": "articles/story.html", "uriBaseId": "%SRCROOT%"}
    deprecated_region = {"startLine": 5, "startColumn": 157, "endLine": 5, "endColumn": 196}
    replacement = {"deletedRegion": deprecated_region, "insertedContent": {"text": DEPRECATED.fix}}
    results = _sarif()["runs"][0]["results"]
    assert results == [
        {
            "ruleId": "credit-format",
            "ruleIndex": index["credit-format"],
            "level": "warning",
            "message": {"text": ODD.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": odd_location,
                        "region": {"startLine": 3, "startColumn": 5, "endLine": 4, "endColumn": 2},
                    }
                }
            ],
            "partialFingerprints": {"creditcheck/v1": fingerprint(ODD)},
            "properties": {"code": "CC203"},
        },
        {
            "ruleId": "deprecated-credit",
            "ruleIndex": index["deprecated-credit"],
            "level": "error",
            "message": {"text": f"{DEPRECATED.message}\nfix: Brendan Smialowski/AFP via Getty Images/TNS"},
            "locations": [
                {"physicalLocation": {"artifactLocation": story_location, "region": deprecated_region}}
            ],
            "partialFingerprints": {"creditcheck/v1": fingerprint(DEPRECATED)},
            "fixes": [
                {
                    "description": {"text": "Replace with Brendan Smialowski/AFP via Getty Images/TNS"},
                    "artifactChanges": [
                        {
                            "artifactLocation": story_location,
                            "replacements": [replacement],
                        }
                    ],
                }
            ],
            "properties": {"code": "CC202", "source": "afp"},
        },
        {
            "ruleId": "missing-copyright",
            "ruleIndex": index["missing-copyright"],
            "level": "note",
            "message": {"text": f"{MISSING.message}\nfix: © 2020 the Japan Times"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": story_location,
                        "region": {"startLine": 12, "startColumn": 1, "endLine": 12, "endColumn": 1},
                    }
                }
            ],
            "partialFingerprints": {"creditcheck/v1": fingerprint(MISSING)},
            "properties": {"code": "CC301", "source": "japan-times"},
        },
    ]


def test_sarif_rule_index_points_at_the_rule() -> None:
    run = _sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_result_for_an_unlisted_check_has_no_rule_index() -> None:
    [result] = _sarif(alone(finding("m", check="not-a-check")))["runs"][0]["results"]
    assert result["ruleId"] == "not-a-check"
    assert "ruleIndex" not in result


# RFC 3986: unreserved and reserved characters, and well-formed percent escapes.
_URI = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("a/b.txt", {"uri": "a/b.txt", "uriBaseId": "%SRCROOT%"}),
        (ODD_PATH, {"uri": "articles/caf%C3%A9%20100%25%3A%20a%2Cb.md", "uriBaseId": "%SRCROOT%"}),
        ("x:y.txt", {"uri": "x%3Ay.txt", "uriBaseId": "%SRCROOT%"}),
        ("dir/#1 [draft]?.md", {"uri": "dir/%231%20%5Bdraft%5D%3F.md", "uriBaseId": "%SRCROOT%"}),
        (r"caf\xe9.txt", {"uri": "caf%5Cxe9.txt", "uriBaseId": "%SRCROOT%"}),
        ("/srv/news/a b.txt", {"uri": "file:///srv/news/a%20b.txt"}),
        ("C:/news/a b.txt", {"uri": "file:///C:/news/a%20b.txt"}),
    ],
)
def test_sarif_uris_are_percent_encoded(path: str, expected: dict[str, str]) -> None:
    location = artifact_location(path)
    assert location == expected
    uri = location["uri"]
    body = uri.removeprefix("file://")
    assert _URI.fullmatch(body)
    if "uriBaseId" in location:
        assert unquote(uri) == path
    else:
        assert unquote(body).removeprefix("/") == path.removeprefix("/")
