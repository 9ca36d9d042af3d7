"""How a command ends, as a Unix tool's does, whatever happens around it.

Every command runs inside `guarded()`, so none of them needs to think about it:
- a closed stdin or stderr (`<&-`, `2>&-`) reads or writes /dev/null, as with `</dev/null`;
  a closed stdout (`>&-`) is an error said on stderr, status 1;
- a reader that stops early (`facelift list --json | head -1`) ends the command quietly
  with status 1, as Python's documentation on SIGPIPE recommends;
- Ctrl-C ends it with status 130, and more Ctrl-C wait until it has ended;
- an error a user can cause is one line and status 1, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections.abc import Iterator
from types import FrameType
from typing import TextIO

from facelift.base.errors import FaceliftError, RoutineError
from facelift.base.safetext import terminal_safe

EXIT_INTERRUPTED = 130


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """Run a command with all three standard streams open, and end it as a Unix tool would."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when ignored
        signal.signal(signal.SIGINT, _interrupt_once)
    closed = _fill_closed()
    if 1 in closed:
        print("Error: standard output is closed; nothing could be shown", file=sys.stderr)
        raise SystemExit(1)
    try:
        try:
            yield
        finally:
            # The command is over (a session saved): the rest of a burst of Ctrl-C must not
            # turn its end into a traceback or change its status.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            sys.stdout.flush()  # here, not at exit, so that a reader gone away is seen
    except FaceliftError as error:  # from the paths that answer before Typer's error handling
        lines = error.problems if isinstance(error, RoutineError) else [f"Error: {error}"]
        print(*(terminal_safe(str(line)) for line in lines), sep="\n", file=sys.stderr)
        raise SystemExit(1) from None
    except BrokenPipeError:
        _silence()
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        raise SystemExit(EXIT_INTERRUPTED) from None


def _interrupt_once(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C ends the command; more of them while it ends (a burst, a held key) wait, so
    that its cleanup and its last words are never cut short by a second KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _fill_closed() -> set[int]:
    """Put /dev/null on each closed standard descriptor, before any file opened later takes
    its number (a database on descriptor 1 would receive what is printed); which were closed."""
    closed = set()
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            closed.add(fd)
            null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            stream = io.TextIOWrapper(
                io.FileIO(fd, "r" if fd == 0 else "w", closefd=False),
                encoding="utf-8",
                errors="replace",
                line_buffering=fd != 0,
            )
            setattr(sys, name, stream)
    return closed


def _silence() -> None:
    """Point stdout and stderr at /dev/null, so the interpreter's last flush is quiet too."""
    null = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(null, stream.fileno())
    os.close(null)


def forgiving_streams(*streams: TextIO | None) -> None:
    """A character the output's encoding cannot write (a Latin-1 locale, a bullet) becomes
    `?` instead of a UnicodeEncodeError; a stream that is not there is left alone."""
    for stream in streams or (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
