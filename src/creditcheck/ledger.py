"""The audit ledger: an embedded SQLite database to which each audit run is appended in one transaction."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from creditcheck.audit import Audit, Change, PastRun, period_kind, period_label
from creditcheck.errors import CreditcheckError
from creditcheck.model import Finding

DEFAULT_LEDGER = os.path.join(".creditcheck", "ledger.sqlite")
SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    rules_digest TEXT NOT NULL,
    created TEXT NOT NULL,
    summary TEXT NOT NULL,
    version TEXT,
    superseded_by INTEGER,
    report BLOB
);
CREATE TABLE IF NOT EXISTS findings (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    fingerprint TEXT NOT NULL,
    check_name TEXT NOT NULL,
    path TEXT NOT NULL,
    severity TEXT NOT NULL,
    count INTEGER NOT NULL,
    line INTEGER,
    text TEXT,
    message TEXT,
    PRIMARY KEY (run_id, fingerprint)
);
CREATE TABLE IF NOT EXISTS usage (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    source TEXT NOT NULL,
    month TEXT NOT NULL,
    articles INTEGER NOT NULL,
    photos INTEGER NOT NULL,
    stories INTEGER NOT NULL,
    PRIMARY KEY (run_id, source, month)
);
CREATE INDEX IF NOT EXISTS runs_period ON runs(period_to, id);
"""
# Schema 1 (the first ledgers) had no usage table, no report and no supersession: add them,
# and mark every run but the last of each period as superseded by it.
_UPGRADE_FROM_1 = (
    "ALTER TABLE runs ADD COLUMN version TEXT",
    "ALTER TABLE runs ADD COLUMN superseded_by INTEGER",
    "ALTER TABLE runs ADD COLUMN report BLOB",
    "ALTER TABLE findings ADD COLUMN line INTEGER",
    "ALTER TABLE findings ADD COLUMN text TEXT",
    "ALTER TABLE findings ADD COLUMN message TEXT",
    "UPDATE runs SET superseded_by = (SELECT MAX(l.id) FROM runs l WHERE l.period_from = runs.period_from"
    " AND l.period_to = runs.period_to) WHERE id < (SELECT MAX(l.id) FROM runs l"
    " WHERE l.period_from = runs.period_from AND l.period_to = runs.period_to)",
)


class LedgerError(CreditcheckError, ValueError):
    """The ledger file exists but is not a creditcheck ledger (corrupt, or another database)."""


def _period(first: object, last: object) -> tuple[dt.date, dt.date]:
    """A run's stored period as dates; ValueError or TypeError when the ledger holds something else."""
    return dt.date.fromisoformat(first), dt.date.fromisoformat(last)  # type: ignore[arg-type]


@contextmanager
def _connect(path: str | os.PathLike[str]) -> Iterator[sqlite3.Connection]:
    # isolation_level=None: the module issues BEGIN/COMMIT itself, so a run is exactly one
    # transaction rather than whatever the sqlite3 module's implicit transactions make of it.
    try:
        conn = sqlite3.connect(os.fspath(path), isolation_level=None, timeout=30)
    except sqlite3.Error as exc:
        raise LedgerError(f"{path}: cannot open the ledger: {exc}") from None
    try:
        conn.execute("PRAGMA synchronous = FULL")
        yield conn
    except sqlite3.DatabaseError as exc:
        raise LedgerError(f"{path}: not a usable creditcheck ledger ({exc})") from None
    finally:
        conn.close()


def _check_schema(conn: sqlite3.Connection, path: str | os.PathLike[str]) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LedgerError(
            f"{path}: ledger schema {version} is newer than this creditcheck ({SCHEMA_VERSION})"
        )
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == 0 and tables - {"sqlite_sequence"}:
        raise LedgerError(f"{path}: this SQLite database is not a creditcheck ledger")


def _migrate(conn: sqlite3.Connection, path: str | os.PathLike[str]) -> None:
    """Create or upgrade the tables; the caller holds the write transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 1:
        for statement in _UPGRADE_FROM_1:
            conn.execute(statement)
    # executescript() would COMMIT first; statement by statement keeps DDL in this transaction.
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _insert_findings(conn: sqlite3.Connection, run_id: int, audit: Audit) -> None:
    """Insert the run's findings, one row per fingerprint (a separate step so tests can interrupt it)."""
    counts: Counter[str] = Counter(v.fingerprint for v in audit.violations)
    first: dict[str, Finding] = {}
    for v in audit.violations:
        first.setdefault(v.fingerprint, v.finding)
    conn.executemany(
        "INSERT INTO findings (run_id, fingerprint, check_name, path, severity, count, line, text, message)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (run_id, key, f.check, f.path, f.severity.label, counts[key], f.span.line, f.text, f.message)
            for key, f in sorted(first.items())
        ],
    )


def _insert_usage(conn: sqlite3.Connection, run_id: int, audit: Audit) -> None:
    conn.executemany(
        "INSERT INTO usage (run_id, source, month, articles, photos, stories) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (run_id, u.source, m.month, m.articles, m.photos, m.stories)
            for u in audit.usage
            for m in u.months
            if m.articles or m.photos or m.stories
        ],
    )


def record(
    path: str | os.PathLike[str],
    audit: Audit,
    rules_digest: str | None = None,
    created: dt.datetime | None = None,
) -> int:
    """Append one audit run to the ledger and return its id.

    The run stores its summary, its findings, its usage per licensor and month, and the whole
    report (as JSON, compressed) so that ``audit show`` reproduces it without rescanning. An
    earlier run of the same period is marked superseded by this one.

    Everything happens between BEGIN IMMEDIATE and COMMIT: an exception rolls back, and a
    process killed before COMMIT leaves a journal that SQLite rolls back on the next open, so
    readers see the ledger with the whole run or without it.
    """
    from creditcheck.reporters.audit_report import audit_json

    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LedgerError(f"{path}: cannot create the ledger's folder: {exc.strerror or exc}") from None
    stamp = (created or audit.trail.generated).isoformat(timespec="seconds")
    with _connect(path) as conn:
        # IMMEDIATE takes the write lock now, so two audits cannot interleave their runs.
        conn.execute("BEGIN IMMEDIATE")
        try:
            _check_schema(conn, path)
            _migrate(conn, path)
            period = (audit.start.isoformat(), audit.end.isoformat())
            cursor = conn.execute(
                "INSERT INTO runs (period_from, period_to, rules_digest, created, summary, version)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    *period,
                    rules_digest if rules_digest is not None else audit.rules_digest,
                    stamp,
                    json.dumps(audit.summary(), sort_keys=True),
                    audit.trail.version,
                ),
            )
            run_id = cursor.lastrowid
            assert run_id is not None
            recorded = replace(audit, trail=replace(audit.trail, run=run_id))
            report = zlib.compress(json.dumps(audit_json(recorded), ensure_ascii=False).encode("utf-8"))
            conn.execute("UPDATE runs SET report = ? WHERE id = ?", (report, run_id))
            conn.execute(
                "UPDATE runs SET superseded_by = ? WHERE period_from = ? AND period_to = ? AND id < ?"
                " AND superseded_by IS NULL",
                (run_id, *period, run_id),
            )
            _insert_usage(conn, run_id, audit)
            _insert_findings(conn, run_id, audit)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return run_id


@contextmanager
def _reader(path: str | os.PathLike[str]) -> Iterator[sqlite3.Connection | None]:
    """None for a missing or empty ledger: reading must not create one.

    A ledger of an older schema is upgraded first (in its own transaction), so that every query
    below sees the current tables.
    """
    if not os.path.exists(path):
        yield None
        return
    with _connect(path) as conn:
        _check_schema(conn, path)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "runs" not in tables:
            yield None
            return
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                _migrate(conn, path)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        yield conn


def _past_run(conn: sqlite3.Connection, run_id: int) -> PastRun:
    rows = conn.execute(
        "SELECT fingerprint, path, line, check_name, severity, text, message FROM findings"
        " WHERE run_id = ? ORDER BY path, check_name, line, fingerprint",
        (run_id,),
    ).fetchall()
    return PastRun(
        run_id,
        tuple(
            Change(fp, p, line, check, sev, text or "", message or "")
            for fp, p, line, check, sev, text, message in rows
        ),
    )


def same_period_run(path: str | os.PathLike[str], start: dt.date, end: dt.date) -> PastRun | None:
    """The final (latest, not superseded) run of exactly this period: what a re-run is compared with."""
    with _reader(path) as conn:
        if conn is None:
            return None
        row = conn.execute(
            "SELECT id FROM runs WHERE period_from = ? AND period_to = ? AND superseded_by IS NULL"
            " ORDER BY id DESC LIMIT 1",
            (start.isoformat(), end.isoformat()),
        ).fetchone()
        return _past_run(conn, row[0]) if row is not None else None


def previous_period_run(path: str | os.PathLike[str], start: dt.date, end: dt.date) -> PastRun | None:
    """The final run of the latest period of the same kind (a month for a month) ending before ``start``."""
    kind = period_kind(start, end)
    with _reader(path) as conn:
        if conn is None:
            return None
        rows = conn.execute(
            "SELECT id, period_from, period_to FROM runs WHERE period_to < ? AND superseded_by IS NULL"
            " ORDER BY period_to DESC, id DESC",
            (start.isoformat(),),
        ).fetchall()
        for run_id, first, last in rows:
            try:
                period = _period(first, last)
            except (ValueError, TypeError):
                raise LedgerError(f"{path}: run {run_id} has an unreadable period") from None
            if period_kind(*period) == kind:
                return _past_run(conn, run_id)
        return None


def history(path: str | os.PathLike[str]) -> list[dict[str, object]]:
    """Every run, oldest first, with its summary, number of distinct findings and supersession."""
    with _reader(path) as conn:
        if conn is None:
            return []
        rows = conn.execute(
            "SELECT r.id, r.period_from, r.period_to, r.rules_digest, r.created, r.summary, r.version,"
            " r.superseded_by, (SELECT COUNT(*) FROM findings f WHERE f.run_id = r.id)"
            " FROM runs r ORDER BY r.id"
        ).fetchall()
    out: list[dict[str, object]] = []
    for run_id, start, end, digest, created, summary, version, superseded_by, findings in rows:
        try:
            parsed = json.loads(summary)
            first, last = _period(start, end)
        except (json.JSONDecodeError, RecursionError, ValueError, TypeError):
            raise LedgerError(f"{path}: run {run_id} has an unreadable summary or period") from None
        if not isinstance(parsed, dict):
            raise LedgerError(f"{path}: run {run_id} has an unreadable summary or period")
        out.append(
            {
                "id": run_id,
                "period": period_label(first, last),
                "kind": period_kind(first, last),
                "from": start,
                "to": end,
                "rules_digest": digest,
                "created": created,
                "version": version,
                "summary": parsed,
                "findings": findings,
                "superseded_by": superseded_by,
            }
        )
    return out


def final_runs(path: str | os.PathLike[str]) -> list[dict[str, object]]:
    """The latest run of each period (the one that counts), ordered by period."""
    runs = [r for r in history(path) if r["superseded_by"] is None]
    return sorted(runs, key=lambda r: (str(r["to"]), str(r["from"])))


def trend(
    path: str | os.PathLike[str], n: int = 6, kind: str | None = None, until: dt.date | None = None
) -> list[tuple[str, int]]:
    """(period, errors) for the last ``n`` periods audited, oldest first, one run per period.

    With ``kind`` (see ``period_kind``) only periods of that kind count, so a quarter never
    stands among months; with ``until`` only periods that end by that day.
    """
    runs = [
        r
        for r in final_runs(path)
        if (kind is None or r["kind"] == kind) and (until is None or str(r["to"]) <= until.isoformat())
    ]
    runs = runs[-n:] if n > 0 else []
    out: list[tuple[str, int]] = []
    for run in runs:
        summary = run["summary"]
        errors = summary.get("errors", 0) if isinstance(summary, dict) else 0
        out.append((str(run["period"]), int(errors)))
    return out


def usage(path: str | os.PathLike[str], run_id: int) -> list[tuple[str, str, int, int, int]]:
    """(source, month, articles, photos, stories) the run recorded, by source and month."""
    with _reader(path) as conn:
        if conn is None:
            return []
        return [
            (str(s), str(m), int(a), int(p), int(st))
            for s, m, a, p, st in conn.execute(
                "SELECT source, month, articles, photos, stories FROM usage WHERE run_id = ?"
                " ORDER BY source, month",
                (run_id,),
            )
        ]


def report(path: str | os.PathLike[str], run_id: int) -> dict[str, object]:
    """The report a run recorded, as its JSON object, with the run's supersession filled in."""
    with _reader(path) as conn:
        row = None
        if conn is not None:
            row = conn.execute("SELECT report, superseded_by FROM runs WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise LedgerError(f"{path}: no audit run #{run_id} (see `creditcheck audit history`)")
    blob, superseded_by = row
    if blob is None:
        raise LedgerError(
            f"{path}: run #{run_id} was recorded by an older creditcheck that kept only its summary"
        )
    try:
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError):
        raise LedgerError(f"{path}: the report of run #{run_id} is unreadable") from None
    if not isinstance(data, dict):
        raise LedgerError(f"{path}: the report of run #{run_id} is unreadable")
    trail = data.get("trail")
    if isinstance(trail, dict):
        trail["superseded_by"] = superseded_by
    return data
