"""Where things live: bundled routines and assets (read-only) and the user's own data.

One module answers for a source checkout, an installed wheel and a PyInstaller bundle alike.
The user's folders come from Qt's QStandardPaths (so they follow each platform's rules) and
can be moved with ``PSOAS_TIMER_DATA_DIR``, which the tests use to stay away from real data.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_timer import APP_ID, ORGANIZATION
from psoas_timer.i18n import _

if TYPE_CHECKING:
    from psoas_timer.core.catalog import Layout

__all__ = [
    "assets_dir",
    "bundled_routines_dir",
    "catalog_layout",
    "history_file",
    "storage_problem",
    "user_cache_dir",
    "user_data_dir",
    "user_routines_dir",
]

_PACKAGE = Path(__file__).resolve().parent
_log = logging.getLogger(__name__)


@cache
def _resource_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller bundle
        return Path(frozen)
    checkout = _PACKAGE.parent
    if (checkout / "routines").is_dir() and (checkout / "assets").is_dir():
        return checkout
    return _PACKAGE / "data"  # installed wheel


def bundled_routines_dir() -> Path:
    return _resource_root() / "routines"


def assets_dir() -> Path:
    return _resource_root() / "assets"


def _standard(kind: str) -> Path:
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANIZATION)
    if not QCoreApplication.applicationName():
        QCoreApplication.setApplicationName(APP_ID)
    location = getattr(QStandardPaths.StandardLocation, kind)
    return Path(QStandardPaths.writableLocation(location))


def _made(path: Path) -> Path:
    """*path*, made if missing. A folder that cannot be made is logged, not raised: whatever
    writes there later says it could not (see :func:`storage_problem`)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _log.debug("cannot make %s: %s", path, exc)
    return path


def user_data_dir() -> Path:
    """The user's data folder (made on first use, where it can be)."""
    override = os.environ.get("PSOAS_TIMER_DATA_DIR")
    return _made(Path(override) if override else _standard("AppDataLocation"))


def user_cache_dir() -> Path:
    """Where what can be made again is kept (the routine cache): Qt's cache location, or
    ``cache`` in ``PSOAS_TIMER_DATA_DIR`` when that is set. Not created here."""
    override = os.environ.get("PSOAS_TIMER_DATA_DIR")
    return Path(override) / "cache" if override else _standard("CacheLocation")


def user_routines_dir() -> Path:
    return _made(user_data_dir() / "routines")


def history_file() -> Path:
    """The history database (created on first use by :mod:`psoas_timer.history`)."""
    return user_data_dir() / "history.sqlite3"


def catalog_layout() -> Layout:
    """Where the app's routines come from: the bundled ones with the app's pictures, the
    user's own, and the user's cache. The command line and the window both use this."""
    from psoas_timer.core.catalog import Layout

    return Layout(
        bundled=bundled_routines_dir(),
        assets=assets_dir(),
        user=user_routines_dir(),
        cache=user_cache_dir(),
    )


def _cannot_write(folder: Path) -> OSError | None:
    """Why no file can be made in *folder* (made if missing), or ``None`` if one can.

    It tries (a file that vanishes when closed) rather than asking for permissions, which
    are not the whole story: a read-only disk, a full one, a file where the folder goes.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return exc
    return None


def storage_problem(
    settings_file: str | None = None, settings_trouble: str | None = None
) -> str | None:
    """What the app cannot save, in plain words, or ``None`` when it can save everything.

    It checks the routines folder and, given one, the folder of the settings file;
    *settings_trouble* says what is wrong with the settings file itself (``"it is a folder"``),
    found by :class:`~psoas_timer.ui.shell.settings.Preferences`.
    """
    folders = {"routines": user_routines_dir()}  # the history lives beside it
    if settings_file:
        folders["settings"] = Path(settings_file).parent
    blocked: dict[str, str] = {}
    for what, folder in folders.items():
        if exc := _cannot_write(folder):
            _log.warning("cannot write to %s: %s", folder, exc)
            blocked[what] = f"{folder} ({(exc.strerror or str(exc)).lower()})"
    if settings_file and settings_trouble and "settings" not in blocked:
        blocked["settings"] = f"{settings_file} ({settings_trouble})"
    if not blocked:
        return None
    places = list(blocked.values())
    where = (
        _("{first} or {second}").format(first=places[0], second=places[1])
        if len(places) == 2
        else places[0]
    )
    if len(blocked) == len(folders):
        text = _(
            "Nothing will be saved: Psoas Timer cannot write to {where}. The routines that "
            "come with it work as usual, but new routines, changes, history and settings are "
            "lost when you close it."
        )
    elif "routines" in blocked:
        text = _(
            "Your routines and history will not be saved: Psoas Timer cannot write to "
            "{where}. The routines that come with it work as usual, but new routines, changes "
            "to them and the sessions you do are lost when you close it."
        )
    else:
        text = _(
            "Your settings will not be saved: Psoas Timer cannot write to {where}. The "
            "routines that come with it work as usual, but the settings you change are lost "
            "when you close it."
        )
    return text.format(where=where)
