"""The command line: the only module that prints or exits."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import click

from creditcheck import __version__
from creditcheck.errors import CreditcheckError, RuleFileError
from creditcheck.model import ExitCode, FileResult, RunResult, Severity

if TYPE_CHECKING:
    from creditcheck.ruleset import RuleSet

DEFAULT_RULES = "rules"


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD") from None


def _rules_dir(value: str | None) -> str:
    if value is not None:
        return value
    if os.path.isdir(DEFAULT_RULES):
        return DEFAULT_RULES
    raise CreditcheckError(f"no rules folder: ./{DEFAULT_RULES} does not exist here; pass --rules DIR")


def _load(rules: str | None) -> RuleSet:
    from creditcheck.ruleset import load_rules

    return load_rules(_rules_dir(rules))


def _scan(
    paths: Sequence[str], rules: str | None, published: dt.date | None, jobs: int | None, max_size: float
) -> tuple[RunResult, list[FileResult]]:
    from creditcheck.discover import discover
    from creditcheck.scan import ScanOptions, scan_targets

    ruleset = _load(rules)
    targets = discover(list(paths))
    options = ScanOptions(published=published, max_size=int(max_size * 1024 * 1024))
    results = scan_targets(targets, ruleset, options, jobs)
    return RunResult.merge(results), results


_rules_option = click.option(
    "--rules",
    "rules",
    metavar="DIR",
    default=None,
    help="Folder of rule files (default: ./rules).",
)
_published_option = click.option(
    "--published",
    metavar="DATE",
    callback=_date,
    default=None,
    help="Publication date YYYY-MM-DD for every file (overrides metadata and datelines).",
)
_jobs_option = click.option(
    "--jobs",
    "-j",
    type=int,
    default=None,
    metavar="N",
    help="Worker processes (default: all cores; small runs use one).",
)
_max_size_option = click.option(
    "--max-size",
    type=click.FloatRange(min=0.001),
    default=20.0,
    show_default=True,
    metavar="MB",
    help="Files larger than this are reported as unreadable-file instead of being read.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="creditcheck")
def main() -> None:
    """Check photo credits and copyright notices in articles against license rule files."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_rules_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@_published_option
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@_jobs_option
@_max_size_option
def check(
    paths: tuple[str, ...],
    rules: str | None,
    fmt: str,
    published: dt.date | None,
    fail_on: str,
    jobs: int | None,
    max_size: float,
) -> None:
    """Check articles (files, or folders searched for .txt, .md and .html files).

    Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage or rule-file error.
    """
    from creditcheck.reporters import OutputFormat

    with _errors():
        result, _ = _scan(paths, rules, published, jobs, max_size)
    out_format = OutputFormat(fmt)
    color = out_format is OutputFormat.TEXT and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(out_format.reporter()(result, color=color), nl=False)
    threshold = Severity.parse(fail_on)
    failed = any(f.severity >= threshold for f in result.findings)
    sys.exit(ExitCode.FINDINGS if failed else ExitCode.CLEAN)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_published_option
@_jobs_option
@_max_size_option
def inventory(
    paths: tuple[str, ...],
    rules: str | None,
    fmt: str,
    published: dt.date | None,
    jobs: int | None,
    max_size: float,
) -> None:
    """List every photo credit and copyright notice found, with its parse."""
    from creditcheck.inventory import render_json, render_text

    with _errors():
        _, results = _scan(paths, rules, published, jobs, max_size)
    results = sorted(results, key=lambda r: r.path)
    click.echo(render_json(results) if fmt == "json" else render_text(results), nl=False)
    for r in results:
        for f in r.findings:
            if f.check == "unreadable-file":
                click.echo(f"{f.path}: {f.message}", err=True)


@main.command()
@click.argument("name", required=False)
def explain(name: str | None) -> None:
    """Explain a check (by name or code); without NAME, list every check."""
    from creditcheck.checks import ALL_CHECKS

    if name is None:
        for c in ALL_CHECKS:
            click.echo(f"{c.code}  {c.name:<22} {c.severity.label:<8} {c.summary}")
        return
    for c in ALL_CHECKS:
        if name in (c.name, c.code):
            click.echo(f"{c.name} ({c.code}, default severity {c.severity.label})\n")
            click.echo(c.doc.rstrip())
            return
    click.echo(
        f"creditcheck: error: no check named {name!r}; run `creditcheck explain` for the list", err=True
    )
    sys.exit(ExitCode.USAGE)


@main.group()
def rules() -> None:
    """Work with rule files."""


@rules.command("lint")
@click.argument("folder", required=False, type=click.Path())
def rules_lint(folder: str | None) -> None:
    """Validate every rule file in FOLDER (default: ./rules) without scanning anything."""
    from creditcheck.ruleset import lint_rules

    target = folder or DEFAULT_RULES
    ruleset, errors = lint_rules(target)
    if errors:
        for e in errors:
            click.echo(str(e), err=True)
        click.echo(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {target}", err=True)
        sys.exit(ExitCode.USAGE)
    assert ruleset is not None
    click.echo(f"{target}: {len(ruleset.rules)} rule files OK")


class _errors:
    """Turn creditcheck's own errors into one line on stderr and exit status 2."""

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object
    ) -> Literal[False]:
        if isinstance(exc, RuleFileError):
            click.echo(f"creditcheck: error: invalid rule file: {exc}", err=True)
            sys.exit(ExitCode.USAGE)
        if isinstance(exc, CreditcheckError):
            click.echo(f"creditcheck: error: {exc}", err=True)
            sys.exit(ExitCode.USAGE)
        return False
