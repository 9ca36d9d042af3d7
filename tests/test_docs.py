"""docs/routines.md says what facelift does: its routines load, its errors are the real ones.

The page fences its code by what it holds:

- ```yaml           a complete routine: it must load, and expand with the built-ins;
- ```yaml-fragment  a piece of a routine: it must be YAML, with known field names;
- ```yaml-broken    a routine with a mistake, followed at once by
- ```text           ... the exact lines facelift prints for it (the file name aside);
- ```text / ```sh   otherwise, a transcript or commands to type.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from facelift.base.errors import FaceliftError, RoutineError
from facelift.format.cues import CUE_NAMES
from facelift.format.durations import parse_duration
from facelift.format.library import Library
from facelift.format.loader import (
    DEFAULT_FIELDS,
    INCLUDE_FIELDS,
    REST_FIELDS,
    STEP_FIELDS,
    TOP_FIELDS,
    parse_routine,
)
from facelift.format.routine import Routine
from facelift.output.describe import summary_line
from facelift.play.timeline import CueKind, compile_timeline, segment_cues

from .conftest import Cli

PAGE = Path(__file__).resolve().parent.parent / "docs" / "routines.md"
SHOWN_AS = "docs.yaml"
KINDS = ("yaml", "yaml-fragment", "yaml-broken", "text", "sh")
FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
FILE_NAME = re.compile(r"^\S+?:(?=\d+:\d+: )")
KNOWN_FIELDS = {
    *TOP_FIELDS,
    *DEFAULT_FIELDS,
    *STEP_FIELDS,
    *REST_FIELDS,
    *INCLUDE_FIELDS,
    *CUE_NAMES,
}

# The mistakes the page promises to cover, by a piece of the message each one gets.
LIKELY_MISTAKES = {
    "a typo in a field name": "unknown field 'durtion'; did you mean 'duration'?",
    "text where a number belongs": "expected a whole number, got text",
    "a bad duration": "expected a duration such as 45s or 1m30s, got 'fast'",
    "both duration and strokes": "give either duration or strokes, not both",
    "neither duration nor strokes": "a timed step needs duration",
    "a tab character": "found a tab character",
    "a missing colon": "could not find expected ':'",
    "fields that do not line up": "did not find expected '-' indicator",
    "text with ': ' in it": "mapping values are not allowed in this context",
    "yes/no read as true/false": "got true/false ('no')",
    "an include that does not exist": "no routine named 'lymfatic'",
    "an include cycle": "include cycle:",
    "a name that is not a slug": "expected a name of lowercase letters",
}


@dataclass(frozen=True)
class Block:
    """One fenced block of the page: its kind, its text, and the line its fence opens on."""

    kind: str
    text: str
    line: int


def read_blocks() -> list[Block]:
    page = PAGE.read_text(encoding="utf-8")
    return [
        Block(match.group(1), match.group(2), page.count("\n", 0, match.start()) + 1)
        for match in FENCE.finditer(page)
    ]


BLOCKS = read_blocks()


def of_kind(kind: str) -> list[Block]:
    return [block for block in BLOCKS if block.kind == kind]


def ids(blocks: list[Block]) -> list[str]:
    return [f"line-{block.line}" for block in blocks]


def broken_pairs() -> list[tuple[Block, Block]]:
    """Each broken routine with the block right after it (its message, if the page is right)."""
    return [
        (block, BLOCKS[index + 1])
        for index, block in enumerate(BLOCKS[:-1])
        if block.kind == "yaml-broken"
    ]


def without_file(line: str) -> str:
    """`mine.yaml:4:15: steps[1]...` as `4:15: steps[1]...`: the file name is the reader's."""
    return FILE_NAME.sub("", line.strip(), count=1)


def played(text: str) -> Routine:
    """A complete routine from the page, loaded and with its includes expanded."""
    return Library.default().expand(parse_routine(text.encode(), shown_as=SHOWN_AS))


def messages_for(text: str) -> list[str]:
    """What facelift says about a routine's text, one line per problem, without the file name."""
    try:
        played(text)
    except RoutineError as error:
        lines = [str(problem) for problem in error.problems]
    except FaceliftError as error:
        lines = str(error).splitlines()
    else:
        lines = []
    return [without_file(line) for line in lines]


def field_names(value: object) -> set[str]:
    """Every mapping key anywhere in a parsed YAML value."""
    if isinstance(value, dict):
        keys = {str(key) for key in value}
        return keys.union(*(field_names(inner) for inner in value.values()))
    if isinstance(value, list):
        return set().union(*(field_names(inner) for inner in value))
    return set()


def preceding_routine(block: Block) -> Block:
    """The last complete routine on the page before `block`."""
    before = [other for other in of_kind("yaml") if other.line < block.line]
    assert before, f"no routine before the block at line {block.line}"
    return before[-1]


def test_the_page_has_routines_fragments_and_broken_examples() -> None:
    """The page is there and holds something of each kind the other tests check."""
    assert PAGE.is_file()
    for kind in ("yaml", "yaml-fragment", "yaml-broken", "text"):
        assert of_kind(kind), f"no ```{kind} block in {PAGE.name}"


def test_every_block_says_what_it_holds() -> None:
    """Every fence is one of the known kinds and is closed, so no example escapes a check."""
    page = PAGE.read_text(encoding="utf-8")
    fences = [line for line in page.splitlines() if line.startswith("```")]
    assert len(fences) == 2 * len(BLOCKS), "an unclosed or nested ``` fence"
    unknown = [(block.line, block.kind) for block in BLOCKS if block.kind not in KINDS]
    assert unknown == [], f"fences must be one of {', '.join(KINDS)}"


@pytest.mark.parametrize("block", of_kind("yaml"), ids=ids(of_kind("yaml")))
def test_every_routine_on_the_page_loads_and_expands(block: Block) -> None:
    """Each ```yaml block is a complete, correct routine; its includes of built-ins resolve."""
    routine = played(block.text)
    assert routine.items


@pytest.mark.parametrize("block", of_kind("yaml-fragment"), ids=ids(of_kind("yaml-fragment")))
def test_every_fragment_is_yaml_with_known_fields(block: Block) -> None:
    """A fragment is valid YAML, and every field name in it is one the format knows."""
    value = yaml.safe_load(block.text)
    assert field_names(value) <= KNOWN_FIELDS


def test_every_broken_example_is_followed_by_its_message() -> None:
    """A ```yaml-broken block is always paired with the ```text block of what facelift says."""
    for broken, message in broken_pairs():
        assert message.kind == "text", f"line {broken.line}: no ```text message after it"
        assert message.text.strip(), f"line {message.line}: an empty message"


@pytest.mark.parametrize(
    ("broken", "message"), broken_pairs(), ids=ids([pair[0] for pair in broken_pairs()])
)
def test_each_error_shown_is_what_facelift_says(
    broken: Block, message: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading the broken routine gives exactly the lines shown, each at its line and column."""
    monkeypatch.chdir(tmp_path)  # a sound path is read from here: nothing must be found
    shown = [without_file(line) for line in message.text.splitlines() if line.strip()]
    assert messages_for(broken.text) == shown


def test_the_errors_section_covers_the_likely_mistakes() -> None:
    """Each mistake a person is likely to make has an entry, with the message it gets."""
    messages = "\n".join(message.text for _, message in broken_pairs())
    missing = [name for name, piece in LIKELY_MISTAKES.items() if piece not in messages]
    assert missing == []


def transcripts() -> list[tuple[Block, str, list[str]]]:
    """Each `$ facelift validate|show|list` on the page, with the lines it is shown to print."""
    found = []
    for block in of_kind("text"):
        command: str | None = None
        printed: list[str] = []
        for line in [*block.text.splitlines(), "$ end"]:
            if line.startswith("$ "):
                if command is not None and command.split()[1] in ("validate", "show", "list"):
                    found.append((block, command, printed))
                command, printed = line[2:], []
            elif command is not None:
                printed.append(line.rstrip())
    return found


def chunks(lines: list[str]) -> list[str]:
    """The shown output as the pieces between `...` lines (where the page leaves lines out)."""
    text = "\n".join(lines)
    return [piece.strip("\n") for piece in text.split("\n...") if piece.strip("\n")]


@pytest.mark.parametrize(
    ("block", "command", "printed"),
    transcripts(),
    ids=[f"line-{block.line}-{command.split()[1]}" for block, command, _ in transcripts()],
)
def test_each_transcript_is_what_facelift_prints(
    block: Block,
    command: str,
    printed: list[str],
    cli: Cli,
    user_routines: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The routine just above a transcript, saved in the routines folder under the file name the
    command uses, gets exactly the output shown (80 columns wide; `...` marks lines left out)."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(user_routines)
    named = [word for word in command.split() if word.endswith(".yaml")]
    file = named[0] if named else "my-jaw.yaml"  # `show my-jaw` and `list` find it by name
    (user_routines / file).write_text(preceding_routine(block).text, encoding="utf-8")
    result = cli(*shlex.split(command)[1:])
    output = "\n".join(line.rstrip() for line in (result.err + result.out).splitlines())
    position = 0
    for piece in chunks(printed):
        found = output.find(piece, position)
        assert found >= 0, f"not printed by `{command}`:\n{piece}\n--- printed:\n{output}"
        position = found + len(piece)
    if "..." not in printed:
        assert output.strip("\n") == "\n".join(printed).strip("\n")


def test_the_worked_example_lasts_five_minutes() -> None:
    """The finished jaw routine is the page's last routine named my-jaw: 8 steps, exactly 5:00."""
    final = [b for b in of_kind("yaml") if "\nname: my-jaw\n" in b.text][-1]
    assert summary_line(played(final.text)) == "Part 3 of 4 · 5:00 · 8 steps"


def test_the_sides_and_rounds_example_plays_as_the_page_says() -> None:
    """left, right, left, right with a switch cue at each change of side; a round cue between
    rounds on the same side; 18 s in all, as the transcript shows."""
    block = next(b for b in of_kind("yaml") if b.text.startswith("title: Try sides\n"))
    timeline = compile_timeline(played(block.text))
    segments = timeline.segments
    openings = [segment_cues(segments, i, s.seconds)[0].kind for i, s in enumerate(segments)]
    assert [s.side for s in segments] == ["left", "right", "left", "right", None, None]
    assert openings == [CueKind.STEP, *[CueKind.SWITCH] * 3, CueKind.STEP, CueKind.ROUND]
    assert timeline.total == 18


def test_every_duration_form_in_the_table_is_read() -> None:
    """Each way of writing a duration that the page lists is one facelift reads."""
    page = PAGE.read_text(encoding="utf-8")
    section = page.split("## Durations", 1)[1].split("\n## ", 1)[0]
    table = section.split("| you write | it means |", 1)[1].split("\n\n", 1)[0]
    forms = [
        form
        for row in table.splitlines()[2:]
        for form in re.findall(r"`([^`]+)`", row.split("|")[1])
    ]
    assert len(forms) >= 9
    assert [form for form in forms if parse_duration(form) is None] == []


def test_the_page_lists_every_zone_and_no_other() -> None:
    """The zone list a writer copies from is the vocabulary the loader checks against."""
    from facelift.format.zones import ZONE_NAMES

    page = PAGE.read_text(encoding="utf-8")
    section = page[page.index("### Zones") : page.index("### Steps that wait")]
    paragraph = section.split("\n\n")[1].split(". A name not on")[0]
    assert re.findall(r"`([a-z-]+)`", paragraph) == list(ZONE_NAMES)


def test_the_readme_example_says_how_long_it_lasts() -> None:
    """The README's own routine loads, with its include, and lasts what its words say."""
    readme = PAGE.parent.parent / "README.md"
    block = re.search(r"```yaml\n(.*?)```", readme.read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None
    routine = played(block.group(1))
    assert summary_line(routine) == "Part 3 of 4 · 10:39 · 17 steps"
    assert "about eleven minutes" in routine.summary
    assert "It lasts 10:39: the drainage routine's 7:46, then 2:53" in readme.read_text()
