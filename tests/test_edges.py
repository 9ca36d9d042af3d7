"""The edges of the command line: closed streams, readers that go away, numbers that are not
lengths, a relative FACELIFT_HOME, and an editor run in a real terminal. Every case ends in
one line (or none) and the documented status, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from .conftest import Cli, WriteRoutine

SHORT = "title: Short\nsteps: [{title: Touch, do: Rest your hands., duration: 1}]\n"


@pytest.fixture
def short(write_routine: WriteRoutine) -> Path:
    return write_routine(SHORT, name="short.yaml")


def facelift(
    *args: str,
    home: Path,
    stdout: int | None = subprocess.PIPE,
    closing: int | None = None,
    cwd: Path | None = None,
    home_value: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """The installed entry point in a child process; `closing` is a descriptor closed in the
    child before it starts (`>&-` is 1, `<&-` is 0, `2>&-` is 2)."""
    env = {**os.environ, "FACELIFT_HOME": home_value or str(home)}
    close: Callable[[], None] | None = (lambda: os.close(closing)) if closing is not None else None
    return subprocess.run(
        [sys.executable, "-m", "facelift", *args],
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE if closing != 2 else None,
        stdin=subprocess.DEVNULL if closing != 0 else None,
        preexec_fn=close,  # the tests run no threads
        cwd=cwd,
        text=True,
        timeout=60,
        check=False,
    )


def every_command(short: Path) -> list[list[str]]:
    """Each command in a form that prints something and needs no terminal."""
    return [
        ["--version"],
        ["--help"],
        ["list"],
        ["list", "--json"],
        ["list", "--part", "1"],
        ["show", "full"],
        ["show", "full", "--json"],
        ["show", "full", "--markdown"],
        ["validate", "lymphatic"],
        ["start", str(short), "--lead-in", "0", "--audio", "none"],
        ["resume", "--audio", "none"],
        ["history"],
        ["history", "--json"],
        ["journal"],
        ["journal", "--export", "markdown"],
        ["stats"],
        ["new", "mine"],
        ["schema"],
        ["schema", "--write"],
        ["doctor"],
        ["sounds", "--audio", "none"],
    ]


COMMANDS = [" ".join(c).replace("/", "") for c in every_command(Path("short"))]


@pytest.mark.parametrize("index", range(len(COMMANDS)), ids=COMMANDS)
def test_a_reader_that_goes_away_ends_every_command_quietly(
    home: Path, short: Path, index: int
) -> None:
    """`facelift ... | head -1`: status 1 and nothing on stderr, as Python's SIGPIPE advice
    has it (here the reader has gone before the first byte is written)."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = facelift(*every_command(short)[index], home=home, stdout=write)
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (1, "")


def test_a_reader_that_stops_early_on_a_large_list(home: Path, write_routine: WriteRoutine) -> None:
    """The case as found (`list --json | head -c10` with hundreds of routines), with a reader
    that surely stops after 10 bytes (some `head`s read on to the end)."""
    long = SHORT.replace("Short", "A routine with a long title " * 8)
    for number in range(1000):  # some 450 KB of JSON, far more than a pipe holds
        write_routine(long, name=f"r{number:03}.yaml", folder=home / "routines")
    reader = f"{sys.executable} -c 'import os, sys; sys.stdout.write(repr(os.read(0, 10)))'"
    script = f'{sys.executable} -m facelift list --json | {reader}; echo " rc=${{PIPESTATUS[0]}}"'
    result = subprocess.run(
        ["bash", "-c", script],
        env={**os.environ, "FACELIFT_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.stdout, result.stderr) == ("b'[\\n  {\\n    ' rc=1\n", "")


@pytest.mark.parametrize("index", range(len(COMMANDS)), ids=COMMANDS)
def test_a_closed_stdout_is_one_line_on_stderr(home: Path, short: Path, index: int) -> None:
    """`facelift ... >&-`: nothing can be shown, so nothing is done; status 1."""
    result = facelift(*every_command(short)[index], home=home, stdout=None, closing=1)
    assert (result.returncode, result.stderr) == (
        1,
        "Error: standard output is closed; nothing could be shown\n",
    )
    assert not (home / "facelift.db").exists()
    assert not (home / "routines" / "mine.yaml").exists()


@pytest.mark.parametrize("index", range(len(COMMANDS)), ids=COMMANDS)
def test_a_closed_stdin_reads_as_empty(home: Path, short: Path, index: int) -> None:
    """`facelift ... <&-` works as with `</dev/null`: no terminal, nothing to read."""
    result = facelift(*every_command(short)[index], home=home, closing=0)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_session_with_a_closed_stdin_plays_and_is_recorded(
    cli: Cli, home: Path, short: Path
) -> None:
    result = facelift(
        "start", str(short), "--lead-in", "0", "--audio", "none", home=home, closing=0
    )
    assert result.returncode == 0
    assert "[0:01] Completed Short: 0:01 played.\n" in result.stdout
    assert [s["status"] for s in json.loads(cli("history", "--json").out)] == ["completed"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["start", "buccal"], "Error: buccal asks you to confirm before it starts; run it in a"),
        (["edit", "lymphatic"], "Error: editing needs a terminal: run it in a terminal window\n"),
    ],
)
def test_what_needs_a_terminal_says_so_with_a_closed_stdin(
    home: Path, args: list[str], message: str
) -> None:
    result = facelift(*args, home=home, closing=0)
    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert list((home / "routines").iterdir()) == []


def test_a_closed_stderr_changes_nothing_but_the_messages(
    home: Path, write_routine: WriteRoutine
) -> None:
    broken = write_routine("title: T\nsteps: 3\n", name="broken.yaml")
    assert facelift("validate", str(broken), home=home, closing=2).returncode == 1
    assert facelift("list", home=home, closing=2).returncode == 0


# -- numbers that are not lengths -----------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "1e309", "Infinity"])
def test_endless_minutes_are_refused_in_one_line(cli: Cli, value: str) -> None:
    result = cli("start", "lymphatic", "--minutes", value)
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "Error: --minutes inf cannot keep the pace of lymphatic; choose from 1.5 to 37.2 minutes\n",
    )


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["start", "lymphatic", "--minutes", "nan"], "--minutes"),
        (["start", "lymphatic", "--minutes", "-inf"], "--minutes"),
        (["start", "lymphatic", "--lead-in", "inf"], "--lead-in"),
        (["start", "lymphatic", "--lead-in", "nan"], "--lead-in"),
        (["start", "lymphatic", "--volume", "1e9"], "--volume"),
        (["start", "lymphatic", "--from-step", "1e309"], "--from-step"),
        (["resume", "--lead-in", "1e309"], "--lead-in"),
        (["sounds", "--volume", "inf"], "--volume"),
        (["list", "--part", "99999999999999999999"], "--part"),
    ],
)
def test_other_numbers_out_of_reach_are_usage_errors(
    cli: Cli, args: list[str], option: str
) -> None:
    """Status 2, the option named, and nothing started."""
    result = cli(*args)
    assert result.code == 2
    assert f"Error: {option}: expected " in result.err
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_huge_from_step_is_out_of_range(cli: Cli) -> None:
    result = cli("start", "lymphatic", "--from-step", "99999999999999999999999")
    assert (result.code, result.err) == (
        1,
        "Error: --from-step must be from 1 to 14 for lymphatic\n",
    )


# -- FACELIFT_HOME ----------------------------------------------------------------------------


def test_a_relative_home_is_made_absolute(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every path shown is the real one, so the person sees where the history goes."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACELIFT_HOME", "rel")
    result = cli("new", "mine")
    assert (result.code, result.out) == (0, f"{tmp_path / 'rel' / 'routines' / 'mine.yaml'}\n")


def test_a_relative_home_is_settled_once_for_programs_run_from_it(
    home: Path, tmp_path: Path
) -> None:
    """The environment handed on (to an editor, say) holds the absolute folder."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os\nfrom facelift.base import paths\npaths.settle_home()\n"
            "print(os.environ['FACELIFT_HOME'])",
        ],
        env={**os.environ, "FACELIFT_HOME": "rel"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == f"{tmp_path / 'rel'}\n"


def test_a_relative_home_in_a_removed_folder_is_one_line(home: Path, tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        f"cd {gone} && rmdir {gone} && FACELIFT_HOME=rel {sys.executable} -m facelift list;"
        ' echo "rc=$?"'
    )
    result = subprocess.run(
        ["bash", "-c", script],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.stdout, result.stderr) == (
        "rc=1\n",
        "Error: $FACELIFT_HOME is relative (rel) and the current folder is gone; "
        "make it an absolute path\n",
    )


# -- the editor, in a real terminal -----------------------------------------------------------


def test_edit_runs_the_editor_in_a_terminal(home: Path, tmp_path: Path) -> None:
    """In a pty the editor starts (here a script that changes the title) and the file is
    checked; the editor sees the absolute FACELIFT_HOME."""
    script = tmp_path / "editor.sh"
    log = tmp_path / "home-seen"
    script.write_text(
        f'#!/bin/sh\necho "$FACELIFT_HOME" > {log}\nsed -i \'s/^title: .*/title: Mine/\' "$1"\n'
    )
    script.chmod(0o755)
    subprocess.run(
        [sys.executable, "-m", "facelift", "new", "mine"],
        check=True,
        env={**os.environ, "FACELIFT_HOME": str(home)},
        capture_output=True,
    )
    env = {**os.environ, "FACELIFT_HOME": "home", "EDITOR": str(script)}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "facelift", "edit", "mine"],
        env=env,
        cwd=str(home.parent),
        encoding="utf-8",
        timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert f"OK  {home / 'routines' / 'mine.yaml'}" in str(child.before)
    assert log.read_text() == f"{home}\n"
    assert "title: Mine" in (home / "routines" / "mine.yaml").read_text()


def test_edit_without_a_terminal_never_starts_the_editor(home: Path, tmp_path: Path) -> None:
    """`edit mine <&-` in a terminal once left vi spinning: now it is refused at once."""
    started = tmp_path / "started"
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\ntouch {started}\n")
    script.chmod(0o755)
    env = {**os.environ, "FACELIFT_HOME": str(home), "EDITOR": str(script)}
    command = f'{sys.executable} -m facelift edit lymphatic <&-; echo "rc=$?"'
    child = pexpect.spawn("bash", ["--norc", "-c", command], env=env, encoding="utf-8", timeout=20)
    child.expect("Error: editing needs a terminal: run it in a terminal window")
    child.expect("rc=1")
    child.expect(pexpect.EOF)
    assert not started.exists()
    assert list((home / "routines").iterdir()) == []
