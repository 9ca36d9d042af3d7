"""A routine as plain data (for --json) and as a printable page (for --markdown)."""

from __future__ import annotations

import json
from typing import Any

from facelift.base import wording
from facelift.base.safetext import json_safe, markdown_inline, markdown_lines
from facelift.format import notes
from facelift.format.durations import format_clock, format_duration, format_length
from facelift.format.limits import MAX_PRESSURE
from facelift.format.parts import begins_part
from facelift.format.routine import PartNotes, PartOf, Rest, Routine, Sides, Step
from facelift.play.timeline import Scheduled, schedule, step_count, total_seconds

DISCLAIMER = (
    "facelift guides a wellness routine; it is not medical treatment and makes no medical "
    "or cosmetic promise. Read each routine's safety notes first, keep the pressure "
    "comfortable, and stop if anything hurts, tingles or feels wrong. If you have a "
    "medical condition, ask your doctor before you start."
)


def routine_data(routine: Routine, *, source: str | None = None) -> dict[str, Any]:
    """Everything `show --json` promises, in play order, with times in seconds."""
    data: dict[str, Any] = {
        "name": routine.name,
        "title": routine.title,
        "part": routine.part,
        "summary": routine.summary,
        "description": routine.description,
        "duration": round(total_seconds(routine), 3),
        "confirm": routine.confirm,
        "prepare": list(routine.prepare),
        "safety": list(routine.safety),
        "parts": [_part_notes_data(part) for part in routine.parts],
        "tempo_band": routine.tempo_band,
        "reflect": list(routine.reflect),
        "steps": [_row_data(row) for row in schedule(routine)],
    }
    if source is not None:
        data["source"] = source
    return data


def _row_data(row: Scheduled) -> dict[str, Any]:
    common = {"start": round(row.start, 3), "duration": round(row.seconds, 3)}
    item = row.item
    if isinstance(item, Rest):
        return {
            "kind": "rest",
            "title": "Rest",
            **common,
            "sides": None,
            "pressure": None,
            "do": item.note,
            "part": _part_data(item.part_of),
        }
    return {
        "kind": "step",
        "title": item.title,
        **common,
        "sides": item.sides.value,
        "pressure": item.pressure,
        "do": item.do,
        "say": item.say or item.do,
        "area": item.area,
        "zones": list(item.zones),
        "direction": item.direction,
        "why": item.why,
        "strokes": item.strokes,
        "tempo": item.tempo if item.strokes else None,
        "repeat": item.repeat,
        "rounds": list(item.round_cues),
        "wait": item.wait,
        "part": _part_data(item.part_of),
    }


def _part_notes_data(part: PartNotes) -> dict[str, Any]:
    return {
        "part": _part_data(part.part),
        "prepare": list(part.prepare),
        "safety": list(part.safety),
    }


def _part_data(part: PartOf | None) -> dict[str, Any] | None:
    return None if part is None else {"name": part.name, "title": part.title, "number": part.number}


def dose(step: Step) -> str:
    """How much of a step, as a person reads it: `10 strokes`, `45s a side`, `2 x 30s`, or
    `until a key` for a step that waits."""
    if step.wait:
        return "until a key"
    amount = f"{step.strokes} strokes" if step.strokes else format_duration(step.seconds)
    if step.repeat > 1:
        amount = f"{step.repeat} x {amount}"
    if len(step.sides.order) > 1:
        amount += " a side"
    return amount


def how_words(step: Step) -> list[str]:
    """The lines of a step's "how": its dose, its sides and its pressure, each only where it
    applies (a breath has neither sides nor pressure)."""
    words = [dose(step)]
    if step.pressure is not None or step.sides is not Sides.BOTH:
        words.append(wording.SIDES_PATTERN[step.sides])
    if step.pressure is not None:
        words.append(wording.pressure_words(step.pressure))
    return words


def routine_length(routine: Routine, seconds: float | None = None) -> str:
    """`38:30`, or `38:30 + your time` when some steps wait for a key."""
    length = format_length(total_seconds(routine) if seconds is None else seconds)
    waits = any(isinstance(item, Step) and item.wait for item in routine.items)
    return f"{length} + your time" if waits else length


def summary_line(routine: Routine) -> str:
    part = f"Part {routine.part} of 4 · " if routine.part else ""
    steps = step_count(routine)
    return f"{part}{routine_length(routine)} · {wording.plural(steps, 'step')}"


def as_json(routine: Routine) -> str:
    """`show --json`: the routine's data, with nothing in it a terminal would obey."""
    return json_safe(json.dumps(routine_data(routine), indent=2, ensure_ascii=False))


def markdown(routine: Routine) -> str:
    """A printable page: title, summary, prepare and safety, a table of the steps. The
    routine's own text is escaped, so it reads as written and never as markup or HTML."""
    lines = [f"# {markdown_inline(routine.title)}", "", f"*{summary_line(routine)}*", ""]
    for paragraph in (routine.summary, routine.description):
        if paragraph:
            lines += [*markdown_lines(paragraph), ""]
    for kind in ("prepare", "safety"):
        found = notes.groups(routine, kind)
        lines += [f"## {kind.capitalize()}", ""] if found else []
        for part, entries in found:
            lines += [f"### {markdown_inline(part)}", ""] if part else []
            lines += [*(f"- {markdown_inline(e)}" for e in entries), ""]
    lines += [
        "## Steps",
        "",
        "| # | Start | Step | Side | Pressure | How much | What to do |",
        "|---|---|---|---|---|---|---|",
    ]
    for index, row in enumerate(schedule(routine)):
        item = row.item
        begins = begins_part(routine, index)
        if begins is not None:
            lines.append(f"| | | **{markdown_inline(begins.heading)}** | | | | |")
        if isinstance(item, Rest):
            cells = [
                "",
                format_clock(row.start),
                "*Rest*",
                "",
                "",
                format_duration(row.seconds),
                markdown_inline(item.note),
            ]
        else:
            how = how_words(item)
            side = how[1] if len(how) > 1 else ""
            pressure = f"{item.pressure} of {MAX_PRESSURE}" if item.pressure is not None else ""
            cells = [
                str(row.step_number),
                format_clock(row.start),
                f"**{markdown_inline(item.title)}**",
                side,
                pressure,
                dose(item),
                markdown_inline(item.do),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    if routine.reflect:
        lines += ["", "## Afterwards", "", *(f"- {markdown_inline(p)}" for p in routine.reflect)]
    lines += ["", "---", "", f"*{DISCLAIMER}*", ""]
    return "\n".join(lines)
