"""Rich views for `show` and `history`: calm, readable at arm's length, fitting 80 columns."""

from __future__ import annotations

import textwrap

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from facelift.base.safetext import one_line, terminal_safe
from facelift.format import notes
from facelift.format.durations import format_clock, format_duration
from facelift.format.parts import begins_part
from facelift.format.routine import Rest, Routine
from facelift.output.describe import DISCLAIMER, how_words, summary_line
from facelift.play.timeline import schedule

ACCENT = "cyan"


def print_routine(routine: Routine, console: Console | None = None) -> None:
    console = console or Console()
    console.print(Text(one_line(routine.title), style=f"bold {ACCENT}"))
    console.print(Text(summary_line(routine), style="dim"))
    for paragraph in (routine.summary, routine.description):
        if paragraph:
            console.print()
            console.print(Text(terminal_safe(paragraph)))
    for kind, style in (("prepare", "bold green"), ("safety", "bold yellow")):
        for part, entries in notes.groups(routine, kind):
            title = kind.capitalize() + (f" · {part}" if part else "")
            _print_bullets(console, title, entries, style)
    console.print()
    console.print(_steps_table(routine))
    _print_bullets(console, "Afterwards, in your journal", routine.reflect, "bold")
    console.print()
    console.print(Text(DISCLAIMER, style="dim italic"))


def _print_bullets(console: Console, heading: str, entries: tuple[str, ...], style: str) -> None:
    """A heading and a hanging-indent list, wrapped without trailing spaces."""
    if not entries:
        return
    console.print()
    console.print(Text(heading, style=style))
    width = max(20, console.width - 1)
    for entry in entries:
        console.print(
            Text(
                textwrap.fill(
                    one_line(entry), width, initial_indent="  • ", subsequent_indent="    "
                )
            )
        )


def _steps_table(routine: Routine) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 1, 1, 0))
    table.add_column("#", justify="right", style="dim")
    table.add_column("start", style="dim")
    table.add_column("step", ratio=1)
    table.add_column("how", no_wrap=True)
    for index, row in enumerate(schedule(routine)):
        item = row.item
        part = begins_part(routine, index)
        if part is not None:  # a long session: its steps under each part's heading
            table.add_row("", "", Text(one_line(part.heading), style=f"bold {ACCENT}"), "")
        if isinstance(item, Rest):
            note = Text(f"Rest. {one_line(item.note)}".strip(), style="dim italic")
            table.add_row("", format_clock(row.start), note, format_duration(row.seconds))
            continue
        heading = Text(one_line(item.title), style="bold")
        if item.area:
            heading.append(f"  {one_line(item.area)}", style="dim")
        body = Group(heading, Text(terminal_safe(item.do))) if item.do else heading
        how = Text("\n").join([Text(word) for word in how_words(item)])
        table.add_row(str(row.step_number), format_clock(row.start), body, how)
    return table
