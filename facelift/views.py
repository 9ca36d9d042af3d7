"""Rich views for `list` and `show`: calm, readable at arm's length, fitting 80 columns."""

from __future__ import annotations

import sys
import textwrap
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from facelift.describe import DISCLAIMER, SIDE_WORDS, dose, summary_line
from facelift.durations import format_clock, format_duration, format_length
from facelift.library import BUILTIN, Entry
from facelift.routine import Rest, Routine
from facelift.timeline import schedule, step_count, total_seconds

ACCENT = "cyan"


def entry_data(entry: Entry) -> dict[str, Any]:
    routine = entry.played
    return {
        "name": entry.name,
        "title": routine.title if routine else None,
        "part": routine.part if routine else None,
        "duration": round(total_seconds(routine), 3) if routine else None,
        "steps": step_count(routine) if routine else None,
        "source": entry.source,
        "overrides": entry.overrides,
        "path": str(entry.path),
        "valid": routine is not None,
    }


def print_list(entries: list[Entry], console: Console | None = None) -> None:
    console = console or Console()
    if not entries:
        console.print("No routines found.")
        return
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
    for column in ("name", "title", "part", "length", "steps", "from"):
        table.add_column(column, justify="right" if column in ("part", "steps") else "left")
    broken = []
    for entry in entries:
        data = entry_data(entry)
        if entry.played is None:
            broken.append(entry)
            continue
        source = "user, overrides built-in" if entry.overrides else entry.source
        table.add_row(
            Text(entry.name, style=f"bold {ACCENT}"),
            Text(data["title"]),
            str(data["part"] or "-"),
            format_length(data["duration"]),
            str(data["steps"]),
            Text(source, style="dim" if entry.source == BUILTIN else "green"),
        )
    console.print(table)
    for entry in broken:  # plain stderr: a path must not be wrapped or read as markup
        print(f"warning: {entry.path} has errors; see: facelift validate {entry.path}",
              file=sys.stderr)  # fmt: skip


def print_routine(routine: Routine, console: Console | None = None) -> None:
    console = console or Console()
    console.print(Text(routine.title, style=f"bold {ACCENT}"))
    console.print(Text(summary_line(routine), style="dim"))
    for paragraph in (routine.summary, routine.description):
        if paragraph:
            console.print()
            console.print(Text(paragraph))
    sections = (
        ("Prepare", routine.prepare, "bold green"),
        ("Safety", routine.safety, "bold yellow"),
    )
    for heading, entries, style in sections:
        _print_bullets(console, heading, entries, style)
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
        console.print(Text(textwrap.fill(entry, width, initial_indent="  • ",
                                         subsequent_indent="    ")))  # fmt: skip


def _steps_table(routine: Routine) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 1, 1, 0))
    table.add_column("#", justify="right", style="dim")
    table.add_column("start", style="dim")
    table.add_column("step", ratio=1)
    table.add_column("how", no_wrap=True)
    for row in schedule(routine):
        item = row.item
        if isinstance(item, Rest):
            note = Text(f"Rest. {item.note}".strip(), style="dim italic")
            table.add_row("", format_clock(row.start), note, format_duration(row.seconds))
            continue
        heading = Text(item.title, style="bold")
        if item.area:
            heading.append(f"  {item.area}", style="dim")
        body = Group(heading, Text(item.do)) if item.do else heading
        how = Text("\n").join(
            [Text(dose(item)), Text(SIDE_WORDS[item.sides]), Text(item.pressure.value)]
        )
        table.add_row(str(row.step_number), format_clock(row.start), body, how)
    return table
