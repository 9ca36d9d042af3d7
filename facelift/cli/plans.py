"""Your days: plans over weeks, what today holds, reminders in your calendar."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from facelift.cli.app import app
from facelift.cli.report import reports_errors
from facelift.cli.types import App, Group, Json, complete_plans, output_option

plan_app = App(
    cls=Group,
    help="Plans: which routines to play on each day, over weeks.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(plan_app, name="plan")


PlanName = Annotated[
    str,
    typer.Argument(
        metavar="NAME", help="A plan's name or a unique prefix.", autocompletion=complete_plans
    ),
]


@plan_app.command("list")
@reports_errors
def plan_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the built-in plans and your own (in the plans folder beside your routines)."""
    from facelift.commands import plan as plan_commands

    plan_commands.list_plans(as_json=as_json)


@plan_app.command("show")
@reports_errors
def plan_show(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="A plan's name, a unique prefix, or a .yaml file.",
            autocompletion=complete_plans,
        ),
    ],
) -> None:
    """Show a plan day by day, with each day's routines and length (and dates, if you follow it)."""
    from facelift.commands import plan as plan_commands

    plan_commands.show_plan(name)


@plan_app.command("start")
@reports_errors
def plan_start(
    name: PlanName,
    from_: Annotated[
        datetime | None,
        typer.Option(
            "--from", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="Day 1's date [today]."
        ),
    ] = None,
) -> None:
    """Follow a plan from today (or --from DATE): facelift today and facelift start go by it."""
    from facelift.commands import plan as plan_commands

    plan_commands.start_plan(name, from_.date() if from_ else None)


@plan_app.command("stop")
@reports_errors
def plan_stop() -> None:
    """Stop following your plan; your history keeps every session."""
    from facelift.commands import plan as plan_commands

    plan_commands.stop_plan()


@app.command()
@reports_errors
def today(
    as_json: Json = False,
) -> None:
    """What your plan holds today, each routine marked done or to do, or a rest day."""
    from facelift.commands import plan as plan_commands

    plan_commands.show_today(as_json=as_json)


def _clock(value: str | None) -> str | None:
    from facelift.shell.settings import parse_clock

    if value is None:
        return None
    clock = parse_clock(value)
    if clock is None:
        raise typer.BadParameter(f"expected a time of day as HH:MM (24-hour), got {value!r}")
    return clock


@app.command()
@reports_errors
def remind(
    ics: Annotated[
        bool, typer.Option("--ics", help="Write an iCalendar file (events with alarms).")
    ] = False,
    output: Annotated[
        Path | None,
        output_option("Write it to this file [stdout]."),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="HH:MM", callback=_clock, help="The time of day [08:00]."),
    ] = None,
) -> None:
    """Reminders without an account: a calendar with an event and an alarm on each practice
    day of your plan (or every day, without a plan), for any calendar app to import."""
    from facelift.commands import config as config_command
    from facelift.commands import remind as remind_command

    if not ics:
        raise typer.BadParameter("say how to remind you: --ics (a calendar file)")
    clock = at or config_command.settings().remind_at
    remind_command.write_calendar(output=output, at=clock)
