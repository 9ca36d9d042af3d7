"""The practice history as commands use it, losing nothing.

A session (and later its journal) goes into the database, and when the database cannot take
it (another program holds it past the busy timeout, the disk is full) into a pending file
beside it, which the next session start merges in. Reading opens the database read-only
and adds the pending sessions, so the history, the journal, stats and resume see everything
without needing to write anything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facelift.base.errors import FaceliftError
from facelift.play.journal import Journal
from facelift.play.record import SessionRecord
from facelift.practice import pending, rows
from facelift.practice.store import SavedSession, Store, StoreBusy


@dataclass(frozen=True)
class Kept:
    """Where a session went: its database id, or the pending file that holds it instead
    (and `reason`, why the database did not take it)."""

    record: SessionRecord
    id: int | None = None
    pending: Path | None = None
    reason: str = ""


@dataclass(frozen=True)
class Read:
    """Every session, oldest first, and a line for each stored one that could not be read."""

    saved: list[SavedSession]
    warnings: list[str]

    @property
    def records(self) -> list[SessionRecord]:
        return [item.record for item in self.saved]


def save(record: SessionRecord, database: Path) -> Kept:
    """Store the session in the database, or else keep it in a pending file.
    FaceliftError, with both reasons, only when neither could take it."""
    with Keeper(database) as keeper:
        return keeper.save(record)


def save_journal(kept: Kept, entry: Journal, database: Path) -> Kept:
    """Add the journal to a kept session: in the database beside it, or else in a pending
    file with the whole session (merging finds the session stored and adds the journal).
    FaceliftError when neither could take it."""
    with Keeper(database) as keeper:
        return keeper.save_journal(kept, entry)


def prepare(database: Path) -> tuple[int, list[str]]:
    """Before a session: check the database can be written (FaceliftError if not, unless
    it is only busy), and merge the pending sessions into it. How many were merged, and a
    line for each pending file that could not be."""
    try:
        store = Store.open(database)
    except StoreBusy:
        return 0, []  # busy now; the session's own save waits, or keeps it pending
    with store:
        return _merge(store, pending.folder_for(database))


def read(database: Path, *, steps: bool = True) -> Read:
    """Every session in the database (read-only; none when there is no database yet) and in
    pending files, oldest first by the instant each started."""
    warnings: list[str] = []
    saved: list[SavedSession] = []
    if database.exists():
        with Store.open_readonly(database) as store:
            saved = store.saved_sessions(steps=steps, warn=warnings.append)
    kept = _pending_records(pending.folder_for(database), warnings)
    if not kept:
        return Read(saved, warnings)
    position = {_identity(item.record): index for index, item in enumerate(saved)}
    for record in kept:
        record = record if steps else dataclasses.replace(record, steps=())
        index = position.get(_identity(record))
        if index is None:
            saved.append(SavedSession(None, record))
        elif record.journal is not None:  # a journal that came after its stored session
            saved[index] = saved[index]._replace(record=record)
    saved.sort(key=lambda item: rows.utc(item.record.started))  # stable: ties keep order
    return Read(saved, warnings)


class Keeper:
    """The end of one session in the history: the save, the journal and the streak read
    through one connection, opened by the first of them that needs it and closed with the
    keeper. A database that cannot be opened is tried again by the next write (its trouble
    may have passed); whatever it cannot take goes to a pending file, as `save` says."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self._store: Store | None = None

    def __enter__(self) -> Keeper:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            store.close()

    def save(self, record: SessionRecord) -> Kept:
        """`save`, through this keeper's connection."""
        # once: another facelift starting now may merge this session's pending file first
        return self._written(record, lambda store: store.save_session(record, once=True))

    def save_journal(self, kept: Kept, entry: Journal) -> Kept:
        """`save_journal`, through this keeper's connection."""
        record = dataclasses.replace(kept.record, journal=entry)
        session_id = kept.id
        if session_id is None:  # the session waits in its file: the journal joins it there
            return _kept_pending(record, self.database, reason=kept.reason, replacing=kept.pending)

        def write(store: Store) -> int:
            store.save_journal(session_id, entry)
            return session_id

        return self._written(record, write)

    def sessions(self, *, timeout: float | None = None) -> list[SessionRecord]:
        """The stored sessions without their steps (FaceliftError when they cannot be read);
        `timeout` is the wait for a lock when the database is not open yet."""
        return self._opened(timeout).sessions(steps=False)

    def _opened(self, timeout: float | None = None) -> Store:
        # read-write, as a session saves: a read-only close would leave the WAL behind
        if self._store is None:
            self._store = Store.open(self.database, timeout=timeout)
        return self._store

    def _written(self, record: SessionRecord, write: Callable[[Store], int]) -> Kept:
        """Keep the record in a pending file, write the database, then remove the file. The
        file comes first: it is the smallest write that keeps the session, and on a nearly
        full disk the database's own files would take the last free bytes before failing."""
        folder = pending.folder_for(self.database)
        try:
            path: Path | None = pending.keep(folder, record)
            not_kept = ""
        except OSError as error:
            path, not_kept = None, error.strerror or str(error)
        try:
            session_id = write(self._opened())
        except FaceliftError as error:
            if path is None:
                raise FaceliftError(
                    f"{error}; and it could not be kept in {folder} ({not_kept})"
                ) from None
            return Kept(record, pending=path, reason=str(error))
        if path is not None:
            with suppress(OSError):  # left behind, it is merged once and never doubled
                pending.remove(path)
        return Kept(record, id=session_id)


def _kept_pending(
    record: SessionRecord, database: Path, *, reason: str, replacing: Path | None
) -> Kept:
    folder = pending.folder_for(database)
    try:
        path = pending.keep(folder, record, replacing=replacing)
    except OSError as error:
        why = error.strerror or str(error)
        raise FaceliftError(f"{reason}; and it could not be kept in {folder} ({why})") from None
    return Kept(record, pending=path, reason=reason)


def _merge(store: Store, folder: Path) -> tuple[int, list[str]]:
    merged, warnings = 0, []
    for path in pending.files(folder):
        try:
            record, _ = pending.load(path)
        except (OSError, rows.BadRow) as error:
            warnings.append(f"{path}: {_why(error)}; left where it is")
            continue
        try:
            store.save_session(record, once=True)  # once: a file merged before is not doubled
        except FaceliftError:
            break  # the database cannot take it now: every file waits for the next time
        try:
            pending.remove(path)
        except OSError as error:
            warnings.append(f"{path}: merged, but cannot be removed ({error.strerror or error})")
        merged += 1
    return merged, warnings


def _pending_records(folder: Path, warnings: list[str]) -> list[SessionRecord]:
    records = []
    for path in pending.files(folder):
        try:
            record, damaged = pending.load(path)
        except (OSError, rows.BadRow) as error:
            warnings.append(f"{path}: {_why(error)}; left out")
            continue
        if damaged:
            warnings.append(f"{path}: its journal's {' and '.join(damaged)} could not be read")
        records.append(record)
    return records


def _identity(record: SessionRecord) -> tuple[Any, ...]:
    """What tells one session from another, as `Store.save_session(once=True)` compares."""
    return (
        record.routine,
        record.started,
        record.status,
        record.planned_seconds,
        record.active_seconds,
    )


def _why(error: Exception) -> str:
    if isinstance(error, OSError):
        return f"cannot be read ({error.strerror or error})"
    return f"not a pending session ({error})"
