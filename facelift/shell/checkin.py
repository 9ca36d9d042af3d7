"""The check-in before a session and the reflection after it, asked at the terminal.

Input and output are injected (`ask`, `say`), so tests answer the questions themselves.
Enter skips any question; nothing here is ever required.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from facelift.play.journal import Journal


class Cancelled(Exception):
    """The person typed q (or closed the input): stop asking."""


class Declined(Exception):
    """The person said no to a routine's question before the start: a decision, not a stop."""


Ask = Callable[[str], str]
Say = Callable[[str], None]

TENSION_BEFORE = (
    "How much tension do you feel in your face, 0-10? (Enter skips and begins; q cancels) "
)
TENSION_AFTER = "And now, how much tension do you feel, 0-10? (Enter skips) "


def tension(ask: Ask, say: Say, question: str) -> int | None:
    """A whole number 0-10, or None when skipped (Enter); asked again, with a word on what
    it takes, after every answer that is not one, until it gets one (or q, which `ask`
    raises as Cancelled)."""
    while True:
        answer = ask(question).strip()
        if not answer:
            return None
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        say("A whole number from 0 (none) to 10 (a lot), or Enter to skip.")


def reflect(
    ask: Ask, say: Say, prompts: Sequence[str], *, completed: bool, into: dict[str, Any]
) -> None:
    """After the session: tension, the routine's prompts (when it was completed), a note.
    Each answer goes into `into` as it is given, so that what was answered is kept when the
    asking is cut short (q, the input closed, Ctrl-C)."""
    into.update(tension_after=None, answers={}, note=None)
    say("")
    into["tension_after"] = tension(ask, say, TENSION_AFTER)
    for prompt in prompts if completed else ():
        answer = ask(f"{prompt}\n> ").strip()
        if answer:
            into["answers"][prompt] = answer
    say("Anything else you noticed? Write as many lines as you like; an empty line ends.")
    lines: list[str] = []
    while line := ask("> ").rstrip():
        lines.append(line)
        into["note"] = "\n".join(lines)


def journal(before: int | None, after: Mapping[str, Any] | None) -> Journal | None:
    """The journal to store, the tension `before` and what `reflect` put in `after`; None
    when nothing at all was answered."""
    entry = Journal.from_values({"tension_before": before, **(after or {})})
    if entry.empty:
        return None
    return dataclasses.replace(
        entry, written=datetime.now().astimezone().isoformat(timespec="seconds")
    )


def as_text(entry: Journal) -> str:
    """A journal entry as plain lines, for a person to copy when it could not be saved."""
    lines = []
    before, after = entry.tension_before, entry.tension_after
    if before is not None or after is not None:
        lines.append(
            f"Tension: {before if before is not None else '-'} -> "
            f"{after if after is not None else '-'}"
        )
    for prompt, answer in entry.answers:
        lines += [prompt, f"  {answer}"]
    if entry.note:
        lines += ["Note:", *(f"  {line}" for line in entry.note.splitlines())]
    return "\n".join(lines)
