"""The window's duties beyond the player: timers, safety notice, closing, persistence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractAnimation, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.shell.main_window import MainWindow, Page
from psoas_timer.ui.shell.settings import Preferences

from .conftest import Asker, advance, started


def running_timers(window: MainWindow) -> list[QTimer]:
    """Every active QTimer the window owns (qutebrowser's stray-timer check)."""
    return [t for t in window.findChildren(QTimer) if t.isActive()]


def running_animations(window: MainWindow) -> list[QAbstractAnimation]:
    return [
        a
        for a in window.findChildren(QAbstractAnimation)
        if a.state() == QAbstractAnimation.State.Running
    ]


def test_no_timer_runs_when_idle(window: MainWindow) -> None:
    assert running_timers(window) == []
    assert running_animations(window) == []
    window.open_routine("release")
    assert running_timers(window) == []


def test_one_precise_timer_runs_only_during_a_session(window: MainWindow, clock: FakeClock) -> None:
    started(window)
    timers = running_timers(window)
    assert timers == [window.controller.timer]
    assert 10 <= 1000 / timers[0].interval() <= 50  # at least ten updates a second
    advance(window, clock, 7)
    assert running_animations(window) != []  # the breathing guide, at the screen's rate
    window.commands.stop.trigger()
    assert running_timers(window) == []
    assert running_animations(window) == []


def test_no_timer_left_after_finishing(window: MainWindow, clock: FakeClock) -> None:
    started(window, "simple")
    advance(window, clock, 3 + 20 + 4 + 10 + 1)
    assert window.page is Page.COMPLETION
    assert running_timers(window) == []
    assert running_animations(window) == []


def test_real_timer_drives_the_display(window: MainWindow, qtbot: QtBot, clock: FakeClock) -> None:
    started(window, "simple")
    clock.advance(1.2)
    qtbot.waitUntil(lambda: window.player.dial.text == "0:02", timeout=1000)


def test_safety_notice_on_first_run(
    make_window: Callable[[Preferences], MainWindow], settings_file: Path, qtbot: QtBot
) -> None:
    prefs = Preferences(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window = make_window(prefs)
    window.show()
    qtbot.waitExposed(window)
    dialog = window.steps.safety_dialog
    assert dialog is not None and dialog.isVisible()
    assert "not medical advice" in dialog.findChild(QLabel, "safety_text").text()
    dialog.accept()
    assert window.steps.safety_dialog is None
    assert prefs.safety_seen
    again = make_window(prefs)
    again.show()
    qtbot.waitExposed(again)
    assert again.steps.safety_dialog is None


def test_enter_on_the_safety_notice_means_i_understand_not_dont_show_again(
    qtbot: QtBot,
) -> None:
    from PySide6.QtCore import Qt

    from psoas_timer.ui.shell.safety_dialog import SafetyDialog

    dialog = SafetyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.dismiss.hasFocus()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.result() == 1 and not dialog.dismissed


def test_safety_notice_before_release_routines_until_dismissed(
    make_window: Callable[[Preferences], MainWindow], preferences: Preferences, qtbot: QtBot
) -> None:
    preferences.safety_release_dismissed = False
    window = make_window(preferences)
    window.show()
    window.open_routine("simple")
    window.steps.start()
    assert window.steps.safety_dialog is None and window.controller.active  # no release steps
    window.commands.stop.trigger()
    window.open_routine("release")
    window.steps.start()
    dialog = window.steps.safety_dialog
    assert dialog is not None and not window.controller.active
    dialog.dismiss.setChecked(True)
    dialog.accept()
    assert window.controller.active and window.page is Page.PLAYER
    assert preferences.safety_release_dismissed
    later = make_window(preferences)
    later.open_routine("release")
    later.steps.start()
    assert later.steps.safety_dialog is None and later.controller.active


def test_closing_during_a_session_asks(window: MainWindow, asker: Asker, inhibitor: object) -> None:
    started(window, "simple")
    asker.answer = False
    window.close()
    assert asker.asked == ["Stop the session?"]
    assert window.isVisible() and window.controller.active
    asker.answer = True
    window.close()
    assert not window.isVisible()
    assert not window.controller.active
    assert running_timers(window) == []


def test_closing_when_idle_does_not_ask(window: MainWindow, asker: Asker) -> None:
    window.close()
    assert asker.asked == []


def test_geometry_is_kept(
    make_window: Callable[[Preferences], MainWindow], preferences: Preferences, qtbot: QtBot
) -> None:
    window = make_window(preferences)
    window.resize(700, 520)
    window.show()
    qtbot.waitExposed(window)
    window.close()
    again = make_window(preferences)
    assert again.size().width() == 700 and again.size().height() == 520


def test_screensaver_inhibited_during_the_session_only(
    window: MainWindow, clock: FakeClock, inhibitor: object
) -> None:
    assert inhibitor.calls == []  # type: ignore[attr-defined]
    started(window, "simple")
    assert inhibitor.calls == ["inhibit"]  # type: ignore[attr-defined]
    window.commands.stop.trigger()
    assert inhibitor.calls == ["inhibit", "release"]  # type: ignore[attr-defined]


def test_window_type_scales_with_its_size(window: MainWindow, qtbot: QtBot) -> None:
    started(window, "simple")
    window.resize(800, 600)
    QApplication.processEvents()
    small = window.player.title.font().pixelSize()
    window.resize(1600, 1000)
    QApplication.processEvents()
    assert window.player.title.font().pixelSize() > small * 1.4


def test_accessible_names_on_controls(window: MainWindow) -> None:
    started(window)
    player = window.player
    for widget in (
        player.open_controls.released,
        player.open_controls.check_in_release,
        player.open_controls.check_in_more,
        player.dial,
        player.breath,
        player.session_bar,
        window.routine.start,
        window.library.search,
    ):
        assert widget.accessibleName(), widget


def test_timer_wakes_when_the_shown_second_changes(window: MainWindow, clock: FakeClock) -> None:
    started(window, "simple")
    assert window.controller.timer.interval() == 100  # never longer: ten updates a second
    clock.advance(0.95)
    window.controller.poll()
    assert window.controller.timer.interval() <= 51  # 0:03 → 0:02 at 1.0 s, not up to 0.1 s late


def test_the_editor_makes_a_routine_that_appears_in_the_library(
    window: MainWindow, routine_dirs: tuple[Path, Path], qtbot: QtBot, new_empty: list[str]
) -> None:
    _, user = routine_dirs
    assert window.commands.new_routine.isEnabled()
    window.commands.new_routine.trigger()
    editor = window.editing.editor()
    assert editor.isVisible()
    assert new_empty == ["new"]
    assert editor.view.step_titles() == []
    editor.view.files.new_routine("Made in the editor")
    editor.view.add_item({"name": "Knee to chest", "kind": "stretch", "hold": 15})
    assert editor.view.files.save()
    assert editor.view.path is not None and editor.view.path.parent == user
    assert window.catalog is not None
    assert "Made in the editor" in [e.name for e in window.catalog.entries]
    editor.close()


def test_trying_a_step_from_the_editor_plays_just_it_and_is_not_remembered(
    window: MainWindow, clock: FakeClock
) -> None:
    assert window.open_routine("simple")
    remembered = window.preferences.last_routine
    editor = window.editing.editor()
    editor.view.files.maybe_discard = lambda: True  # type: ignore[method-assign]
    editor.view.files.new_routine("Trial")
    editor.view.add_item({"name": "Knee to chest", "kind": "stretch", "hold": 15})
    routine = editor.view.selected_routine()
    assert routine is not None and [s.name for s in routine.steps] == ["Knee to chest"]
    editor.view.try_routine.emit(routine)
    assert window.page is Page.PLAYER and window.controller.active
    plan = window.controller.plan
    assert plan is not None and {r.name for r in plan.steps} == {"Knee to chest"}
    assert window.preferences.last_routine == remembered
    window.controller.stop()
    editor.close()


def test_edit_opens_the_current_routine_in_the_editor(window: MainWindow) -> None:
    assert window.open_routine("simple")
    assert window.commands.edit_routine.isEnabled()
    window.commands.edit_routine.trigger()
    editor = window.editing.editor()
    assert editor.isVisible()
    assert editor.view.path is not None and editor.view.path.name == "simple.yaml"
    editor.close()


def test_a_file_changed_on_disk_refreshes_the_library(
    window: MainWindow, routine_dirs: tuple[Path, Path], qtbot: QtBot
) -> None:
    _, user = routine_dirs
    assert window.watcher is not None
    (user / "fresh.yaml").write_text("name: Fresh from disk\nsteps: [{name: A, hold: 5}]\n")

    def listed() -> None:
        assert window.catalog is not None
        assert "Fresh from disk" in [e.name for e in window.catalog.entries]

    qtbot.waitUntil(listed, timeout=10000)


def test_tray_pauses_and_resumes_and_never_hides_the_app_without_a_tray(
    window: MainWindow, clock: FakeClock, asker: Asker
) -> None:
    from PySide6.QtGui import QIcon

    from psoas_timer.ui.shell.tray import SessionTray

    tray = SessionTray(QIcon(), None, window, available=False)
    window.attach_tray(tray)
    window.open_routine("simple")
    window.steps.start()
    advance(window, clock, 2)
    assert tray.active and "left" in tray.tooltip
    tray.toggle_requested.emit()
    assert window.controller.session is not None
    assert window.controller.session.state.value == "paused"
    tray.toggle_requested.emit()
    assert window.controller.session.state.value == "running"
    tray.close_to_tray = True  # chosen, but this desktop has no tray: closing must not hide
    window.close()
    assert asker.asked == ["Stop the session?"]
    assert not window.controller.active


def test_every_page_opens_at_its_top(window: MainWindow, qtbot: QtBot) -> None:
    """The completion page after a long one scrolled to its end: the next opens at its top."""
    window.resize(800, 500)
    window.go(Page.COMPLETION)
    scroll = window.completion.findChild(QScrollArea, "completion_scroll")
    assert scroll is not None
    content = scroll.widget()
    assert content is not None
    content.setMinimumHeight(3000)  # as a long list of releases makes it
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    window.go(Page.LIBRARY)
    window.go(Page.COMPLETION)
    assert scroll.verticalScrollBar().value() == 0


def test_a_file_saved_during_a_session_is_listed_once_it_ends(
    window: MainWindow, routine_dirs: tuple[Path, Path], qtbot: QtBot
) -> None:
    _, user = routine_dirs
    started(window, "simple")
    with qtbot.waitSignal(window.watcher.changed, timeout=10000):  # type: ignore[union-attr]
        (user / "fresh.yaml").write_text("name: Fresh from disk\nsteps: [{name: A, hold: 5}]\n")
    assert window.catalog is not None
    assert "Fresh from disk" not in [e.name for e in window.catalog.entries]  # not mid-session
    window.controller.stop()
    assert "Fresh from disk" in [e.name for e in window.catalog.entries]


def test_a_routines_folder_made_after_start_is_watched(qtbot: QtBot, tmp_path: Path) -> None:
    """A first run: the folder is made later, and the first file saved into it is seen."""
    from psoas_timer.ui.library.routine_watcher import RoutineWatcher

    folder = tmp_path / "data" / "routines"
    watcher = RoutineWatcher([folder])
    with qtbot.waitSignal(watcher.changed, timeout=10000):
        folder.mkdir(parents=True)
    with qtbot.waitSignal(watcher.changed, timeout=10000):
        (folder / "first.yaml").write_text("name: First\nsteps: [{name: A, hold: 5}]\n")
    assert str(folder / "first.yaml") in watcher.watched()


def test_f5_on_the_library_reloads_and_stays_there(window: MainWindow) -> None:
    assert window.open_routine("simple")
    window.show_library()
    window.commands.reload.trigger()
    assert window.page is Page.LIBRARY


#: A routine path with a name longer than any file system takes (issue 22, item 10).
TOO_LONG = "/tmp/" + "a" * 300 + ".yaml"


def test_a_name_too_long_for_the_file_system_is_a_routine_that_is_not_there(
    window: MainWindow,
) -> None:
    """Hostile case (issue 22, item 10): a 300-character file name, given by a second launch
    (which hands it to this window) or kept as the last routine, raised OSError (File name
    too long) in the window. Now it is answered as a missing routine: said in the status
    bar, the window as it was."""
    shown = window.page
    assert not window.open_routine(TOO_LONG)
    assert window.page is shown
    said = window.statusBar().currentMessage()
    assert said.startswith(f"Cannot open {TOO_LONG}: ") and "File name too long" in said


def test_a_last_routine_too_long_for_the_file_system_opens_the_library(
    make_window: Callable[[Preferences], MainWindow], preferences: Preferences, qtbot: QtBot
) -> None:
    from psoas_timer.ui.shell.app import _open

    preferences.last_routine = TOO_LONG
    window = make_window(preferences)
    _open(window, None)  # as the app starts: the routine given, or the last one
    window.show()
    qtbot.waitExposed(window)
    assert window.page is Page.LIBRARY
