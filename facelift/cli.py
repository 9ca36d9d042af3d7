"""The command line: parse, look up, call the core, and turn errors into one line and a code."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import typer

from facelift import __version__
from facelift.errors import FaceliftError, RoutineError

if TYPE_CHECKING:
    from facelift.library import Library
    from facelift.record import SessionRecord
    from facelift.timeline import Timeline


Command = TypeVar("Command", bound=Callable[..., None])


def _reports_errors(command: Command) -> Command:
    """Every error a user can cause ends as one line per problem and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except RoutineError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            raise typer.Exit(1) from None
        except FaceliftError as error:
            print(f"Error: {error}", file=sys.stderr)
            raise typer.Exit(1) from None

    return cast(Command, wrapper)


app = typer.Typer(
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
    from facelift.library import Library

    return Library.default()


def _complete_names(incomplete: str) -> list[str]:
    """Routine names for the shell's tab completion (a broken file is still offered)."""
    try:
        names = _library().names()  # read, never expanded: quick whatever the folder holds
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [name for name in names if name.startswith(incomplete)]


RoutineName = Annotated[
    str,
    typer.Argument(
        help="A routine name, a unique prefix, or a .yaml file.",
        autocompletion=_complete_names,
        metavar="NAME",
    ),
]


@app.command("list")
@_reports_errors
def list_routines(
    part: Annotated[
        int | None, typer.Option(min=1, max=4, help="Only routines of this part (1-4).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the built-in and your own routines."""
    from facelift import listing

    listing.run(part=part, as_json=as_json)


@app.command()
@_reports_errors
def show(
    name: RoutineName,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help="Print a printable Markdown page.")
    ] = False,
) -> None:
    """Show every step of a routine, with its start time, side, pressure and instruction."""
    if as_json and as_markdown:
        raise typer.BadParameter("choose one of --json and --markdown")
    from facelift import describe, views

    routine = _library().open(name)
    if as_json:
        print(json.dumps(describe.routine_data(routine), indent=2, ensure_ascii=False))
    elif as_markdown:
        print(describe.markdown(routine), end="")
    else:
        views.print_routine(routine)


@app.command()
@_reports_errors
def validate(
    files: Annotated[list[str], typer.Argument(help="Routine files (.yaml) to check.")],
) -> None:
    """Check routine files; print OK or every error, each with its line and column."""
    from facelift.advice import advise

    library = _library()
    failed = False
    for target in files:
        try:
            written, played = library.open_both(target)
        except RoutineError as error:
            failed = True
            for problem in error.problems:
                print(problem, file=sys.stderr)
        except FaceliftError as error:
            failed = True
            print(error, file=sys.stderr)
        else:
            shown_as = str(written.path) if written.path and target != str(written.path) else target
            warnings = advise(written, played, shown_as=shown_as)
            for warning in warnings:
                print(warning, file=sys.stderr)
            count = f" ({len(warnings)} warning{'s' if len(warnings) != 1 else ''})"
            print(f"OK  {target}{count if warnings else ''}")
    if failed:
        raise typer.Exit(1)


class Audio(str, Enum):
    AUTO = "auto"
    SIMPLEAUDIO = "simpleaudio"
    SYSTEM = "system"
    BELL = "bell"
    NONE = "none"


LeadIn = Annotated[float, typer.Option(min=0, max=120, help="Seconds to get ready before step 1.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Skip the questions before the start.")]
Plain = Annotated[bool, typer.Option("--plain", help="One line per event, no live screen.")]
Mute = Annotated[bool, typer.Option("--mute", help="Start with the sound off.")]
AudioChoice = Annotated[Audio, typer.Option(help="How cues sound; auto tries each in turn.")]
Volume = Annotated[int, typer.Option(min=0, max=100, help="Loudness of cues and voice, 0-100.")]
Voice = Annotated[
    bool, typer.Option("--voice/--no-voice", help="Speak each step, side and what comes next.")
]
NoJournal = Annotated[
    bool, typer.Option("--no-journal", help="Skip the check-in and journal questions.")
]


@app.command()
@_reports_errors
def start(
    name: RoutineName,
    minutes: Annotated[
        float | None, typer.Option(min=0.1, help="Fit the routine into N minutes.")
    ] = None,
    from_step: Annotated[int, typer.Option(min=1, help="Start at step K.")] = 1,
    lead_in: LeadIn = 5,
    yes: Yes = False,
    plain: Plain = False,
    mute: Mute = False,
    audio: AudioChoice = Audio.AUTO,
    volume: Volume = 100,
    voice: Voice = False,
    no_journal: NoJournal = False,
) -> None:
    """Play a routine: a live countdown, cues, sides and strokes. Keys: space pause,
    n next, b back, +/- 10 s, m mute, q quit, ? help."""
    from facelift.timeline import compile_timeline

    routine = _library().open(name)
    timeline = compile_timeline(routine, minutes=minutes, from_step=from_step)
    _play(timeline, lead_in=lead_in, yes=yes, plain=plain, mute=mute, audio=audio,
          volume=volume, voice=voice, no_journal=no_journal)  # fmt: skip


@app.command()
@_reports_errors
def resume(
    lead_in: LeadIn = 5,
    yes: Yes = False,
    plain: Plain = False,
    mute: Mute = False,
    audio: AudioChoice = Audio.AUTO,
    volume: Volume = 100,
    voice: Voice = False,
    no_journal: NoJournal = False,
) -> None:
    """Go on with the session you stopped last, from the step where you stopped."""
    from facelift.timeline import compile_timeline

    stopped = _resumable(_records(steps=True))
    if stopped is None:
        print("Nothing to resume: you have no stopped session to go on with.")
        return
    record, step = stopped
    routine = _library().open(record.routine)
    print(f"Going on with {record.title} at step {step} (stopped {record.started[:16]}).")
    timeline = compile_timeline(routine, from_step=step, scale=record.scale)
    _play(timeline, lead_in=lead_in, yes=yes, plain=plain, mute=mute, audio=audio,
          volume=volume, voice=voice, no_journal=no_journal)  # fmt: skip


def _resumable(records: list[SessionRecord]) -> tuple[SessionRecord, int] | None:
    """The latest stopped session not completed since, and the step it stopped in."""
    for position in range(len(records) - 1, -1, -1):
        record = records[position]
        if record.status != "stopped":
            continue
        later = records[position + 1 :]
        if any(r.routine == record.routine and r.status == "completed" for r in later):
            return None
        step = next((s.step_number for s in reversed(record.steps) if s.step_number), None)
        return (record, step) if step else None
    return None


def _play(
    timeline: Timeline,
    *,
    lead_in: float,
    yes: bool,
    plain: bool,
    mute: bool,
    audio: Audio,
    volume: int,
    voice: bool,
    no_journal: bool,
) -> None:
    """Play a compiled timeline with the options `start` and `resume` share."""
    from facelift import session

    options = session.Options(
        lead_in=lead_in,
        confirmed=yes,
        plain=plain,
        mute=mute,
        audio=audio.value,
        volume=volume,
        voice=voice,
        journal=not no_journal,
    )
    status = session.run(timeline, options)
    if status:
        raise typer.Exit(status)


def _records(*, steps: bool = False) -> list[SessionRecord]:
    from facelift import paths
    from facelift.store import Store

    with Store.open(paths.database_path()) as store:
        return store.sessions(steps=steps)


@app.command()
@_reports_errors
def history(
    as_json: Annotated[bool, typer.Option("--json", help="Print every session as JSON.")] = False,
) -> None:
    """Your practice: recent sessions, your streak, and a calendar of the last 12 weeks."""
    if as_json:
        from facelift import paths
        from facelift.store import Store, history_json

        with Store.open(paths.database_path()) as store:
            sessions = history_json(store.saved_sessions())
        # one session a line: readable, and json.dumps stays in C (indent= would not)
        lines = [json.dumps(session, ensure_ascii=False) for session in sessions]
        print("[\n" + ",\n".join(lines) + "\n]" if lines else "[]")
        return
    _show_progress("history")


JOURNAL_SHOWN = 30


class Export(str, Enum):
    MARKDOWN = "markdown"


@app.command()
@_reports_errors
def journal(
    export: Annotated[
        Export | None, typer.Option(help="Print the whole journal as a Markdown page.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the export to this file.")
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

    from facelift.progress import journal_markdown

    page = journal_markdown(_records(), date.today())
    if output is None:
        print(page, end="")
        return
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as error:
        raise FaceliftError(f"{output}: cannot write ({error.strerror or error})") from None
    print(f"Wrote {output}")


@app.command()
@_reports_errors
def stats() -> None:
    """Minutes per week, tension before and after over time, and sessions per routine."""
    _show_progress("stats")


def _show_progress(view: str, limit: int | None = None) -> None:
    from datetime import date

    from rich.console import Console

    from facelift import progress

    records, today = _records(), date.today()
    renderable = {
        "history": lambda: progress.history_view(records, today),
        "journal": lambda: progress.journal_text(records, limit),
        "stats": lambda: progress.stats_view(records, today),
    }[view]()
    Console(highlight=False).print(renderable)


@app.command()
@_reports_errors
def new(
    name: Annotated[str, typer.Argument(help="The new routine's name, like my-jaw.")],
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Start from a copy of this routine.",
            autocompletion=_complete_names,
        ),
    ] = None,
    open_editor: Annotated[bool, typer.Option("--edit", help="Open it in your editor.")] = False,
) -> None:
    """Write a new routine into your routines folder: a starter that explains every field,
    or a copy of another routine."""
    from facelift import authoring, paths
    from facelift.schema import write_schema

    authoring.check_name(name)
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
    print(path)
    if open_editor:
        _edit_until_valid(path)


@app.command()
@_reports_errors
def edit(name: RoutineName) -> None:
    """Open one of your routines in $VISUAL or $EDITOR (a built-in is copied first), then
    check it."""
    from facelift import authoring, paths
    from facelift.library import BUILTIN
    from facelift.schema import write_schema

    entry = _library().find(name)
    path = entry.path
    if entry.source == BUILTIN:
        folder = paths.user_routines_dir()
        path = authoring.write_new(folder, entry.name, authoring.copy_of(entry.path, entry.name))
        write_schema(folder)
        print(f"Copied the built-in {entry.name} to {path}; your copy is used from now on.")
    _edit_until_valid(path)


def _edit_until_valid(path: Path) -> None:
    """Open the editor; when it closes, check the file, and offer to go back to fix it."""
    from facelift import authoring

    while True:
        authoring.edit(path)
        try:
            _library().open(str(path))
        except RoutineError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            if not (sys.stdin.isatty() and _ask("Edit it again to fix this? [Y/n] ")):
                raise typer.Exit(1) from None
            continue
        print(f"OK  {path}")
        return


def _ask(question: str) -> bool:
    try:
        return input(question).strip().lower() in ("", "y", "yes")
    except (EOFError, KeyboardInterrupt):
        print()
        return False


def _is_file(target: str) -> bool:
    from facelift.library import looks_like_file

    return looks_like_file(target)


@app.command()
@_reports_errors
def schema(
    write: Annotated[
        bool, typer.Option("--write", help="Write it into your routines folder for editors.")
    ] = False,
) -> None:
    """Print the JSON Schema of the routine format, for editors with a YAML language server."""
    from facelift import paths
    from facelift.schema import schema_json, write_schema

    if write:
        print(write_schema(paths.user_routines_dir()))
    else:
        print(schema_json(), end="")


@app.command()
@_reports_errors
def doctor() -> None:
    """What works here: the sound and voice facelift would use, its folders, your routines."""
    from facelift import doctor as checks

    print(checks.header())
    findings = checks.examine(_library())
    for finding in findings:
        print(finding)
    if any(f.mark == checks.PROBLEM for f in findings):
        raise typer.Exit(1)


@app.command()
@_reports_errors
def sounds(
    audio: Annotated[Audio, typer.Option(help="How to play them.")] = Audio.AUTO,
    volume: Annotated[int, typer.Option(min=0, max=100, help="Loudness, 0-100.")] = 100,
) -> None:
    """Play each cue once, with its name, to check the speakers and learn the sounds."""
    from facelift import audio as backends
    from facelift.sound import CUE_MEANINGS, AudioSink, load_cues

    sink = AudioSink(backends.choose(audio.value), load_cues(volume=volume), warn=_warn)
    print(f"Playing through {sink.backend.name}.")
    for name, meaning in CUE_MEANINGS.items():
        print(f"  {name:7} {meaning}", flush=True)
        sink.play_now(name)


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def run() -> None:
    app()
