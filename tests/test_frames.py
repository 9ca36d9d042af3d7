"""The live screen sends only what changed, yet a terminal shows exactly what Rich's Live
showed: both outputs are played into a terminal emulator (pyte) and compared cell by cell,
colours and attributes included, after every frame, a resize, and a Ctrl-Z and `fg`."""

from __future__ import annotations

import functools
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pyte
import pytest
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.live import Live
from rich.text import Text

from facelift.output.frames import CLEAR, ENTER, LEAVE, Frames
from facelift.output.screen import layout, render
from facelift.play.player import Event, Key, Snapshot

from .test_screen import NOW, evening, jaw, play


@dataclass(frozen=True)
class _View:
    """The live screen as Rich's Live drew it before: laid out at the console's size."""

    snapshot: Snapshot
    now: datetime

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        height = options.height or console.height
        yield render(self.snapshot, now=self.now, width=options.max_width, height=height)


@dataclass
class Terminal:
    """A console writing into a buffer, and an emulated terminal reading that buffer."""

    console: Console
    out: io.StringIO
    screen: pyte.Screen
    stream: pyte.Stream
    read: int = 0

    @classmethod
    def of(cls, width: int, height: int) -> Terminal:
        out = io.StringIO()
        console = Console(
            file=out,
            width=width,
            height=height,
            force_terminal=True,
            color_system="truecolor",
            legacy_windows=False,
        )
        screen = pyte.Screen(width, height)
        return cls(console, out, screen, pyte.Stream(screen))

    def take(self) -> str:
        """What was written since the last call, after the terminal has shown it."""
        text = self.out.getvalue()[self.read :]
        self.read += len(text)
        self.stream.feed(text.replace("\n", "\r\n"))  # as a terminal's line discipline does
        return text

    def row(self, y: int) -> list[Any]:
        """The cells of line `y` as the emulator keeps them."""
        line = self.screen.buffer[y]
        return [line[x] for x in range(self.screen.columns)]

    def looks_like(self, other: Terminal) -> bool:
        """Every cell looks the same: a space's foreground colour and weight do not show.
        (Cells kept alike look alike; only cells kept differently are compared by look.)"""
        return all(
            mine == theirs or _look(mine) == _look(theirs)
            for y in range(self.screen.lines)
            for mine, theirs in zip(self.row(y), other.row(y), strict=True)
        )

    def resize(self, width: int, height: int) -> None:
        self.console.size = (width, height)
        self.screen.resize(height, width)


def _look(cell: Any) -> object:
    if cell.data == " ":
        return cell._replace(fg="default", bold=False, italics=False, blink=False)
    return cell


def _fixed(lines: list[Text], width: int, height: int) -> list[Text]:
    return lines


def snapshots() -> Iterator[Snapshot]:
    """Every moment of two sessions: lead-in, strokes, a rest, sides, rounds, pause, help."""

    class Recorder:
        def __init__(self) -> None:
            self.seen: list[Snapshot] = []

        def handle(self, event: Event) -> None:
            self.seen.append(event.snapshot)

    recorder = Recorder()
    presses = [(4, Key.PAUSE), (5, Key.PAUSE), (8, Key.HELP), (9, Key.MUTE), (12, Key.HELP)]
    play(evening(), [recorder], presses, lead_in=3)
    play(jaw(), [recorder], [(20, Key.QUIT)])
    yield from recorder.seen


class Pair:
    """Rich's Live (as the live screen drew before) and Frames, side by side."""

    def __init__(self, width: int, height: int) -> None:
        self.old, self.new = Terminal.of(width, height), Terminal.of(width, height)
        self.live = Live(
            Text(""),
            console=self.old.console,
            screen=True,
            auto_refresh=False,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.frames = Frames(self.new.console)
        self.live.start()
        self.frames.enter()

    def draw(self, snapshot: Snapshot) -> str:
        self.live.update(_View(snapshot, NOW), refresh=True)
        self.frames.draw(
            lambda width, height: layout(snapshot, now=NOW, width=width, height=height)
        )
        self.old.take()
        return self.new.take()

    def same(self) -> bool:
        return self.old.looks_like(self.new)


@pytest.mark.parametrize(
    ("width", "height"),
    [(80, 24), (60, 20), pytest.param(200, 60, marks=pytest.mark.slow)],  # 200x60: seconds
)
def test_every_frame_looks_as_rich_live_drew_it(width: int, height: int) -> None:
    """At 80x24, 60x20 and 200x60, after each event of two sessions, every cell is the same."""
    pair = Pair(width, height)
    for snapshot in snapshots():
        pair.draw(snapshot)
        assert pair.same(), (width, height, snapshot)


def test_a_resize_redraws_the_whole_screen_as_it_should_look() -> None:
    """A smaller and then a larger terminal: the next frame fills it as Rich's did."""
    pair = Pair(80, 24)
    moments = list(snapshots())
    pair.draw(moments[10])
    for width, height in ((60, 20), (120, 40), (80, 24)):
        pair.old.resize(width, height)
        pair.new.resize(width, height)
        written = pair.draw(moments[11])
        assert written.startswith(CLEAR)  # drawn whole, not as changes
        assert pair.same()


def test_after_ctrl_z_and_fg_the_screen_comes_back_whole() -> None:
    """Leaving gives the normal screen back; entering again draws the last frame whole."""
    pair = Pair(80, 24)
    moment = next(s for s in snapshots() if s.paused)
    pair.draw(moment)
    pair.live.stop()
    pair.frames.leave()
    assert (pair.old.take(), pair.new.take()) == ("\x1b[?25h\x1b[?1049l", LEAVE)
    pair.old.stream.feed("\x1b[2J")  # the shell's screen meanwhile (pyte has one screen)
    pair.new.stream.feed("\x1b[2J")
    pair.live.start()
    pair.live.refresh()
    pair.frames.enter()
    pair.frames.redraw()
    pair.old.take()
    written = pair.new.take()
    assert written.startswith(ENTER) and "PAUSED" in written
    assert pair.same()


def test_a_frame_that_looks_the_same_writes_nothing() -> None:
    """The same view twice: the second draw sends no byte."""
    pair = Pair(80, 24)
    moment = next(iter(snapshots()))
    assert pair.draw(moment)
    assert pair.draw(moment) == ""


def test_a_second_passing_rewrites_only_what_changed() -> None:
    """A tick sends the digits, the bars and the time left: a small part of a whole frame."""
    pair = Pair(80, 24)
    moments = [s for s in snapshots() if not s.paused and not s.help and s.lead_in == 0]
    ticks = [(a, b) for a, b in itertools.pairwise(moments) if a.index == b.index]
    whole = len(pair.draw(ticks[0][0]))
    sent = len(pair.draw(ticks[0][1]))
    assert 0 < sent < whole / 4
    assert "Evening face" not in pair.new.out.getvalue()[-sent:]  # the header stayed put
    assert pair.same()


def test_wide_and_combining_characters_are_rewritten_whole() -> None:
    """A change next to a two-cell character or an accent written as a combining mark."""
    accent = "e\u0301"  # e and a combining acute accent: one cell
    rows = [
        ["日本 plain " + accent, "abc"],
        ["日本 plain " + accent, "abd"],
        ["日本 plain e", "abd"],
        ["日本 plain " + accent, "abd"],
        ["日本語 plain", "xbd"],
        ["本 plain", ""],
    ]
    pair = Pair(20, 4)
    for texts in rows:
        lines = [Text(text) for text in texts]
        pair.live.update(Group(*lines), refresh=True)
        pair.frames.draw(functools.partial(_fixed, lines))
        pair.old.take()
        pair.new.take()
        assert pair.same(), texts


def test_nothing_is_drawn_off_a_terminal() -> None:
    """Into a file, as with Rich's Live: no screen switch, no frame."""
    out = io.StringIO()
    frames = Frames(Console(file=out, width=80, height=24, force_terminal=False))
    frames.enter()
    frames.draw(lambda width, height: [Text("hello")])
    frames.leave()
    assert out.getvalue() == ""
