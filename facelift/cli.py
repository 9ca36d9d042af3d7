"""The command line: parse, look up, call the core, and turn errors into one line and a code."""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import typer

from facelift import __version__
from facelift.base.errors import FaceliftError, RoutineError
from facelift.cli_types import (
    App,
    AudioChoice,
    FromStep,
    Group,
    Journal,
    LeadIn,
    Minutes,
    Mute,
    Plain,
    ResumeLeadIn,
    RoutineName,
    Voice,
    Volume,
    Yes,
    audio_option,
    complete_names,
    number,
    one_of,
    volume_option,
)

if TYPE_CHECKING:
    from facelift.format.library import Library
    from facelift.format.routine import Routine
    from facelift.play.record import SessionRecord
    from facelift.play.timeline import Timeline
    from facelift.practice.history import Read as History


Command = TypeVar("Command", bound=Callable[..., None])


def _reports_errors(command: Command) -> Command:
    """Every error a user can cause ends as one line per problem and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except RoutineError as error:
            _tell_problems(error)
            raise typer.Exit(1) from None
        except FaceliftError as error:
            _tell(f"Error: {error}")
            raise typer.Exit(1) from None

    return cast(Command, wrapper)


def _tell(message: object) -> None:
    """A message on stderr; it may quote a routine, a path or a key, so it is made safe."""
    from facelift.base.safetext import terminal_safe

    print(terminal_safe(str(message)), file=sys.stderr)


def _tell_problems(error: RoutineError) -> None:
    for problem in error.problems:
        _tell(problem)


def _say(text: str) -> None:
    """A line on stdout that quotes a title or a path."""
    from facelift.base.safetext import terminal_safe

    print(terminal_safe(text))


app = App(
    name="facelift",
    help="A calm, exactly timed guide through a facial self-massage system.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,  # usage errors as plain lines, like every other error here
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"facelift {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", help="Show the version.", callback=_version)
    ] = False,
) -> None:
    """A calm, exactly timed guide through a facial self-massage system:
    1 lymphatic drainage, 2 neck, shoulders and scalp, 3 deep tissue face, 4 buccal."""


def _library() -> Library:
    from facelift.format.library import Library

    return Library.default()


@app.command("list")
@_reports_errors
def list_routines(
    part: Annotated[
        int | None,
        typer.Option(metavar="N", parser=number(1, 4, whole=True), help="Only part N (1-4)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the built-in and your own routines."""
    from facelift.commands import listing

    listing.run(part=part, as_json=as_json)


@app.command()
@_reports_errors
def show(
    name: RoutineName,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help="Print a printable Markdown page.")
    ] = False,
    as_html: Annotated[
        bool, typer.Option("--html", help="A printable HTML card with a face map per step.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the page to this file."),
    ] = None,
) -> None:
    """Show every step of a routine, with its start time, side, pressure and instruction."""
    if as_json + as_markdown + as_html > 1:
        raise typer.BadParameter("choose one of --json, --markdown and --html")
    if output is not None and not as_html:
        raise typer.BadParameter("--output goes with --html")
    from facelift.output import describe, views

    routine = _library().open(name)
    if as_html:
        from facelift.output.card import card, write_card

        write_card(card(routine), output)
    elif as_json:
        print(describe.as_json(routine))
    elif as_markdown:
        print(describe.markdown(routine), end="")
    else:
        views.print_routine(routine)


@app.command()
@_reports_errors
def validate(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Routine or plan files (.yaml) to check."),
    ],
) -> None:
    """Check routine and plan files; print OK or every error, each with its line and column."""
    from facelift.format.advice import advise

    library = _library()
    failed = False
    for target in files:
        if _is_plan_file(target):
            failed = not _validate_plan(target) or failed
            continue
        try:
            written, played = library.open_both(target)
        except RoutineError as error:
            failed = True
            _tell_problems(error)
        except FaceliftError as error:
            failed = True
            _tell(error)
        else:
            shown_as = str(written.path) if written.path and target != str(written.path) else target
            warnings = advise(written, played, shown_as=shown_as)
            for warning in warnings:
                _tell(warning)
            count = f" ({len(warnings)} warning{'s' if len(warnings) != 1 else ''})"
            _say(f"OK  {target}{count if warnings else ''}")
    if failed:
        raise typer.Exit(1)


def _timeline(routine: Routine, *, minutes: float | None, from_step: int) -> Timeline:
    """The routine as played, fitted into --minutes when given: a length it cannot keep its
    pace in is one line naming the lengths it can."""
    import math

    from facelift.play.fitting import FitError
    from facelift.play.timeline import StepOutOfRange, compile_timeline

    try:
        return compile_timeline(routine, minutes=minutes, from_step=from_step)
    except StepOutOfRange as error:
        raise FaceliftError(
            f"--from-step must be from 1 to {error.steps} for {error.routine}"
        ) from None
    except FitError as error:
        low, high = math.ceil(error.shortest / 6) / 10, math.floor(error.longest / 6) / 10
        raise FaceliftError(
            f"--minutes {minutes:g} cannot keep the pace of {routine.name}; "
            f"choose from {low:g} to {high:g} minutes"
        ) from None


@app.command()
@_reports_errors
def start(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A routine name, a unique prefix, or a .yaml file; "
            "left out: the next routine due today in your plan.",
            autocompletion=complete_names,
            metavar="NAME",
        ),
    ] = None,
    minutes: Minutes = None,
    from_step: FromStep = 1,
    lead_in: LeadIn = None,
    yes: Yes = False,
    plain: Plain = False,
    mute: Mute = None,
    audio: AudioChoice = None,
    volume: Volume = None,
    voice: Voice = None,
    journal: Journal = None,
) -> None:
    """Play a routine: a live countdown, cues, sides and strokes. Keys: space pause,
    n next, b back, +/- 10 s, m mute, q quit, ? help."""
    from facelift.practice.resuming import source_file

    library = _library()
    routine = library.open(_next_due() if name is None else name)
    timeline = _timeline(routine, minutes=minutes, from_step=from_step)
    _play(
        timeline,
        lead_in=lead_in,
        yes=yes,
        plain=plain,
        mute=mute,
        audio=audio,
        volume=volume,
        voice=voice,
        journal=journal,
        file=source_file(routine, library),
    )


@app.command()
@_reports_errors
def resume(
    lead_in: ResumeLeadIn = None,
    yes: Yes = False,
    plain: Plain = False,
    mute: Mute = None,
    audio: AudioChoice = None,
    volume: Volume = None,
    voice: Voice = None,
    journal: Journal = None,
) -> None:
    """Go on with the session you stopped last, from the step where you stopped."""
    from facelift.practice import resuming

    stopped = resuming.latest(_records(steps=True))
    if stopped is None:
        print("Nothing to resume: you have no stopped session to go on with.")
        return
    record, step = stopped.record, stopped.step
    timeline = resuming.timeline(stopped, _library())
    stopped_at = record.started[:16].replace("T", " ")  # as history shows it
    _say(f"Going on with {record.title} at step {step} (stopped {stopped_at}).")
    _play(
        timeline,
        lead_in=lead_in,
        yes=yes,
        plain=plain,
        mute=mute,
        audio=audio,
        volume=volume,
        voice=voice,
        journal=journal,
        file=record.path,
    )


@app.command()
@_reports_errors
def render(
    name: RoutineName,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The file: .wav or .mp3 (.ogg .opus .m4a .flac with an encoder).",
        ),
    ],
    minutes: Minutes = None,
    from_step: FromStep = 1,
    voice: Annotated[
        bool | None,
        typer.Option(
            "--voice/--no-voice",
            help="Speak the guidance [default: with a speech engine installed].",
        ),
    ] = None,
    lead_in: LeadIn = None,
    volume: Volume = None,
    chapters: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Also write the chapters to this file as m:ss title."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist.")] = False,
) -> None:
    """Write a guided session to an audio file, to follow on a phone with the screen off:
    every cue at its time, the voice, and a chapter per step."""
    from facelift.commands import config as config_command
    from facelift.commands import render as render_command

    routine = _library().open(name)
    timeline = _timeline(routine, minutes=minutes, from_step=from_step)
    given = config_command.settings()  # the lead-in and volume a person set, unless given here
    options = render_command.Options(
        output,
        lead_in=given.lead_in if lead_in is None else lead_in,
        volume=given.volume if volume is None else volume,
        voice=voice,
        chapters=chapters,
        force=force,
    )
    render_command.run(timeline, options)


def _play(
    timeline: Timeline,
    *,
    lead_in: float | None,
    yes: bool,
    plain: bool,
    mute: bool | None,
    audio: str | None,
    volume: int | None,
    voice: bool | None,
    journal: bool | None,
    file: str | None,
) -> None:
    """Play a compiled timeline with the options `start` and `resume` share; an option not
    given is taken from config.toml, or its default. `file` is the routine's file when it
    was started from one (to resume from it)."""
    from facelift.commands import config as config_command
    from facelift.shell import session

    given = config_command.settings()
    options = session.Options(
        lead_in=given.lead_in if lead_in is None else lead_in,
        confirmed=yes,
        plain=plain,
        mute=given.mute if mute is None else mute,
        audio=given.audio if audio is None else audio,
        volume=given.volume if volume is None else volume,
        voice=given.voice if voice is None else voice,
        journal=given.journal if journal is None else journal,
        notes=given.show_notes,
    )
    status = session.run(timeline, options, file=file)
    if status:
        raise typer.Exit(status)


def _records(*, steps: bool = False) -> list[SessionRecord]:
    return _read(steps=steps).records


def _read(*, steps: bool) -> History:
    """The whole history, read-only; a line on stderr for each stored session left out."""
    from facelift.base import paths
    from facelift.practice import history

    read = history.read(paths.database_path(), steps=steps)
    for warning in read.warnings:
        _tell(f"warning: {warning}")
    return read


@app.command()
@_reports_errors
def history(
    as_json: Annotated[bool, typer.Option("--json", help="Print every session as JSON.")] = False,
) -> None:
    """Your practice: recent sessions, your streak, and a calendar of the last 12 weeks."""
    if as_json:
        from facelift.base.safetext import json_safe
        from facelift.practice.store import history_json

        sessions = history_json(_read(steps=True).saved)
        # one session a line: readable, and json.dumps stays in C (indent= would not)
        lines = [json_safe(json.dumps(session, ensure_ascii=False)) for session in sessions]
        print("[\n" + ",\n".join(lines) + "\n]" if lines else "[]")
        return
    _show_progress("history")


JOURNAL_SHOWN = 30


@app.command()
@_reports_errors
def journal(
    export: Annotated[
        str | None,
        typer.Option(
            metavar="markdown",
            parser=one_of(("markdown",)),
            help="Print the whole journal as a Markdown page.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the export to this file."),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help=f"Every entry, not only the newest {JOURNAL_SHOWN}.")
    ] = False,
) -> None:
    """Your notes and reflections, newest first, with the tension before and after."""
    if export is None and output is None:
        _show_progress("journal", limit=None if show_all else JOURNAL_SHOWN)
        return
    from datetime import date

    from facelift.commands.journal_page import journal_markdown

    page = journal_markdown(_records(), date.today())
    if output is None:
        print(page, end="")
        return
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as error:
        raise FaceliftError(f"{output}: cannot write ({error.strerror or error})") from None
    _say(f"Wrote {output}")


@app.command()
@_reports_errors
def stats() -> None:
    """Minutes per week, tension before and after over time, and sessions per routine."""
    _show_progress("stats")


def _show_progress(view: str, limit: int | None = None) -> None:
    from datetime import date

    from rich.console import Console

    from facelift.commands import history_page, journal_page, stats_page

    records, today = _records(steps=view != "journal"), date.today()  # skips and resumes
    renderable = {
        "history": lambda: history_page.history_view(records, today),
        "journal": lambda: journal_page.journal_text(records, limit),
        "stats": lambda: stats_page.stats_view(records, today),
    }[view]()
    console = Console(highlight=False)
    console.print(renderable)
    if view in ("history", "stats"):
        from facelift.commands.plan import progress_line

        line = progress_line()
        if line:
            console.print(f"\n{line}", markup=False)


@app.command()
@_reports_errors
def new(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="The new routine's name, like my-jaw.")
    ],
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="ROUTINE",
            help="Start from a copy of this routine.",
            autocompletion=complete_names,
        ),
    ] = None,
    open_editor: Annotated[bool, typer.Option("--edit", help="Open it in your editor.")] = False,
) -> None:
    """Write a new routine into your routines folder: a starter that explains every field,
    or a copy of another routine."""
    from facelift.base import paths
    from facelift.commands import authoring
    from facelift.format.schema import write_schema

    authoring.check_name(name)
    if open_editor:
        authoring.check_can_edit()
    library = _library()
    if from_ is None:
        builtin = next((e for e in library.entries() if e.name == name), None)
        if builtin is not None and builtin.source == "built-in":  # a starter would hide it
            raise FaceliftError(
                f"{name} is a built-in routine; to change it: facelift edit {name} "
                f"(or start from a copy: facelift new my-{name} --from {name})"
            )
        text = authoring.starter(name)
    else:
        source = library.find(from_) if not _is_file(from_) else None
        text = authoring.copy_of(source.path if source else Path(from_), name)
    folder = paths.user_routines_dir()
    path = authoring.write_new(folder, name, text)
    write_schema(folder)
    _say(str(path))
    if open_editor:
        _edit_until_valid(path)


@app.command()
@_reports_errors
def edit(name: RoutineName) -> None:
    """Open one of your routines in $VISUAL or $EDITOR (a built-in is copied first), then
    check it."""
    from facelift.base import paths
    from facelift.commands import authoring
    from facelift.format.library import BUILTIN
    from facelift.format.schema import write_schema

    entry = _library().find(name)
    authoring.check_can_edit()
    if entry.source != BUILTIN:
        _edit_until_valid(entry.path)
        return
    folder = paths.user_routines_dir()
    copy = authoring.copy_of(entry.path, entry.name)
    path = authoring.write_new(folder, entry.name, copy)
    write_schema(folder)
    _say(f"Copied the built-in {entry.name} to {path}; once changed, it is used in its place.")
    from facelift.shell import terminal

    try:
        with terminal.stop_on_signals():  # a closed window, too, ends in the `finally`
            _edit_until_valid(path)
    finally:  # an untouched copy would only hide the built-in's later updates
        if authoring.drop_if_unchanged(path, copy):
            with contextlib.suppress(OSError):  # the terminal may be gone
                print(
                    f"Nothing changed, so the copy is removed; the built-in {entry.name} is used."
                )


def _edit_until_valid(path: Path) -> None:
    """Open the editor; when it closes, check the file, and offer to go back to fix it."""
    from facelift.commands import authoring

    while True:
        authoring.edit(path)
        try:
            _library().open(str(path))
        except RoutineError as error:
            _tell_problems(error)
            if not _ask("Edit it again to fix this? [Y/n] "):
                raise typer.Exit(1) from None
            continue
        _say(f"OK  {path}")
        return


def _ask(question: str) -> bool:
    try:
        return input(question).strip().lower() in ("", "y", "yes")
    except (EOFError, KeyboardInterrupt):
        print()
        return False


def _is_file(target: str) -> bool:
    from facelift.format.library import looks_like_file

    return looks_like_file(target)


@app.command()
@_reports_errors
def schema(
    write: Annotated[
        bool, typer.Option("--write", help="Write it into your routines folder for editors.")
    ] = False,
    plan: Annotated[bool, typer.Option("--plan", help="The plan format's schema instead.")] = False,
) -> None:
    """Print the JSON Schema of the routine format, for editors with a YAML language server."""
    from facelift.base import paths
    from facelift.format.schema import schema_json, write_schema

    if plan:
        _plan_schema(write=write)
    elif write:
        _say(str(write_schema(paths.user_routines_dir())))
    else:
        print(schema_json(), end="")


@app.command()
@_reports_errors
def doctor() -> None:
    """What works here: the sound and voice facelift would use, its folders, your routines."""
    from facelift.commands import doctor as checks

    print(checks.header())
    findings = checks.examine(_library())
    for finding in findings:
        _say(str(finding))
    if any(f.mark == checks.PROBLEM for f in findings):
        raise typer.Exit(1)


@app.command()
@_reports_errors
def sounds(
    audio: Annotated[str | None, audio_option("How to play them [auto].")] = None,
    volume: Annotated[int | None, volume_option("Loudness of the cues [100].")] = None,
) -> None:
    """Play each cue once, with its name, to check the speakers and learn the sounds."""
    from facelift.commands import config as config_command
    from facelift.format.cues import CUE_MEANINGS
    from facelift.output import audio as backends
    from facelift.output.sound import AudioSink, load_cues

    given = config_command.settings()
    choice = given.audio if audio is None else audio
    loudness = given.volume if volume is None else volume
    sink = AudioSink(backends.choose(choice), load_cues(volume=loudness), warn=_warn)
    print(f"Playing through {sink.backend.name}.")
    for name, meaning in CUE_MEANINGS.items():
        print(f"  {name:7} {meaning}", flush=True)
        sink.play_now(name)


def _warn(message: str) -> None:
    _tell(f"warning: {message}")


def run() -> None:
    app()


# -- plans, today, reminders and settings ----------------------------------------------------

plan_app = App(
    cls=Group,
    help="Plans: which routines to play on each day, over weeks.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(plan_app, name="plan")


def _complete_plans(incomplete: str) -> list[str]:
    try:
        from facelift.format.plans_library import Plans

        names = [entry.name for entry in Plans.default().entries()]
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [name for name in names if name.startswith(incomplete)]


PlanName = Annotated[
    str,
    typer.Argument(
        metavar="NAME", help="A plan's name or a unique prefix.", autocompletion=_complete_plans
    ),
]


@plan_app.command("list")
@_reports_errors
def plan_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the built-in plans and your own (in the plans folder beside your routines)."""
    from facelift.commands import plan as plan_commands

    plan_commands.list_plans(as_json=as_json)


@plan_app.command("show")
@_reports_errors
def plan_show(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="A plan's name, a unique prefix, or a .yaml file.",
            autocompletion=_complete_plans,
        ),
    ],
) -> None:
    """Show a plan day by day, with each day's routines and length (and dates, if you follow it)."""
    from facelift.commands import plan as plan_commands

    plan_commands.show_plan(name)


@plan_app.command("start")
@_reports_errors
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
@_reports_errors
def plan_stop() -> None:
    """Stop following your plan; your history keeps every session."""
    from facelift.commands import plan as plan_commands

    plan_commands.stop_plan()


@app.command()
@_reports_errors
def today(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
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
@_reports_errors
def remind(
    ics: Annotated[
        bool, typer.Option("--ics", help="Write an iCalendar file (events with alarms).")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write it to this file [stdout]."),
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


@app.command()
@_reports_errors
def config(
    open_editor: Annotated[
        bool, typer.Option("--edit", help="Open config.toml in $VISUAL or $EDITOR.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The settings in force (from config.toml, or the defaults) and where each came from."""
    from facelift.commands import config as config_command

    if open_editor:
        status = config_command.edit(ask=_ask)
        if status:
            raise typer.Exit(status)
        return
    config_command.show(as_json=as_json)


def _next_due() -> str:
    """The routine `start` plays with no NAME; a one-line hint and status 1 when none is due."""
    from facelift.commands import plan as plan_commands

    try:
        return plan_commands.next_due()
    except plan_commands.Hint as hint:
        print(hint, file=sys.stderr)
        raise typer.Exit(1) from None


def _is_plan_file(target: str) -> bool:
    from facelift.format import yamlnodes
    from facelift.format.plan import is_plan_text

    try:
        return is_plan_text(yamlnodes.read_file(Path(target), shown_as=target))
    except FaceliftError:  # the routine loader says what is wrong with it
        return False


def _validate_plan(target: str) -> bool:
    from facelift.format.plans_library import Plans

    try:
        Plans.default(_library()).load(Path(target), shown_as=target)
    except RoutineError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return False
    print(f"OK  {target}")
    return True


def _plan_schema(*, write: bool) -> None:
    from facelift.base import paths
    from facelift.format.plan_schema import PLAN_SCHEMA_FILE_NAME, plan_schema_json
    from facelift.format.schema import write_schema

    if write:
        folder = paths.user_plans_dir()
        print(write_schema(folder, name=PLAN_SCHEMA_FILE_NAME, text=plan_schema_json()))
    else:
        print(plan_schema_json(), end="")


# -- bundles: a routine with its includes and sounds, as one file ----------------------------


@app.command("export")
@_reports_errors
def export_bundle(
    name: RoutineName,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE.zip", help="The bundle to write.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
) -> None:
    """Write a routine, the routines of yours it includes and its sounds as one .zip."""
    from facelift.commands import bundle as bundle_command

    _say(bundle_command.export(_library(), name, output, force=force))


@app.command("import")
@_reports_errors
def import_bundle(
    bundle: Annotated[Path, typer.Argument(metavar="FILE.zip", help="A bundle from export.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace routines and sounds of the same name.")
    ] = False,
) -> None:
    """Add the routines and sounds of a bundle to yours, once every one of them checks out."""
    from facelift.commands import bundle as bundle_command

    _say(bundle_command.import_bundle(bundle, force=force))
