"""Menu → Language keeps the choice and says it applies at the next start; Qt's own buttons
come out in the language; a right-to-left language mirrors the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from psoas_timer import i18n
from psoas_timer.ui.common.translation import apply_language
from psoas_timer.ui.shell.main_window import MainWindow
from psoas_timer.ui.shell.settings import Preferences

pytestmark = pytest.mark.gui


def test_the_menu_lists_system_and_the_shipped_languages(window: MainWindow) -> None:
    menu = window.toolbar.language_menu
    names = [a.text() for a in menu.actions()]
    assert names[0] == "System"
    for name in ("English", "Deutsch", "Français", "Español", "Português (Brasil)"):
        assert name in names
    checked = [a for a in menu.actions() if a.isChecked()]
    assert [a.objectName() for a in checked] == ["language_system"]


def test_choosing_a_language_is_kept_and_said_to_apply_at_restart(
    window: MainWindow, preferences: Preferences, qtbot: QtBot
) -> None:
    german = next(a for a in window.toolbar.language_menu.actions() if a.data() == "de")
    german.trigger()
    assert preferences.language == "de"
    notice = window.findChild(QMessageBox, "language_notice")
    assert notice is not None and notice.isVisible()
    assert "Deutsch" in notice.text() and "next time" in notice.text()
    assert i18n.language() == "en"  # this run keeps its language
    notice.close()


def test_the_setting_is_applied_at_start(preferences: Preferences, language: None) -> None:
    preferences.language = "de"
    assert apply_language(preferences.language) == "de"
    assert i18n.language() == "de"
    preferences.language = ""
    assert apply_language(preferences.language) == "en"  # the tests' LANGUAGE=en


def test_an_unknown_kept_language_follows_the_system_as_the_command_line_does(
    preferences: Preferences,
    language: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")
    preferences.language = "xx"  # hand-edited, or a language no longer shipped
    assert apply_language(preferences.language) == "fr"
    assert "not one the app has: following the system's" in caplog.text


def test_qt_standard_buttons_in_german(qtbot: QtBot, language: None) -> None:
    apply_language("de")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Close
    )
    qtbot.addWidget(box)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    close = box.button(QDialogButtonBox.StandardButton.Close)
    assert cancel is not None and cancel.text().replace("&", "") == "Abbrechen"
    assert close is not None and close.text().replace("&", "") == "Schließen"


def test_a_right_to_left_language_mirrors_the_layout(language: None) -> None:
    apply_language("ar@pseudo")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    apply_language("en@pseudo")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_in_right_to_left_the_dial_and_the_media_controls_stay_left_to_right(
    make_window: object, preferences: Preferences, qtbot: QtBot, language: None
) -> None:
    apply_language("ar@pseudo")
    window = make_window(preferences)  # type: ignore[operator]
    window.show()
    qtbot.waitExposed(window)
    assert window.isRightToLeft()
    assert window.centralWidget().isRightToLeft()
    assert window.player.dial.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert not window.player.dial.isRightToLeft()
    assert not window.toolbar.isRightToLeft()
