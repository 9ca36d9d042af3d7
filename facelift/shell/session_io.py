"""What a session reaches for outside itself, in one place: the clock and the keys, the
questions and the streams, what the terminal is, and where the history is kept.

`SessionIO.real()` is the person at their terminal. A test gives the sessions that the
commands it runs play their own (`with given(io):`, which `for_session()` finds), on a fake
clock whose waits take no time, so that a session plays in milliseconds. (A context
variable rather than the Click context's `obj`: Typer keeps its Click to itself.)
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol, TextIO

from facelift.base import paths
from facelift.base.safetext import terminal_safe
from facelift.play.clock import SessionClock
from facelift.play.player import KeySource, Sink
from facelift.shell import checkin
from facelift.shell.keys import NoKeys


class Suspendable(Protocol):
    """What Ctrl-Z and `fg` ask of the screen."""

    def suspend(self) -> None:
        """Give the terminal back as it was found."""
        ...

    def resume(self) -> None:
        """Take the terminal again and draw everything anew."""
        ...


class Screen(Sink, Suspendable, Protocol):
    """The sink that shows the session: the live screen, or plain lines."""

    def notice(self, message: str) -> None:
        """Show a line of trouble at once, while the session goes on."""
        ...


KeysFor = Callable[[SessionClock], KeySource]


@dataclass(frozen=True)
class SessionIO:
    """The session's world. `keys` makes the key source for a session on `clock` when stdin
    is not a terminal (a terminal's keys are read from it); `now` is the wall clock, which
    dates the session; `ask` is input(); a stream left None is the process's own
    (sys.stdout, sys.stderr) at the moment it is written to."""

    clock: SessionClock
    keys: KeysFor
    now: Callable[[], datetime]
    ask: Callable[[str], str]
    stdin_is_terminal: bool
    stdout_is_terminal: bool
    database: Path
    stdout: TextIO | None = None
    stderr: TextIO | None = None

    @classmethod
    def real(cls) -> SessionIO:
        """The terminal facelift runs in, the monotonic clock and real waits."""
        return cls(
            clock=SessionClock(),
            keys=lambda clock: NoKeys(),
            now=datetime.now,
            ask=input,
            stdin_is_terminal=sys.stdin.isatty(),
            stdout_is_terminal=sys.stdout.isatty(),
            database=paths.database_path(),
        )

    @property
    def out(self) -> TextIO:
        return self.stdout or sys.stdout

    @property
    def err(self) -> TextIO:
        return self.stderr or sys.stderr


_GIVEN: ContextVar[SessionIO | None] = ContextVar("facelift_session_io", default=None)


@contextlib.contextmanager
def given(io: SessionIO) -> Iterator[None]:
    """Play the sessions started inside this block in `io`."""
    token = _GIVEN.set(io)
    try:
        yield
    finally:
        _GIVEN.reset(token)


def for_session() -> SessionIO:
    """The SessionIO given to this block of code, else the real one."""
    return _GIVEN.get() or SessionIO.real()


def asking(io: SessionIO) -> tuple[checkin.Ask, checkin.Say]:
    """The check-in's questions and words at this session's terminal; q (or the input
    closed) is Cancelled."""

    def ask(question: str) -> str:
        try:
            answer = io.ask(terminal_safe(question))
        except EOFError:
            raise checkin.Cancelled from None
        if answer.strip().lower() in ("q", "quit"):
            raise checkin.Cancelled
        return answer

    def say(text: str) -> None:
        print(terminal_safe(text), file=io.out)

    return ask, say


def teller(io: SessionIO) -> Callable[[str], None]:
    """A warning, one line on stderr."""

    def tell(message: str) -> None:
        print(terminal_safe(f"warning: {message}"), file=io.err, flush=True)

    return tell
