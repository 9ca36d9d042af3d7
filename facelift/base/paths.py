"""The user's folders: platform conventions, or everything under $FACELIFT_HOME."""

from __future__ import annotations

import os
from pathlib import Path

from facelift.base.errors import FaceliftError

HOME_VARIABLE = "FACELIFT_HOME"


def _home() -> Path | None:
    """$FACELIFT_HOME, made absolute: every path shown or opened says where it really is."""
    value = os.environ.get(HOME_VARIABLE, "").strip()
    if not value:
        return None
    try:
        return Path(value).expanduser().absolute()
    except OSError:  # relative, and the current folder was removed
        message = f"${HOME_VARIABLE} is relative ({value}) and the current folder is gone"
        raise FaceliftError(f"{message}; make it an absolute path") from None


def settle_home() -> None:
    """Make $FACELIFT_HOME absolute once, at startup, for this process and the programs it
    runs (an editor, a nested facelift), wherever they go on to work."""
    home = _home()
    if home is not None:
        os.environ[HOME_VARIABLE] = str(home)


def user_routines_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "routines"
    import platformdirs  # only commands that need it pay for the import

    return Path(platformdirs.user_config_dir("facelift", appauthor=False)) / "routines"


def data_dir() -> Path:
    home = _home()
    if home is not None:
        return home
    import platformdirs

    return Path(platformdirs.user_data_dir("facelift", appauthor=False))


def cache_dir() -> Path:
    """Things that can be made again (rendered speech): $FACELIFT_HOME/cache when set."""
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("facelift", appauthor=False))


def database_path() -> Path:
    return data_dir() / "facelift.db"


def user_plans_dir() -> Path:
    """The user's plans, in a `plans/` folder beside their routines."""
    return user_routines_dir().parent / "plans"


def config_path() -> Path:
    """`config.toml` in the user config folder, or in $FACELIFT_HOME when it is set."""
    home = _home()
    if home is not None:
        return home / "config.toml"
    return user_routines_dir().parent / "config.toml"
