"""After a session: where it was kept, how it went, the questions after it and the last
words, each said on the session's own streams."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from facelift.base.errors import FaceliftError
from facelift.base.safetext import json_safe, one_line, terminal_safe
from facelift.play.player import Outcome
from facelift.play.record import SessionRecord
from facelift.practice import history, pending
from facelift.shell import checkin, ending
from facelift.shell.session_io import SessionIO, asking

if TYPE_CHECKING:
    from facelift.shell.terminal import Stops


def reflect(
    io: SessionIO,
    keeper: history.Keeper,
    kept: history.Kept | None,
    before: int | None,
    prompts: tuple[str, ...],
    *,
    completed: bool,
    stops: Stops,
    answers: dict[str, Any],
) -> str:
    """Ask the after-questions and store them with the session (and in `answers`); what went
    wrong, if anything. Cut short (q, Ctrl-C, a signal), what was answered until then is
    stored all the same."""
    cut_short = False
    ask, say = asking(io)
    stops.take()
    try:
        checkin.reflect(ask, say, prompts, completed=completed, into=answers)
    except (checkin.Cancelled, KeyboardInterrupt):
        cut_short = True
        with contextlib.suppress(OSError):
            print(file=io.out)
    stops.hold()  # a second Ctrl-C must not cut the save short
    entry = checkin.journal(before, answers)
    if entry is None:
        return ""
    problem = "the session itself was not saved" if kept is None else ""
    if kept is not None:
        try:
            kept = keeper.save_journal(kept, entry)
            if kept.pending is None:
                print(
                    "Saved what you answered in your journal."
                    if cut_short
                    else "Saved in your journal.",
                    file=io.out,
                )
            else:
                print(pending_notice(kept, "your journal entry"), file=io.err)
        except FaceliftError as error:
            problem = str(error)
    if problem:
        print(
            terminal_safe(
                f"Error: your journal entry was not saved ({problem}); here it is to keep:"
            ),
            file=io.err,
        )
        print(terminal_safe(checkin.as_text(entry)), file=io.out)
    return problem


def tell_where(io: SessionIO, record: SessionRecord | None, kept: history.Kept | None) -> None:
    """Say where a session went when it is not in the database: a pending file, or (when
    nothing could be written) here, as a pending file's text to keep."""
    if kept is not None and kept.pending is not None:
        print(pending_notice(kept, "the session"), file=io.err)
    elif kept is None and record is not None:
        folder = pending.folder_for(io.database)
        print(
            terminal_safe(
                f"Here it is to keep; as a .json file in {folder}, the next session adds it:"
            ),
            file=io.out,
        )
        print(json_safe(pending.as_text(record)), file=io.out)


def pending_notice(kept: history.Kept, what: str) -> str:
    return terminal_safe(
        f"Note: {what} is kept in {kept.pending} for now ({kept.reason}); "
        "the next session adds it to your history."
    )


def conclude(
    io: SessionIO, record: SessionRecord | None, outcome: Outcome, *, plain: bool, not_saved: str
) -> None:
    """Say how it went (the plain log has said most of it already) and where to go on."""
    if record is None:
        print("Stopped before the first step; nothing was recorded.", file=io.out)
        return
    title = one_line(record.title)
    if not plain:  # the plain lines have said it
        print(ending.outcome_line(record), file=io.out)
    elif ending.skipped_steps(record)[0]:
        print(ending.outcome_line(record), file=io.out)  # the plain lines did not count skips
    if outcome is Outcome.STOPPED:
        last = next((s for s in reversed(record.steps) if s.step_number), None)
        if last is not None:
            where = f"step {last.step_number} of {title}"
            print(f"To go on later: facelift resume ({where})", file=io.out)
    if not_saved:
        print(terminal_safe(f"Error: the session was not saved: {not_saved}"), file=io.err)


def farewell(
    io: SessionIO,
    keeper: history.Keeper,
    record: SessionRecord,
    before: int | None,
    after: object,
) -> None:
    """The last words: the tension before and after, the streak, a kind word."""
    streak: int | None = None
    with contextlib.suppress(FaceliftError):  # no streak to tell is no reason to fail
        from datetime import date

        from facelift.practice.progress import practice_days, streaks

        records = keeper.sessions(timeout=1.0)  # the save's connection, when it had one
        streak = streaks(practice_days(records), date.today())[0]
    rated = after if isinstance(after, int) else None
    print("\n".join(ending.closing_lines(record, before, rated, streak)), file=io.out)
