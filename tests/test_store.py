"""The history store: exact round trips, schema versions, refusals, concurrency and crashes."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from facelift.base import paths
from facelift.base.errors import FaceliftError
from facelift.play.journal import Journal
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
from facelift.practice import database, store
from facelift.practice.store import SavedSession, Store, history_json

COMPLETED = SessionRecord(
    routine="lymphatic",
    title="Lymphatic drainage",
    started="2026-11-24T21:00:00+01:00",
    status=SessionStatus.COMPLETED,
    planned_seconds=95.0,
    active_seconds=96.25,
    paused_seconds=12.5,
    steps=(
        StepRecord("Open the terminus", ItemKind.STEP, 1, 0.0, 40.0, 0.0, 41.125),
        StepRecord("Breathe", ItemKind.REST, None, 40.0, 15.0, 41.125, 15.0),
        StepRecord("Jawline sweep", ItemKind.STEP, 2, 55.0, 40.0, 56.125, 40.125),
    ),
    scale=0.5,
    from_step=1,
    journal=Journal(
        tension_before=7,
        tension_after=2,
        note="Jaw let go on the left — finally.\nSecond line.",
        answers=(("What softened?", "the jaw"), ("Where is tension left?", "")),
        written="2026-11-24T21:03:00+01:00",
    ),
)

STOPPED = SessionRecord(
    routine="deep-tissue",
    title="Deep tissue face",
    started="2026-11-25T07:30:00.250000+01:00",
    status=SessionStatus.STOPPED,
    planned_seconds=600.0,
    active_seconds=70.5,
    paused_seconds=0.0,
    steps=(
        StepRecord("Forehead", ItemKind.STEP, 3, 0.0, 60.0, 0.0, 30.0, skipped=True),
        StepRecord("Temples", ItemKind.STEP, 4, 60.0, 60.0, 30.0, 40.5),
    ),
    from_step=3,
)


def fresh(tmp_path: Path) -> Path:
    return tmp_path / "data" / "facelift.db"


def session(started: str, routine: str = "neck") -> SessionRecord:
    """A small completed session starting at `started`."""
    return dataclasses.replace(COMPLETED, started=started, routine=routine, journal=None)


def test_a_completed_and_a_stopped_session_come_back_exactly_as_saved(tmp_path: Path) -> None:
    """Every field, step and journal answer survives closing and reopening, with its id."""
    path = fresh(tmp_path)
    with Store.open(path) as db:
        ids = [db.save_session(COMPLETED), db.save_session(STOPPED)]
    with Store.open(path) as db:
        assert db.sessions() == [COMPLETED, STOPPED]
        assert db.saved_sessions() == [SavedSession(1, COMPLETED), SavedSession(2, STOPPED)]
    assert ids == [1, 2]


def test_a_journal_gets_its_written_time_and_empty_defaults(tmp_path: Path) -> None:
    """A journal without `written` is stamped with the time of saving (with its offset);
    the parts not answered read back as None, or no answers."""
    record = dataclasses.replace(STOPPED, journal=Journal(tension_before=4))
    with Store.open(fresh(tmp_path)) as db:
        before = datetime.now().astimezone().replace(microsecond=0)
        db.save_session(record)
        journal = db.sessions()[0].journal
    assert journal is not None
    written = datetime.fromisoformat(journal.written)
    assert written.utcoffset() is not None and before <= written <= datetime.now().astimezone()
    assert journal == Journal(tension_before=4, written=journal.written)


def test_a_journal_row_holds_plain_columns_and_json_answers(tmp_path: Path) -> None:
    """The journal table as it has always been written: the answers as JSON text, in the
    order answered, not ASCII-escaped; None as NULL."""
    path = fresh(tmp_path)
    with Store.open(path) as db:
        db.save_session(COMPLETED)
        db.save_session(dataclasses.replace(STOPPED, journal=Journal(tension_after=0)))
    raw = sqlite3.connect(path)
    found = raw.execute(
        "SELECT tension_before, tension_after, note, answers, written FROM journal"
        " ORDER BY session_id"
    ).fetchall()
    raw.close()
    assert found[0] == (
        7,
        2,
        "Jaw let go on the left — finally.\nSecond line.",
        '{"What softened?": "the jaw", "Where is tension left?": ""}',
        "2026-11-24T21:03:00+01:00",
    )
    assert found[1][:4] == (None, 0, None, "{}")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "aborted"}, "status must be one of"),
        ({"started": "yesterday"}, "started is not an ISO 8601 time: 'yesterday'"),
    ],
)
def test_a_bad_record_is_refused_before_anything_is_written(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    """An unknown status or a started time that is not ISO 8601 is a programming error:
    ValueError, and no part of the session is kept. (A bad journal cannot even be made:
    test_journal.py.)"""
    with Store.open(fresh(tmp_path)) as db:
        with pytest.raises(ValueError, match=message):
            db.save_session(dataclasses.replace(COMPLETED, **change))
        assert db.sessions() == []


def test_sessions_are_listed_oldest_first_by_the_instant_they_started(tmp_path: Path) -> None:
    """The order is by real time, not by text or by saving: 10:00+02:00 (08:00 UTC) comes
    before 09:30+00:00, and a session saved later can still be the older one."""
    with Store.open(fresh(tmp_path)) as db:
        db.save_session(session("2026-05-01T09:30:00+00:00", "third"))
        db.save_session(session("2026-05-01T10:00:00+02:00", "second"))
        db.save_session(session("2026-05-02T00:15:00+00:00", "fourth"))
        db.save_session(session("2026-04-30T23:59:59Z", "first"))
        routines = [record.routine for record in db.sessions()]
        assert routines == ["first", "second", "third", "fourth"]
        assert [saved.id for saved in db.saved_sessions()] == [4, 2, 1, 3]


def test_history_json_is_each_record_with_its_id(tmp_path: Path) -> None:
    """`facelift history --json`: the issue's fields for each session and each step played,
    and the journal, all plain JSON."""
    with Store.open(fresh(tmp_path)) as db:
        db.save_session(COMPLETED)
        db.save_session(STOPPED)
        data = json.loads(json.dumps(history_json(db.saved_sessions())))
    first, second = data
    assert (first["id"], first["routine"], first["title"], first["status"]) == (
        1,
        "lymphatic",
        "Lymphatic drainage",
        "completed",
    )
    assert (first["started"], first["planned_seconds"]) == ("2026-11-24T21:00:00+01:00", 95.0)
    assert (first["active_seconds"], first["paused_seconds"]) == (96.25, 12.5)
    assert first["steps"][1] == {
        "title": "Breathe",
        "kind": "rest",
        "step_number": None,
        "planned_start": 40.0,
        "planned_seconds": 15.0,
        "actual_start": 41.125,
        "actual_seconds": 15.0,
        "skipped": False,
    }
    assert first["journal"]["answers"] == {
        "What softened?": "the jaw",
        "Where is tension left?": "",
    }
    assert (second["id"], second["status"], second["journal"]) == (2, "stopped", None)
    assert [step["skipped"] for step in second["steps"]] == [True, False]


def test_a_new_database_has_the_schema_version_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    """user_version is the newest schema, the journal is WAL, foreign keys are enforced and a
    writer waits 15 s for another before giving up; the folders are made on the way."""
    path = fresh(tmp_path)
    with Store.open(path) as db:
        connection = db._connection
        assert connection is not None

        def pragma(name: str) -> Any:
            return connection.execute(f"PRAGMA {name}").fetchone()[0]

        assert (pragma("user_version"), store.schema_version()) == (3, 3)
        assert pragma("application_id") == database.APPLICATION_ID
        assert (pragma("journal_mode"), pragma("foreign_keys"), pragma("busy_timeout")) == (
            "wal",
            1,
            15000,
        )
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        assert {row[0] for row in tables} >= {"sessions", "session_steps", "journal"}
    assert path.is_file()


def test_the_default_database_is_facelift_db_in_facelift_home(home: Path) -> None:
    """With $FACELIFT_HOME set (the autouse fixture does), the history is its facelift.db."""
    with Store.open(paths.database_path()) as db:
        db.save_session(STOPPED)
    assert (home / "facelift.db").is_file()


def test_deleting_a_session_takes_its_steps_and_journal_with_it(tmp_path: Path) -> None:
    """The foreign keys cascade, so a later `history delete` cannot leave orphans."""
    with Store.open(fresh(tmp_path)) as db:
        first, _ = db.save_session(COMPLETED), db.save_session(STOPPED)
        connection = db._connection
        assert connection is not None
        connection.execute("DELETE FROM sessions WHERE id = ?", (first,))
        left = [
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("sessions", "session_steps", "journal")
        ]
        assert (left, db.sessions()) == ([1, 2, 0], [STOPPED])


def test_a_database_from_a_newer_facelift_is_refused_and_left_untouched(tmp_path: Path) -> None:
    """Schema 99 is not guessed at: one line says so, and not a byte of the file changes."""
    path = fresh(tmp_path)
    with Store.open(path) as db:
        db.save_session(COMPLETED)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(FaceliftError) as caught:
        Store.open(path)
    assert str(caught.value) == (
        f"{path}: made by a newer facelift (schema 99, this one reads up to "
        f"{store.schema_version()}); nothing was changed"
    )
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_gives_one_line_and_stays_as_it_was(tmp_path: Path) -> None:
    """A text file where the database should be is named, explained and not overwritten."""
    path = tmp_path / "facelift.db"
    path.write_text("these are my notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(FaceliftError) as caught:
        Store.open(path)
    assert str(caught.value) == f"{path}: not a facelift database (file is not a database)"
    assert path.read_bytes() == before


def test_another_programs_sqlite_database_is_not_taken_over(tmp_path: Path) -> None:
    """A SQLite file with someone else's tables and no facelift schema is refused untouched."""
    path = tmp_path / "facelift.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE notes (text TEXT)")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    with pytest.raises(FaceliftError) as caught:
        Store.open(path)
    assert str(caught.value) == (
        f"{path}: not a facelift database (a SQLite database with other tables); "
        "nothing was changed"
    )
    assert path.read_bytes() == before


def test_a_folder_that_cannot_be_made_gives_one_line(tmp_path: Path) -> None:
    """A file where the data folder should be (this fails even for root, unlike chmod)."""
    (tmp_path / "afile").write_text("in the way")
    for path in (tmp_path / "afile" / "facelift.db", tmp_path / "afile" / "sub" / "facelift.db"):
        with pytest.raises(FaceliftError) as caught:
            Store.open(path)
        message = str(caught.value)
        assert message.startswith(f"{path}: cannot create its folder (")
        assert "\n" not in message


def test_a_database_that_is_a_folder_gives_one_line(tmp_path: Path) -> None:
    """A folder named facelift.db cannot be opened; the message says where and why."""
    path = tmp_path / "facelift.db"
    path.mkdir()
    with pytest.raises(FaceliftError) as caught:
        Store.open(path)
    assert str(caught.value) == f"{path}: cannot open (unable to open database file)"


def test_a_full_disk_loses_the_new_session_but_keeps_every_earlier_one(tmp_path: Path) -> None:
    """With no room left (a page limit stands in for a full disk) saving fails in one line,
    and the store stays usable with everything saved before."""
    with Store.open(fresh(tmp_path)) as db:
        db.save_session(COMPLETED)
        connection = db._connection
        assert connection is not None
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        long_steps = tuple(
            dataclasses.replace(STOPPED.steps[0], title=f"{n} " + "x" * 2000) for n in range(20)
        )
        with pytest.raises(FaceliftError) as caught:
            db.save_session(dataclasses.replace(STOPPED, steps=long_steps))
        assert str(caught.value) == (
            f"{db.path}: cannot save the session (database or disk is full)"
        )
        assert db.sessions() == [COMPLETED]
        connection.execute("PRAGMA max_page_count = 1073741823")
        db.save_session(STOPPED)
        assert db.sessions() == [COMPLETED, STOPPED]


def test_a_failed_migration_leaves_the_database_at_its_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migrations run in one transaction: if the second of two new ones fails, the first one's
    table is not kept either, user_version stays where it was, and the sessions are still there."""
    path = fresh(tmp_path)
    with Store.open(path) as db:
        db.save_session(COMPLETED)
    add_table = database._sql("CREATE TABLE moods (name TEXT)")
    broken = database._sql("CREATE TABLE sessions (id INTEGER)")
    current = database.MIGRATIONS
    monkeypatch.setattr(database, "MIGRATIONS", (*current, add_table, broken))
    with pytest.raises(FaceliftError) as caught:
        Store.open(path)
    assert str(caught.value) == (
        f"{path}: cannot update it to schema {len(current) + 2} (table sessions already exists)"
    )
    raw = sqlite3.connect(path)
    version = raw.execute("PRAGMA user_version").fetchone()[0]
    moods = raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'moods'").fetchone()[0]
    raw.close()
    assert (version, moods) == (len(current), 0)
    monkeypatch.setattr(database, "MIGRATIONS", (*current, add_table))
    with Store.open(path) as db:
        assert db.sessions() == [COMPLETED]
        assert db._connection is not None
        assert db._connection.execute("PRAGMA user_version").fetchone()[0] == len(current) + 1


def test_two_stores_saving_in_alternation_keep_every_record(tmp_path: Path) -> None:
    """Two open connections to one file (two facelifts) interleave writes and both see all."""
    path = fresh(tmp_path)
    with Store.open(path) as one, Store.open(path) as two:
        for n in range(10):
            (one if n % 2 == 0 else two).save_session(session(f"2026-01-01T10:{n:02d}:00+00:00"))
        assert one.sessions() == two.sessions()
        assert [record.started[14:16] for record in two.sessions()] == [
            f"{n:02d}" for n in range(10)
        ]


def test_two_threads_saving_at_once_keep_every_record(tmp_path: Path) -> None:
    """Two stores on one file, each in its own thread, released together: no record is lost
    and no writer gives up (each waits for the other's transaction)."""
    path = fresh(tmp_path)
    stores = [Store.open(path), Store.open(path)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def save_many(db: Store, minute: int) -> None:
        start.wait()
        try:
            for second in range(25):
                db.save_session(session(f"2026-01-01T10:{minute:02d}:{second:02d}+00:00"))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=save_many, args=(db, n)) for n, db in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for db in stores:
        db.close()
    with Store.open(path) as db:
        started = [record.started for record in db.sessions()]
    assert errors == []
    assert started == [f"2026-01-01T10:{m:02d}:{s:02d}+00:00" for m in (0, 1) for s in range(25)]


SAVE_THEN_HANG = """
import json, sys, time
from pathlib import Path
from facelift.play.journal import Journal
from facelift.play.record import SessionRecord, StepRecord
from facelift.practice.store import Store

store = Store.open(Path(sys.argv[1]))
for item in json.loads(sys.argv[2]):
    steps = tuple(StepRecord(**step) for step in item.pop("steps"))
    stored = item.pop("journal")
    journal = None if stored is None else Journal.from_stored(stored)[0]
    store.save_session(SessionRecord(**item, steps=steps, journal=journal))
print("saved", flush=True)
time.sleep(60)
"""


def test_a_process_killed_after_saving_leaves_every_record_readable(tmp_path: Path) -> None:
    """SIGKILL with the connection still open: the sessions live only in the WAL file then,
    and the next facelift reads them all back exactly."""
    path = fresh(tmp_path)
    records = [COMPLETED, STOPPED]
    payload = json.dumps([record.to_json() for record in records])
    with subprocess.Popen(
        [sys.executable, "-c", SAVE_THEN_HANG, str(path), payload],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            line = child.stdout.readline() if child.stdout else ""
            assert line == "saved\n", child.stderr.read() if child.stderr else ""
            assert path.with_name("facelift.db-wal").stat().st_size > 0
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    with Store.open(path) as db:
        assert db.sessions() == records


def test_a_closed_store_says_so_and_closing_twice_is_harmless(tmp_path: Path) -> None:
    """Leaving the `with` block closes the store; using it afterwards is a programming error."""
    with Store.open(fresh(tmp_path)) as db:
        db.save_session(STOPPED)
    db.close()
    with pytest.raises(ValueError, match="the store is closed"):
        db.sessions()


def test_a_schema_1_database_gains_the_plan_table_and_keeps_its_sessions(tmp_path: Path) -> None:
    """A history written before plans existed opens, is brought to the newest schema
    (the file path of a session, the plan state) in one go, and loses nothing."""
    path = fresh(tmp_path)
    path.parent.mkdir(parents=True)
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN")
    database.SCHEMA_V1(raw)
    raw.execute("PRAGMA user_version = 1")
    raw.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
    raw.execute("COMMIT")
    raw.close()
    with Store.open(path) as db:
        db.save_session(COMPLETED)
    with Store.open(path) as db, db.transaction("read", write=False) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 3
        assert connection.execute("SELECT count(*) FROM plan_runs").fetchone()[0] == 0
    with Store.open(path) as db:
        assert db.sessions() == [COMPLETED]
