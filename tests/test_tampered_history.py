"""A history database edited by hand or by another program: every row is read with care.

A session whose own fields are not as facelift writes them is left out with one warning
line; a damaged part of a journal is left empty and the session shown. No command crashes,
and `history --json` stays JSON.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import io
import json
import math
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from facelift.commands import history_page, journal_page, stats_page
from facelift.play.journal import Journal
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
from facelift.practice.store import Store

from .conftest import Cli, examples

GOOD = SessionRecord(
    routine="two",
    title="Two seconds",
    started="2026-11-20T08:00:00+00:00",
    status=SessionStatus.STOPPED,
    planned_seconds=3.0,
    active_seconds=2.0,
    paused_seconds=0.0,
    steps=(
        StepRecord("Touch", ItemKind.STEP, 1, 0.0, 1.0, 0.0, 1.0),
        StepRecord("Hold", ItemKind.STEP, 2, 1.0, 1.0, 1.0, 1.0),
    ),
    journal=Journal(
        tension_before=6,
        tension_after=2,
        note="Calm.",
        answers=(("What eased?", "the jaw"),),
        written="2026-11-20T08:05:00+00:00",
    ),
)


def saved(home: Path, *records: SessionRecord) -> Path:
    path = home / "facelift.db"
    with Store.open(path) as store:
        for record in records:
            store.save_session(record)
    return path


def tamper(path: Path, sql: str, *values: Any) -> None:
    """Change the file as another program could, past facelift's own CHECK constraints
    (NOT NULL still holds)."""
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA ignore_check_constraints = ON")
    raw.execute("PRAGMA synchronous = OFF")  # a test's file: no need to wait for the disk
    with contextlib.suppress(sqlite3.IntegrityError):  # NULL, or NaN (which SQLite stores as NULL)
        raw.execute(sql, values)
    raw.commit()
    raw.close()


def read(path: Path) -> tuple[list[SessionRecord], list[str]]:
    warnings: list[str] = []
    with Store.open_readonly(path) as store:
        return store.sessions(warn=warnings.append), warnings


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("started", "last tuesday", "started is not an ISO 8601 time"),
        ("started", "0001-01-01T00:00:00+05:00", "started is not an ISO 8601 time"),
        ("started", b"2026-11-20T08:00:00+00:00\xff", "started is not an ISO 8601 time"),
        ("active_seconds", "ten", "active_seconds is not a number of seconds"),
        ("active_seconds", math.inf, "active_seconds is not a number of seconds"),
        ("planned_seconds", -math.inf, "planned_seconds is not a number of seconds"),
        ("paused_seconds", -1.0, "paused_seconds is not a number of seconds"),
        ("paused_seconds", b"\x00", "paused_seconds is not a number of seconds"),
        ("status", "aborted", "status is neither completed nor stopped"),
        ("status", b"stopped", "status is neither completed nor stopped"),
        ("scale", 0.0, "scale is not a positive number"),
        ("scale", "fast", "scale is not a positive number"),
        ("from_step", 0, "from_step is not a step number"),
        ("from_step", 2.5, "from_step is not a step number"),
    ],
)
def test_a_session_that_cannot_be_read_is_left_out_with_one_warning(
    home: Path, column: str, value: Any, reason: str
) -> None:
    """The other sessions come back whole; the warning names the file, the id and the field
    (never the stored value, which could hold anything)."""
    path = saved(home, GOOD, GOOD)
    tamper(path, f"UPDATE sessions SET {column} = ? WHERE id = 1", value)
    records, warnings = read(path)
    assert records == [GOOD]
    assert warnings == [f"{path}: session 1 left out: {reason}"]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("actual_seconds", math.inf, "a step's actual_seconds is not a number of seconds"),
        ("kind", "nap", "a step's kind is neither step nor rest"),
        ("step_number", "two", "a step's number is not a step number"),
        ("skipped", 2, "a step's skipped is neither 0 nor 1"),
        ("planned_start", -1.0, "a step's planned_start is not a number of seconds"),
    ],
)
def test_a_damaged_step_leaves_its_session_out(
    home: Path, column: str, value: Any, reason: str
) -> None:
    """A session is read whole or not at all: resume must not trust half of its steps."""
    path = saved(home, GOOD, GOOD)
    tamper(
        path, f"UPDATE session_steps SET {column} = ? WHERE session_id = 2 AND position = 1", value
    )
    records, warnings = read(path)
    assert records == [GOOD]
    assert warnings == [f"{path}: session 2 left out: {reason}"]


def test_a_blob_title_is_read_as_text(home: Path) -> None:
    """Bytes where text belongs (another program's BLOB) are read as UTF-8, bad bytes as �."""
    path = saved(home, GOOD)
    tamper(path, "UPDATE sessions SET title = ? WHERE id = 1", b"Lymph \xff drainage")
    tamper(path, "UPDATE session_steps SET title = ? WHERE position = 0", b"Touch")
    (record,), warnings = read(path)
    assert (record.title, record.steps[0].title, warnings) == ("Lymph \ufffd drainage", "Touch", [])


@pytest.mark.parametrize(
    ("column", "value", "journal", "damaged"),
    [
        ("answers", "{not json", {"answers": ()}, "answers"),
        ("answers", '{"a": Infinity}', {"answers": ()}, "answers"),
        ("answers", "[1, 2]", {"answers": ()}, "answers"),
        ("answers", '{"What eased?": 3}', {"answers": ()}, "answers"),
        ("answers", "[" * 100_000, {"answers": ()}, "answers"),
        ("tension_before", 11, {"tension_before": None}, "tension_before"),
        ("tension_after", "low", {"tension_after": None}, "tension_after"),
        ("tension_after", 2.5, {"tension_after": None}, "tension_after"),
        ("note", b"Calm \xff", {"note": "Calm \ufffd"}, None),
    ],
)
def test_a_damaged_journal_keeps_its_session_and_loses_only_the_damaged_part(
    home: Path, column: str, value: Any, journal: dict[str, Any], damaged: str | None
) -> None:
    """Answers that are not JSON (or not prompt -> answer text), a tension out of 0-10 or
    not whole: that part reads as never answered; a BLOB note reads as text."""
    path = saved(home, GOOD)
    tamper(path, f"UPDATE journal SET {column} = ?", value)
    (record,), warnings = read(path)
    assert GOOD.journal is not None
    assert record.journal == dataclasses.replace(GOOD.journal, **journal)
    said = [f"{path}: session 1: its journal's {damaged} could not be read"] if damaged else []
    assert warnings == said


def test_every_command_reads_a_tampered_history(cli: Cli, home: Path) -> None:
    """history, history --json, journal, its export, stats and resume: exit 0, the good
    sessions shown, one warning line per bad one, and JSON that a strict parser accepts."""
    completed = dataclasses.replace(GOOD, status=SessionStatus.COMPLETED)
    path = saved(home, GOOD, GOOD, completed)
    tamper(path, "UPDATE sessions SET active_seconds = ? WHERE id = 1", math.inf)
    tamper(path, "UPDATE sessions SET started = 'soon' WHERE id = 2")
    tamper(path, "UPDATE journal SET answers = '{\"a\": NaN}' WHERE session_id = 3")
    warnings = (
        f"warning: {path}: session 3: its journal's answers could not be read\n"
        f"warning: {path}: session 1 left out: active_seconds is not a number of seconds\n"
        f"warning: {path}: session 2 left out: started is not an ISO 8601 time\n"
    )
    for args in (["history"], ["journal"], ["journal", "--export", "markdown"], ["stats"]):
        result = cli(*args)
        assert (result.code, result.err) == (0, warnings), args
    result = cli("history", "--json")
    assert (result.code, result.err) == (0, warnings)
    (session,) = json.loads(result.out, parse_constant=pytest.fail)
    assert (session["id"], session["journal"]["answers"]) == (3, {})
    assert "Two seconds" in cli("journal").out
    result = cli("resume")
    assert (result.code, result.out) == (
        0,
        "Nothing to resume: you have no stopped session to go on with.\n",
    )


def test_an_empty_or_missing_database_is_an_empty_history(cli: Cli, home: Path) -> None:
    """Reading makes nothing: no database file, no folder, no pending folder."""
    (home / "routines").rmdir()
    home.rmdir()
    assert cli("history").out.startswith("No sessions yet.")
    assert not home.exists()
    home.mkdir()
    (home / "facelift.db").write_bytes(b"")
    result = cli("history", "--json")
    assert (result.code, result.out, result.err) == (0, "[]\n", "")


# -- any value in any column ---------------------------------------------------------------

stored = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),  # with inf and -inf (SQLite keeps NaN as NULL)
    st.text(max_size=30),
    st.binary(max_size=30),
    st.sampled_from(["2026-11-20T08:00:00+00:00", "completed", "stopped", "step", "{}"]),
)
SESSION_COLUMNS = (
    "routine",
    "title",
    "started",
    "status",
    "planned_seconds",
    "active_seconds",
    "paused_seconds",
    "scale",
    "from_step",
    "path",
)
STEP_COLUMNS = ("title", "kind", "step_number", "planned_start", "actual_seconds", "skipped")
JOURNAL_COLUMNS = ("tension_before", "tension_after", "note", "answers", "written")


@functools.cache
def template(folder: Path) -> bytes:
    """The bytes of a database holding GOOD (made once: a copy per example is quick)."""
    return saved(folder, GOOD).read_bytes()


@settings(max_examples=examples(100), deadline=None)
@given(
    table=st.sampled_from(["sessions", "session_steps", "journal"]),
    changes=st.lists(st.tuples(st.integers(0, 9), stored), min_size=1, max_size=4),
)
def test_any_stored_value_is_read_or_left_out_never_a_crash(
    tmp_path_factory: pytest.TempPathFactory, table: str, changes: list[tuple[int, Any]]
) -> None:
    """Whatever is put in any column, reading gives valid records (or leaves them out with
    a warning), every view renders them, and their JSON has no NaN or Infinity."""
    path = tmp_path_factory.mktemp("db") / "facelift.db"
    path.write_bytes(template(tmp_path_factory.getbasetemp()))
    columns = {
        "sessions": SESSION_COLUMNS,
        "session_steps": STEP_COLUMNS,
        "journal": JOURNAL_COLUMNS,
    }[table]
    for index, value in changes:
        tamper(path, f"UPDATE {table} SET {columns[index % len(columns)]} = ?", value)
    records, warnings = read(path)
    assert len(records) + sum("left out" in w for w in warnings) == 1
    views: list[Callable[[], Any]] = [
        lambda: history_page.history_view(records, date(2026, 11, 24)),
        lambda: journal_page.journal_text(records),
        lambda: stats_page.stats_view(records, date(2026, 11, 24)),
        lambda: journal_page.journal_markdown(records, date(2026, 11, 24)),
    ]
    console = Console(file=io.StringIO(), width=80)
    for view in views:
        console.print(view())
    for record in records:
        json.dumps(record.to_json(), allow_nan=False)
