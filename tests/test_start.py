"""`facelift start` from the command line, without a terminal: plain lines, the record, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Cli, WriteRoutine
from .fakes import instant_io

TWO_SECONDS = """
title: Two seconds
steps:
  - title: Touch
    do: Rest your fingers on your cheeks.
    pressure: 1
    duration: 1s
  - title: Hold
    sides: left-right
    duration: 1s
"""


@pytest.fixture
def short(write_routine: WriteRoutine) -> Path:
    return write_routine(TWO_SECONDS, name="two.yaml")


def test_a_piped_session_prints_plain_lines_and_is_recorded(cli: Cli, short: Path) -> None:
    """No terminal: no live screen, no escape codes, one sentence per event, exit 0, a record,
    and a kind word to end (the streak: the first day)."""
    result = cli("start", str(short), "--lead-in", "0", "--audio", "none")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-7:] == [
        "[0:00] Step 1 of 2: Touch, both sides, 1 s, pressure 1 of 10.",
        "  Rest your fingers on your cheeks.",
        "[0:01] Step 2 of 2: Hold, left side, 1 s.",
        "[0:02] Switch to the right side, 1 s.",
        "[0:03] Completed Two seconds: 0:03 played.",
        "You have practised today.",
        "Thank you for taking this time for yourself.",
    ]
    assert "\x1b" not in result.out
    (session,) = json.loads(cli("history", "--json").out)
    assert (session["routine"], session["status"], session["planned_seconds"]) == (
        "two",
        "completed",
        3.0,
    )
    assert [(s["title"], s["planned_start"]) for s in session["steps"]] == [
        ("Touch", 0.0),
        ("Hold", 1.0),
    ]  # how close to plan they really start is measured by benchmarks/playback.py


def test_the_notes_come_first(cli: Cli, write_routine: WriteRoutine) -> None:
    path = write_routine(
        "title: T\nprepare: [Wash your hands.]\nsafety: [Stop at sharp pain.]\n"
        "steps: [{title: A, duration: 1}]\n"
    )
    out = cli("start", str(path), "--lead-in", "0", "--audio", "none").out
    assert out.index("Prepare:") < out.index("Wash your hands.") < out.index("Step 1 of 1")
    assert "Safety:\n  - Stop at sharp pain." in out


def test_a_routine_that_asks_for_consent_needs_yes_without_a_terminal(cli: Cli) -> None:
    """Buccal work never starts unasked: without a terminal to ask in, --yes is required."""
    result = cli("start", "buccal")
    assert result.code == 1
    assert result.err == (
        "Error: buccal asks you to confirm before it starts; run it in a terminal, "
        "or add --yes once you have read its safety notes\n"
    )
    assert json.loads(cli("history", "--json").out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lympatic"], "Error: no routine named 'lympatic'; did you mean 'lymphatic'?"),
        (["lymphatic", "--from-step", "20"], "Error: --from-step must be from 1 to 14 for"),
        (
            ["lymphatic", "--minutes", "1"],
            "Error: --minutes 1 cannot keep the pace of lymphatic; choose",
        ),
        (["lymphatic", "--audio", "bell"], "Error: --audio bell: needs a terminal to ring\n"),
    ],
)
def test_bad_requests_stop_before_anything_starts(cli: Cli, args: list[str], message: str) -> None:
    result = cli("start", *args)
    assert result.code == 1
    assert result.err.startswith(message)
    assert result.out == ""


@pytest.mark.parametrize(
    "args", [["lymphatic", "--audio", "loud"], ["lymphatic", "--lead-in", "-1"], ["a", "b"]]
)
def test_wrong_usage_is_status_two(cli: Cli, args: list[str]) -> None:
    assert cli("start", *args).code == 2


def test_history_is_empty_at_first(cli: Cli) -> None:
    assert cli("history").out.startswith("No sessions yet.")
    assert json.loads(cli("history", "--json").out) == []


def test_history_table_lists_a_session(cli: Cli, short: Path) -> None:
    cli("start", str(short), "--lead-in", "0", "--audio", "none")
    out = cli("history").out
    assert "Two seconds" in out and "0:03" in out and "completed" in out


def test_a_history_that_cannot_be_written_is_refused_before_the_session(
    cli: Cli, short: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unwritable data folder: one line and status 1, before anything plays."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FACELIFT_HOME", str(blocker / "home"))
    result = cli("start", str(short), "--lead-in", "0", "--audio", "none")
    assert result.code == 1
    assert "Step 1 of 2" not in result.out
    assert result.err == (
        f"Error: {blocker / 'home' / 'facelift.db'}: cannot create its folder (Not a directory)\n"
    )


def test_a_session_that_cannot_be_saved_at_its_end_still_says_how_it_went(
    cli: Cli, short: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills during the session: the log is printed, then one error line, status 1."""
    monkeypatch.setattr(
        "facelift.shell.session._save", lambda record, keeper: (None, "database or disk is full")
    )
    result = cli("start", str(short), "--lead-in", "0", "--audio", "none")
    assert result.code == 1
    assert "[0:03] Completed Two seconds: 0:03 played." in result.out
    assert result.err == "Error: the session was not saved: database or disk is full\n"


def stopped_at(home: Path, routine: str, step: int, status: str = "stopped") -> None:
    """Store a session of `routine` that stopped during step `step`."""
    from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
    from facelift.practice.store import Store

    steps = tuple(
        StepRecord(f"S{n}", ItemKind.STEP, n, n - 1.0, 1.0, n - 1.0, 1.0)
        for n in range(1, step + 1)
    )
    record = SessionRecord(
        routine,
        "Two seconds",
        "2026-11-20T08:00:00+00:00",
        SessionStatus(status),
        3.0,
        float(step),
        0.0,
        steps,
    )
    with Store.open(home / "facelift.db") as store:
        store.save_session(record)


def test_resume_goes_on_at_the_step_where_it_stopped(
    cli: Cli, home: Path, user_routines: Path
) -> None:
    (user_routines / "two.yaml").write_text(TWO_SECONDS)
    stopped_at(home, "two", 2)
    result = cli("resume", "--lead-in", "0", "--audio", "none")
    assert result.code == 0, result.err
    assert result.out.startswith("Going on with Two seconds at step 2 (stopped 2026-11-20 08:00)")
    assert "Step 2 of 2: Hold, left side" in result.out
    assert "Step 1 of 2" not in result.out


def test_nothing_to_resume(cli: Cli, home: Path, user_routines: Path) -> None:
    """No stopped session, or one completed since: there is nothing to go on with."""
    assert cli("resume").out == "Nothing to resume: you have no stopped session to go on with.\n"
    (user_routines / "two.yaml").write_text(TWO_SECONDS)
    stopped_at(home, "two", 1)
    stopped_at(home, "two", 2, status="completed")
    result = cli("resume")
    assert (result.code, result.out) == (
        0,
        "Nothing to resume: you have no stopped session to go on with.\n",
    )


def test_a_journal_entry_that_cannot_be_saved_is_printed_to_keep(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """When the session could not be stored, the answers are shown so nothing is lost."""
    from facelift.practice import history
    from facelift.shell import afterwards
    from facelift.shell.terminal import Stops

    answers = iter(["4", "The jaw.", "Slept badly.", ""])
    io = instant_io(ask=lambda prompt: next(answers))
    with history.Keeper(io.database) as keeper:
        problem = afterwards.reflect(
            io, keeper, None, 7, ("Where did it ease?",), completed=True, stops=Stops(), answers={}
        )
    out, err = capsys.readouterr()
    assert problem == "the session itself was not saved"
    assert err == (
        "Error: your journal entry was not saved (the session itself was not saved); "
        "here it is to keep:\n"
    )
    assert out.endswith("Tension: 7 -> 4\nWhere did it ease?\n  The jaw.\nNote:\n  Slept badly.\n")
