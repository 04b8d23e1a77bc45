"""Where things live: bundled routines and assets (read-only) and the user's own data.

One module answers for a source checkout, an installed wheel and a PyInstaller bundle alike.
The user's folders come from Qt's QStandardPaths (so they follow each platform's rules) and
can be moved with ``PSOAS_TIMER_DATA_DIR``, which the tests use to stay away from real data.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_timer import APP_ID, ORGANIZATION

if TYPE_CHECKING:
    from psoas_timer.core.catalog import Layout

__all__ = [
    "assets_dir",
    "bundled_routines_dir",
    "catalog_layout",
    "history_file",
    "user_cache_dir",
    "user_data_dir",
    "user_routines_dir",
]

_PACKAGE = Path(__file__).resolve().parent


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


def user_data_dir() -> Path:
    """The user's data folder (created on first use)."""
    override = os.environ.get("PSOAS_TIMER_DATA_DIR")
    path = Path(override) if override else _standard("AppDataLocation")
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_cache_dir() -> Path:
    """Where what can be made again is kept (the routine cache): Qt's cache location, or
    ``cache`` in ``PSOAS_TIMER_DATA_DIR`` when that is set. Not created here."""
    override = os.environ.get("PSOAS_TIMER_DATA_DIR")
    return Path(override) / "cache" if override else _standard("CacheLocation")


def user_routines_dir() -> Path:
    path = user_data_dir() / "routines"
    path.mkdir(parents=True, exist_ok=True)
    return path


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
