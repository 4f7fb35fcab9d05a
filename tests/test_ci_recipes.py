"""The CI recipes as shipped and documented, run as far as this machine allows.

docs/ci.md's GitHub workflow is parsed and its steps run in order with GitHub's rules for
`if:` (a failed step skips later ones unless they say `!cancelled()`); action.yml's steps run
with a real install into their own virtual environment; the GitLab template's script runs
line by line as GitLab's shell would. Only what needs GitHub or GitLab themselves (checkout,
setup-python, upload-sarif, the package install from a registry) is left out, and each of
those is checked to be what the recipe says it is.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT, RULES, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

CI_MD = ROOT / "docs" / "ci.md"
BIN = Path(sys.executable).parent
CLEAN = """Talks resume

Leaders meet in Panmunjom. (Brendan Smialowski/AFP via Getty Images/TNS)
January 14, 2020

Body text of the article.
"""
DEBT = CLEAN.replace("AFP via Getty Images", "AFP/Getty Images")
NEW = CLEAN.replace("(Brendan Smialowski/AFP via Getty Images/TNS)", "(Issei Kato/Reuters)")


def yaml_blocks(markdown: str, title: str) -> list[str]:
    """The ```yaml blocks of a page whose first line (a comment naming the file) is ``title``."""
    blocks = re.findall(r"```yaml\n(.*?)```", markdown, re.S)
    return [block for block in blocks if block.splitlines()[0] == title]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content repository: `main` holds old debt, the pull request adds a new violation."""
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    shutil.copytree(RULES, root / "licenses")
    (root / "creditcheck.yaml").write_text("rules: licenses\ninclude: ['articles/**']\n", encoding="utf-8")
    (root / "articles" / "old.txt").write_text(DEBT, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "main")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")  # what actions/checkout fetches
    git(root, "checkout", "-q", "-b", "pr")
    (root / "articles" / "new.txt").write_text(NEW, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "pull request")
    return root


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # GitHub runs `shell: bash` steps as `bash --noprofile --norc -eo pipefail {0}`.
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def ci_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


# --- the documented GitHub workflow ----------------------------------------------------------

# GitHub's step conditions as the documented workflow uses them: (a step failed, the event).
CONDITIONS: dict[str | None, Callable[[bool, str], bool]] = {
    None: lambda failed, event: not failed,
    "github.event_name == 'pull_request'": lambda failed, event: not failed and event == "pull_request",
    "github.event_name != 'pull_request'": lambda failed, event: not failed and event != "pull_request",
    "${{ !cancelled() }}": lambda failed, event: True,
    "always()": lambda failed, event: True,
}


def run_workflow(steps: list[dict[str, Any]], event: str, repo: Path) -> list[tuple[str, int, str]]:
    """Run the steps as GitHub would; (step, exit status, stdout) for each step that ran."""
    ran: list[tuple[str, int, str]] = []
    failed = False
    for step in steps:
        condition = step.get("if")
        assert condition in CONDITIONS, f"a step condition the test does not know: {condition!r}"
        if not CONDITIONS[condition](failed, event):
            continue
        if "uses" in step:
            action = step["uses"].split("@")[0]
            if action == "github/codeql-action/upload-sarif":
                sarif = json.loads((repo / step["with"]["sarif_file"]).read_text(encoding="utf-8"))
                assert sarif["version"] == "2.1.0"
            else:
                assert action in ("actions/checkout", "actions/setup-python"), action
            ran.append((action, 0, ""))
            continue
        script = step["run"].replace("${{ github.base_ref }}", "main")
        assert "${{" not in script, f"an expression the test does not know in {script!r}"
        if script.startswith("pip install"):
            ran.append(("pip install", 0, ""))  # the test's own creditcheck is on PATH
            continue
        done = bash(script, repo, ci_env())
        assert done.returncode in (0, 1), done.stderr
        ran.append((" ".join(script.split()[:4]), done.returncode, done.stdout))
        failed = failed or done.returncode != 0
    return ran


def documented_workflow() -> dict[str, Any]:
    (block,) = yaml_blocks(CI_MD.read_text(encoding="utf-8"), "# .github/workflows/credits.yml")
    workflow = yaml.safe_load(block)
    assert isinstance(workflow, dict)
    return workflow


def test_the_documented_workflow_parses_and_uploads_sarif_even_when_the_gate_fails(content: Path) -> None:
    workflow = documented_workflow()
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}
    steps = workflow["jobs"]["creditcheck"]["steps"]
    ran = run_workflow(steps, "pull_request", content)
    assert [(name, code) for name, code, _ in ran] == [
        ("actions/checkout", 0),
        ("actions/setup-python", 0),
        ("pip install", 0),
        ("creditcheck check --format github", 1),
        ("creditcheck check --format sarif", 0),
        ("github/codeql-action/upload-sarif", 0),
    ]
    # The pull request's annotations name only its own new violation...
    assert ran[3][2].startswith("::error file=articles/new.txt,line=3,col=40,")
    assert ran[3][2].count("\n") == 1
    # ...while the uploaded report covers the whole project.
    sarif = json.loads((content / "creditcheck.sarif").read_text(encoding="utf-8"))
    uris = sorted(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
    )
    assert uris == ["articles/new.txt", "articles/old.txt"]


def test_the_documented_workflow_on_a_push_gates_the_whole_project(content: Path) -> None:
    ran = run_workflow(documented_workflow()["jobs"]["creditcheck"]["steps"], "push", content)
    assert [(name, code) for name, code, _ in ran][3:] == [
        ("creditcheck check --format github", 1),
        ("creditcheck check --format sarif", 0),
        ("github/codeql-action/upload-sarif", 0),
    ]
    assert [line.split(",")[0] for line in ran[3][2].splitlines()] == [
        "::error file=articles/new.txt",
        "::error file=articles/old.txt",
    ]


def test_the_documented_action_usage_matches_action_yml() -> None:
    title = "# .github/workflows/credits.yml, the same job with the action"
    (block,) = yaml_blocks(CI_MD.read_text(encoding="utf-8"), title)
    steps = yaml.safe_load(block)["steps"]
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    (uses,) = [s for s in steps if s.get("uses", "").split("@")[0].endswith("/creditcheck")]
    assert set(uses["with"]) <= set(action["inputs"])
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert upload["if"] in ("${{ !cancelled() }}", "always()")
    assert upload["with"]["sarif_file"] == uses["with"]["sarif"]


# --- action.yml --------------------------------------------------------------------------------


def copy_package(into: Path, *extra: str) -> None:
    """What a checkout of the package needs to install it (its build files and sources), and ``extra``."""
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", *extra):
        shutil.copy(ROOT / name, into / name)
    leave_out = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for folder in ("src", "tools"):
        shutil.copytree(ROOT / folder, into / folder, ignore=leave_out)


def action_checkout(tmp_path: Path) -> Path:
    """What `uses: OWNER/creditcheck@TAG` checks out: the package and the action."""
    out = tmp_path / "action"
    out.mkdir()
    copy_package(out, "action.yml")
    return out


def run_action(
    action_path: Path, inputs: dict[str, str], repo: Path, runner: Path, installed: bool = False
) -> tuple[int, str, dict[str, str]]:
    """Run action.yml's steps; (exit status of the last step run, its stdout, the step outputs).

    ``installed``: the install step already ran in ``runner`` (a second use in the same job).
    """
    action = yaml.safe_load((action_path / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update(inputs)
    env = ci_env()
    env.update(RUNNER_TEMP=str(runner), GITHUB_PATH=str(runner / "path"), GITHUB_OUTPUT=str(runner / "out"))
    code, out = 0, ""
    steps = action["runs"]["steps"]
    assert steps[0]["name"] == "Install creditcheck"
    if installed:
        steps = steps[1:]
        env["PATH"] = os.pathsep.join([*reversed((runner / "path").read_text().split()), env["PATH"]])
    for step in steps:
        assert step["shell"] == "bash"  # composite steps must name their shell

        def expand(text: str) -> str:
            text = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: values[m.group(1)], text)
            text = text.replace("${{ github.action_path }}", str(action_path))
            assert "${{" not in text, text
            return text

        step_env = {**env, **{k: expand(str(v)) for k, v in step.get("env", {}).items()}}
        done = bash(expand(step["run"]), repo, step_env)
        code, out = done.returncode, done.stdout
        if code != 0:
            break
        added = (runner / "path").read_text(encoding="utf-8").split() if (runner / "path").exists() else []
        env["PATH"] = os.pathsep.join([*reversed(added), env["PATH"]])
    outputs = {}
    if (runner / "out").exists():
        outputs = dict(
            line.split("=", 1) for line in (runner / "out").read_text(encoding="utf-8").splitlines()
        )
    return code, out, outputs


def test_the_action_installs_itself_gates_the_changes_and_writes_sarif_for_everything(
    content: Path, tmp_path: Path
) -> None:
    runner = tmp_path / "runner"
    runner.mkdir()
    action_path = action_checkout(tmp_path)
    inputs = {"changed-since": "origin/main", "sarif": "creditcheck.sarif"}
    code, out, outputs = run_action(action_path, inputs, content, runner)
    assert code == 1
    assert [line.split(",")[0] for line in out.splitlines()] == ["::error file=articles/new.txt"]
    assert outputs == {"sarif": "creditcheck.sarif"}
    sarif = json.loads((content / "creditcheck.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 2
    # It ran the creditcheck it installed, in its own environment.
    assert (runner / "creditcheck" / "bin" / "creditcheck").is_file()
    # A broken configuration fails the step with status 2, even with no finding.
    (content / "creditcheck.yaml").write_text("rules: nowhere\n", encoding="utf-8")
    (runner / "out").unlink()
    code, _, _ = run_action(action_path, {"sarif": "creditcheck.sarif"}, content, runner, installed=True)
    assert code == 2


# --- the GitLab template ---------------------------------------------------------------------------


def run_gitlab_job(
    job: dict[str, Any], repo: Path, variables: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """The job's script as GitLab runs it: one shell, each line stopping the job if it fails."""
    script = list(job["script"])
    assert script[0].startswith("pip install") and "$CREDITCHECK_INSTALL" in script[0]
    env = {**ci_env(), **{k: str(v) for k, v in job["variables"].items()}, **variables}
    return bash("\n".join(script[1:]), repo, env)


def test_the_gitlab_template_writes_code_quality_and_gates(content: Path) -> None:
    template = yaml.safe_load((ROOT / "ci" / "creditcheck.gitlab-ci.yml").read_text(encoding="utf-8"))
    job = template["creditcheck"]
    assert job["artifacts"]["when"] == "always"
    report_file = job["artifacts"]["reports"]["codequality"]
    done = run_gitlab_job(job, content, {})
    assert done.returncode == 1
    assert done.stdout.endswith("Found 2 errors in 2 of 2 files (1 with a fix).\n")
    issues = json.loads((content / report_file).read_text(encoding="utf-8"))
    assert [(i["check_name"], i["location"]["path"]) for i in issues] == [
        ("unlicensed-source", "articles/new.txt"),
        ("deprecated-credit", "articles/old.txt"),
    ]
    # Clean: the job passes; broken rules: it fails at the report, which is not written.
    (content / "articles" / "new.txt").unlink()
    done = run_gitlab_job(job, content, {"CREDITCHECK_ARGS": "--severity deprecated-credit=warning"})
    assert done.returncode == 0
    (content / report_file).unlink()
    (content / "creditcheck.yaml").write_text("rules: nowhere\n", encoding="utf-8")
    done = run_gitlab_job(job, content, {})
    assert done.returncode != 0
    assert done.stderr == "creditcheck: error: creditcheck.yaml:1: the rules folder nowhere does not exist\n"
    assert not (content / report_file).exists()


def test_the_documented_gitlab_job_is_the_template_s_job() -> None:
    included, copied = yaml_blocks(CI_MD.read_text(encoding="utf-8"), "# .gitlab-ci.yml")
    assert yaml.safe_load(included)["include"][0]["remote"].endswith("/ci/creditcheck.gitlab-ci.yml")
    job = yaml.safe_load(copied)["creditcheck"]
    template = yaml.safe_load((ROOT / "ci" / "creditcheck.gitlab-ci.yml").read_text(encoding="utf-8"))[
        "creditcheck"
    ]
    assert job["artifacts"] == template["artifacts"]
    assert [re.sub(r"\s*\$CREDITCHECK_\w+", "", line) for line in template["script"][1:]] == job["script"][1:]


# --- pre-commit ----------------------------------------------------------------------------------


def creditcheck_repository(tmp_path: Path, tag: str) -> Path:
    """This checkout as pre-commit fetches it: a git repository with the release tag."""
    repo = tmp_path / "creditcheck"
    repo.mkdir()
    copy_package(repo, ".pre-commit-hooks.yaml")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "release")
    git(repo, "tag", "-a", tag, "-m", f"creditcheck {tag}")
    return repo


def test_pre_commit_checks_only_the_articles_among_the_staged_files(content: Path, tmp_path: Path) -> None:
    pre_commit = BIN / "pre-commit"
    assert pre_commit.is_file(), "pre-commit is in the test extra: pip install -e '.[test]'"
    (config,) = yaml_blocks(CI_MD.read_text(encoding="utf-8"), "# .pre-commit-config.yaml")
    documented = yaml.safe_load(config)
    rev = documented["repos"][0]["rev"]
    # The documented rev is the release tag of this version (docs/ci.md, "Releases").
    version = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert version is not None and rev == f"v{version.group(1)}"
    documented["repos"][0]["repo"] = str(creditcheck_repository(tmp_path, rev))
    (content / ".pre-commit-config.yaml").write_text(yaml.safe_dump(documented), encoding="utf-8")
    (content / "README.md").write_text("# Our articles\n\n![logo](logo.png)\n", encoding="utf-8")
    env = {**ci_env(), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    staged = ["licenses/afp.yaml", "README.md", "articles/old.txt"]

    def pre_commit_run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "run", "--files", *staged],
            cwd=content,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    done = pre_commit_run()
    assert done.returncode == 1, done.stdout + done.stderr
    hook_output = done.stdout.split("- exit code: 1", 1)[1]
    # Only the article is checked: no finding for the rule file or the README (whose picture
    # has no credit), and the summary counts one file.
    assert hook_output.strip().splitlines() == [
        "articles/old.txt:3:29: error deprecated-credit [CC202] `Brendan Smialowski/AFP/Getty Images/TNS` "
        "is a retired Agence France-Presse credit form: write `Brendan Smialowski/AFP via Getty Images/TNS`",
        "    fix: Brendan Smialowski/AFP via Getty Images/TNS",
        "",
        "Found 1 error in 1 of 1 file (1 with a fix).",
    ]
    # With the article fixed, the same files pass.
    (content / "articles" / "old.txt").write_text(CLEAN, encoding="utf-8")
    done = pre_commit_run()
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"creditcheck \(changed articles\)\.+Passed", done.stdout)
