"""The terminal around a session: keys without Enter or echo, and signals that stop cleanly.

Whatever happens (the end, q, Ctrl-C, SIGTERM, SIGHUP, an exception) the terminal's modes
and the signal handlers are put back exactly as they were found.
"""

from __future__ import annotations

import contextlib
import os
import signal
import termios
import tty
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any


class Interrupted(KeyboardInterrupt):
    """A stop by signal: the player treats it like Ctrl-C."""


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
ENDING = ("SIGTERM", "SIGHUP")  # the process is asked to end, or its terminal is gone


@contextlib.contextmanager
def keys_mode(fd: int) -> Iterator[list[Any]]:
    """Cbreak mode on `fd` (keys arrive one by one, unechoed; Ctrl-C still interrupts);
    yields the terminal's own attributes, as they are put back at the end."""
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        yield saved
    finally:
        with contextlib.suppress(termios.error, OSError):  # unless the terminal is gone
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class Stops:
    """Ctrl-C, SIGTERM and SIGHUP, as a session takes them: the first raises Interrupted in
    the main thread; any after it are held (noted, nothing raised) until `take()` is called
    again, so that a burst of them, or a window closing (SIGHUP comes twice), never cuts the
    cleanup or the save short."""

    def __init__(self) -> None:
        self.taking = True
        self.interrupted = False  # a signal raised Interrupted at least once
        self.ending = False  # SIGTERM or SIGHUP came: nobody is there to be asked anything

    def take(self) -> None:
        self.taking = True

    def hold(self) -> None:
        self.taking = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        self.ending = self.ending or name in ENDING
        if self.taking:
            self.taking = False
            self.interrupted = True
            raise Interrupted(name)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[Stops]:
    """Take the stop signals for the time of a session; their handlers are put back after,
    unless a signal stopped it: then the command ends with it, and the rest of a burst is
    held to the end, not handed to a handler that would raise while the command unwinds.
    A signal ignored when facelift started (under nohup, say) stays ignored."""
    stops = Stops()
    previous: dict[signal.Signals, Any] = {}
    for sig in STOP_SIGNALS:
        if signal.getsignal(sig) is not signal.SIG_IGN:
            previous[sig] = signal.signal(sig, stops)
    try:
        yield stops
    finally:
        stops.hold()
        if not (stops.interrupted or stops.ending):
            for sig, handler in previous.items():
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


@contextlib.contextmanager
def suspend_cleanly(
    fd: int,
    *,
    original: list[Any],
    hold: Callable[[], None],
    release: Callable[[], None],
    leave: Callable[[], None],
    enter: Callable[[], None],
) -> Iterator[None]:
    """Ctrl-Z gives the shell a sane terminal and stops the session's time; `fg` takes the
    terminal back, and the session goes on from where it was (`release` may pause it)."""
    playing = termios.tcgetattr(fd)

    def suspend(signum: int, frame: FrameType | None) -> None:
        hold()
        with contextlib.suppress(Exception):
            leave()
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(fd, termios.TCSADRAIN, original)
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)  # stops here until the shell continues us
        signal.signal(signal.SIGTSTP, suspend)
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(fd, termios.TCSADRAIN, playing)
        with contextlib.suppress(Exception):
            enter()
        release()

    previous = signal.signal(signal.SIGTSTP, suspend)
    try:
        yield
    finally:
        signal.signal(signal.SIGTSTP, previous)
