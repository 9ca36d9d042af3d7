"""`facelift resume` goes on with exactly the routine that was stopped, from the file it was
started from, at the step and pace it had; when that cannot be, one line says why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from facelift.base import paths
from facelift.play.player import Key
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
from facelift.practice.store import Store

from .conftest import Cli

LYM = """
title: Lym
steps:
  - {title: One, duration: 1s}
  - {title: Two, duration: 1s}
  - {title: Three, duration: 1s}
"""
QUICK = ("--lead-in", "0", "--audio", "none")


@pytest.fixture
def stop_in_step_2(cli: Cli) -> None:
    """The next session skips step 1 and is stopped in step 2 (q): both keys at once."""
    cli.presses = [(0.0, Key.NEXT), (0.0, Key.QUIT)]


@pytest.fixture
def lym(tmp_path: Path) -> Path:
    """A routine file named lym: a prefix of the built-in lymphatic."""
    path = tmp_path / "mine" / "lym.yaml"
    path.parent.mkdir()
    path.write_text(LYM)
    return path


def sessions(cli: Cli) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = json.loads(cli("history", "--json").out)
    return result


def stopped(routine: str, step: int, **fields: Any) -> None:
    """Store a session of `routine` stopped in step `step`."""
    steps = tuple(
        StepRecord(f"S{n}", ItemKind.STEP, n, n - 1.0, 1.0, n - 1.0, 1.0)
        for n in range(1, step + 1)
    )
    record = SessionRecord(
        routine,
        routine.title(),
        "2026-11-20T08:00:00+00:00",
        SessionStatus.STOPPED,
        3.0,
        float(step),
        0.0,
        steps,
        **fields,
    )
    with Store.open(paths.database_path()) as store:
        store.save_session(record)


def test_a_session_stopped_in_a_file_resumes_that_file_not_a_routine_it_prefixes(
    cli: Cli, lym: Path, stop_in_step_2: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started as `lym.yaml` from its folder and stopped in step 2: resume, from anywhere,
    plays Lym from step 2 (not Lymphatic Drainage), and records where it started."""
    monkeypatch.chdir(lym.parent)
    result = cli("start", "lym.yaml", *QUICK)
    assert result.code == 130
    assert "\nTo go on later: facelift resume (step 2 of Lym)\n" in result.out
    monkeypatch.chdir(lym.parent.parent)
    cli.presses = []  # this time it plays to the end
    result = cli("resume", *QUICK)
    assert result.code == 0, result.err
    assert result.out.startswith("Going on with Lym at step 2 (stopped ")
    assert "Step 2 of 3: Two" in result.out and "Step 1 of 3" not in result.out
    assert "Lymphatic" not in result.out
    first, second = sessions(cli)
    assert (first["routine"], first["path"], first["from_step"]) == ("lym", str(lym), 1)
    assert (second["path"], second["from_step"], second["status"]) == (str(lym), 2, "completed")


def test_from_step_is_recorded(cli: Cli, lym: Path) -> None:
    """`--from-step 2` is stored with the session (it used to be 1 whatever was asked)."""
    assert cli("start", str(lym), "--from-step", "2", *QUICK).code == 0
    (session,) = sessions(cli)
    assert session["from_step"] == 2
    assert [step["step_number"] for step in session["steps"]] == [2, 3]


def test_a_library_routine_is_recorded_by_name_only(cli: Cli, user_routines: Path) -> None:
    """Started by name, even through its file's path in the routines folder: resume finds
    it by its exact name, so a later copy that overrides it is the one resumed."""
    (user_routines / "lym.yaml").write_text(LYM)
    cli("start", "lym", *QUICK)
    cli("start", str(user_routines / "lym.yaml"), *QUICK)
    assert [session["path"] for session in sessions(cli)] == [None, None]


def test_a_file_that_is_gone_cannot_be_resumed(cli: Cli, lym: Path) -> None:
    stopped("lym", 2, path=str(lym))
    lym.unlink()
    result = cli("resume", *QUICK)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"Error: cannot resume lym: its file {lym} is gone\n"


def test_a_routine_that_has_shrunk_says_so(cli: Cli, lym: Path) -> None:
    """The step it stopped in is no longer there: a clear line, not "from 1 to 1"."""
    stopped("lym", 2, path=str(lym))
    lym.write_text("title: Lym\nsteps: [{title: One, duration: 1s}]\n")
    result = cli("resume", *QUICK)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"Error: cannot resume lym at step 2: it has 1 step now; "
        f"start it again with: facelift start {lym}\n"
    )


def test_a_library_routine_is_found_by_its_exact_name_only(cli: Cli) -> None:
    """A stopped `lym` whose routine is gone never resumes `lymphatic`, which it prefixes."""
    stopped("lym", 2)
    result = cli("resume", *QUICK)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "Error: cannot resume lym: no routine has that name any more "
        "(facelift list shows them all)\n"
    )


@pytest.mark.parametrize("scale", [9.0, 0.01])
def test_a_stored_pace_out_of_range_is_refused_in_one_line(
    cli: Cli, user_routines: Path, scale: float
) -> None:
    (user_routines / "lym.yaml").write_text(LYM)
    stopped("lym", 2, scale=scale)
    result = cli("resume", *QUICK)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"Error: cannot resume lym: the stopped session's pace (x{scale:g}) is out of range "
        "(x0.25 to x4); go on at the usual pace with: facelift start lym --from-step 2\n"
    )


def test_a_resumed_session_keeps_its_pace(cli: Cli, user_routines: Path) -> None:
    (user_routines / "lym.yaml").write_text(LYM)
    stopped("lym", 2, scale=2.0)
    assert cli("resume", *QUICK).code == 0
    resumed = sessions(cli)[-1]
    assert (resumed["scale"], resumed["from_step"], resumed["planned_seconds"]) == (2.0, 2, 4.0)
