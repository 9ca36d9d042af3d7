"""The terminal around a session: keys without Enter or echo, and signals that stop cleanly.

Whatever happens (the end, q, Ctrl-C, SIGTERM, SIGHUP, an exception) the terminal's modes
and the signal handlers are put back exactly as they were found.
"""

from __future__ import annotations

import contextlib
import signal
import termios
import tty
from collections.abc import Iterator
from types import FrameType


class Interrupted(KeyboardInterrupt):
    """A stop by signal: the player treats it like Ctrl-C."""


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def keys_mode(fd: int | None) -> Iterator[None]:
    """Cbreak mode on `fd` (keys arrive one by one, unechoed; Ctrl-C still interrupts)."""
    if fd is None:
        yield
        return
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Interrupted in the main thread, so cleanup code runs."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, interrupt) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
