"""The built-in routines: they load, they are the lengths the system asks for, and they are safe."""

from __future__ import annotations

import functools

import pytest

from facelift.base import resources
from facelift.format.library import Library
from facelift.format.routine import Routine, Sides, Step
from facelift.play.timeline import total_seconds

# name: (part, shortest, longest) in minutes by the clock (a wait adds the person's own time)
EXPECTED = {
    "lymphatic": (1, 7.5, 8.5),
    "neck-shoulder-scalp": (2, 11, 12),
    "deep-tissue-face": (3, 10.5, 11.5),
    "buccal": (4, 6, 7.5),
    "morning-depuff": (None, 3, 4),
    "desk-release": (None, 4, 5),
    "full": (None, 36, 40),
}
PARTS = ["lymphatic", "neck-shoulder-scalp", "deep-tissue-face", "buccal"]


@functools.cache  # a routine is immutable, and no test here has routines of its own
def builtin(name: str) -> Routine:
    return Library.default().open(name)


def test_exactly_the_seven_built_ins_ship() -> None:
    names = sorted(p.stem for p in resources.builtin_routines_dir().glob("*.yaml"))
    assert names == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_built_in_loads_and_has_a_sane_length(name: str) -> None:
    part, shortest, longest = EXPECTED[name]
    routine = builtin(name)
    assert routine.name == name and routine.part == part
    assert shortest * 60 <= total_seconds(routine) <= longest * 60


@pytest.mark.parametrize("name", PARTS)
def test_each_part_has_ten_to_fifteen_timed_steps_and_its_notes(name: str) -> None:
    routine = builtin(name)
    steps = [item for item in routine.items if isinstance(item, Step)]
    assert 10 <= sum(not step.wait for step in steps) <= 15
    assert routine.summary and routine.prepare and routine.safety and routine.reflect
    assert all(step.do and (step.area or step.wait) for step in steps), "where and how"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_step_can_be_followed_by_ear(name: str) -> None:
    """Each step has a spoken form; each timed step names its zones; a breath or a stillness
    has no pressure and no sides; a step that presses gives a number on the 0-10 scale."""
    routine = builtin(name)
    for step in (item for item in routine.items if isinstance(item, Step)):
        assert step.say and 5 <= len(step.say.split()) <= 30, step.title
        assert step.wait or step.zones, step.title
        if set(step.zones) <= {"belly", "chest"}:
            assert step.pressure is None and step.sides is Sides.BOTH, step.title
        if step.round_cues:
            assert step.repeat == len(step.round_cues) and len(step.sides.order) == 1
        if step.pressure is not None:  # heard, not only read
            assert f"pressure {step.pressure}" in step.say.lower(), step.title


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pressure_keeps_its_ceilings(name: str) -> None:
    """Never above 5 on the neck or anywhere else in the built-ins; drainage featherlight
    (2 or less); under and beside the eyes 2 or less."""
    routine = builtin(name)
    steps = [item for item in routine.items if isinstance(item, Step)]
    for step in steps:
        assert step.pressure is None or step.pressure <= 5, step.title
        if {"under-eyes"} & set(step.zones):
            assert (step.pressure or 0) <= 2, step.title
    if routine.part == 1:
        assert all((step.pressure or 0) <= 2 for step in steps)


def test_the_intra_oral_routines_ask_for_confirmation() -> None:
    """Buccal work, alone or in the full session, needs a yes before it starts."""
    assert builtin("buccal").confirm and builtin("full").confirm
    assert not builtin("lymphatic").confirm


def test_buccal_works_one_side_at_a_time() -> None:
    """Every timed step inside the mouth is for one side, with the hand that works it named."""
    steps = [item for item in builtin("buccal").items if isinstance(item, Step)]
    inside = [s for s in steps if "inner-cheek" in s.zones or "lips" in s.zones]
    assert inside and all(s.sides is not Sides.BOTH for s in inside if not s.wait)
    assert all("hand" in s.say.lower() or "thumb" in s.say.lower() for s in inside)


def test_lymphatic_clears_the_neck_first_and_last() -> None:
    steps = [item for item in builtin("lymphatic").items if isinstance(item, Step)]
    places = ("neck", "collarbone")
    assert any(p in (steps[1].area + steps[1].do).lower() for p in places)
    assert any(p in (steps[-1].area + steps[-1].do).lower() for p in places)


def test_the_full_session_plays_the_four_parts_in_order_with_untimed_changes() -> None:
    """Each part's steps carry the part; between parts 2 and 3, and 3 and 4, the session
    waits for a key; it ends with a minute of stillness."""
    full = builtin("full")
    steps = [i for i in full.items if isinstance(i, Step)]
    in_parts = [(s.part_of.number, s.title) for s in steps if s.part_of]
    expected = [
        (builtin(n).part, i.title) for n in PARTS for i in builtin(n).items if isinstance(i, Step)
    ]
    assert in_parts == expected
    own = [(s.title, s.wait, s.seconds) for s in steps if s.part_of is None]
    assert own == [
        ("Ready for the face work", True, 0),
        ("Oil off", True, 0),
        ("Stillness", False, 60),
    ]


def test_the_full_session_shows_each_parts_own_safety_notes() -> None:
    """Nothing a part cautions is lost: each part's notes come under its title, once."""
    full = builtin("full")
    assert [p.part.title for p in full.parts] == [builtin(n).title for n in PARTS]
    for name, notes in zip(PARTS, full.parts, strict=True):
        shown = set(notes.safety) | set(full.safety)
        assert set(builtin(name).safety) <= shown, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_built_in_promises_medical_or_cosmetic_results(name: str) -> None:
    routine = builtin(name)
    words = " ".join(
        [routine.summary, routine.description, *routine.prepare, *routine.safety]
        + [note for part in routine.parts for note in (*part.prepare, *part.safety)]
        + [
            f"{i.do} {i.say} {i.why} {' '.join(i.round_cues)}"
            for i in routine.items
            if isinstance(i, Step)
        ]
    ).lower()
    for claim in (
        "detox",
        "toxin",
        "collagen",
        "anti-aging",
        "wrinkle-free",
        "cure",
        "boost",
        "no pump",
        "as firm as feels good",
    ):
        assert claim not in words, claim
