"""`show --html`: a routine as one printable page, a face map beside every step.

Self-contained (no network, no script): the styles and the maps are inline. Every piece of
the routine's own text is HTML-escaped, as a routine may come from anyone.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from facelift.base import wording
from facelift.base.errors import FaceliftError
from facelift.base.safetext import one_line
from facelift.format.durations import format_clock, format_duration
from facelift.format.routine import Rest, Routine, Step
from facelift.format.zones import zone_words
from facelift.output.describe import DISCLAIMER, dose, summary_line
from facelift.output.facesvg import face_svg
from facelift.play.timeline import Scheduled, schedule

STYLE = """
:root { color: #222; font: 13pt/1.35 system-ui, "Segoe UI", Helvetica, Arial, sans-serif; }
body { max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 2rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 1.2rem 0 .4rem; border-bottom: 2px solid #ddd; }
.summary { color: #555; margin: 0 0 .8rem; }
ul { margin: .2rem 0; padding-left: 1.3rem; }
.steps { width: 100%; border-collapse: collapse; }
.steps td { border-top: 1px solid #ccc; padding: .5rem .5rem; vertical-align: top; }
.steps tr { break-inside: avoid; page-break-inside: avoid; }
td.map { width: 7.2rem; padding-left: 0; }
svg.map { width: 7rem; height: auto; display: block; }
td.num { width: 2rem; font-size: 1.6rem; font-weight: 700; color: #888; text-align: right; }
.title { font-size: 1.25rem; font-weight: 700; }
.facts { font-size: 1.05rem; margin: .1rem 0 .25rem; }
.facts b { font-weight: 700; }
.where { color: #444; font-style: italic; }
.do { font-size: 1.05rem; }
tr.rest td { color: #666; padding: .25rem .5rem; font-style: italic; }
.left { color: #1f77b4; } .right { color: #b8408f; }
.disclaimer { color: #666; font-size: .85rem; margin-top: 1.5rem; }
@page { margin: 12mm; }  /* no size: A4 and Letter alike, the column is fluid */
@media print {
  :root { font-size: 11.5pt; }
  body { max-width: none; margin: 0; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
"""


def card(routine: Routine) -> str:
    """The whole HTML page for `routine` (its includes expanded)."""
    title = _text(routine.title)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f'<p class="summary">{_text(summary_line(routine))}</p>',
    ]
    parts += [f"<p>{_text(text)}</p>" for text in (routine.summary, routine.description) if text]
    for heading, entries in (("Before you start", routine.prepare), ("Safety", routine.safety)):
        if entries:
            items = "".join(f"<li>{_text(entry)}</li>" for entry in entries)
            parts.append(f"<h2>{heading}</h2><ul>{items}</ul>")
    parts.append('<h2>Steps</h2><table class="steps"><tbody>')
    parts += [_row(row) for row in schedule(routine)]
    parts.append("</tbody></table>")
    if routine.reflect:
        items = "".join(f"<li>{_text(entry)}</li>" for entry in routine.reflect)
        parts.append(f"<h2>Afterwards</h2><ul>{items}</ul>")
    parts.append(f'<p class="disclaimer">{_text(DISCLAIMER)}</p></body></html>')
    return "\n".join(parts) + "\n"


def _row(row: Scheduled) -> str:
    item = row.item
    start = format_clock(row.start)
    if isinstance(item, Rest):
        note = f" · {_text(item.note)}" if item.note else ""
        return (
            f'<tr class="rest"><td></td><td></td><td>{start} · rest '
            f"{_text(format_duration(row.seconds))}{note}</td></tr>"
        )
    return (
        f'<tr class="step"><td class="num">{row.step_number}</td>'
        f'<td class="map">{_map(item)}</td><td>'
        f'<div class="title">{_text(item.title)}</div>'
        f'<div class="facts">{_facts(item, start)}</div>'
        + (f'<div class="where">{_text(_where(item))}</div>' if _where(item) else "")
        + (f'<div class="do">{_text(item.do)}</div>' if item.do else "")
        + "</td></tr>"
    )


def _map(step: Step) -> str:
    side = step.sides.order[0] if len(step.sides.order) == 1 else None
    return face_svg(step.zones, side, step.direction, label=escape(_where(step), quote=True))


def _facts(step: Step, start: str) -> str:
    """`at 2:15 · 10 strokes a side · left, then right · pressure 3 of 10`."""
    sides = wording.SIDES_PATTERN[step.sides]
    only = step.sides.order[0] if len(step.sides.order) == 1 else None
    side = f'<b class="{only}">{sides}</b>' if only else f"<b>{sides}</b>"
    facts = [f"at {start}", f"<b>{_text(dose(step))}</b>", side]
    if step.pressure is not None:
        facts.append(wording.pressure_words(step.pressure))
    return " · ".join(facts)


def _where(step: Step) -> str:
    """Where the hands go: the zones in words, else the step's own area."""
    return zone_words(step.zones, step.direction) or step.area


def _text(text: str) -> str:
    """Routine text as HTML text: one line, every markup character escaped."""
    return escape(one_line(text), quote=True)


def write_card(page: str, output: Path | None) -> None:
    """The page to `output`, or to stdout when none is given."""
    if output is None:
        sys.stdout.write(page)
        return
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as error:
        raise FaceliftError(f"cannot write {output}: {error.strerror or error}") from None
