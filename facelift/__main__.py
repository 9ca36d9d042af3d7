"""Entry point. `--version` answers before anything heavy is imported: it is run most."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from facelift import __version__

        print(f"facelift {__version__}")
        return
    from facelift.cli import run

    run()


if __name__ == "__main__":
    main()
