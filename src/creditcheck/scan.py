"""The per-file pipeline (read, extract, check), pure and picklable, and its process-pool fan-out."""

from __future__ import annotations

import datetime as dt
import gc
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from itertools import islice

from creditcheck import suppress
from creditcheck.analysis import CreditJudgement, mark_collections
from creditcheck.checks import ALL_CHECKS, BY_NAME, UNREADABLE, Check, CheckContext, lookup
from creditcheck.checks.base import EmbeddedCredit
from creditcheck.compilecache import dataclass
from creditcheck.compressed import CompressedError, gunzip, is_gzip
from creditcheck.decode import UndecodableError, decode
from creditcheck.discover import Target
from creditcheck.extract import extract
from creditcheck.model import (
    Attribution,
    AttributionKind,
    Document,
    FileResult,
    Finding,
    ImageRef,
    Name,
    NameRole,
    Severity,
    Span,
)
from creditcheck.readers import BINARY_FORMATS, format_for, read_document, read_image_document
from creditcheck.resolve import DEFAULT_THRESHOLD, Resolver
from creditcheck.ruleset import RuleSet
from creditcheck.safetext import excerpt_error
from creditcheck.undated import judge_undated

DEFAULT_MAX_SIZE = 20 * 1024 * 1024
_MIN_FILES_PER_JOB = 16


@dataclass(frozen=True)
class ScanOptions:
    """Everything a scan needs besides the rules; picklable so workers can receive it."""

    published: dt.date | None = None
    today: dt.date = field(default_factory=dt.date.today)
    max_size: int = DEFAULT_MAX_SIZE
    threshold: float = DEFAULT_THRESHOLD
    checks: tuple[str, ...] = tuple(c.name for c in ALL_CHECKS)
    severities: tuple[tuple[str, str], ...] = ()  # (check, error|warning|info|off) overrides
    territory: str | None = None
    channel: str | None = None
    handouts: str = "allowed"  # the configuration's policy for handout pictures
    undated: str = "today"  # date-dependent findings on undated files: noted ("today") or dropped ("skip")
    strict: bool = False  # re-raise internal errors instead of reporting them (tests)
    # `check` reports findings only; dropping the attributions keeps a big run's memory flat.
    keep_attributions: bool = True


class Scanner:
    """Scans files against one RuleSet; one per process."""

    def __init__(self, ruleset: RuleSet, options: ScanOptions) -> None:
        self.ruleset = ruleset
        self.options = options
        self.resolver = Resolver(ruleset, options.threshold)
        self.picture_sources = ruleset.picture_sources()
        # Only rules with a {collection} form need credits judged before the checks run.
        self._collections = any("collection" in f.template.names for r in ruleset for f in r.credits)
        levels = dict(options.severities)
        self.checks: tuple[Check, ...] = tuple(
            c for c in ALL_CHECKS if c.name in options.checks and levels.get(c.name) != "off"
        )
        self.levels = {name: Severity.parse(level) for name, level in levels.items() if level != "off"}
        self.enabled = frozenset(c.name for c in self.checks)
        self._embedded_cache: dict[str, EmbeddedCredit | None] = {}
        self._folders: dict[str, bool] = {}

    def _suppression_finding(self, path: str) -> suppress.MakeFinding:
        def make(name: str, span: Span, message: str) -> Finding:
            check = BY_NAME[name]
            return Finding(path, span, check.name, check.code, check.severity, message, "")

        return make

    def scan(self, target: Target) -> FileResult:
        try:
            return self._scan(target)
        except Exception as exc:
            return self._internal(target, exc)

    def scan_bytes_safely(self, target: Target, data: bytes) -> FileResult:
        """``scan_bytes``, with a bug reported on the file (``internal_error``) as ``scan`` does."""
        try:
            return self.scan_bytes(target, data)
        except Exception as exc:
            return self._internal(target, exc)

    def _internal(self, target: Target, exc: Exception) -> FileResult:
        if self.options.strict:
            raise exc
        # A bug, not a property of the file: reported on the file and by exit status 3.
        error = f"{type(exc).__name__}: {excerpt_error(exc)}"
        result = self.unreadable(target, f"internal error ({error}); please report it")
        return result.with_internal_error(error)

    def scan_text(self, target: Target, text: str) -> FileResult:
        """Check text that did not come from the file system (standard input)."""
        return self._check(target, text)

    def unreadable(self, target: Target, reason: str, fmt: str | None = None) -> FileResult:
        """The result of a file that cannot be read: an ``unreadable-file`` finding (when enabled)."""
        fmt = fmt or format_for(target.path) or "unknown"
        if UNREADABLE not in self.checks:
            return FileResult(target.display, fmt, None, None, ())
        finding = Finding(
            target.display,
            Span(1, 1, 1, 1),
            UNREADABLE.name,
            UNREADABLE.code,
            self.levels.get(UNREADABLE.name, UNREADABLE.severity),
            f"cannot check this file: {reason}",
            "",
        )
        return FileResult(target.display, fmt, None, None, (finding,))

    def _scan(self, target: Target) -> FileResult:
        if target.missing:
            return self.unreadable(target, "no such file or folder")
        try:
            st = os.stat(target.path)
            if stat.S_ISDIR(st.st_mode):
                return self.unreadable(target, _folder_reason(target.path))
            if not stat.S_ISREG(st.st_mode):
                # A pipe would block and /dev/zero never end: only regular files are read.
                return self.unreadable(target, "not a regular file")
            if st.st_size > self.options.max_size:
                return self._too_large(target, st.st_size)
            # The bytes straight from the descriptor: a buffered file object would cost three
            # more system calls (its own stat, a terminal test, a seek) and two objects a file.
            fd = os.open(target.path, _READ_FLAGS)
            try:
                # Asked for as many bytes as the file holds: a read of max_size + 1 bytes would
                # allocate (and free) that much, 20 MB, for every file.
                data = _read_upto(fd, st.st_size + 1)
                if len(data) > st.st_size:  # it grew while we looked: read on, up to the limit
                    data += _read_upto(fd, self.options.max_size + 1 - len(data))
            finally:
                os.close(fd)
            if len(data) > self.options.max_size:
                return self._too_large(target, len(data))
        except OSError as exc:
            return self.unreadable(target, exc.strerror or str(exc))
        return self.scan_bytes(target, data)

    def scan_bytes(self, target: Target, data: bytes) -> FileResult:
        """Check a file's bytes, read already (at most ``max_size`` of them): gzip, decoding, reading."""
        if is_gzip(data):
            try:
                data = gunzip(data, self.options.max_size)
            except CompressedError as exc:
                return self.unreadable(target, str(exc))
        if format_for(target.path) in BINARY_FORMATS:
            try:
                doc = read_image_document(target.display, data, self.options.published, self.options.today)
            except ValueError as exc:
                return self.unreadable(target, str(exc), "image")
            return self._run_checks(doc, target.path)
        try:
            text = decode(data).text
        except UndecodableError as exc:
            return self.unreadable(target, str(exc))
        if not text.strip():
            return self.unreadable(target, "the file is empty")
        return self._check(target, text)

    def _embedded(self, disk_path: str, src: str) -> EmbeddedCredit | None:
        """The credit a local image referenced by the article at ``disk_path`` carries in its metadata."""
        if not src or "://" in src or src.startswith(("data:", "//")):
            return None
        relative = src.split("?", 1)[0].split("#", 1)[0]
        # A site-absolute "/img/x.jpg" is looked up from the article's folder too.
        folder = os.path.dirname(os.path.abspath(disk_path))
        path = os.path.normpath(os.path.join(folder, relative.lstrip("/")))
        if format_for(path) not in BINARY_FORMATS:
            return None
        if path in self._embedded_cache:
            return self._embedded_cache[path]
        found: EmbeddedCredit | None = None
        try:
            if (
                self._is_folder(os.path.dirname(path))
                and os.path.isfile(path)
                and os.path.getsize(path) <= self.options.max_size
            ):
                with open(path, "rb") as fh:
                    data = fh.read()
                doc = read_image_document(path, data, None, self.options.today)
                credits = tuple(
                    a
                    for a in extract(doc, self.resolver, self.picture_sources)
                    if a.kind.value == "photo-credit"
                )
                found = EmbeddedCredit(path, credits, tuple(name for name, _ in doc.creators), doc.asset_id)
        except (OSError, ValueError):
            found = None  # an unreadable picture is reported when the picture itself is checked
        self._embedded_cache[path] = found
        return found

    def _is_folder(self, folder: str) -> bool:
        """Whether ``folder`` is a folder, asked once a scanner: pictures no folder holds are no files.

        An article's pictures mostly sit in a few folders (or in one that is not there at all):
        each picture of a missing folder would otherwise cost a look-up of its own.
        """
        known = self._folders.get(folder)
        if known is None:
            known = self._folders[folder] = os.path.isdir(folder)
        return known

    def _too_large(self, target: Target, size: int) -> FileResult:
        mb = size / 1024 / 1024
        limit = self.options.max_size / 1024 / 1024
        return self.unreadable(target, f"file is {mb:.1f} MB, over the {limit:g} MB limit (--max-size)")

    def _check(self, target: Target, text: str) -> FileResult:
        fmt = format_for(target.path, text) or "text"
        try:
            doc = read_document(target.display, text, fmt, self.options.published, self.options.today)
        except ValueError as exc:  # readers raise ValueError subclasses for unparsable input
            return self.unreadable(target, str(exc), fmt)
        return self._run_checks(doc, target.path)

    def _run_checks(self, doc: Document, disk_path: str) -> FileResult:
        # "Source: Chicago Tribune" names the story's source, which the reader already took;
        # it is not a photo credit as well.
        sources = {(span.line, span.column) for _, span in doc.source_names}
        attributions = [
            a
            for a in extract(doc, self.resolver, self.picture_sources)
            if not (a.kind is AttributionKind.PHOTO_CREDIT and (a.span.line, a.span.column) in sources)
        ]

        def context(
            listed: list[Attribution], judgements: list[CreditJudgement] | None = None
        ) -> CheckContext:
            return CheckContext(
                doc,
                listed,
                self.ruleset,
                self.resolver,
                self.options.territory,
                self.options.channel,
                lambda src: self._embedded(disk_path, src),
                judgements,
                self.options.handouts,
            )

        ctx = context(attributions)
        if self._collections:
            marked = mark_collections(ctx.judgements, self.resolver)
            changed = {
                id(old.attribution): new.attribution
                for old, new in zip(ctx.judgements, marked, strict=True)
                if old.attribution is not new.attribution
            }
            if changed:
                attributions = [changed.get(id(a), a) for a in attributions]
                ctx = context(attributions, marked)
        findings: list[Finding] = []
        for check in self.checks:
            findings.extend(check.findings(ctx))
        findings = judge_undated(findings, doc, self.options.undated)
        if doc.suppressions:
            findings = suppress.apply(
                findings, list(doc.suppressions), _check_name, self._suppression_finding(doc.path)
            )
            findings = [f for f in findings if f.check in self.enabled]
        if self.levels:
            findings = [
                f.with_severity(self.levels[f.check]) if f.check in self.levels else f for f in findings
            ]
        # Two fields of one file can name the same source at the same place (an image's Credit
        # and Source both `REUTERS`, both at 1:1): the reader sees one problem, so it is listed once.
        findings = sorted(set(findings))
        if not self.options.keep_attributions:
            return FileResult(doc.path, doc.format, doc.published, doc.published_from, tuple(findings))
        listed = [*attributions, *_listed_only(doc, ctx.article_sources)]
        listed.sort(key=lambda a: a.span)
        images = tuple(self._image_ref(disk_path, image.src) for image in doc.images)
        if doc.format == "image":
            images = (ImageRef(doc.path, doc.asset_id),)
        return FileResult(
            doc.path,
            doc.format,
            doc.published,
            doc.published_from,
            tuple(findings),
            tuple(listed),
            doc.title,
            doc.url,
            images,
        )

    def _image_ref(self, disk_path: str, src: str) -> ImageRef:
        """The picture's address, and the agency's id when it is a local file whose metadata holds one."""
        embedded = self._embedded(disk_path, src)
        return ImageRef(src, embedded.asset_id if embedded is not None else None)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _read_upto(fd: int, size: int) -> bytes:
    """``size`` bytes of the file open at ``fd``, fewer only when it ends first.

    A read may return fewer bytes than it was asked for (a signal, a network file system), so
    it is asked again until the file ends, as a buffered file object's ``read(size)`` does.
    """
    data = os.read(fd, size)
    if not data or len(data) >= size:
        return data
    parts = [data]
    got = len(data)
    while got < size:
        more = os.read(fd, size - got)
        if not more:
            break
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def _folder_reason(path: str) -> str:
    """Why a folder is a target: it could not be listed (discovery keeps it to say so), or it is one."""
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        return f"the folder cannot be listed: {exc.strerror or exc}"
    return "is a folder"


def _listed_only(doc: Document, sources: list[Name]) -> list[Attribution]:
    """The story's sources, creators and usage terms, which the inventory lists beside credits and notices."""
    out = [Attribution(AttributionKind.SOURCE, name.text, name.span, (name,)) for name in sources]
    out += [
        Attribution(AttributionKind.CREATOR, name, span, (Name(name, span, NameRole.PERSON),))
        for name, span in doc.creators
    ]
    out.extend(Attribution(AttributionKind.USAGE_TERMS, text, span, ()) for text, span in doc.instructions)
    return out


def _check_name(written: str) -> str | None:
    check = lookup(written)
    return check.name if check is not None else None


_WORKER: Scanner | None = None


# A worker's garbage-collection threshold for the youngest generation (Python's is 700). A
# document makes thousands of objects that its own end frees by reference counting, so the
# collector, run every 700, mostly walked live objects and found nothing; it still frees any
# cycle, later.
_WORKER_GC_THRESHOLD = 20_000


def _init_worker(ruleset: RuleSet, options: ScanOptions) -> None:
    global _WORKER  # noqa: PLW0603 - one scanner per worker process, built once
    _WORKER = Scanner(ruleset, options)
    # What the worker inherited and its scanner live as long as it does: frozen, the
    # collector never walks them again (nor touches the memory it shares with the parent).
    gc.freeze()
    gc.set_threshold(_WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _scan_chunk(targets: list[Target]) -> list[FileResult]:
    assert _WORKER is not None
    return [_WORKER.scan(t) for t in targets]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def scan_targets(
    targets: Iterable[Target],
    ruleset: RuleSet,
    options: ScanOptions,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileResult]:
    """Scan every target, in a process pool when it pays; results keep the targets' order.

    ``progress(done, total)`` is called after each file, in the calling process.
    """
    items = list(targets)
    return [r for _, r in iter_scan(items, ruleset, options, jobs, progress, total=len(items))]


# Chunks sent to a worker start small, so both workers have work at once, and double up to this.
_MAX_CHUNK = 64
# Chunks in flight per worker: enough that none waits for the parent, few enough to keep memory flat.
_AHEAD = 4


def iter_scan(
    targets: Iterable[Target],
    ruleset: RuleSet,
    options: ScanOptions,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    total: int | None = None,
) -> Iterator[tuple[Target, FileResult]]:
    """Each target with its result, in the targets' order, as soon as it is scanned.

    ``targets`` may be a stream (discovery still under way): it is read only as far as the
    workers need. ``progress(done, total)`` is called after each file; without ``total`` it is
    the number of targets read so far. With fewer than 16 files per worker, one process scans.
    """
    it = iter(targets)
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    head = list(islice(it, jobs * _MIN_FILES_PER_JOB))
    if len(head) < jobs * _MIN_FILES_PER_JOB:
        # Below this many files per worker a pool costs more to start than it saves.
        jobs = min(jobs, max(1, len(head) // _MIN_FILES_PER_JOB))
    read = [len(head)]  # the targets read so far, counted by _counted
    done = 0
    if jobs <= 1:
        scanner = Scanner(ruleset, options)
        for t in _counted(head, it, read):
            result = scanner.scan(t)
            done += 1
            if progress is not None:
                progress(done, total if total is not None else read[0])
            yield t, result
        return
    for chunk, results in _pooled(_counted(head, it, read), ruleset, options, jobs):
        for t, result in zip(chunk, results, strict=True):
            done += 1
            if progress is not None:
                progress(done, total if total is not None else read[0])
            yield t, result


def _counted(head: list[Target], rest: Iterator[Target], read: list[int]) -> Iterator[Target]:
    """``head``, then ``rest`` with each target taken from it counted in ``read[0]``.

    A module function rather than a generator nested in ``iter_scan`` (whose ``nonlocal``
    count the compiled build got wrong: mypyc lost the nested generator's environment).
    """
    yield from head
    for t in rest:
        read[0] += 1
        yield t


def _pooled(
    targets: Iterator[Target], ruleset: RuleSet, options: ScanOptions, jobs: int
) -> Iterator[tuple[list[Target], list[FileResult]]]:
    """Chunks of targets and their results from a process pool, in order, a few chunks ahead."""
    # Imported here: a one-file run (an editor's) should not pay for the pool machinery.
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(ruleset, options))
    pending: deque[tuple[list[Target], Future[list[FileResult]]]] = deque()
    size = 4

    def submit() -> bool:
        nonlocal size
        chunk = list(islice(targets, size))
        if not chunk:
            return False
        pending.append((chunk, pool.submit(_scan_chunk, chunk)))
        size = min(_MAX_CHUNK, size * 2)
        return True

    try:
        for _ in range(jobs * _AHEAD):
            if not submit():
                break
        while pending:
            chunk, future = pending.popleft()
            results = future.result()
            submit()
            yield chunk, results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
