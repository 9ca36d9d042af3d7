"""The command line, as a person types it: exact output, messages and exit codes."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
import typer

from facelift import __version__
from facelift.cli import app

from .conftest import Cli, WriteRoutine

BUILTINS = [
    "lymphatic",
    "neck-shoulder-scalp",
    "deep-tissue-face",
    "buccal",
    "desk-release",
    "full",
    "morning-depuff",
]


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert (result.code, result.out) == (0, f"facelift {__version__}\n")


@pytest.mark.parametrize("command", sorted(typer.main.get_command(app).commands))  # type: ignore[attr-defined]
def test_every_command_has_help(cli: Cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.code == 0
    assert f"Usage: facelift {command}" in result.out


def test_no_arguments_shows_help(cli: Cli) -> None:
    result = cli()
    assert "Usage: facelift" in result.out + result.err
    assert result.code in (0, 2)


def test_list_shows_the_seven_built_ins_in_part_order(cli: Cli) -> None:
    result = cli("list")
    assert result.code == 0
    names = [line.split()[0] for line in result.out.splitlines()[1:]]
    assert names == BUILTINS
    assert re.search(r"lymphatic\s+Lymphatic Drainage\s+1\s+7:46\s+14\s+built-in", result.out)
    # a routine with steps that wait for a key says so in its length
    assert re.search(r"full\s+Full Session\s+-\s+38:30 \+ your time\s+66\s+built-in", result.out)


def test_list_json_has_the_promised_fields(cli: Cli) -> None:
    data = json.loads(cli("list", "--json").out)
    assert [item["name"] for item in data] == BUILTINS
    lymphatic = data[0]
    assert {k: lymphatic[k] for k in ("name", "part", "duration", "steps", "source")} == {
        "name": "lymphatic",
        "part": 1,
        "duration": 466.0,
        "steps": 14,
        "source": "built-in",
    }


def test_list_part_filters(cli: Cli) -> None:
    data = json.loads(cli("list", "--part", "4", "--json").out)
    assert [item["name"] for item in data] == ["buccal"]


def test_list_part_out_of_range_is_a_usage_error(cli: Cli) -> None:
    assert cli("list", "--part", "9").code == 2


def test_list_says_when_a_user_routine_overrides_a_built_in(
    cli: Cli, user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine(
        "title: My drainage\npart: 1\nsteps: [{title: A, duration: 60}]\n",
        name="lymphatic.yaml",
        folder=user_routines,
    )
    result = cli("list")
    assert re.search(
        r"lymphatic\s+My drainage\s+1\s+1:00\s+1\s+user, overrides built-in", result.out
    )
    assert json.loads(cli("list", "--json").out)[0]["overrides"] is True


def test_list_points_at_a_broken_user_routine(cli: Cli, user_routines: Path) -> None:
    (user_routines / "oops.yaml").write_text("title: Oops\n")
    result = cli("list")
    assert result.code == 0
    path = user_routines / "oops.yaml"
    assert result.err == f"warning: {path} has errors; see: facelift validate {path}\n"


def test_show_prints_steps_prepare_safety_and_the_disclaimer(cli: Cli) -> None:
    result = cli("show", "lymph")
    assert result.code == 0
    for text in (
        "Lymphatic Drainage",
        "Part 1 of 4 · 7:46 · 14 steps",
        "Prepare",
        "Safety",
        "Collarbone hollows",
        "0:40",
        "not medical treatment",
    ):
        assert text in result.out, text


def test_show_json_lists_every_played_step_with_its_start(cli: Cli) -> None:
    data = json.loads(cli("show", "full", "--json").out)
    assert data["name"] == "full" and data["part"] is None
    steps = data["steps"]
    assert {"kind", "title", "start", "duration", "sides", "pressure", "do"} <= set(steps[0])
    assert steps[0]["start"] == 0
    for before, after in itertools.pairwise(steps):
        assert after["start"] == pytest.approx(before["start"] + before["duration"])
    assert data["duration"] == pytest.approx(steps[-1]["start"] + steps[-1]["duration"])
    assert {s["kind"] for s in steps} == {"step", "rest"}


def test_show_markdown_is_a_printable_page(cli: Cli) -> None:
    out = cli("show", "buccal", "--markdown").out
    assert out.startswith("# Buccal Massage\n")
    assert "## Safety" in out and "| # | Start | Step | Side | Pressure | How much |" in out
    assert "not medical treatment" in out


def test_show_json_and_markdown_together_is_a_usage_error(cli: Cli) -> None:
    assert cli("show", "full", "--json", "--markdown").code == 2


def test_show_an_unknown_name(cli: Cli) -> None:
    result = cli("show", "lympatic")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "Error: no routine named 'lympatic'; did you mean 'lymphatic'? "
        "(facelift list shows them all)\n"
    )


def test_show_an_ambiguous_prefix(cli: Cli, user_routines: Path) -> None:
    (user_routines / "bucket.yaml").write_text("title: B\nsteps: [{title: A, duration: 5}]\n")
    result = cli("show", "buc")
    assert result.code == 1
    assert result.err == "Error: 'buc' could be any of: buccal, bucket; type more of the name\n"


def test_validate_ok_and_errors(cli: Cli, write_routine: WriteRoutine) -> None:
    """Good files say OK on stdout; bad ones every error on stderr; exit 1 if any is bad."""
    good = write_routine("title: G\nsteps: [{title: A, duration: 5}]\n", name="good.yaml")
    bad = write_routine("title: B\nsteps: [{title: A, duration: fast}]\n", name="bad.yaml")
    result = cli("validate", str(good), str(bad))
    assert result.code == 1
    assert result.out == f"OK  {good}\n"
    assert result.err == (
        f"{bad}:2:30: steps[1].duration: expected a duration such as 45s or 1m30s, got 'fast'\n"
    )


def test_validate_all_good_is_exit_zero(cli: Cli) -> None:
    from facelift.base import resources

    files = sorted(str(p) for p in resources.builtin_routines_dir().glob("*.yaml"))
    result = cli("validate", *files)
    assert (result.code, result.out.count("OK  ")) == (0, 7)


def test_validate_resolves_includes_against_the_library(
    cli: Cli, write_routine: WriteRoutine
) -> None:
    path = write_routine("title: T\nsteps:\n  - include: lymphatic\n  - include: nope\n")
    result = cli("validate", str(path))
    assert result.code == 1
    assert result.err.startswith(f"{path}:4:14: steps[2].include: no routine named 'nope'")


def test_validate_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "gone.yaml"))
    assert (result.code, result.err) == (1, f"{tmp_path / 'gone.yaml'}: no such file\n")


def test_validate_a_folder(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", f"{tmp_path}/")
    assert (result.code, result.err) == (1, f"{tmp_path}/: is a folder, not a routine file\n")


def test_validate_needs_a_file(cli: Cli) -> None:
    assert cli("validate").code == 2


def test_doctor_reports_each_part_marked(cli: Cli) -> None:
    result = cli("doctor")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("facelift ")
    marked = [line for line in lines[1:] if not line.startswith("      ")]
    assert [line[4:].split(":")[0] for line in marked] == [
        "sound",
        "voice (--voice)",
        "your routines",
        "history",
        "settings",
        "built-in routines",
        "your plans",
    ]
    assert all(line[:2] in ("ok", "--") for line in marked)


def test_doctor_points_at_a_broken_routine(cli: Cli, user_routines: Path) -> None:
    (user_routines / "oops.yaml").write_text("title: Oops\nsteps: []\n")
    result = cli("doctor")
    assert result.code == 1
    assert (
        f"!!  your routine oops: 1 error(s): facelift validate {user_routines / 'oops.yaml'}"
        in (result.out)
    )


def test_an_empty_name_asks_for_one(cli: Cli) -> None:
    result = cli("show", "")
    assert (result.code, result.err) == (
        1,
        "Error: give a routine name (facelift list shows them all)\n",
    )


def test_doctor_says_when_the_folders_cannot_be_made(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("FACELIFT_HOME", str(blocker / "home"))
    result = cli("doctor")
    assert result.code == 1
    assert f"!!  history: {blocker / 'home' / 'routines'} cannot be made: {blocker} is a file" in (
        result.out
    )
