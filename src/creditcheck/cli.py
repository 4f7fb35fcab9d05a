"""The command line: the only module that prints or exits."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from creditcheck import __version__, model
from creditcheck.compilecache import dataclass
from creditcheck.errors import CreditcheckError, RuleFileError
from creditcheck.model import ExitCode, FileResult, Finding, RunResult, Severity
from creditcheck.reporters import OutputFormat
from creditcheck.safetext import shown

if TYPE_CHECKING:
    from creditcheck.baseline import Applier
    from creditcheck.decode import Decoded
    from creditcheck.discover import Selecting, Target
    from creditcheck.ruleset import RuleSet
    from creditcheck.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_BASELINE = ".creditcheck-baseline.json"
# Seconds a `check` runs before its progress bar appears: an editor's one article never shows it.
CHECK_PROGRESS_DELAY = 1.0


# What the command is doing, named in the message of an internal error (exit status 3).
_STAGE = ["starting"]


def _stage(doing: str) -> None:
    _STAGE[0] = doing


@contextmanager
def _errors() -> Iterator[None]:
    """Turn creditcheck's own errors into one line on stderr and exit status 2, bugs into 3.

    A bug (any other exception) is never exit status 1, which means "findings": CI must be
    able to tell a crash from a violation.
    """
    try:
        yield
    except RuleFileError as exc:
        click.echo(f"creditcheck: error: invalid rule file: {shown(str(exc))}", err=True)
        sys.exit(ExitCode.USAGE)
    except CreditcheckError as exc:
        click.echo(f"creditcheck: error: {shown(str(exc))}", err=True)
        sys.exit(ExitCode.USAGE)
    except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        if os.environ.get("CREDITCHECK_DEBUG"):
            raise
        _internal_error(exc)


def _internal_error(exc: BaseException) -> NoReturn:
    from creditcheck.safetext import excerpt_error

    click.echo(
        f"creditcheck: internal error while {shown(_STAGE[0])}: {type(exc).__name__}: "
        f"{excerpt_error(exc)} (a bug: please report it)",
        err=True,
    )
    sys.exit(ExitCode.INTERNAL)


def _report_internal(results: Sequence[FileResult]) -> bool:
    """Name each file whose scan failed inside creditcheck; whether there was one."""
    failed = [r for r in results if r.internal_error is not None]
    for r in failed:
        message = f"creditcheck: internal error in {r.path}: {r.internal_error} (a bug: please report it)"
        click.echo(message, err=True)
    return bool(failed)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD") from None


def _severity_pairs(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in value:
        check, sep, level = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r}: write CHECK=LEVEL, e.g. credit-format=warning")
        out[check.strip()] = level.strip()
    return out


@dataclass
class _Run:
    """What a scanning command was asked to do, once options and configuration are merged."""

    settings: Settings
    ruleset: RuleSet
    # A stream when folders are searched: read once, while the files are checked.
    targets: Iterable[Target]
    published: dt.date | None
    stdin: bool = False  # the one target's text comes from standard input (--stdin-filename)
    stdin_name: str | None = None
    stdin_text: Decoded | None = None  # what standard input held, once read
    selecting: Selecting | None = None
    searched: Sequence[str] = ()

    def warn_if_nothing(self) -> None:
        """Once the targets are read: say so when the search selected none (not for --changed-since)."""
        sel = self.selecting
        if sel is not None and sel.selected == 0 and sel.changed is None:
            # A typo in `include` must not quietly turn the gate into "0 files, no problems".
            message = _nothing_selected(self.searched, self.settings, sel.found)
            click.echo(f"creditcheck: warning: {message}", err=True)


def _scan_options(f: F) -> F:
    """The options of the commands that judge articles: rules, scope, date, severity, performance."""
    return _some_scan_options()(f)


def _some_scan_options(*without: str) -> Callable[[F], F]:
    """The scanning options less those named (by parameter name) that mean nothing to a command."""

    def apply(f: F) -> F:
        options = _scan_option_list()
        for name, option in reversed(list(zip(_SCAN_OPTION_NAMES, options, strict=True))):
            if name not in without:
                f = option(f)
        return f

    return apply


# The parameter names of _scan_option_list's options, in its order.
_SCAN_OPTION_NAMES = (
    "rules",
    "config",
    "no_config",
    "published",
    "territory",
    "channel",
    "severity",
    "changed_since",
    "force_exclude",
    "stdin_filename",
    "jobs",
    "max_size",
    "undated",
    "follow_links",
)


def _scan_option_list() -> list[Callable[[F], F]]:
    options = [
        click.option(
            "--rules",
            "rules",
            metavar="DIR",
            multiple=True,
            help="Folder of rule files; repeat for several (default: the config's, else ./rules).",
        ),
        click.option(
            "--config",
            "config",
            metavar="FILE",
            type=click.Path(dir_okay=False),
            help="Configuration file (default: creditcheck.yaml or pyproject.toml found upwards).",
        ),
        click.option("--no-config", is_flag=True, help="Ignore configuration files."),
        click.option(
            "--published",
            metavar="DATE",
            callback=_date,
            default=None,
            help="Publication date YYYY-MM-DD for every file (overrides metadata and datelines).",
        ),
        click.option(
            "--territory",
            metavar="NAME",
            default=None,
            help="Territory the publication appears in (license-territory).",
        ),
        click.option(
            "--channel",
            metavar="NAME",
            default=None,
            help="Channel the publication appears in, e.g. web or print (license-channel).",
        ),
        click.option(
            "--severity",
            "severity",
            metavar="CHECK=LEVEL",
            multiple=True,
            callback=_severity_pairs,
            help="Override a check's severity (CHECK is a name or code): error, warning, info or off. "
            "Repeatable.",
        ),
        click.option(
            "--changed-since",
            metavar="REF",
            default=None,
            help="Check only files changed since this git ref (committed or not).",
        ),
        click.option(
            "--force-exclude",
            is_flag=True,
            help="Apply the config's include/exclude to files named on the command line too "
            "(pre-commit passes every staged file).",
        ),
        click.option(
            "--stdin-filename",
            metavar="NAME",
            default=None,
            help="Check text from standard input as if it were the file NAME.",
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(min=0),
            default=None,
            metavar="N",
            help="Worker processes (default: all cores; 0 = all; small runs use one).",
        ),
        click.option(
            "--max-size",
            type=click.FloatRange(min=0.001),
            default=None,
            metavar="MB",
            help="Larger files are reported as unreadable-file instead of read (default 20).",
        ),
        click.option(
            "--undated",
            type=click.Choice(["today", "skip"]),
            default=None,
            help="Files with no publication date of their own: judge date-dependent checks as of "
            "today, noting it (default), or skip those checks.",
        ),
        click.option(
            "--follow-links",
            is_flag=True,
            help="Follow symbolic links that lead out of the folders searched (not followed by "
            "default: a link to /etc is not scanned).",
        ),
    ]
    return options


def _prepare(paths: Sequence[str], kw: dict[str, Any]) -> _Run:
    from creditcheck.discover import Selecting, Target, display_path, named_selected
    from creditcheck.ruleset import load_rules
    from creditcheck.settings import resolve_settings

    flags = {
        "rules": tuple(kw.get("rules") or ()) or None,
        "territory": kw.get("territory"),
        "channel": kw.get("channel"),
        "severity": kw.get("severity") or None,
        "fail_on": kw.get("fail_on"),
        "baseline": kw.get("baseline"),
        "jobs": kw.get("jobs"),
        "max_size": kw.get("max_size"),
        "undated": kw.get("undated"),
    }
    _stage("reading the configuration")
    settings = resolve_settings(flags, config=kw.get("config"), use_config=not kw.get("no_config"))
    _check_rules_folders(settings)
    _stage(f"loading the rules in {', '.join(settings.rules)}")
    ruleset = load_rules(list(settings.rules))
    _stage("finding the files to check")
    stdin_name = kw.get("stdin_filename")
    if "-" in paths and stdin_name is None:
        raise CreditcheckError(
            "to check standard input, pass --stdin-filename NAME (NAME decides the format)"
        )
    if stdin_name is not None:
        target = Target(stdin_name, display_path(stdin_name))
        keep = not kw.get("force_exclude") or named_selected(
            stdin_name, settings.root, settings.include, settings.exclude
        )
        targets = [target] if keep else []
        return _Run(settings, ruleset, targets, kw.get("published"), stdin=True, stdin_name=stdin_name)
    if not paths:
        if settings.config_file is None:
            raise CreditcheckError("no PATH given (and no configuration file to take the project from)")
        paths = [settings.root]
    ref = kw.get("changed_since")
    # Asking git first means a pull request's few files are checked without walking the tree.
    changed = None
    if ref is not None:
        from creditcheck.changes import changed_files  # runs git: only with --changed-since

        changed = changed_files(ref)
    selecting = Selecting(
        list(paths),
        settings.root,
        settings.include,
        settings.exclude,
        changed=changed,
        force_exclude=bool(kw.get("force_exclude")),
        follow_links=bool(kw.get("follow_links")),
    )
    return _Run(settings, ruleset, selecting, kw.get("published"), selecting=selecting, searched=paths)


def _nothing_selected(paths: Sequence[str], settings: Settings, found: int) -> str:
    """Why a run has no file to check, naming the paths and patterns that selected none."""
    from creditcheck.discover import display_path

    shown = ", ".join(display_path(p) for p in paths)
    if not found:
        return f"no file to check: no article file under {shown} (see docs/formats.md for the extensions)"
    patterns = []
    for key in ("include", "exclude"):
        values = getattr(settings, key)
        if values:
            where = settings.origins.get(key, "default")
            patterns.append(f"{key} {', '.join(values)} ({where})")
    files = f"{found} file{'s' if found != 1 else ''}"
    if not patterns:  # --force-exclude dropped named files a folder search would not pick
        return f"no file to check: none of the {files} named is an article a folder search would pick"
    return f"no file to check: {' and '.join(patterns)} left none of the {files} found under {shown}"


def _check_rules_folders(settings: Settings) -> None:
    """A rules folder that is not there is a usage error that says where it was named."""
    origin = settings.origins.get("rules", "default")
    for folder in settings.rules:
        if os.path.isdir(folder):
            continue
        if origin == "default":
            raise CreditcheckError(
                "no rules folder: ./rules does not exist here; "
                "pass --rules DIR or set `rules:` in creditcheck.yaml"
            )
        problem = "is not a folder" if os.path.exists(folder) else "does not exist"
        raise CreditcheckError(f"{origin}: the rules folder {folder} {problem}")


def _execute(
    run: _Run, keep_attributions: bool = True, progress: Callable[[int, int], None] | None = None
) -> list[FileResult]:
    """Every file's result, in the order of the targets (sorted by path)."""
    results = [r for _, r in _stream(run, keep_attributions, progress)]
    run.warn_if_nothing()
    return results


def _stream(
    run: _Run, keep_attributions: bool = True, progress: Callable[[int, int], None] | None = None
) -> Iterator[tuple[Target, FileResult]]:
    """Each target with its result as the scan produces them, in the targets' order."""
    from creditcheck.scan import Scanner, ScanOptions, iter_scan

    _stage("checking the files")
    s = run.settings
    options = ScanOptions(
        published=run.published,
        max_size=int(s.max_size * 1024 * 1024),
        threshold=s.threshold,
        severities=tuple(sorted(s.severity.items())),
        territory=s.territory,
        channel=s.channel,
        handouts=s.handouts,
        undated=s.undated,
        keep_attributions=keep_attributions,
    )
    if run.stdin:
        from creditcheck.decode import UndecodableError, decode

        data = sys.stdin.buffer.read()
        scanner = Scanner(run.ruleset, options)
        try:
            run.stdin_text = decode(data)
        except UndecodableError as exc:
            yield from ((t, scanner.unreadable(t, str(exc))) for t in run.targets)
            return
        yield from ((t, scanner.scan_text(t, run.stdin_text.text)) for t in run.targets)
        return
    yield from iter_scan(run.targets, run.ruleset, options, s.jobs or None, progress)


def _by_path(
    stream: Iterable[tuple[Target, FileResult]],
) -> Iterator[tuple[list[Target], list[FileResult], list[Finding]]]:
    """Results grouped by report path, with their findings in report order.

    Targets arrive sorted by path, so this is ``RunResult.merge``'s order a group at a time;
    two files only share a path when their names differ in what the report escapes.
    """
    group: list[tuple[Target, FileResult]] = []
    for item in stream:
        if group and item[1].path != group[0][1].path:
            yield _group(group)
            group = []
        group.append(item)
    if group:
        yield _group(group)


def _group(group: list[tuple[Target, FileResult]]) -> tuple[list[Target], list[FileResult], list[Finding]]:
    results = [r for _, r in group]
    findings = (
        list(results[0].findings) if len(results) == 1 else sorted(f for r in results for f in r.findings)
    )
    return [t for t, _ in group], results, findings


def _emit(text: str, output: str | None) -> None:
    _stage(f"writing the report to {output or 'standard output'}")
    if output is None:
        click.echo(text, nl=False)
        return
    from creditcheck.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise CreditcheckError(f"cannot write {output}: {exc.strerror}") from None


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


class _Main(click.Group):
    """The command group, whose commands never end in a traceback: a bug is exit status 3."""

    def invoke(self, ctx: click.Context) -> Any:
        # SIGTERM (a CI job cancelled, a pre-commit hook killed) unwinds like Ctrl-C, so that a
        # write in progress removes its temporary file instead of leaving it beside an article.
        with contextlib.suppress(ValueError):  # not the main thread: the caller's signals
            signal.signal(signal.SIGTERM, _terminated)
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            if os.environ.get("CREDITCHECK_DEBUG"):
                raise  # the traceback, for whoever fixes the bug
            _internal_error(exc)
        finally:
            from creditcheck import compilecache

            compilecache.save()


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(
    # A compiled build (setup.py) whose C compilation failed installs pure Python without a word
    # pip shows: the version says which one is installed.
    f"{__version__} ({'pure Python' if (model.__file__ or '').endswith('.py') else 'compiled with mypyc'})",
    prog_name="creditcheck",
)
def main() -> None:
    """Check photo credits and copyright notices in articles against license rule files."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_scan_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in OutputFormat]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    default=None,
    help="Write the report to FILE (atomically, only when the run completes).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit status 1 (default: error).",
)
@click.option(
    "--baseline",
    metavar="FILE",
    default=None,
    help="Report only findings not recorded in this baseline file.",
)
@click.option("--fix", is_flag=True, help="Apply the fixes findings carry, in place.")
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a unified diff; change nothing.")
@click.option(
    "--progress/--no-progress",
    "show_progress",
    default=None,
    help="Progress bar on standard error for runs over a second (terminal only; off under CI "
    "unless --progress).",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    fix: bool,
    show_diff: bool,
    show_progress: bool | None,
    **kw: Any,
) -> None:
    """Check articles (files, or folders searched for articles, wire items and photos).

    Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage, configuration or
    rule-file error, 3 internal error (a bug in creditcheck; the report is still written).
    """
    from creditcheck.progress import ProgressBar, in_ci

    notes: list[str] = []
    internal: list[FileResult] = []
    failed = False
    with _errors():
        run = _prepare(paths, kw)
        threshold = Severity.parse(run.settings.fail_on)
        applier = _baseline(run, kw.get("baseline") is not None)
        fixer = _Fixer(run, write=fix and not show_diff) if fix or show_diff else None
        bar = ProgressBar(sys.stderr, "creditcheck: checking", delay=CHECK_PROGRESS_DELAY)
        wanted = show_progress if show_progress is not None else not in_ci()
        bar.enabled = bar.enabled and wanted
        out_format = OutputFormat(fmt)
        color = (
            out_format is OutputFormat.TEXT
            and output is None
            and sys.stdout.isatty()
            and "NO_COLOR" not in os.environ
        )
        # Standard output carries the fixed text of standard input (an editor replaces its
        # buffer with it), so the report goes to standard error.
        to_stderr = run.stdin and fix and output is None
        try:
            with _report_sink(None if show_diff else output, to_stderr, bar) as sink:
                writer = None if show_diff else out_format.writer()(sink, color=color)
                for targets, files, found in _by_path(_stream(run, keep_attributions=False, progress=bar)):
                    internal.extend(r for r in files if r.internal_error is not None)
                    findings = fixer.apply(targets, files, found) if fixer is not None else found
                    if applier is not None:
                        findings = applier.filter(files, findings)
                    failed = failed or any(f.severity >= threshold for f in findings)
                    if writer is not None:
                        writer.add(files, findings)
                if fixer is not None:
                    fixer.finish()
                if writer is not None:
                    _stage(f"writing the report to {output or 'standard output'}")
                    writer.close()
        finally:
            bar.close()
        run.warn_if_nothing()
        if applier is not None:
            notes.extend(applier.notes())
    for note in notes:
        click.echo(f"creditcheck: {note}", err=True)
    if _report_internal(internal):
        sys.exit(ExitCode.INTERNAL)
    sys.exit(ExitCode.FINDINGS if failed else ExitCode.CLEAN)


def _baseline(run: _Run, explicit: bool) -> Applier | None:
    """The baseline the run subtracts, when one is named or the default file exists."""
    base_path = run.settings.baseline
    if base_path is None or not (explicit or os.path.isfile(base_path)):
        return None
    from creditcheck import baseline as baseline_mod

    counts, entry_paths = baseline_mod.load(base_path)
    return baseline_mod.Applier(base_path, counts, entry_paths)


class _Echo:
    """A text stream onto standard output or error through click, in pieces of a few kilobytes.

    On a terminal the progress bar is erased before each piece, and pieces are written as soon
    as a file's findings are, so a person sees them at once.
    """

    def __init__(self, err: bool, bar: Callable[[int, int], None] | None) -> None:
        self.err = err
        self.bar = bar
        self.parts: list[str] = []
        self.size = 0
        stream = sys.stderr if err else sys.stdout
        self.limit = 1 if _isatty(stream) else 64 * 1024

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= self.limit:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if not self.parts:
            return
        close = getattr(self.bar, "close", None)
        if close is not None:
            close()
        text = "".join(self.parts)
        self.parts.clear()
        self.size = 0
        click.echo(text, nl=False, err=self.err)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _FileSink:
    """A text stream into an atomic write; a failure to write is a one-line error."""

    def __init__(self, fh: Any, output: str) -> None:
        import io

        self.output = output
        self.text = io.TextIOWrapper(fh, encoding="utf-8", newline="")

    def write(self, text: str) -> int:
        try:
            return self.text.write(text)
        except OSError as exc:
            raise CreditcheckError(f"cannot write {self.output}: {exc.strerror or exc}") from None

    def flush(self) -> None:
        try:
            self.text.flush()
        except OSError as exc:
            raise CreditcheckError(f"cannot write {self.output}: {exc.strerror or exc}") from None


@contextmanager
def _report_sink(output: str | None, to_stderr: bool, bar: Any) -> Iterator[Any]:
    """Where the report goes: ``output`` (written atomically when the block ends), else a stream."""
    if output is None:
        echo = _Echo(to_stderr, bar)
        yield echo
        echo.flush()
        return
    from creditcheck.atomic import open_atomic

    try:
        opened = open_atomic(output)
        fh = opened.__enter__()
    except OSError as exc:
        raise CreditcheckError(f"cannot write {output}: {exc.strerror or exc}") from None
    sink = _FileSink(fh, output)
    try:
        yield sink
        sink.flush()
        sink.text.detach()
    except BaseException:
        if not opened.__exit__(*sys.exc_info()):
            raise
        return
    try:
        opened.__exit__(None, None, None)
    except OSError as exc:
        raise CreditcheckError(f"cannot write {output}: {exc.strerror or exc}") from None


class _Fixer:
    """Makes (or, for --diff, shows) each file's fixes as its findings arrive; says which were not made."""

    def __init__(self, run: _Run, write: bool) -> None:
        self.run = run
        self.write = write
        self.fixed = 0
        self.files = 0
        self.not_applied = 0
        self.stdin_outcome: Any = None

    def apply(self, targets: list[Target], files: list[FileResult], findings: list[Finding]) -> list[Finding]:
        """The findings left to report: those whose fix was made are gone (with --fix)."""
        from creditcheck.fix import fix_decoded, fix_file

        fixable = [f for f in findings if f.fix is not None]
        if not fixable:
            return findings
        run = self.run
        display = fixable[0].path
        paths = {t.display: t.path for t in targets}
        if display not in paths:
            return findings
        fmt = next((r.format for r in files if r.path == display), "text")
        if run.stdin:
            if run.stdin_text is None:
                return findings
            outcome = self.stdin_outcome = fix_decoded("-", run.stdin_text, fmt, fixable)
        else:
            outcome = fix_file(paths[display], fmt, fixable, self.write)
        for skipped in outcome.skipped:
            f = skipped.finding
            click.echo(
                f"creditcheck: {f.path}:{f.span.line}:{f.span.column}: {f.check}: "
                f"fix not applied: {skipped.reason}",
                err=True,
            )
        self.not_applied += len(outcome.skipped)
        if not outcome.changed:
            return findings
        self.files += 1
        applied = {id(f) for f in outcome.applied}
        self.fixed += len(applied)
        if not self.write:
            click.echo(outcome.diff(display), nl=False)
            return findings
        return [f for f in findings if id(f) not in applied]

    def finish(self) -> None:
        run = self.run
        if run.stdin and self.write and run.stdin_text is not None:
            fixed = self.stdin_outcome.fixed if self.stdin_outcome is not None else run.stdin_text.text
            sys.stdout.buffer.write(run.stdin_text.encode(fixed))
            sys.stdout.buffer.flush()
        if self.write and (self.fixed or self.not_applied):
            summary = (
                f"creditcheck: fixed {self.fixed} problem{'s' if self.fixed != 1 else ''} "
                f"in {self.files} file{'s' if self.files != 1 else ''}"
            )
            if self.not_applied:
                summary += (
                    f"; {self.not_applied} fix{'es' if self.not_applied != 1 else ''} could not be applied"
                )
            click.echo(summary, err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_some_scan_options("stdin_filename")
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    default=None,
    help=f"Baseline file to write (default: the config's baseline, else {DEFAULT_BASELINE}).",
)
def baseline(paths: tuple[str, ...], output: str | None, **kw: Any) -> None:
    """Record the current findings so that `check --baseline` reports only new ones."""
    from creditcheck import baseline as baseline_mod

    with _errors():
        run = _prepare(paths, kw)
        result = RunResult.merge(_execute(run))
        target = output or run.settings.baseline or DEFAULT_BASELINE
        _stage(f"writing the baseline {target}")
        try:
            entries = baseline_mod.write(target, result)
        except OSError as exc:
            raise CreditcheckError(f"cannot write {target}: {exc.strerror or exc}") from None
    click.echo(
        f"Wrote {entries} entr{'ies' if entries != 1 else 'y'} ({len(result.findings)} findings) "
        f"to {shown(target)}."
    )
    if _report_internal(result.files):
        sys.exit(ExitCode.INTERNAL)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_some_scan_options("territory", "channel", "severity")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Format."
)
@click.option("--output", "-o", metavar="FILE", default=None, help="Write to FILE (atomically).")
def inventory(paths: tuple[str, ...], fmt: str, output: str | None, **kw: Any) -> None:
    """List every photo credit and copyright notice found, with its parse."""
    from creditcheck.inventory import render_json, render_text

    with _errors():
        run = _prepare(paths, kw)
        results = sorted(_execute(run), key=lambda r: r.path)
        _emit(render_json(results) if fmt == "json" else render_text(results), output)
    for r in results:
        for f in r.findings:
            if f.check == "unreadable-file":
                click.echo(f"{f.path}: {f.message}", err=True)
    if _report_internal(results):
        sys.exit(ExitCode.INTERNAL)


# The report files `--output-dir` receives, beside the CSV tables.
AUDIT_FILES = {"html": "audit.html", "json": "audit.json", "markdown": "audit.md"}
_AUDIT_FORMATS = ("html", "csv", "json", "markdown")


class _AuditGroup(click.Group):
    """``audit PATHS…`` runs an audit (``audit run``); ``audit history`` and ``audit show`` read the ledger.

    The first word decides, never the file system: ``audit history`` always lists the ledger,
    and a folder named ``history`` is audited as ``audit ./history`` or ``audit run history``.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@main.group(cls=_AuditGroup)
def audit() -> None:
    """The legal team's audit of a period: usage per licensor, violations, licenses, costs.

    `creditcheck audit PATHS --month YYYY-MM` audits (the same as `audit run`); `audit history`
    lists the periods recorded in the ledger and `audit show RUN` reproduces a recorded audit.
    """


def _ledger_options(f: F) -> F:
    options = [
        click.option(
            "--ledger",
            "ledger_path",
            metavar="FILE",
            default=None,
            help="Audit ledger (default: .creditcheck/ledger.sqlite in the project root).",
        ),
        click.option(
            "--config",
            "config",
            metavar="FILE",
            type=click.Path(dir_okay=False),
            help="Configuration file (default: creditcheck.yaml or pyproject.toml found upwards).",
        ),
        click.option("--no-config", is_flag=True, help="Ignore configuration files."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _report_options(f: F) -> F:
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(_AUDIT_FORMATS),
            multiple=True,
            help="Report format (default markdown); repeat it to write several into --output-dir.",
        ),
        click.option(
            "--output", "-o", metavar="FILE", default=None, help="Write the report to FILE (atomically)."
        ),
        click.option(
            "--output-dir",
            metavar="DIR",
            default=None,
            help="Folder for the reports: audit.html, audit.json, audit.md and the CSV tables.",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _report_formats(fmt: tuple[str, ...], output: str | None, output_dir: str | None) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(fmt)) or ("markdown",)
    if output is not None and output_dir is not None:
        raise click.UsageError("give --output FILE or --output-dir DIR, not both")
    if output_dir is None and "csv" in formats:
        raise click.UsageError("--format csv writes one file per table: give --output-dir DIR")
    if output_dir is None and len(formats) > 1:
        raise click.UsageError("several formats are written as files: give --output-dir DIR")
    return formats


def _ledger_file(ledger_path: str | None, kw: dict[str, Any], root: str | None = None) -> str:
    from creditcheck import ledger
    from creditcheck.settings import resolve_settings

    if ledger_path is not None:
        return ledger_path
    if root is None:
        root = resolve_settings({}, config=kw.get("config"), use_config=not kw.get("no_config")).root
    return os.path.join(root, ledger.DEFAULT_LEDGER)


def _write_reports(
    report: Any, formats: tuple[str, ...], output: str | None, output_dir: str | None, led: str
) -> None:
    """Render the audit in every format asked for, from the one object (so the files agree)."""
    from creditcheck import ledger
    from creditcheck.audit import period_kind
    from creditcheck.reporters.audit_html import render_html
    from creditcheck.reporters.audit_report import render_json, render_markdown, write_csv

    if output_dir is not None:
        try:
            os.makedirs(output_dir, exist_ok=True)
        except OSError as exc:
            raise CreditcheckError(f"cannot create {output_dir}: {exc.strerror}") from None
    for f in formats:
        if f == "csv":
            assert output_dir is not None
            try:
                write_csv(report, output_dir)
            except OSError as exc:
                raise CreditcheckError(f"cannot write the CSV tables into {output_dir}: {exc}") from None
            continue
        if f == "html":
            # Only periods of the same kind, up to this one: a quarter never stands among months.
            kind = period_kind(report.start, report.end)
            text = render_html(report, ledger.trend(led, 12, kind, until=report.end))
        elif f == "json":
            text = render_json(report)
        else:
            text = render_markdown(report)
        _emit(text, os.path.join(output_dir, AUDIT_FILES[f]) if output_dir is not None else output)


def _computable_period(start: dt.date, end: dt.date, expiring_days: int) -> None:
    """Refuse a period whose neighbours (the one before, the days after it) are not dates."""
    try:
        length = end - start + dt.timedelta(days=1)
        _ = start - length - dt.timedelta(days=366)
        _ = end + length + dt.timedelta(days=expiring_days + 366)
    except OverflowError:
        raise click.BadParameter(
            "the period reaches too near year 1 or 9999 to compare it with the periods around it",
            param_hint="--from/--to",
        ) from None


@audit.command("run")
@click.argument("paths", nargs=-1, type=click.Path())
@_scan_options
@click.option("--month", metavar="YYYY-MM", default=None, help="The calendar month to audit.")
@click.option(
    "--from", "date_from", metavar="DATE", callback=_date, default=None, help="First day of the period."
)
@click.option("--to", "date_to", metavar="DATE", callback=_date, default=None, help="Last day of the period.")
@_report_options
@click.option(
    "--ledger",
    "ledger_path",
    metavar="FILE",
    default=None,
    help="Audit ledger (default: .creditcheck/ledger.sqlite in the project root).",
)
@click.option(
    "--expiring-days",
    type=click.IntRange(min=0),
    default=60,
    show_default=True,
    help="Licenses ending, or renewal deadlines falling, this many days after the period are flagged.",
)
@click.option(
    "--progress/--no-progress",
    "show_progress",
    default=True,
    show_default=True,
    help="Draw a progress bar on standard error while scanning (only ever on a terminal).",
)
def audit_run(
    paths: tuple[str, ...],
    month: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    fmt: tuple[str, ...],
    output: str | None,
    output_dir: str | None,
    ledger_path: str | None,
    expiring_days: int,
    show_progress: bool,
    **kw: Any,
) -> None:
    """Audit the articles published in a period and record the run in the ledger.

    A period audited again supersedes its earlier run: findings gone since then (from articles
    still in the period) are listed as resolved, and findings the previous period did not have
    as new.
    """
    from dataclasses import replace

    from creditcheck import ledger
    from creditcheck.audit import AuditBuilder, month_bounds
    from creditcheck.progress import ProgressBar
    from creditcheck.reporters.audit_report import summary_line

    with _errors():
        if (month is not None) == (date_from is not None or date_to is not None) or (
            month is None and (date_from is None or date_to is None)
        ):
            raise click.UsageError("give --month YYYY-MM, or both --from and --to")
        if month is not None:
            try:
                start, end = month_bounds(month)
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint="--month") from None
        else:
            assert date_from is not None and date_to is not None
            start, end = date_from, date_to
            if end < start:
                raise click.BadParameter("--to is before --from", param_hint="--to")
            _computable_period(start, end, expiring_days)
        formats = _report_formats(fmt, output, output_dir)
        run = _prepare(paths, kw)
        bar = ProgressBar(sys.stderr, "creditcheck: scanning")
        bar.enabled = bar.enabled and show_progress
        builder = AuditBuilder(run.ruleset, start, end)
        internal: list[FileResult] = []
        try:
            # Each result is counted as it arrives; the audit keeps its tallies, not the results.
            for _, result in _stream(run, keep_attributions=True, progress=bar):
                builder.add(result)
                if result.internal_error is not None:
                    internal.append(result)
        finally:
            bar.close()
        run.warn_if_nothing()
        led = _ledger_file(ledger_path, kw, run.settings.root)
        previous_period = ledger.previous_period_run(led, start, end)
        previous_run = ledger.same_period_run(led, start, end)
        report = builder.finish(expiring_days, previous_period, previous_run)
        run_id = ledger.record(led, report, run.ruleset.digest)
        report = replace(report, trail=replace(report.trail, run=run_id))
        _write_reports(report, formats, output, output_dir, led)
    for path, reason in report.unreadable:
        click.echo(f"{path}: {reason}", err=True)
    superseded = f" (supersedes run #{previous_run.run})" if previous_run is not None else ""
    click.echo(
        f"creditcheck: {summary_line(report)}; ledger run #{run_id}{superseded} in {shown(led)}", err=True
    )
    if _report_internal(internal):
        sys.exit(ExitCode.INTERNAL)


@audit.command("history")
@_ledger_options
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Format."
)
@click.option(
    "--all", "show_all", is_flag=True, help="Also list the runs a later run of their period superseded."
)
def audit_history(ledger_path: str | None, fmt: str, show_all: bool, **kw: Any) -> None:
    """List the audits recorded in the ledger: the latest run of each period, by kind of period."""
    from creditcheck import ledger

    with _errors():
        led = _ledger_file(ledger_path, kw)
        runs = ledger.history(led) if show_all else ledger.final_runs(led)
    if show_all:
        runs.sort(key=lambda r: (str(r["to"]), str(r["from"]), int(str(r["id"]))))
    if fmt == "json":
        import json

        click.echo(json.dumps(runs, indent=2, ensure_ascii=False))
        return
    if not runs:
        click.echo("No audits recorded yet.")
        return
    kinds: dict[str, list[dict[str, object]]] = {}
    for row in runs:
        kinds.setdefault(str(row["kind"]), []).append(row)
    for kind, rows in kinds.items():
        click.echo(f"Periods of {kind}:")
        for row in rows:
            summary = row["summary"]
            assert isinstance(summary, dict)
            note = f"  superseded by #{row['superseded_by']}" if row["superseded_by"] is not None else ""
            click.echo(
                f"  #{row['id']}  {row['period']}  {row['created']}  articles={summary.get('articles')}"
                f"  photos={summary.get('photos')}  stories={summary.get('stories', 0)}"
                f"  errors={summary.get('errors')}  findings={row['findings']}{note}"
            )


@audit.command("show")
@click.argument("run_id", metavar="RUN", type=click.IntRange(min=1))
@_ledger_options
@_report_options
def audit_show(
    run_id: int,
    fmt: tuple[str, ...],
    output: str | None,
    output_dir: str | None,
    ledger_path: str | None,
    **kw: Any,
) -> None:
    """Reproduce a recorded audit (usage, findings, licenses, costs) from the ledger, without rescanning."""
    from creditcheck import ledger
    from creditcheck.reporters.audit_report import audit_from_json

    with _errors():
        formats = _report_formats(fmt, output, output_dir)
        led = _ledger_file(ledger_path, kw)
        report = audit_from_json(ledger.report(led, run_id))
        _write_reports(report, formats, output, output_dir, led)


@main.command()
@click.argument("name", required=False)
def explain(name: str | None) -> None:
    """Explain a check (by name or code); without NAME, list every check."""
    from creditcheck.audit import CAP_CHECK, CAP_CODE, CAP_DOC, CAP_SUMMARY
    from creditcheck.checks import ALL_CHECKS

    entries = [(c.code, c.name, c.severity.label, c.summary, c.doc) for c in ALL_CHECKS]
    entries.append((CAP_CODE, CAP_CHECK, "error", CAP_SUMMARY, CAP_DOC))
    if name is None:
        for code, check, severity, summary, _ in entries:
            click.echo(f"{code}  {check:<22} {severity:<8} {summary}")
        return
    for code, check, severity, _, doc in entries:
        if name in (check, code):
            click.echo(f"{check} ({code}, default severity {severity})\n")
            click.echo(doc.rstrip())
            return
    click.echo(
        f"creditcheck: error: no check named {name!r}; run `creditcheck explain` for the list", err=True
    )
    sys.exit(ExitCode.USAGE)


@main.group()
def rules() -> None:
    """Work with rule files."""


@rules.command("lint")
@click.argument("folders", nargs=-1, type=click.Path())
def rules_lint(folders: tuple[str, ...]) -> None:
    """Validate every rule file in FOLDERS (default: the config's rules, else ./rules)."""
    from creditcheck.ruleset import lint_rules
    from creditcheck.settings import resolve_settings

    with _errors():
        targets = list(folders) or list(resolve_settings({}).rules)
    ruleset, errors = lint_rules(targets)
    shown = ", ".join(targets)
    if errors:
        for e in errors:
            click.echo(str(e), err=True)
        click.echo(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {shown}", err=True)
        sys.exit(ExitCode.USAGE)
    assert ruleset is not None
    click.echo(f"{shown}: {len(ruleset.rules)} rule files OK")


@main.group()
def config() -> None:
    """Work with the project configuration."""


@config.command("show")
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    default=None,
    help="Configuration file (default: creditcheck.yaml or pyproject.toml found upwards).",
)
@click.option("--no-config", is_flag=True, help="Ignore configuration files: show the defaults.")
def config_show(config_file: str | None, no_config: bool) -> None:
    """Print the effective configuration and where each value comes from."""
    from creditcheck.settings import describe, resolve_settings

    with _errors():
        settings = resolve_settings({}, config=config_file, use_config=not no_config)
    click.echo(f"# configuration file: {settings.config_file or '(none)'}")
    rows = describe(settings)
    width = max(len(k) for k, _, _ in rows)
    for key, value, origin in rows:
        click.echo(f"{key:<{width}} = {value:<30} # {origin}")
