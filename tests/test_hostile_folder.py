"""A hostile routines folder: each bad file is a warning line, never a hang or a crash.

`write_hostile_folder` is also the folder timed by hand in docs/performance.md ("A hostile
routines folder"): every command that reads the routines folder stays quick with it there.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from facelift.cli.types import complete_names

from .conftest import Cli

STEP = "steps:\n  - {title: A, duration: 1s}\n"
# Every hostile file, and what `facelift validate` says about it (after the file name).
HOSTILE = {
    "bomb.yaml": ":3:5: the file reads as more than 1,048,576 characters of text (an anchor "
    "repeated too often?); a routine is far smaller",
    "c0000.yaml": ":3:14: steps[1].include: includes nest more than 10 levels deep by here",
    "d30.yaml": ":3:14: steps[1].include: includes nest more than 10 levels deep by here",
    "wa.yaml": ":3:3: steps: 3,000 entries; a routine has at most 2,000 steps and rests",
    "wc.yaml": ":3:14: steps[1].include: include cycle: wc -> wd -> wc",
    "we.yaml": ":5:14: steps[3].include: with its includes the routine has more than 2,000 "
    "steps and rests",
    "fifo.yaml": ":2:16: sounds.step: fifo.wav: not a regular file (a device, a pipe or a socket)",
    "tty.yaml": ":2:16: sounds.step: /dev/tty: an absolute path; give one inside the "
    "routine's folder",
    "zero.yaml": ":2:16: sounds.step: zero.wav: a link out of the routine's folder; keep "
    "sounds inside it",
    "pipe.yaml": ": not a regular file (a device, a pipe or a socket)",
    "devzero.yaml": ": not a regular file (a device, a pipe or a socket)",
}
# where each include error above is found, when it is not in the file itself
FOUND_IN = {"c0000.yaml": "c0010.yaml", "d30.yaml": "d20.yaml", "wc.yaml": "wd.yaml"}

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev are POSIX")


def write_hostile_folder(folder: Path, *, chain: int = 300) -> None:
    """Every kind of hostile file found so far, and one good routine, `quick`. (The chain of
    includes is 1,000 long in the issue; 300 keep the tests quick, and test_library has one
    of 1,000.)"""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "quick.yaml").write_text("title: Quick\n" + STEP)
    # a doubling chain of 31 tiny files: d30 would play 2^30 steps
    (folder / "d00.yaml").write_text("title: D0\n" + STEP)
    for k in range(1, 31):
        twice = f"  - include: d{k - 1:02}\n" * 2
        (folder / f"d{k:02}.yaml").write_text(f"title: D{k}\nsteps:\n{twice}")
    # a long chain of routines, each including the next
    for k in range(chain):
        last = k == chain - 1
        body = "  - {title: A, duration: 1s}\n" if last else f"  - include: c{k + 1:04}\n"
        (folder / f"c{k:04}.yaml").write_text(f"title: C{k}\nsteps:\n{body}")
    # two 45 KB files of 3,000 includes each, each of the other; two of 1,000 (within the
    # bound on steps and rests); and three includes of a routine of 1,000 includes
    for first, second, count in (("wa", "wb", 3000), ("wc", "wd", 1000)):
        (folder / f"{first}.yaml").write_text(f"title: W\nsteps:\n{includes(second, count)}")
        (folder / f"{second}.yaml").write_text(f"title: W\nsteps:\n{includes(first, count)}")
    (folder / "we.yaml").write_text(f"title: WE\nsteps:\n{includes('wf', 3)}")
    (folder / "wf.yaml").write_text(f"title: WF\nsteps:\n{includes('quick', 1000)}")
    # an alias bomb through text: 10,000 aliases of half a million characters
    text = '"' + "x" * 500_000 + ' "'
    aliases = "  - *a\n" * 10_000
    (folder / "bomb.yaml").write_text(f"title: Bomb\nprepare:\n  - &a {text}\n{aliases}{STEP}")
    # sounds that would block or leave the folder, and routine files that are not files
    os.mkfifo(folder / "fifo.wav")
    (folder / "fifo.yaml").write_text("title: F\nsounds: {step: fifo.wav}\n" + STEP)
    (folder / "tty.yaml").write_text("title: T\nsounds: {step: /dev/tty}\n" + STEP)
    (folder / "zero.wav").symlink_to("/dev/zero")
    (folder / "zero.yaml").write_text("title: Z\nsounds: {step: zero.wav}\n" + STEP)
    os.mkfifo(folder / "pipe.yaml")
    (folder / "devzero.yaml").symlink_to("/dev/zero")


def includes(name: str, count: int) -> str:
    return f"  - include: {name}\n" * count


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("hostile-home")
    write_hostile_folder(home / "routines")
    return home


@pytest.fixture(autouse=True)
def in_hostile_home(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """FACELIFT_HOME is the hostile folder; a command that hangs fails the test."""
    monkeypatch.setenv("FACELIFT_HOME", str(hostile))
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the command hung"))
    signal.alarm(60)
    yield
    signal.alarm(0)


def test_list_shows_the_good_routines_and_a_warning_for_each_bad_file(
    cli: Cli, hostile: Path
) -> None:
    result = cli("list")
    assert result.code == 0
    names = [line.split()[0] for line in result.out.splitlines()[1:]]
    assert names[:4] == ["lymphatic", "neck-shoulder-scalp", "deep-tissue-face", "buccal"]
    assert {"full", "morning-depuff", "desk-release"} <= set(names)
    assert "quick" in names and "d10" in names and "c0290" in names
    assert not {"d11", "c0000", "wa", "bomb", "fifo", "pipe"} & set(names)
    for name in HOSTILE:
        path = hostile / "routines" / name
        assert f"warning: {path} has errors; see: facelift validate {path}\n" in result.err


def test_validate_locates_what_is_wrong_with_each_bad_file(cli: Cli, hostile: Path) -> None:
    folder = hostile / "routines"
    result = cli("validate", *(str(folder / name) for name in HOSTILE))
    assert (result.code, result.out) == (1, "")
    assert result.err.splitlines() == [
        f"{folder / FOUND_IN.get(name, name)}{said}" for name, said in HOSTILE.items()
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["show", "lymphatic", "--json"],
        ["show", "quick"],
        ["start", "quick", "--lead-in", "0", "--audio", "none"],
    ],
)
def test_commands_on_good_routines_are_untouched(cli: Cli, args: list[str]) -> None:
    result = cli(*args)
    assert (result.code, result.err) == (0, "")


def test_validate_another_file_is_untouched(cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("title: Other\nsteps:\n  - include: quick\n")
    result = cli("validate", str(other))
    assert (result.code, result.out, result.err) == (0, f"OK  {other}\n", "")


def test_doctor_marks_each_bad_file(cli: Cli, hostile: Path) -> None:
    result = cli("doctor")
    assert result.code == 1
    assert "ok  your routine quick: valid\n" in result.out
    assert (
        f"!!  your routine wc: 1 error(s): facelift validate {hostile / 'routines/wc.yaml'}\n"
        in (result.out)
    )


def test_tab_completion_offers_names_without_expanding_any() -> None:
    assert complete_names("d3") == ["d30"]
