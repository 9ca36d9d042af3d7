"""Finding routines: names, prefixes, user overrides, files on disk, includes and cycles."""

from __future__ import annotations

import tempfile
from pathlib import Path
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facelift.base import resources
from facelift.base.errors import FaceliftError, RoutineError
from facelift.format.includes import Expander
from facelift.format.library import Library
from facelift.format.routine import PartNotes, PartOf, Rest, Routine, Step
from facelift.play.timeline import total_seconds

from .conftest import WriteRoutine, examples

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
    """Including a routine that asks for a yes makes the whole routine ask; its prepare and
    safety notes come along under its title, leaving out those the includer says already."""
    (library.user_dir / "mouth.yaml").write_text(
        "title: Mouth\npart: 4\nconfirm: true\nprepare: [Dentures out.]\n"
        "safety: [Gloves on., Stop at sharp pain.]\nsteps: [{title: Lips, duration: 10}]\n"
    )
    path = write_routine("title: Mine\nsteps:\n  - include: neck\n  - include: mouth\n")
    played = library.open(str(path))
    assert played.confirm and played.safety == ()
    assert played.parts == (
        PartNotes(
            PartOf("mouth", "Mouth", 4), ("Dentures out.",), ("Gloves on.", "Stop at sharp pain.")
        ),
    )
    own = write_routine(
        "title: Own\nsafety: [Stop at sharp pain.]\nsteps:\n  - include: mouth\n",
        name="own.yaml",
    )
    opened = library.open(str(own))
    assert opened.safety == ("Stop at sharp pain.",)
    assert [part.safety for part in opened.parts] == [("Gloves on.",)]


def test_an_included_part_names_each_item_it_brings(
    library: Library, write_routine: WriteRoutine
) -> None:
    """Steps and rests from a routine with `part:` carry its name, title and number; the
    includer's own steps carry none."""
    (library.user_dir / "jaw.yaml").write_text(
        "title: Jaw work\npart: 3\nsteps: [{title: Circles, duration: 10}, {rest: 5}]\n"
    )
    path = write_routine(
        "title: Mine\nsteps:\n  - {title: Breathe, duration: 5}\n  - include: jaw\n"
    )
    breathe, circles, rest = library.open(str(path)).items
    assert breathe.part_of is None  # type: ignore[union-attr]
    assert circles.part_of == rest.part_of == PartOf("jaw", "Jaw work", 3)  # type: ignore[union-attr]


def test_no_automatic_rest_before_a_rest_the_file_asks_for(library: Library) -> None:
    (library.user_dir / "r.yaml").write_text(
        "title: R\ndefaults: {rest: 3s}\n"
        "steps: [{title: A, duration: 5}, {rest: 10}, {title: B, duration: 5}]\n"
    )
    items = library.open("r").items
    assert [getattr(i, "seconds", None) for i in items] == [5, 10, 5]


# -- bounded expansion --------------------------------------------------------------------


def write_chain(folder: Path, length: int) -> None:
    """c0000 includes c0001, which includes c0002, ... down to one step."""
    for k in range(length):
        last = k == length - 1
        body = "  - {title: A, duration: 1s}\n" if last else f"  - include: c{k + 1:04}\n"
        (folder / f"c{k:04}.yaml").write_text(f"title: C{k}\nsteps:\n{body}")


def test_a_chain_of_a_thousand_includes_is_a_located_error(library: Library) -> None:
    """Not a RecursionError: the eleventh level of includes is refused where it is written."""
    write_chain(library.user_dir, 1000)
    with pytest.raises(RoutineError) as caught:
        library.open("c0000")
    assert str(caught.value) == (
        f"{library.user_dir / 'c0010.yaml'}:3:14: steps[1].include: includes nest more than "
        "10 levels deep by here"
    )


def test_includes_may_nest_ten_levels_whatever_was_expanded_first(library: Library) -> None:
    """c0989 nests ten levels and plays; c0988 nests eleven and does not, even once c0989
    and everything below it is expanded and remembered."""
    write_chain(library.user_dir, 1000)
    assert len(library.open("c0989").items) == 1
    with pytest.raises(RoutineError, match=r"c0998.yaml:3:14: steps\[1\].include: includes nest"):
        library.open("c0988")
    played = {e.name: e.played is not None for e in library.entries()}
    assert [name for name, plays in played.items() if name.startswith("c") and plays] == [
        f"c{k:04}" for k in range(989, 1000)
    ]


def test_a_doubling_chain_fails_fast(library: Library) -> None:
    """d30 would play 2^30 steps: it is refused at its eleventh level, where d20 includes
    d19; d10 plays its 1,024 steps."""
    (library.user_dir / "d00.yaml").write_text("title: D0\nsteps: [{title: A, duration: 1s}]\n")
    for k in range(1, 31):
        twice = f"  - include: d{k - 1:02}\n" * 2
        (library.user_dir / f"d{k:02}.yaml").write_text(f"title: D{k}\nsteps:\n{twice}")
    with pytest.raises(RoutineError, match=r"d20.yaml:3:14: steps\[1\].include: includes nest"):
        library.open("d30")
    assert len(library.open("d10").items) == 1024


def test_text_is_bounded_with_includes_too(library: Library) -> None:
    """Four includes of a routine with 300,000 characters of text pass the million."""
    long = "x" * 300_000
    (library.user_dir / "wordy.yaml").write_text(
        f"title: W\nsteps: [{{title: A, do: {long}, duration: 1s}}]\n"
    )
    (library.user_dir / "more.yaml").write_text("title: M\nsteps:\n" + "  - include: wordy\n" * 4)
    with pytest.raises(RoutineError) as caught:
        library.open("more")
    assert str(caught.value) == (
        f"{library.user_dir / 'more.yaml'}:6:14: steps[4].include: with its includes the "
        "routine holds more than 1,048,576 characters of text"
    )


def test_each_routine_is_expanded_once_however_often_it_is_included(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`many` includes `some` 1,000 times and `some` includes `neck` 2 times: three routines
    are expanded, once each, not 2,000 times."""
    (library.user_dir / "some.yaml").write_text("title: S\nsteps:\n" + "  - include: neck\n" * 2)
    (library.user_dir / "many.yaml").write_text("title: M\nsteps:\n" + "  - include: some\n" * 999)
    expanded: list[str] = []
    original = Expander._flat

    def counting(self: Expander, routine: Routine, chain: tuple[str, ...]) -> object:
        expanded.append(routine.name)
        return original(self, routine, chain)

    monkeypatch.setattr(Expander, "_flat", counting)
    assert len(library.open("many").items) == 1998
    assert sorted(expanded) == ["many", "neck", "some"]


def test_a_cycle_repeated_three_thousand_times_is_said_once(library: Library) -> None:
    (library.user_dir / "wa.yaml").write_text("title: A\nsteps:\n" + "  - include: wb\n" * 1500)
    (library.user_dir / "wb.yaml").write_text("title: B\nsteps:\n" + "  - include: wa\n" * 1500)
    with pytest.raises(RoutineError) as caught:
        library.open("wa")
    assert [str(p) for p in caught.value.problems] == [
        f"{library.user_dir / 'wb.yaml'}:3:14: steps[1].include: include cycle: wa -> wb -> wa"
    ]


def test_opening_one_routine_expands_only_it(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`show neck` does not expand the user's routines, broken or not."""
    (library.user_dir / "mine.yaml").write_text("title: M\nsteps:\n  - include: jaw\n")
    expanded: list[str] = []
    original = Expander._flat

    def counting(self: Expander, routine: Routine, chain: tuple[str, ...]) -> object:
        expanded.append(routine.name)
        return original(self, routine, chain)

    monkeypatch.setattr(Expander, "_flat", counting)
    library.open("neck")
    assert expanded == ["neck"]


def test_a_file_opened_by_path_that_includes_its_own_name_is_a_cycle(
    library: Library, write_routine: WriteRoutine
) -> None:
    """As if it were in the routines folder: `name: neck` including neck includes itself."""
    path = write_routine("name: neck\ntitle: My neck\nsteps:\n  - include: neck\n")
    with pytest.raises(RoutineError, match=r"mine.yaml:4:14: steps\[1\].include: include cycle: "):
        library.open(str(path))
    assert library.open("neck").title == "Neck"  # the built-in is untouched


def test_a_broken_file_reports_its_include_errors_with_the_rest(
    library: Library, write_routine: WriteRoutine
) -> None:
    """All at once: a bad value and an unknown include, not one run after the other."""
    path = write_routine("title: T\nsteps:\n  - include: nek\n  - {title: A, duration: fast}\n")
    with pytest.raises(RoutineError) as caught:
        library.open(str(path))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3:14: steps[1].include: no routine named 'nek'; did you mean 'neck'? "
        "(facelift list shows them all)",
        f"{path}:4:26: steps[2].duration: expected a duration such as 45s or 1m30s, got 'fast'",
    ]


def test_only_a_close_name_is_suggested(library: Library) -> None:
    """'nope' is not much like 'neck' (or 'mine'): no suggestion is better than a wrong one."""
    (library.user_dir / "mine.yaml").write_text(TINY.format(title="Mine"))
    with pytest.raises(FaceliftError) as caught:
        library.find("nope")
    assert str(caught.value) == "no routine named 'nope' (facelift list shows them all)"


# -- generated include graphs -------------------------------------------------------------

NAMES = ["a", "b", "c", "d", "e"]
graphs = st.dictionaries(
    st.sampled_from(NAMES),
    st.lists(st.sampled_from(["step", *NAMES, "zz"]), min_size=1, max_size=4),  # zz: no such
    min_size=1,
)


def steps_of(
    name: str, graph: dict[str, list[str]], broken: set[str], seen: tuple[str, ...] = ()
) -> int | None:
    """What a routine should play, by the plainest reading of the rules: its steps, or None
    for an error (unknown or broken include, or a cycle)."""
    if name not in graph or name in broken or name in seen:
        return None
    total = 0
    for entry in graph[name]:
        found = 1 if entry == "step" else steps_of(entry, graph, broken, (*seen, name))
        if found is None:
            return None
        total += found
    return total


@settings(max_examples=examples(150), deadline=None)
@given(graphs, st.sets(st.sampled_from(NAMES)))
def test_any_graph_of_includes_gives_a_routine_or_a_routine_error(
    graph: dict[str, list[str]], broken: set[str]
) -> None:
    """A handful of files including each other in any way (cycles, unknown names, broken
    files): each plays what the rules say or is a located error, whichever is opened first."""
    with tempfile.TemporaryDirectory() as folder:
        user = Path(folder)
        for name, entries in graph.items():
            lines = [ENTRY.format(e) if e != "step" else STEP_LINE for e in entries]
            oops = "oops: 1\n" if name in broken else ""
            (user / f"{name}.yaml").write_text(f"title: {name}\n{oops}steps:\n" + "".join(lines))
        expected = {name: steps_of(name, graph, broken) for name in graph}
        one_by_one = {
            name: played_steps(Library(builtin_dir=user / "none", user_dir=user), name)
            for name in graph
        }
        together = Library(builtin_dir=user / "none", user_dir=user)
        all_at_once = {name: played_steps(together, name) for name in reversed(list(graph))}
        assert one_by_one == all_at_once == expected


ENTRY, STEP_LINE = "  - include: {}\n", "  - {title: S, duration: 1s}\n"


def played_steps(library: Library, name: str) -> int | None:
    """How many steps the routine plays, or None for a RoutineError (each problem located)."""
    try:
        return len(library.open(name).items)
    except RoutineError as error:
        problems = error.problems
    assert problems and all(p.line >= 1 and p.column >= 1 for p in problems)
    return None


LAYERS = [f"n{k:02}" for k in range(14)]
dags = st.lists(st.lists(st.integers(1, 3), max_size=3), min_size=14, max_size=14)


@settings(max_examples=examples(100), deadline=None)
@given(dags, st.sets(st.integers(0, 13), max_size=3), st.randoms(use_true_random=False))
def test_nesting_and_size_bounds_hold_whatever_is_opened_first(
    jumps: list[list[int]], breaks: set[int], random: Random
) -> None:
    """Fourteen routines, each with a step, an include of the next (but at a few breaks) and
    of a few more later ones, so that chains pass ten levels and counts pass 2,000: each
    plays exactly when it nests at most ten levels and has at most 2,000 steps, in
    whatever order they are opened."""
    includes = {
        name: [
            LAYERS[k + j] for j in [*jumps[k], *([1] * (k not in breaks))] if k + j < len(LAYERS)
        ]
        for k, name in enumerate(LAYERS)
    }
    height: dict[str, int] = {}
    steps: dict[str, int] = {}
    for name in reversed(LAYERS):
        height[name] = max((height[i] + 1 for i in includes[name]), default=0)
        steps[name] = 1 + sum(steps[i] for i in includes[name])
    expected = {n: steps[n] if height[n] <= 10 and steps[n] <= 2000 else None for n in LAYERS}
    with tempfile.TemporaryDirectory() as folder:
        user = Path(folder)
        for name in LAYERS:
            lines = [STEP_LINE, *(ENTRY.format(i) for i in includes[name])]
            (user / f"{name}.yaml").write_text(f"title: {name}\nsteps:\n" + "".join(lines))
        library = Library(builtin_dir=user / "none", user_dir=user)
        order = random.sample(LAYERS, len(LAYERS))
        assert {name: played_steps(library, name) for name in order} == expected


def test_every_built_in_is_in_a_file_named_after_it() -> None:
    """What lets `show lymphatic` read one built-in file instead of all of them."""
    builtin = Library(builtin_dir=resources.builtin_routines_dir(), user_dir=Path("/nonexistent"))
    assert [(e.path.name, e.error) for e in builtin.entries()] == [
        (f"{e.name}.yaml", None) for e in builtin.entries()
    ]


def test_a_built_in_read_alone_is_the_one_the_whole_library_gives(library: Library) -> None:
    """Opened by its exact name before anything else, a built-in is read alone; it is the
    same routine, as written and as played, as after every file has been read."""
    opened = [path.name for path in _reading(library, "neck")]
    alone = library.open_both("neck")
    library.entries()  # now every file is read
    assert library.open_both("neck") == alone
    assert opened == ["neck.yaml"]


def test_a_user_routine_of_a_built_ins_name_in_another_file_still_wins(
    library: Library,
) -> None:
    (library.user_dir / "mine.yaml").write_text("name: neck\n" + TINY.format(title="My neck"))
    assert library.open("neck").title == "My neck"


def test_a_built_in_that_includes_another_is_read_with_the_rest(library: Library) -> None:
    (library.builtin_dir / "both.yaml").write_text(
        "title: Both\nsteps:\n  - include: jaw\n  - include: neck\n"
    )
    played = library.open("both")
    assert [item.title for item in played.items if isinstance(item, Step)] == ["A", "A"]


def _reading(library: Library, name: str) -> list[Path]:
    """The files `library.open(name)` reads, in order."""
    from facelift.format.parsed import load_routine as original

    read: list[Path] = []

    def spy(path: Path, **kwargs: object) -> Routine:
        read.append(path)
        return original(path, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("facelift.format.library.load_routine", spy)
        library.open(name)
    return read


def test_the_library_knows_its_own_files_without_reading_them(
    library: Library, write_routine: WriteRoutine
) -> None:
    """What a session records to be resumed from: a library file is found again by name,
    a file elsewhere by its path; a built-in the user overrides is no longer in play."""
    (library.user_dir / "mine.yaml").write_text("name: neck\n" + TINY.format(title="My neck"))
    elsewhere = write_routine(TINY.format(title="Elsewhere"), name="else.yaml")
    assert library.holds(library.user_dir / "mine.yaml")
    assert library.holds(library.builtin_dir / "jaw.yaml")
    assert not library.holds(library.builtin_dir / "neck.yaml")
    assert not library.holds(elsewhere)


def test_a_file_without_includes_is_expanded_without_reading_the_library(
    library: Library, write_routine: WriteRoutine
) -> None:
    elsewhere = write_routine(TINY.format(title="Elsewhere"), name="else.yaml")
    assert _reading(library, str(elsewhere)) == [elsewhere]
    assert library.open(str(elsewhere)).title == "Elsewhere"
