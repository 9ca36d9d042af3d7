"""Hostile and random input: always a Routine or a RoutineError, cheaply, never a crash."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from facelift.base.errors import RoutineError
from facelift.format.durations import format_duration, parse_duration
from facelift.format.loader import parse_routine
from facelift.format.routine import Routine

from .conftest import examples


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A safety net, not a speed test: a loader that expands a bomb would hang here."""
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the loader hung"))
    signal.alarm(20)
    yield
    signal.alarm(0)


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse_routine(text.encode(), shown_as="x.yaml")
    return [str(p) for p in caught.value.problems]


def test_an_alias_bomb_is_never_expanded() -> None:
    """Nine levels of nine aliases would be 387 million strings; the loader reads none of them."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = "\n".join(lines) + "\ntitle: T\nprepare: *a9\nsteps: [{title: A, duration: 5}]\n"
    found = problems(text)
    assert found[0].startswith("x.yaml:1:1: a0: unknown field 'a0'")
    assert any("prepare[1]: expected text (put quotes around it), got a list" in f for f in found)


def test_deep_nesting_is_refused_before_it_is_composed() -> None:
    """Forty nested lists stop at the 33rd level with a located error."""
    text = "title: T\nsteps: " + "[" * 40 + "]" * 40 + "\n"
    assert problems(text) == ["x.yaml:2:39: nested more than 32 levels deep; a routine needs a few"]


def test_very_deep_nesting_is_refused_too() -> None:
    """100,000 levels are refused by the parser itself, as one located line."""
    (found,) = problems("title: T\nsteps: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert found.startswith("x.yaml:2:") and "nesting depth" in found


def test_a_raw_control_character_is_a_located_error() -> None:
    """YAML itself refuses it; the message says where, on one line."""
    assert problems("title: T\x07\nsteps: []\n") == [
        "x.yaml:1:9: the file contains a control character (U+0007), which could drive the "
        "terminal; write plain text"
    ]


def test_two_documents_in_one_file_are_an_error() -> None:
    text = "title: T\nsteps: [{title: A, duration: 5}]\n---\ntitle: U\n"
    assert problems(text)[0].startswith("x.yaml:3:1: YAML syntax error: ")


def test_many_errors_are_capped() -> None:
    """A thousand bad lines give fifty located errors and a count of the rest."""
    text = "title: T\nprepare:\n" + "  - 1\n" * 1000 + "steps: [{title: A, duration: 5}]\n"
    found = problems(text)
    assert len(found) == 51
    assert found[-1] == "x.yaml:52:5: ... and 950 more problems"


def test_an_alias_bomb_through_text_stops_at_a_million_characters() -> None:
    """Ten thousand aliases of half a million characters would be 5 GB of text once each
    is trimmed; reading stops when the text passes its bound, at the anchor."""
    big = "x" * 500_000
    text = f'title: T\nprepare:\n  - &a "{big} "\n' + "  - *a\n" * 10_000
    assert problems(text + "steps: [{title: A, duration: 5}]\n") == [
        "x.yaml:3:5: the file reads as more than 1,048,576 characters of text (an anchor "
        "repeated too often?); a routine is far smaller"
    ]


def test_an_alias_bomb_of_values_stops_at_twenty_thousand() -> None:
    """A list of 6,000 values as prepare, safety and reflect, and 2,000 aliases of a step:
    reading stops, located, once 20,000 keys and values are read."""
    items = ", ".join(["a"] * 6_000)
    steps = ", ".join(["*s"] * 2000)
    text = (
        f"l: &l [{items}]\ns: &s {{title: A, do: B, duration: 5}}\ntitle: T\n"
        f"prepare: *l\nsafety: *l\nreflect: *l\nsteps: [{steps}]\n"
    )
    assert problems(text)[1] == (
        "x.yaml:1:5984: the file reads as more than 20,000 keys and values (an anchor "
        "repeated too often?); a routine is far smaller"
    )


def test_an_alias_bomb_of_bad_fields_stops_after_a_thousand_problems() -> None:
    """A step of 8,000 unknown fields, aliased: 24,000 problems are not all looked for."""
    fields = ", ".join(f"title{i}: x" for i in range(8_000))
    text = f"x: &s {{{fields}}}\ntitle: T\nsteps: [*s, *s, *s]\n"
    assert problems(text)[-1] == "x.yaml:1:574: ... and 951 more problems; reading stopped there"


def test_a_flood_of_values_is_refused_before_it_is_composed() -> None:
    text = "title: T\nprepare: [" + ", ".join(["a"] * 60_000) + "]\nsteps: []\n"
    assert problems(text) == ["x.yaml:2:59996: more than 20,000 values; a routine is far smaller"]


def test_reading_stops_after_a_thousand_problems() -> None:
    """Enough to go on with; finding the rest would only cost time."""
    text = "title: T\nprepare:\n" + "  - 1\n" * 5000 + "steps: [{title: A, duration: 5}]\n"
    found = problems(text)
    assert len(found) == 51
    assert found[-1] == "x.yaml:52:5: ... and 951 more problems; reading stopped there"


def outcome_of(data: bytes) -> Routine | RoutineError:
    """The loader's answer: a routine or the error it raised (any other exception escapes)."""
    try:
        return parse_routine(data, shown_as="x.yaml", path=Path("x.yaml"))
    except RoutineError as error:
        return error


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["45s", "1:30", "fast", "light", "left-right", "strokes", "lymphatic"]),
)
keys = st.sampled_from(
    [
        "title",
        "steps",
        "duration",
        "strokes",
        "rest",
        "include",
        "sides",
        "pressure",
        "tempo",
        "repeat",
        "cue",
        "name",
        "part",
        "defaults",
        "sounds",
        "prepare",
        "facelift",
        "x",
    ]
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=30,
)


@settings(max_examples=examples(300), deadline=None)
@given(documents)
def test_any_yaml_document_gives_a_routine_or_a_routine_error(document: object) -> None:
    """Random structures made of the format's own words never raise anything else."""
    text = yaml.safe_dump(document)
    outcome = outcome_of(text.encode())
    if isinstance(outcome, RoutineError):
        assert all(p.line >= 1 and p.column >= 1 for p in outcome.problems)
    else:
        assert isinstance(outcome, Routine)


@settings(max_examples=examples(300), deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_routine_or_a_routine_error(data: bytes) -> None:
    outcome = outcome_of(data)
    assert isinstance(outcome, Routine) or outcome.problems


@given(st.integers(min_value=0, max_value=6 * 3600))
def test_whole_second_durations_round_trip(seconds: int) -> None:
    """What facelift prints as a duration, it reads back as the same number of seconds."""
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.floats(min_value=0, max_value=59.99, allow_nan=False))
def test_fractional_durations_round_trip_to_a_hundredth(seconds: float) -> None:
    parsed = parse_duration(format_duration(seconds))
    assert parsed is not None
    assert abs(parsed - seconds) <= 0.005 + 1e-9


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45", 45),
        ("2.5", 2.5),
        ("45s", 45),
        ("1m30s", 90),
        ("2m", 120),
        ("1:30", 90),
        ("1:00:00", 3600),
        ("1h5m", 3900),
        (" 2 m ", 120),
        ("90S", 90),
        ("1m 30s", 90),
    ],
)
def test_duration_forms(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    ["", "fast", "1:75", "-5", "5x", "m", "1:2", "nan", "inf", "1e400", "4 5", "1e3", "1_000"],
)
def test_not_durations(text: str) -> None:
    assert parse_duration(text) is None
