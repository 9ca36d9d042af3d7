"""Full-screen frames on the terminal's alternate screen, sending only what changed.

Rich lays each frame out, cut into rows of styled cells exactly as its `Live(screen=True)`
would show them; `Frames` keeps the cells on screen and writes, for each row that differs,
a cursor move and the run of cells from the first to the last that changed. A frame that
looks the same writes nothing. The whole screen is written after `enter()` (the start, and
`fg` after Ctrl-Z) and whenever the terminal's size has changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS, Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

# What Rich's Live writes to take and give back the screen, so nothing else changes.
ENTER = "\x1b[?1049h\x1b[H\x1b[?25l"  # the alternate screen, the cursor home and hidden
LEAVE = "\x1b[?25h\x1b[?1049l"  # the cursor shown, the normal screen back
CLEAR = "\x1b[H\x1b[2J"  # every cell blank: a whole frame then writes only what is not
BLANK = (" ", None)
GAP = 8  # unchanged cells between two changes worth a cursor move (it costs about as much)

Cell = tuple[str, "Style | None"]
Rows = Callable[[int, int], Sequence[Text]]  # the frame's rows for a width and a height


class Frames:
    """Draws renderables full-screen on `console`, which must be a terminal to be drawn on."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.showing = False
        self._screen: list[list[Cell]] | None = None  # the cells on the terminal now
        self._size: tuple[int, int] | None = None
        self._last: Rows | None = None
        self._made: dict[object, list[Cell]] = {}  # the last frame's rows, by what they say

    @property
    def _drawable(self) -> bool:  # where Rich's Live would draw
        return self.console.is_terminal and not self.console.is_dumb_terminal

    def enter(self) -> None:
        """Take the alternate screen; the next frame is drawn whole."""
        if self.console.is_terminal and not self.console.legacy_windows:
            self._write(ENTER)
        self.showing = True
        self._screen = None

    def leave(self) -> None:
        """Give the normal screen back, as it was."""
        if self.showing and self.console.is_terminal and not self.console.legacy_windows:
            self._write(LEAVE)
        self.showing = False

    def draw(self, frame: Rows) -> None:
        """Show the rows `frame` lays out for the terminal's size, writing only what changed."""
        self._last = frame
        if not (self.showing and self._drawable):
            return
        size = (self.console.width, self.console.height)
        rows = self._cells(frame, *size)
        whole = self._screen is None or size != self._size or len(self._screen) != len(rows)
        before = self._screen or []
        out = [CLEAR] if whole else []
        for number, row in enumerate(rows, 1):
            if whole:
                out.append(_inked(number, row, self._ansi))
            elif row != before[number - 1]:
                out.append(_changed(number, before[number - 1], row, self._ansi))
        self._screen, self._size = rows, size
        if out:
            self._write("".join(out))

    def redraw(self) -> None:
        """Draw the last frame again, whole (after `enter()`, at the terminal's new size)."""
        if self._last is not None:
            self._screen = None
            self.draw(self._last)

    def _cells(self, frame: Rows, width: int, height: int) -> list[list[Cell]]:
        """The frame as `height` rows of `width` cells: (character, style), each row cut or
        padded with blanks as Rich's `Screen` does; a space whose style does not show, blank."""
        made, self._made = self._made, {}
        rows = []
        for text in list(frame(width, height))[:height]:
            key = (width, text.plain, str(text.style), *text.spans)
            cells = made.get(key) or self._row(text, width)
            self._made[key] = cells
            rows.append(cells)
        return rows + [[BLANK] * width for _ in range(height - len(rows))]

    def _row(self, text: Text, width: int) -> list[Cell]:
        line = Segment.adjust_line_length(list(text.render(self.console)), width)
        cells: list[Cell] = []
        for chars, style, _ in line:
            if _unseen(style):
                cells += [(ch, None if ch == " " else style) for ch in chars]
            else:
                cells += [(ch, style) for ch in chars]
        return cells

    def _ansi(self, cells: list[Cell]) -> str:
        """Cells as the console writes them: each run of one style wrapped in its codes (a
        blank goes on in the run before it when that style does not show on a space)."""
        system = COLOR_SYSTEMS.get(self.console.color_system or "")
        out: list[str] = []
        text: list[str] = []
        style = cells[0][1] if cells else None
        for ch, own in cells:
            if own != style and not (own is None and ch == " " and _unseen(style)):
                out.append(_styled("".join(text), style, system))
                text, style = [], own
            text.append(ch)
        out.append(_styled("".join(text), style, system))
        return "".join(out)

    def _write(self, text: str) -> None:
        self.console.file.write(text)
        self.console.file.flush()


def _styled(text: str, style: Style | None, system: ColorSystem | None) -> str:
    return style.render(text, color_system=system) if style and system and text else text


def _unseen(style: Style | None) -> bool:
    """Whether a space looks the same in `style` as in none: a colour or weight of the text
    shows only on a character, a background, reverse or a line across the cell shows always."""
    return style is None or not (
        style.bgcolor
        or style.reverse
        or style.underline
        or style.underline2
        or style.overline
        or style.strike
        or style.link
    )


def _inked(number: int, row: list[Cell], ansi: Callable[[list[Cell]], str]) -> str:
    """Row `number` on a cleared screen: its cells from the first to the last not blank."""
    first = next((i for i, cell in enumerate(row) if cell != BLANK), len(row))
    if first == len(row):
        return ""
    end = len(row)
    while row[end - 1] == BLANK:
        end -= 1
    column = 1 + cell_len("".join(ch for ch, _ in row[:first]))
    return f"\x1b[{number};{column}H{ansi(row[first:end])}"


def _changed(
    number: int, before: list[Cell], after: list[Cell], ansi: Callable[[list[Cell]], str]
) -> str:
    """Cursor moves to row `number` and the runs of `after` that differ from `before` (two
    rows of the same width in cells): one run from the first change to the last, split where
    enough unchanged cells lie between changes to be worth a cursor move."""
    first = 0
    while first < min(len(before), len(after)) and before[first] == after[first]:
        first += 1
    while first > 0 and any(
        first < len(row) and cell_len(row[first][0]) == 0 for row in (before, after)
    ):
        first -= 1  # a combining mark is rewritten with the character it sits on
    end_before, end_after = len(before), len(after)
    while (
        end_before > first and end_after > first and before[end_before - 1] == after[end_after - 1]
    ):
        end_before, end_after = end_before - 1, end_after - 1
    column = 1 + cell_len("".join(ch for ch, _ in after[:first]))
    runs = [(first, end_after)]
    if end_before == end_after and all(
        len(before[i][0]) == len(after[i][0]) == cell_len(after[i][0]) == 1
        for i in range(first, end_after)
    ):  # cell for cell, so the unchanged stretches inside can be skipped
        runs = _runs(before, after, first, end_after)
    return "".join(
        f"\x1b[{number};{column + start - first}H{ansi(after[start:end])}" for start, end in runs
    )


def _runs(before: list[Cell], after: list[Cell], first: int, end: int) -> list[tuple[int, int]]:
    """The changed stretches of [first, end), joined across gaps shorter than GAP cells."""
    runs: list[tuple[int, int]] = []
    start = same = None
    for i in range(first, end):
        if before[i] != after[i]:
            if start is None or (same is not None and i - same >= GAP):
                if start is not None and same is not None:
                    runs.append((start, same))
                start = i
            same = None
        elif same is None:
            same = i
    if start is not None:
        runs.append((start, end if same is None else same))
    return runs
