"""Face maps: which cells a step's zones light, on which side, with which arrows; the map
beside the live screen from 100x30; the zones said in words in plain mode."""

from __future__ import annotations

import io

from rich.console import Console

from facelift.format.routine import Rest, Routine, Sides, Step
from facelift.format.zones import ZONES, zone_words
from facelift.output.facemap import MIDDLE, WIDTH, face_map
from facelift.output.mappanel import COLUMN, GAP
from facelift.output.plain import PlainLines
from facelift.output.screen import render
from facelift.play.player import Key
from facelift.play.timeline import compile_timeline
from tests.test_screen import NOW, play, snap


def lit_columns(zones: tuple[str, ...], side: str | None) -> set[int]:
    face = face_map(zones, side)
    return {c for row in face.rows for c, cell in enumerate(row) if cell.lit}


def test_a_step_lights_its_zones_and_nothing_else() -> None:
    """The forehead on both sides: only forehead cells lit, on both halves of the face."""
    face = face_map(("forehead",))
    assert face.view == "front"
    assert face.lit() == {("forehead", None)}
    columns = lit_columns(("forehead",), None)
    assert min(columns) < MIDDLE < max(columns)


def test_a_one_sided_step_lights_only_that_side_as_in_a_mirror() -> None:
    """The left jaw lights the left half of the map (the person's left, as in a mirror),
    the right jaw the right half; both sides light both."""
    assert face_map(("jawline",), "left").lit() == {("jawline", "left")}
    assert all(c < MIDDLE for c in lit_columns(("jawline",), "left"))
    assert all(c > MIDDLE for c in lit_columns(("jawline",), "right"))
    assert face_map(("jawline",)).lit() == {("jawline", "left"), ("jawline", "right")}


def test_a_zone_without_sides_stays_whole_on_a_one_sided_step() -> None:
    """The chin has no left and right: a left-side step lights all of it."""
    assert face_map(("chin", "jawline"), "left").lit() == {("chin", None), ("jawline", "left")}


def test_the_back_of_the_head_is_drawn_from_behind() -> None:
    """The skull base and the back of the neck: the back view, with those zones lit."""
    face = face_map(("skull-base", "back-of-neck", "shoulders"), None, "down")
    assert face.view == "back"
    assert {zone for zone, _ in face.lit()} == {"skull-base", "back-of-neck", "shoulders"}
    assert face_map(("forehead", "skull-base")).view == "front"  # a tie: the face


def test_every_zone_but_the_belly_is_drawn_in_one_view() -> None:
    """Each zone of the vocabulary lights at least one cell (the belly is below the map)."""
    for zone in ZONES:
        lit = face_map((zone.name,)).lit()
        assert bool(lit) is (zone.name != "belly"), zone.name


def test_arrows_point_the_way_of_the_strokes_on_each_side() -> None:
    """Outward: ← on the person's left half, → on the right; up: ↑; unknown: no arrow."""
    arrows = {
        (c < MIDDLE, cell.char)
        for row in face_map(("cheeks",), None, "out").rows
        for c, cell in enumerate(row)
        if cell.arrow
    }
    assert arrows == {(True, "←"), (False, "→")}
    up = [cell for row in face_map(("forehead",), None, "up").rows for cell in row if cell.arrow]
    assert {cell.char for cell in up} == {"↑"} and all(cell.lit for cell in up)
    assert not any(
        cell.arrow for row in face_map(("cheeks",), None, "sideways").rows for cell in row
    )


def test_the_unlit_map_is_a_symmetric_drawing_of_fixed_width() -> None:
    """Every row WIDTH cells; the drawing the same on both halves; nothing lit."""
    lines = face_map(()).text()
    assert all(len(line) == WIDTH for line in lines)
    assert "█" not in "".join(lines)
    assert [line[:MIDDLE].strip() != "" for line in lines] == [
        line[MIDDLE + 1 :].strip() != "" for line in lines
    ]


def test_zones_are_said_in_words() -> None:
    """Labels joined as a sentence, the direction after a comma; unknown names left out."""
    assert zone_words(("jawline", "jaw-angle"), "toward-ear") == (
        "the jawline and the angle of the jaw, toward the ear"
    )
    assert zone_words(("forehead", "temples", "nope")) == "the forehead and the temples"
    assert zone_words((), "up") == "upward"
    assert zone_words(()) == ""


# -- on the screen and in plain lines -----------------------------------------------------


def mapped() -> Routine:
    return Routine(
        name="m",
        title="Mapped",
        items=(
            Step(
                "Jawline to ear",
                30,
                do="Glide to the ear.",
                sides=Sides.LEFT_RIGHT,
                zones=("jawline", "jaw-angle"),
                direction="toward-ear",
            ),
            Rest(10, note="Hands down."),
            Step("Forehead", 20, do="Smooth up.", zones=("forehead",), direction="up"),
        ),
    )


def screen(width: int, height: int, index: int = 0) -> list[str]:
    console = Console(file=io.StringIO(), width=width, height=height, record=True)
    snapshot = snap(compile_timeline(mapped()), index, 3.0)
    console.print(render(snapshot, now=NOW, width=width, height=height))
    return console.export_text().splitlines()


def test_at_100_by_30_the_map_stands_beside_the_instruction() -> None:
    """The drawing with the left jaw lit and `◂ left` under it, right of the countdown;
    the instruction and the countdown still there, nothing wider than the screen."""
    lines = screen(100, 30)
    drawing = face_map(("jawline", "jaw-angle"), "left", "toward-ear").text()
    text = "\n".join(lines)
    left = 100 - COLUMN + GAP  # where the map begins
    column = [line.ljust(100)[left : left + WIDTH] for line in lines]
    start = column.index(drawing[0])
    assert column[start : start + len(drawing)] == drawing
    assert "◂ left" in lines[start + len(drawing)]
    assert "Glide to the ear." in text and "0:27" not in text  # the time is in block digits
    assert len(lines) == 30 and all(len(line) <= 100 for line in lines)


def test_a_rest_keeps_the_drawing_with_nothing_lit() -> None:
    """The layout does not jump between steps and rests: the map stays, unlit."""
    lines = screen(100, 30, index=2)
    assert any(line.rstrip().endswith(face_map(()).text()[5].rstrip()) for line in lines)
    assert "█" not in "".join(line[-WIDTH:] for line in lines)


def test_below_100_by_30_there_is_no_map() -> None:
    """At 80x24 and at 120x29 the screen is as before: no drawing, the instruction whole."""
    for width, height in ((80, 24), (120, 29), (99, 40)):
        text = "\n".join(screen(width, height))
        assert "╭─┤" not in text and "◂ left" not in text
        assert "Glide to the ear." in text


def test_plain_lines_say_the_zones_on_the_step_line() -> None:
    """`…, the jawline and the angle of the jaw, toward the ear.` after the step's facts."""
    out = io.StringIO()
    play(compile_timeline(mapped()), [PlainLines(out)], [(1, Key.QUIT)])
    assert out.getvalue().splitlines()[0] == (
        "[0:00] Step 1 of 2: Jawline to ear, left side, 30 s,"
        " the jawline and the angle of the jaw, toward the ear."
    )
