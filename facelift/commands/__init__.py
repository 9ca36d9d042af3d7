"""The work behind each command of `facelift.cli` (the table of Typer signatures): each
module does one command or family, and words the core's errors with the flags a person
typed."""
