"""Nothing lost: a session reaches the database, or a pending file the next start merges in;
reading needs no write access and sees both."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from facelift.base.errors import FaceliftError
from facelift.play.journal import Journal
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
from facelift.practice import database, history, pending
from facelift.practice.store import SavedSession, Store

RECORD = SessionRecord(
    routine="lym",
    title="Lym",
    started="2026-11-24T21:00:00+01:00",
    status=SessionStatus.STOPPED,
    planned_seconds=95.0,
    active_seconds=41.5,
    paused_seconds=0.0,
    steps=(StepRecord("One", ItemKind.STEP, 1, 0.0, 40.0, 0.0, 41.5),),
    path="/routines/lym.yaml",
)
EARLIER = dataclasses.replace(RECORD, started="2026-11-23T21:00:00+01:00", path=None)
ENTRY = Journal(
    tension_before=6, tension_after=3, note="Calm.", written="2026-11-24T21:05:00+01:00"
)
LOCKED = "cannot save the session (database is locked)"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with one session; a write gives up on a lock after 0.2 s, not 15."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.2)
    path = tmp_path / "data" / "facelift.db"
    with Store.open(path) as store:
        store.save_session(EARLIER)
    return path


@contextmanager
def held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a write transaction on the database."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


def stored(path: Path) -> list[SessionRecord]:
    with Store.open(path) as store:
        return store.sessions()


def test_a_save_waits_for_a_lock_held_a_moment(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another writer that finishes within the busy timeout is waited for: no pending file."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 5.0)
    with held(db) as other:
        threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
        began = time.monotonic()
        kept = history.save(RECORD, db)
    assert time.monotonic() - began >= 0.4
    assert (kept.id, kept.pending) == (2, None)
    assert stored(db) == [EARLIER, RECORD]
    assert pending.files(pending.folder_for(db)) == []


def test_a_lock_held_past_the_timeout_keeps_the_session_in_a_pending_file(db: Path) -> None:
    """The session is not lost: it waits beside the database, history sees it at once (with
    no id yet), and the next start merges it in and removes the file."""
    with held(db):
        kept = history.save(RECORD, db)
        read = history.read(db)  # readers are not blocked by a writer
    assert (kept.id, kept.reason) == (None, f"{db}: {LOCKED}")
    assert kept.pending is not None and kept.pending.parent == db.parent / "pending"
    assert read.saved == [SavedSession(1, EARLIER), SavedSession(None, RECORD)]
    assert history.prepare(db) == (1, [])
    assert (pending.files(db.parent / "pending"), stored(db)) == ([], [EARLIER, RECORD])
    assert history.read(db).saved == [SavedSession(1, EARLIER), SavedSession(2, RECORD)]
    assert history.prepare(db) == (0, [])


def test_a_journal_follows_its_session_into_the_pending_file(db: Path) -> None:
    with held(db):
        kept = history.save(RECORD, db)
        with_journal = history.save_journal(kept, ENTRY, db)
    assert with_journal.pending == kept.pending
    assert pending.files(db.parent / "pending") == [kept.pending]
    history.prepare(db)
    assert stored(db) == [EARLIER, dataclasses.replace(RECORD, journal=ENTRY)]


def test_a_journal_the_database_cannot_take_is_kept_and_merged_beside_its_session(
    db: Path,
) -> None:
    """The session is stored, the journal is not (locked): the pending file holds the whole
    session with it; reading shows one session with its journal; merging adds only the
    journal."""
    kept = history.save(RECORD, db)
    with held(db):
        later = history.save_journal(kept, ENTRY, db)
        read = history.read(db)
    assert (later.id, later.reason) == (None, f"{db}: cannot save the journal (database is locked)")
    assert read.records == [EARLIER, dataclasses.replace(RECORD, journal=ENTRY)]
    assert read.saved[1].id == 2
    assert history.prepare(db) == (1, [])
    assert stored(db) == [EARLIER, dataclasses.replace(RECORD, journal=ENTRY)]


def test_a_pending_file_merged_twice_is_stored_once(db: Path, tmp_path: Path) -> None:
    """A crash between the merge and the file's removal must not double the session."""
    with held(db):
        kept = history.save(RECORD, db)
    assert kept.pending is not None
    shutil.copy(kept.pending, tmp_path / "copy.json")
    history.prepare(db)
    shutil.copy(tmp_path / "copy.json", kept.pending)
    assert history.prepare(db) == (1, [])
    assert stored(db) == [EARLIER, RECORD]


def test_a_session_merged_by_another_start_as_it_is_saved_is_stored_once(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its pending file is written first; another facelift starting at that moment merges
    it; then this one's own save finds it stored and does not store it again."""
    real_open = Store.open
    others = [lambda: history.prepare(db)]

    def open_after_another_start(path: Path, **options: float | None) -> Store:
        if others:
            assert others.pop()() == (1, [])
        return real_open(path, **options)

    monkeypatch.setattr(Store, "open", open_after_another_start)
    kept = history.save(RECORD, db)
    assert (kept.id, kept.pending, stored(db)) == (2, None, [EARLIER, RECORD])
    assert pending.files(db.parent / "pending") == []


def test_a_busy_database_at_the_start_leaves_the_pending_files_waiting(db: Path) -> None:
    with held(db):
        history.save(RECORD, db)
        assert history.prepare(db) == (0, [])
    assert len(pending.files(db.parent / "pending")) == 1


def test_when_neither_can_take_it_one_line_gives_both_reasons(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pending, "keep", full)
    with held(db), pytest.raises(FaceliftError) as caught:
        history.save(RECORD, db)
    assert str(caught.value) == (
        f"{db}: {LOCKED}; and it could not be kept in {db.parent / 'pending'} "
        "(No space left on device)"
    )


def test_a_pending_file_that_cannot_be_read_is_named_and_left_in_place(db: Path) -> None:
    folder = db.parent / "pending"
    folder.mkdir()
    (folder / "broken.json").write_text("{")
    assert history.prepare(db) == (
        0,
        [f"{folder / 'broken.json'}: not a pending session (not JSON); left where it is"],
    )
    read = history.read(db)
    assert read.records == [EARLIER]
    assert read.warnings == [
        f"{folder / 'broken.json'}: not a pending session (not JSON); left out"
    ]
    assert (folder / "broken.json").exists()


def test_reading_a_history_that_does_not_exist_makes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none" / "facelift.db"
    assert history.read(path) == history.Read([], [])
    assert not (tmp_path / "none").exists()


def test_reading_an_older_schema_reads_it_as_it_is_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A schema 1 file (before paths were kept): read-only, its sessions have no path, and
    not a byte of the file changes (it is migrated by the next session, which writes)."""
    path = tmp_path / "facelift.db"
    with monkeypatch.context() as patch:
        patch.setattr(database, "MIGRATIONS", database.MIGRATIONS[:1])
        Store.open(path).close()
    raw = sqlite3.connect(path)
    raw.execute(
        "INSERT INTO sessions (routine, title, started, started_utc, status, planned_seconds,"
        " active_seconds, paused_seconds) VALUES ('lym', 'Lym', ?, ?, 'stopped', 95, 41.5, 0)",
        (EARLIER.started, EARLIER.started),
    )
    raw.commit()
    raw.close()
    before = path.read_bytes()
    assert history.read(path, steps=False).records == [dataclasses.replace(EARLIER, steps=())]
    assert path.read_bytes() == before
    with Store.open(path) as store:  # a writer migrates it
        store.save_session(RECORD)
    assert history.read(path).records == [dataclasses.replace(EARLIER, steps=()), RECORD]


def test_a_database_without_room_for_wal_is_read_as_it_stands(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where WAL's shared-memory file cannot be made (a read-only folder, a full disk: see
    test_faults.py for the real ones), the file is read immutable, as nothing can change it."""
    real = database._readable
    tries: list[str] = []

    def no_shared_memory(path: Path, connection: sqlite3.Connection) -> int:
        tries.append("ro")
        if len(tries) == 1:
            raise sqlite3.OperationalError("unable to open database file")
        return real(path, connection)

    monkeypatch.setattr(database, "_readable", no_shared_memory)
    assert history.read(db).records == [EARLIER]
    assert tries == ["ro", "ro"]


def test_a_database_that_cannot_be_read_at_all_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "facelift.db"
    path.mkdir()
    with pytest.raises(FaceliftError) as caught:
        history.read(path)
    assert str(caught.value) == f"{path}: cannot read (disk I/O error)"
