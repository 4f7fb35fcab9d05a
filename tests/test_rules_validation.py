"""Broken rule files: one exact line per problem (file, line, key), exit status 2, never a traceback.

Each case is a folder built in tmp_path; it is checked twice, by ``creditcheck rules lint DIR``
(every problem, then a count) and by ``creditcheck check|inventory --rules DIR fixtures/clean``
(the first problem, prefixed, before anything is scanned).  fixtures/rules-broken/several/ is a
folder with several broken files, for the documentation.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from creditcheck.cli import main
from creditcheck.errors import RuleFileError
from creditcheck.rulefiles import _LICENSE, _TOP
from creditcheck.ruleset import lint_rules, load_rules
from tests.helpers import FIXTURES, PATHOLOGICAL

CLEAN = str(FIXTURES / "clean")
GOOD = "name: Good Agency\nkind: agency\nlicense:\n  status: active\n"
# The keys an "unknown key" error lists, as the validator knows them.
TOP_KEYS = ", ".join(_TOP)
LICENSE_KEYS = ", ".join(_LICENSE)


def rule(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


def make(root: Path, files: dict[str, str | bytes], name: str = "rules") -> str:
    folder = root / name
    folder.mkdir()
    for file, content in files.items():
        data = content.encode() if isinstance(content, str) else content
        (folder / file).write_bytes(data)
    return name


def invoke(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"creditcheck crashed: {result.exception!r}") from result.exception
    return result


def assert_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, errors: list[str]) -> None:
    """``rules lint`` prints every error and a count; ``check`` and ``inventory`` the first; all exit 2."""
    lint = invoke(["rules", "lint", folder], tmp_path, monkeypatch)
    count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {folder}"
    assert (lint.exit_code, lint.stdout, lint.stderr) == (2, "", "".join(f"{e}\n" for e in [*errors, count]))
    for command in ("check", "inventory"):
        result = invoke([command, "--rules", folder, CLEAN], tmp_path, monkeypatch)
        assert (result.exit_code, result.stdout, result.stderr) == (
            2,
            "",
            f"creditcheck: error: invalid rule file: {errors[0]}\n",
        )


# (files of the folder, the exact errors `rules lint` prints, in order)
CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "invalid-yaml": (
        {"bad.yaml": rule("name: X", "kind: agency", "license:", "  status: [active")},
        ["rules/bad.yaml:5: not valid YAML: did not find expected ',' or ']'"],
    ),
    "tab-indent": (
        {"bad.yaml": rule("name: X", "kind: agency", "license:", "\tstatus: active")},
        ["rules/bad.yaml:4: not valid YAML: found character that cannot start any token"],
    ),
    "unknown-key": (
        {"bad.yaml": rule("name: X", "kind: agency", "colour: red", "license:", "  status: active")},
        [f"rules/bad.yaml:3: colour: unknown key; expected one of: {TOP_KEYS}"],
    ),
    "unknown-license-key": (
        {
            "bad.yaml": rule(
                "name: X", "kind: agency", "license:", "  status: active", "  expires: 2020-01-01"
            )
        },
        [f"rules/bad.yaml:5: license.expires: unknown key; expected one of: {LICENSE_KEYS}"],
    ),
    "duplicate-key": (
        {"bad.yaml": rule("name: X", "name: Y", "kind: agency", "license:", "  status: active")},
        ["rules/bad.yaml:2: name: duplicate key"],
    ),
    "missing-name": (
        {"bad.yaml": rule("kind: agency", "license:", "  status: active")},
        ["rules/bad.yaml:1: name: required key is missing"],
    ),
    "missing-kind": (
        {"bad.yaml": rule("name: X", "license:", "  status: active")},
        ["rules/bad.yaml:1: kind: required key is missing"],
    ),
    "missing-license": (
        {"bad.yaml": rule("name: X", "kind: agency")},
        ["rules/bad.yaml:1: license: required key is missing"],
    ),
    "missing-status": (
        {"bad.yaml": rule("name: X", "kind: agency", "license:", "  from: 2020-01-01")},
        ["rules/bad.yaml:4: license.status: required key is missing"],
    ),
    "empty-name": (
        {"bad.yaml": rule("name:", "kind: agency", "license:", "  status: active")},
        ["rules/bad.yaml:1: name: expected a string, got nothing"],
    ),
    "name-is-a-list": (
        {"bad.yaml": rule("name: [X, Y]", "kind: agency", "license:", "  status: active")},
        ["rules/bad.yaml:1: name: expected a string, got a list"],
    ),
    "aliases-is-a-mapping": (
        {"bad.yaml": rule("name: X", "kind: agency", "aliases: {a: b}", "license:", "  status: active")},
        ["rules/bad.yaml:3: aliases: expected a list, got a mapping"],
    ),
    "license-is-a-string": (
        {"bad.yaml": rule("name: X", "kind: agency", "license: active")},
        ["rules/bad.yaml:3: license: expected a mapping, got 'active'"],
    ),
    "top-is-a-list": (
        {"bad.yaml": rule("- name: X", "- kind: agency")},
        ["rules/bad.yaml:1: expected a mapping, got a list"],
    ),
    "bad-kind": (
        {"bad.yaml": rule("name: X", "kind: agencyy", "license:", "  status: active")},
        ["rules/bad.yaml:2: kind: 'agencyy' is not one of: agency, distributor, syndicator, publisher"],
    ),
    "bad-status": (
        {"bad.yaml": rule("name: X", "kind: agency", "license:", "  status: maybe")},
        ["rules/bad.yaml:4: license.status: 'maybe' is not one of: active, none, suspended"],
    ),
    "bad-boolean": (
        {
            "bad.yaml": rule(
                "name: X",
                "kind: agency",
                "license:",
                "  status: active",
                "notice:",
                '  template: "© {year} X"',
                "  required: maybe",
            )
        },
        ["rules/bad.yaml:7: notice.required: expected true or false, got 'maybe'"],
    ),
    "negative-cap": (
        {"bad.yaml": rule("name: X", "kind: agency", "license:", "  status: active", "  monthly_cap: -5")},
        ["rules/bad.yaml:5: license.monthly_cap: expected a whole number, got '-5'"],
    ),
    "cap-of-an-unknown-kind": (
        {
            "bad.yaml": rule(
                "name: X", "kind: agency", "license:", "  status: active", "  monthly_cap:", "    videos: 3"
            )
        },
        ["rules/bad.yaml:6: license.monthly_cap.videos: unknown key; expected one of: photos, stories"],
    ),
    "story-cap-not-a-number": (
        {
            "bad.yaml": rule(
                "name: X", "kind: agency", "license:", "  status: active", "  monthly_cap: {stories: many}"
            )
        },
        ["rules/bad.yaml:5: license.monthly_cap.stories: expected a whole number, got 'many'"],
    ),
    "contract-unknown-key": (
        {
            "bad.yaml": rule(
                "name: X", "kind: agency", "license:", "  status: active", "contract:", "  fee: 3"
            )
        },
        [
            "rules/bad.yaml:6: contract.fee: unknown key; expected one of: "
            "reference, contact, renewal_notice_days, currency, rates"
        ],
    ),
    "contract-rate-not-an-amount": (
        {
            "bad.yaml": rule(
                "name: X",
                "kind: agency",
                "license:",
                "  status: active",
                "contract:",
                "  currency: USD",
                "  rates: {photo: 25, story: -3}",
            )
        },
        ["rules/bad.yaml:7: contract.rates.story: expected an amount such as 25 or 12.50, got '-3'"],
    ),
    "contract-rates-without-currency": (
        {
            "bad.yaml": rule(
                "name: X", "kind: agency", "license:", "  status: active", "contract:", "  rates: {photo: 25}"
            )
        },
        ["rules/bad.yaml:6: contract: rates need a currency: add contract.currency (e.g. USD)"],
    ),
    "contract-bad-currency": (
        {
            "bad.yaml": rule(
                "name: X", "kind: agency", "license:", "  status: active", "contract:", "  currency: dollars"
            )
        },
        [
            "rules/bad.yaml:6: contract.currency: expected a three-letter currency code such as USD, "
            "got 'dollars'"
        ],
    ),
    "contract-notice-days-negative": (
        {
            "bad.yaml": rule(
                "name: X",
                "kind: agency",
                "license:",
                "  status: active",
                "contract:",
                "  renewal_notice_days: -30",
            )
        },
        ["rules/bad.yaml:6: contract.renewal_notice_days: expected a whole number, got '-30'"],
    ),
    "contract-reference-disagrees": (
        {
            "bad.yaml": rule(
                "name: X",
                "kind: agency",
                "license:",
                "  status: active",
                "  agreement: GI-1",
                "contract:",
                "  reference: GI-2",
            )
        },
        [
            "rules/bad.yaml:7: contract.reference: differs from license.agreement ('GI-1'); "
            "write the reference once"
        ],
    ),
    "bad-date": (
        {"bad.yaml": rule("name: X", "kind: agency", "license:", "  status: active", "  from: 2020-13-01")},
        ["rules/bad.yaml:5: license.from: expected a date written YYYY-MM-DD, got '2020-13-01'"],
    ),
    "date-not-a-date": (
        {"bad.yaml": rule("name: X", "kind: agency", "license:", "  status: active", "  until: soon")},
        ["rules/bad.yaml:5: license.until: expected a date written YYYY-MM-DD, got 'soon'"],
    ),
    "until-before-from": (
        {
            "bad.yaml": rule(
                "name: X",
                "kind: agency",
                "license:",
                "  status: active",
                "  from: 2020-01-01",
                "  until: 2019-12-31",
            )
        },
        ["rules/bad.yaml:6: license.until: license ends (2019-12-31) before it starts (2020-01-01)"],
    ),
    "form-until-before-from": (
        {
            "bad.yaml": rule(
                "name: X",
                "kind: agency",
                "license:",
                "  status: active",
                "credit:",
                "  accepted:",
                '    - form: "{photographer}/X"',
                "      from: 2021-01-01",
                "      until: 2020-01-01",
            )
        },
        ["rules/bad.yaml:9: credit.accepted[0].until: form leaves effect before it takes effect"],
    ),
    "unknown-placeholder": (
        {
            "bad.yaml": rule(
                "name: X",
                "kind: agency",
                "license:",
                "  status: active",
                "credit:",
                "  accepted:",
                '    - "{photog}/X"',
            )
        },
        [
            "rules/bad.yaml:7: credit.accepted[0]: unknown placeholder {photog}: "
            "use {collection}, {photographer}, {year}"
        ],
    ),
    "unbalanced-brace": (
        {
            "bad.yaml": rule(
                "name: X",
                "kind: agency",
                "license:",
                "  status: active",
                "credit:",
                "  accepted:",
                '    - "{photographer/X"',
            )
        },
        [
            "rules/bad.yaml:7: credit.accepted[0]: unbalanced brace: placeholders are written "
            "{photographer} or {year}"
        ],
    ),
    "notice-placeholder": (
        {
            "bad.yaml": rule(
                "name: X",
                "kind: agency",
                "license:",
                "  status: active",
                "notice:",
                '  template: "© {yaer} X"',
            )
        },
        ["rules/bad.yaml:6: notice.template: unknown placeholder {yaer}: use {photographer}, {year}"],
    ),
    "notice-collection": (
        {
            "bad.yaml": rule(
                "name: X",
                "kind: agency",
                "license:",
                "  status: active",
                "notice:",
                '  template: "© {year} {collection}"',
            )
        },
        ["rules/bad.yaml:6: notice.template: unknown placeholder {collection}: use {photographer}, {year}"],
    ),
    "collections-without-a-collection-form": (
        {
            "bad.yaml": rule(
                "name: X",
                "kind: distributor",
                "license:",
                "  status: active",
                "credit:",
                '  accepted: ["{photographer}/X"]',
                "  collections: [Gamma-Rapho]",
            )
        },
        ["rules/bad.yaml:7: credit.collections: no accepted form has a {collection} for these to fill"],
    ),
    "via-missing-rule": (
        {"bad.yaml": rule("name: X", "kind: agency", "license:", "  status: active", "  via: nowhere")},
        ["rules/bad.yaml:5: license.via: no valid rule file for 'nowhere' in rules"],
    ),
    "via-itself": (
        {"bad.yaml": rule("name: X", "kind: agency", "license:", "  status: active", "  via: bad")},
        ["rules/bad.yaml:5: license.via: a source cannot be licensed via itself"],
    ),
    "via-without-license": (
        {
            "bad.yaml": rule("name: X", "kind: agency", "license:", "  status: none", "  via: good"),
            "good.yaml": GOOD,
        },
        ["rules/bad.yaml:5: license.via: only an active license can be held via another source"],
    ),
    "via-loop": (
        {
            "a.yaml": rule("name: A", "kind: agency", "license:", "  status: active", "  via: b"),
            "b.yaml": rule("name: B", "kind: agency", "license:", "  status: active", "  via: c"),
            "c.yaml": rule("name: C", "kind: agency", "license:", "  status: active", "  via: a"),
        },
        [
            "rules/a.yaml:5: license.via: the via chain loops back on itself",
            "rules/b.yaml:5: license.via: the via chain loops back on itself",
            "rules/c.yaml:5: license.via: the via chain loops back on itself",
        ],
    ),
    "duplicate-alias": (
        {
            "a.yaml": rule(
                "name: A", "aliases: [Shared Name]", "kind: agency", "license:", "  status: active"
            ),
            "b.yaml": rule(
                "name: B",
                "kind: agency",
                "aliases:",
                "  - Other",
                "  - shared name",
                "license:",
                "  status: active",
            ),
        },
        ["rules/b.yaml:5: aliases[1]: 'shared name' is also a name of 'a'"],
    ),
    "bad-file-name": (
        {"Getty_Images.yaml": GOOD},
        [
            "rules/Getty_Images.yaml: the file name is the source id: "
            "use lowercase letters, digits and hyphens"
        ],
    ),
    "empty-file": (
        {"bad.yaml": ""},
        ["rules/bad.yaml:1: the file is empty"],
    ),
    "only-comments": (
        {"bad.yaml": "# nothing here yet\n"},
        ["rules/bad.yaml:1: the file is empty"],
    ),
    "not-utf8": (
        {"bad.yaml": b"name: Caf\xe9 Press\nkind: agency\nlicense:\n  status: active\n"},
        ["rules/bad.yaml:1: not UTF-8 text (byte 0xe9)"],
    ),
    "python-tag-on-a-value": (
        {
            "bad.yaml": rule(
                'name: !!python/object/apply:os.system ["echo PWNED > pwned.txt"]',
                "kind: agency",
                "license:",
                "  status: active",
            )
        },
        [
            "rules/bad.yaml:1: name: the tag 'tag:yaml.org,2002:python/object/apply:os.system' "
            "is not allowed in rule files"
        ],
    ),
    "several-files": (
        {
            "a.yaml": rule("name: A", "kind: agencyy", "license:", "  status: active"),
            "b.yaml": rule("name: B", "kind: agency", "license:", "  status: maybe"),
            "c.yaml": rule("name: [C"),
            "d.yaml": GOOD,
            "e.yml": rule("name: E", "kind: agency", "license:", "  status: active", "  via: nowhere"),
        },
        [
            "rules/a.yaml:2: kind: 'agencyy' is not one of: agency, distributor, syndicator, publisher",
            "rules/b.yaml:4: license.status: 'maybe' is not one of: active, none, suspended",
            "rules/c.yaml:2: not valid YAML: did not find expected ',' or ']'",
            "rules/e.yml:5: license.via: no valid rule file for 'nowhere' in rules",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_rule_folder(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files, errors = CASES[case]
    folder = make(tmp_path, files)
    assert_rejected(tmp_path, monkeypatch, folder, errors)
    assert not (tmp_path / "pwned.txt").exists()


def test_a_good_folder_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make(
        tmp_path,
        {
            "good.yaml": GOOD,
            "partner.yaml": rule(
                "name: Partner", "kind: publisher", "license:", "  status: active", "  via: good"
            ),
        },
    )
    result = invoke(["rules", "lint", folder], tmp_path, monkeypatch)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "rules: 2 rule files OK\n", "")


def assert_folder_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, lint: str, check: str
) -> None:
    """A rules folder that is not there: lint names it; check and inventory say where it was named."""
    result = invoke(["rules", "lint", folder], tmp_path, monkeypatch)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"{lint}\n1 problem in {folder}\n")
    for command in ("check", "inventory"):
        result = invoke([command, "--rules", folder, CLEAN], tmp_path, monkeypatch)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"creditcheck: error: {check}\n")


def test_rules_folder_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The message names the folder given, not a hint to pass --rules (which was passed).
    assert_folder_rejected(
        tmp_path,
        monkeypatch,
        "nope",
        "nope: rules folder not found",
        "--rules: the rules folder nope does not exist",
    )


def test_rules_folder_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rules.yaml").write_text(GOOD)
    assert_folder_rejected(
        tmp_path,
        monkeypatch,
        "rules.yaml",
        "rules.yaml: not a folder",
        "--rules: the rules folder rules.yaml is not a folder",
    )


def test_rules_folder_named_in_the_config_is_named_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "creditcheck.yaml").write_text("fail_on: error\nrules: licenses\n", encoding="utf-8")
    result = invoke(["check", CLEAN], tmp_path, monkeypatch)
    assert (result.exit_code, result.stderr) == (
        2,
        "creditcheck: error: creditcheck.yaml:2: the rules folder licenses does not exist\n",
    )


def test_rules_folder_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make(tmp_path, {"README.md": "# not a rule\n"})
    assert_rejected(tmp_path, monkeypatch, folder, ["rules: no rule files (*.yaml) in the rules folder"])


def test_the_documented_broken_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    root = FIXTURES / "rules-broken"
    assert_rejected(
        root,
        monkeypatch,
        "several",
        [
            "several/afp.yaml:10: license.until: license ends (2019-12-31) before it starts (2024-01-01)",
            "several/getty-images.yaml:12: credit.accepted[1]: unknown placeholder {photog}: "
            "use {collection}, {photographer}, {year}",
            f"several/reuters.yaml:6: license.expires: unknown key; expected one of: {LICENSE_KEYS}",
        ],
    )


@PATHOLOGICAL
def test_alias_bomb_is_rejected_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anchors are composed as shared nodes, never expanded: a "billion laughs" file is cheap."""
    levels = ['    - &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        levels.append(f"    - &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    folder = make(
        tmp_path,
        {
            "bad.yaml": rule(
                "name: X", "kind: agency", "license:", "  status: active", "credit:", "  accepted:", *levels
            ),
        },
    )
    _, errors = lint_rules(tmp_path / folder)
    assert [str(e) for e in errors] == [
        f"{tmp_path / folder / 'bad.yaml'}:7: credit.accepted[0]: expected a mapping, got a list"
    ]


def test_load_rules_raises_the_first_error_as_rule_file_error(tmp_path: Path) -> None:
    folder = tmp_path / make(tmp_path, CASES["several-files"][0])
    with pytest.raises(RuleFileError) as info:
        load_rules(folder)
    assert (Path(info.value.path).name, info.value.line, info.value.key) == ("a.yaml", 2, "kind")


def test_no_traceback_from_python_m(tmp_path: Path) -> None:
    folder = make(tmp_path, CASES["several-files"][0])
    for args in (["rules", "lint", folder], ["check", "--rules", folder, CLEAN]):
        out = subprocess.run(
            [sys.executable, "-m", "creditcheck", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert out.returncode == 2
        assert "Traceback" not in out.stderr
        first = "rules/a.yaml:2: kind: 'agencyy' is not one of"
        assert out.stderr.startswith((first, f"creditcheck: error: invalid rule file: {first}"))


# --- wrong behaviour found in ruleset.py, which this suite does not own -------------------------


def test_python_tag_on_a_mapping_is_rejected(tmp_path: Path) -> None:
    folder = make(
        tmp_path,
        {
            "bad.yaml": rule(
                "name: X", "kind: agency", "license: !!python/object/new:dict", "  status: active"
            ),
        },
    )
    _, errors = lint_rules(tmp_path / folder)
    assert [(Path(e.path).name, e.line, e.key) for e in errors] == [("bad.yaml", 3, "license")]
    assert "python/object/new:dict" in errors[0].message


def test_duplicate_alias_names_line_and_key(tmp_path: Path) -> None:
    folder = make(
        tmp_path,
        {
            "a.yaml": rule(
                "name: A", "aliases: [Shared Name]", "kind: agency", "license:", "  status: active"
            ),
            "b.yaml": rule(
                "name: B",
                "kind: agency",
                "aliases:",
                "  - Other",
                "  - shared name",
                "license:",
                "  status: active",
            ),
            "c.yaml": rule("name: Other", "kind: agency", "license:", "  status: active"),
        },
    )
    _, errors = lint_rules(tmp_path / folder)
    assert sorted((Path(e.path).name, e.line, e.key) for e in errors) == [
        ("b.yaml", 5, "aliases[1]"),
        ("c.yaml", 1, "name"),
    ]


def test_non_utf8_rule_file_names_the_line(tmp_path: Path) -> None:
    folder = make(tmp_path, {"bad.yaml": b"kind: agency\nname: Caf\xe9 Press\nlicense:\n  status: active\n"})
    _, errors = lint_rules(tmp_path / folder)
    assert [(Path(e.path).name, e.line) for e in errors] == [("bad.yaml", 2)]


def test_upper_case_extension_is_not_ignored(tmp_path: Path) -> None:
    folder = make(tmp_path, {"good.yaml": GOOD, "ap.YAML": GOOD.replace("Good Agency", "AP")})
    _, errors = lint_rules(tmp_path / folder)
    assert [Path(e.path).name for e in errors] == ["ap.YAML"]


def test_a_rule_file_without_read_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    folder = make(tmp_path, {"bad.yaml": GOOD})
    (tmp_path / folder / "bad.yaml").chmod(0)
    assert_rejected(tmp_path, monkeypatch, folder, ["rules/bad.yaml: cannot read: Permission denied"])
