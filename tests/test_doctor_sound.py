"""`doctor` and `start` try the sound path for real: with an ALSA setup whose card does not
exist, nothing is reported "ok" and the start says so in one line before the count-in; with
a working device (ALSA writing to a file) the path is reported tested."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .test_alsa import need

MISSING_CARD = "pcm.!default {\n  type hw\n  card 9\n}\n"


def facelift(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "FACELIFT_HOME": str(home / "facelift")}
    return subprocess.run(
        [sys.executable, "-m", "facelift", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_doctor_does_not_call_a_card_that_cannot_open_ok(tmp_path: Path) -> None:
    """aplay is installed but its card is missing: the sound line is not "ok", and it says
    why in aplay's own words."""
    need("aplay")
    (tmp_path / ".asoundrc").write_text(MISSING_CARD)
    result = facelift(tmp_path, "doctor")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    sound = lines.index("--  sound: nothing plays here; sessions run silently")
    failures = [line.strip() for line in lines[sound + 1 :] if line.startswith("      ")]
    assert any(
        line.startswith("not working: system (aplay) cannot play here (aplay: ")
        and "audio open error" in line
        for line in failures
    ), failures


def test_start_says_the_trouble_in_one_line_before_the_count_in(tmp_path: Path) -> None:
    """The fallback is chosen before the session, and said once; the session then plays."""
    need("aplay")
    (tmp_path / ".asoundrc").write_text(MISSING_CARD)
    routine = tmp_path / "short.yaml"
    routine.write_text("title: Short\nsteps:\n  - title: Touch\n    duration: 1s\n")
    result = facelift(tmp_path, "start", str(routine), "--lead-in", "0", "--audio", "system")
    assert result.returncode == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith("warning: sound: system (aplay) cannot play here (aplay: ")
    assert line.endswith("); going on without sound")


def test_doctor_reports_a_working_device_as_tested(tmp_path: Path) -> None:
    need("aplay")
    (tmp_path / ".asoundrc").write_text(
        'pcm.!default {\n  type file\n  slave.pcm "null"\n'
        f'  file "{tmp_path / "capture.raw"}"\n  format "raw"\n}}\n'
    )
    result = facelift(tmp_path, "doctor")
    (sound,) = [
        line for line in result.stdout.splitlines() if line.startswith(("ok  sound", "--  sound"))
    ]
    assert sound.startswith("ok  sound: ") and sound.endswith("; tested: it plays)")
