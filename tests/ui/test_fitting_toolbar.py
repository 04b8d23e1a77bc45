"""A toolbar's buttons follow their actions without piling up connections (issue 22 item
19, the soak): Qt 6.11's tool button gained one more connection to its action's changed()
at every change and kept them all, so the Start/Pause button, changed at every step of a
session, held thousands after a day, each one called at every change."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from psoas_timer.ui.common.fitting_toolbar import FittingToolBar

CHANGED = "2changed()"


def test_a_button_keeps_following_its_action_without_piling_up_connections(
    qtbot: QtBot,
) -> None:
    bar = FittingToolBar("Controls")
    qtbot.addWidget(bar)
    action = QAction("Start", bar)
    bar.addAction(action)
    bar.show()
    button = bar.widgetForAction(action)
    assert button is not None
    first = action.receivers(CHANGED)
    words = ("Pause", "Resume", "Start")
    for n in range(300):  # a long day of sessions: every step changes Start/Pause
        action.setText(words[n % 3])
        action.setEnabled(n % 4 != 0)
        QCoreApplication.processEvents()
    assert action.receivers(CHANGED) <= first + 1
    # …and the button still shows the action and works it.
    assert button.text() == action.text() == words[299 % 3]
    assert button.isEnabled() == action.isEnabled()
    with qtbot.waitSignal(action.triggered, timeout=1000):
        button.click()
