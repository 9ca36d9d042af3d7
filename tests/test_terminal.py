"""A real terminal (a pty): keys, Ctrl-C, SIGTERM, the exit status, and the terminal restored."""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest

from facelift.keys import decode
from facelift.player import Key

from .conftest import WriteRoutine

ROUTINE = """
title: Pty test
steps:
  - title: First
    do: Rest your hands.
    duration: 30s
  - title: Second
    duration: 30s
"""


@dataclass
class Terminal:
    child: pexpect.spawn[str]
    stty_before: str


def group(child: pexpect.spawn[str], pattern: str) -> str:
    """Wait for `pattern` and return its first group."""
    child.expect(pattern)
    match = child.match
    assert isinstance(match, re.Match)
    return str(match.group(1))


@pytest.fixture
def session(write_routine: WriteRoutine, home: Path) -> Terminal:
    """facelift start in an 80x24 pty, between two `stty -g` readings of the same terminal."""
    path = write_routine(ROUTINE, name="pty.yaml")
    command = (
        f"stty -g; {sys.executable} -m facelift start {path} --yes --lead-in 1 --audio none "
        f'2>>{home}/err.txt; echo "rc=$?"; stty -g'
    )
    env = {**os.environ, "FACELIFT_HOME": str(home), "TERM": "xterm-256color"}
    child = pexpect.spawn("bash", ["--norc", "-c", command], env=env, dimensions=(24, 80),
                          encoding="utf-8", timeout=15)  # fmt: skip
    before = group(child, r"(\d+:[0-9a-f:]+)\r\n")
    child.expect("step 1 of 2")
    return Terminal(child, before)


def finish(terminal: Terminal) -> tuple[int, str]:
    """The exit status facelift gave, and whether the terminal modes came back unchanged."""
    status = int(group(terminal.child, r"rc=(\d+)\r\n"))
    after = group(terminal.child, r"(\d+:[0-9a-f:]+)\r\n")
    terminal.child.expect(pexpect.EOF)
    return status, "same" if after == terminal.stty_before else f"{terminal.stty_before} -> {after}"


def test_q_stops_with_130_and_restores_the_terminal(session: Terminal) -> None:
    session.child.send("q")
    assert finish(session) == (130, "same")


def test_keys_drive_the_live_screen(session: Terminal) -> None:
    """space pauses (the screen says so), n moves on, ? shows help, Esc stops."""
    child = session.child
    child.send(" ")
    child.expect("PAUSED")
    child.send(" ")
    child.send("n")
    child.expect("step 2 of 2")
    child.send("?")
    child.expect("Stop the session")
    child.send("\x1b")
    assert finish(session) == (130, "same")


def test_ctrl_c_stops_the_same_way(session: Terminal) -> None:
    session.child.sendintr()
    assert finish(session) == (130, "same")


def test_sigterm_stops_the_same_way(session: Terminal) -> None:
    assert session.child.pid is not None
    facelift_pid = _facelift_pid(session.child.pid)
    os.kill(facelift_pid, signal.SIGTERM)
    assert finish(session) == (130, "same")


def test_the_stopped_session_is_recorded(session: Terminal, home: Path) -> None:
    session.child.send("q")
    finish(session)
    from facelift.store import Store

    with Store.open(home / "facelift.db") as store:
        (record,) = store.sessions()
    assert (record.routine, record.status) == ("pty", "stopped")


def _facelift_pid(shell_pid: int) -> int:
    """The python child of the wrapping shell."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(re.sub(r"^.*\) \S+ ", "", stat).split()[0])
            if parent == shell_pid:
                return int(entry.name)
    raise AssertionError("facelift is not running")


@pytest.mark.parametrize(
    ("data", "keys"),
    [
        (b" ", [Key.PAUSE]),
        (b"\x1b[C\x1b[D", [Key.NEXT, Key.BACK]),
        (b"\x1bOC", [Key.NEXT]),
        (b"+-=_", [Key.MORE, Key.LESS, Key.MORE, Key.LESS]),
        (b"Nq", [Key.NEXT, Key.QUIT]),
        (b"\x1b", [Key.QUIT]),
        (b"\x1b[A\x1b[1;5Cx", []),
        (b"m?", [Key.MUTE, Key.HELP]),
    ],
)
def test_terminal_bytes_decode_to_keys(data: bytes, keys: list[Key]) -> None:
    """Arrows and their application-mode forms, Esc alone, unknown sequences ignored."""
    assert decode(data) == keys


def test_a_closed_terminal_still_saves_the_session(session: Terminal, home: Path) -> None:
    """Closing the window (SIGHUP, then a dead terminal) stops the session and keeps it."""
    from facelift.store import Store

    session.child.close(force=False)
    records = []
    for _ in range(200):  # facelift saves as it stops; allow it up to 10 s on a busy machine
        if (home / "facelift.db").exists():
            with Store.open(home / "facelift.db") as store:
                records = store.sessions()
            if records:
                break
        time.sleep(0.05)
    errors = (home / "err.txt").read_text() if (home / "err.txt").exists() else ""
    assert [(r.routine, r.status) for r in records] == [("pty", "stopped")], errors
