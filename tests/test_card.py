"""`show --html`: one self-contained printable page, every step with its map, all text escaped."""

from __future__ import annotations

import re
from pathlib import Path

from facelift.format.routine import Rest, Routine, Sides, Step
from facelift.output.card import card
from tests.conftest import Cli, WriteRoutine

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=y>'


def routine() -> Routine:
    return Routine(
        name="c",
        title=f"Card {HOSTILE}",
        summary=HOSTILE,
        prepare=(HOSTILE,),
        safety=("Stop if it hurts.",),
        items=(
            Step(
                "Jaw <b>",
                30,
                do=HOSTILE,
                sides=Sides.LEFT,
                zones=("jawline",),
                direction="toward-ear",
                pressure=7,
            ),
            Rest(10, note=HOSTILE),
            Step("Forehead", 20, do="Smooth up.", zones=("forehead",), direction="up"),
        ),
    )


def test_every_piece_of_routine_text_is_escaped() -> None:
    """Markup in a title, a summary, a list, an instruction or a note reads as text."""
    page = card(routine())
    assert "<script" not in page and "<img" not in page and "<b>" not in page.split("<h1>")[1][:40]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in page
    assert "<h1>Card &lt;script&gt;" in page
    assert '<div class="title">Jaw &lt;b&gt;</div>' in page


def test_the_page_is_self_contained() -> None:
    """No script, no link, nothing fetched: only the SVG namespace names an address."""
    page = card(routine()).replace(HOSTILE, "")  # the escaped text may say anything
    page = page.replace(
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;", ""
    )
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert re.findall(r"https?://[^\"]+", page) == ["http://www.w3.org/2000/svg"] * 2
    assert not re.search(r"<(script|link|iframe|img)\b|src=|@import|url\(", page)
    assert "@page" in page and "@media print" in page


def test_one_row_per_step_with_its_map_time_side_and_pressure() -> None:
    """Two steps, two rows with a map each; the rest a row of its own, without a map."""
    page = card(routine())
    rows = re.findall(r'<tr class="(step|rest)">(.*?)</tr>', page, re.S)
    assert [kind for kind, _ in rows] == ["step", "rest", "step"]
    first = rows[0][1]
    assert first.count("<svg") == 1 and 'aria-label="the jawline, toward the ear"' in first
    assert 'at 0:00 · <b>30s</b> · <b class="left">left</b> · pressure 7 of 10' in first
    assert "the jawline, toward the ear" in first
    assert "<svg" not in rows[1][1] and "0:30 · rest 10s" in rows[1][1]
    assert "at 0:40" in rows[2][1]


def test_show_html_writes_the_card_to_a_file(
    cli: Cli, write_routine: WriteRoutine, tmp_path: Path
) -> None:
    """`-o FILE` writes the page and prints nothing; without it the page goes to stdout."""
    path = write_routine("title: Mine\nsteps:\n  - title: Jaw\n    duration: 30s\n")
    out = tmp_path / "card.html"
    result = cli("show", str(path), "--html", "-o", str(out))
    assert (result.code, result.out, result.err) == (0, "", "")
    assert "<h1>Mine</h1>" in out.read_text(encoding="utf-8")
    printed = cli("show", str(path), "--html")
    assert printed.code == 0 and printed.out == out.read_text(encoding="utf-8")


def test_output_needs_html_and_one_form_at_a_time(cli: Cli, write_routine: WriteRoutine) -> None:
    """-o alone, or --html with --json, is a usage error (exit 2) naming the rule."""
    path = str(write_routine("title: Mine\nsteps:\n  - title: Jaw\n    duration: 30s\n"))
    alone = cli("show", path, "-o", "x.html")
    assert alone.code == 2 and "--output goes with --html" in alone.err
    both = cli("show", path, "--html", "--json")
    assert both.code == 2 and "choose one of --json, --markdown and --html" in both.err
