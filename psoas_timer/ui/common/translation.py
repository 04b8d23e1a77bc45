"""The window's side of translation: the language chosen in the settings, Qt's own
translations (its standard buttons and dialogs) and the layout direction.

Run once at start, before any widget is made (:func:`apply_language`). The language is read
from the settings ("" follows the system, see :func:`psoas_timer.i18n.set_language`); a
change in Menu → Language applies at the next start, which the menu says.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QWidget

from psoas_timer import i18n, paths

__all__ = ["apply_language", "keep_left_to_right", "qt_translations_dir"]

_log = logging.getLogger(__name__)
_installed: list[QTranslator] = []  # kept alive: Qt holds no reference


def qt_translations_dir() -> Path:
    """Where Qt's ``qtbase_<lang>.qm`` files are (PySide6's own folder, also in the bundle)."""
    found = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not found.is_dir():  # a bundle whose qt.conf does not point there
        import PySide6

        found = Path(PySide6.__file__).resolve().parent / "Qt" / "translations"
    return found


def apply_language(code: object) -> str:
    """Speak *code*, the choice kept in Menu → Language, from now on, in our text and in
    Qt's ("" or None: the system's language; decided by :func:`i18n.chosen_language`, as
    the command line decides); lay the window out right to left when the language is written
    so. The effective code."""
    app = QCoreApplication.instance()
    i18n.set_cache_dir(paths.user_cache_dir())
    i18n.set_language(i18n.chosen_language(code))
    effective = i18n.language()
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    base = effective.split("@", 1)[0]
    if base != "en" and app is not None:
        folder = str(qt_translations_dir())
        for candidate in dict.fromkeys((base, base.split("_", 1)[0])):
            translator = QTranslator(app)
            if translator.load(f"qtbase_{candidate}", folder):
                QCoreApplication.installTranslator(translator)
                _installed.append(translator)
                break
        else:
            _log.info("no Qt translation for %s in %s", base, folder)
    system = QLocale.system().name()
    if "@" not in effective:
        # Qt's own month and day names (its calendar, its date fields, its dialogs) follow
        # the language chosen; a system locale in that language keeps its region (its paper
        # size). Its name, not the system locale itself: on Linux Qt names it from LANGUAGE
        # but takes its month names from LC_TIME, so LANGUAGE=de with LANG=C showed "Oct".
        same = system.split("_", 1)[0] == base.split("_", 1)[0]
        QLocale.setDefault(QLocale(system if same else effective))
    from PySide6.QtGui import QGuiApplication

    if isinstance(app, QGuiApplication):
        direction = (
            Qt.LayoutDirection.RightToLeft if i18n.is_rtl() else Qt.LayoutDirection.LeftToRight
        )
        app.setLayoutDirection(direction)
    return effective


def keep_left_to_right(*widgets: QWidget) -> None:
    """*widgets* keep a left-to-right layout in a right-to-left language: a dial, a
    countdown and the media controls read the same the world over."""
    for widget in widgets:
        widget.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
