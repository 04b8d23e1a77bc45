"""Start the app: build the services once and pass them in (no service locator)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from psoas_timer import APP_ID, APP_NAME, DESKTOP_ID, ORGANIZATION, __version__, paths
from psoas_timer.core.catalog import Catalog, load_catalog
from psoas_timer.core.clock import monotonic

from .audio import make_output
from .main_window import MainWindow
from .screensaver import ScreenSaverInhibitor
from .settings import Preferences
from .single_instance import SingleInstance
from .tray import SessionTray

__all__ = ["create_window", "run"]


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(DESKTOP_ID)  # lets Wayland docks match the menu entry
    icon = paths.assets_dir() / "icons" / f"{APP_ID}.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _catalog_loader() -> Callable[[], Catalog]:
    def load() -> Catalog:
        return load_catalog(paths.bundled_routines_dir(), paths.user_routines_dir())

    return load


def create_window(routine: str | None = None, *, settings: QSettings | None = None) -> MainWindow:
    """The real window with its real services, opened on *routine* or the last one used."""
    preferences = Preferences(settings if settings is not None else QSettings())
    window = MainWindow(
        load_catalog=_catalog_loader(),
        clock=monotonic,
        audio=make_output(paths.assets_dir(), preferences.muted),
        inhibitor=ScreenSaverInhibitor(),
        preferences=preferences,
        folders=(paths.bundled_routines_dir(), paths.user_routines_dir()),
    )
    key = routine or preferences.last_routine
    if key:
        opened = window.open_routine(key)
        if not opened and routine is None:
            window.show_library()
    return window


def run(routine: str | None) -> int:
    """Open the window (on *routine*, a name or a path) and run until it closes.

    A second launch hands its routine to the running window and exits.
    """
    app = _application()
    instance = SingleInstance()
    if not instance.claim(routine):
        return 0
    window = create_window(routine)

    def on_activated(key: object) -> None:
        if isinstance(key, str):
            window.open_routine(key)
        instance.raise_window(window)

    instance.activated.connect(on_activated)
    window.attach_tray(SessionTray(app.windowIcon(), QSettings(), parent=window))
    window.show()
    try:
        return app.exec()
    finally:
        instance.close()
