"""`facelift doctor` checks the settings file and the user's plans too, as commands read them."""

from __future__ import annotations

from pathlib import Path

from .conftest import Cli


def test_a_wrong_settings_file_and_a_broken_plan_are_problems(cli: Cli, home: Path) -> None:
    """Each is one marked line that says where to look, and doctor exits 1."""
    (home / "plans").mkdir()
    (home / "plans" / "mine.yaml").write_text("title: Mine\ndays: [lymphatc]\n")
    (home / "config.toml").write_text("volum = 3\n")
    result = cli("doctor")
    lines = result.out.splitlines()
    assert result.code == 1
    assert f"!!  settings: {home / 'config.toml'}: 1 error(s): facelift config" in lines
    assert f"!!  your plan mine: facelift validate {home / 'plans' / 'mine.yaml'}" in lines


def test_no_settings_file_and_a_good_plan_are_fine(cli: Cli, home: Path) -> None:
    """No config.toml means the defaults; a plan that reads is `valid`."""
    (home / "plans").mkdir()
    (home / "plans" / "calm.yaml").write_text("title: Calm\ndays: [lymphatic, rest]\n")
    lines = cli("doctor").out.splitlines()
    assert f"ok  settings: {home / 'config.toml'} (none: defaults)" in lines
    assert "ok  your plan calm: valid" in lines
