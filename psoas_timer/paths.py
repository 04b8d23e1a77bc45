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

from psoas_timer import APP_ID, ORGANIZATION

__all__ = [
    "assets_dir",
    "bundled_routines_dir",
    "history_file",
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


def user_data_dir() -> Path:
    """The user's data folder (created on first use)."""
    override = os.environ.get("PSOAS_TIMER_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from PySide6.QtCore import QCoreApplication, QStandardPaths

        if not QCoreApplication.organizationName():
            QCoreApplication.setOrganizationName(ORGANIZATION)
        if not QCoreApplication.applicationName():
            QCoreApplication.setApplicationName(APP_ID)
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        path = Path(location)
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_routines_dir() -> Path:
    path = user_data_dir() / "routines"
    path.mkdir(parents=True, exist_ok=True)
    return path


def history_file() -> Path:
    """The history database (created on first use by :mod:`psoas_timer.history`)."""
    return user_data_dir() / "history.sqlite3"
