"""Session records to and from their stored forms: database rows and plain JSON data.

Writing checks the record and refuses a bad one with a ValueError (a programming error).
Reading trusts nothing: a database or a pending file may have been edited by hand or by
another program, so every field is checked on the way back. A session whose own fields
cannot be read raises `BadRow` (the caller skips it and says so); a damaged journal keeps
the session and loses only the damaged parts, told in the returned notes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from facelift.play.journal import KEYS, Journal
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord

# the stored text of each status and kind, to its enum (a dict: a row at a time, fast)
STATUS = {status.value: status for status in SessionStatus}
KIND = {kind.value: kind for kind in ItemKind}
STATUSES = tuple(STATUS)
KINDS = tuple(KIND)
SESSION_COLUMNS = (
    *("routine", "title", "started", "status", "planned_seconds", "active_seconds"),
    *("paused_seconds", "scale", "from_step", "path"),
)
STEP_COLUMNS = (
    *("title", "kind", "step_number", "planned_start", "planned_seconds", "actual_start"),
    *("actual_seconds", "skipped"),
)
# More than 30,000 years: a bound that keeps every later sum and conversion finite.
MAX_SECONDS = 1e12
MAX_STEP = 1_000_000


class BadRow(ValueError):
    """A stored session that cannot be read back as facelift wrote it; says which field."""


# -- writing -------------------------------------------------------------------------------


def utc(started: str) -> str:
    """`started` as a sortable UTC timestamp; a time without an offset is taken as local."""
    try:
        moment = _parse_time(started).astimezone(timezone.utc)
    except (ValueError, OverflowError):
        raise ValueError(f"started is not an ISO 8601 time: {started!r}") from None
    return moment.isoformat(timespec="microseconds")


def session_row(record: SessionRecord) -> tuple[Any, ...]:
    """The `sessions` columns of SESSION_COLUMNS, then started_utc."""
    if record.status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, not {record.status!r}")
    return (
        record.routine,
        record.title,
        record.started,
        record.status,
        float(record.planned_seconds),
        float(record.active_seconds),
        float(record.paused_seconds),
        float(record.scale),
        int(record.from_step),
        record.path,
        utc(record.started),
    )


def step_row(position: int, step: StepRecord) -> tuple[Any, ...]:
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


def journal_row(journal: Journal) -> tuple[Any, ...]:
    """The journal table's columns, named as journal.KEYS: the answers as JSON text, and a
    journal never written (or whose time was damaged) stamped with the time now."""
    stored = journal.to_stored()
    stored["answers"] = json.dumps(stored["answers"], ensure_ascii=False)
    stored["written"] = stored["written"] or datetime.now().astimezone().isoformat(
        timespec="seconds"
    )
    return tuple(stored[key] for key in KEYS)


def record_data(record: SessionRecord) -> dict[str, Any]:
    """The record as plain JSON data, exactly (a pending file; `record_from_data` reads it)."""
    session_row(record)  # the same checks as a database write
    data: dict[str, Any] = {name: getattr(record, name) for name in SESSION_COLUMNS}
    data["journal"] = None if record.journal is None else record.journal.to_stored()
    data["steps"] = [{name: getattr(step, name) for name in STEP_COLUMNS} for step in record.steps]
    return data


# -- reading -------------------------------------------------------------------------------


def _sql_seconds(*columns: str) -> str:
    return " AND ".join(
        f"typeof({c}) = 'real' AND {c} BETWEEN 0 AND {MAX_SECONDS:g}" for c in columns
    )


# The checks below, in SQL, as a column `ok`: a row as facelift writes it passes them in
# SQLite's own code and is built at once; only another row goes through the Python checks,
# which say what is wrong (or read a BLOB as text). `started` is always checked in Python.
SESSION_OK = (
    "typeof(routine) = 'text' AND typeof(title) = 'text'"
    " AND status IN ('completed', 'stopped')"
    f" AND {_sql_seconds('planned_seconds', 'active_seconds', 'paused_seconds')}"
    f" AND typeof(scale) = 'real' AND scale > 0 AND scale <= {MAX_SECONDS:g}"
    f" AND typeof(from_step) = 'integer' AND from_step BETWEEN 1 AND {MAX_STEP}"
)
STEP_OK = (
    "typeof(title) = 'text' AND kind IN ('step', 'rest') AND (step_number IS NULL OR"
    f" (typeof(step_number) = 'integer' AND step_number BETWEEN 1 AND {MAX_STEP}))"
    " AND skipped IN (0, 1) AND "
    + _sql_seconds("planned_start", "planned_seconds", "actual_start", "actual_seconds")
)


def read_steps(
    found: Iterable[Sequence[Any]],
) -> tuple[dict[Any, list[StepRecord]], dict[Any, str]]:
    """Rows of (session id, ok, *STEP_COLUMNS) as each session's steps in order, and for a
    session with a step that cannot be read, why."""
    steps: dict[Any, list[StepRecord]] = {}
    bad: dict[Any, str] = {}
    for session_id, ok, *fields in found:
        try:
            if ok:
                title, kind, number, p_start, p_seconds, a_start, a_seconds, skipped = fields
                step = StepRecord(
                    title, KIND[kind], number, p_start, p_seconds, a_start, a_seconds, bool(skipped)
                )
            else:
                step = read_step(dict(zip(STEP_COLUMNS, fields, strict=True)))
        except BadRow as error:
            bad.setdefault(session_id, str(error))
            continue
        steps.setdefault(session_id, []).append(step)
    return steps, bad


def read_row(
    ok: bool, fields: Sequence[Any], steps: Sequence[StepRecord], journal: Journal | None
) -> SessionRecord:
    """A session from its row (SESSION_COLUMNS in order, `ok` as SESSION_OK); BadRow."""
    if not ok or not _is_time(fields[2]) or not (fields[-1] is None or type(fields[-1]) is str):
        return read_session(dict(zip(SESSION_COLUMNS, fields, strict=True)), steps, journal)
    routine, title, started, status, planned, active, paused, scale, from_step, path = fields
    return SessionRecord(
        routine,
        title,
        started,
        STATUS[status],
        planned,
        active,
        paused,
        tuple(steps),
        scale,
        from_step,
        path,
        journal,
    )


def read_session(
    fields: Mapping[str, Any], steps: Sequence[StepRecord], journal: Journal | None
) -> SessionRecord:
    """A session from its stored fields (named as SESSION_COLUMNS); BadRow when one is wrong."""
    path = fields.get("path")
    started = _text(fields["started"], "started")
    try:
        utc(started)
    except ValueError:
        raise BadRow("started is not an ISO 8601 time") from None
    status = fields["status"]
    if status not in STATUSES:
        raise BadRow("status is neither completed nor stopped")
    scale = fields["scale"]
    if not _is_number(scale) or not 0 < scale <= MAX_SECONDS:
        raise BadRow("scale is not a positive number")
    return SessionRecord(
        routine=_text(fields["routine"], "routine"),
        title=_text(fields["title"], "title"),
        started=started,
        status=STATUS[status],
        planned_seconds=_seconds(fields["planned_seconds"], "planned_seconds"),
        active_seconds=_seconds(fields["active_seconds"], "active_seconds"),
        paused_seconds=_seconds(fields["paused_seconds"], "paused_seconds"),
        steps=tuple(steps),
        scale=float(scale),
        from_step=_step_number(fields["from_step"], "from_step"),
        path=None if path is None else _text(path, "path"),
        journal=journal,
    )


def read_step(fields: Mapping[str, Any]) -> StepRecord:
    """A played step from its stored fields (named as STEP_COLUMNS); BadRow when one is wrong."""
    kind, number, skipped = fields["kind"], fields["step_number"], fields["skipped"]
    if kind not in KINDS:
        raise BadRow("a step's kind is neither step nor rest")
    if skipped not in (0, 1):  # True and False are 1 and 0
        raise BadRow("a step's skipped is neither 0 nor 1")
    return StepRecord(
        title=_text(fields["title"], "a step's title"),
        kind=KIND[kind],
        step_number=None if number is None else _step_number(number, "a step's number"),
        planned_start=_seconds(fields["planned_start"], "a step's planned_start"),
        planned_seconds=_seconds(fields["planned_seconds"], "a step's planned_seconds"),
        actual_start=_seconds(fields["actual_start"], "a step's actual_start"),
        actual_seconds=_seconds(fields["actual_seconds"], "a step's actual_seconds"),
        skipped=bool(skipped),
    )


def record_from_data(data: Any) -> tuple[SessionRecord, list[str]]:
    """A record from `record_data`'s plain data, checked as a database row is."""
    if not isinstance(data, Mapping):
        raise BadRow("not a session")
    missing = [name for name in (*SESSION_COLUMNS, "steps") if name not in data]
    if missing:
        raise BadRow(f"{missing[0]} is missing")
    steps = data["steps"]
    if not isinstance(steps, list) or not all(isinstance(step, Mapping) for step in steps):
        raise BadRow("steps is not a list of steps")
    for step in steps:
        absent = [name for name in STEP_COLUMNS if name not in step]
        if absent:
            raise BadRow(f"a step's {absent[0]} is missing")
    journal, damaged = None, list[str]()
    if data.get("journal") is not None:
        if not isinstance(data["journal"], Mapping):
            raise BadRow("journal is not a journal")
        journal, damaged = Journal.from_stored(data["journal"])
    return read_session(data, [read_step(step) for step in steps], journal), damaged


def _is_time(value: Any) -> bool:
    """Whether `value` is an ISO 8601 time with an instant in range (what `utc` needs)."""
    try:
        _parse_time(value).astimezone(timezone.utc)
    except (ValueError, TypeError, OverflowError):
        return False
    return True


def _parse_time(text: str) -> datetime:
    # Python 3.10's fromisoformat does not know a trailing Z.
    return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)


def _is_number(value: Any) -> bool:
    return type(value) is float or type(value) is int  # not bool, not text


def _seconds(value: Any, name: str) -> float:
    # NaN fails every comparison, so it is refused along with infinities and text.
    if _is_number(value) and 0 <= value <= MAX_SECONDS:
        return float(value)
    raise BadRow(f"{name} is not a number of seconds")


def _step_number(value: Any, name: str) -> int:
    if type(value) is int and 1 <= value <= MAX_STEP:
        return value
    raise BadRow(f"{name} is not a step number")


def _text(value: Any, name: str) -> str:
    """Text as stored; bytes (a BLOB written by another program) read as UTF-8."""
    if type(value) is str:
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    raise BadRow(f"{name} is not text")
