"""Shared fixtures: an isolated FACELIFT_HOME, a routine writer and the CLI runner."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import hypothesis
import pytest
from typer.testing import CliRunner

from facelift.cli import app
from facelift.play.player import Key
from facelift.shell import session_io

from .fakes import SecondApart, instant_io

WriteRoutine = Callable[..., Path]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty FACELIFT_HOME, so the user's files never leak in."""
    folder = tmp_path / "home"
    (folder / "routines").mkdir(parents=True)
    monkeypatch.setenv("FACELIFT_HOME", str(folder))
    monkeypatch.setenv("COLUMNS", "100")
    return folder


@pytest.fixture
def user_routines(home: Path) -> Path:
    return home / "routines"


@pytest.fixture
def write_routine(tmp_path: Path) -> WriteRoutine:
    """Write dedented YAML to `name` (in tmp_path, or in `folder`) and return its path."""

    def write(text: str, name: str = "mine.yaml", folder: Path | None = None) -> Path:
        path = (folder or tmp_path) / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


class Cli:
    """Runs facelift in-process and keeps stdout and stderr apart. A session it starts
    plays on a fake clock (see fakes.instant_io), in milliseconds, with `presses` for keys,
    and each starts a second or more after the one before."""

    def __init__(self) -> None:
        self.runner = CliRunner()
        self.presses: list[tuple[float, Key]] = []  # (seconds after the start, key)
        self.wall_clock = SecondApart()

    def __call__(self, *args: str) -> Result:
        with session_io.given(instant_io(self.presses, now=self.wall_clock)):
            result = self.runner.invoke(app, list(args))
        return Result(result.exit_code, result.stdout, result.stderr, result.exception)


class Result:
    def __init__(self, code: int, out: str, err: str, exception: BaseException | None) -> None:
        self.code, self.out, self.err, self.exception = code, out, err, exception


@pytest.fixture
def cli() -> Cli:
    return Cli()


# Whole files whose tests need a real process, a pty, real signals, a sound device or real
# seconds. They and the tests marked `slow` one by one are left out of the quick loop,
# `pytest -m "not slow"`; the plain `pytest` (and CI) runs everything.
SLOW_FILES = frozenset(
    {
        "test_alsa.py",
        "test_doctor_sound.py",
        "test_edges.py",
        "test_entry_point.py",
        "test_faults.py",
        "test_signals.py",
        "test_terminal.py",
    }
)


# The property tests try every example in the whole suite (and CI); the quick loop tries a
# tenth of them, enough to catch a slip while working, and CI still tries them all.
QUICK_SHARE = 10
_quick = False


def pytest_configure(config: pytest.Config) -> None:
    global _quick
    _quick = " ".join(str(config.getoption("markexpr", "")).split()) == "not slow"
    if _quick:  # the property tests that keep Hypothesis's default number of examples
        hypothesis.settings.register_profile("quick", max_examples=100 // QUICK_SHARE)
        hypothesis.settings.load_profile("quick")


def examples(full: int) -> int:
    """How many examples a property test tries in this run: `full`, or a tenth in the quick
    loop (`pytest -m "not slow"`)."""
    return max(10, full // QUICK_SHARE) if _quick else full


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
