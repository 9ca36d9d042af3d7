# ruff: noqa: RUF001 (the drawing is made of box-drawing characters, not slashes)
"""A face map as text: a small front (or back) view of the head and neck, the step's zones lit.

Pure: zones, the side worked and the strokes' direction in; rows of cells out, each knowing
its zone and whether it is lit, so a screen can colour it and a test can read it. The map
is a mirror: the person's left is on the left, as they see themselves in a mirror.

Each view is drawn once as its left half (the middle column included) and mirrored, so it
stays symmetric; a second grid of the same shape names the zone of every cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from facelift.format.zones import BY_NAME

MIDDLE = 11  # the centre column; the map is 2 * MIDDLE + 1 cells wide
WIDTH = 2 * MIDDLE + 1

# Left halves (columns 0-11): the drawing, and the zone of each cell (a code from CODES).
_OUTLINE = (
    "       ╭────",
    "     ╭─╯    ",
    "    ╱       ",
    "   │        ",
    "   │        ",
    " ╭─┤        ",
    " │ │       │",
    " │ │      ╰─",
    " ╰─┤        ",
    "   │        ",
    "    ╲       ",
    "     ╲      ",
    "      ╰─┬───",
    "        │   ",
    "        │   ",
    "  ╭─────╯   ",
    " ╱          ",
    "│           ",
)
_FACE = {5: " ╭─┤  ╶──╴  ", 9: "   │     ╶──"}  # the closed eyes and the mouth
_FRONT_KEYS = (
    "............",
    "........tttt",
    ".....sffffff",
    "....mmffffff",
    "....mmbbbbb.",
    "..r.mm....n.",
    "h.r.ekuuuun.",
    "h.r.ekkccl..",
    "....wwcciloo",
    "....awcioppp",
    ".....jjjoooo",
    "......jjzzzz",
    "............",
    ".........dqq",
    ".........dqq",
    ".........dqq",
    "..yyyxxxxxx.",
    ".yyygggggggg",
)
_BACK_KEYS = (
    "............",
    "........tttt",
    ".....stttttt",
    "....ssBBBBBB",
    "....ssBBBBBB",
    "..r.hBBBBBBB",
    "..r.hBBBBBBB",
    "..r.hBBBBBBB",
    "....BBBBBBBB",
    "....BBBBBBBB",
    ".....KKKKKKK",
    "......KKKKKK",
    "............",
    ".........dNN",
    ".........dNN",
    ".........dNN",
    "..yyyyyyyyy.",
    "............",
)
CODES = {
    "t": "scalp-top",
    "s": "scalp-side",
    "B": "scalp-back",
    "f": "forehead",
    "b": "brows",
    "m": "temples",
    "u": "under-eyes",
    "n": "beside-nose",
    "k": "cheekbones",
    "c": "cheeks",
    "l": "nasolabial-fold",
    "e": "front-of-ear",
    "r": "ears",
    "h": "behind-ear",
    "o": "around-mouth",
    "p": "lips",
    "i": "inner-cheek",
    "w": "masseter",
    "a": "jaw-angle",
    "j": "jawline",
    "z": "chin",
    "K": "skull-base",
    "d": "side-of-neck",
    "N": "back-of-neck",
    "q": "front-of-neck",
    "x": "collarbones",
    "y": "shoulders",
    "g": "chest",
}
BACK_ONLY = frozenset({"scalp-back", "skull-base", "back-of-neck"})
FRONT_ZONES = frozenset(CODES[c] for row in _FRONT_KEYS for c in row if c in CODES)
BACK_ZONES = frozenset(CODES[c] for row in _BACK_KEYS for c in row if c in CODES)

_MIRRORED = str.maketrans("╭╮╰╯╱╲┤├╶╴↖↗←→", "╮╭╯╰╲╱├┤╴╶↗↖→←")
# the arrow drawn for each direction on the person's left half, middle, right half
ARROWS = {
    "up": ("↑", "↑", "↑"),
    "down": ("↓", "↓", "↓"),
    "toward-collarbone": ("↓", "↓", "↓"),
    "out": ("←", "↕", "→"),
    "in": ("→", "•", "←"),
    "toward-ear": ("↖", "↑", "↗"),
    "circles": ("↻", "↻", "↻"),
    "still": ("•", "•", "•"),
}


@dataclass(frozen=True)
class Cell:
    """One character of a face map, and the zone and side it belongs to."""

    char: str  # the drawing's character (a space inside a zone)
    zone: str | None = None
    side: str | None = None  # "left" or "right" for a cell of a zone that has two
    lit: bool = False
    arrow: bool = False  # `char` is the direction's arrow


@dataclass(frozen=True)
class FaceMap:
    """A face map: a front or back view as rows of cells, the step's zones lit."""

    view: str  # "front" or "back"
    rows: tuple[tuple[Cell, ...], ...]

    def lit(self) -> set[tuple[str, str | None]]:
        """Each lit (zone, side) pair, side None for a zone that has no sides."""
        return {(c.zone, c.side) for row in self.rows for c in row if c.lit and c.zone}

    def text(self) -> list[str]:
        """The map as plain lines: lit cells filled with █ unless they carry a mark."""
        return ["".join(_shown(cell) for cell in row) for row in self.rows]


def _shown(cell: Cell) -> str:
    return "█" if cell.lit and cell.char == " " else cell.char


def _mirror(half: str) -> str:
    return half + half[:MIDDLE][::-1].translate(_MIRRORED)


def _keys(half: str) -> str:
    return half + half[:MIDDLE][::-1]


def view_for(zones: Iterable[str]) -> str:
    """The back view when the step works more of the back than of the face, else the front."""
    named = set(zones)
    back = len(named & BACK_ONLY)
    front = len(named & (FRONT_ZONES - BACK_ZONES))
    return "back" if back > front else "front"


def face_map(
    zones: Iterable[str], side: str | None = None, direction: str | None = None
) -> FaceMap:
    """The map of a step working `zones` on `side` (None: both sides at once)."""
    named = [zone for zone in zones if zone in BY_NAME]
    view = view_for(named)
    keys = _FRONT_KEYS if view == "front" else _BACK_KEYS
    rows: list[list[Cell]] = []
    for number, (outline, key_half) in enumerate(zip(_OUTLINE, keys, strict=True)):
        art = _mirror(_FACE.get(number, outline) if view == "front" else outline)
        codes = _keys(key_half)
        row = []
        for column, (char, code) in enumerate(zip(art, codes, strict=True)):
            zone = CODES.get(code)
            paired = zone is not None and BY_NAME[zone].paired
            cell_side = None if not paired else "left" if column < MIDDLE else "right"
            lit = zone in named and (cell_side is None or side is None or cell_side == side)
            row.append(Cell(char, zone, cell_side, lit))
        rows.append(row)
    if direction in ARROWS:
        _place_arrows(rows, ARROWS[direction])
    return FaceMap(view, tuple(tuple(row) for row in rows))


def _place_arrows(rows: list[list[Cell]], arrows: tuple[str, str, str]) -> None:
    """One arrow in the middle of each lit zone's half (left, middle or right)."""
    groups: dict[tuple[str | None, int], list[tuple[int, int]]] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell.lit:
                half = 0 if c < MIDDLE else 1 if c == MIDDLE else 2
                groups.setdefault((cell.zone, half), []).append((r, c))
    for (_zone, half), places in groups.items():
        if half == 1 and any(h != 1 for z, h in groups if z == _zone):
            continue  # the halves carry the arrows
        blank = [(r, c) for r, c in places if rows[r][c].char == " "]  # keep the drawing
        r, c = sorted(blank or places)[len(blank or places) // 2]
        old = rows[r][c]
        rows[r][c] = Cell(arrows[half], old.zone, old.side, lit=True, arrow=True)
