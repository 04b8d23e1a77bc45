"""Enter on "Stop the session?" stops it, whatever order the platform puts the buttons in
(issue 13 item 9): under GTK's order the first button, the one focused, is No."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QProxyStyle,
    QPushButton,
    QStyle,
    QWidget,
)
from pytestqt.qtbot import QtBot

from psoas_timer.ui.shell.main_window import ask_user

Layout = QDialogButtonBox.ButtonLayout


class _ButtonOrder(QProxyStyle):
    """The platform's button order, as a desktop's theme would set it."""

    def __init__(self, layout: QDialogButtonBox.ButtonLayout, base: str) -> None:
        super().__init__(base)
        self._layout = layout

    def styleHint(self, hint, option=None, widget=None, data=None):  # type: ignore[no-untyped-def]
        if hint == QStyle.StyleHint.SH_DialogButtonLayout:
            return int(self._layout.value)
        return super().styleHint(hint, option, widget, data)


def _answer(key: Qt.Key, seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    assert box is not None
    buttons = box.findChild(QDialogButtonBox)
    assert buttons is not None
    row = buttons.layout()
    assert row is not None
    laid_out = (row.itemAt(i).widget() for i in range(row.count()))  # left to right
    seen.append(" ".join(w.text().replace("&", "") for w in laid_out if isinstance(w, QPushButton)))
    QTest.keyClick(box.focusWidget() or box, key)


@pytest.mark.parametrize(
    "layout", [Layout.WinLayout, Layout.MacLayout, Layout.KdeLayout, Layout.GnomeLayout]
)
def test_enter_stops_and_esc_keeps_going_in_every_button_order(
    qtbot: QtBot, layout: QDialogButtonBox.ButtonLayout
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.style().name()
    app.setStyle(_ButtonOrder(layout, old))
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []
    try:
        QTimer.singleShot(0, lambda: _answer(Qt.Key.Key_Return, seen))
        assert ask_user(parent, "Stop the session?", "Stop this session now?") is True
        QTimer.singleShot(0, lambda: _answer(Qt.Key.Key_Escape, seen))
        assert ask_user(parent, "Stop the session?", "Stop this session now?") is False
    finally:
        app.setStyle(old)
    assert len(seen) == 2
    if layout == Layout.GnomeLayout:
        assert seen[0] == "No Yes"  # the order that made Enter press No


@pytest.mark.parametrize("layout", [Layout.WinLayout, Layout.GnomeLayout])
def test_enter_on_a_destructive_question_keeps_everything(
    qtbot: QtBot, layout: QDialogButtonBox.ButtonLayout
) -> None:
    """ "Delete all history?": a stray Enter says No (its safe answer is the default); only
    Yes itself deletes."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.style().name()
    app.setStyle(_ButtonOrder(layout, old))
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []
    try:
        QTimer.singleShot(0, lambda: _answer(Qt.Key.Key_Return, seen))
        assert not ask_user(parent, "Delete all history?", "Delete it all?", destructive=True)
        QTimer.singleShot(0, lambda: _answer(Qt.Key.Key_Y, seen))  # Alt-less Y: Yes's key
        answered = ask_user(parent, "Delete all history?", "Delete it all?", destructive=True)
    finally:
        app.setStyle(old)
    assert answered is True
    assert len(seen) == 2


SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QStyle
    from psoas_timer.ui.shell.main_window import ask_user

    app = QApplication(sys.argv[:1])
    print("layout", app.style().styleHint(QStyle.StyleHint.SH_DialogButtonLayout))

    def enter():
        box = QApplication.activeModalWidget()
        QTest.keyClick(box.focusWidget() or box, Qt.Key.Key_Return)

    QTimer.singleShot(0, enter)
    print("stopped", ask_user(None, "Stop the session?", "Stop this session now?"))
    """
)


@pytest.fixture
def x_display() -> Iterator[str | None]:
    """A private Xvfb display when Xvfb is installed (CI installs it), else None."""
    if shutil.which("Xvfb") is None:
        yield None
        return
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}" if number else None
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("theme", ["", "gtk3"])
def test_enter_stops_under_the_platform_theme(theme: str, x_display: str | None) -> None:
    """The real theme plugin, in a process of its own (a theme is chosen at start-up). GTK
    needs a display: on Xvfb it gives GNOME's button order, the one that made Enter press No."""
    env = dict(os.environ, QT_QPA_PLATFORMTHEME=theme)
    if theme:
        if x_display is None:
            pytest.skip("no Xvfb for the gtk3 theme; its button order is tested above")
        env.update(DISPLAY=x_display, QT_QPA_PLATFORM="xcb")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "stopped True" in done.stdout, done.stdout + done.stderr
    if theme == "gtk3":
        assert f"layout {int(QDialogButtonBox.ButtonLayout.GnomeLayout.value)}" in done.stdout
