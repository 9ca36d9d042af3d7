"""The JSON Schema of the routine format: valid, complete, and in agreement with the loader."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from facelift.base import resources
from facelift.base.errors import FaceliftError, RoutineError
from facelift.format.cues import CUE_NAMES
from facelift.format.durations import parse_duration
from facelift.format.limits import PRESSURE_WORDS
from facelift.format.loader import (
    DEFAULT_FIELDS,
    INCLUDE_FIELDS,
    REST_FIELDS,
    STEP_FIELDS,
    TOP_FIELDS,
    parse_routine,
)
from facelift.format.routine import Sides, Step, StrokeCue
from facelift.format.schema import (
    DURATION_PATTERN,
    SCHEMA_FILE_NAME,
    routine_schema,
    schema_json,
    write_schema,
)
from facelift.format.zones import DIRECTIONS, ZONE_NAMES

from .conftest import examples

SCHEMA = routine_schema()
VALIDATOR = Draft202012Validator(SCHEMA)


def schema_accepts(text: str) -> bool:
    """Whether the schema accepts a YAML text, read as an editor's YAML server would."""
    return VALIDATOR.is_valid(yaml.safe_load(text))


def loader_problems(text: str) -> list[str]:
    """The loader's messages for a YAML text; empty when it loads."""
    try:
        parse_routine(text.encode(), shown_as="x.yaml")
    except RoutineError as error:
        return [problem.message for problem in error.problems]
    return []


def doc(text: str) -> str:
    """A YAML document written indented in the test."""
    return textwrap.dedent(text).lstrip("\n")


# -- the schema itself ----------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The metaschema accepts it, and it names draft 2020-12 and a host that cannot exist."""
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"].startswith("https://facelift.invalid/")
    assert SCHEMA["title"] and SCHEMA["description"]


def test_the_fields_and_choices_are_the_loaders_own() -> None:
    """Field names (in the loader's order), choices and cue names come from the code."""
    defs = SCHEMA["$defs"]
    props = SCHEMA["properties"]
    assert list(props) == list(TOP_FIELDS)
    assert list(props["defaults"]["properties"]) == list(DEFAULT_FIELDS)
    assert list(props["sounds"]["properties"]) == list(CUE_NAMES)
    assert list(defs["timedStep"]["properties"]) == list(STEP_FIELDS)
    assert list(defs["rest"]["properties"]) == list(REST_FIELDS)
    assert list(defs["include"]["properties"]) == list(INCLUDE_FIELDS)
    step = defs["timedStep"]["properties"]
    assert step["pressure"]["oneOf"][0] == {"type": "integer", "minimum": 0, "maximum": 10}
    assert step["pressure"]["oneOf"][1]["enum"] == list(PRESSURE_WORDS)
    assert step["zones"]["items"]["enum"] == list(ZONE_NAMES)
    assert step["direction"]["enum"] == list(DIRECTIONS)
    assert step["sides"]["enum"] == [s.value for s in Sides]
    assert step["cue"]["enum"] == [c.value for c in StrokeCue]


def walk(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema anywhere in the schema, with a readable location."""
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            yield f"{where}/properties/{name}", value
        for key, value in node.items():
            yield from walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for number, value in enumerate(node):
            yield from walk(value, f"{where}/{number}")


def test_every_property_has_a_description_and_examples() -> None:
    """Hover help and completion need a readable sentence and examples on every field."""
    found = list(walk(SCHEMA))
    assert len(found) >= len(TOP_FIELDS) + len(STEP_FIELDS) + len(CUE_NAMES)
    for where, prop in found:
        description = prop.get("description", "")
        assert description[:1].isupper() and description.endswith("."), where
        assert isinstance(prop.get("examples"), list) and prop["examples"], where
    for name, definition in SCHEMA["$defs"].items():
        assert definition.get("description") and definition.get("examples"), name


def test_every_example_is_valid_where_it_stands() -> None:
    """Each property's examples pass that property's own schema; the whole example passes."""
    for where, prop in walk(SCHEMA):
        alone = Draft202012Validator({**prop, "$defs": SCHEMA["$defs"]})
        for example in prop["examples"]:
            assert alone.is_valid(example), (where, example)
    for name, definition in SCHEMA["$defs"].items():
        alone = Draft202012Validator({**definition, "$defs": SCHEMA["$defs"]})
        for example in definition["examples"]:
            assert alone.is_valid(example), (name, example)
    for example in SCHEMA["examples"]:
        assert VALIDATOR.is_valid(example)
        assert loader_problems(yaml.safe_dump(example)) == []


def test_the_schema_defaults_are_what_the_loader_fills_in() -> None:
    """A bare step loads with the sides, tempo, repeat and pause the schema states, and no
    pressure (a step with none says none)."""
    routine = parse_routine(b"title: T\nsteps: [{title: S, strokes: 2}]\n", shown_as="x.yaml")
    step = routine.items[0]
    assert isinstance(step, Step)
    defaults = SCHEMA["properties"]["defaults"]["properties"]
    assert "default" not in defaults["pressure"] and step.pressure is None
    assert defaults["sides"]["default"] == step.sides.value
    assert parse_duration(defaults["tempo"]["default"]) == step.tempo
    assert parse_duration(defaults["rest"]["default"]) == step.rest_after
    assert SCHEMA["$defs"]["timedStep"]["properties"]["repeat"]["default"] == step.repeat
    assert SCHEMA["properties"]["confirm"]["default"] is routine.confirm


# -- the built-ins and bad files ------------------------------------------------


BUILT_INS = sorted(resources.builtin_routines_dir().glob("*.yaml"))


@pytest.mark.parametrize("path", BUILT_INS, ids=[p.stem for p in BUILT_INS])
def test_every_built_in_routine_validates(path: Path) -> None:
    """The routines that ship pass the schema without a single error."""
    errors = [error.message for error in VALIDATOR.iter_errors(yaml.safe_load(path.read_text()))]
    assert errors == []


def test_there_are_built_ins_to_check() -> None:
    """The parametrized check above is not vacuous."""
    assert len(BUILT_INS) >= 5


GOOD = doc("""
    facelift: 1
    name: my-jaw
    title: My jaw
    part: 4
    confirm: true
    prepare: [Wash your hands.]
    defaults: {pressure: medium, tempo: 2.5s, rest: 0s, sides: left-right, cue: none}
    steps:
      - title: Jaw
        duration: 1m30s
        sides: left
        repeat: 2
      - title: Cheeks
        strokes: 10
        tempo: 4
        cue: strokes
      - rest: 15s
        note: Shake out your hands.
      - include: lymphatic
    """)

STEP = "  - title: Jaw\n    duration: 45s\n"
BAD = {
    "unknown top field": "title: T\ncolour: blue\nsteps:\n" + STEP,
    "unknown step field": "title: T\nsteps:\n  - title: Jaw\n    duration: 45s\n    speed: 2\n",
    "title a number": "title: 42\nsteps:\n" + STEP,
    "step title a number": "title: T\nsteps:\n  - title: 42\n    duration: 45s\n",
    "blank title": "title: ' '\nsteps:\n" + STEP,
    "no title": "steps:\n" + STEP,
    "pressure hard": "title: T\nsteps:\n  - title: Jaw\n    duration: 45s\n    pressure: hard\n",
    "sides up": "title: T\nsteps:\n  - title: Jaw\n    duration: 45s\n    sides: up\n",
    "cue loud": "title: T\nsteps:\n  - title: Jaw\n    duration: 45s\n    cue: loud\n",
    "duration fast": "title: T\nsteps:\n  - title: Jaw\n    duration: fast\n",
    "duration too long": "title: T\nsteps:\n  - title: Jaw\n    duration: 7201\n",
    "duration zero": "title: T\nsteps:\n  - title: Jaw\n    duration: 0\n",
    "duration and strokes": "title: T\nsteps:\n  - title: Jaw\n    duration: 45s\n    strokes: 3\n",
    "neither duration nor strokes": "title: T\nsteps:\n  - title: Jaw\n    do: Circles.\n",
    "strokes zero": "title: T\nsteps:\n  - title: Jaw\n    strokes: 0\n",
    "strokes as text": "title: T\nsteps:\n  - title: Jaw\n    strokes: '10'\n",
    "tempo too fast": "title: T\nsteps:\n  - title: Jaw\n    strokes: 5\n    tempo: 0.4\n",
    "repeat 101": "title: T\nsteps:\n  - title: Jaw\n    duration: 5s\n    repeat: 101\n",
    "rest with a title": "title: T\nsteps:\n  - rest: 10s\n    title: Pause\n",
    "rest too short": "title: T\nsteps:\n  - rest: 0.5\n",
    "include with extra field": "title: T\nsteps:\n  - include: lymphatic\n    note: Hi\n",
    "include not a slug": "title: T\nsteps:\n  - include: My Routine\n",
    "name My Routine": "name: My Routine\ntitle: T\nsteps:\n" + STEP,
    "name too long": f"name: {'a' * 65}\ntitle: T\nsteps:\n" + STEP,
    "part 5": "title: T\npart: 5\nsteps:\n" + STEP,
    "facelift 2": "facelift: 2\ntitle: T\nsteps:\n" + STEP,
    "confirm as text": "title: T\nconfirm: 'yes please'\nsteps:\n" + STEP,
    "prepare not a list": "title: T\nprepare: Wash your hands.\nsteps:\n" + STEP,
    "empty steps": "title: T\nsteps: []\n",
    "steps a mapping": "title: T\nsteps:\n  title: Jaw\n  duration: 45s\n",
    "no steps": "title: T\n",
    "unknown default": "title: T\ndefaults: {speed: 3}\nsteps:\n" + STEP,
    "default rest negative": "title: T\ndefaults: {rest: -1}\nsteps:\n" + STEP,
    "sounds with an unknown cue": "title: T\nsounds: {beep: beep.wav}\nsteps:\n" + STEP,
    "top level a list": "- title: T\n",
}


def test_a_good_document_passes_both() -> None:
    """The baseline: a file using every shape and most fields passes schema and loader."""
    assert schema_accepts(GOOD)
    assert loader_problems(GOOD) == []


@pytest.mark.parametrize("text", BAD.values(), ids=list(BAD))
def test_a_bad_document_is_rejected_by_schema_and_loader(text: str) -> None:
    """The schema rejects each bad file, and so does the loader: the two agree."""
    assert not schema_accepts(text)
    assert loader_problems(text)


EDGES = [
    # (a line under a step, or a top-level line, and whether it is within bounds)
    ("step", "duration: 1", True),
    ("step", "duration: 0.9", False),
    ("step", "duration: 7200", True),
    ("step", "duration: 7200.5", False),
    ("step", "strokes: 1\n    tempo: 1", True),
    ("step", "strokes: 1000", True),
    ("step", "strokes: 1001", False),
    ("step", "strokes: 2\n    tempo: 0.5", True),
    ("step", "strokes: 2\n    tempo: 0.49", False),
    ("step", "strokes: 2\n    tempo: 60", True),
    ("step", "strokes: 2\n    tempo: 60.5", False),
    ("step", "duration: 1\n    repeat: 100", True),
    ("step", "duration: 1\n    repeat: 0", False),
    ("rest", "rest: 1", True),
    ("rest", "rest: 0.99", False),
    ("rest", "rest: 7200", True),
    ("rest", "rest: 7201", False),
    ("top", "part: 1", True),
    ("top", "part: 0", False),
    ("top", "part: 4", True),
    ("top", "defaults: {rest: 0}", True),
    ("top", "defaults: {rest: 7200}", True),
    ("top", "defaults: {rest: 7200.1}", False),
    ("top", "defaults: {tempo: 0.5}", True),
    ("top", "defaults: {tempo: 0.4}", False),
    ("top", f"name: {'a' * 64}", True),
    ("top", "name: -jaw", False),
]


@pytest.mark.parametrize(("where", "line", "within"), EDGES)
def test_schema_and_loader_draw_each_bound_at_the_same_place(
    where: str, line: str, within: bool
) -> None:
    """Bounds the schema copies from the loader's inline numbers agree at both edges."""
    if where == "step":
        text = f"title: T\nsteps:\n  - title: Jaw\n    {line}\n"
    elif where == "rest":
        text = f"title: T\nsteps:\n  - {line}\n{STEP}"  # a routine of rests only is refused
    else:
        text = f"title: T\n{line}\nsteps:\n{STEP}"
    assert schema_accepts(text) is within
    assert (loader_problems(text) == []) is within


# -- durations as text ----------------------------------------------------------


WRITTEN = ["45", "2.5", "45s", "1m30s", "2m", "1h5m", "1:30", "1:00:00", "90:00", "0:45"]
WRITTEN += ["1M30S", "1m 30s", " 45s ", "1.5m", "1:05.5", "2h"]
NOT_DURATIONS = ["fast", "", " ", "s", "1h30", "-5s", "1:75", "1:60:00", "5 minutes", "1..5s"]
NOT_DURATIONS += ["inf", "nan", "1:3", "1ms", "m1", "1s2m"]


@pytest.mark.parametrize("text", WRITTEN)
def test_the_duration_pattern_takes_every_written_form(text: str) -> None:
    """The forms the format documents (and their spacing and case) match the pattern."""
    text_schema = {**SCHEMA["$defs"]["durationText"], "$defs": SCHEMA["$defs"]}
    assert parse_duration(text) is not None
    assert Draft202012Validator(text_schema).is_valid(text)


@pytest.mark.parametrize("text", NOT_DURATIONS)
def test_the_duration_pattern_refuses_what_the_parser_refuses(text: str) -> None:
    """Text the parser cannot read does not match the pattern either."""
    text_schema = {**SCHEMA["$defs"]["durationText"], "$defs": SCHEMA["$defs"]}
    assert parse_duration(text) is None
    assert not Draft202012Validator(text_schema).is_valid(text)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet="0123456789.:hmsHMS -", max_size=12))
def test_whatever_the_pattern_matches_the_parser_reads(text: str) -> None:
    """The pattern never promises a duration that the parser would then refuse."""
    text_schema = {**SCHEMA["$defs"]["durationText"], "$defs": SCHEMA["$defs"]}
    if Draft202012Validator(text_schema).is_valid(text):
        assert parse_duration(text) is not None, text
    assert DURATION_PATTERN.startswith("^") and DURATION_PATTERN.endswith("$")


# -- generated documents ---------------------------------------------------------

# What only the loader can check: strokes x tempo within 1s-2h, and the 6h a routine may last.
# The generator keeps durations written as text within their bounds (a pattern cannot count),
# leaves out `sounds` (the files must exist) and whole numbers written as 2.0 (JSON has no
# such difference).
LOADER_ONLY = ("a step lasts 1s to 2h", "the most is 6h")


def mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Usually a good value, one time in six a bad one, so many documents are nearly right."""
    return st.tuples(st.integers(0, 5), good, bad).map(lambda t: t[2] if t[0] == 0 else t[1])


def within(low: float, high: float, texts: list[str]) -> st.SearchStrategy[Any]:
    """A duration within its bounds: whole or fractional seconds, or one of some texts."""
    return st.one_of(
        st.sampled_from(texts),
        st.integers(int(low + 0.5), int(high)),
        st.floats(low, high, allow_nan=False),
    )


def beyond(low: float, high: float) -> st.SearchStrategy[Any]:
    """A duration out of bounds, unreadable, or not a duration at all."""
    return st.one_of(
        st.floats(low - 5, low, exclude_max=True, allow_nan=False),
        st.floats(high, high + 5, exclude_min=True, allow_nan=False),
        st.sampled_from(["fast", "", "1:75", "-5s", "0:60", "1h30", None, True, ["45s"]]),
    )


def choice(values: list[str]) -> st.SearchStrategy[Any]:
    """A value from an enum, now and then one that is close but wrong."""
    return mostly(st.sampled_from(values), st.sampled_from(["hard", "Light", "up", 3, None]))


def count(high: int) -> st.SearchStrategy[Any]:
    """A whole number from 1 to HIGH, now and then one out of bounds or not whole."""
    bad = st.one_of(st.integers(-2, 0), st.integers(high + 1, high + 9))
    return mostly(st.integers(1, high), st.one_of(bad, st.sampled_from(["10", 2.5, True])))


pressure = mostly(
    st.one_of(st.integers(0, 10), st.sampled_from(list(PRESSURE_WORDS))),
    st.sampled_from([-1, 11, "hard", "Light", "3", 2.5, True, None]),
)
zones = mostly(
    st.lists(st.sampled_from(ZONE_NAMES), max_size=3, unique=True),
    st.sampled_from([["nose"], "cheeks", [1], ["chin", "chin"]]),
)
step_time = mostly(
    within(1, 7200, ["45", "2.5", "45s", "1m30s", "2m", "1h5m", "1:30", "1:00:00"]),
    beyond(1, 7200),
)
tempo = mostly(within(0.5, 60, ["3s", "2.5", "1m", "0:30", "0.5s"]), beyond(0.5, 60))
pause = mostly(within(0, 7200, ["0s", "5s", "2m", "0:00"]), beyond(0, 7200))
text = mostly(st.sampled_from(["Jaw", "Let go. ", ""]), st.sampled_from([3, None, ["x"]]))
title = mostly(st.sampled_from(["Jaw", "Slow circles"]), st.sampled_from(["", "  ", 3, None]))
slug = mostly(
    st.sampled_from(["lymphatic", "my-jaw", "a" * 64, "4"]),
    st.sampled_from(["My Routine", "", "-x", "a" * 65, 7]),
)
unknown = mostly(st.just({}), st.sampled_from([{"speed": 2}, {"durration": "5s"}]))
timing = mostly(
    st.one_of(
        st.fixed_dictionaries({"duration": step_time}),
        st.fixed_dictionaries({"strokes": count(1000)}),
        st.just({"wait": True}),
    ),
    st.sampled_from([{}, {"duration": "45s", "strokes": 10}]),
)
timed = st.builds(
    lambda base, time, extra: {**base, **time, **extra},
    st.fixed_dictionaries(
        {"title": title},
        optional={
            "do": text,
            "say": text,
            "zones": zones,
            "direction": choice(list(DIRECTIONS)),
            "pressure": pressure,
            "sides": choice([s.value for s in Sides]),
            "tempo": tempo,
            "repeat": count(100),
            "cue": choice([c.value for c in StrokeCue]),
        },
    ),
    timing,
    unknown,
)
rest = st.builds(
    lambda base, extra: {**base, **extra},
    st.fixed_dictionaries({"rest": step_time}, optional={"note": text}),
    mostly(st.just({}), st.sampled_from([{"title": "Pause"}, {"include": "my-jaw"}])),
)
include = st.builds(
    lambda base, extra: {**base, **extra},
    st.fixed_dictionaries({"include": slug}),
    mostly(st.just({}), st.just({"note": "Hi"})),
)
routines = st.builds(
    lambda base, extra: {**base, **extra},
    st.fixed_dictionaries(
        {
            "title": title,
            "steps": mostly(
                st.lists(st.one_of(timed, rest, include), min_size=1, max_size=4),
                st.sampled_from([[], None, "Jaw", {"title": "Jaw"}]),
            ),
        },
        optional={
            "facelift": mostly(st.just(1), st.sampled_from([2, "1", 0])),
            "name": slug,
            "part": count(4),
            "summary": text,
            "prepare": mostly(st.lists(text, max_size=2), text),
            "confirm": mostly(st.booleans(), st.sampled_from(["yes please", 1, None])),
            "defaults": st.builds(
                lambda base, extra: {**base, **extra},
                st.fixed_dictionaries(
                    {},
                    optional={
                        "pressure": pressure,
                        "tempo": tempo,
                        "rest": pause,
                        "sides": choice([s.value for s in Sides]),
                        "cue": choice([c.value for c in StrokeCue]),
                    },
                ),
                mostly(st.just({}), st.just({"colour": "blue"})),
            ),
        },
    ),
    unknown,
)


@pytest.mark.slow  # 500 generated documents, each validated and loaded: seconds
@settings(max_examples=examples(500), deadline=None)
@given(routines)
def test_schema_and_loader_agree_on_generated_documents(routine: dict[str, Any]) -> None:
    """What the schema accepts the loader loads, bar what only it can check; and back."""
    text = yaml.safe_dump(routine, sort_keys=False)
    problems = loader_problems(text)
    if schema_accepts(text):
        unexplained = [m for m in problems if not any(gap in m for gap in LOADER_ONLY)]
        assert unexplained == [], text
    else:
        assert problems, text


# -- the file --------------------------------------------------------------------


def test_schema_json_is_the_schema_as_indented_json() -> None:
    """The text form is the same data, indented, with a final newline."""
    written = schema_json()
    assert written.endswith("}\n") and written.startswith('{\n  "$schema"')
    assert json.loads(written) == routine_schema()


def test_write_schema_creates_the_folder_and_writes_the_schema(tmp_path: Path) -> None:
    """The file lands in the folder, under its fixed name, and holds exactly the schema."""
    folder = tmp_path / "new" / "routines"
    path = write_schema(folder)
    assert path == folder / SCHEMA_FILE_NAME
    assert json.loads(path.read_text(encoding="utf-8")) == routine_schema()
    assert [p.name for p in folder.iterdir()] == [SCHEMA_FILE_NAME]


def test_write_schema_replaces_an_old_file_whole(tmp_path: Path) -> None:
    """Writing again replaces an older schema and leaves no temporary file behind."""
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / SCHEMA_FILE_NAME).write_text("{}", encoding="utf-8")
    path = write_schema(folder)
    assert path.read_text(encoding="utf-8") == schema_json()
    assert [p.name for p in folder.iterdir()] == [SCHEMA_FILE_NAME]


def test_write_schema_into_a_file_is_a_user_error(tmp_path: Path) -> None:
    """A folder that cannot be made is a FaceliftError with the path, not a traceback."""
    blocker = tmp_path / "routines"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(FaceliftError, match="cannot write the schema"):
        write_schema(blocker)
    assert blocker.read_text(encoding="utf-8") == "not a folder"
