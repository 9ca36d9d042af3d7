"""The cache of parsed routines: a file read again is the routine the loader made of it,
down to every location and notice, and anything changed, broken or not facelift's own is
read afresh from the YAML."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facelift.base import paths, resources
from facelift.base.errors import RoutineError
from facelift.format import loader, parsed, plan_loader
from facelift.format.plan import Plan
from facelift.format.plans_library import Plans
from facelift.format.routine import Routine, Step

from .conftest import WriteRoutine, examples

TINY = "title: Tiny\nsteps:\n  - title: Touch\n    do: Rest your hands.\n    duration: 10\n"


def cached_files() -> list[Path]:
    return sorted((paths.cache_dir() / parsed.FOLDER).glob("*.json"))


def everything(routine: Routine) -> tuple[object, ...]:
    """A routine with the fields equality leaves out (where each value stands, the advice)."""
    items = tuple((item, getattr(item, "location", None)) for item in routine.items)
    return (routine, items, routine.notices, routine.path)


def reading_yaml(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the loader parses from here on."""
    parsed_paths: list[Path] = []
    original = loader.parse_routine

    def spy(data: bytes, **kwargs: object) -> Routine:
        parsed_paths.append(kwargs["path"])  # type: ignore[arg-type]
        return original(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "parse_routine", spy)
    return parsed_paths


@pytest.mark.parametrize("path", sorted(resources.builtin_routines_dir().glob("*.yaml")))
def test_every_built_in_comes_back_from_the_cache_as_the_loader_made_it(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field of a type the cache does not know would make every read a miss: this fails."""
    first = parsed.load_routine(path)
    assert len(cached_files()) == 1
    reading = reading_yaml(monkeypatch)
    again = parsed.load_routine(path)
    assert reading == []  # from the cache
    assert everything(again) == everything(first) == everything(loader.load_routine(path))


steps: st.SearchStrategy[dict[str, object]] = st.fixed_dictionaries(
    {"title": st.sampled_from(["Sweep", "Press: hold", "Circles — slowly"])},
    optional={
        "do": st.text(st.characters(codec="utf-8", exclude_categories=["C"]), max_size=40),
        "strokes": st.integers(1, 30),
        "sides": st.sampled_from(["both", "left-right", "right-left", "left", "right"]),
        "pressure": st.integers(0, 10),
        "zones": st.just(["jawline"]),
        "repeat": st.integers(1, 3),
        "why": st.sampled_from(["", "It moves fluid toward the nodes."]),
        "tempo": st.sampled_from([2, 2.5, 4]),
        "cue": st.sampled_from(["strokes", "none"]),
    },
).map(lambda step: step if "strokes" in step else {**step, "duration": 12})


rests = st.builds(lambda seconds: {"rest": seconds}, st.integers(1, 30))


@settings(max_examples=examples(60), deadline=None)
@given(items=st.lists(st.one_of(steps, rests), min_size=1))
def test_any_routine_that_loads_comes_back_from_the_cache_unchanged(
    items: list[dict[str, object]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    items = [*items, {"title": "Last", "duration": 5}]  # never only rests
    path = tmp_path_factory.mktemp("any") / "any.yaml"
    path.write_text(
        json.dumps({"title": "Any", "steps": items}, ensure_ascii=False), encoding="utf-8"
    )
    try:
        first = parsed.load_routine(path)
    except RoutineError:  # what does not load is never kept
        assert not (paths.cache_dir() / parsed.FOLDER / parsed_name(path)).exists()
        return
    assert everything(parsed.load_routine(path)) == everything(first)


def parsed_name(path: Path) -> str:
    return parsed._cache_file(path, str(path), parsed.FOLDER).name  # type: ignore[union-attr]


def test_a_file_read_again_is_not_parsed_again(
    write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_routine(TINY)
    parsed.load_routine(path)
    reading = reading_yaml(monkeypatch)
    parsed.load_routine(path)
    assert reading == []


def test_a_file_changed_in_one_byte_is_read_afresh_even_with_its_size_and_time_kept(
    write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_routine(TINY)
    parsed.load_routine(path)
    status = path.stat()
    path.write_text(TINY.replace("duration: 10", "duration: 20"))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    reading = reading_yaml(monkeypatch)
    (step,) = parsed.load_routine(path).items
    assert isinstance(step, Step) and step.seconds == 20
    assert reading == [path]


def test_a_routine_with_errors_is_not_kept_and_says_so_every_time(
    write_routine: WriteRoutine,
) -> None:
    path = write_routine("title: Broken\nsteps: []\n")
    for _ in range(2):
        with pytest.raises(RoutineError, match="the list is empty"):
            parsed.load_routine(path)
    assert cached_files() == []


def test_a_routine_that_names_sounds_is_not_kept(write_routine: WriteRoutine) -> None:
    """Its check reads the sound files too, which the cache does not watch."""
    path = write_routine(TINY)
    (path.parent / "chime.wav").write_bytes((resources.sounds_dir() / "step.wav").read_bytes())
    path.write_text(TINY + "sounds:\n  step: chime.wav\n")
    assert parsed.load_routine(path).sounds
    assert cached_files() == []


def test_the_same_file_shown_by_another_name_has_its_locations_named_so(
    write_routine: WriteRoutine,
) -> None:
    path = write_routine(TINY)
    parsed.load_routine(path, shown_as="mine.yaml")
    again = parsed.load_routine(path, shown_as="theirs.yaml")
    assert again.items[0].location.file == "theirs.yaml"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "kept",
    [
        "",
        "{not json",
        "[1, 2]",
        '{"key": null}',
        "\x00\xff",
    ],
)
def test_a_cache_file_that_is_not_facelifts_is_ignored_and_replaced(
    write_routine: WriteRoutine, kept: str
) -> None:
    path = write_routine(TINY)
    first = parsed.load_routine(path)
    (where,) = cached_files()
    where.write_text(kept, encoding="utf-8", errors="surrogateescape")
    assert everything(parsed.load_routine(path)) == everything(first)
    assert json.loads(where.read_text(encoding="utf-8"))["text"] == TINY


def test_a_cache_kept_with_other_fields_is_ignored(
    write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A routine kept by a facelift whose model had other fields is never half-read."""
    path = write_routine(TINY)
    parsed.load_routine(path)
    (where,) = cached_files()
    kept = json.loads(where.read_text(encoding="utf-8"))
    kept["kept"]["items"][0]["step"]["gone"] = 1
    where.write_text(json.dumps(kept), encoding="utf-8")
    reading = reading_yaml(monkeypatch)
    parsed.load_routine(path)
    assert reading == [path]


def test_a_changed_facelift_reads_every_file_afresh(
    write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_routine(TINY)
    parsed.load_routine(path)
    monkeypatch.setattr(parsed, "_key", lambda: "another facelift")
    reading = reading_yaml(monkeypatch)
    parsed.load_routine(path)
    assert reading == [path]


def test_a_cache_that_cannot_be_written_changes_nothing(
    write_routine: WriteRoutine, home: Path
) -> None:
    (home / "cache").write_text("a file where the cache folder would be")
    path = write_routine(TINY)
    for _ in range(2):
        assert parsed.load_routine(path).title == "Tiny"


def test_a_routine_read_not_to_be_kept_leaves_no_trace(write_routine: WriteRoutine) -> None:
    parsed.load_routine(write_routine(TINY), keep=False)
    assert cached_files() == []


def test_a_routine_played_the_second_time_is_read_without_yaml(
    write_routine: WriteRoutine, home: Path
) -> None:
    """What the cache is for: PyYAML and the loader are not imported at all."""
    path = write_routine(TINY)
    env = {**os.environ, "FACELIFT_HOME": str(home), "PYTHONPATH": str(Path.cwd())}
    probe = (
        "import sys; from facelift.format.library import Library; "
        f"Library.default().open({str(path)!r}); print('yaml' in sys.modules)"
    )
    found = [
        subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert found == ["True", "False"]


def test_a_kept_routine_is_the_written_one_not_the_played_one() -> None:
    """The cache never holds what only playing sets (parts, part_of), nor a file's path."""
    path = resources.builtin_routines_dir() / "lymphatic.yaml"
    parsed.load_routine(path)
    (where,) = cached_files()
    kept = json.loads(where.read_text(encoding="utf-8"))["kept"]
    assert {"path", "sounds", "parts"}.isdisjoint(kept)
    assert all(entry.get("step", {}).get("part_of") is None for entry in kept["items"])


# -- plans ------------------------------------------------------------------------------------

PLAN = "title: Mine\ndays:\n  - lymphatic\n  - rest\n  - [lymphatic, neck-shoulder-scalp]\n"


@pytest.mark.parametrize("path", sorted(resources.builtin_plans_dir().glob("*.yaml")))
def test_every_built_in_plan_comes_back_from_the_cache_as_the_loader_made_it(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = Plans.default().check_routine
    first = parsed.load_plan(path, check=check)
    monkeypatch.setattr(plan_loader, "parse_plan", None)  # from the cache, or a TypeError
    again = parsed.load_plan(path, check=check)
    monkeypatch.undo()
    assert again == first == plan_loader.load_plan(path, check=check)
    assert again.path == path


def test_a_plan_read_again_is_not_parsed_again(
    write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_routine(PLAN, name="plan.yaml")
    parsed.load_plan(path)
    calls: list[bytes] = []
    original = plan_loader.parse_plan

    def spy(data: bytes, **kwargs: Any) -> Plan:
        calls.append(data)
        return original(data, **kwargs)

    monkeypatch.setattr(plan_loader, "parse_plan", spy)
    assert parsed.load_plan(path).days[2].routines == ("lymphatic", "neck-shoulder-scalp")
    assert calls == []


def test_a_kept_plan_whose_routine_is_gone_is_read_afresh_to_say_where(
    write_routine: WriteRoutine,
) -> None:
    """The file is unchanged, but the routines it names are checked as they are now."""
    path = write_routine(PLAN, name="plan.yaml")
    parsed.load_plan(path, check=lambda name: None)
    gone = {"neck-shoulder-scalp": "no routine named 'neck-shoulder-scalp'"}
    with pytest.raises(RoutineError) as raised:
        parsed.load_plan(path, check=gone.get)
    (problem,) = raised.value.problems
    assert (problem.line, problem.column, problem.message) == (5, 17, gone["neck-shoulder-scalp"])


# -- a cache someone else wrote ---------------------------------------------------------------


def tamper(where: Path, change: Callable[[dict[str, Any]], None]) -> None:
    kept = json.loads(where.read_text(encoding="utf-8"))
    change(kept["kept"])
    where.write_text(json.dumps(kept), encoding="utf-8")


def first_step(kept: dict[str, Any]) -> dict[str, Any]:
    return kept["items"][0]["step"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "change",
    [
        lambda kept: first_step(kept).update(seconds="abc"),
        lambda kept: first_step(kept).update(seconds=float("nan")),
        lambda kept: first_step(kept).update(sides="sideways"),
        lambda kept: first_step(kept).update(zones=[1]),
        lambda kept: first_step(kept).update(location={"file": "x", "line": "1", "column": 1}),
        lambda kept: first_step(kept).update(part_of={"name": "x", "title": "X"}),
        lambda kept: kept.update(title=5),
        lambda kept: kept.update(title="\x1b]0;owned\x07"),
        lambda kept: kept.update(items={"step": {}}),
        lambda kept: kept["items"].append({"step": {}, "rest": {}}),
        lambda kept: kept["notices"].append({"file": "x"}),
    ],
    ids=[
        "seconds as text",
        "NaN",
        "an unknown side",
        "a zone as a number",
        "a line as text",
        "a played part",
        "a title as a number",
        "a title a terminal would obey",
        "items as a mapping",
        "an item of two kinds",
        "a notice missing fields",
    ],
)
def test_a_tampered_cache_is_no_cache(
    write_routine: WriteRoutine, change: Callable[[dict[str, Any]], None]
) -> None:
    """Each value is checked against its field's type: the file is read again instead."""
    path = write_routine(TINY)
    first = parsed.load_routine(path)
    (where,) = cached_files()
    tamper(where, change)
    assert everything(parsed.load_routine(path)) == everything(first)


def test_a_tampered_plan_is_no_cache(write_routine: WriteRoutine) -> None:
    path = write_routine(PLAN, name="plan.yaml")
    first = parsed.load_plan(path)
    (where,) = sorted((paths.cache_dir() / parsed.PLANS_FOLDER).glob("*.json"))
    tamper(where, lambda kept: kept.update(days=[[1]]))
    assert parsed.load_plan(path) == first


def test_a_cache_file_that_is_a_pipe_is_not_waited_on(write_routine: WriteRoutine) -> None:
    path = write_routine(TINY)
    parsed.load_routine(path)
    (where,) = cached_files()
    where.unlink()
    os.mkfifo(where)
    assert parsed.load_routine(path).title == "Tiny"  # a read of a pipe would wait forever


def test_a_facelift_whose_sources_cannot_be_listed_keeps_no_cache(
    write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(parsed, "_DECIDING", (tmp_path / "gone",))
    monkeypatch.setattr(parsed, "_key_made", [])
    path = write_routine(TINY)
    for _ in range(2):
        assert parsed.load_routine(path).title == "Tiny"
    assert cached_files() == []


def test_the_same_file_shown_two_ways_is_kept_twice(write_routine: WriteRoutine) -> None:
    """`show ./x.yaml` and `list` do not keep undoing each other's copy."""
    path = write_routine(TINY)
    parsed.load_routine(path, shown_as="a.yaml")
    parsed.load_routine(path, shown_as="b.yaml")
    assert len(cached_files()) == 2


def test_past_its_bound_the_cache_lets_the_older_half_go(
    write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsed, "MAX_KEPT", 4)
    for number in range(5):
        parsed.load_routine(write_routine(TINY, name=f"r{number}.yaml"))
    assert len(cached_files()) == 2
