"""Open the real window (a programme followed) and every dialog a user can reach from it, one
after another, on whatever screen Qt was given; print one JSON line per window: its name, its
frame (title bar included), the screen's available area, and its minimum size.

Run by ``test_fits_screen.py`` under Xvfb with openbox at each test size. With ``--shots DIR``
it also saves a picture of the whole screen with the library, the Reminders dialog and the
builder (``docs/screenshots/`` holds the 800x600 ones).

Every window is opened as the user opens it (an action, a button); a dialog run with ``exec()``
is looked at from inside its own event loop, then closed with Esc or reject.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from datetime import time as clock_time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox, QWidget

#: Once a window is mapped, how long its window manager and our own fitting may take.
SETTLE_S = 0.3
#: How long a window may take to appear at all.
APPEAR_S = 20.0
#: How long a new window may take to get its frame and stay put (a loaded machine).
FRAME_S = 5.0


#: A routine and programme with long names: the library's "Today: ..." line is long.
LONG_ROUTINE = """\
name: Gentle morning release and core strength for the lower back, hips and thighs
steps:
  - name: Supported bridge with a soft ball held between the knees
    hold: 30s
"""
LONG_PROGRAMME = """\
name: Six gentle weeks for a tight psoas and a stiff lower back
weeks: 6
days: {daily: long-morning}
changes:
  - week: 1
    steps:
      Supported bridge with a soft ball held between the knees: {hold: 35s}
"""


def wait(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def settle(windows: list[QWidget]) -> None:
    """Wait until each new window has its frame (title bar) and none has moved or changed size
    for SETTLE_S (at most FRAME_S): what the user sees once the window manager and the fitting
    are done. A fixed wait read a dialog whose frame had just come, in the moment before the
    fitting moved it back inside the screen."""
    wait(SETTLE_S)

    def shape() -> list[tuple[object, object]]:
        return [(w.frameGeometry(), w.geometry()) for w in windows]

    end = time.monotonic() + FRAME_S
    last, since = shape(), time.monotonic()
    while time.monotonic() < end:
        framed = all(frame != inner for frame, inner in last)
        if framed and time.monotonic() - since >= SETTLE_S:
            return
        wait(0.05)
        now = shape()
        if now != last:
            last, since = now, time.monotonic()


def shown_windows(main: QWidget) -> list[QWidget]:
    """Visible top-level windows and dialogs other than *main* (no menus or tooltips)."""
    found = []
    for widget in QApplication.topLevelWidgets():
        if widget is main or not widget.isVisible() or not widget.isWindow():
            continue
        if widget.windowType() in (
            widget.windowType().Popup,
            widget.windowType().ToolTip,
        ):
            continue
        found.append(widget)
    return found


def report(name: str, widget: QWidget) -> None:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    frame = widget.frameGeometry()
    line = {
        "name": name,
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "inner": [widget.x(), widget.y(), widget.width(), widget.height()],
        "area": [area.x(), area.y(), area.width(), area.height()],
        "minimum": [widget.minimumSizeHint().width(), widget.minimumSizeHint().height()],
        "dpr": screen.devicePixelRatio(),
    }
    print(json.dumps(line), flush=True)


def shoot(folder: Path | None, name: str) -> None:
    if folder is None:
        return
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(folder / f"{name}.png"))


def capture(
    main: QWidget,
    name: str,
    trigger: Callable[[], object],
    shots: Path | None = None,
    close: Callable[[QWidget], None] | None = None,
) -> None:
    """Do *trigger*, then report the new window(s) it opened and close them (a dialog run
    with exec() is looked at from inside its loop)."""
    before = {id(w) for w in shown_windows(main)}
    done: list[bool] = []
    started = time.monotonic()

    def look() -> None:
        new = [w for w in shown_windows(main) if id(w) not in before]
        if not new:
            if time.monotonic() - started > APPEAR_S:
                print(json.dumps({"name": name, "missing": True}), flush=True)
                done.append(True)
                return
            QTimer.singleShot(30, look)
            return
        settle(new)
        for widget in new:
            report(name if len(new) == 1 else f"{name}/{type(widget).__name__}", widget)
        shoot(shots, name)
        for widget in new:
            if close is not None:
                close(widget)
            elif isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()
        done.append(True)

    QTimer.singleShot(30, look)
    trigger()
    while not done:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)
    wait(0.05)


def main(argv: list[str]) -> int:
    shots = Path(argv[argv.index("--shots") + 1]) if "--shots" in argv else None
    from psoas_timer import paths
    from psoas_timer.practice.schedule import PROGRAMME_TARGET, Reminder
    from psoas_timer.practice.store import PracticeData, save_practice
    from psoas_timer.ui.shell import app as app_module
    from psoas_timer.ui.shell.main_window import Page, ask_user
    from psoas_timer.ui.shell.settings import Preferences
    from psoas_timer.ui.shell.tray import SessionTray

    qt_app = app_module._application()
    routines = paths.user_routines_dir()
    (routines / "programmes").mkdir(parents=True, exist_ok=True)
    (routines / "long-morning.yaml").write_text(LONG_ROUTINE, encoding="utf-8")
    (routines / "programmes" / "long-weeks.yaml").write_text(LONG_PROGRAMME, encoding="utf-8")
    save_practice(
        paths.user_data_dir(),
        PracticeData(
            reminders=[Reminder("r1", PROGRAMME_TARGET, frozenset(range(7)), clock_time(18))],
            programme="long-weeks",
            programme_start=date.today(),
        ),
    )
    settings = QSettings(str(Path(os.environ["HOME"]) / "probe.ini"), QSettings.Format.IniFormat)
    window = app_module.create_window(None, settings=settings)
    preferences: Preferences = window.preferences
    preferences.safety_seen = True
    window.attach_tray(SessionTray(QIcon(), preferences, parent=window))
    window.show()
    app_module.attach_practice(window, preferences)
    end = time.monotonic() + 60
    while time.monotonic() < end and not (window.library.today.isVisible() and window.isVisible()):
        wait(0.05)
    wait(SETTLE_S)
    window.show_library()
    wait(SETTLE_S)
    report("main/library", window)
    print(json.dumps({"name": "today", "text": window.library.today.text()}), flush=True)
    shoot(shots, "library-programme")

    assert window.practice is not None

    def reminder_buttons(dialog: QWidget) -> None:
        cut = []  # a button reached only by scrolling sideways, or drawn in part
        for button in dialog.findChildren(QAbstractButton):
            if not button.isVisible():
                continue
            left = button.mapTo(dialog, QPoint(0, 0)).x()
            shown = button.visibleRegion()
            if (
                left < 0
                or left + button.width() > dialog.width()
                or (not shown.isEmpty() and shown.boundingRect().width() < button.width())
            ):
                cut.append(button.text() or button.accessibleName())
        print(json.dumps({"name": "reminders-buttons-cut", "cut": cut}), flush=True)
        if isinstance(dialog, QDialog):
            dialog.reject()

    capture(window, "reminders", window.practice.open_dialog, shots, close=reminder_buttons)
    capture(window, "help", window.commands.help.trigger)
    capture(window, "sound", window.commands.sound.trigger)
    window.open_routine("deep-psoas-release")  # a release routine: the notice comes first
    wait(SETTLE_S)
    capture(window, "safety", window.steps.start)
    capture(
        window,
        "question",
        lambda: ask_user(window, "Delete all history?", "Delete every session, rating and note?"),
    )
    window.show_progress()
    wait(SETTLE_S)
    report("main/progress", window)
    shoot(shots, "progress")
    end = time.monotonic() + 20
    while window.progress.page.store is None and time.monotonic() < end:  # the history opens
        wait(0.05)
    capture(window, "report", window.progress.page.open_report)
    capture(window, "check-in", window.progress.page.checkins.open_checkin)

    window.open_routine("heat-or-ice")
    wait(SETTLE_S)
    report("main/routine", window)
    capture(window, "choice", window.steps.start)
    # "How does it feel?" before the desk break, whose areas have the longest names.
    window.open_routine("desk-break")
    wait(SETTLE_S)
    window.steps.start()
    wait(SETTLE_S)
    report(f"main/{window.page.name.lower()}", window)  # main/rating
    preferences.ask_ratings = False
    prompt = window.findChild(QWidget, "rating_prompt")
    if prompt is not None:
        prompt.skip.click()  # type: ignore[attr-defined]
        wait(SETTLE_S)
    window.controller.stop()
    wait(SETTLE_S)
    # The release notice was seen above: "don't show it again", so Start goes to the player.
    preferences.safety_release_dismissed = True
    window.open_routine("daily-psoas")
    wait(SETTLE_S)
    window.steps.start()
    wait(SETTLE_S)
    report(f"main/{window.page.name.lower()}", window)  # main/player
    window.controller.stop()
    wait(SETTLE_S)
    report(f"main/{window.page.name.lower()}", window)
    window.go(Page.COMPLETION)
    wait(SETTLE_S)
    report("main/completion", window)

    window.open_routine("daily-psoas")
    wait(SETTLE_S)
    editor_parts: list[QWidget] = []

    def open_editor() -> None:
        window.commands.edit_routine.trigger()

    def keep(widget: QWidget) -> None:
        editor_parts.append(widget)

    capture(window, "builder", open_editor, shots, close=keep)
    editor = editor_parts[0]
    capture(window, "builder-add-from-library", editor.view.act.add.trigger)
    capture(window, "builder-new", editor.view.ask_new_routine)
    editor.view.files.maybe_discard = lambda: True  # type: ignore[attr-defined]
    editor.close()
    wait(0.1)
    for box in shown_windows(window):
        if isinstance(box, QMessageBox | QDialog):
            box.reject()
    window.hide()
    qt_app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
