"""One module per command family: each does the work behind a command of `facelift.cli`
(the table of Typer signatures), and words the core's errors for a person."""
