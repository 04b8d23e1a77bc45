"""The toolbars keep what a session needs in sight at common widths, with icons that show
in any theme."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QToolBar, QToolButton, QWidget, QWidgetAction
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import load_catalog
from psoas_timer.ui.common import icons
from psoas_timer.ui.editor import EditorView, EditorWindow
from psoas_timer.ui.shell.main_window import MainWindow
from psoas_timer.ui.shell.settings import Preferences

from .conftest import started

ROOT = Path(__file__).resolve().parents[2]


def _shown_in_bar(bar: QToolBar, action: QAction) -> bool:
    """On the bar itself, not in its overflow (») popup."""
    button = bar.widgetForAction(action)
    if button is None or not button.isVisible() or button.parentWidget() is not bar:
        return False
    return bar.rect().contains(button.geometry())


def _overflows(bar: QToolBar) -> bool:
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    return extension is not None and extension.isVisible()


def _settle(qtbot: QtBot, widget: QWidget, width: int, height: int) -> None:
    widget.resize(width, height)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: widget.width() == width)
    QApplication.processEvents()


@pytest.mark.parametrize("width", [800, 1024, 1280])
def test_the_session_controls_are_never_in_the_overflow(
    window: MainWindow, qtbot: QtBot, width: int
) -> None:
    a = window.commands
    needed = [a.start_pause, a.previous, a.next, a.add_time, a.take_time, a.released, a.stop]
    for moment in ("idle", "running", "paused"):
        if moment == "running":
            started(window, "simple")
        elif moment == "paused":
            a.start_pause.trigger()
            assert a.start_pause.text() == "Resume"
        _settle(qtbot, window, width, 700)
        bar = window.toolbar
        hidden = [x.text() for x in needed if not _shown_in_bar(bar, x)]
        assert hidden == [], (moment, hidden)
        assert window.toolbar.menu_button.isVisible() and bar.rect().contains(
            window.toolbar.menu_button.geometry()
        )
        assert not _overflows(bar), moment


Style = Qt.ToolButtonStyle
#: What the row shows at each width: the words beside the icons wherever the whole row fits
#: that way, under them where that fits, icons alone only in a window narrower still.
WORDS_AT = {
    800: Style.ToolButtonIconOnly,
    1024: Style.ToolButtonTextUnderIcon,
    1280: Style.ToolButtonTextBesideIcon,
    1600: Style.ToolButtonTextBesideIcon,
}


def _check_words(window: MainWindow, width: int) -> None:
    bar = window.toolbar
    assert bar.toolButtonStyle() == WORDS_AT[width], width
    assert window.toolbar.menu_button.toolButtonStyle() == WORDS_AT[width]
    assert not _overflows(bar)
    for action in bar.actions():
        button = bar.widgetForAction(action)
        if isinstance(button, QToolButton) and button.isVisible():
            # every word whole: no button squeezed below what its icon and word need
            assert button.width() >= button.sizeHint().width(), action.text()
            assert bar.rect().contains(button.geometry()), action.text()
    assert bar.rect().contains(window.toolbar.menu_button.geometry())


@pytest.mark.parametrize("width", sorted(WORDS_AT))
def test_the_words_show_wherever_they_fit(window: MainWindow, qtbot: QtBot, width: int) -> None:
    started(window, "simple")
    _settle(qtbot, window, width, 700)
    _check_words(window, width)
    window.commands.mute.trigger()  # Muted: a word of its own, the same room
    QApplication.processEvents()
    _check_words(window, width)


@pytest.mark.parametrize("width", [1024, 1280])
def test_a_window_opened_at_its_size_shows_the_words(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    qtbot: QtBot,
    width: int,
) -> None:
    """The row is measured afresh, also before the window is first shown (when the
    toolbar's layout still gives its first answer whatever the buttons show)."""
    window = make_window(preferences)
    window.resize(width - 100, 700)  # measured while hidden
    window.show()
    qtbot.waitExposed(window)
    _settle(qtbot, window, width, 700)
    _check_words(window, width)


def test_the_measure_matches_the_row_as_laid_out(window: MainWindow, qtbot: QtBot) -> None:
    bar = window.toolbar
    _settle(qtbot, window, 1600, 700)
    measured = {style: bar.width_in(style) for style in set(WORDS_AT.values())}
    assert measured[Style.ToolButtonIconOnly] < measured[Style.ToolButtonTextUnderIcon]
    assert measured[Style.ToolButtonTextUnderIcon] < measured[Style.ToolButtonTextBesideIcon]
    narrower = {
        Style.ToolButtonTextBesideIcon: Style.ToolButtonTextUnderIcon,
        Style.ToolButtonTextUnderIcon: Style.ToolButtonIconOnly,
    }
    for style, then in narrower.items():
        _settle(qtbot, window, measured[style], 700)
        assert bar.toolButtonStyle() == style
        assert not _overflows(bar)
        _settle(qtbot, window, measured[style] - 1, 700)
        assert bar.toolButtonStyle() == then
        assert not _overflows(bar)


@pytest.mark.parametrize("muted_at_start", [False, True])
def test_the_mute_control_shows_whether_the_sound_is_on(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    qtbot: QtBot,
    muted_at_start: bool,
) -> None:
    """A loudspeaker and "Sound" while the cues are heard, a crossed one and "Muted" (the
    button pressed) while they are not: icon, word and state agree, also at start."""
    preferences.muted = muted_at_start
    window = make_window(preferences)
    window.show()
    qtbot.waitExposed(window)
    mute = window.commands.mute
    for muted in (muted_at_start, not muted_at_start, muted_at_start):
        if mute.isChecked() != muted:
            mute.trigger()
        assert mute.isChecked() == muted == window.preferences.muted
        assert mute.text() == ("Muted" if muted else "Sound")
        assert mute.icon().name() == ("audio-volume-muted" if muted else "audio-volume-high")
        assert ("unmute" in mute.toolTip()) == muted
        button = window.toolbar.widgetForAction(mute)
        assert isinstance(button, QToolButton) and button.isChecked() == muted
        assert button.text() == mute.text()
        assert button.accessibleName() == mute.text()  # a screen reader hears the same


def test_rarer_actions_are_in_the_menu_with_their_keys(window: MainWindow) -> None:
    menu = window.toolbar.menu_button.menu()
    assert menu is not None
    a = window.commands
    for action in (a.new_routine, a.edit_routine, a.sound, a.fullscreen, a.reload, a.quit):
        assert action in menu.actions()
        assert window.toolbar.widgetForAction(action) is None


def test_every_toolbar_action_has_an_icon(window: MainWindow) -> None:
    for action in window.toolbar.actions():
        if action.isSeparator() or isinstance(action, QWidgetAction):
            continue
        assert not action.icon().isNull(), action.text()
    assert not window.toolbar.menu_button.icon().isNull()
    for action in window.commands.all():
        assert not action.icon().isNull(), action.objectName()


def test_start_pause_shows_the_icon_for_what_it_does(window: MainWindow) -> None:
    a = window.commands
    started(window, "simple")
    assert a.start_pause.text() == "Pause"
    assert a.start_pause.icon().name() in ("media-playback-pause", "")
    assert not a.start_pause.icon().isNull()


def test_bundled_icons_exist_for_every_name_used(window: MainWindow) -> None:
    names = {
        "media-playback-start",
        "media-playback-pause",
        "media-playback-stop",
        "media-skip-backward",
        "media-skip-forward",
        "list-add",
        "list-remove",
        "view-refresh",
        "dialog-ok",
        "audio-volume-muted",
        "audio-volume-high",
        "view-fullscreen",
        "go-top",
        "chronometer",
        "preferences-desktop-display",
        "view-list",
        "open-menu",
        "application-exit",
        "document-new",
        "document-edit",
        "office-chart-line",
        "face-smile",
    }
    names |= {a.icon().name() for a in window.commands.all() if a.icon().name()}
    for name in names:
        assert icons.bundled_icon_path(name).is_file(), name
        assert not icons.bundled_icon(name).isNull(), name


@pytest.mark.parametrize("text", ["#ffffff", "#101010"])
def test_bundled_icons_are_drawn_in_the_themes_text_colour(qtbot: QtBot, text: str) -> None:
    """Light icons on a dark theme and dark ones on a light theme, greyed when disabled."""
    saved = QPalette(QGuiApplication.palette())
    palette = QPalette(saved)
    palette.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText, QColor(text))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#808080"))
    QApplication.setPalette(palette)
    try:
        stop = icons.bundled_icon("media-playback-stop")
        for mode, wanted in ((QIcon.Mode.Normal, text), (QIcon.Mode.Disabled, "#808080")):
            image = stop.pixmap(QSize(24, 24), mode).toImage()
            middle = image.pixelColor(12, 12)
            assert middle.alpha() == 255
            assert middle.name() == wanted
            assert image.pixelColor(0, 0).alpha() == 0  # the rest stays clear
    finally:
        QApplication.setPalette(saved)


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_editor_keeps_start_routine_in_sight(qtbot: QtBot, tmp_path: Path, width: int) -> None:
    catalog = load_catalog(ROOT / "routines")
    view = EditorView(library=catalog.library, user_dir=tmp_path)
    window = EditorWindow(view)
    qtbot.addWidget(window)
    view.files.open_path(ROOT / "routines" / "daily-psoas.yaml")
    window.show()
    _settle(qtbot, window, width, 700)
    bar = view.toolbar
    for action in (view.act.start, view.act.try_, view.act.new, view.act.save, view.act.undo):
        assert _shown_in_bar(bar, action), action.text()
        assert not action.icon().isNull(), action.text()
    assert not _overflows(bar)
    assert view.file_button.isVisible()
    menu = view.file_button.menu()
    assert menu is not None
    for action in (view.act.import_, view.act.export, view.act.rename, view.act.delete):
        assert action in menu.actions()
    window.close()


def test_f10_opens_the_menu(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt, QTimer

    shown: list[QWidget | None] = []

    def look_and_close() -> None:
        popup = QApplication.activePopupWidget()
        shown.append(popup)
        if popup is not None:
            popup.close()

    QTimer.singleShot(50, look_and_close)
    qtbot.keyClick(window, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0] is window.toolbar.menu_button.menu()
