"""The fields that guide a person: spoken form, rounds with cues, waiting steps, zones,
direction, the 0-10 pressure scale and the tempo band, each read or refused at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from facelift.base.errors import RoutineError
from facelift.format.advice import advise
from facelift.format.loader import load_routine, parse_routine
from facelift.format.routine import Step
from facelift.format.zones import ZONE_NAMES

from .conftest import Cli, WriteRoutine

GUIDED = """
title: Guided
tempo_band: 10%
steps:
  - title: Gloves on
    wait: true
    do: Put a glove on your right hand. Press any key.
    say: Glove on the right hand, then press any key.
  - title: Neck spots
    say: Flat fingers on the side of the neck. Stretch the skin down, let go.
    zones: [side-of-neck, collarbones]
    direction: toward-collarbone
    pressure: 1
    strokes: 5
    rounds:
      - Just above the collarbone.
      - Halfway up the neck.
      - Just under the ear.
  - title: Breathe
    duration: 20s
"""


def errors_of(path: Path) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_routine(path, shown_as=path.name)
    return [str(problem) for problem in caught.value.problems]


def test_the_guiding_fields_are_read_into_each_step(write_routine: WriteRoutine) -> None:
    """A wait plans no time and has no pressure; rounds set the number of rounds; a step
    without pressure has none (a breath); the routine's band is a share."""
    routine = load_routine(write_routine(GUIDED))
    wait, spots, breathe = routine.items
    assert isinstance(wait, Step) and isinstance(spots, Step) and isinstance(breathe, Step)
    assert (wait.wait, wait.seconds, wait.pressure, wait.say) == (
        True,
        0.0,
        None,
        "Glove on the right hand, then press any key.",
    )
    assert spots.round_cues == (
        "Just above the collarbone.",
        "Halfway up the neck.",
        "Just under the ear.",
    )
    assert (spots.repeat, spots.total_seconds, spots.pressure) == (3, 45.0, 1)
    assert (spots.zones, spots.direction) == (("side-of-neck", "collarbones"), "toward-collarbone")
    assert breathe.pressure is None and routine.tempo_band == 0.1


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        pytest.param(
            "{title: A, duration: 5, pressure: 11}",
            "mine.yaml:2:43: steps[1].pressure: must be from 0 to 10, got 11",
            id="pressure above 10",
        ),
        pytest.param(
            "{title: A, duration: 5, zones: [cheek]}",
            "mine.yaml:2:41: steps[1].zones[1]: unknown zone 'cheek'; did you mean 'cheeks'?",
            id="a zone misspelled",
        ),
        pytest.param(
            "{title: A, duration: 5, zones: [nose]}",
            "mine.yaml:2:41: steps[1].zones[1]: unknown zone 'nose'; expected one of "
            + ", ".join(ZONE_NAMES),
            id="a zone not on the list",
        ),
        pytest.param(
            "{title: A, duration: 5, direction: toward-ears}",
            "mine.yaml:2:44: steps[1].direction: expected one of up, down, out, in, toward-ear, "
            "toward-collarbone, circles, still, got 'toward-ears'; did you mean 'toward-ear'?",
            id="a direction not on the list",
        ),
        pytest.param(
            "{title: A, duration: 5, repeat: 2, rounds: [Low., High.]}",
            "mine.yaml:2:52: steps[1].rounds: give either rounds (one cue a round) or repeat, "
            "not both",
            id="rounds with repeat",
        ),
        pytest.param(
            "{title: A, duration: 5, sides: left-right, rounds: [Low., High.]}",
            "mine.yaml:2:60: steps[1].rounds: rounds with sides: left-right; write a step for "
            "each side",
            id="rounds with two sides",
        ),
        pytest.param(
            "{title: A, wait: true, duration: 5}",
            "mine.yaml:2:42: steps[1].duration: a step that waits for a key has no duration; "
            "leave it out",
            id="a wait with a duration",
        ),
        pytest.param(
            "{title: A, duration: 5, rounds: []}",
            "mine.yaml:2:41: steps[1].rounds: give from 1 to 100 rounds, got 0",
            id="no rounds",
        ),
    ],
)
def test_each_mistake_in_a_guiding_field_is_located(
    write_routine: WriteRoutine, step: str, expected: str
) -> None:
    assert errors_of(write_routine(f"title: T\nsteps: [{step}]\n")) == [expected]


@pytest.mark.parametrize(
    ("band", "expected"),
    [
        ("60%", "mine.yaml:2:13: tempo_band: must be from 0% to 50%, got 60%"),
        (
            "fast",
            "mine.yaml:2:13: tempo_band: expected a share such as 20% (from 0% to 50%), got 'fast'",
        ),
    ],
)
def test_a_tempo_band_out_of_reach_is_located(
    write_routine: WriteRoutine, band: str, expected: str
) -> None:
    path = write_routine(f"title: T\ntempo_band: {band}\nsteps: [{{title: A, duration: 5}}]\n")
    assert errors_of(path) == [expected]


def test_an_old_pressure_word_loads_as_its_number_with_advice(write_routine: WriteRoutine) -> None:
    """A file written before the scale still plays: `medium` is 5, and validate says so."""
    path = write_routine("title: T\nsteps:\n  - {title: A, duration: 5, pressure: medium}\n")
    routine = load_routine(path, shown_as="mine.yaml")
    (step,) = routine.items
    assert isinstance(step, Step) and step.pressure == 5
    assert [str(p) for p in advise(routine, routine, shown_as="mine.yaml")] == [
        "mine.yaml:3:39: warning: steps[1].pressure: 'medium' is read as pressure 5 of 10; "
        "write pressure: 5"
    ]


def test_show_gives_zones_direction_and_the_part_of_each_step(cli: Cli) -> None:
    """`show --json` of the full session: each step has its zones and direction, and the
    steps of a part say which; the parts' own notes come under `parts`."""
    import json

    data = json.loads(cli("show", "full", "--json").out)
    first = data["steps"][0]
    assert first["part"] == {"name": "lymphatic", "title": "Lymphatic Drainage", "number": 1}
    assert first["zones"] == ["belly"] and first["pressure"] is None
    assert [p["part"]["number"] for p in data["parts"]] == [1, 2, 3, 4]
    waits = [s["title"] for s in data["steps"] if s.get("wait")]
    assert "Oil off" in waits and data["steps"][-1]["part"] is None


def test_show_groups_each_parts_safety_notes_under_its_title(cli: Cli) -> None:
    """In `show` and on the printable page, a part's notes come under its own heading."""
    shown = cli("show", "full").out
    assert "Safety · Part 2: Neck, Shoulders and Scalp" in shown
    assert "38:30 + your time · 66 steps" in shown
    page = cli("show", "full", "--markdown").out
    assert "### Part 4: Buccal Massage" in page
    assert re.search(r"\| 1 \| 0:00 \| \*\*Belly breathing\*\* \|  \|  \|", page)


def test_a_starter_with_every_field_loads() -> None:
    """Every field the reference names exists: parse a routine that uses each one."""
    parse_routine(GUIDED.encode(), shown_as="x.yaml")
