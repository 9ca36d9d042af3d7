"""The check-in questions: asked again after every answer they cannot use, until a rating,
Enter or q; cut short, the answers given so far are kept."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import pytest

from facelift.play.journal import Journal
from facelift.shell import checkin

HINT = "A whole number from 0 (none) to 10 (a lot), or Enter to skip."


class Person:
    """Answers the questions in turn; q (or running out of answers) cancels, as `_ask` does."""

    def __init__(self, answers: Iterable[str]) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        self.told: list[str] = []

    def ask(self, question: str) -> str:
        self.asked.append(question)
        if not self.answers or self.answers[0] == "q":
            raise checkin.Cancelled
        return self.answers.pop(0)

    def say(self, text: str) -> None:
        self.told.append(text)


def test_every_unusable_rating_is_asked_again_until_a_valid_one() -> None:
    """`seven`, then `11`, then `-1`: each gets the hint and the question again; `4` counts."""
    person = Person(["seven", "11", "-1", "4"])
    assert checkin.tension(person.ask, person.say, checkin.TENSION_BEFORE) == 4
    assert person.asked == [checkin.TENSION_BEFORE] * 4
    assert person.told == [HINT] * 3


def test_enter_after_unusable_answers_skips_the_rating() -> None:
    """Enter is always an answer: no rating, no more asking."""
    person = Person(["seven", "11", ""])
    assert checkin.tension(person.ask, person.say, checkin.TENSION_AFTER) is None
    assert len(person.asked) == 3


def test_q_after_unusable_answers_stops_the_asking() -> None:
    """q is always an answer too: the caller is told the person cancelled."""
    person = Person(["seven", "q"])
    with pytest.raises(checkin.Cancelled):
        checkin.tension(person.ask, person.say, checkin.TENSION_BEFORE)


def test_a_reflection_cut_short_keeps_what_was_answered() -> None:
    """q at the second prompt: the tension after and the first answer are in `into`."""
    person = Person(["x", "3", "The jaw.", "q"])
    into: dict[str, Any] = {}
    prompts = ("Where?", "What else?")
    with pytest.raises(checkin.Cancelled):
        checkin.reflect(person.ask, person.say, prompts, completed=True, into=into)
    assert into == {"tension_after": 3, "answers": {"Where?": "The jaw."}, "note": None}
    assert checkin.journal(None, into) is not None


def test_the_journal_is_what_was_answered_and_when() -> None:
    """The rating before and what `reflect` gathered, stamped with the time (with its
    offset); nothing answered at all is no journal."""
    into = {"tension_after": 3, "answers": {"Where?": "The jaw."}, "note": None}
    entry = checkin.journal(7, into)
    assert entry is not None
    assert datetime.fromisoformat(entry.written).utcoffset() is not None
    assert entry == Journal(7, 3, None, (("Where?", "The jaw."),), written=entry.written)
    assert checkin.journal(None, {"tension_after": None, "answers": {}, "note": None}) is None
    assert checkin.journal(None, None) is None


def test_a_journal_as_text_to_copy() -> None:
    entry = Journal(None, 3, "Slept badly;\nthe left side.", (("Where?", "The jaw."),))
    assert checkin.as_text(entry) == (
        "Tension: - -> 3\nWhere?\n  The jaw.\nNote:\n  Slept badly;\n  the left side."
    )
