"""`facelift start`, `resume` and `render`'s timeline: the routine fitted as asked, the
options not given taken from config.toml, and the core's refusals worded with the flags."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from facelift.base.errors import FaceliftError
from facelift.base.safetext import terminal_safe

if TYPE_CHECKING:  # only named here: `render` loads no history, `start` no plan
    from facelift.format.library import Library
    from facelift.format.routine import Routine
    from facelift.output.choices import AudioChoice
    from facelift.play.timeline import Timeline
    from facelift.practice.history import Read


@dataclass(frozen=True)
class Given:
    """The options `start` and `resume` share, as typed; None: not given, so config.toml
    (or the default) decides."""

    lead_in: float | None = None
    yes: bool = False
    plain: bool = False
    mute: bool | None = None
    audio: AudioChoice | None = None
    volume: int | None = None
    voice: bool | None = None
    journal: bool | None = None


def timeline(routine: Routine, *, minutes: float | None, from_step: int) -> Timeline:
    """The routine as played, fitted into --minutes when given: a length it cannot keep its
    pace in is one line naming the lengths it can."""
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


def start(
    name: str, library: Library, given: Given, *, minutes: float | None, from_step: int
) -> int:
    """Play the routine `name` (or file); the exit status."""
    from facelift.practice.resuming import source_file

    routine = library.open(name)
    fitted = timeline(routine, minutes=minutes, from_step=from_step)
    return play(fitted, given, file=source_file(routine, library))


def resume(history: Read, library: Library, given: Given) -> int:
    """Go on with the latest stopped session from its step; the exit status."""
    from facelift.practice import resuming

    stopped = resuming.latest(history.records)
    if stopped is None:
        print("Nothing to resume: you have no stopped session to go on with.")
        return 0
    record, step = stopped.record, stopped.step
    going_on = resuming.timeline(stopped, library)
    stopped_at = record.started[:16].replace("T", " ")  # as history shows it
    print(terminal_safe(f"Going on with {record.title} at step {step} (stopped {stopped_at})."))
    return play(going_on, given, file=record.path)


def play(timeline: Timeline, given: Given, *, file: str | None) -> int:
    """Play a compiled timeline; the exit status. `file` is the routine's file when it was
    started from one (to resume from it)."""
    from facelift.commands import config as config_command
    from facelift.shell import session

    settings = config_command.settings()
    options = session.Options(
        lead_in=settings.lead_in if given.lead_in is None else given.lead_in,
        confirmed=given.yes,
        plain=given.plain,
        mute=settings.mute if given.mute is None else given.mute,
        audio=settings.audio if given.audio is None else given.audio,
        volume=settings.volume if given.volume is None else given.volume,
        voice=settings.voice if given.voice is None else given.voice,
        journal=settings.journal if given.journal is None else given.journal,
        notes=settings.show_notes,
    )
    from facelift.output.audio import UnusableChoice

    try:
        return session.run(timeline, options, file=file)
    except UnusableChoice as error:  # refused before anything was shown
        by_flag = given.audio is not None
        raise config_command.audio_refused(error, settings, by_flag=by_flag) from None
