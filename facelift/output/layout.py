"""The live screen's layout: the Rich rows of one frame, built from a snapshot, the
wall-clock time and the terminal's size.

`render()` is a pure function of those; every row is built as exactly one terminal line,
so the layout can be measured before it is drawn: rows of low importance are left out on a
small terminal and spare rows are spread around the middle on a big one.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

from facelift.base.safetext import one_line
from facelift.base.wording import KEY_HELP
from facelift.format.routine import Rest, Step
from facelift.output import mappanel, showing
from facelift.output.screen_words import (
    countdown,
    next_words,
    overall_fraction,
    position,
    side_words,
    summary_words,
)
from facelift.play.player import Snapshot
from facelift.play.timeline import Segment

# -- the look ---------------------------------------------------------------------------------

SIDE_STYLES = {"left": "cyan", "right": "magenta", None: "green"}
REST_STYLE = "blue"
PAUSED_STYLE = "yellow"
BANNER = "PAUSED — press space to go on"
WAITING_BANNER = "Take your time — press any key to go on"
LEGEND = "space pause · n next · b back · +/- 10s · m mute · q quit · ? help"
SHORT_LEGEND = "space pause · q quit · ? help"
HELP_LEGEND = "press ? to close this help"
HELP = KEY_HELP
ENLARGE = "enlarge the window to read the instruction"
MIN_ROWS, MIN_COLUMNS = 24, 60  # below either: no margin, the short legend
BIG_ROWS, BIG_COLUMNS = 40, 100  # from both: the digits drawn twice as large
INSTRUCTION_WIDTH = 72

# A 3x5 font; each pixel is drawn two cells wide, as terminal cells are about twice as tall.
FONT = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}
FONT_ROWS = 5


def big_digits(text: str, *, scale: int = 1) -> list[str]:
    """`text` (digits and ':') in block characters: 5 rows (10 at scale 2), all the same width."""
    pixel, gap = "██" * scale, "  " * scale
    rows: list[str] = []
    for row in range(FONT_ROWS):
        glyphs = ["".join(pixel if p == "#" else gap for p in FONT[ch][row]) for ch in text]
        rows += [gap.join(glyphs)] * scale
    return rows


# -- layout -----------------------------------------------------------------------------------


@dataclass
class _Block:
    """Rows that stay or go together; the least important go first when space is short."""

    lines: list[Text]
    priority: int
    zone: str = "body"  # "top", "body" or "bottom": spare rows go between the zones
    smaller: _Block | None = None  # what it becomes, rather than go, when space is short


def _spacer(priority: int = 10, zone: str = "body") -> _Block:
    return _Block([Text("")], priority, zone)


def _fit(text: Text, width: int) -> Text:
    """One row: cut to `width` with `…`; its style kept to its own characters, not padding."""
    text = text.copy()
    if text.style:
        text.stylize(text.style, 0, len(text))
        text.style = ""
    text.no_wrap = True
    text.overflow = "ellipsis"
    text.end = "\n"
    if text.cell_len > width:
        text.truncate(width, overflow="ellipsis")
    return text


def _centre(text: Text, width: int) -> Text:
    text = _fit(text, width)
    text.pad_left(max(0, (width - text.cell_len) // 2))
    return text


def _bar(fraction: float, width: int, style: str) -> Text:
    """A thin bar whose done part is heavier than the rest, so it reads without colour."""
    fraction = min(1.0, max(0.0, fraction))
    cells = fraction * width
    full = int(cells)
    half = full < width and cells - full >= 0.5
    bar = Text("━" * full, style=style)
    if half:
        bar.append("╸", style=style)
    bar.append("─" * (width - full - half), style="dim")
    return bar


def _header(snapshot: Snapshot, width: int) -> Text:
    right = Text()
    if snapshot.muted:
        right.append("muted", style=PAUSED_STYLE)
        right.append("  ·  ", style="dim")
    right.append(position(snapshot))
    room = max(0, width - right.cell_len - 2)
    title = Text(one_line(snapshot.timeline.routine.title))
    if title.cell_len > room:
        title.truncate(room, overflow="ellipsis")
    line = Text()
    line.append(title.plain, style="bold")
    line.append(" " * max(1, width - title.cell_len - right.cell_len))
    return _fit(line + right, width)


def _side_row(segment: Segment, width: int, *, tall: bool) -> list[Text]:
    if segment.is_rest:
        return [Text("")]
    rounds = f"round {segment.round} of {segment.rounds}" if segment.rounds > 1 else ""
    if not showing.side_applies(segment):  # a breathing step: no side to name
        return [_centre(Text(rounds, "bold"), width)]
    chip = f"  {side_words(segment.side)}  "
    style = f"bold reverse {SIDE_STYLES.get(segment.side, 'green')}"
    line = Text()
    line.append(chip, style=style)
    if rounds:
        line.append(f"   {rounds}", style="bold")
    if not tall:  # on a big screen the chip is three rows tall
        return [_centre(line, width)]
    pad = Text()
    pad.append(" " * len(chip), style=style)
    pad.append(" " * (line.cell_len - len(chip)))
    return [_centre(pad, width), _centre(line, width), _centre(pad.copy(), width)]


def _instruction(text: str, width: int) -> list[Text]:
    """The whole instruction, never cut: wrapped at word boundaries, left-aligned in a
    centred column (the full width on a narrow terminal)."""
    column = min(INSTRUCTION_WIDTH, width - 4 if width >= MIN_COLUMNS else width)
    if not text or column < 1:
        return []
    lines = textwrap.wrap(text, column, break_on_hyphens=False)
    indent = " " * ((width - column) // 2)
    return [Text(indent + line) for line in lines]


def _help(width: int) -> list[Text]:
    keys = max(cell_len(key) for key, _ in HELP) + 3
    column = min(INSTRUCTION_WIDTH, width - 2)
    indent = " " * max(0, (width - column) // 2)
    rows = []
    for key, sentence in HELP:
        row = Text(indent)
        row.append(key.ljust(keys), style="bold")
        row.append(sentence)
        rows.append(_fit(row, width))
    return rows


def _body(snapshot: Snapshot, width: int, height: int, note: str = "") -> list[_Block]:
    lead_in = snapshot.lead_in > 0
    segment = snapshot.segment
    item = segment.item
    time_text = countdown(snapshot)
    scale = 2 if height >= BIG_ROWS and width >= BIG_COLUMNS else 1
    if snapshot.paused:
        style = PAUSED_STYLE
    elif lead_in:
        style = "bold"
    elif segment.is_rest:
        style = REST_STYLE
    else:
        style = SIDE_STYLES.get(segment.side, "green")

    blocks = [
        _Block(
            [_centre(Text("Get ready" if lead_in else one_line(segment.title), "bold"), width)], 90
        ),
        _Block(_side_row(segment, width, tall=scale > 1), 95),
    ]
    area = one_line(item.area) if isinstance(item, Step) else ""
    blocks.append(_Block([_centre(Text(area, "dim"), width)], 25))
    if snapshot.paused or snapshot.waiting:
        banner = BANNER if snapshot.paused else WAITING_BANNER
        blocks.append(
            _Block([_centre(Text(f"  {banner}  ", "bold reverse " + PAUSED_STYLE), width)], 98)
        )
    elif note:  # what + or - just did
        blocks.append(_Block([_centre(Text(f"  {note}  ", "bold reverse"), width)], 75))
    else:
        blocks.append(_spacer())

    # big digits shrink to one line before anything that says what to do is left out
    small = _Block([_centre(Text(time_text, "bold " + style), width)], 100)
    digits = big_digits(time_text, scale=scale)
    if cell_len(digits[0]) > width:
        blocks.append(small)
    else:
        rows = [_centre(Text(row, style), width) for row in digits]
        blocks.append(_Block(rows, 12, smaller=small))
    if lead_in:
        blocks.append(_spacer(50))
    else:
        fraction = snapshot.elapsed / snapshot.seconds if snapshot.seconds else 1.0
        bar = _bar(fraction, min(56, width - 4), style)
        blocks.append(_Block([_centre(bar, width)], 50))

    blocks.append(_Block([_centre(_stroke_words(snapshot, lead_in=lead_in), width)], 70))
    blocks.append(_spacer())
    if snapshot.help:
        blocks.append(_Block(_help(width), 45))
        blocks.append(_spacer())
    else:  # the instruction is never cut: whole, or one line asking for more room
        do = item.note if isinstance(item, Rest) else item.do
        lines = _instruction(one_line(do), width)
        if lines:
            asking = ENLARGE if cell_len(ENLARGE) <= width else ENLARGE.split(" to ")[0]
            enlarge = _Block([_centre(Text(asking, "italic"), width)], 97)
            blocks.append(_Block(lines, 97, smaller=enlarge))
            blocks.append(_spacer())
    following = next_words(snapshot)
    if following:
        blocks.append(_Block([_centre(Text(following, "dim"), width)], 65))  # over the clock
    return blocks


def _stroke_words(snapshot: Snapshot, *, lead_in: bool) -> Text:
    """`stroke 3 of 10 · pressure 3 of 10` (`10 strokes · ...` while getting ready); for a
    breathing step `breath 2 of 5`, and no pressure."""
    item = snapshot.segment.item
    if not isinstance(item, Step):
        return Text("")
    words = Text()
    stroke = snapshot.stroke
    pressure = showing.pressure(item)
    if stroke is not None:
        count = (
            showing.count_words(item, stroke[1])
            if lead_in
            else showing.count_at(item, stroke[0], stroke[1])
        )
        words.append(count, "bold")
        if pressure:
            words.append("   ·   ", "dim")
    words.append(pressure)
    return words


def _blocks(
    snapshot: Snapshot,
    now: datetime,
    width: int,
    height: int,
    body: int,
    note: str = "",
    notice: str = "",
) -> list[_Block]:
    legend = HELP_LEGEND if snapshot.help else LEGEND if cell_len(LEGEND) <= width else SHORT_LEGEND
    margin = " " if width >= MIN_COLUMNS else ""
    inner = width - 2 * len(margin)
    shown = [_Block([_fit(Text(margin + one_line(notice), PAUSED_STYLE), width)], 85, "top")]
    return [
        _Block([Text(margin) + _header(snapshot, inner)], 80, "top"),
        *(shown if notice else []),  # trouble with the sound, at once
        _Block([Text(margin) + Text("─" * inner, style="dim")], 20, "top"),
        *_body(snapshot, body, height, note),
        _Block([_fit(Text(margin + summary_words(snapshot, now)), width)], 60, "bottom"),
        _Block([Text(margin) + _bar(overall_fraction(snapshot), inner, "dim")], 30, "bottom"),
        _Block([_fit(Text(margin + legend, style="dim"), width)], 35, "bottom"),
    ]


def layout(
    snapshot: Snapshot, *, now: datetime, width: int, height: int, note: str = "", notice: str = ""
) -> list[Text]:
    """Exactly `height` one-line rows (fewer only when even the countdown does not fit).
    When space is short the least important block goes, or shrinks when it can."""
    face = mappanel.column(snapshot, width, height, SIDE_STYLES)  # beside the body, if room
    body = width - mappanel.COLUMN if face else width
    blocks = _blocks(snapshot, now, max(1, width), max(1, height), body, note, notice)
    while sum(len(b.lines) for b in blocks) > height and len(blocks) > 1:
        if _shrink(blocks, height):
            continue
        least = min(b.priority for b in blocks)
        index = max(i for i, b in enumerate(blocks) if b.priority == least)
        smaller = blocks[index].smaller
        if smaller is None:
            blocks.pop(index)
        else:
            blocks[index] = smaller
    spare = max(0, height - sum(len(b.lines) for b in blocks))
    gaps = {"body": spare * 2 // 5, "bottom": spare - spare * 2 // 5}  # the middle a little high
    rows: list[Text] = []
    zone = "top"
    ends = {}  # the row after each zone, spare rows included
    for block in blocks:
        if block.zone != zone:
            ends[zone] = len(rows)
            rows += [Text("") for _ in range(gaps[block.zone])]
            zone = block.zone
        rows += block.lines
    rows += [Text("") for _ in range(height - len(rows))]
    first, end = ends.get("top", 0), ends.get("body", len(rows)) + gaps["bottom"]
    if face and end - first >= len(face):
        rows = mappanel.beside(rows, face, first, end, body)
    return [_fit(row, width) for row in rows[:height]]


def _shrink(blocks: list[_Block], height: int) -> bool:
    """Put the smaller form in place of a block that cannot fit even when everything less
    important has gone (a long instruction on a short terminal); True if one was."""
    for index, block in enumerate(blocks):
        needed = sum(len(b.lines) for b in blocks if b.priority >= block.priority)
        if block.smaller is not None and needed > height:
            blocks[index] = block.smaller
            return True
    return False


def render(
    snapshot: Snapshot, *, now: datetime, width: int, height: int, note: str = "", notice: str = ""
) -> RenderableType:
    """The whole screen for one moment, `width` x `height` cells; `note` says briefly what a
    key just did (`+10 s`), `notice` a trouble with the sound."""
    return Group(*layout(snapshot, now=now, width=width, height=height, note=note, notice=notice))
