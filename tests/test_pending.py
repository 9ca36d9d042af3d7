"""Pending files: a session kept beside the database, written whole or not at all, read with
care (the folder is the user's to edit)."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from facelift.play.journal import Journal
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
from facelift.practice import pending, rows

RECORD = SessionRecord(
    routine="lym",
    title="Lym \x1b[31m",
    started="2026-11-24T21:00:00.250000+01:00",
    status=SessionStatus.STOPPED,
    planned_seconds=95.125,
    active_seconds=1 / 3,
    paused_seconds=0.0,
    steps=(StepRecord("One", ItemKind.STEP, 1, 0.0, 40.0, 0.0, 1 / 3, skipped=True),),
    scale=0.75,
    from_step=1,
    path="/routines/lym.yaml",
    journal=Journal(
        tension_before=7,
        note="Jaw.\nSecond line.",
        answers=(("What eased?", "the jaw"),),
        written="2026-11-24T21:03:00+01:00",
    ),
)


def test_a_kept_session_reads_back_exactly(tmp_path: Path) -> None:
    """Every field, float and step as it was; named by its start time, so files sort by it;
    no temporary file is left beside it."""
    path = pending.keep(tmp_path / "pending", RECORD)
    assert path.parent == tmp_path / "pending"
    assert path.name.startswith("20261124T210000-") and path.suffix == ".json"
    assert pending.load(path) == (RECORD, [])
    assert pending.files(tmp_path / "pending") == [path]
    assert list((tmp_path / "pending").iterdir()) == [path]


def test_its_text_is_ascii_json_safe_to_print() -> None:
    """The text of a pending file (printed when nothing could be written) has no control
    character and no NaN: escape sequences from a routine stay escaped."""
    text = pending.as_text(RECORD)
    assert text.isascii() and "\x1b" not in text and "\\u001b" in text
    assert json.loads(text)["session"]["title"] == "Lym \x1b[31m"


# A pending file as every facelift version of format 1 wrote it, to the byte: a file left by
# an older version must still be read, and one written now by an older one.
TEXT = (
    '{"format": 1, "session": {"routine": "lym", "title": "Lym \\u001b[31m", "started": '
    '"2026-11-24T21:00:00.250000+01:00", "status": "stopped", "planned_seconds": 95.125, '
    '"active_seconds": 0.3333333333333333, "paused_seconds": 0.0, "scale": 0.75, '
    '"from_step": 1, "path": "/routines/lym.yaml", "journal": {"tension_before": 7, '
    '"tension_after": null, "note": "Jaw.\\nSecond line.", "answers": {"What eased?": '
    '"the jaw"}, "written": "2026-11-24T21:03:00+01:00"}, "steps": [{"title": "One", '
    '"kind": "step", "step_number": 1, "planned_start": 0.0, "planned_seconds": 40.0, '
    '"actual_start": 0.0, "actual_seconds": 0.3333333333333333, "skipped": true}]}}'
)


def test_the_text_of_a_file_is_the_format_1_text_exactly(tmp_path: Path) -> None:
    """Every key, in its order (a journal's too): the same bytes as before the journal was
    a Journal, and they read back as the same record."""
    assert pending.as_text(RECORD) == TEXT
    path = tmp_path / "x.json"
    path.write_text(TEXT)
    assert pending.load(path) == (RECORD, [])


def test_rewriting_a_file_replaces_it_whole(tmp_path: Path) -> None:
    """The journal written after the session goes into the same file."""
    folder = tmp_path / "pending"
    first = pending.keep(folder, dataclasses.replace(RECORD, journal=None))
    again = pending.keep(folder, RECORD, replacing=first)
    assert (again, pending.files(folder), pending.load(first)[0]) == (first, [first], RECORD)


def test_a_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills as the file is flushed: an OSError, and neither the file nor its
    temporary copy is left."""

    def full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left on device"):
        pending.keep(tmp_path / "pending", RECORD)
    assert list((tmp_path / "pending").iterdir()) == []


def test_a_bad_record_is_refused_before_a_file_is_made(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="status must be one of"):
        pending.keep(tmp_path / "pending", dataclasses.replace(RECORD, status="paused"))  # type: ignore[arg-type]
    assert not (tmp_path / "pending").exists()


def test_only_json_files_count_and_a_missing_folder_holds_none(tmp_path: Path) -> None:
    folder = tmp_path / "pending"
    assert pending.files(folder) == []
    folder.mkdir()
    for name in (".abc.tmp", "notes.txt", ".hidden.json", "a.json"):
        (folder / name).write_text("{}")
    assert pending.files(folder) == [folder / "a.json"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (b"\xff\xfe", "not JSON"),
        (b'{"format": 1, "session": {"active_seconds": NaN}}', "not JSON"),
        (b"[" * 100_000, "not JSON"),
        (b'{"format": 2, "session": {}}', "not a pending session of format 1"),
        (b'{"format": 1, "session": []}', "not a session"),
        (b'{"format": 1, "session": {"routine": "x"}}', "title is missing"),
    ],
)
def test_a_file_that_is_not_a_pending_session_says_why(
    tmp_path: Path, text: bytes, reason: str
) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(text)
    with pytest.raises(rows.BadRow) as caught:
        pending.load(path)
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"active_seconds": 10**400}, "active_seconds is not a number of seconds"),
        ({"active_seconds": "ten"}, "active_seconds is not a number of seconds"),
        ({"active_seconds": True}, "active_seconds is not a number of seconds"),
        ({"started": "soon"}, "started is not an ISO 8601 time"),
        ({"status": "done"}, "status is neither completed nor stopped"),
        ({"path": 3}, "path is not text"),
        ({"steps": {}}, "steps is not a list of steps"),
        ({"steps": [{"title": "x"}]}, "a step's kind is missing"),
        ({"journal": "calm"}, "journal is not a journal"),
    ],
)
def test_a_damaged_session_in_a_file_is_refused(
    tmp_path: Path, change: dict[str, object], reason: str
) -> None:
    data = json.loads(pending.as_text(RECORD))
    data["session"].update(change)
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data))
    with pytest.raises(rows.BadRow) as caught:
        pending.load(path)
    assert str(caught.value) == reason


def test_a_damaged_journal_in_a_file_loses_only_that_part(tmp_path: Path) -> None:
    data = json.loads(pending.as_text(RECORD))
    data["session"]["journal"].update({"note": 42, "written": None, "tension_before": 99})
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data))
    record, damaged = pending.load(path)
    assert damaged == ["tension_before", "note", "written"]
    assert RECORD.journal is not None
    assert record.journal == dataclasses.replace(
        RECORD.journal, tension_before=None, note=None, written=""
    )


def test_a_fifo_a_link_or_a_huge_file_is_never_read(tmp_path: Path) -> None:
    """Reading never blocks (a FIFO), never follows a link, never loads a giant file."""
    fifo, link, huge = tmp_path / "f.json", tmp_path / "l.json", tmp_path / "h.json"
    os.mkfifo(fifo)
    (tmp_path / "real.json").write_text(pending.as_text(RECORD))
    link.symlink_to(tmp_path / "real.json")
    with huge.open("wb") as file:
        file.truncate(pending.MAX_BYTES + 1)
    with pytest.raises(rows.BadRow, match="not a regular file"):
        pending.load(fifo)
    with pytest.raises(OSError, match="Too many levels of symbolic links"):
        pending.load(link)
    with pytest.raises(rows.BadRow, match="larger than 8 MiB"):
        pending.load(huge)
