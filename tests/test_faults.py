"""Real faults, not mocks: a read-only data folder and a full disk, made as small filesystems
in a mount namespace of their own (skipped where the machine cannot make one). Each test runs
facelift as a separate process, as a person would, and checks that nothing is lost and that
reading needs no write access. (A held lock: test_history.py and the CLI test below.)"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from facelift.practice import database

from .conftest import Cli

ROUTINE = "title: Short\nsteps:\n  - {title: One, duration: 1s}\n  - {title: Two, duration: 1s}\n"

# Runs inside the namespace: `facelift ARGS` for each named command, results as JSON.
DRIVER = """
import json, os, subprocess, sys
results = {}
for name, args in json.loads(sys.argv[1]):
    done = subprocess.run([sys.executable, "-m", "facelift", *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL)
    results[name] = [done.returncode, done.stdout, done.stderr]
print(json.dumps(results))
"""

# Fills a folder's filesystem, then frees `room` bytes (a spare file made first).
FILL = """
import os, sys
folder, room = sys.argv[1], int(sys.argv[2])
with open(os.path.join(folder, "spare"), "wb") as spare:
    spare.write(b"s" * room)
try:
    with open(os.path.join(folder, "filler"), "wb") as filler:
        while True:
            filler.write(b"x" * 4096)
            filler.flush()
except OSError:
    pass
os.remove(os.path.join(folder, "spare"))
"""


@pytest.fixture(scope="module")
def namespace(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Skip unless this machine lets a process mount a filesystem in a namespace of its own."""
    point = tmp_path_factory.mktemp("probe")
    try:
        probe = subprocess.run(
            ["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {point}"],
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("no unshare here to make a small filesystem")
    if probe.returncode != 0:
        pytest.skip("cannot mount a small filesystem here (user namespaces are off)")


@pytest.fixture
def fs(tmp_path: Path, namespace: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder: a mount point, FACELIFT_HOME for the processes run in it."""
    point = tmp_path / "data"
    point.mkdir()
    (tmp_path / "short.yaml").write_text(ROUTINE)
    (tmp_path / "driver.py").write_text(DRIVER)
    (tmp_path / "fill.py").write_text(FILL)
    monkeypatch.setenv("FACELIFT_HOME", str(point))
    return point


def run(fs: Path, setup: str, commands: dict[str, list[str]]) -> dict[str, list[Any]]:
    """Mount a 1 MiB filesystem on `fs`, run the shell `setup` there, then each command."""
    here = fs.parent
    python = sys.executable
    script = textwrap.dedent(f"""
        set -e
        mount -t tmpfs -o size=1m tmpfs {fs}
        mkdir {fs}/routines
        {python} -m facelift start {here}/short.yaml --lead-in 0 --audio none > /dev/null
        {setup}
        exec {python} {here}/driver.py '{json.dumps(list(commands.items()))}'
    """)
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    results: dict[str, list[Any]] = json.loads(done.stdout)
    return results


READERS = {
    "history": ["history"],
    "json": ["history", "--json"],
    "journal": ["journal"],
    "stats": ["stats"],
    "resume": ["resume"],
}


def assert_read(results: dict[str, list[Any]]) -> None:
    """Every reader succeeds, silently, and sees the one session."""
    for name in READERS:
        code, _, err = results[name]
        assert (code, err) == (0, ""), name
    assert "Short" in results["history"][1] and "completed" in results["history"][1]
    (session,) = json.loads(results["json"][1])
    assert (session["id"], session["title"]) == (1, "Short")
    assert "Sessions per routine" in results["stats"][1]
    assert results["resume"][1] == "Nothing to resume: you have no stopped session to go on with.\n"


def test_a_read_only_data_folder_is_still_read_and_a_session_is_refused_first(fs: Path) -> None:
    """A read-only mount stops root too: every reader works; `start` refuses in one line
    before anything plays (nothing could be kept), and the folder is as it was."""
    start = ["start", str(fs.parent / "short.yaml"), "--lead-in", "0", "--audio", "none"]
    results = run(fs, f"mount -o remount,ro {fs}", {**READERS, "start": start})
    assert_read(results)
    code, out, err = results["start"]
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {fs / 'facelift.db'}: cannot open (") and err.count("\n") == 1


def test_a_full_disk_is_still_read(fs: Path) -> None:
    """Not a byte free: the readers work (they write nothing, not even WAL's files)."""
    results = run(fs, f"python3 {fs.parent / 'fill.py'} {fs} 0", READERS)
    assert_read(results)


def fill_during(fs: Path, room: int) -> list[str]:
    """Write a script that runs `facelift start` and fills the disk (leaving `room` bytes)
    just after the start's check that the history can be written; its arguments."""
    here = fs.parent
    play = [str(here / "short.yaml"), "--lead-in", "0", "--audio", "none"]
    (here / "fill_after_check.py").write_text(
        textwrap.dedent(f"""
        import subprocess, sys
        from facelift import cli
        from facelift.practice import history
        checked = history.prepare
        def prepare_then_fill(path):
            result = checked(path)
            subprocess.run([sys.executable, "{here / "fill.py"}", "{fs}", "{room}"], check=True)
            return result
        history.prepare = prepare_then_fill
        sys.argv = ["facelift", "start", *sys.argv[1:]]
        cli.run()
        """)
    )
    return play


def test_a_disk_that_fills_during_a_session_keeps_it_pending(fs: Path) -> None:
    """16 KiB free when the session ends: the database cannot take it (WAL needs 32), a
    pending file can. One line says so; exit 0; the history shows it while the disk is
    still full; once there is room, the next start merges it in."""
    here = fs.parent
    play = fill_during(fs, 16384)
    setup = (
        f"{sys.executable} {here / 'fill_after_check.py'} {' '.join(play)} > {here}/out "
        f"2> {here}/err\n"
        f"{sys.executable} -m facelift history --json > {here}/full.json\n"
        f"rm {fs}/filler"
    )
    results = run(fs, setup, {"again": ["start", *play], "json": ["history", "--json"]})
    assert "Completed Short: 0:02 played." in (here / "out").read_text()
    (note,) = (here / "err").read_text().splitlines()
    assert re.fullmatch(
        f"Note: the session is kept in {fs}/pending/[0-9T]+-[0-9a-f]{{8}}.json for now "
        rf"\({fs}/facelift.db: cannot open \(disk I/O error\)\); "
        "the next session adds it to your history.",
        note,
    ), note
    assert [s["id"] for s in json.loads((here / "full.json").read_text())] == [1, None]
    code, out, err = results["again"]
    assert (code, err) == (0, "")
    assert out.startswith("Added 1 session kept from an earlier run to your history.\n")
    assert [s["id"] for s in json.loads(results["json"][1])] == [1, 2, 3]


def test_a_disk_with_no_room_at_all_prints_the_session_to_keep(fs: Path) -> None:
    """Not a byte free when the session ends: nothing can be written, so the session is
    printed as a pending file's text, exit 1; saved into the pending folder once there is
    room, the next start adds it."""
    here = fs.parent
    play = fill_during(fs, 0)
    setup = (
        f"{sys.executable} {here / 'fill_after_check.py'} {' '.join(play)} > {here}/out "
        f"2> {here}/err || echo $? > {here}/code\n"
        f"rm {fs}/filler\n"
        f"mkdir -p {fs}/pending\n"
        f"tail -n 1 {here}/out > {fs}/pending/kept.json"
    )
    results = run(fs, setup, {"again": ["start", *play], "json": ["history", "--json"]})
    assert (here / "code").read_text() == "1\n"
    assert (here / "err").read_text() == (
        f"Error: the session was not saved: {fs}/facelift.db: cannot open (disk I/O error); "
        f"and it could not be kept in {fs}/pending (No space left on device)\n"
    )
    out = (here / "out").read_text().splitlines()
    keep = f"Here it is to keep; as a .json file in {fs}/pending, the next session adds it:"
    assert out[-2] == keep
    code, again, err = results["again"]
    assert (code, err) == (0, "")
    assert again.startswith("Added 1 session kept from an earlier run to your history.\n")
    assert [s["id"] for s in json.loads(results["json"][1])] == [1, 2, 3]


def test_a_lock_held_past_the_timeout_loses_nothing(
    cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds a write transaction through the end of a session: the session
    is kept pending, said in one line, exit 0; history and resume see it at once; the next
    start adds it to the database (which `history --json` shows by its id)."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.3)
    routine = tmp_path / "short.yaml"
    routine.write_text(ROUTINE)
    play = ["start", str(routine), "--lead-in", "0", "--audio", "none"]
    assert cli(*play).code == 0
    other = sqlite3.connect(home / "facelift.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = cli(*play)
        assert result.code == 0
        (kept,) = (home / "pending").iterdir()
        assert result.err == (
            f"Note: the session is kept in {kept} for now ({home / 'facelift.db'}: cannot save "
            "the session (database is locked)); the next session adds it to your history.\n"
        )
        assert [s["id"] for s in json.loads(cli("history", "--json").out)] == [1, None]
    finally:
        other.execute("ROLLBACK")
        other.close()
    result = cli(*play)
    assert result.out.startswith("Added 1 session kept from an earlier run to your history.\n")
    assert [s["id"] for s in json.loads(cli("history", "--json").out)] == [1, 2, 3]
    assert list((home / "pending").iterdir()) == []
