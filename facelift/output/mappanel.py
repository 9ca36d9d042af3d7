"""The face map beside the live screen's instruction: the step's zones lit in the side's colour.

Shown only on a terminal of at least MIN_COLUMNS x MIN_ROWS and only for a routine that
names zones; below that the screen is laid out as before, so the map never costs the
countdown or the instruction a row or a column.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from facelift.format.routine import Step
from facelift.output.facemap import WIDTH, FaceMap, face_map
from facelift.play.player import Snapshot

MIN_COLUMNS, MIN_ROWS = 100, 30
GAP = 3  # blank cells between the screen's text and the map
COLUMN = WIDTH + GAP + 1  # what the map takes from the width, a margin at the right edge


def column(
    snapshot: Snapshot, width: int, height: int, styles: Mapping[str | None, str]
) -> list[Text]:
    """The map's rows for this moment, or none when the terminal is small or the routine
    names no zones (so that rests and zoneless steps keep the same layout as the rest)."""
    if width < MIN_COLUMNS or height < MIN_ROWS:
        return []
    routine = snapshot.timeline.routine
    if not any(isinstance(item, Step) and item.zones for item in routine.items):
        return []
    segment = snapshot.segment
    item = segment.item
    style = styles.get(segment.side, "green")
    if isinstance(item, Step) and not segment.is_rest:
        face = face_map(item.zones, segment.side, item.direction)
    else:
        face = face_map(())
    return [
        *draw(face, style),
        _legend(face, segment.side if isinstance(item, Step) else "", style),
    ]


def draw(face: FaceMap, style: str) -> list[Text]:
    """The drawing dim, lit cells solid in `style`, marks cut out of them."""
    rows = []
    for row in face.rows:
        line = Text()
        for cell in row:
            if not cell.lit:
                line.append(cell.char, "dim")
            elif cell.char == " ":
                line.append("█", style)
            else:
                line.append(cell.char, f"bold reverse {style}")
        rows.append(line)
    return rows


def _legend(face: FaceMap, side: str | None, style: str) -> Text:
    """`left ... right` under the map (the person's own, as in a mirror), the worked side
    marked; `from behind` in the middle for the back view."""
    middle = "from behind" if face.view == "back" else ""
    line = Text()
    line.append(
        "◂ left" if side == "left" else "left", f"bold {style}" if side == "left" else "dim"
    )
    right = Text("right ▸" if side == "right" else "right")
    right.stylize(f"bold {style}" if side == "right" else "dim")
    room = WIDTH - line.cell_len - right.cell_len
    line.append(middle.center(room), "dim")
    return line + right


def beside(rows: list[Text], face: list[Text], first: int, end: int, width: int) -> list[Text]:
    """`rows` with the map placed right of `width` cells, centred between rows first and end."""
    top = first + max(0, (end - first - len(face)) // 2)
    placed = list(rows)
    for offset, line in enumerate(face):
        row = placed[top + offset].copy()
        row.truncate(width, pad=True)
        placed[top + offset] = row + Text(" " * GAP) + line
    return placed
