"""The Journal and its stored mapping: what a pending file, a database row and `history
--json` hold, read into a Journal and written back unchanged."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facelift.play.journal import KEYS, Journal
from facelift.practice import rows

WRITTEN = "2026-11-24T21:03:00+01:00"

# Every form facelift writes: all five keys, in KEYS order, the answers as a mapping.
STORED_FORMS = {
    "everything answered": {
        "tension_before": 7,
        "tension_after": 2,
        "note": "Jaw let go on the left — finally.\nSecond line.",
        "answers": {"What softened?": "the jaw", "Where is tension left?": "temples"},
        "written": WRITTEN,
    },
    "only the tension before (a session stopped by a signal)": {
        "tension_before": 5,
        "tension_after": None,
        "note": None,
        "answers": {},
        "written": WRITTEN,
    },
    "the lowest and highest ratings": {
        "tension_before": 0,
        "tension_after": 10,
        "note": None,
        "answers": {},
        "written": WRITTEN,
    },
    "an empty note, blank answers, answers out of alphabetical order": {
        "tension_before": None,
        "tension_after": None,
        "note": "",
        "answers": {"b": "  ", "a": ""},
        "written": WRITTEN,
    },
    "control characters and other scripts, kept as written": {
        "tension_before": None,
        "tension_after": 3,
        "note": "one\tTwo\x1b]0;title\x07\r\nfour ünï",
        "answers": {"Q\x9b?": "a\x00b"},
        "written": WRITTEN,
    },
    "a damaged time, read back as empty": {
        "tension_before": 4,
        "tension_after": 2,
        "note": None,
        "answers": {},
        "written": "",
    },
}


@pytest.mark.parametrize("stored", STORED_FORMS.values(), ids=STORED_FORMS)
def test_a_stored_journal_reads_and_writes_back_unchanged(stored: dict[str, Any]) -> None:
    """stored mapping -> Journal -> stored mapping is the identity, key order included (the
    bytes of a pending file depend on it)."""
    journal, damaged = Journal.from_stored(stored)
    assert damaged == []
    assert journal.to_stored() == stored
    assert json.dumps(journal.to_stored()) == json.dumps(stored)


@pytest.mark.parametrize("stored", STORED_FORMS.values(), ids=STORED_FORMS)
def test_a_database_row_reads_back_as_the_same_journal(stored: dict[str, Any]) -> None:
    """The row has the answers as JSON text; read back by name, it is the same journal. Only
    a journal without a time gets one: the time it is saved."""
    journal, _ = Journal.from_stored(stored)
    row = dict(zip(KEYS, rows.journal_row(journal), strict=True))
    assert row["answers"] == json.dumps(stored["answers"], ensure_ascii=False)
    again, damaged = Journal.from_stored(row)
    assert damaged == []
    if journal.written:
        assert again == journal
    else:
        assert again.written and again == dataclasses.replace(journal, written=again.written)


def test_the_stored_mapping_has_every_key_in_order() -> None:
    """Nothing answered is still five keys: None for what was not rated or noted, {} for no
    answers, "" for a journal not yet written."""
    assert Journal().to_stored() == {
        "tension_before": None,
        "tension_after": None,
        "note": None,
        "answers": {},
        "written": "",
    }
    assert tuple(Journal().to_stored()) == KEYS


text = st.text(max_size=20)
journals = st.builds(
    Journal,
    tension_before=st.none() | st.integers(0, 10),
    tension_after=st.none() | st.integers(0, 10),
    note=st.none() | text,
    answers=st.dictionaries(text, text, max_size=4).map(lambda d: tuple(d.items())),
    written=st.just(WRITTEN) | st.just(""),
)


@given(journal=journals)
def test_any_journal_survives_a_pending_file(journal: Journal) -> None:
    """Through JSON, as a pending file holds it: the same journal, nothing damaged."""
    text = json.dumps(journal.to_stored(), allow_nan=False)
    assert Journal.from_stored(json.loads(text)) == (journal, [])


@given(journal=journals)
def test_any_journal_survives_a_database_row(journal: Journal) -> None:
    row = dict(zip(KEYS, rows.journal_row(journal), strict=True))
    again, damaged = Journal.from_stored(row)
    assert (damaged, again.answers, again.note) == ([], journal.answers, journal.note)
    assert (again.tension_before, again.tension_after) == (
        journal.tension_before,
        journal.tension_after,
    )


# Forms facelift never writes but reads without complaint (a file edited by hand, an older
# or another program): each comes back as the form facelift writes.
ACCEPTED = {
    "tensions and note left out": (
        {"answers": {}, "written": WRITTEN},
        Journal(written=WRITTEN),
    ),
    "an unknown key, ignored": (
        {"mood": "calm", "tension_before": 2, "answers": {}, "written": WRITTEN},
        Journal(tension_before=2, written=WRITTEN),
    ),
    "answers as JSON text, as in a database column": (
        {"answers": '{"q": "a"}', "written": WRITTEN},
        Journal(answers=(("q", "a"),), written=WRITTEN),
    ),
    "a note and a time as bytes (a BLOB), read as UTF-8": (
        {"note": b"Calm \xff", "answers": "{}", "written": WRITTEN.encode()},
        Journal(note="Calm \ufffd", written=WRITTEN),
    ),
}


@pytest.mark.parametrize(("stored", "journal"), ACCEPTED.values(), ids=ACCEPTED)
def test_other_forms_read_as_the_one_facelift_writes(
    stored: dict[str, Any], journal: Journal
) -> None:
    assert Journal.from_stored(stored) == (journal, [])
    assert Journal.from_stored(journal.to_stored()) == (journal, [])


# A damaged part reads as never answered, and is named (in KEYS order) so it can be told.
DAMAGED = {
    "no answers and no time: facelift always writes both": (
        {"tension_before": 3},
        Journal(tension_before=3),
        ["answers", "written"],
    ),
    "every key null": (dict.fromkeys(KEYS), Journal(), ["answers", "written"]),
    "answers that are not prompt -> answer text": (
        {"answers": {"q": 3}, "written": WRITTEN},
        Journal(written=WRITTEN),
        ["answers"],
    ),
    "answers that are not JSON, or NaN": (
        {"answers": '{"a": NaN}', "written": WRITTEN},
        Journal(written=WRITTEN),
        ["answers"],
    ),
    "ratings out of 0-10, not whole, or a bool": (
        {"tension_before": 11, "tension_after": True, "answers": {}, "written": WRITTEN},
        Journal(written=WRITTEN),
        ["tension_before", "tension_after"],
    ),
    "a rating of 2.0": (
        {"tension_before": 2.0, "answers": {}, "written": WRITTEN},
        Journal(written=WRITTEN),
        ["tension_before"],
    ),
    "a note and a time that are not text": (
        {"note": 42, "answers": {}, "written": 5},
        Journal(),
        ["note", "written"],
    ),
}


@pytest.mark.parametrize(("stored", "journal", "damaged"), DAMAGED.values(), ids=DAMAGED)
def test_a_damaged_part_reads_as_unanswered_and_is_named(
    stored: dict[str, Any], journal: Journal, damaged: list[str]
) -> None:
    assert Journal.from_stored(stored) == (journal, damaged)


def test_values_from_code_leave_out_what_was_not_answered() -> None:
    """`from_values`, for the answers as they are gathered: a key left out is unanswered
    (not damaged), the answers keep the order they were given in."""
    values = {"tension_after": 3, "answers": {"Where?": "The jaw.", "Else?": "no"}}
    assert Journal.from_values(values) == Journal(
        tension_after=3, answers=(("Where?", "The jaw."), ("Else?", "no"))
    )
    assert Journal.from_values({}) == Journal()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"mood": "calm"}, r"unknown journal keys \['mood'\]; expected some of \('tension_"),
        ({"tension_after": 11}, "journal tension_after must be a whole number 0-10 or None"),
        ({"tension_before": True}, "journal tension_before must be a whole number 0-10"),
        ({"note": 3}, "journal note must be text or None, not 3"),
        ({"answers": ["the jaw"]}, "journal answers must be prompt -> answer"),
        ({"answers": {"Where?": 3}}, "journal answers must be \\(prompt, answer\\) text"),
    ],
)
def test_bad_values_from_code_are_refused(values: dict[str, Any], message: str) -> None:
    """A programming error, refused at once (ValueError) rather than stored to be found
    damaged later."""
    with pytest.raises(ValueError, match=message):
        Journal.from_values(values)


def test_a_prompt_is_answered_once() -> None:
    with pytest.raises(ValueError, match="name a prompt twice"):
        Journal(answers=(("Where?", "jaw"), ("Where?", "neck")))


@pytest.mark.parametrize(
    ("journal", "empty"),
    [
        (Journal(), True),
        (Journal(written=WRITTEN), True),
        (Journal(tension_after=0), False),
        (Journal(note=""), False),  # a note, even empty, was written
        (Journal(answers=(("Where?", ""),)), False),
    ],
)
def test_empty_is_nothing_answered(journal: Journal, empty: bool) -> None:
    assert journal.empty is empty
