"""The SQLite file under the store: opening it read-write (checked, in WAL mode, migrated)
or read-only (nothing written), its schema and migrations, and SQLite's errors as one line.

The schema carries its version in `PRAGMA user_version` and grows by `MIGRATIONS`, applied
in order; a file from a newer facelift, or one that is not facelift's, is refused without
being touched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from facelift.base.errors import FaceliftError

# Written into the header by the first migration, so a SQLite file of another program
# (application_id set to something else) is never mistaken for ours.
APPLICATION_ID = 0x46434C46  # "FCLF"
# How long a write waits for another program's transaction before the session is kept in a
# pending file instead (history.py): long enough for any facelift's own write to finish.
BUSY_TIMEOUT_SECONDS = 15.0

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

# A session started from a file (not by name) keeps the file's path, to be resumed from it.
SCHEMA_V2 = _sql("ALTER TABLE sessions ADD COLUMN path TEXT")

# Append only: migration N (1-based) brings a database from user_version N-1 to N.
# The plans a person followed (facelift.practice.plan_state): at most one active, none ever deleted.
SCHEMA_V3 = _sql(
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

MIGRATIONS: tuple[Migration, ...] = (SCHEMA_V1, SCHEMA_V2, SCHEMA_V3)


def schema_version() -> int:
    """The newest schema this code reads and writes."""
    return len(MIGRATIONS)


class StoreBusy(FaceliftError):
    """Another program held the database for longer than the busy timeout."""


def open_readwrite(path: Path, timeout: float | None = None) -> sqlite3.Connection:
    """A connection to `path` (made, with its folders, if need be), checked, in WAL mode and
    migrated to the newest schema; a write waits `timeout` seconds for another's."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        # mkdir's own "File exists" would be misleading: a *file* holds the folder's name.
        reason = "a file is in the way" if isinstance(error, FileExistsError) else None
        raise FaceliftError(
            f"{path}: cannot create its folder ({reason or _reason(error)})"
        ) from error
    try:
        # isolation_level=None: no implicit transactions; the store says BEGIN itself.
        connection = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_SECONDS if timeout is None else timeout,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as error:
        raise failure(path, "cannot open", error) from error
    try:
        _prepare(path, connection)
    except BaseException:
        connection.close()
        raise
    return connection


def open_readonly(path: Path) -> tuple[sqlite3.Connection, int]:
    """A connection that only reads the existing database `path`, and its schema version:
    no folder, file, WAL mode or migration is written."""
    try:
        return _connect_readonly(path, "mode=ro")
    except sqlite3.Error as error:
        first = error
    # WAL needs a shared-memory file beside the database; where none can be made (a
    # read-only folder, a full disk) the file is read as it stands: nothing can change it.
    if _error_name(first) in _CANNOT_SHARE:
        with suppress(sqlite3.Error):
            return _connect_readonly(path, "mode=ro&immutable=1")
    raise failure(path, "cannot read", first) from first


def _connect_readonly(path: Path, query: str) -> tuple[sqlite3.Connection, int]:
    connection = sqlite3.connect(
        f"{path.absolute().as_uri()}?{query}",
        uri=True,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        return connection, _readable(path, connection)
    except BaseException:
        connection.close()
        raise


def _prepare(path: Path, connection: sqlite3.Connection) -> None:
    """Check the file is ours and not newer, then set the pragmas and migrate."""
    with _converted(path, "cannot open"):
        # Only reads until the checks pass: WAL mode alone rewrites header bytes, and a
        # newer or foreign file must be left exactly as it was.
        connection.execute("BEGIN")
        try:
            version, application_id, tables = _inspect(connection)
        finally:
            rollback(connection)
        _refuse_unless_ours(path, version, application_id, tables)
        connection.execute("PRAGMA foreign_keys = ON")  # per connection; no-op in a transaction
        # FULL makes each commit durable on power loss too, not only on a crash of this process.
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    if version < schema_version():
        with _converted(path, f"cannot update it to schema {schema_version()}"):
            _migrate(path, connection)


def _readable(path: Path, connection: sqlite3.Connection) -> int:
    """The schema version of a database opened read-only, after `_prepare`'s checks."""
    connection.execute("BEGIN")
    try:
        version, application_id, tables = _inspect(connection)
    finally:
        rollback(connection)
    _refuse_unless_ours(path, version, application_id, tables)
    return version


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
        rollback(connection)
        raise


def rollback(connection: sqlite3.Connection) -> None:
    # SQLite may already have rolled back (a full disk, an I/O error); never mask the cause.
    if connection.in_transaction:
        with suppress(sqlite3.Error):
            connection.execute("ROLLBACK")


@contextmanager
def _converted(path: Path, action: str) -> Iterator[None]:
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        raise failure(path, action, error) from error


def failure(path: Path, action: str, error: BaseException) -> FaceliftError:
    """One line for the user: the file, what could not be done, and SQLite's or the OS's why."""
    reason = _reason(error)
    name = _error_name(error)
    if name == "SQLITE_NOTADB":
        return FaceliftError(f"{path}: not a facelift database ({reason})")
    if name == "SQLITE_BUSY":
        return StoreBusy(f"{path}: {action} ({reason})")
    return FaceliftError(f"{path}: {action} ({reason})")


# The errors of a read-only open that mean "no shared memory for WAL here", not "unreadable".
_CANNOT_SHARE = ("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_READONLY")
# Python 3.10 has no sqlite_errorname: the primary codes this module tells apart, by message.
_NAMES_BY_MESSAGE = {
    "unable to open database file": "SQLITE_CANTOPEN",
    "disk I/O error": "SQLITE_IOERR",
    "attempt to write a readonly database": "SQLITE_READONLY",
    "database is locked": "SQLITE_BUSY",
    "file is not a database": "SQLITE_NOTADB",
}


def _error_name(error: BaseException) -> str:
    """SQLite's primary result code (`SQLITE_IOERR` for `SQLITE_IOERR_SHMSIZE`), or ""."""
    name = getattr(error, "sqlite_errorname", None)  # Python 3.11+
    if not isinstance(name, str):
        return _NAMES_BY_MESSAGE.get(str(error), "")
    return "_".join(name.split("_")[:2])


def _reason(error: BaseException) -> str:
    text = (error.strerror if isinstance(error, OSError) else None) or str(error)
    return " ".join(text.split()) or type(error).__name__
