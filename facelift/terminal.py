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


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


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


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Interrupted in the main thread, once, so cleanup code runs."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        # A closed window sends SIGHUP twice (the hangup, then the shell's exit): after the
        # first, the rest are ignored until the record is saved and the context is left.
        ignore_stop_signals()
        raise Interrupted(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, interrupt) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def ignore_stop_signals() -> None:
    """While a session is being closed and saved, SIGTERM and SIGHUP wait (stop_on_signals
    puts the previous handlers back when it is left)."""
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)


@contextlib.contextmanager
def suspend_cleanly(
    fd: int, *, original: list[Any], hold: Callable[[], None], release: Callable[[], None],
    leave: Callable[[], None], enter: Callable[[], None],
) -> Iterator[None]:  # fmt: skip
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
