"""Pending files: a session the database could not take (busy past its timeout, a full
disk) kept beside it in `pending/`, one JSON file each, until the next run merges it.

A file is written whole or not at all: a temporary file in the same folder, flushed to disk,
then renamed over its name, and the folder synced, so a crash leaves the old file or the new
one, never half of one. Reading trusts nothing (the files are the user's to edit or drop in):
only regular files, never followed through a link, never blocking, and bounded in size.
"""

from __future__ import annotations

import json
import os
import re
import stat
from contextlib import suppress
from pathlib import Path

from facelift.base.jsontext import parse_json
from facelift.play.record import SessionRecord
from facelift.practice import rows

FOLDER = "pending"
FORMAT = 1
MAX_BYTES = 8 * 1024 * 1024  # far above any session's record; a bigger file is not one


def folder_for(database: Path) -> Path:
    """The pending folder beside `database`."""
    return database.parent / FOLDER


def as_text(record: SessionRecord) -> str:
    """A pending file's text: one session, as plain JSON (ASCII, so it is safe to print)."""
    return json.dumps({"format": FORMAT, "session": rows.record_data(record)}, allow_nan=False)


def keep(folder: Path, record: SessionRecord, *, replacing: Path | None = None) -> Path:
    """Write `record` into `folder` (made if need be) atomically and durably; its path.
    `replacing` rewrites that file instead (the journal written after the session).
    An OSError (a full disk, a read-only folder) leaves no file behind."""
    # Imported here, at the save: `secrets` starts OpenSSL's hashing, a moment that would
    # otherwise come before a session's first screen.
    import secrets
    import tempfile

    text = as_text(record)  # a bad record is refused (ValueError) before any file is made
    folder.mkdir(parents=True, exist_ok=True)
    target = replacing or folder / f"{_stamp(record.started)}-{secrets.token_hex(4)}.json"
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(target)
    except BaseException:
        with suppress(OSError):
            temporary.unlink()
        raise
    _sync(folder)
    return target


def files(folder: Path) -> list[Path]:
    """The pending files, oldest name first; none when the folder is missing or unreadable."""
    try:
        return sorted(path for path in folder.iterdir() if _is_pending(path.name))
    except OSError:
        return []


def load(path: Path) -> tuple[SessionRecord, list[str]]:
    """The session in a pending file, and the damaged parts of its journal left out.
    Raises OSError when it cannot be read, and rows.BadRow when it is not a session."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)  # a FIFO opens at once, a link is refused
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise rows.BadRow("not a regular file")
        if status.st_size > MAX_BYTES:
            raise rows.BadRow(f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
        data = file.read(MAX_BYTES + 1)
    try:
        document = parse_json(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise rows.BadRow("not JSON") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise rows.BadRow(f"not a pending session of format {FORMAT}")
    return rows.record_from_data(document.get("session"))


def remove(path: Path) -> None:
    """Delete a merged pending file (OSError when it cannot be)."""
    path.unlink()
    _sync(path.parent)


def _is_pending(name: str) -> bool:
    return name.endswith(".json") and not name.startswith(".")


def _stamp(started: str) -> str:
    """`20261124T210000` from `2026-11-24T21:00:00+01:00`: the files sort by time."""
    digits = re.sub(r"\D", "", started)
    return f"{digits[:8]}T{digits[8:14]}" if len(digits) >= 14 else "session"


def _sync(folder: Path) -> None:
    """Make a rename or a delete in `folder` durable (where folders can be opened)."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
