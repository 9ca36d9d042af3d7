"""`facelift start`: before, during and after a session, around the pure player.

This is the imperative shell: it decides what the terminal can do, asks for consent, puts
the terminal in the right mode, plays, saves the record and says how it went.
"""

from __future__ import annotations

import contextlib
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime

from facelift import paths
from facelift.clock import MonotonicClock
from facelift.durations import format_length
from facelift.errors import FaceliftError
from facelift.keys import NoKeys, TerminalKeys
from facelift.player import KeySource, Outcome, Player, Sink
from facelift.record import SessionRecord
from facelift.recorder import Recorder
from facelift.routine import Routine
from facelift.sound import AudioSink
from facelift.timeline import Timeline

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


def run(timeline: Timeline, options: Options) -> int:
    """Play a compiled timeline as the terminal allows; the exit status."""
    routine = timeline.routine
    stdin_is_terminal = sys.stdin.isatty()
    plain = options.plain or not sys.stdout.isatty()
    warnings = Warnings(now=plain)
    sound = _sound(options, routine, warnings)  # a choice that cannot work fails here, first
    _introduce(routine, timeline, plain=plain)
    if not options.confirmed and not _ready(routine, interactive=stdin_is_terminal):
        print("Not started.")
        return EXIT_STOPPED
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    recorder = Recorder(timeline, started=started)
    outcome = Outcome.STOPPED
    from facelift import terminal

    with terminal.stop_on_signals():
        try:
            with ExitStack() as stack:
                stack.enter_context(sound)
                screen = _screen(stack, plain=plain)
                keys: KeySource = _keys(stack) if stdin_is_terminal else NoKeys()
                sinks: list[Sink] = [screen, sound, recorder]
                player = Player(timeline, clock=MonotonicClock(), keys=keys, sinks=sinks,
                                lead_in=options.lead_in, muted=options.mute)  # fmt: skip
                outcome = player.play()
                terminal.ignore_stop_signals()  # from here on, nothing may cut the save short
        except (OSError, KeyboardInterrupt):  # the terminal went away as it was put back
            pass
        finally:  # the record is saved even when the terminal went away
            not_saved = _save(recorder.record)
    with contextlib.suppress(OSError):  # a closed terminal cannot be told
        warnings.flush()
        _conclude(recorder.record, outcome, plain=plain, not_saved=not_saved)
    if not_saved:
        return 1
    return 0 if outcome is Outcome.COMPLETED else EXIT_STOPPED


def _introduce(routine: Routine, timeline: Timeline, *, plain: bool) -> None:
    length = format_length(timeline.total)
    lines = [f"{routine.title} · {length}", *(["", routine.summary] if routine.summary else [])]
    for heading, entries in (("Prepare", routine.prepare), ("Safety", routine.safety)):
        if entries:
            lines += ["", f"{heading}:", *(f"  - {entry}" for entry in entries)]
    if plain:
        print("\n".join(lines), flush=True)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    console.print(Text(f"{routine.title}", style="bold cyan"), Text(f"· {length}", style="dim"))
    for line in lines[1:]:
        style = "bold" if line.endswith(":") else ""
        console.print(Text(line, style=style))


def _ready(routine: Routine, *, interactive: bool) -> bool:
    """Give time to read the notes: Enter to begin, or an explicit yes where the routine asks."""
    if not interactive:
        if routine.confirm:
            raise FaceliftError(
                f"{routine.name} asks you to confirm before it starts; run it in a terminal, "
                "or add --yes once you have read its safety notes"
            )
        return True
    question = (
        "Have you read the safety notes, and are you ready? [y/N] "
        if routine.confirm
        else "Press Enter to begin (q to cancel) "
    )
    try:
        answer = input(f"\n{question}").strip().lower()
    except (EOFError, KeyboardInterrupt):
        print()
        return False
    return answer in ("y", "yes") if routine.confirm else not answer.startswith("q")


def _screen(stack: ExitStack, *, plain: bool) -> Sink:
    if plain:
        from facelift.plain import PlainLines

        return PlainLines(sys.stdout)
    from rich.console import Console

    from facelift.screen import LiveScreen

    return stack.enter_context(LiveScreen(Console()))


def _keys(stack: ExitStack) -> KeySource:
    from facelift import terminal

    fd = sys.stdin.fileno()
    stack.enter_context(terminal.keys_mode(fd))
    return TerminalKeys(fd)


def _sound(options: Options, routine: Routine, warnings: Warnings) -> AudioSink:
    from facelift import audio
    from facelift.sound import AudioSink, load_cues

    chain = audio.choose(options.audio)
    cues = load_cues(dict(routine.sounds), volume=options.volume)
    voice = None
    if options.voice:
        from facelift.voice import find_engine

        voice = find_engine()
        if voice is None:
            warnings.warn("--voice: no speech engine found (install espeak-ng); going on without")
    return AudioSink(chain, cues, voice=voice, volume=options.volume, warn=warnings.warn)


class Warnings:
    """Warnings from the audio thread: said at once in plain mode, after the live screen."""

    def __init__(self, *, now: bool) -> None:
        self.now = now
        self.held: list[str] = []

    def warn(self, message: str) -> None:
        if self.now:
            print(f"warning: {message}", file=sys.stderr, flush=True)
        else:
            self.held.append(message)

    def flush(self) -> None:
        for message in self.held:
            print(f"warning: {message}", file=sys.stderr)
        self.held.clear()


def _save(record: SessionRecord | None) -> str:
    """Store the record; the reason it could not be, or an empty string."""
    if record is None:
        return ""
    from facelift.store import Store

    try:
        with Store.open(paths.database_path()) as store:
            store.save_session(record)
    except FaceliftError as error:
        return str(error)
    return ""


def _conclude(
    record: SessionRecord | None, outcome: Outcome, *, plain: bool, not_saved: str
) -> None:
    """Say how it went (the plain log has said most of it already) and where to go on."""
    if record is None:
        print("Stopped before the first step; nothing was recorded.")
        return
    played = format_length(record.active_seconds)
    if outcome is Outcome.COMPLETED and not plain:
        print(f"Completed {record.title}: {played} played.")
    elif outcome is Outcome.STOPPED:
        last = next((s for s in reversed(record.steps) if s.step_number), None)
        if not plain:
            print(f"Stopped {record.title} after {played}.")
        if last is not None:
            print(f"To go on later: facelift start {record.routine} --from-step {last.step_number}")
    if not_saved:
        print(f"Error: the session was not saved: {not_saved}", file=sys.stderr)
