"""`facelift start`: before, during and after a session, around the pure player.

This is the imperative shell: it decides what the terminal can do, asks for consent, puts
the terminal in the right mode, plays, saves the record and says how it went.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from facelift.base import wording
from facelift.base.errors import FaceliftError
from facelift.base.safetext import terminal_safe
from facelift.format.limits import LEAD_IN, VOLUME
from facelift.output.choices import AudioChoice
from facelift.output.sound import AudioSink
from facelift.play.clock import SessionClock
from facelift.play.player import Key, KeySource, Outcome, Player, Sink
from facelift.play.record import SessionRecord
from facelift.play.recorder import Recorder
from facelift.play.timeline import Timeline
from facelift.practice import history
from facelift.shell import checkin, introduction
from facelift.shell.keys import TerminalKeys
from facelift.shell.session_io import (
    Screen,
    SessionIO,
    Suspendable,
    asking,
    for_session,
    teller,
)

if TYPE_CHECKING:
    from facelift.output.audio import Backend

EXIT_STOPPED = 130


@dataclass(frozen=True)
class Options:
    """How a session plays, with every choice made (flags first, then config.toml)."""

    lead_in: float = LEAD_IN
    confirmed: bool = False  # --yes
    plain: bool = False
    mute: bool = False
    audio: AudioChoice = AudioChoice.AUTO
    volume: int = VOLUME
    voice: bool = False
    journal: bool = True
    notes: str = "always"  # or "first-time": the notes in full only before a first session


def run(
    timeline: Timeline, options: Options, *, file: str | None = None, io: SessionIO | None = None
) -> int:
    """Play a compiled timeline as the terminal allows; the exit status. `file` is the
    routine's file when it was started from one, recorded to resume from it; `io` is the
    world the session plays in (by default the one `session_io.for_session()` finds)."""
    io = io or for_session()
    routine = timeline.routine
    stdin_is_terminal = io.stdin_is_terminal
    plain = options.plain or not io.stdout_is_terminal or dumb_terminal()
    journaling = options.journal and stdin_is_terminal and io.stdout_is_terminal
    warnings = Warnings(now=plain, tell=teller(io))
    ask, say = asking(io)
    chain = _chain(options)  # a choice that cannot work fails here, first
    _check_history(io)  # a history that cannot be written fails before, not after, the session
    keeper = history.Keeper(io.database)  # opened at the save, not held through the play
    from facelift.shell import terminal

    with terminal.stop_on_signals() as stops, keeper:  # from the introduction to the last answer
        try:
            introduction.introduce(
                routine,
                timeline,
                plain=plain,
                brief=introduction.brief_notes(options.notes, routine, io.database),
                out=io.out,
            )
            if not options.confirmed:
                introduction.ready(
                    routine,
                    interactive=stdin_is_terminal,
                    check_in_follows=journaling,
                    ask=io.ask,
                    out=io.out,
                )
            # --yes: no questions before the start
            checking_in = journaling and not options.confirmed
            before = checkin.tension(ask, say, checkin.TENSION_BEFORE) if checking_in else None
            sound, intro = _sound(options, timeline, chain, warnings)  # trouble is said here
        except (checkin.Cancelled, checkin.Declined, KeyboardInterrupt) as stop:
            with contextlib.suppress(OSError):  # a terminal closed by SIGHUP cannot be told
                print("\nNot started.", file=io.out)
            return 1 if isinstance(stop, checkin.Declined) else EXIT_STOPPED
        started = io.now().astimezone().isoformat(timespec="seconds")
        recorder = Recorder(timeline, started=started, path=file)
        outcome = Outcome.STOPPED
        try:
            with ExitStack() as stack:
                stack.enter_context(sound)
                sound.say_now([] if options.mute else intro)  # before the count-in
                screen = _screen(stack, io, plain=plain)
                warnings.show = screen.notice  # trouble is shown at once
                clock = io.clock
                keys = _keys(stack, clock, screen) if stdin_is_terminal else io.keys(clock)
                sinks: list[Sink] = [screen, sound, recorder]
                player = Player(
                    timeline,
                    clock=clock,
                    keys=keys,
                    sinks=sinks,
                    lead_in=options.lead_in,
                    muted=options.mute,
                    waits=stdin_is_terminal,
                )
                outcome = player.play()
        except (OSError, KeyboardInterrupt):  # the terminal went away as it was put back
            pass
        finally:  # the record is saved even when the terminal went away
            stops.hold()  # from here on, no signal may cut the save short
            record = recorder.record
            if record is not None and before is not None:
                record = dataclasses.replace(record, journal=checkin.journal(before, None))
            kept, not_saved = _save(record, keeper)
        from facelift.shell import afterwards  # not on the way to the first screen

        with contextlib.suppress(OSError):  # a closed terminal cannot be told
            warnings.flush()
            afterwards.conclude(io, record, outcome, plain=plain, not_saved=not_saved)
            afterwards.tell_where(io, record, kept)
            answers: dict[str, Any] = {}
            if journaling and record is not None and not stops.ending:  # else nobody to ask
                completed = outcome is Outcome.COMPLETED
                prompts = routine.reflect
                not_saved = (
                    afterwards.reflect(
                        io,
                        keeper,
                        kept,
                        before,
                        prompts,
                        completed=completed,
                        stops=stops,
                        answers=answers,
                    )
                    or not_saved
                )
            if record is not None and not stops.ending and not not_saved:  # else: the error
                afterwards.farewell(io, keeper, record, before, answers.get("tension_after"))
    if not_saved:
        return 1
    stopped = outcome is not Outcome.COMPLETED or stops.interrupted or stops.ending
    return EXIT_STOPPED if stopped else 0


def _screen(stack: ExitStack, io: SessionIO, *, plain: bool) -> Screen:
    if plain:
        from facelift.output.plain import PlainLines

        width = shutil.get_terminal_size().columns if io.stdout_is_terminal else None
        return PlainLines(io.out, width=width)  # a terminal: wrapped at word boundaries
    from rich.console import Console

    from facelift.output.screen import LiveScreen

    return stack.enter_context(LiveScreen(Console(file=io.out)))


def _keys(stack: ExitStack, clock: SessionClock, screen: Suspendable) -> KeySource:
    """Keys from the terminal, in cbreak mode; Ctrl-Z suspends cleanly and comes back paused."""
    from facelift.shell import terminal

    fd = sys.stdin.fileno()
    original = stack.enter_context(terminal.keys_mode(fd))
    keys = TerminalKeys(fd)
    stack.callback(keys.close)

    def back() -> None:
        clock.release()
        keys.inject(Key.PAUSE)  # the person finds the session paused, where they left it

    suspending = terminal.suspend_cleanly(
        fd,
        original=original,
        hold=clock.hold,
        release=back,
        leave=screen.suspend,
        enter=screen.resume,
    )
    stack.enter_context(suspending)
    return keys


def _chain(options: Options) -> list[Backend]:
    from facelift.output import audio

    return audio.choose(options.audio)


def _sound(
    options: Options, timeline: Timeline, chain: list[Backend], warnings: Warnings
) -> tuple[AudioSink, list[str]]:
    """The sound path tried and the voice rendered: trouble is said now, before the start."""
    from facelift.shell import preparing

    ready = preparing.prepare(
        timeline,
        chain=chain,
        volume=options.volume,
        voice=options.voice,
        muted=options.mute,
        lead_in=options.lead_in,
        tell=warnings.tell,
        warn=warnings.warn,
    )
    return ready.sink, ready.intro


class Warnings:
    """Warnings from the audio thread: said at once in plain mode; on the live screen, shown
    at once and said again after it closes."""

    def __init__(self, *, now: bool, tell: Callable[[str], None]) -> None:
        self.now = now
        self.tell = tell  # says one at once, on stderr
        self.held: list[str] = []
        self.show: Callable[[str], None] | None = None  # the live screen's, while it is up

    def warn(self, message: str) -> None:
        if self.now:
            self.tell(message)
            return
        self.held.append(message)  # said again after the screen closes, to keep
        if self.show is not None:
            self.show(message)

    def flush(self) -> None:
        for message in self.held:
            self.tell(message)
        self.held.clear()


def dumb_terminal() -> bool:
    """TERM=dumb (or unknown) draws no live screen and obeys no control sequence."""
    return os.environ.get("TERM", "") in ("dumb", "unknown")


def _check_history(io: SessionIO) -> None:
    """Refuse a history that cannot be written; add the sessions kept pending earlier."""
    merged, warnings = history.prepare(io.database)
    for warning in warnings:
        print(terminal_safe(f"warning: {warning}"), file=io.err)
    if merged:
        kept = wording.plural(merged, "session")
        print(f"Added {kept} kept from an earlier run to your history.", file=io.out)


def _save(record: SessionRecord | None, keeper: history.Keeper) -> tuple[history.Kept | None, str]:
    """Store the record (in the database, or else a pending file): where it went, and the
    reason it could be stored nowhere (or "")."""
    if record is None:
        return None, ""
    try:
        return keeper.save(record), ""
    except FaceliftError as error:
        return None, str(error)
