"""The live view: one calm full screen, redrawn on the player's events, read from arm's length.

`render()` is a pure function of a snapshot, the wall-clock time and the terminal's size;
`LiveScreen` is the sink that shows it on the alternate screen and keeps the terminal
window's title up to date. Every row is built as exactly one terminal line, so the layout
can be measured before it is drawn: rows of low importance are left out on a small terminal
and spare rows are spread around the middle on a big one.
"""

from __future__ import annotations

import math
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import TracebackType

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.text import Text

from facelift.base.safetext import one_line
from facelift.base.wording import KEY_HELP, adjusted, side_name, spoken_length
from facelift.format.durations import format_length
from facelift.format.parts import place
from facelift.format.routine import Rest, Step
from facelift.output import mappanel, showing
from facelift.output.frames import Frames
from facelift.play.player import Event, EventKind, Snapshot
from facelift.play.timeline import CueKind, Segment

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
REDRAW_GAP = 0.12  # seconds: ticks and strokes closer than this to the last draw may be skipped
NOTE_SECONDS = 1.5  # how long `+10 s` stays on the screen after + or -

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


# -- what is shown ----------------------------------------------------------------------------


def ceil_seconds(seconds: float) -> int:
    """Whole seconds, rounded up: the last second of a countdown shows 1, never 0."""
    return max(0, math.ceil(round(seconds, 6)))


def countdown(snapshot: Snapshot) -> str:
    """The big number: the lead-in's seconds, or what is left of the segment (`0:42`); for
    a step that waits for a key, how long it has waited."""
    if snapshot.waiting:
        return format_length(math.floor(round(snapshot.elapsed, 6)))
    seconds = snapshot.lead_in if snapshot.lead_in > 0 else snapshot.remaining
    return format_length(ceil_seconds(seconds))


def side_words(side: str | None) -> str:
    return side_name(side).upper()


def position(snapshot: Snapshot) -> str:
    """`step 3 of 12`, `rest`, or `get ready` before step 1."""
    segment = snapshot.segment
    if snapshot.lead_in > 0:
        return "get ready"
    part = place(snapshot.timeline.routine, segment.item_index)
    if part is not None:  # a long session: the part, and the step within it
        within = "rest" if segment.is_rest else f"step {part.step} of {part.steps}"
        return f"part {part.number} of {part.total} · {within}"
    if segment.is_rest:
        return "rest"
    return f"step {segment.step_number} of {snapshot.timeline.steps}"


def next_words(snapshot: Snapshot) -> str:
    """What comes after this segment: `Next: right side · 45 s`, the round's cue, or `Last
    step` (nothing comes after the last one but the end)."""
    if snapshot.lead_in > 0:
        return "Next: " + _segment_words(snapshot.segment)
    following = snapshot.next_segment
    if following is None:
        return "" if snapshot.segment.is_rest else "Last step"
    length = spoken_length(following.seconds)
    if following.item_index == snapshot.segment.item_index:
        if following.side != snapshot.segment.side:
            return f"Next: {side_name(following.side)} · {length}"
        return f"Next: {showing.round_words(following)} · {length}"
    return "Next: " + _segment_words(following)


def _segment_words(segment: Segment) -> str:
    parts = [one_line(segment.title)]
    if showing.side_applies(segment):
        parts.append(side_name(segment.side))
    return " · ".join([*parts, spoken_length(segment.seconds)])


def summary_words(snapshot: Snapshot, now: datetime) -> str:
    """`elapsed 2:15 · left 5:32 · ends 21:47`: played, to go, and the wall clock at the end."""
    left = snapshot.remaining_total
    ends = (now + timedelta(seconds=left)).strftime("%H:%M")
    elapsed = format_length(math.floor(round(snapshot.active, 3)))
    return f"elapsed {elapsed} · left {format_length(ceil_seconds(left))} · ends {ends}"


def window_title(snapshot: Snapshot) -> str:
    """`facelift · 4:32 left · Jawline to ear`, for the terminal window's title bar."""
    what = "Get ready" if snapshot.lead_in > 0 else one_line(snapshot.segment.title)
    left = format_length(ceil_seconds(snapshot.remaining_total))
    return f"facelift · {left} left · {what}"[:120]


def overall_fraction(snapshot: Snapshot) -> float:
    """How far into the whole routine, counting +/- changes and skips."""
    done = snapshot.segment.start + snapshot.elapsed
    total = done + snapshot.remaining_total - snapshot.lead_in
    return done / total if total > 0 else 0.0


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


# -- the sink ---------------------------------------------------------------------------------


TICKS = (EventKind.TICK, EventKind.LEAD_IN)  # a second passed (LEAD_IN: of the get-ready)
QUIET_CUES = (CueKind.STROKE, CueKind.COUNT)  # redraw only: no window title


class LiveScreen:
    """A sink that shows the session full-screen (alternate screen) while it is entered."""

    def __init__(
        self,
        console: Console,
        *,
        now: Callable[[], datetime] = datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.console = console
        self.now = now
        self.monotonic = monotonic
        self.draws = 0
        self._frames: Frames | None = None
        self._drawn_at: float | None = None
        self._drawn: tuple[object, ...] | None = None
        self._title: str | None = None
        self._note = ""
        self._note_until = 0.0
        self._notice = ""

    def notice(self, message: str) -> None:
        """Show a line of trouble (from a sound thread) from the next redraw on, within a
        second: the session goes on, and the person knows why it went quiet."""
        self._notice = f"warning: {message}"

    def __enter__(self) -> LiveScreen:
        if self.console.is_terminal:
            self._write("\x1b[22;0t")  # keep the person's window title, to put it back
        self._frames = Frames(self.console)
        self._frames.enter()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        frames, self._frames = self._frames, None
        try:
            if frames is not None:
                frames.leave()
        finally:
            if self.console.is_terminal:
                self._write("\x1b[23;0t")

    def suspend(self) -> None:
        """Give the terminal back as it was (Ctrl-Z): the normal screen and the cursor."""
        if self._frames is not None:
            self._frames.leave()

    def resume(self) -> None:
        """Take the screen again after `fg`, and draw it whole."""
        if self._frames is not None:
            self._frames.enter()
            self._drawn = None
            self._frames.redraw()

    def handle(self, event: Event) -> None:
        """Redraw (ticks and strokes at most about 8 times a second) and update the title."""
        snapshot = event.snapshot
        cue = event.cue.kind if event.cue is not None else None
        ticking = event.kind in TICKS
        if ticking or (event.kind is EventKind.CUE and cue not in QUIET_CUES):
            self._set_title(window_title(snapshot))
        moment = self.monotonic()
        if event.kind is EventKind.ADJUST:
            self._note, self._note_until = adjusted(event.change), moment + NOTE_SECONDS
        note = self._note if moment < self._note_until else ""
        now = self.now()
        shown = (*_visible(snapshot), note, self._notice, summary_words(snapshot, now))
        if (
            (ticking or cue is CueKind.STROKE)
            and self._drawn_at is not None
            and moment - self._drawn_at < REDRAW_GAP
            and shown == self._drawn
        ):
            return  # nothing the person could see has changed since a moment ago
        self._drawn_at, self._drawn = moment, shown
        self.draws += 1
        if self._frames is not None:
            notice = self._notice
            self._frames.draw(
                lambda width, height: layout(
                    snapshot, now=now, width=width, height=height, note=note, notice=notice
                )
            )

    def _set_title(self, title: str) -> None:
        if self.console.is_terminal and title != self._title:
            self._title = title
            self._write(f"\x1b]0;{title}\x07")

    def _write(self, control: str) -> None:
        self.console.file.write(control)
        self.console.file.flush()


def _visible(snapshot: Snapshot) -> tuple[object, ...]:
    """What a redraw would change for the eye: the second shown, the stroke, the state."""
    return (
        snapshot.index,
        countdown(snapshot),
        snapshot.stroke,
        snapshot.paused,
        snapshot.muted,
        snapshot.help,
        ceil_seconds(snapshot.remaining_total),
    )
