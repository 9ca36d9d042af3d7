"""Hostile text through every renderer: whatever a title, an instruction, a note or an answer
holds, what facelift writes carries no control sequence: no character below space but the
line break, no DEL, no C1 control, no bidirectional control, no lone surrogate.

Rich renders go to a console that is not a terminal and has no colours, so every character
in the output came from the text itself, not from Rich's own styling.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType

from facelift.base.safetext import json_safe, terminal_safe
from facelift.commands import history_page, journal_page, listing, stats_page
from facelift.format.library import Entry
from facelift.format.routine import Rest, Routine, Sides, Step
from facelift.output import describe, views
from facelift.output.plain import PlainLines
from facelift.output.screen import render, window_title
from facelift.play.clock import FakeClock
from facelift.play.journal import Journal
from facelift.play.player import Outcome, Player, Snapshot
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
from facelift.play.timeline import compile_timeline
from facelift.shell import afterwards, checkin, introduction, session, session_io

from .conftest import examples
from .fakes import ScriptedKeys, instant_io

# The oracle, written out apart from the code it checks.
CONTROL_OUT = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
NASTY = [chr(n) for n in [*range(0x20), 0x7F, *range(0x80, 0xA0)]]
NASTY += ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F))]
NASTY += [*map(chr, range(0x2066, 0x206A)), "\ud800", "\udfff", "\u2028"]
NASTY += ["\x1b]52;c;ZWNobyBwd25lZAo=\x07", "\x1b[8m", "\x1b]0;pwned\x07", "\r\n"]
MARKUP = ["*", "_", "`", "<script>", "&amp;", "[x](y)", "|", "# ", "1. ", "> ", "\\", "[bold]"]

hostile = st.lists(
    st.one_of(st.sampled_from(NASTY), st.sampled_from(MARKUP), st.text(max_size=4)),
    min_size=1,
    max_size=8,
).map("".join)
EXAMPLES = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
NOW = datetime(2026, 11, 24, 21, 44, 10)
TODAY = date(2026, 11, 30)


def assert_safe(text: str) -> None:
    found = CONTROL_OUT.search(text)
    assert found is None, f"{found.group()!r} in {text!r}"


def rich_text(renderable: RenderableType, width: int = 80, height: int = 24) -> str:
    out = io.StringIO()
    Console(
        file=out,
        width=width,
        height=height,
        force_terminal=False,
        color_system=None,
        highlight=False,
    ).print(renderable)
    return out.getvalue()


def routine_with(text: str) -> Routine:
    """Every text field of a routine holds `text` (the loader would refuse it; a routine
    built in code, a future field or a damaged cache would not)."""
    return Routine(
        name="hostile",
        title=text,
        items=(
            Step(text, 2, do=text, area=text, why=text, strokes=2, tempo=1),
            Rest(1, note=text),
            Step(text, 1, do=text, sides=Sides.LEFT_RIGHT, repeat=2),
        ),
        summary=text,
        description=text,
        prepare=(text,),
        safety=(text, text),
        reflect=(text,),
        path=Path(f"/tmp/{text}.yaml"),
    )


def record_with(text: str) -> SessionRecord:
    step = StepRecord(text, ItemKind.STEP, 1, 0.0, 60.0, 0.0, 60.0)
    journal = Journal(tension_before=7, tension_after=3, note=text, answers=((text, text),))
    return SessionRecord(
        routine=text,
        title=text,
        started="2026-11-29T21:00:00+01:00",
        status=SessionStatus.STOPPED,
        planned_seconds=600.0,
        active_seconds=60.0,
        paused_seconds=0.0,
        steps=(step,),
        journal=journal,
    )


@EXAMPLES
@given(hostile)
def test_the_live_screen_and_the_window_title(text: str) -> None:
    """Every segment of the live view, at two sizes, and the window title set beside it."""
    timeline = compile_timeline(routine_with(text))
    for index, segment in enumerate(timeline.segments):
        snapshot = Snapshot(
            timeline,
            index,
            segment.seconds,
            0.5,
            segment.start,
            0.0,
            paused=index == 1,
            help=index == 2,
        )
        for width, height in ((80, 24), (40, 12)):
            assert_safe(
                rich_text(render(snapshot, now=NOW, width=width, height=height), width, height)
            )
        assert_safe(window_title(snapshot))


@EXAMPLES
@given(hostile)
def test_the_plain_lines(text: str) -> None:
    out = io.StringIO()
    clock = FakeClock()
    timeline = compile_timeline(routine_with(text))
    Player(
        timeline, clock=clock, keys=ScriptedKeys(clock), sinks=[PlainLines(out)], lead_in=1
    ).play()
    assert "] Completed " in out.getvalue()
    assert_safe(out.getvalue())


@EXAMPLES
@given(hostile)
def test_the_list_table_and_json(text: str) -> None:
    """`list` as a table (bold or not) and as JSON, which keeps the text exact."""
    routine = routine_with(text)
    entry = Entry(text, Path(f"/tmp/{text}.yaml"), "user", routine, played=routine)
    assert_safe(listing.table([entry]))
    bold = listing.table([entry], bold=True)
    for own in ("\x1b[1m", "\x1b[1;36m", "\x1b[0m"):  # the table's own styling, and only it
        bold = bold.replace(own, "")
    assert_safe(bold)
    encoded = json_safe(json.dumps([listing.entry_data(entry)], ensure_ascii=False))
    assert_safe(encoded)
    assert json.loads(encoded)[0]["title"] == text


@EXAMPLES
@given(hostile)
def test_show_as_rich_markdown_and_json(text: str) -> None:
    """`show` in each of its forms; the JSON still carries the text exactly."""
    routine = routine_with(text)
    assert_safe(views.routine_page(routine, width=80))
    coloured = views.routine_page(routine, width=80, colour=True)
    assert_safe(re.sub(r"\x1b\[[0-9;]*m", "", coloured))  # only the page's own colours
    assert_safe(describe.markdown(routine))
    encoded = describe.as_json(routine)
    assert_safe(encoded)
    assert json.loads(encoded) == describe.routine_data(routine)


@EXAMPLES
@given(hostile)
def test_history_journal_and_stats(text: str) -> None:
    """The views of the history, the journal in the terminal and its Markdown export."""
    records = [record_with(text)]
    for view in (
        history_page.history_view(records, TODAY),
        journal_page.journal_text(records),
        stats_page.stats_view(records, TODAY),
    ):
        assert_safe(rich_text(view))
    assert_safe(journal_page.journal_markdown(records, TODAY))


@EXAMPLES
@given(hostile)
def test_the_introduction_the_ending_and_the_questions(text: str) -> None:
    """What `start` says before (both ways), the Completed/Stopped lines, and every prompt
    given to input(), the routine's own reflect prompts among them."""
    routine = routine_with(text)
    timeline = compile_timeline(routine)
    prompts: list[str] = []

    def answer(prompt: str = "") -> str:
        prompts.append(prompt)
        return ""

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        introduction.introduce(routine, timeline, plain=True)
        introduction.introduce(routine, timeline, plain=False)
        world = instant_io(ask=answer)
        for outcome in (Outcome.COMPLETED, Outcome.STOPPED):
            afterwards.conclude(world, record_with(text), outcome, plain=False, not_saved=text)
        ask, say = session_io.asking(world)
        checkin.reflect(ask, say, routine.reflect, completed=True, into={})
        session.Warnings(now=True, tell=session_io.teller(world)).warn(text)
    assert prompts[1] == terminal_safe(f"{text}\n> ")  # shown as written, never obeyed
    assert_safe(out.getvalue())
    for prompt in prompts:
        assert_safe(prompt)
