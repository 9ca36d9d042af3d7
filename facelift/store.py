"""The practice history and journal: one SQLite file that loses nothing already written.

The database (`paths.database_path()`) runs in WAL mode with a busy timeout, and every
write is a single `BEGIN IMMEDIATE` transaction: two sessions finishing at once both
keep their records, and a crash, a kill or a full disk leaves every earlier record whole.
The schema carries its version in `PRAGMA user_version` and grows by `MIGRATIONS`,
applied in order; a file from a newer facelift, or one that is not facelift's, is
refused without being touched. Every `sqlite3.Error` or `OSError` leaves this module as
a one-line `FaceliftError` naming the file and the reason.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

from facelift.errors import FaceliftError
from facelift.record import SessionRecord, StepRecord

# Written into the header by the first migration, so a SQLite file of another program
# (application_id set to something else) is never mistaken for ours.
APPLICATION_ID = 0x46434C46  # "FCLF"
BUSY_TIMEOUT_SECONDS = 5.0
STATUSES = ("completed", "stopped")
KINDS = ("step", "rest")
JOURNAL_KEYS = ("tension_before", "tension_after", "note", "answers", "written")

Migration = Callable[[sqlite3.Connection], None]


def _sql(*statements: str) -> Migration:
    """A migration made of plain SQL statements, run one by one inside the open transaction."""

    def migrate(connection: sqlite3.Connection) -> None:
        # Not executescript(): it commits first, and a migration must stay one transaction.
        for statement in statements:
            connection.execute(statement)

    return migrate


SCHEMA_V1 = _sql(
    """
    CREATE TABLE sessions (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after a delete
        routine         TEXT NOT NULL,
        title           TEXT NOT NULL,
        started         TEXT NOT NULL,  -- ISO 8601 as recorded, with its UTC offset
        started_utc     TEXT NOT NULL,  -- the same instant in UTC: sorts across offsets and DST
        status          TEXT NOT NULL CHECK (status IN ('completed', 'stopped')),
        planned_seconds REAL NOT NULL,
        active_seconds  REAL NOT NULL,
        paused_seconds  REAL NOT NULL,
        scale           REAL NOT NULL DEFAULT 1.0,
        from_step       INTEGER NOT NULL DEFAULT 1
    )
    """,
    "CREATE INDEX sessions_by_started ON sessions (started_utc, id)",
    """
    CREATE TABLE session_steps (
        session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position        INTEGER NOT NULL,  -- 0, 1, 2 ... in the order played
        title           TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('step', 'rest')),
        step_number     INTEGER,           -- NULL for a rest
        planned_start   REAL NOT NULL,
        planned_seconds REAL NOT NULL,
        actual_start    REAL NOT NULL,
        actual_seconds  REAL NOT NULL,
        skipped         INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
        PRIMARY KEY (session_id, position)  -- also the index that finds a session's steps
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE journal (
        session_id      INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        tension_before  INTEGER CHECK (tension_before BETWEEN 0 AND 10),
        tension_after   INTEGER CHECK (tension_after BETWEEN 0 AND 10),
        note            TEXT,
        answers         TEXT NOT NULL DEFAULT '{}',  -- JSON: the reflect prompts answered
        written         TEXT NOT NULL                -- ISO 8601
    )
    """,
)

# The plans a person followed (facelift.plan_state): at most one active, none ever deleted.
SCHEMA_V2 = _sql(
    """
    CREATE TABLE plan_runs (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        plan            TEXT NOT NULL,  -- the plan's name
        first_day       TEXT NOT NULL,  -- the local date of its day 1, YYYY-MM-DD
        started         TEXT NOT NULL,  -- ISO 8601: when `plan start` ran
        stopped         TEXT            -- ISO 8601: when it was stopped or replaced; NULL: active
    )
    """,
    "CREATE UNIQUE INDEX plan_runs_one_active ON plan_runs ((stopped IS NULL))"
    " WHERE stopped IS NULL",
)

# Append only: migration N (1-based) brings a database from user_version N-1 to N.
MIGRATIONS: tuple[Migration, ...] = (SCHEMA_V1, SCHEMA_V2)


def schema_version() -> int:
    """The newest schema this code reads and writes."""
    return len(MIGRATIONS)


class SavedSession(NamedTuple):
    """A session as stored: its database id and its record."""

    id: int
    record: SessionRecord


class Store:
    """The history and journal database; `Store.open(path)`, then save and read sessions."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = connection
        # One connection may be shared by threads (a history sink off the player's thread).
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating it and its folders if need be) and bring the schema up to date."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            # mkdir's own "File exists" would be misleading: a *file* holds the folder's name.
            reason = "a file is in the way" if isinstance(error, FileExistsError) else None
            raise FaceliftError(
                f"{path}: cannot create its folder ({reason or _reason(error)})"
            ) from error
        try:
            # isolation_level=None: no implicit transactions; this module says BEGIN itself.
            connection = sqlite3.connect(
                path,
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise _error(path, "cannot open", error) from error
        try:
            _prepare(path, connection)
        except BaseException:
            connection.close()
            raise
        return cls(path, connection)

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

    def save_session(self, record: SessionRecord) -> int:
        """Store a session, its steps and its journal in one transaction; return its id."""
        # Everything is checked and converted before BEGIN, so a bad record writes nothing.
        session = _session_row(record)
        steps = [_step_row(position, step) for position, step in enumerate(record.steps)]
        journal = None if record.journal is None else _journal_row(record.journal)
        with self._guard("cannot save the session"), self._transaction(immediate=True) as db:
            cursor = db.execute(
                "INSERT INTO sessions (routine, title, started, started_utc, status,"
                " planned_seconds, active_seconds, paused_seconds, scale, from_step)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            if journal is not None:
                db.execute(
                    "INSERT INTO journal (session_id, tension_before, tension_after, note,"
                    " answers, written) VALUES (?, ?, ?, ?, ?, ?)",
                    (session_id, *journal),
                )
        return session_id

    def save_journal(self, session_id: int, journal: Mapping[str, Any]) -> None:
        """Write (or rewrite) a session's journal: its answers come after the session ends."""
        row = _journal_row(journal)
        with self._guard("cannot save the journal"), self._transaction(immediate=True) as db:
            db.execute(
                "INSERT OR REPLACE INTO journal (session_id, tension_before, tension_after,"
                " note, answers, written) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, *row),
            )

    def saved_sessions(self, *, steps: bool = True) -> list[SavedSession]:
        """Every stored session with its id, oldest first (by the instant it started);
        without their steps when `steps` is False (the views need only the totals)."""
        # One read transaction: a session saved meanwhile is seen whole or not at all.
        with self._guard("cannot read the history"), self._transaction(immediate=False) as db:
            sessions = db.execute(
                "SELECT id, routine, title, started, status, planned_seconds, active_seconds,"
                " paused_seconds, scale, from_step FROM sessions ORDER BY started_utc, id"
            ).fetchall()
            step_rows = (
                db.execute(
                    "SELECT session_id, title, kind, step_number, planned_start, planned_seconds,"
                    " actual_start, actual_seconds, skipped FROM session_steps"
                    " ORDER BY session_id, position"
                ).fetchall()
                if steps
                else []
            )
            journal_rows = db.execute(
                "SELECT session_id, tension_before, tension_after, note, answers, written"
                " FROM journal"
            ).fetchall()
        by_session: dict[int, list[StepRecord]] = {}
        for session_id, *fields in step_rows:
            by_session.setdefault(session_id, []).append(_step(*fields))
        journals = {row[0]: _journal(*row[1:]) for row in journal_rows}
        return [
            SavedSession(
                key, _session(*fields, steps=by_session.get(key, []), journal=journals.get(key))
            )
            for key, *fields in sessions
        ]

    def sessions(self, *, steps: bool = True) -> list[SessionRecord]:
        """Every stored session, oldest first, with its steps in order and its journal."""
        return [saved.record for saved in self.saved_sessions(steps=steps)]

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
                _rollback(db)
                raise

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, OSError) as error:
            raise _error(self.path, action, error) from error


def history_json(saved: Iterable[SavedSession]) -> list[dict[str, Any]]:
    """The `facelift history --json` shape: each session's `to_json()` led by its `id`."""
    return [{"id": item.id, **item.record.to_json()} for item in saved]


def _prepare(path: Path, connection: sqlite3.Connection) -> None:
    """Check the file is ours and not newer, then set the pragmas and migrate."""
    with _converted(path, "cannot open"):
        # Only reads until the checks pass: WAL mode alone rewrites header bytes, and a
        # newer or foreign file must be left exactly as it was.
        connection.execute("BEGIN")
        try:
            version, application_id, tables = _inspect(connection)
        finally:
            _rollback(connection)
        _refuse_unless_ours(path, version, application_id, tables)
        connection.execute("PRAGMA foreign_keys = ON")  # per connection; no-op in a transaction
        # FULL makes each commit durable on power loss too, not only on a crash of this process.
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    if version < schema_version():
        with _converted(path, f"cannot update it to schema {schema_version()}"):
            _migrate(path, connection)


def _inspect(connection: sqlite3.Connection) -> tuple[int, int, int]:
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
    tables = int(connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    return version, application_id, tables


def _refuse_unless_ours(path: Path, version: int, application_id: int, tables: int) -> None:
    if application_id not in (0, APPLICATION_ID):
        raise FaceliftError(
            f"{path}: not a facelift database (another program's, application id "
            f"{application_id:#x}); nothing was changed"
        )
    if version > schema_version():
        raise FaceliftError(
            f"{path}: made by a newer facelift (schema {version}, this one reads up to "
            f"{schema_version()}); nothing was changed"
        )
    if version == 0 and tables:
        raise FaceliftError(
            f"{path}: not a facelift database (a SQLite database with other tables); "
            "nothing was changed"
        )


def _migrate(path: Path, connection: sqlite3.Connection) -> None:
    """Apply the missing migrations in one transaction: the file ends old or fully current."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another facelift may have migrated meanwhile.
        version, application_id, tables = _inspect(connection)
        _refuse_unless_ours(path, version, application_id, tables)
        for number in range(version + 1, schema_version() + 1):
            MIGRATIONS[number - 1](connection)
            connection.execute(f"PRAGMA user_version = {number:d}")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
        connection.execute("COMMIT")
    except BaseException:
        _rollback(connection)
        raise


def _rollback(connection: sqlite3.Connection) -> None:
    # SQLite may already have rolled back (a full disk, an I/O error); never mask the cause.
    if connection.in_transaction:
        with suppress(sqlite3.Error):
            connection.execute("ROLLBACK")


@contextmanager
def _converted(path: Path, action: str) -> Iterator[None]:
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        raise _error(path, action, error) from error


def _error(path: Path, action: str, error: BaseException) -> FaceliftError:
    """One line for the user: the file, what could not be done, and SQLite's or the OS's why."""
    reason = _reason(error)
    name = getattr(error, "sqlite_errorname", None)  # Python 3.11+
    if name == "SQLITE_NOTADB" or reason == "file is not a database":
        return FaceliftError(f"{path}: not a facelift database ({reason})")
    return FaceliftError(f"{path}: {action} ({reason})")


def _reason(error: BaseException) -> str:
    text = (error.strerror if isinstance(error, OSError) else None) or str(error)
    return " ".join(text.split()) or type(error).__name__


def _utc(started: str) -> str:
    """`started` as a sortable UTC timestamp; a time without an offset is taken as local."""
    text = started[:-1] + "+00:00" if started.endswith(("Z", "z")) else started
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"started is not an ISO 8601 time: {started!r}") from None
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _session_row(record: SessionRecord) -> tuple[Any, ...]:
    if record.status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, not {record.status!r}")
    return (
        record.routine,
        record.title,
        record.started,
        _utc(record.started),
        record.status,
        float(record.planned_seconds),
        float(record.active_seconds),
        float(record.paused_seconds),
        float(record.scale),
        int(record.from_step),
    )


def _step_row(position: int, step: StepRecord) -> tuple[Any, ...]:
    if step.kind not in KINDS:
        raise ValueError(f"a step's kind must be one of {KINDS}, not {step.kind!r}")
    return (
        position,
        step.title,
        step.kind,
        step.step_number,
        float(step.planned_start),
        float(step.planned_seconds),
        float(step.actual_start),
        float(step.actual_seconds),
        int(bool(step.skipped)),
    )


def _journal_row(journal: Mapping[str, Any]) -> tuple[Any, ...]:
    """The journal's columns; missing keys take their empty values, unknown keys are refused."""
    unknown = sorted(set(journal) - set(JOURNAL_KEYS))
    if unknown:
        raise ValueError(f"unknown journal keys {unknown}; expected some of {JOURNAL_KEYS}")
    for key in ("tension_before", "tension_after"):
        value = journal.get(key)
        if value is not None and (type(value) is not int or not 0 <= value <= 10):
            raise ValueError(f"journal {key} must be a whole number 0-10 or None, not {value!r}")
    note = journal.get("note")
    if note is not None and not isinstance(note, str):
        raise ValueError(f"journal note must be text or None, not {note!r}")
    try:
        answers = json.dumps(journal.get("answers", {}), ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise ValueError(f"journal answers must be JSON: {error}") from None
    written = journal.get("written") or datetime.now().astimezone().isoformat(timespec="seconds")
    return (journal.get("tension_before"), journal.get("tension_after"), note, answers, written)


def _session(
    routine: str,
    title: str,
    started: str,
    status: str,
    planned_seconds: float,
    active_seconds: float,
    paused_seconds: float,
    scale: float,
    from_step: int,
    *,
    steps: list[StepRecord],
    journal: dict[str, Any] | None,
) -> SessionRecord:
    return SessionRecord(
        routine=routine,
        title=title,
        started=started,
        status=status,
        planned_seconds=planned_seconds,
        active_seconds=active_seconds,
        paused_seconds=paused_seconds,
        steps=tuple(steps),
        scale=scale,
        from_step=from_step,
        journal=journal,
    )


def _step(
    title: str,
    kind: str,
    step_number: int | None,
    planned_start: float,
    planned_seconds: float,
    actual_start: float,
    actual_seconds: float,
    skipped: int,
) -> StepRecord:
    return StepRecord(
        title=title,
        kind=kind,
        step_number=step_number,
        planned_start=planned_start,
        planned_seconds=planned_seconds,
        actual_start=actual_start,
        actual_seconds=actual_seconds,
        skipped=bool(skipped),
    )


def _journal(
    tension_before: int | None,
    tension_after: int | None,
    note: str | None,
    answers: str,
    written: str,
) -> dict[str, Any]:
    return {
        "tension_before": tension_before,
        "tension_after": tension_after,
        "note": note,
        "answers": json.loads(answers),
        "written": written,
    }
