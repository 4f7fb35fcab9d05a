"""The audit ledger: an embedded SQLite database to which each audit run is appended in one transaction."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from creditcheck.audit import Audit, period_label
from creditcheck.errors import CreditcheckError
from creditcheck.model import Finding

DEFAULT_LEDGER = os.path.join(".creditcheck", "ledger.sqlite")
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    rules_digest TEXT NOT NULL,
    created TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS findings (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    fingerprint TEXT NOT NULL,
    check_name TEXT NOT NULL,
    path TEXT NOT NULL,
    severity TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (run_id, fingerprint)
);
CREATE INDEX IF NOT EXISTS runs_period ON runs(period_to, id);
"""


class LedgerError(CreditcheckError, ValueError):
    """The ledger file exists but is not a creditcheck ledger (corrupt, or another database)."""


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


def _insert_findings(conn: sqlite3.Connection, run_id: int, audit: Audit) -> None:
    """Insert the run's findings, one row per fingerprint (a separate step so tests can interrupt it)."""
    counts: Counter[str] = Counter(v.fingerprint for v in audit.violations)
    first: dict[str, Finding] = {}
    for v in audit.violations:
        first.setdefault(v.fingerprint, v.finding)
    conn.executemany(
        "INSERT INTO findings (run_id, fingerprint, check_name, path, severity, count)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(run_id, key, f.check, f.path, f.severity.label, counts[key]) for key, f in sorted(first.items())],
    )


def record(
    path: str | os.PathLike[str],
    audit: Audit,
    rules_digest: str | None = None,
    created: dt.datetime | None = None,
) -> int:
    """Append one audit run to the ledger and return its id.

    Everything happens between BEGIN IMMEDIATE and COMMIT: an exception rolls back, and a
    process killed before COMMIT leaves a journal that SQLite rolls back on the next open, so
    readers see the ledger with the whole run or without it.
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    stamp = (created or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    with _connect(path) as conn:
        # IMMEDIATE takes the write lock now, so two audits cannot interleave their runs.
        conn.execute("BEGIN IMMEDIATE")
        try:
            _check_schema(conn, path)
            # executescript() would COMMIT first; statement by statement keeps DDL in this transaction.
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            cursor = conn.execute(
                "INSERT INTO runs (period_from, period_to, rules_digest, created, summary)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    audit.start.isoformat(),
                    audit.end.isoformat(),
                    rules_digest if rules_digest is not None else audit.rules_digest,
                    stamp,
                    json.dumps(audit.summary(), sort_keys=True),
                ),
            )
            run_id = cursor.lastrowid
            assert run_id is not None
            _insert_findings(conn, run_id, audit)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return run_id


@contextmanager
def _reader(path: str | os.PathLike[str]) -> Iterator[sqlite3.Connection | None]:
    """None for a missing or empty ledger: reading must not create one."""
    if not os.path.exists(path):
        yield None
        return
    with _connect(path) as conn:
        _check_schema(conn, path)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        yield conn if "runs" in tables else None


def previous_fingerprints(path: str | os.PathLike[str], before_period_start: dt.date) -> set[str]:
    """The fingerprints of the latest run whose period ended before ``before_period_start``."""
    with _reader(path) as conn:
        if conn is None:
            return set()
        row = conn.execute(
            "SELECT id FROM runs WHERE period_to < ? ORDER BY period_to DESC, id DESC LIMIT 1",
            (before_period_start.isoformat(),),
        ).fetchone()
        if row is None:
            return set()
        return {r[0] for r in conn.execute("SELECT fingerprint FROM findings WHERE run_id = ?", (row[0],))}


def has_previous(path: str | os.PathLike[str], before_period_start: dt.date) -> bool:
    """Whether a run ended before ``before_period_start`` (an empty set of fingerprints is still one)."""
    with _reader(path) as conn:
        if conn is None:
            return False
        row = conn.execute(
            "SELECT 1 FROM runs WHERE period_to < ? LIMIT 1", (before_period_start.isoformat(),)
        ).fetchone()
        return row is not None


def history(path: str | os.PathLike[str]) -> list[dict[str, object]]:
    """Every run, oldest first, with its summary and number of distinct findings."""
    with _reader(path) as conn:
        if conn is None:
            return []
        rows = conn.execute(
            "SELECT r.id, r.period_from, r.period_to, r.rules_digest, r.created, r.summary,"
            " (SELECT COUNT(*) FROM findings f WHERE f.run_id = r.id)"
            " FROM runs r ORDER BY r.id"
        ).fetchall()
    out: list[dict[str, object]] = []
    for run_id, start, end, digest, created, summary, findings in rows:
        try:
            parsed = json.loads(summary)
        except json.JSONDecodeError:
            raise LedgerError(f"{path}: run {run_id} has an unreadable summary") from None
        out.append(
            {
                "id": run_id,
                "period": period_label(dt.date.fromisoformat(start), dt.date.fromisoformat(end)),
                "from": start,
                "to": end,
                "rules_digest": digest,
                "created": created,
                "summary": parsed,
                "findings": findings,
            }
        )
    return out


def trend(path: str | os.PathLike[str], n: int = 6) -> list[tuple[str, int]]:
    """(period, errors) for the last ``n`` periods audited, oldest first; a re-run period counts once."""
    latest: dict[tuple[str, str], dict[str, object]] = {}
    for run in history(path):  # oldest first, so a later run of the same period replaces it
        latest[(str(run["from"]), str(run["to"]))] = run
    runs = sorted(latest.values(), key=lambda r: (str(r["to"]), str(r["from"])))[-n:] if n > 0 else []
    out: list[tuple[str, int]] = []
    for run in runs:
        summary = run["summary"]
        errors = summary.get("errors", 0) if isinstance(summary, dict) else 0
        out.append((str(run["period"]), int(errors)))
    return out
