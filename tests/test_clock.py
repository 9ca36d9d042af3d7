"""The session clock leaves out the time the process spent suspended."""

from __future__ import annotations

import time

import pytest

from facelift.play.clock import SessionClock


def test_held_time_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    session = SessionClock()
    assert session.now() == 100.0
    session.hold()
    now[0] = 160.0  # a minute in the background after Ctrl-Z
    assert session.now() == 100.0
    session.release()
    now[0] = 165.0
    assert session.now() == 105.0
