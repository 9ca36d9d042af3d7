"""docs/plans.md says what facelift does: its plans load, its settings read, its errors are
the real ones.

- ```yaml           a complete plan: it must load, naming only routines that exist;
- ```yaml-broken    a plan with mistakes, followed at once by
- ```text           ... the exact lines facelift prints for it (the file name aside);
- ```toml           settings: they must read without a problem;
- ```toml-broken    settings with mistakes, followed at once by their ```text lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from facelift.base.errors import RoutineError
from facelift.format.plan_loader import parse_plan
from facelift.format.plans_library import Plans
from facelift.shell.settings import parse

PAGE = Path(__file__).resolve().parent.parent / "docs" / "plans.md"
FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
KINDS = ("yaml", "yaml-broken", "toml", "toml-broken", "text", "sh")
BLOCKS = [(m.group(1), m.group(2)) for m in FENCE.finditer(PAGE.read_text(encoding="utf-8"))]
FILE = re.compile(r"^\S+?:(?=\d+:\d+: )")


def of_kind(kind: str) -> list[str]:
    return [text for found, text in BLOCKS if found == kind]


def messages(kind: str, text: str) -> list[str]:
    """What facelift says about a broken block, one line per problem, without the file name."""

    def read() -> object:
        if kind == "yaml-broken":
            return parse_plan(text.encode(), shown_as="x.yaml", check=Plans.default().check_routine)
        return parse(text.encode(), shown_as="x.toml")

    with pytest.raises(RoutineError) as caught:
        read()
    return [FILE.sub("", str(problem), count=1) for problem in caught.value.problems]


def test_every_block_is_of_a_known_kind_and_each_kind_is_there() -> None:
    assert {kind for kind, _ in BLOCKS} <= set(KINDS)
    assert all(of_kind(kind) for kind in ("yaml", "yaml-broken", "toml", "toml-broken"))


@pytest.mark.parametrize("text", of_kind("yaml"))
def test_the_example_plan_loads(text: str) -> None:
    """The page's plan is a correct one: 14 days, two of them rest days."""
    plan = parse_plan(text.encode(), shown_as="x.yaml", check=Plans.default().check_routine)
    assert (plan.name, len(plan.days), sum(day.rest for day in plan.days)) == (
        "my-fortnight",
        14,
        2,
    )


@pytest.mark.parametrize("text", of_kind("toml"))
def test_the_example_settings_read(text: str) -> None:
    settings = parse(text.encode(), shown_as="config.toml")
    assert (settings.volume, settings.show_notes) == (60, "first-time")


def pairs() -> list[tuple[str, str, str]]:
    return [
        (kind, text, BLOCKS[index + 1][1])
        for index, (kind, text) in enumerate(BLOCKS[:-1])
        if kind.endswith("-broken") and BLOCKS[index + 1][0] == "text"
    ]


def test_each_broken_block_is_followed_by_its_messages() -> None:
    assert len(pairs()) == len([kind for kind, _ in BLOCKS if kind.endswith("-broken")])


@pytest.mark.parametrize(("kind", "text", "shown"), pairs())
def test_each_error_shown_is_what_facelift_says(kind: str, text: str, shown: str) -> None:
    expected = [FILE.sub("", line, count=1) for line in shown.splitlines() if line.strip()]
    assert messages(kind, text) == expected
