"""A session's journal entry, and its stored mapping: the one place that turns one into the
other.

The stored mapping is the `journal` of a pending file, and the journal table's columns by
name (with the answers as JSON text there). Reading it trusts nothing: a damaged part is
left empty and named, never the whole entry lost. Writing it needs no checks: a `Journal`
that exists is one that can be stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from facelift.base.jsontext import parse_json

# The stored keys, in the order every journal has always been written in.
KEYS = ("tension_before", "tension_after", "note", "answers", "written")


@dataclass(frozen=True)
class Journal:
    """What a person answered around one session; every part may be left unanswered."""

    tension_before: int | None = None  # 0-10
    tension_after: int | None = None  # 0-10
    note: str | None = None
    answers: tuple[tuple[str, str], ...] = ()  # (prompt, answer), in the order answered
    written: str = ""  # ISO 8601 with its offset; "" until saved, or when it was damaged

    def __post_init__(self) -> None:
        # A bad value is a programming error, refused here rather than in a store's write.
        for key in ("tension_before", "tension_after"):
            value = getattr(self, key)
            if value is not None and not _is_tension(value):
                raise ValueError(
                    f"journal {key} must be a whole number 0-10 or None, not {value!r}"
                )
        if self.note is not None and not isinstance(self.note, str):
            raise ValueError(f"journal note must be text or None, not {self.note!r}")
        answers = self.answers
        if not isinstance(answers, tuple) or not all(_is_answer(pair) for pair in answers):
            raise ValueError(f"journal answers must be (prompt, answer) text, not {answers!r}")
        if len({prompt for prompt, _ in answers}) < len(answers):
            raise ValueError(f"journal answers name a prompt twice: {answers!r}")
        if not isinstance(self.written, str):
            raise ValueError(f"journal written must be text, not {self.written!r}")

    @property
    def empty(self) -> bool:
        """Nothing answered (whenever it was written)."""
        rated = self.tension_before is not None or self.tension_after is not None
        return not (rated or self.note is not None or self.answers)

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> Journal:
        """A journal from plain values gathered in code (the answers as they are given): a
        key left out is unanswered; an unknown key, like a bad value, is refused
        (ValueError)."""
        unknown = sorted(set(values) - set(KEYS))
        if unknown:
            raise ValueError(f"unknown journal keys {unknown}; expected some of {KEYS}")
        answers = values.get("answers") or {}
        if not isinstance(answers, Mapping):
            raise ValueError(f"journal answers must be prompt -> answer, not {answers!r}")
        return cls(
            tension_before=values.get("tension_before"),
            tension_after=values.get("tension_after"),
            note=values.get("note"),
            answers=tuple(answers.items()),
            written=values.get("written") or "",
        )

    @classmethod
    def from_stored(cls, fields: Mapping[str, Any]) -> tuple[Journal, list[str]]:
        """A journal from its stored mapping, and the keys of the parts left out as damaged
        (in KEYS order). Unknown keys are ignored; a tension or a note left out is
        unanswered, but answers or a `written` left out are damaged: facelift always writes
        both. `answers` may be JSON text (a database column) or a mapping (a pending file);
        a BLOB note or `written` (another program's) reads as UTF-8."""
        damaged: list[str] = []
        tensions: list[int | None] = []
        for key in ("tension_before", "tension_after"):
            value = fields.get(key)
            if value is not None and not _is_tension(value):
                damaged.append(key)
                value = None
            tensions.append(value)
        note = fields.get("note")
        if note is not None:
            note = _text(note)
            if note is None:
                damaged.append("note")
        answers = _answers(fields.get("answers"))
        if answers is None:
            damaged.append("answers")
        written = _text(fields.get("written"))
        if written is None:
            damaged.append("written")
        journal = cls(tensions[0], tensions[1], note, answers or (), written or "")
        return journal, damaged

    def to_stored(self) -> dict[str, Any]:
        """The stored mapping: every key of KEYS, in order, the answers as a plain dict (what
        a pending file and `history --json` hold)."""
        return {
            "tension_before": self.tension_before,
            "tension_after": self.tension_after,
            "note": self.note,
            "answers": dict(self.answers),
            "written": self.written,
        }


def _is_tension(value: Any) -> bool:
    return type(value) is int and 0 <= value <= 10  # not bool, not 2.0


def _is_answer(pair: Any) -> bool:
    return isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(p, str) for p in pair)


def _text(value: Any) -> str | None:
    """Text as stored, bytes read as UTF-8; None when it is neither."""
    if type(value) is str:
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return None


def _answers(value: Any) -> tuple[tuple[str, str], ...] | None:
    """The answers as written (prompt -> answer, as JSON text or a mapping), or None when
    they are not that."""
    if isinstance(value, (str, bytes)):
        try:
            value = parse_json(value)
        except (ValueError, RecursionError):
            return None
    if not isinstance(value, Mapping):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return None
    return tuple(value.items())
