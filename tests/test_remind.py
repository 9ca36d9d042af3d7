"""`facelift remind --ics`: a calendar any calendar app imports, read back with icalendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar, Component

from .conftest import Cli

DAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def on(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr("facelift.commands.plan.current_date", lambda: DAY)
    return DAY


def events(data: str | bytes) -> list[Component]:
    calendar = Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0" and "facelift" in str(calendar["prodid"])
    return list(calendar.walk("VEVENT"))


def test_a_plan_gives_an_event_with_an_alarm_on_each_practice_day(cli: Cli, tmp_path: Path) -> None:
    """Four Weeks from today: 24 practice days (4 rest days have no event), each at 08:00 with
    its routines, their lengths and the total in the description, an alarm at its start."""
    cli("plan", "start", "four-weeks")
    target = tmp_path / "plan.ics"
    result = cli("remind", "--ics", "-o", str(target))
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"Wrote {target}: 24 events with alarms at 08:00, Mon 2 Mar 2026 to Sat 28 Mar 2026. "
        "Import it into your calendar app.\n"
    )
    found = events(target.read_bytes())
    assert len(found) == 24
    starts = [event.decoded("dtstart") for event in found]
    assert starts[0] == datetime(2026, 3, 2, 8, 0) and starts[0].tzinfo is None
    assert datetime(2026, 3, 8, 8, 0) not in starts  # day 7 is a rest day
    third = found[2]  # day 3: lymphatic and deep tissue
    assert str(third["summary"]) == "facelift: Lymphatic Drainage + Deep Tissue Face"
    assert str(third["description"]) == (
        "Four Weeks, day 3 of 28.\n"
        "- Lymphatic Drainage (lymphatic), 7:46\n"
        "- Deep Tissue Face (deep-tissue-face), 11:01\n"
        "In all 18:47. Begin with: facelift start"
    )
    assert third.decoded("duration") == timedelta(minutes=19)
    assert str(third["uid"]) == "20260304-four-weeks@facelift"
    (alarm,) = third.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(0)
    assert str(alarm["description"]) == str(third["summary"])
    assert len({str(event["uid"]) for event in found}) == 24


def test_only_the_days_still_to_come_are_in_the_calendar(cli: Cli) -> None:
    """Started ten days ago: the calendar begins today, at the time asked for."""
    cli("plan", "start", "four-weeks", "--from", "2026-02-20")
    found = events(cli("remind", "--ics", "--at", "7:30").out)
    assert found[0].decoded("dtstart") == datetime(2026, 3, 2, 7, 30)
    assert found[-1].decoded("dtstart") == datetime(2026, 3, 18, 7, 30)


def test_a_repeating_plan_gives_four_weeks_of_reminders(cli: Cli) -> None:
    cli("plan", "start", "everyday")
    found = events(cli("remind", "--ics").out)
    assert len(found) == 24  # 28 days, one rest day a week
    assert found[-1].decoded("dtstart") == datetime(2026, 3, 28, 8, 0)


def test_without_a_plan_one_daily_recurring_event(cli: Cli) -> None:
    (event,) = events(cli("remind", "--ics").out)
    assert event.decoded("dtstart") == datetime(2026, 3, 2, 8, 0)
    assert event["rrule"] == {"FREQ": ["DAILY"]}
    assert str(event["summary"]) == "facelift: a few minutes for your face"
    assert "facelift start lymphatic" in str(event["description"])
    assert len(event.walk("VALARM")) == 1


def test_the_time_comes_from_the_settings_unless_given(cli: Cli, home: Path) -> None:
    (home / "config.toml").write_text('remind_at = "06:45"\n')
    assert events(cli("remind", "--ics").out)[0].decoded("dtstart").time().hour == 6
    assert events(cli("remind", "--ics", "--at", "21:05").out)[0].decoded("dtstart").hour == 21


@pytest.mark.parametrize("value", ["25:00", "8", "08:60", "noon", "-1:00"])
def test_a_wrong_time_is_wrong_usage(cli: Cli, value: str) -> None:
    result = cli("remind", "--ics", "--at", value)
    assert result.code == 2
    assert (
        f"Invalid value for '--at': expected a time of day as HH:MM (24-hour), got '{value}'"
        in result.err
    )


def test_remind_needs_to_be_told_how(cli: Cli) -> None:
    result = cli("remind")
    assert result.code == 2
    assert "say how to remind you: --ics (a calendar file)" in result.err


def test_a_complete_plan_has_nothing_to_remind_of(cli: Cli) -> None:
    """The plan's last day is today, a rest day: no practice day is left."""
    cli("plan", "start", "four-weeks", "--from", "2026-02-03")
    result = cli("remind", "--ics")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "Error: Four Weeks is complete, so there is nothing to remind you of; begin another "
        "plan (facelift plan list), or stop it for a daily reminder (facelift plan stop)\n"
    )


def test_an_unwritable_output_is_one_line(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.ics"
    result = cli("remind", "--ics", "-o", str(target))
    assert result.code == 1
    assert result.err == f"Error: {target}: cannot write (No such file or directory)\n"
