"""Real signals in a real terminal (a pty), at each phase of a session: the check-in, the
question a routine asks, the lead-in, playing, the reflection. Whatever arrives, and however
often, the status is 130 (a stop), what was answered is kept, and the session is never lost;
only a "no" to a routine's question is a decision (status 1)."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pexpect
import pytest

from facelift.play.record import SessionRecord
from facelift.practice.store import Store

from .conftest import WriteRoutine

TWO_SECONDS = """
title: Tiny
reflect: [Where did it ease?]
steps: [{title: Touch, duration: 2}]
"""
A_MINUTE = """
title: Long
steps: [{title: Touch, duration: 30}, {title: Stroke, duration: 30}]
"""
ASKS_FIRST = """
title: Inside
confirm: true
steps: [{title: Touch, duration: 2}]
"""

SIGNALS = [signal.SIGTERM, signal.SIGHUP, signal.SIGINT]
NAMES = [s.name for s in SIGNALS]


def start(home: Path, routine: Path, *options: str) -> pexpect.spawn[str]:
    """`facelift start` in an 80x24 pty; the child is facelift itself, to send signals to."""
    env = {**os.environ, "FACELIFT_HOME": str(home), "TERM": "xterm-256color"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "facelift", "start", str(routine), "--audio", "none", *options],
        env=env,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )


def send(child: pexpect.spawn[str], sig: signal.Signals) -> None:
    time.sleep(0.2)  # let it settle into the phase (Python prints a prompt before it listens)
    assert child.pid is not None
    os.kill(child.pid, sig)


def ended(child: pexpect.spawn[str]) -> tuple[int | None, str]:
    """The exit status and everything shown from the last expect on."""
    child.expect(pexpect.EOF)
    shown = str(child.before)
    child.close()
    return child.exitstatus, shown


def sessions(home: Path) -> list[SessionRecord]:
    if not (home / "facelift.db").exists():
        return []
    with Store.open(home / "facelift.db") as store:
        return store.sessions()


def journal(record: SessionRecord) -> dict[str, object]:
    assert record.journal is not None
    return {key: value for key, value in record.journal.to_stored().items() if key != "written"}


@pytest.mark.parametrize("sig", SIGNALS, ids=NAMES)
def test_a_stop_at_the_check_in_starts_nothing(
    write_routine: WriteRoutine, home: Path, sig: signal.Signals
) -> None:
    """SIGTERM here once ended with 143 and no word."""
    child = start(home, write_routine(TWO_SECONDS, name="tiny.yaml"))
    child.expect("How much tension do you feel in your face")
    send(child, sig)
    child.expect("Not started.")
    assert ended(child)[0] == 130
    assert sessions(home) == []


@pytest.mark.parametrize(
    ("answer", "status"), [("n", 1), ("", 1), ("q", 1), ("^C", 130), ("SIGTERM", 130)]
)
def test_no_at_a_routine_s_question_is_a_decision(
    write_routine: WriteRoutine, home: Path, answer: str, status: int
) -> None:
    """Anything but yes is a no: status 1, like any refusal; a stop (Ctrl-C, a signal) is 130."""
    child = start(home, write_routine(ASKS_FIRST, name="inside.yaml"))
    child.expect(r"are you ready\? \[y/N\] ")
    if answer == "^C":
        time.sleep(0.2)  # Python prints the prompt before it listens for a signal
        child.sendintr()
    elif answer == "SIGTERM":
        send(child, signal.SIGTERM)
    else:
        child.sendline(answer)
    child.expect("Not started.")
    assert ended(child)[0] == status
    assert sessions(home) == []


@pytest.mark.parametrize("sig", SIGNALS, ids=NAMES)
def test_a_stop_in_the_lead_in_records_nothing_and_asks_nothing(
    write_routine: WriteRoutine, home: Path, sig: signal.Signals
) -> None:
    child = start(home, write_routine(A_MINUTE, name="long.yaml"), "--lead-in", "30")
    child.expect("How much tension do you feel in your face")
    child.sendline("4")
    child.expect("get ready")
    send(child, sig)
    child.expect("Stopped before the first step; nothing was recorded.")
    status, shown = ended(child)
    assert (status, "And now" in shown) == (130, False)
    assert sessions(home) == []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_or_sighup_while_playing_saves_and_asks_nothing(
    write_routine: WriteRoutine, home: Path, sig: signal.Signals
) -> None:
    """Asked to end, or with its window gone, there is nobody to ask: save, and end."""
    child = start(home, write_routine(A_MINUTE, name="long.yaml"), "--lead-in", "0")
    child.expect("How much tension do you feel in your face")
    child.sendline("4")
    child.expect("step 1 of 2")
    send(child, sig)
    child.expect("To go on later: facelift resume")
    status, shown = ended(child)
    assert (status, "And now" in shown) == (130, False)
    (record,) = sessions(home)
    assert record.status == "stopped"
    assert journal(record) == {
        "tension_before": 4,
        "tension_after": None,
        "note": None,
        "answers": {},
    }


def test_ctrl_c_while_playing_stops_and_still_asks(write_routine: WriteRoutine, home: Path) -> None:
    """The person pressed it, so the person is there to answer."""
    child = start(home, write_routine(A_MINUTE, name="long.yaml"), "--lead-in", "0")
    child.expect("How much tension do you feel in your face")
    child.sendline("4")
    child.expect("step 1 of 2")
    child.sendintr()
    child.expect("And now, how much tension do you feel")
    child.sendline("2")
    child.expect("an empty line ends")
    child.sendline("")
    child.expect("Saved in your journal.")
    assert ended(child)[0] == 130
    (record,) = sessions(home)
    assert (record.status, journal(record)["tension_after"]) == ("stopped", 2)


@pytest.mark.parametrize("sig", SIGNALS, ids=NAMES)
def test_a_stop_at_the_reflection_keeps_what_was_answered(
    write_routine: WriteRoutine, home: Path, sig: signal.Signals
) -> None:
    """Ctrl-C here once threw the answers away and ended with 0."""
    child = start(home, write_routine(TWO_SECONDS, name="tiny.yaml"), "--lead-in", "0")
    child.expect("How much tension do you feel in your face")
    child.sendline("5")
    child.expect("And now, how much tension do you feel")
    child.sendline("3")
    child.expect("Where did it ease")
    child.sendline("The jaw.")
    child.expect("an empty line ends")
    child.sendline("Slept badly;")
    child.expect("> ")
    send(child, sig)
    child.expect("Saved what you answered in your journal.")
    assert ended(child)[0] == 130
    (record,) = sessions(home)
    assert record.status == "completed"
    assert journal(record) == {
        "tension_before": 5,
        "tension_after": 3,
        "answers": {"Where did it ease?": "The jaw."},
        "note": "Slept badly;",
    }


def test_a_burst_of_ctrl_c_never_loses_the_session(write_routine: WriteRoutine, home: Path) -> None:
    """30 SIGINTs 2 ms apart once lost the record in 8 runs of 10: the first stops, the rest
    wait until it is saved. Five runs, each saved, each ending with 130."""
    routine = write_routine(A_MINUTE, name="long.yaml")
    for run in range(1, 6):
        child = start(home, routine, "--lead-in", "0", "--yes", "--no-journal")
        child.expect("step 1 of 2")
        time.sleep(0.2)
        assert child.pid is not None
        for _ in range(30):
            os.kill(child.pid, signal.SIGINT)
            time.sleep(0.002)
        status, shown = ended(child)
        assert (status, "Traceback" in shown) == (130, False), shown
        assert [r.status for r in sessions(home)] == ["stopped"] * run


@pytest.mark.parametrize("sig", SIGNALS, ids=NAMES)
def test_a_stop_while_editing_a_built_in_leaves_no_copy_behind(
    home: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    """A window closed (or facelift ended) with the editor open: the untouched copy would
    otherwise replace the built-in from then on."""
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\necho editing\nexec sleep 30\n")
    script.chmod(0o755)
    env = {**os.environ, "FACELIFT_HOME": str(home), "EDITOR": str(script)}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "facelift", "edit", "lymphatic"],
        env=env,
        encoding="utf-8",
        timeout=20,
    )
    child.expect("editing")
    send(child, sig)
    status, _ = ended(child)
    assert status == 130
    assert list((home / "routines").glob("*.yaml")) == []


def test_a_signal_that_stopped_a_session_holds_the_rest_of_its_burst() -> None:
    """Once a Ctrl-C has stopped the session the command ends with it, so the handler that
    would raise is not put back: a Ctrl-C while the command unwinds waits, instead of
    raising a KeyboardInterrupt through its last words. A session no signal stopped puts
    the handlers back."""
    from facelift.shell.terminal import Interrupted, stop_on_signals

    before = signal.getsignal(signal.SIGINT)
    try:
        with stop_on_signals():
            pass
        assert signal.getsignal(signal.SIGINT) is before
        with pytest.raises(Interrupted):
            _session_stopped_by_ctrl_c()
        held = signal.getsignal(signal.SIGINT)
        assert held is not before and callable(held)
        held(signal.SIGINT, None)  # the rest of the burst: noted, nothing raised
    finally:
        signal.signal(signal.SIGINT, before)


def _session_stopped_by_ctrl_c() -> None:
    from facelift.shell.terminal import stop_on_signals

    with stop_on_signals():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)  # the handler runs here, and raises
