"""`show`'s page: a routine as plain text in columns that fit the terminal, calm and readable
at arm's length, coloured only on a terminal that wants colour.

Written without Rich, as `list` is: importing Rich and laying out its table took longer than
the rest of the command. Widths are counted in terminal cells (a CJK character takes two, an
accent none), so any language lines up.
"""

from __future__ import annotations

import shutil
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TextIO

from facelift.base.safetext import one_line, terminal_safe, wants_colour
from facelift.format import notes
from facelift.format.durations import format_clock, format_duration
from facelift.format.parts import begins_part
from facelift.format.routine import Rest, Routine
from facelift.output.describe import DISCLAIMER, how_words, summary_line
from facelift.play.timeline import schedule

# SGR codes: bold cyan titles, dim times and areas, green and yellow note headings.
TITLE, DIM, BOLD, NOTE = "1;36", "2", "1", "2;3"
HEADINGS = {"prepare": "1;32", "safety": "1;33"}
NARROWEST = 40  # below this the page is laid out as if the terminal were this wide
STEP_ROOM = 10  # the step column keeps at least this many cells

Piece = tuple[str, str]  # text, and its SGR code ("" for none)
Line = list[Piece]


def print_routine(routine: Routine, out: TextIO | None = None) -> None:
    """The page, as wide as the terminal (or $COLUMNS, or 80), in colour on a terminal."""
    stream = out or sys.stdout
    width = shutil.get_terminal_size((80, 24)).columns
    stream.write(routine_page(routine, width=width, colour=wants_colour(stream)))


def routine_page(routine: Routine, *, width: int = 80, colour: bool = False) -> str:
    width = max(NARROWEST, width)
    lines = [*wrap([(one_line(routine.title), TITLE)], width)]
    lines += wrap([(summary_line(routine), DIM)], width)
    for paragraph in (routine.summary, routine.description):
        if paragraph:
            lines.append([])
            for text in terminal_safe(paragraph).split("\n"):
                lines += _indented(text, width)
    for kind in ("prepare", "safety"):
        for part, entries in notes.groups(routine, kind):
            title = kind.capitalize() + (f" · {one_line(part)}" if part else "")
            lines += _bullets(title, entries, HEADINGS[kind], width)
    lines += [[], *_steps_table(routine, width)]
    lines += _bullets("Afterwards, in your journal", routine.reflect, BOLD, width)
    lines += [[], *wrap([(DISCLAIMER, NOTE)], width)]
    return "".join(_written(line, colour) + "\n" for line in lines)


def _indented(text: str, width: int) -> list[Line]:
    """A line of a paragraph, wrapped, each of its lines as indented as it is (a list)."""
    indent = len(text) - len(text.lstrip(" "))
    if indent >= width // 2:  # an indent that leaves no room is not kept
        indent = 0
    return [[(" " * indent, ""), *line] for line in wrap([(text, "")], width - indent)]


def _bullets(heading: str, entries: Sequence[str], style: str, width: int) -> list[Line]:
    """A heading and a hanging-indent list."""
    if not entries:
        return []
    lines: list[Line] = [[], *wrap([(heading, style)], width)]
    for entry in entries:
        wrapped = wrap([(one_line(entry), "")], width - 5)  # the last column left free
        lines += [[("  • " if n == 0 else "    ", ""), *line] for n, line in enumerate(wrapped)]
    return lines


def _steps_table(routine: Routine, width: int) -> list[Line]:
    """`#  start  step  how`, a row for each step, rest and part heading, a blank line
    between rows; the step column takes the room the others leave."""
    rows: list[tuple[str, str, list[Piece], list[str]]] = []
    for index, row in enumerate(schedule(routine)):
        item = row.item
        part = begins_part(routine, index)
        if part is not None:  # a long session: its steps under each part's heading
            rows.append(("", "", [(one_line(part.heading), TITLE)], []))
        if isinstance(item, Rest):
            note = f"Rest. {one_line(item.note)}".strip()
            rows.append(
                ("", format_clock(row.start), [(note, NOTE)], [format_duration(row.seconds)])
            )
            continue
        step: list[Piece] = [(one_line(item.title), BOLD)]
        if item.area:
            step.append(("  " + one_line(item.area), DIM))
        if item.do:
            step.append(("\n" + terminal_safe(item.do), ""))
        rows.append((str(row.step_number), format_clock(row.start), step, how_words(item)))
    number = max(cells(cell) for cell in ["#", *(r[0] for r in rows)])
    start = max(cells(cell) for cell in ["start", *(r[1] for r in rows)])
    how = max(cells(word) for word in ["how", *(w for r in rows for w in r[3])])
    room = max(STEP_ROOM, width - number - start - how - 3)
    lines = [
        _row(["#".rjust(number), "start".ljust(start)], [[("step", BOLD)]], ["how"], room, BOLD)
    ]
    for first, clock, step, words in rows:
        left = [_pad(first, number, right=True), _pad(clock, start)]
        lines.append(_row(left, _wrap_lines(step, room), words, room, ""))
    return [line for row in lines for line in [*row, []]][:-1]


def _row(left: list[str], step: list[Line], how: list[str], room: int, style: str) -> list[Line]:
    """One table row as lines: the first two cells on its first line, dim unless `style`."""
    blank = [" " * cells(cell) for cell in left]
    lines: list[Line] = []
    for n in range(max(len(step), len(how), 1)):
        first = left if n == 0 else blank
        text = step[n] if n < len(step) else []
        line: Line = [(first[0], style or DIM), (" ", ""), (first[1], style or DIM), (" ", "")]
        line += [*text, (" " * (room - sum(cells(t) for t, _ in text) + 1), "")]
        line.append((how[n] if n < len(how) else "", style))
        lines.append(line)
    return lines


def _wrap_lines(pieces: list[Piece], width: int) -> list[Line]:
    """`pieces` wrapped to `width`, a piece that starts with a line break starting a line."""
    paragraphs: list[list[Piece]] = [[]]
    for text, style in pieces:
        for n, part in enumerate(text.split("\n")):
            if n:
                paragraphs.append([])
            paragraphs[-1].append((part, style))
    return [line for paragraph in paragraphs for line in wrap(paragraph, width)]


def wrap(pieces: Iterable[Piece], width: int) -> list[Line]:
    """Styled text broken at spaces into lines of at most `width` cells; a word longer than
    a line is split wherever it must be. The spaces a piece starts with are kept between it
    and the one before (a title and its area, two spaces apart)."""
    lines: list[Line] = [[]]
    used = 0
    for text, style in pieces:
        gap = len(text) - len(text.lstrip(" "))
        for word in [word for word in text.split(" ") if word]:  # NBSP holds words together
            space = (gap or 1) if used else 0
            gap = 0
            if used and used + space + cells(word) > width:
                lines.append([])
                used, space = 0, 0
            while cells(word) > width - used - space:  # longer than a whole line
                head = _fitting(word, width - used - space)
                lines[-1].append((" " * space + head, style))
                lines.append([])
                used, space, word = 0, 0, word[len(head) :]
            lines[-1].append((" " * space + word, style))
            used += space + cells(word)
    return lines


def _fitting(word: str, room: int) -> str:
    """The longest start of `word` that takes at most `room` cells (at least one character)."""
    taken = 0
    for index, character in enumerate(word):
        taken += cells(character)
        if taken > room:
            return word[: max(index, 1)]
    return word


def cells(text: str) -> int:
    """How many terminal cells `text` takes."""
    if text.isascii():
        return len(text)
    return sum(_cell(character) for character in text)


def _cell(character: str) -> int:
    if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def _pad(text: str, width: int, *, right: bool = False) -> str:
    room = " " * (width - cells(text))
    return room + text if right else text + room


def _written(line: Line, colour: bool) -> str:
    text = "".join(
        f"\x1b[{style}m{piece}\x1b[0m" if colour and style and piece.strip() else piece
        for piece, style in line
    )
    return text.rstrip()
