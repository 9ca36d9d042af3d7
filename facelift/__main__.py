"""Entry point. `--version` and plain `list` are run most, so they answer without Typer
(whose import and parsing cost more than the rest of the command); anything else, including
`list --help` or a wrong option, goes through Typer as usual."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    # Start-up makes many objects that live to the end and no garbage worth a collection:
    # the collector waits until the command runs (facelift.cli.types.Command.invoke), and at
    # the end the interpreter's last collection need not go through them all again.
    gc.disable()
    try:
        _main()
    finally:
        gc.freeze()


def _main() -> None:
    from facelift.shell.streams import forgiving_streams, guarded

    forgiving_streams()  # a Latin-1 locale shows `?` for a bullet rather than crash
    with guarded():
        _dispatch()


def _dispatch() -> None:
    from facelift.base import paths

    paths.settle_home()
    if sys.argv[1:] in (["--version"], ["-V"]):
        from facelift import __version__

        print(f"facelift {__version__}")
        return
    if sys.argv[1:2] == ["list"]:
        from facelift.commands import listing

        options = listing.parse_fast_args(sys.argv[2:])
        if options is not None:
            listing.run(**options)
            return
    from facelift.cli import run

    run()


if __name__ == "__main__":
    main()
