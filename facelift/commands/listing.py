"""`facelift list`: the routines as an aligned table or JSON, with no Rich and no Typer.

It is the command people run most, so it imports only what it needs: `__main__` calls
`run()` directly for the plain forms of `list`, and the Typer command calls it too.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from facelift.base.safetext import json_safe, one_line, terminal_safe, wants_colour
from facelift.format.durations import format_length
from facelift.format.library import Entry, Library
from facelift.format.routine import Step
from facelift.output.describe import routine_length
from facelift.play.timeline import step_count, total_seconds

COLUMNS = ("name", "title", "part", "length", "steps", "from")
_RIGHT = {"part", "steps"}


def run(*, part: int | None, as_json: bool, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    library = Library.default()
    entries = [e for e in library.entries() if part is None or (e.played and e.played.part == part)]
    if as_json:
        import json

        out.write(
            json_safe(json.dumps([entry_data(e) for e in entries], indent=2, ensure_ascii=False))
        )
        out.write("\n")
    else:
        out.write(table(entries, bold=wants_colour(out)))
    for entry in entries:
        if entry.played is None:  # listed in JSON as invalid; in the table, pointed at
            path = terminal_safe(str(entry.path))
            print(f"warning: {path} has errors; see: facelift validate {path}", file=sys.stderr)


def entry_data(entry: Entry) -> dict[str, Any]:
    routine = entry.played
    return {
        "name": entry.name,
        "title": routine.title if routine else None,
        "part": routine.part if routine else None,
        "duration": round(total_seconds(routine), 3) if routine else None,
        "waits": any(isinstance(i, Step) and i.wait for i in routine.items) if routine else None,
        "steps": step_count(routine) if routine else None,
        "source": entry.source,
        "overrides": entry.overrides,
        "path": str(entry.path),
        "valid": routine is not None,
    }


def table(entries: list[Entry], *, bold: bool = False) -> str:
    """Columns padded to their widest cell; names in bold on a terminal."""
    rows = [_cells(e) for e in entries if e.played is not None]
    if not rows:
        return "No routines found.\n"
    widths = [max(len(row[i]) for row in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]
    lines = []
    for number, row in enumerate([list(COLUMNS), *rows]):
        cells = [
            cell.rjust(width) if column in _RIGHT else cell.ljust(width)
            for column, cell, width in zip(COLUMNS, row, widths, strict=True)
        ]
        line = "  ".join(cells).rstrip()
        if bold and number == 0:
            line = f"\x1b[1m{line}\x1b[0m"
        elif bold:
            line = f"\x1b[1;36m{cells[0]}\x1b[0m" + line[len(cells[0]) :]
        lines.append(line)
    return "\n".join(lines) + "\n"


def _cells(entry: Entry) -> list[str]:
    data = entry_data(entry)
    source = "user, overrides built-in" if entry.overrides else entry.source
    return [
        one_line(entry.name),
        one_line(data["title"]),
        str(data["part"] or "-"),
        routine_length(entry.played) if entry.played else format_length(data["duration"]),
        str(data["steps"]),
        source,
    ]


def parse_fast_args(args: list[str]) -> dict[str, Any] | None:
    """`[--json] [--part N]` as `list` takes them, or None to let Typer parse (and explain)."""
    rest = [word for word in args if word != "--json"]
    if len(args) - len(rest) > 1:
        return None
    if rest and rest[0].startswith("--part="):
        rest = ["--part", rest[0].removeprefix("--part="), *rest[1:]]
    if rest and not (len(rest) == 2 and rest[0] == "--part" and rest[1] in ("1", "2", "3", "4")):
        return None
    return {"part": int(rest[1]) if rest else None, "as_json": "--json" in args}
