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
from datetime import datetime
from typing import TYPE_CHECKING, Any

from facelift.base import paths
from facelift.base.errors import FaceliftError
from facelift.base.safetext import json_safe, one_line, terminal_safe
from facelift.output.sound import AudioSink
from facelift.play.clock import SessionClock
from facelift.play.player import Key, KeySource, Outcome, Player, Sink
from facelift.play.record import SessionRecord
from facelift.play.recorder import Recorder
from facelift.play.timeline import Timeline
from facelift.practice import history, pending
from facelift.shell import checkin, ending, introduction
from facelift.shell.keys import NoKeys, TerminalKeys

if TYPE_CHECKING:
    from facelift.output.audio import Backend
    from facelift.shell.terminal import Stops

EXIT_STOPPED = 130


@dataclass(frozen=True)
class Options:
    lead_in: float = 5.0
    confirmed: bool = False  # --yes
    plain: bool = False
    mute: bool = False
    audio: str = "auto"  # see audio.CHOICES
    volume: int = 100
    voice: bool = False
    journal: bool = True
    notes: str = "always"  # or "first-time": the notes in full only before a first session


def run(timeline: Timeline, options: Options, *, file: str | None = None) -> int:
    """Play a compiled timeline as the terminal allows; the exit status. `file` is the
    routine's file when it was started from one, recorded to resume from it."""
    routine = timeline.routine
    stdin_is_terminal = sys.stdin.isatty()
    plain = options.plain or not sys.stdout.isatty() or dumb_terminal()
    journaling = options.journal and stdin_is_terminal and sys.stdout.isatty()
    warnings = Warnings(now=plain)
    chain = _chain(options)  # a choice that cannot work fails here, first
    _check_history()  # a history that cannot be written fails before, not after, the session
    from facelift.shell import terminal

    with terminal.stop_on_signals() as stops:  # from the introduction to the last answer
        try:
            introduction.introduce(
                routine,
                timeline,
                plain=plain,
                brief=introduction.brief_notes(options.notes, routine),
            )
            if not options.confirmed:
                introduction.ready(
                    routine, interactive=stdin_is_terminal, check_in_follows=journaling
                )
            asking = journaling and not options.confirmed  # --yes: no questions before the start
            before = checkin.tension(_ask, _say, checkin.TENSION_BEFORE) if asking else None
            sound, intro = _sound(options, timeline, chain, warnings)  # trouble is said here
        except (checkin.Cancelled, checkin.Declined, KeyboardInterrupt) as stop:
            with contextlib.suppress(OSError):  # a terminal closed by SIGHUP cannot be told
                print("\nNot started.")
            return 1 if isinstance(stop, checkin.Declined) else EXIT_STOPPED
        started = datetime.now().astimezone().isoformat(timespec="seconds")
        recorder = Recorder(timeline, started=started, path=file)
        outcome = Outcome.STOPPED
        try:
            with ExitStack() as stack:
                stack.enter_context(sound)
                sound.say_now([] if options.mute else intro)  # before the count-in
                screen = _screen(stack, plain=plain)
                warnings.show = getattr(screen, "notice", None)  # trouble is shown at once
                clock = SessionClock()
                keys: KeySource = _keys(stack, clock, screen) if stdin_is_terminal else NoKeys()
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
            kept, not_saved = _save(record)
        with contextlib.suppress(OSError):  # a closed terminal cannot be told
            warnings.flush()
            _conclude(record, outcome, plain=plain, not_saved=not_saved)
            _tell_where(record, kept)
            answers: dict[str, Any] = {}
            if journaling and record is not None and not stops.ending:  # else nobody to ask
                completed = outcome is Outcome.COMPLETED
                prompts = routine.reflect
                not_saved = (
                    _reflect(
                        kept, before, prompts, completed=completed, stops=stops, answers=answers
                    )
                    or not_saved
                )
            if record is not None and not stops.ending and not not_saved:  # else: the error
                _farewell(record, before, answers.get("tension_after"))
    if not_saved:
        return 1
    stopped = outcome is not Outcome.COMPLETED or stops.interrupted or stops.ending
    return EXIT_STOPPED if stopped else 0


def _reflect(
    kept: history.Kept | None,
    before: int | None,
    prompts: tuple[str, ...],
    *,
    completed: bool,
    stops: Stops,
    answers: dict[str, Any],
) -> str:
    """Ask the after-questions and store them with the session (and in `answers`); what went
    wrong, if anything. Cut short (q, Ctrl-C, a signal), what was answered until then is
    stored all the same."""
    cut_short = False
    stops.take()
    try:
        checkin.reflect(_ask, _say, prompts, completed=completed, into=answers)
    except (checkin.Cancelled, KeyboardInterrupt):
        cut_short = True
        with contextlib.suppress(OSError):
            print()
    stops.hold()  # a second Ctrl-C must not cut the save short
    entry = checkin.journal(before, answers)
    if entry is None:
        return ""
    problem = "the session itself was not saved" if kept is None else ""
    if kept is not None:
        try:
            kept = history.save_journal(kept, entry, paths.database_path())
            if kept.pending is None:
                print(
                    "Saved what you answered in your journal."
                    if cut_short
                    else "Saved in your journal."
                )
            else:
                print(_pending_notice(kept, "your journal entry"), file=sys.stderr)
        except FaceliftError as error:
            problem = str(error)
    if problem:
        print(
            terminal_safe(
                f"Error: your journal entry was not saved ({problem}); here it is to keep:"
            ),
            file=sys.stderr,
        )
        print(terminal_safe(checkin.as_text(entry)))
    return problem


def _ask(question: str) -> str:
    try:
        answer = input(terminal_safe(question))
    except EOFError:
        raise checkin.Cancelled from None
    if answer.strip().lower() in ("q", "quit"):
        raise checkin.Cancelled
    return answer


def _say(text: str) -> None:
    print(terminal_safe(text))


def _screen(stack: ExitStack, *, plain: bool) -> Sink:
    if plain:
        from facelift.output.plain import PlainLines

        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        return PlainLines(sys.stdout, width=width)  # a terminal: wrapped at word boundaries
    from rich.console import Console

    from facelift.output.screen import LiveScreen

    return stack.enter_context(LiveScreen(Console()))


def _keys(stack: ExitStack, clock: SessionClock, screen: Sink) -> KeySource:
    """Keys from the terminal, in cbreak mode; Ctrl-Z suspends cleanly and comes back paused."""
    from facelift.shell import terminal

    fd = sys.stdin.fileno()
    original = stack.enter_context(terminal.keys_mode(fd))
    keys = TerminalKeys(fd)
    stack.callback(keys.close)

    def back() -> None:
        clock.release()
        keys.inject(Key.PAUSE)  # the person finds the session paused, where they left it

    leave = getattr(screen, "suspend", lambda: None)
    enter = getattr(screen, "resume", lambda: None)
    suspending = terminal.suspend_cleanly(
        fd, original=original, hold=clock.hold, release=back, leave=leave, enter=enter
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

    def tell(message: str) -> None:
        print(terminal_safe(f"warning: {message}"), file=sys.stderr, flush=True)

    ready = preparing.prepare(
        timeline,
        chain=chain,
        volume=options.volume,
        voice=options.voice,
        muted=options.mute,
        lead_in=options.lead_in,
        tell=tell,
        warn=warnings.warn,
    )
    return ready.sink, ready.intro


class Warnings:
    """Warnings from the audio thread: said at once in plain mode; on the live screen, shown
    at once and said again after it closes."""

    def __init__(self, *, now: bool) -> None:
        self.now = now
        self.held: list[str] = []
        self.show: Callable[[str], None] | None = None  # the live screen's, while it is up

    def warn(self, message: str) -> None:
        if self.now:
            print(terminal_safe(f"warning: {message}"), file=sys.stderr, flush=True)
            return
        self.held.append(message)  # said again after the screen closes, to keep
        if self.show is not None:
            self.show(message)

    def flush(self) -> None:
        for message in self.held:
            print(terminal_safe(f"warning: {message}"), file=sys.stderr)
        self.held.clear()


def dumb_terminal() -> bool:
    """TERM=dumb (or unknown) draws no live screen and obeys no control sequence."""
    return os.environ.get("TERM", "") in ("dumb", "unknown")


def _check_history() -> None:
    """Refuse a history that cannot be written; add the sessions kept pending earlier."""
    merged, warnings = history.prepare(paths.database_path())
    for warning in warnings:
        print(terminal_safe(f"warning: {warning}"), file=sys.stderr)
    if merged:
        kept = "1 session" if merged == 1 else f"{merged} sessions"
        print(f"Added {kept} kept from an earlier run to your history.")


def _save(record: SessionRecord | None) -> tuple[history.Kept | None, str]:
    """Store the record (in the database, or else a pending file): where it went, and the
    reason it could be stored nowhere (or "")."""
    if record is None:
        return None, ""
    try:
        return history.save(record, paths.database_path()), ""
    except FaceliftError as error:
        return None, str(error)


def _tell_where(record: SessionRecord | None, kept: history.Kept | None) -> None:
    """Say where a session went when it is not in the database: a pending file, or (when
    nothing could be written) here, as a pending file's text to keep."""
    if kept is not None and kept.pending is not None:
        print(_pending_notice(kept, "the session"), file=sys.stderr)
    elif kept is None and record is not None:
        folder = pending.folder_for(paths.database_path())
        print(
            terminal_safe(
                f"Here it is to keep; as a .json file in {folder}, the next session adds it:"
            )
        )
        print(json_safe(pending.as_text(record)))


def _pending_notice(kept: history.Kept, what: str) -> str:
    return terminal_safe(
        f"Note: {what} is kept in {kept.pending} for now ({kept.reason}); "
        "the next session adds it to your history."
    )


def _conclude(
    record: SessionRecord | None, outcome: Outcome, *, plain: bool, not_saved: str
) -> None:
    """Say how it went (the plain log has said most of it already) and where to go on."""
    if record is None:
        print("Stopped before the first step; nothing was recorded.")
        return
    title = one_line(record.title)
    if not plain:  # the plain lines have said it
        print(ending.outcome_line(record))
    elif ending.skipped_steps(record)[0]:
        print(ending.outcome_line(record))  # the plain lines did not count the skips
    if outcome is Outcome.STOPPED:
        last = next((s for s in reversed(record.steps) if s.step_number), None)
        if last is not None:
            print(f"To go on later: facelift resume (step {last.step_number} of {title})")
    if not_saved:
        print(terminal_safe(f"Error: the session was not saved: {not_saved}"), file=sys.stderr)


def _farewell(record: SessionRecord, before: int | None, after: object) -> None:
    """The last words: the tension before and after, the streak, a kind word."""
    streak: int | None = None
    with contextlib.suppress(FaceliftError):  # no streak to tell is no reason to fail
        from datetime import date

        from facelift.practice.progress import practice_days, streaks
        from facelift.practice.store import Store

        # read-write, as the session saved: a read-only close would leave the WAL behind
        with Store.open(paths.database_path(), timeout=1.0) as store:
            records = store.sessions(steps=False)
        streak = streaks(practice_days(records), date.today())[0]
    rated = after if isinstance(after, int) else None
    print("\n".join(ending.closing_lines(record, before, rated, streak)))
