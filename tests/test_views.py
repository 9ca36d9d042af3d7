"""`show`'s page: the columns fit the terminal in any language, no word is lost or cut off,
and colour appears only where it is wanted."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facelift.base import resources
from facelift.format.parsed import load_routine
from facelift.format.routine import Routine, Step
from facelift.output import views

from .conftest import examples

SGR = re.compile(r"\x1b\[[0-9;]*m")
LYMPHATIC = resources.builtin_routines_dir() / "lymphatic.yaml"


def page_of(do: str, *, title: str = "Sweep", width: int = 80, colour: bool = False) -> str:
    step = Step(title=title, seconds=10, do=do, area="The jaw")
    return views.routine_page(
        Routine(name="r", title="R", items=(step,)), width=width, colour=colour
    )


@pytest.mark.parametrize("width", [40, 60, 80, 200])
def test_every_line_fits_the_width_and_the_columns_line_up(width: int) -> None:
    page = views.routine_page(load_routine(LYMPHATIC), width=width)
    assert max(views.cells(line) for line in page.splitlines()) <= width
    header = next(line for line in page.splitlines() if line.lstrip().startswith("# start"))
    how = header.index("how")
    first = next(line for line in page.splitlines() if line.lstrip().startswith("1 0:00"))
    assert first[how:].startswith("5 strokes")  # the step's dose under its heading


def test_wide_characters_take_two_cells_and_still_line_up() -> None:
    do = "指の腹を首の横に置き、ゆっくりと鎖骨の方へ皮膚を動かします。" * 3
    lines = page_of(do).splitlines()
    assert max(views.cells(line) for line in lines) <= 80
    first = next(n for n, line in enumerate(lines) if line.startswith("1 0:00  Sweep"))
    how = next(line for line in lines if line.startswith("# start")).index("how")
    row = lines[first + 1 : lines.index("", first)]
    room = how - 8 - 1  # the step column, in cells: two for each of these characters
    assert [views.cells(line) - 8 for line in row] == [room // 2 * 2] * 2 + [
        len(do) * 2 - room // 2 * 4
    ]
    assert "".join(line.strip() for line in row) == do  # folded, every character there
    assert views.cells("首") == 2 and views.cells("é") == 1 and views.cells("e\u0301") == 1


@settings(max_examples=examples(100), deadline=None)
@given(
    words=st.lists(
        st.text(st.sampled_from("ab首é-"), min_size=1, max_size=70), min_size=1, max_size=30
    ),
    width=st.integers(40, 120),
)
def test_no_word_is_lost_and_none_overflows(words: list[str], width: int) -> None:
    """Rich's table cut a word longer than its column with an ellipsis; this page folds it."""
    lines = page_of(" ".join(words), width=width).splitlines()
    assert max(views.cells(line) for line in lines) <= width
    first = next(n for n, line in enumerate(lines) if line.startswith("1 0:00  "))
    row = lines[first : lines.index("", first)]
    assert row[0].endswith("10s")  # the dose, on the row's first line only
    text = row[0].removeprefix("1 0:00  ").removesuffix("10s") + "".join(row[1:])
    assert text.replace(" ", "") == "SweepThejaw" + "".join(words)


def test_colour_only_when_asked_and_the_text_is_the_same() -> None:
    plain = page_of("Move the skin.")
    coloured = page_of("Move the skin.", colour=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;36mR\x1b[0m" in coloured  # the title, bold cyan
    assert SGR.sub("", coloured) == plain


def test_printed_to_a_pipe_without_colour_and_to_a_terminal_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    routine = load_routine(LYMPHATIC)
    pipe, terminal, no_color = io.StringIO(), Terminal(), Terminal()
    monkeypatch.setenv("COLUMNS", "72")
    views.print_routine(routine, pipe)
    views.print_routine(routine, terminal)
    monkeypatch.setenv("NO_COLOR", "1")
    views.print_routine(routine, no_color)
    assert "\x1b[" not in pipe.getvalue() + no_color.getvalue()
    assert "\x1b[1;33mSafety\x1b[0m" in terminal.getvalue()
    assert max(views.cells(line) for line in pipe.getvalue().splitlines()) <= 72


def test_a_long_title_and_headings_wrap_like_the_rest() -> None:
    routine = Routine(
        name="r",
        title="A very long routine title " * 4,
        items=(Step(title="Sweep", seconds=10),),
        prepare=("Warm hands.",),
        summary="    - indented, as a list in a description is\n    - and\u00a0kept\u00a0together",
    )
    lines = views.routine_page(routine, width=40).splitlines()
    assert max(views.cells(line) for line in lines) <= 40
    assert "    - indented, as a list in a" in lines
    assert any(line.endswith("and\u00a0kept\u00a0together") for line in lines)


def test_a_part_heading_is_one_line_whatever_its_title_holds() -> None:
    from facelift.format.routine import PartNotes, PartOf

    part = PartNotes(PartOf("neck", "Neck\nand\tshoulders", 2), prepare=("Sit tall.",))
    routine = Routine(name="r", title="R", items=(Step(title="A", seconds=5),), parts=(part,))
    page = views.routine_page(routine, width=80)
    assert "\t" not in page
    assert any(
        line.startswith("Prepare · ") and "Neck and shoulders" in line for line in page.splitlines()
    )


def test_force_color_colours_a_pipe_and_no_color_still_wins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    routine = load_routine(LYMPHATIC)
    monkeypatch.setenv("FORCE_COLOR", "1")
    forced = io.StringIO()
    views.print_routine(routine, forced)
    monkeypatch.setenv("NO_COLOR", "1")
    plain = io.StringIO()
    views.print_routine(routine, plain)
    assert "\x1b[1;36m" in forced.getvalue() and "\x1b[" not in plain.getvalue()
