"""Plans from the command line: plan list/show/start/stop, today, start with no NAME, the plan's
progress in history, and validate and schema for plan files."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from facelift.base import paths
from facelift.play.record import SessionRecord, SessionStatus
from facelift.practice.store import Store

from .conftest import Cli

ONE = """\
name: one
title: One
safety: [Stop at sharp pain.]
steps: [{title: Touch, duration: 1}]
"""
TWO = "name: two\ntitle: Two\nsteps: [{title: Hold, duration: 1}]\n"
TINY = "title: Tiny\ndays:\n  - [one, two]\n  - rest\n  - one\n"
DAY = date(2026, 3, 2)  # a Monday
PLAIN = ("--plain", "--lead-in", "0", "--audio", "none")


@pytest.fixture
def tiny(home: Path) -> Path:
    """Two one-second user routines and a three-day user plan that names them."""
    (home / "routines" / "one.yaml").write_text(ONE, encoding="utf-8")
    (home / "routines" / "two.yaml").write_text(TWO, encoding="utf-8")
    (home / "plans").mkdir()
    path = home / "plans" / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture
def on(monkeypatch: pytest.MonkeyPatch) -> date:
    """The plan commands' today is DAY."""
    monkeypatch.setattr("facelift.commands.plan.current_date", lambda: DAY)
    return DAY


def done(routine: str, day: date, status: str = "completed") -> None:
    """Store a session of `routine` on `day`, as `start` would."""
    record = SessionRecord(
        routine, routine.title(), f"{day}T08:00:00+01:00", SessionStatus(status), 1.0, 1.0, 0
    )
    with Store.open(paths.database_path()) as store:
        store.save_session(record)


# -- plan list / show ----------------------------------------------------------------------


def test_plan_list_shows_the_built_in_plans(cli: Cli) -> None:
    result = cli("plan", "list")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "name        title       days          from\n"
        "everyday    Every Day   7, repeating  built-in\n"
        "four-weeks  Four Weeks  28            built-in\n"
    )


def test_plan_list_json_has_a_user_plan_and_warns_of_a_broken_one(cli: Cli, tiny: Path) -> None:
    (tiny.parent / "broken.yaml").write_text("title: B\ndays: [nothing-here]\n")
    result = cli("plan", "list", "--json")
    data = {entry["name"]: entry for entry in json.loads(result.out)}
    assert data["tiny"] == {
        "name": "tiny",
        "title": "Tiny",
        "days": 3,
        "repeat": False,
        "source": "user",
        "overrides": False,
        "path": str(tiny),
        "valid": True,
    }
    assert data["broken"]["valid"] is False
    broken = tiny.parent / "broken.yaml"
    assert result.err == f"warning: {broken} has errors; see: facelift validate {broken}\n"


def test_plan_show_lists_each_day_with_its_length(cli: Cli) -> None:
    out = cli("plan", "show", "four-weeks").out
    assert out.startswith("Four Weeks · 28 days\n\nA month to learn the whole system")
    assert "\nWeek 1\n  Day 1   lymphatic                             7:46\n" in out
    assert "  Day 7   rest\n\nWeek 2\n" in out
    assert out.endswith("\nBegin it with: facelift plan start four-weeks\n")


def test_plan_show_dates_the_days_of_the_plan_followed(cli: Cli, tiny: Path, on: date) -> None:
    cli("plan", "start", "tiny", "--from", "2026-03-01")
    assert cli("plan", "show", "tiny").out == (
        "Tiny · 3 days\n\n"
        "  Day 1   Sun 1 Mar 2026   one, two   0:02\n"
        "  Day 2   Mon 2 Mar 2026   rest             <- today\n"
        "  Day 3   Tue 3 Mar 2026   one        0:01\n"
    )


def test_plan_show_reads_a_plan_file_and_says_what_is_wrong(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("title: Mine\ndays: [lymfatic]\n")
    result = cli("plan", "show", str(path))
    assert result.code == 1
    assert result.err == (
        f"{path}:2:8: days[1]: no routine named 'lymfatic'; did you mean 'lymphatic'? "
        "(a plan names routines exactly)\n"
    )


# -- plan start / stop ---------------------------------------------------------------------


def test_plan_start_follows_a_plan_from_today(cli: Cli, on: date) -> None:
    result = cli("plan", "start", "four-weeks")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Following Four Weeks: 28 days, Mon 2 Mar 2026 to Sun 29 Mar 2026.\n"
        "Four Weeks · day 1 of 28 · Mon 2 Mar 2026\n"
        "  to do  lymphatic  Lymphatic Drainage, 7:46\n"
        "Next: facelift start (plays lymphatic)\n"
    )


def test_starting_another_plan_stops_the_first(cli: Cli, on: date) -> None:
    """One plan at a time; the one replaced is named."""
    cli("plan", "start", "four-weeks")
    out = cli("plan", "start", "every", "--from", "2026-02-20").out
    assert out.splitlines()[:3] == [
        "Stopped four-weeks (begun Mon 2 Mar 2026).",
        "Following Every Day: 7 days, from Fri 20 Feb 2026, repeating.",
        "Every Day · day 4 of 7, round 2 · Mon 2 Mar 2026",
    ]


def test_plan_stop_stops_and_says_when_there_is_nothing_to_stop(cli: Cli, on: date) -> None:
    cli("plan", "start", "four-weeks")
    assert cli("plan", "stop").out == (
        "Stopped four-weeks. Your history keeps every session; "
        "facelift plan list shows the plans.\n"
    )
    result = cli("plan", "stop")
    assert (result.code, result.out) == (0, "No plan is active; nothing to stop.\n")
    assert json.loads(cli("today", "--json").out)["plan"] is None


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["four-wek"],
            1,
            "Error: no plan named 'four-wek'; did you mean 'four-weeks'? "
            "(facelift plan list shows them all)\n",
        ),
        (
            ["four-weeks", "--from", "2026-01-01"],
            1,
            "Error: --from 2026-01-01: Four Weeks would "
            "have ended on Wed 28 Jan 2026; choose a later day 1\n",
        ),
        (
            ["plans/x.yaml"],
            1,
            "Error: plan start takes a plan's name; put the file in {plans} first\n",
        ),
    ],
)
def test_plan_start_refuses_what_it_cannot_follow(
    cli: Cli, on: date, home: Path, args: list[str], code: int, message: str
) -> None:
    result = cli("plan", "start", *args)
    assert (result.code, result.out) == (code, "")
    assert result.err == message.format(plans=home / "plans")


def test_a_bad_date_is_wrong_usage(cli: Cli) -> None:
    result = cli("plan", "start", "four-weeks", "--from", "2 March")
    assert result.code == 2
    assert "Invalid value for '--from'" in result.err


# -- today ---------------------------------------------------------------------------------


def test_today_without_a_plan_hints_at_one(cli: Cli, on: date) -> None:
    result = cli("today")
    assert (result.code, result.out) == (
        0,
        "No plan is active. See the plans: facelift plan list; "
        "begin one: facelift plan start four-weeks\n",
    )
    assert json.loads(cli("today", "--json").out) == {
        "plan": None,
        "title": None,
        "status": "none",
        "day": None,
        "days": None,
        "date": "2026-03-02",
        "rest": False,
        "sessions": [],
    }


def test_today_marks_what_the_history_holds_as_done(cli: Cli, tiny: Path, on: date) -> None:
    """Done: a completed session of the routine on that date; stopped or other days don't."""
    cli("plan", "start", "tiny")
    done("one", DAY)
    done("two", DAY, status="stopped")
    done("two", DAY - timedelta(days=1))
    assert cli("today").out == (
        "Tiny · day 1 of 3 · Mon 2 Mar 2026\n"
        "  done   one  One, 0:01\n"
        "  to do  two  Two, 0:01\n"
        "Next: facelift start (plays two)\n"
    )
    assert json.loads(cli("today", "--json").out) == {
        "plan": "tiny",
        "title": "Tiny",
        "status": "active",
        "day": 1,
        "days": 3,
        "date": "2026-03-02",
        "rest": False,
        "sessions": [{"routine": "one", "done": True}, {"routine": "two", "done": False}],
    }
    done("two", DAY)
    assert cli("today").out.endswith("All done for today. Tomorrow: a rest day.\n")


def test_today_on_a_rest_day(cli: Cli, tiny: Path, on: date) -> None:
    cli("plan", "start", "tiny", "--from", "2026-03-01")
    assert cli("today").out == ("Tiny · day 2 of 3 · Mon 2 Mar 2026\nA rest day. Tomorrow: one.\n")
    data = json.loads(cli("today", "--json").out)
    assert (data["day"], data["rest"], data["sessions"]) == (2, True, [])


def test_today_before_and_after_the_plan(
    cli: Cli, tiny: Path, on: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("plan", "start", "tiny", "--from", "2026-03-04")
    assert cli("today").out == "Tiny begins on Wed 4 Mar 2026 (in 2 days).\n"
    cli("plan", "start", "tiny", "--from", "2026-02-28")
    done("one", date(2026, 2, 28))
    monkeypatch.setattr("facelift.commands.plan.current_date", lambda: DAY + timedelta(days=1))
    assert cli("today").out == (
        "You completed Tiny: 0 of 2 practice days kept. To go on: facelift plan start everyday\n"
    )
    assert json.loads(cli("today", "--json").out)["status"] == "finished"


def test_a_plan_that_cannot_be_read_any_more_says_how_to_go_on(
    cli: Cli, tiny: Path, on: date
) -> None:
    cli("plan", "start", "tiny")
    tiny.unlink()
    result = cli("today")
    assert result.code == 1
    assert result.err == (
        "Error: your plan 'tiny' cannot be read (no plan named 'tiny' (facelift plan list shows "
        "them all)); fix it, or stop it with: facelift plan stop\n"
    )


# -- start with no NAME --------------------------------------------------------------------


def test_start_with_no_name_plays_what_is_due_today_in_order(cli: Cli, tiny: Path) -> None:
    """As a person would: start the plan, then `start` plays one, then two, then says the day
    is done; `today` marks each done as it goes."""
    cli("plan", "start", "tiny")
    first = cli("start", *PLAIN)
    assert first.code == 0, first.err
    assert first.out.startswith("Today in Tiny, day 1 of 3: one (1 of 2).\nOne · 0:01\n")
    assert "  done   one" in cli("today").out
    second = cli("start", *PLAIN)
    assert second.out.startswith("Today in Tiny, day 1 of 3: two (2 of 2).\nTwo · 0:01\n")
    last = cli("start", *PLAIN)
    assert (last.code, last.out) == (1, "")
    assert last.err == "Nothing left today: day 1 of Tiny is done. Tomorrow: a rest day.\n"
    assert [s["routine"] for s in json.loads(cli("history", "--json").out)] == ["one", "two"]


@pytest.mark.parametrize(
    ("first_day", "message"),
    [
        (
            None,
            "No plan is active, so nothing is due: name a routine (facelift start lymphatic), "
            "or begin a plan (facelift plan start four-weeks)\n",
        ),
        (
            "2026-03-01",
            "Today is a rest day in Tiny (day 2); to practise anyway, name a routine "
            "(facelift start lymphatic)\n",
        ),
        (
            "2026-03-05",
            "Tiny begins on Thu 5 Mar 2026; until then name a routine (facelift start lymphatic)\n",
        ),
    ],
)
def test_start_with_nothing_due_is_a_one_line_hint(
    cli: Cli, tiny: Path, on: date, first_day: str | None, message: str
) -> None:
    """No plan, a rest day, or a plan not begun: a hint, status 1, nothing played."""
    if first_day:
        cli("plan", "start", "tiny", "--from", first_day)
    result = cli("start", *PLAIN)
    assert (result.code, result.out, result.err) == (1, "", message)
    assert json.loads(cli("history", "--json").out) == []


def test_start_after_the_plan_is_complete_is_a_hint(
    cli: Cli, tiny: Path, on: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("plan", "start", "tiny")
    monkeypatch.setattr("facelift.commands.plan.current_date", lambda: DAY + timedelta(days=30))
    result = cli("start", *PLAIN)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "Tiny is complete: name a routine (facelift start lymphatic), "
        "or begin another plan (facelift plan list)\n"
    )


# -- the plan in history and stats ---------------------------------------------------------


def test_history_and_stats_show_the_plans_progress(cli: Cli, home: Path, on: date) -> None:
    """Days kept, in part and missed, said plainly under the history and the stats."""
    cli("plan", "start", "four-weeks", "--from", "2026-02-25")  # today is day 6
    done("lymphatic", date(2026, 2, 25))  # day 1 kept
    done("lymphatic", date(2026, 2, 26))  # day 2 in part (no neck-shoulder-scalp)
    done("lymphatic", date(2026, 2, 28))  # day 4 kept; day 3 and 5 missed
    line = "Plan: Four Weeks, day 6 of 28: 2 of 5 practice days kept so far (1 in part, 2 missed)."
    assert line in cli("history").out
    assert line in cli("stats").out


def test_history_without_a_plan_has_no_plan_line(cli: Cli) -> None:
    assert "Plan:" not in cli("history").out


# -- validate and schema -------------------------------------------------------------------


def test_validate_checks_plan_files_too(cli: Cli, tmp_path: Path, tiny: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Bad\ndays: [one, tow]\n")
    result = cli("validate", str(tiny), str(bad))
    assert result.code == 1
    assert result.out == f"OK  {tiny}\n"
    assert result.err == (
        f"{bad}:2:13: days[2]: no routine named 'tow'; did you mean 'two'? "
        "(a plan names routines exactly)\n"
    )


def test_the_plan_schema_accepts_the_built_in_plans(cli: Cli, home: Path) -> None:
    import yaml

    from facelift.base import resources

    result = cli("schema", "--plan")
    validator = Draft202012Validator(json.loads(result.out))
    Draft202012Validator.check_schema(validator.schema)
    for path in sorted(resources.builtin_plans_dir().glob("*.yaml")):
        assert validator.is_valid(yaml.safe_load(path.read_text())), path
    assert not validator.is_valid({"title": "T", "days": [["rest"]]})
    assert not validator.is_valid({"title": "T", "days": [], "steps": []})
    written = cli("schema", "--plan", "--write").out.strip()
    assert written == str(home / "plans" / "facelift-plan.schema.json")
    assert json.loads(Path(written).read_text()) == validator.schema


def test_the_active_plan_survives_in_the_store(cli: Cli, on: date) -> None:
    """The state is in the history database, with a record of each plan followed."""
    cli("plan", "start", "four-weeks")
    cli("plan", "start", "everyday")
    with Store.open(paths.database_path()) as store, store.transaction("read", write=False) as db:
        rows = db.execute("SELECT plan, first_day, stopped IS NULL FROM plan_runs").fetchall()
    assert rows == [("four-weeks", "2026-03-02", 0), ("everyday", "2026-03-02", 1)]
