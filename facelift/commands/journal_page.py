"""`facelift journal`: the entries newest first, as a Rich page or a Markdown file to keep."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

from facelift.base import wording
from facelift.base.safetext import markdown_inline, markdown_lines
from facelift.commands.history_page import ACCENT
from facelift.format.durations import format_length
from facelift.play.record import SessionRecord
from facelift.practice.progress import journal_entries

EMPTY_JOURNAL = "No journal entries yet. After a session, facelift asks how it went."


Piece = tuple[str, str]  # some text and its style


class _Lines:
    """Lines one under the other, each made of styled pieces and wrapped to the width left
    after its indent; every line indented, none padded after its words (Rich's Padding would
    fill each line to the full width). A line that fits is not wrapped at all, and no Text is
    made for it: a ten-year journal renders quickly."""

    def __init__(self, items: Sequence[tuple[int, Sequence[Piece]]]) -> None:
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        styles: dict[str, Any] = {}
        margins: dict[int, Segment] = {}
        for indent, pieces in self.items:
            room = max(1, options.max_width - indent)
            whole = "".join(words for words, _ in pieces)
            if not whole.strip():
                yield new_line
                continue
            margin = margins.get(indent) or margins.setdefault(indent, Segment(" " * indent))
            if "\n" in whole or cell_len(whole) > room:
                text = Text.assemble(*pieces)
                for line in text.wrap(console, room):
                    line.rstrip()
                    if line.plain:
                        yield margin
                        yield from line.render(console)
                    yield new_line
                continue
            yield margin
            for words, style in pieces:
                if style not in styles:
                    styles[style] = console.get_style(style)
                yield Segment(words, styles[style])
            yield new_line


def journal_text(records: Sequence[SessionRecord], limit: int | None = None) -> RenderableType:
    """`facelift journal`: the newest `limit` entries (all when None), each with its date,
    routine and tension change, then the prompts answered and the note."""
    entries = journal_entries(records)
    if not entries:
        return Text(EMPTY_JOURNAL)
    shown = entries if limit is None else entries[: max(0, limit)]
    items: list[tuple[int, Sequence[Piece]]] = []
    blank: tuple[Piece, ...] = ()
    for entry in shown:
        if items:
            items.append((0, blank))
        header = [
            (f"{entry.started:%Y-%m-%d %H:%M}", "bold"),
            ("  ", ""),
            (entry.title, f"bold {ACCENT}"),
        ]
        if entry.tension:
            header.append((f"  tension {entry.tension}", ""))
            if entry.change:
                header.append((f", {entry.change}", "dim"))
        items.append((0, header))
        for prompt, answer in entry.answers:
            items.append((2, [(prompt, "italic dim")]))
            items.append((4, [(answer, "")]))
        if entry.note:
            items.append((2, [(entry.note, "")]))
    if len(shown) < len(entries):
        more = (f"The newest {len(shown):,} of {len(entries):,} entries.", "dim")
        items += [(0, blank), (0, [more])]
    return _Lines(items)


def journal_markdown(records: Sequence[SessionRecord], today: date) -> str:
    """`facelift journal --export markdown`: a file to keep or print. A heading, then one
    section per entry, newest first: date and routine, the tension change, each prompt and
    its answer, and the note as a block quote. Everything the person wrote is escaped, so it
    reads as they wrote it and never as markup or HTML."""
    entries = journal_entries(records)
    lines = ["# Facelift journal", ""]
    if not entries:
        lines += [f"Exported on {_long_date(today)}. {EMPTY_JOURNAL}", ""]
        return "\n".join(lines)
    oldest, newest = entries[-1].started, entries[0].started
    lines += [
        f"Exported on {_long_date(today)}: {wording.plural(len(entries), 'entry', 'entries')}"
        f" from {oldest:%Y-%m-%d} to {newest:%Y-%m-%d}, newest first.",
        "",
    ]
    for entry in entries:
        lines += [f"## {entry.started:%Y-%m-%d %H:%M} — {markdown_inline(entry.title)}", ""]
        played = f"{entry.status.capitalize()}, {format_length(entry.active_seconds)} played."
        if entry.tension:
            change = f" ({entry.change})" if entry.change else ""
            lines += [f"Tension {entry.tension}{change}. {played}", ""]
        else:
            lines += [played, ""]
        for prompt, answer in entry.answers:
            lines += [f"**Q:** {markdown_inline(prompt)}", ""]
            answer_lines = markdown_lines(answer)
            lines += [f"**A:** {answer_lines[0]}", *answer_lines[1:], ""]
        if entry.note:
            lines += [*markdown_lines(entry.note, prefix="> "), ""]
    return "\n".join(lines)


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
