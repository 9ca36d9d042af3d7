"""The installed entry point: the fast paths answer exactly as the Typer commands do."""

from __future__ import annotations

import subprocess
import sys

import pytest

from facelift import __version__
from facelift.commands.listing import parse_fast_args

from .conftest import Cli


def facelift(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facelift", *args], capture_output=True, text=True, check=False
    )


def test_version_without_typer() -> None:
    result = facelift("--version")
    assert (result.returncode, result.stdout) == (0, f"facelift {__version__}\n")


@pytest.mark.parametrize(
    "args", [[], ["--json"], ["--part", "2"], ["--part=3", "--json"], ["--json", "--part", "4"]]
)
def test_the_fast_list_prints_what_the_typer_command_prints(cli: Cli, args: list[str]) -> None:
    fast = facelift("list", *args)
    assert fast.returncode == 0
    assert fast.stdout == cli("list", *args).out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], {"part": None, "as_json": False}),
        (["--json"], {"part": None, "as_json": True}),
        (["--part", "1"], {"part": 1, "as_json": False}),
        (["--part=4", "--json"], {"part": 4, "as_json": True}),
        (["--part", "5"], None),
        (["--part"], None),
        (["--json", "--json"], None),
        (["--help"], None),
        (["--part", "1", "--part", "2"], None),
        (["extra"], None),
    ],
)
def test_only_plain_list_forms_take_the_fast_path(
    args: list[str], expected: dict[str, object] | None
) -> None:
    """Anything unusual goes to Typer, which gives help or a usage error."""
    assert parse_fast_args(args) == expected


def test_a_wrong_list_option_is_still_a_usage_error() -> None:
    """Typer refuses it, with its usage line and the option's own message."""
    result = facelift("list", "--part", "9")
    assert result.returncode == 2
    assert result.stderr.endswith("\nError: --part: expected a number from 1 to 4, got 9\n")
