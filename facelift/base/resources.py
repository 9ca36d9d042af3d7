"""Where the built-in routines and sounds are, in a wheel and in a source checkout alike."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # facelift/, the folder above base/


def data_dir(name: str) -> Path:
    """`routines`, `plans` or `sounds`: inside the package when installed from a wheel, else the
    repo's top-level folder (an editable install or a checkout), as the project keeps them there."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"facelift's {name} folder is missing from the installation")


def builtin_routines_dir() -> Path:
    return data_dir("routines")


def sounds_dir() -> Path:
    return data_dir("sounds")


def builtin_plans_dir() -> Path:
    return data_dir("plans")
