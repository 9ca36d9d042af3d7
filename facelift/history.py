"""The practice history as commands use it, losing nothing.

A session (and later its journal) goes into the database, and when the database cannot take
it (another program holds it past the busy timeout, the disk is full) into a pending file
beside it, which the next session start merges in. Reading opens the database read-only
and adds the pending sessions, so the history, the journal, stats and resume see everything
without needing to write anything.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facelift import pending, rows
from facelift.errors import FaceliftError
from facelift.record import SessionRecord
from facelift.store import SavedSession, Store, StoreBusy


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
    try:
        with Store.open(database) as store:
            return Kept(record, id=store.save_session(record))
    except FaceliftError as error:
        return _kept_pending(record, database, reason=str(error))


def save_journal(kept: Kept, entry: dict[str, Any], database: Path) -> Kept:
    """Add the journal to a kept session: in the database beside it, or else in its pending
    file (a new one when the session itself is in the database). FaceliftError when neither
    could take it."""
    record = dataclasses.replace(kept.record, journal=entry)
    if kept.id is not None:
        try:
            with Store.open(database) as store:
                store.save_journal(kept.id, entry)
            return dataclasses.replace(kept, record=record)
        except FaceliftError as error:
            # The whole session goes into the file: merging finds it stored and adds the journal.
            return _kept_pending(record, database, reason=str(error))
    return _kept_pending(record, database, reason=kept.reason, replacing=kept.pending)


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


def _kept_pending(
    record: SessionRecord, database: Path, *, reason: str, replacing: Path | None = None
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
