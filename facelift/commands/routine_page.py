"""`facelift show`: one routine as a page for the terminal, as JSON, as Markdown, or as a
printable HTML card with a face map per step."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from facelift.format.routine import Routine

Page = Literal["text", "json", "markdown", "html"]


def show_routine(routine: Routine, page: Page, output: Path | None = None) -> None:
    """Print the page (the HTML card goes to `output`, or else stdout)."""
    if page == "html":
        from facelift.output.card import card, write_card

        write_card(card(routine), output)
        return
    from facelift.output import describe

    if page == "json":
        print(describe.as_json(routine))
    elif page == "markdown":
        print(describe.markdown(routine), end="")
    else:
        from facelift.output import views

        views.print_routine(routine)
