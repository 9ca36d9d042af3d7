"""Plan files: read as strictly as routines, every problem at once, each located; and the
built-in plans follow the frequency guidance they were written from."""

from __future__ import annotations

import itertools
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facelift.base.errors import FaceliftError, Problem, RoutineError
from facelift.format.library import Library
from facelift.format.plan import MAX_DAYS, Day, Plan
from facelift.format.plan_loader import is_plan_text, parse_plan
from facelift.format.plans_library import Plans
from facelift.play.timeline import total_seconds

from .conftest import WriteRoutine, examples

KNOWN = (
    "lymphatic",
    "neck-shoulder-scalp",
    "deep-tissue-face",
    "buccal",
    "full",
    "morning-depuff",
    "desk-release",
)


def plans() -> Plans:
    return Plans.default()


def load(text: str) -> Plan:
    data = textwrap.dedent(text).lstrip("\n").encode()
    return parse_plan(data, shown_as="p.yaml", check=plans().check_routine)


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load(text)
    return [str(problem) for problem in caught.value.problems]


def test_a_plan_reads_into_days() -> None:
    """A name is one routine, rest is a day off, a list is several in order."""
    plan = load("""
        title: Mine
        days:
          - lymphatic
          - rest
          - [lymphatic, deep-tissue-face]
        """)
    assert plan == Plan(
        name="plan",
        title="Mine",
        days=(Day(("lymphatic",)), Day(), Day(("lymphatic", "deep-tissue-face"))),
    )
    assert plan.days[1].rest and not plan.days[0].rest
    assert plan.routines == ("lymphatic", "deep-tissue-face")


def test_every_problem_is_reported_at_once_with_its_place() -> None:
    """Unknown fields and routines get a did-you-mean; prefixes are refused; each line says
    file:line:col: field: message, in the order of the file. A close misspelling stands in
    for the field it resembles, so `titel` is not also reported as a missing title."""
    assert problems("""
        facelift: 1
        titel: Mine
        repeat: often
        days:
          - lymphatc
          - [lymph, rest]
          - 5
          - [buccal, buccal]
          - []
        """) == [
        "p.yaml:2:1: titel: unknown field 'titel'; did you mean 'title'?",
        "p.yaml:3:9: repeat: expected true or false, got text ('often')",
        "p.yaml:5:5: days[1]: no routine named 'lymphatc'; did you mean 'lymphatic'? "
        "(a plan names routines exactly)",
        "p.yaml:6:6: days[2][1]: no routine named 'lymph'; did you mean 'lymphatic'? "
        "(a plan names routines exactly)",
        "p.yaml:6:13: days[2][2]: rest is a day of its own; write it alone, not in a list",
        "p.yaml:7:5: days[3]: expected a routine's name, rest, or a list of names, got a number",
        "p.yaml:8:14: days[4][2]: 'buccal' is named twice on this day",
        "p.yaml:9:5: days[5]: an empty list; write rest for a day off",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "p.yaml:1:1: the file is empty; a plan needs at least title and days"),
        (
            "- lymphatic\n",
            "p.yaml:1:1: expected a mapping of fields (title:, days:, ...) at the top, got a list",
        ),
        ("title: T\n", "p.yaml:1:1: days: missing; a plan needs a list of days"),
        ("title: T\ndays: lymphatic\n", "p.yaml:2:7: days: expected a list of days, got text"),
        ("title: T\ndays: []\n", "p.yaml:2:7: days: the list is empty; add at least one day"),
        ("title: ''\ndays: [rest]\n", "p.yaml:1:8: title: is empty; write a few words"),
        (
            "facelift: 2\ntitle: T\ndays: [rest]\n",
            "p.yaml:1:11: facelift: format version 2 is "
            "not supported; this facelift reads version 1",
        ),
        (
            "title: T\ndays: [My Routine]\n",
            "p.yaml:2:8: days[1]: expected a name of lowercase "
            "letters, digits and '-' (like 'my-jaw'), got 'My Routine'",
        ),
        (
            "title: T\ndays: [[a, b, c, d, e, f, g, h, i]]\n",
            "p.yaml:2:8: days[1]: 9 routines in a day; the most is 8",
        ),
        ("title: T\ndays: {a: 1}\n", "p.yaml:2:7: days: expected a list of days, got a mapping"),
        (
            "title: T\nsteps: [rest]\ndays: [rest]\n",
            "p.yaml:2:1: steps: unknown field 'steps' in "
            "a plan; expected one of facelift, name, title, summary, description, repeat, days",
        ),
    ],
)
def test_each_mistake_is_one_located_line(text: str, message: str) -> None:
    assert problems(text) == [message]


def test_a_plan_longer_than_a_year_is_refused() -> None:
    """Bounded: 366 days at most (a repeating plan covers longer practice)."""
    text = "title: T\ndays:\n" + "  - rest\n" * (MAX_DAYS + 1)
    assert problems(text) == [
        "p.yaml:3:3: days: 367 days; a plan has at most 366 "
        "(repeat: true plays a shorter one again and again)"
    ]


def test_a_broken_routine_is_named_with_the_way_to_see_why(user_routines: Path) -> None:
    """A plan may name a user routine; one with errors points at `facelift validate`."""
    (user_routines / "mine.yaml").write_text("title: Mine\nsteps: oops\n", encoding="utf-8")
    assert problems("title: T\ndays: [mine]\n") == [
        f"p.yaml:2:8: days[1]: routine 'mine' has errors; run: facelift validate "
        f"{user_routines / 'mine.yaml'}"
    ]


def test_hostile_yaml_is_refused_in_one_line(write_routine: WriteRoutine) -> None:
    """Tags, deep nesting, huge files and bad bytes: one located line, never a crash."""
    cases = {
        "tag.yaml": (b"title: !!python/object:os.system x\ndays: [rest]\n", "title: expected"),
        "deep.yaml": (b"title: T\ndays: " + b"[" * 40 + b"]" * 40 + b"\n", "nested more than"),
        "big.yaml": (b"title: T\ndays: [rest]\n" + b"#" * (1024 * 1024), "larger than 1 MiB"),
        "bytes.yaml": (b"title: \xff\ndays: [rest]\n", "not UTF-8 text"),
    }
    for name, (data, piece) in cases.items():
        path = write_routine("", name=name)
        path.write_bytes(data)
        with pytest.raises(FaceliftError) as caught:
            plans().load(path, shown_as=name)
        lines = str(caught.value).splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"{name}:") and piece in lines[0]


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_give_a_plan_or_a_located_error(data: bytes) -> None:
    """Whatever the file holds, the loader returns a Plan or raises RoutineError."""
    found: tuple[Problem, ...] = ()
    try:
        parse_plan(data, shown_as="p.yaml", check=lambda name: None)
    except RoutineError as error:
        found = error.problems
    assert all(str(problem).startswith("p.yaml:") for problem in found)


def test_a_plan_is_told_from_a_routine_by_its_days_key() -> None:
    assert is_plan_text(b"title: T\ndays: [rest]\n")
    assert not is_plan_text(b"title: T\nsteps: []\n")
    assert not is_plan_text(b"days: [unclosed\n")
    assert not is_plan_text(b"- days\n")


def test_a_user_plan_overrides_a_built_in_of_the_same_name(home: Path) -> None:
    (home / "plans").mkdir()
    (home / "plans" / "everyday.yaml").write_text("title: Mine\ndays: [lymphatic]\n")
    entries = {entry.name: entry for entry in plans().entries()}
    assert (entries["everyday"].source, entries["everyday"].overrides) == ("user", True)
    assert entries["four-weeks"].source == "built-in"
    assert plans().open("everyday").title == "Mine"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "four-wek",
            "no plan named 'four-wek'; did you mean 'four-weeks'? "
            "(facelift plan list shows them all)",
        ),
        ("", "give a plan's name (facelift plan list shows them all)"),
    ],
)
def test_an_unknown_plan_name_gets_a_did_you_mean(query: str, message: str) -> None:
    with pytest.raises(FaceliftError) as caught:
        plans().find(query)
    assert str(caught.value) == message


def test_a_unique_prefix_finds_a_plan_unless_exact() -> None:
    assert plans().find("four").name == "four-weeks"
    with pytest.raises(FaceliftError):
        plans().find("four", exact=True)


# -- the built-in plans -------------------------------------------------------------------


def builtin(name: str) -> Plan:
    entry = plans().find(name, exact=True)
    assert entry.source == "built-in" and entry.plan is not None, entry.error
    return entry.plan


def test_every_built_in_plan_loads_and_names_only_built_in_routines() -> None:
    names = {entry.name for entry in Library.default().entries()}
    for entry in plans().entries():
        assert entry.plan is not None, entry.error
        assert set(entry.plan.routines) <= names & set(KNOWN)


def weeks(plan: Plan) -> list[tuple[Day, ...]]:
    return [plan.days[start : start + 7] for start in range(0, len(plan.days), 7)]


def test_four_weeks_follows_the_frequency_guidance() -> None:
    """28 days; drainage on every practice day; a rest day each week; deep tissue and buccal
    two or three times a week (buccal not in the gentler first week) and never on two days
    running; and no deeper work of either kind on two days running."""
    plan = builtin("four-weeks")
    assert (len(plan.days), plan.repeat) == (28, False)
    assert all("lymphatic" in day.routines for day in plan.days if not day.rest)
    for week in weeks(plan):
        assert sum(day.rest for day in week) == 1
    deep = [sum("deep-tissue-face" in day.routines for day in week) for week in weeks(plan)]
    buccal = [sum("buccal" in day.routines for day in week) for week in weeks(plan)]
    assert deep == [2, 2, 3, 3] and buccal == [0, 2, 2, 3]
    deeper = [bool({"deep-tissue-face", "buccal"} & set(day.routines)) for day in plan.days]
    assert not any(a and b for a, b in itertools.pairwise(deeper))


def test_everyday_is_a_short_repeating_week() -> None:
    """Seven days that repeat, about ten minutes at most a day, one rest day, and the desk
    release never on a day of the longer neck routine."""
    plan = builtin("everyday")
    assert (len(plan.days), plan.repeat) == (7, True)
    library = Library.default()
    for day in plan.days:
        minutes = sum(total_seconds(library.open(name)) for name in day.routines) / 60
        assert minutes <= 12, day
        assert not {"desk-release", "neck-shoulder-scalp"} <= set(day.routines), day
    assert sum(day.rest for day in plan.days) == 1
