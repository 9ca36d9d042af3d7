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

from facelift.play.player import Key
from facelift.shell.keys import decode

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
        f'--no-journal 2>>{home}/err.txt; echo "rc=$?"; stty -g'
    )
    env = {**os.environ, "FACELIFT_HOME": str(home), "TERM": "xterm-256color"}
    child = pexpect.spawn(
        "bash",
        ["--norc", "-c", command],
        env=env,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=15,
    )
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
    child.expect("Second")  # the new step's title (only what changes is sent: not "step 2 of 2")
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
    from facelift.practice.store import Store

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
        (b"\x1b[A\x1b[1;5C", []),
        (b"x\r", [Key.OTHER, Key.OTHER]),
        (b"m?", [Key.MUTE, Key.HELP]),
    ],
)
def test_terminal_bytes_decode_to_keys(data: bytes, keys: list[Key]) -> None:
    """Arrows and their application-mode forms, Esc alone, unknown sequences ignored; any
    other key (a letter, Enter) is OTHER, which ends a step that waits for a key."""
    assert decode(data) == keys


def test_a_closed_terminal_still_saves_the_session(session: Terminal, home: Path) -> None:
    """Closing the window (SIGHUP, then a dead terminal) stops the session and keeps it."""
    from facelift.practice.store import Store

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


def test_the_check_in_and_the_reflection_are_kept_with_the_session(
    write_routine: WriteRoutine, home: Path
) -> None:
    """Tension before, a routine of two seconds, tension after, the reflect prompt, a note."""
    path = write_routine(
        "title: Tiny\nreflect: [Where did you notice tension letting go?]\n"
        "steps: [{title: Touch, duration: 2}]\n",
        name="tiny.yaml",
    )
    env = {**os.environ, "FACELIFT_HOME": str(home), "TERM": "xterm-256color"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "facelift", "start", str(path), "--lead-in", "0", "--audio", "none"],
        env=env,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )
    child.expect("How much tension do you feel in your face, 0-10")
    child.sendline("7")
    child.expect("And now, how much tension do you feel")
    child.sendline("eleven")
    child.expect("A whole number from 0")
    child.sendline("3")
    child.expect("Where did you notice tension letting go")
    child.sendline("Around the jaw.")
    child.expect("an empty line ends")
    child.sendline("Slept badly;")
    child.sendline("the left side was tighter.")
    child.sendline("")
    child.expect("Saved in your journal.")
    child.expect(pexpect.EOF)
    from facelift.practice.store import Store

    with Store.open(home / "facelift.db") as store:
        (record,) = store.sessions()
    assert record.journal is not None
    assert {k: v for k, v in record.journal.to_stored().items() if k != "written"} == {
        "tension_before": 7,
        "tension_after": 3,
        "answers": {"Where did you notice tension letting go?": "Around the jaw."},
        "note": "Slept badly;\nthe left side was tighter.",
    }


def test_q_at_the_check_in_starts_nothing(write_routine: WriteRoutine, home: Path) -> None:
    path = write_routine("title: Tiny\nsteps: [{title: Touch, duration: 2}]\n", name="t.yaml")
    env = {**os.environ, "FACELIFT_HOME": str(home)}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "facelift", "start", str(path)],
        env=env,
        encoding="utf-8",
        timeout=20,
    )
    child.expect("0-10")
    child.sendline("q")
    child.expect("Not started.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    from facelift.practice.store import Store

    with Store.open(home / "facelift.db") as store:
        assert store.sessions() == []


def test_ctrl_z_gives_the_shell_a_sane_terminal_and_fg_comes_back_paused(
    write_routine: WriteRoutine, home: Path
) -> None:
    """Suspended, the session's time stands still; after fg it waits, paused, for space."""
    path = write_routine(ROUTINE, name="pty.yaml")
    env = {**os.environ, "FACELIFT_HOME": str(home), "TERM": "xterm-256color", "PS1": "$ "}
    shell = pexpect.spawn(
        "bash", ["--norc", "-i"], env=env, dimensions=(24, 80), encoding="utf-8", timeout=15
    )
    shell.sendline(
        f"{sys.executable} -m facelift start {path} --yes --no-journal --lead-in 0 --audio none"
    )
    shell.expect("step 1 of 2")
    shell.sendcontrol("z")
    shell.expect("Stopped")
    shell.sendline("stty -a | grep -o -- ' icanon '")  # the shell has its line editing back
    shell.expect(" icanon ")
    time.sleep(1.5)  # suspended time does not count
    shell.sendline("fg")
    shell.expect("PAUSED")
    shell.send("q")
    shell.sendline('echo "rc=$?"')
    status = group(shell, r"rc=(\d+)")
    shell.sendline("exit")
    shell.expect(pexpect.EOF)
    from facelift.practice.store import Store

    with Store.open(home / "facelift.db") as store:
        (record,) = store.sessions()
    assert status == "130"
    assert record.active_seconds < 1.5
