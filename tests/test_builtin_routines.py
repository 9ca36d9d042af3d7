"""The built-in routines: they load, they are the lengths the system asks for, and they are safe."""

from __future__ import annotations

import pytest

from facelift.base import resources
from facelift.format.library import Library
from facelift.format.routine import Routine, Sides, Step
from facelift.play.timeline import step_count, total_seconds

# name: (part, shortest, longest) in minutes, from the research notes
EXPECTED = {
    "lymphatic": (1, 7.5, 8.5),
    "neck-shoulder-scalp": (2, 11, 12),
    "deep-tissue-face": (3, 10.5, 11.5),
    "buccal": (4, 6, 7),
    "full": (None, 36, 40),
}


def builtin(name: str) -> Routine:
    return Library.default().open(name)


def test_exactly_the_five_built_ins_ship() -> None:
    names = sorted(p.stem for p in resources.builtin_routines_dir().glob("*.yaml"))
    assert names == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_built_in_loads_and_has_a_sane_length(name: str) -> None:
    part, shortest, longest = EXPECTED[name]
    routine = builtin(name)
    assert routine.name == name and routine.part == part
    assert shortest * 60 <= total_seconds(routine) <= longest * 60


@pytest.mark.parametrize("name", ["lymphatic", "neck-shoulder-scalp", "deep-tissue-face", "buccal"])
def test_each_part_has_ten_to_fourteen_steps_and_its_notes(name: str) -> None:
    routine = builtin(name)
    assert 10 <= step_count(routine) <= 14
    assert routine.summary and routine.prepare and routine.safety and routine.reflect
    steps = [item for item in routine.items if isinstance(item, Step)]
    assert all(step.do and step.area for step in steps), "every step says where and how"


def test_the_intra_oral_routines_ask_for_confirmation() -> None:
    """Buccal work, alone or in the full session, needs a yes before it starts."""
    assert builtin("buccal").confirm and builtin("full").confirm
    assert not builtin("lymphatic").confirm


def test_buccal_works_one_side_at_a_time() -> None:
    steps = [item for item in builtin("buccal").items if isinstance(item, Step)]
    inside = [s for s in steps if "inside" in (s.do + s.area).lower()]
    assert inside and all(s.sides is not Sides.BOTH for s in inside)


def test_lymphatic_clears_the_neck_first_and_last() -> None:
    steps = [item for item in builtin("lymphatic").items if isinstance(item, Step)]
    places = ("neck", "collarbone")
    assert any(p in (steps[1].area + steps[1].do).lower() for p in places)
    assert any(p in (steps[-1].area + steps[-1].do).lower() for p in places)


def test_the_full_session_plays_the_four_parts_in_order() -> None:
    full = builtin("full")
    titles = [i.title for i in full.items if isinstance(i, Step)]
    parts = [builtin(n) for n in ("lymphatic", "neck-shoulder-scalp", "deep-tissue-face", "buccal")]
    expected = [i.title for part in parts for i in part.items if isinstance(i, Step)]
    assert titles == expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_built_in_promises_medical_or_cosmetic_results(name: str) -> None:
    routine = builtin(name)
    words = " ".join(
        [routine.summary, routine.description, *routine.prepare, *routine.safety]
        + [f"{i.do} {i.why}" for i in routine.items if isinstance(i, Step)]
    ).lower()
    for claim in ("detox", "toxin", "collagen", "anti-aging", "wrinkle-free", "cure", "boost"):
        assert claim not in words, claim
