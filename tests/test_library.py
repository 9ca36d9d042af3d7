"""Finding routines: names, prefixes, user overrides, files on disk, includes and cycles."""

from __future__ import annotations

from pathlib import Path

import pytest

from facelift.errors import FaceliftError, RoutineError
from facelift.library import Library
from facelift.routine import Rest, Step
from facelift.timeline import total_seconds

from .conftest import WriteRoutine

TINY = "title: {title}\nsteps: [{{title: A, duration: 10}}]\n"


@pytest.fixture
def library(tmp_path: Path) -> Library:
    """A library with two small built-ins and an empty user folder."""
    builtin, user = tmp_path / "builtin", tmp_path / "user"
    builtin.mkdir()
    user.mkdir()
    (builtin / "jaw.yaml").write_text(TINY.format(title="Built-in jaw"))
    (builtin / "jaw-deep.yaml").write_text(TINY.format(title="Deep jaw"))
    (builtin / "neck.yaml").write_text(TINY.format(title="Neck"))
    return Library(builtin_dir=builtin, user_dir=user)


def test_an_exact_name_wins_over_a_longer_prefix_match(library: Library) -> None:
    assert library.find("jaw").name == "jaw"


def test_a_unique_prefix_finds_its_routine(library: Library) -> None:
    assert library.find("ne").name == "neck"
    assert library.find("jaw-d").name == "jaw-deep"


def test_an_ambiguous_prefix_lists_the_candidates(library: Library) -> None:
    with pytest.raises(FaceliftError, match=r"^'ja' could be any of: jaw, jaw-deep; type more"):
        library.find("ja")


def test_an_unknown_name_suggests_close_ones(library: Library) -> None:
    with pytest.raises(FaceliftError) as caught:
        library.find("nekc")
    assert str(caught.value) == (
        "no routine named 'nekc'; did you mean 'neck'? (facelift list shows them all)"
    )


def test_a_user_routine_overrides_a_built_in_of_the_same_name(library: Library) -> None:
    """The user's file is played and listed instead, marked as overriding."""
    (library.user_dir / "jaw.yaml").write_text(TINY.format(title="My jaw"))
    entry = library.find("jaw")
    assert (entry.source, entry.overrides, entry.routine and entry.routine.title) == (
        "user",
        True,
        "My jaw",
    )
    assert [e.name for e in library.entries()].count("jaw") == 1


def test_a_broken_user_routine_is_listed_and_reports_its_errors(library: Library) -> None:
    """It does not hide the others, and opening it gives its own located errors."""
    (library.user_dir / "bad.yaml").write_text("title: Bad\nsteps: []\n")
    names = {e.name: e for e in library.entries()}
    assert names["bad"].played is None and names["neck"].played is not None
    with pytest.raises(RoutineError, match=r"bad.yaml:2:8: steps: the list is empty"):
        library.open("bad")


def test_a_path_opens_a_file_anywhere(library: Library, write_routine: WriteRoutine) -> None:
    path = write_routine(TINY.format(title="Elsewhere"), name="else.yaml")
    assert library.open(str(path)).title == "Elsewhere"


def test_a_missing_file_is_a_one_line_error(library: Library, tmp_path: Path) -> None:
    with pytest.raises(FaceliftError, match=r"nope.yaml: no such file$"):
        library.open(str(tmp_path / "nope.yaml"))


def test_includes_are_played_in_place(library: Library, write_routine: WriteRoutine) -> None:
    """An include brings the other routine's steps, with their own defaults."""
    (library.user_dir / "slow.yaml").write_text(
        "title: Slow\ndefaults: {tempo: 5s, rest: 2s}\nsteps:\n"
        "  - {title: S1, strokes: 2}\n  - {title: S2, strokes: 2}\n"
    )
    path = write_routine("title: Both\nsteps:\n  - include: neck\n  - include: slow\n")
    played = library.open(str(path))
    assert [getattr(i, "title", "rest") for i in played.items] == ["A", "S1", "rest", "S2"]
    assert isinstance(played.items[2], Rest) and played.items[2].seconds == 2
    step = played.items[1]
    assert isinstance(step, Step) and step.seconds == 10  # 2 strokes x 5 s, from slow's defaults
    assert total_seconds(played) == 10 + 10 + 2 + 10


def test_an_automatic_rest_never_follows_the_last_step(library: Library) -> None:
    (library.user_dir / "r.yaml").write_text(
        "title: R\ndefaults: {rest: 3s}\n"
        "steps: [{title: A, duration: 5}, {title: B, duration: 5}]\n"
    )
    assert [type(i).__name__ for i in library.open("r").items] == ["Step", "Rest", "Step"]


def test_an_unknown_include_is_located(library: Library, write_routine: WriteRoutine) -> None:
    path = write_routine("title: T\nsteps:\n  - include: nek\n", name="t.yaml")
    with pytest.raises(RoutineError) as caught:
        library.open(str(path))
    assert str(caught.value) == (
        f"{path}:3:14: steps[1].include: no routine named 'nek'; did you mean 'neck'? "
        "(facelift list shows them all)"
    )


def test_an_include_cycle_is_located(library: Library) -> None:
    """a includes b, b includes a: the error names the whole cycle at the include that closes it."""
    (library.user_dir / "a.yaml").write_text("title: A\nsteps:\n  - include: b\n")
    (library.user_dir / "b.yaml").write_text("title: B\nsteps:\n  - include: a\n")
    with pytest.raises(RoutineError) as caught:
        library.open("a")
    assert str(caught.value) == (
        f"{library.user_dir / 'b.yaml'}:3:14: steps[1].include: include cycle: a -> b -> a"
    )


def test_a_routine_that_includes_itself_is_a_cycle(library: Library) -> None:
    (library.user_dir / "me.yaml").write_text("title: Me\nsteps:\n  - include: me\n")
    with pytest.raises(RoutineError, match="include cycle: me -> me"):
        library.open("me")


def test_includes_that_add_up_past_six_hours_are_refused(library: Library) -> None:
    """The bound is checked while the includes are expanded, at the include that crosses it."""
    (library.user_dir / "long.yaml").write_text(
        "title: Long\nsteps:\n" + "  - {title: A, duration: 2h}\n" * 2
    )
    (library.user_dir / "longer.yaml").write_text(
        "title: Longer\nsteps:\n" + "  - include: long\n" * 2
    )
    with pytest.raises(RoutineError) as caught:
        library.open("longer")
    assert str(caught.value) == (
        f"{library.user_dir / 'longer.yaml'}:4:14: steps[2].include: with its includes the "
        "routine lasts 8h by here; the most is 6h"
    )


def test_an_include_brings_its_consent_and_cautions(
    library: Library, write_routine: WriteRoutine
) -> None:
    """Including a routine that asks for a yes makes the whole routine ask; with no safety
    notes of its own, a routine shows those of what it includes."""
    (library.user_dir / "mouth.yaml").write_text(
        "title: Mouth\nconfirm: true\nsafety: [Gloves on., Stop at sharp pain.]\n"
        "steps: [{title: Lips, duration: 10}]\n"
    )
    path = write_routine("title: Mine\nsteps:\n  - include: neck\n  - include: mouth\n")
    played = library.open(str(path))
    assert played.confirm
    assert played.safety == ("Gloves on.", "Stop at sharp pain.")
    own = write_routine(
        "title: Own\nsafety: [My note.]\nsteps:\n  - include: mouth\n", name="own.yaml"
    )
    assert library.open(str(own)).safety == ("My note.",)


def test_no_automatic_rest_before_a_rest_the_file_asks_for(library: Library) -> None:
    (library.user_dir / "r.yaml").write_text(
        "title: R\ndefaults: {rest: 3s}\n"
        "steps: [{title: A, duration: 5}, {rest: 10}, {title: B, duration: 5}]\n"
    )
    items = library.open("r").items
    assert [getattr(i, "seconds", None) for i in items] == [5, 10, 5]
