"""The practice history and journal: one SQLite file that loses nothing already written.

The database (`paths.database_path()`, opened by `database.py`) runs in WAL mode with a
busy timeout, and every write is a single `BEGIN IMMEDIATE` transaction: two sessions
finishing at once both keep their records, and a crash, a kill or a full disk leaves every
earlier record whole. Commands that only read open it read-only (`Store.open_readonly`), so
a full disk or a read-only folder does not stop them. Every `sqlite3.Error` or `OSError`
leaves this module as a one-line `FaceliftError` naming the file and the reason
(`StoreBusy` when another program held the database longer than the busy timeout).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

from facelift.play.journal import KEYS, Journal
from facelift.play.record import SessionRecord
from facelift.practice import database, rows
from facelift.practice.database import StoreBusy, schema_version

__all__ = ["SavedSession", "Store", "StoreBusy", "history_json", "schema_version"]


class SavedSession(NamedTuple):
    """A session as stored: its database id (None while it waits in a pending file) and its
    record."""

    id: int | None
    record: SessionRecord


Warn = Callable[[str], None]


def _ignore(message: str) -> None:
    """The default for `warn`: a caller that shows nothing of what was left out."""


class Store:
    """The history and journal database; `Store.open(path)`, then save and read sessions."""

    def __init__(self, path: Path, connection: sqlite3.Connection, version: int) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = connection
        self._version = version  # the schema the file has (a read-only one is not migrated)
        # One connection may be shared by threads (a history sink off the player's thread).
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, *, timeout: float | None = None) -> Store:
        """Open (creating it and its folders if need be) and bring the schema up to date;
        a write waits up to `timeout` seconds (database.BUSY_TIMEOUT_SECONDS) for another's."""
        path = Path(path)
        return cls(path, database.open_readwrite(path, timeout), schema_version())

    @classmethod
    def open_readonly(cls, path: Path) -> Store:
        """Open an existing database to read it and nothing else, so a full disk or a
        read-only folder does not stop it; an older schema is read as it is."""
        path = Path(path)
        connection, version = database.open_readonly(path)
        return cls(path, connection, version)

    @property
    def version(self) -> int:
        """The schema of the open file (an older one when opened read-only and not migrated)."""
        return self._version

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        with self._lock:
            if self._connection is not None:
                connection, self._connection = self._connection, None
                connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def save_session(self, record: SessionRecord, *, once: bool = False) -> int:
        """Store a session, its steps and its journal in one transaction; return its id.

        With `once`, a session already stored (the same routine, start, status and times:
        a pending file merged twice) is not stored again; its journal is written, if the
        record has one, and its id returned."""
        # Everything is checked and converted before BEGIN, so a bad record writes nothing.
        session = rows.session_row(record)
        steps = [rows.step_row(position, step) for position, step in enumerate(record.steps)]
        journal = None if record.journal is None else rows.journal_row(record.journal)
        with self._guard("cannot save the session"), self._transaction(immediate=True) as db:
            found = self._same(db, session) if once else None
            if found is None:
                cursor = db.execute(
                    "INSERT INTO sessions (routine, title, started, status, planned_seconds,"
                    " active_seconds, paused_seconds, scale, from_step, path, started_utc)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    session,
                )
                session_id = cursor.lastrowid
                assert session_id is not None  # an INSERT into a rowid table always sets it
                db.executemany(
                    "INSERT INTO session_steps (session_id, position, title, kind, step_number,"
                    " planned_start, planned_seconds, actual_start, actual_seconds, skipped)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(session_id, *row) for row in steps],
                )
            else:
                session_id = int(found[0])
            if journal is not None:
                db.execute(
                    "INSERT OR REPLACE INTO journal (session_id, tension_before, tension_after,"
                    " note, answers, written) VALUES (?, ?, ?, ?, ?, ?)",
                    (session_id, *journal),
                )
        return session_id

    def save_journal(self, session_id: int, journal: Journal) -> None:
        """Write (or rewrite) a session's journal: its answers come after the session ends."""
        row = rows.journal_row(journal)
        with self._guard("cannot save the journal"), self._transaction(immediate=True) as db:
            db.execute(
                "INSERT OR REPLACE INTO journal (session_id, tension_before, tension_after,"
                " note, answers, written) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, *row),
            )

    def saved_sessions(self, *, steps: bool = True, warn: Warn = _ignore) -> list[SavedSession]:
        """Every stored session with its id, oldest first (by the instant it started);
        without their steps when `steps` is False (the views need only the totals).

        A session whose row (or one of its steps) is not as facelift writes it is left out,
        and a damaged part of a journal is left empty; `warn` is told each in one line."""
        if self._version == 0:  # an empty file: not even the tables yet
            return []
        path_column = "path" if self._version >= 2 else "NULL"
        # One read transaction: a session saved meanwhile is seen whole or not at all.
        with self._guard("cannot read the history"), self._transaction(immediate=False) as db:
            sessions = db.execute(
                f"SELECT id, {rows.SESSION_OK}, routine, title, started, status,"
                " planned_seconds, active_seconds, paused_seconds, scale, from_step,"
                f" {path_column} FROM sessions ORDER BY started_utc, id"
            ).fetchall()
            step_rows = (
                db.execute(
                    f"SELECT session_id, {rows.STEP_OK}, title, kind, step_number, planned_start,"
                    " planned_seconds, actual_start, actual_seconds, skipped FROM session_steps"
                    " ORDER BY session_id, position"
                ).fetchall()
                if steps
                else []
            )
            journal_rows = db.execute(
                "SELECT session_id, tension_before, tension_after, note, answers, written"
                " FROM journal"
            ).fetchall()
        by_session, bad = rows.read_steps(step_rows)
        journals = {}
        for session_id, *fields in journal_rows:
            journal, damaged = Journal.from_stored(dict(zip(KEYS, fields, strict=True)))
            journals[session_id] = journal
            if damaged and session_id not in bad:
                parts = " and ".join(damaged)
                warn(f"{self.path}: session {session_id}: its journal's {parts} could not be read")
        saved = []
        for key, ok, *fields in sessions:
            try:
                if key in bad:
                    raise rows.BadRow(bad[key])
                record = rows.read_row(ok, fields, by_session.get(key, ()), journals.get(key))
            except rows.BadRow as error:
                warn(f"{self.path}: session {key} left out: {error}")
                continue
            saved.append(SavedSession(key, record))
        return saved

    def sessions(self, *, steps: bool = True, warn: Warn = _ignore) -> list[SessionRecord]:
        """Every stored session, oldest first, with its steps in order and its journal."""
        return [saved.record for saved in self.saved_sessions(steps=steps, warn=warn)]

    @staticmethod
    def _same(db: sqlite3.Connection, session: tuple[Any, ...]) -> Any:
        """The id of a stored session with the same routine, start, status and times."""
        routine, _, started, status, planned, active = session[:6]
        return db.execute(
            "SELECT id FROM sessions WHERE started_utc = ? AND routine = ? AND started = ?"
            " AND status = ? AND planned_seconds = ? AND active_seconds = ?",
            (session[-1], routine, started, status, planned, active),  # by its index
        ).fetchone()

    @contextmanager
    def transaction(self, action: str, *, write: bool) -> Iterator[sqlite3.Connection]:
        """One transaction for a practice module's own table (the plan state); any error
        leaves as a one-line FaceliftError saying `action`."""
        with self._guard(action), self._transaction(immediate=write) as db:
            yield db

    def _live(self) -> sqlite3.Connection:
        if self._connection is None:
            raise ValueError(f"{self.path}: the store is closed")
        return self._connection

    @contextmanager
    def _transaction(self, *, immediate: bool) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so a writer waits out busy_timeout for
        # another instead of failing at once when a read lock cannot be upgraded.
        with self._lock:
            db = self._live()
            db.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                database.rollback(db)
                raise

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, OSError) as error:
            raise database.failure(self.path, action, error) from error


def history_json(saved: Iterable[SavedSession]) -> list[dict[str, Any]]:
    """The `facelift history --json` shape: each session's `to_json()` led by its `id`."""
    return [{"id": item.id, **item.record.to_json()} for item in saved]
