# ruff: noqa: RUF001 (the drawing is made of box-drawing characters, not slashes)
"""The face map as a small inline SVG, for the printable card: the same drawing as the
screen's, its lines drawn as strokes and its lit zones as filled cells, so that it prints
sharp at any size and needs no font but for the arrows."""

from __future__ import annotations

from collections.abc import Iterable

from facelift.output.facemap import WIDTH, face_map

CELL_W, CELL_H = 10, 20  # a terminal cell is about twice as tall as wide
SIDE_COLOURS = {"left": "#1f77b4", "right": "#b8408f", None: "#3b8f3b"}
# Each drawing character as segments in its cell, (x, y) from 0 to 1: l(eft) r(ight)
# t(op) b(ottom) c(entre); corners are drawn as quarter curves through the centre.
_LINES = {
    "─": ["M0 .5H1"],
    "│": ["M.5 0V1"],
    "╱": ["M1 0L0 1"],
    "╲": ["M0 0L1 1"],
    "╭": ["M1 .5Q.5 .5 .5 1"],
    "╮": ["M0 .5Q.5 .5 .5 1"],
    "╰": ["M.5 0Q.5 .5 1 .5"],
    "╯": ["M.5 0Q.5 .5 0 .5"],
    "┤": ["M.5 0V1", "M0 .5H.5"],
    "├": ["M.5 0V1", "M.5 .5H1"],
    "┬": ["M0 .5H1", "M.5 .5V1"],
    "╶": ["M.5 .5H1"],
    "╴": ["M0 .5H.5"],
}


def face_svg(
    zones: Iterable[str], side: str | None = None, direction: str | None = None, *, label: str = ""
) -> str:
    """An <svg> element of the map, lit for `zones` on `side`; `label` is its accessible name."""
    face = face_map(zones, side, direction)
    colour = SIDE_COLOURS.get(side, SIDE_COLOURS[None])
    fills, lines, marks = [], [], []
    for r, row in enumerate(face.rows):
        for c, cell in enumerate(row):
            x, y = c * CELL_W, r * CELL_H
            if cell.lit:
                fills.append(
                    f'<rect x="{x}" y="{y}" width="{CELL_W + 0.5}" height="{CELL_H + 0.5}"/>'
                )
            if cell.arrow:
                marks.append(f'<text x="{x + CELL_W / 2}" y="{y + 15}">{cell.char}</text>')
            for segment in _LINES.get(cell.char, ()):
                lines.append(_scaled(segment, x, y))
    height = len(face.rows) * CELL_H
    view = "back" if face.view == "back" else ""
    return (
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH * CELL_W} '
        f'{height}" role="img" aria-label="{label}">'
        f'<g fill="{colour}" shape-rendering="crispEdges">{"".join(fills)}</g>'
        f'<path d="{" ".join(lines)}" fill="none" stroke="#444" stroke-width="3" '
        f'stroke-linecap="round"/>'
        f'<g fill="#fff" font-size="15" font-weight="bold" text-anchor="middle" '
        f'font-family="sans-serif">{"".join(marks)}</g>'
        + (
            f'<text x="{WIDTH * CELL_W / 2}" y="{height - 4}" font-size="16" fill="#555" '
            f'text-anchor="middle" font-family="sans-serif">{view}</text>'
            if view
            else ""
        )
        + "</svg>"
    )


def _scaled(segment: str, x: float, y: float) -> str:
    """A segment written in cell units, moved to the cell at (x, y) in pixels."""
    out, numbers, axis = [], "", 0
    for char in segment + " ":
        if char in "0123456789.":
            numbers += char
            continue
        if numbers:
            value = float(numbers)
            out.append(_fmt(x + value * CELL_W if axis == 0 else y + value * CELL_H))
            numbers, axis = "", 1 - axis
        if char in "MLQ":
            out.append(char)
            axis = 0
        elif char == "H":
            out.append("H")
            axis = 0
        elif char == "V":
            out.append("V")
            axis = 1
        elif char == " ":
            continue
    return "".join(o if o.isalpha() else f"{o} " for o in out).strip()


def _fmt(value: float) -> str:
    return f"{value:g}"
