"""Playing a routine: start, resume, and render (the session as an audio file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from facelift.base.safetext import tell
from facelift.cli.app import app
from facelift.cli.report import exit_with, library, reports_errors
from facelift.cli.types import (
    Audio,
    FromStep,
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
    complete_names,
    output_option,
)


@app.command()
@reports_errors
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
    audio: Audio = None,
    volume: Volume = None,
    voice: Voice = None,
    journal: Journal = None,
) -> None:
    """Play a routine: a live countdown, cues, sides and strokes. Keys: space pause,
    n next, b back, +/- 10 s, m mute, q quit, ? help."""
    from facelift.commands import playing

    given = playing.Given(lead_in, yes, plain, mute, audio, volume, voice, journal)
    routine = _next_due() if name is None else name
    exit_with(playing.start(routine, library(), given, minutes=minutes, from_step=from_step))


def _next_due() -> str:
    """The routine `start` plays with no NAME; a one-line hint and status 1 when none is due."""
    from facelift.commands import plan as plan_commands

    try:
        return plan_commands.next_due()
    except plan_commands.Hint as hint:  # not an error: said without "Error:"
        tell(hint)
        raise typer.Exit(1) from None


@app.command()
@reports_errors
def resume(
    lead_in: ResumeLeadIn = None,
    yes: Yes = False,
    plain: Plain = False,
    mute: Mute = None,
    audio: Audio = None,
    volume: Volume = None,
    voice: Voice = None,
    journal: Journal = None,
) -> None:
    """Go on with the session you stopped last, from the step where you stopped."""
    from facelift.commands import playing
    from facelift.commands.practice_pages import read_history

    given = playing.Given(lead_in, yes, plain, mute, audio, volume, voice, journal)
    exit_with(playing.resume(read_history(steps=True), library(), given))


@app.command()
@reports_errors
def render(
    name: RoutineName,
    output: Annotated[
        Path, output_option("The file: .wav or .mp3 (.ogg .opus .m4a .flac with an encoder).")
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
    from facelift.commands import playing
    from facelift.commands import render as render_command

    routine = library().open(name)
    timeline = playing.timeline(routine, minutes=minutes, from_step=from_step)
    options = render_command.options_given(
        output, lead_in=lead_in, volume=volume, voice=voice, chapters=chapters, force=force
    )
    render_command.run(timeline, options)
