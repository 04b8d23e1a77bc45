"""F1: help with the keys, the routine format, the safety notice and About; and the theme
(Menu, Theme)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer import __version__
from psoas_timer.core.safety import NOTICE_LINES
from psoas_timer.ui.common.theme import apply_theme, is_dark
from psoas_timer.ui.shell.help_dialog import HelpDialog
from psoas_timer.ui.shell.main_window import MainWindow, Services
from psoas_timer.ui.shell.settings import Preferences


@pytest.fixture(autouse=True)
def _system_theme_after() -> Iterator[None]:
    yield
    apply_theme("system")


def open_help(window: MainWindow, qtbot: QtBot) -> HelpDialog:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.options.help_dialog
    assert isinstance(dialog, HelpDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_f1_opens_help_with_the_keys_the_format_safety_and_about(
    window: MainWindow, qtbot: QtBot, routine_dirs: tuple[object, object]
) -> None:
    dialog = open_help(window, qtbot)
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["Keys", "From afar", "Routines", "Safety", "Progress", "About"]
    afar = dialog.afar.toPlainText()
    for words in ("earbuds", "media keys", "KDE Connect", "GSConnect", "Page Down", "pedal"):
        assert words in afar
    keys = dialog.keys.toPlainText()
    assert "Space" in keys
    assert "Start, pause or resume the session" in keys
    assert "Ctrl+N" in keys
    assert "F1" in keys
    assert "hold: 30s" in dialog.format.toPlainText()
    from psoas_timer.core.model import Step  # every key, in the format's own words

    for key, field in Step.model_fields.items():
        assert f"{key}\n{field.description}\n" in dialog.format.toPlainText(), key
    assert NOTICE_LINES[0] in dialog.safety.toPlainText()
    progress = " ".join(dialog.progress.toPlainText().split())
    assert "at least 2 points, or at least 30% of where you started" in progress
    assert "Farrar" in progress and "never as an improvement" in progress
    about = dialog.about.toPlainText()
    assert __version__ in about
    assert "GPL-3.0-or-later" in about
    assert str(routine_dirs[1]) in about  # the user's routines folder
    assert window.preferences.location() in about  # the settings file

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.options.help_dialog is None


def choose_theme(window: MainWindow, theme: str) -> None:
    action = window.toolbar.theme_menu.findChild(QAction, f"theme_{theme}")
    assert isinstance(action, QAction)
    action.trigger()
    assert action.isChecked()


def test_the_theme_chosen_applies_at_once_and_is_kept(
    window: MainWindow, qtbot: QtBot, settings_file: object
) -> None:
    assert window.toolbar.theme_menu in [
        a.menu() for a in window.toolbar.menu_button.menu().actions()
    ]
    choose_theme(window, "dark")
    assert window.preferences.theme == "dark"
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() < 100
    assert is_dark(window.palette())
    choose_theme(window, "light")
    assert window.preferences.theme == "light"
    assert not is_dark(window.palette())
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 150
    fresh = Preferences(QSettings(str(settings_file), QSettings.Format.IniFormat))
    assert fresh.theme == "light"


def test_a_kept_theme_applies_when_the_window_starts(
    make_window: object, preferences: Preferences
) -> None:
    preferences.theme = "dark"
    window = make_window(preferences)  # type: ignore[operator]
    assert is_dark(window.palette())
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 100


def test_an_unknown_theme_reads_as_the_systems(preferences: Preferences) -> None:
    preferences._store.setValue("window/theme", "purple")
    assert preferences.theme == "system"


def test_about_says_where_the_history_is(
    qtbot: QtBot, services: Services, preferences: Preferences, tmp_path: Path
) -> None:
    from psoas_timer.history import HistoryStore

    history = tmp_path / "history.sqlite3"
    given = dataclasses.replace(services, open_history=lambda: HistoryStore.open(history))
    window = MainWindow(preferences, given)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.commands.help.trigger()
    dialog = window.options.help_dialog
    assert isinstance(dialog, HelpDialog)
    assert str(history) in dialog.about.toPlainText()
    dialog.close()
    window.close()


def test_the_keys_tab_names_each_key_once_from_what_answers_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Generated from the actions (their single-letter keys too, said to work on the player),
    and the few keys that belong to a page or a question, each checked against what answers
    it: F1 once, F10, the 1 to 9 of an either/or question, Alt+D."""
    from PySide6.QtGui import QKeySequence, QShortcut

    from psoas_timer.ui.player.sound_notice import SoundNotice
    from psoas_timer.ui.shell.actions import all_keys
    from psoas_timer.ui.shell.help_dialog import OTHER_KEYS

    dialog = open_help(window, qtbot)
    text = dialog.keys.toPlainText()
    rows = [line for line in text.splitlines() if line.strip()]
    for action in window.commands.all():
        first = all_keys(action)[0].toString(QKeySequence.SequenceFormat.NativeText)
        assert any(row.startswith(first) for row in rows), action.objectName()
    assert sum(row.startswith("F1") and not row.startswith("F10") for row in rows) == 1
    assert "C" in [row.split()[0] for row in rows]  # the player's letter keys are listed
    assert "(on the player)" in text
    # What answers the keys that are not actions.
    assert [k for k, _ in OTHER_KEYS] == ["F10", "↓ in the search", "1 to 9", "Alt+D"]
    shortcuts = [s.key().toString() for s in window.findChildren(QShortcut)]
    assert "F10" in shortcuts
    notice = SoundNotice()
    qtbot.addWidget(notice)
    assert notice.dismiss.text().startswith("&D")  # Alt+D
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_help_and_readme_name_only_menus_that_exist(window: MainWindow, qtbot: QtBot) -> None:
    """There is one Menu (F10), no View menu; what README says is in the Menu is there."""
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    dialog = open_help(window, qtbot)
    helped = " ".join(
        b.toPlainText() for b in (dialog.keys, dialog.format, dialog.safety, dialog.about)
    )
    for text in (readme, helped):
        assert "View menu" not in text and "View →" not in text
    menu = window.toolbar.menu_button.menu()
    assert menu is not None
    entries = {a.text().replace("&", "").rstrip("…") for a in menu.actions()}
    for named in re.findall(r"\*\*Menu → ([^*]+)\*\*", readme):
        assert named.rstrip("…") in entries, named
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_no_window_title_names_the_app_itself(window: MainWindow, qtbot: QtBot) -> None:
    """The desktop adds " — Psoas Timer" to every title: none says it again."""
    from psoas_timer import APP_NAME
    from psoas_timer.ui.practice.prompt import ReminderPrompt

    dialog = open_help(window, qtbot)
    assert APP_NAME not in dialog.windowTitle()
    prompt = ReminderPrompt()
    qtbot.addWidget(prompt)
    assert APP_NAME not in prompt.windowTitle()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
