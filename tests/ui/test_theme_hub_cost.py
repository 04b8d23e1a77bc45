"""Issue 22.19 (soak CPU): following the app's palette took every event of every object in
the app through a Python filter (installed on the QApplication), a tenth of the app's CPU
during a session (cProfile on benchmarks/soak.py). The palette is now heard on a hidden
widget of its own: the events of the rest of the app never reach Python for it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from psoas_timer.ui.common import theme

pytestmark = pytest.mark.gui


def test_the_palette_is_followed_without_filtering_every_event(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    label = QLabel("Today")
    qtbot.addWidget(label)
    applied: list[str] = []
    theme.follow_palette(
        label, lambda w: applied.append(w.palette().color(QPalette.ColorRole.Window).name())
    )
    seen = 0
    real = theme._Hub.eventFilter

    def counting(self: theme._Hub, watched: QObject, event: QEvent) -> bool:
        nonlocal seen
        seen += 1
        return real(self, watched, event)

    monkeypatch.setattr(theme._Hub, "eventFilter", counting)
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(tick)
    timer.start()
    qtbot.waitUntil(lambda: ticks >= 50, timeout=5000)
    timer.stop()
    assert seen < 5, f"{seen} events of other objects went through the palette's filter"
    # ... and a change of the app's palette is still followed.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.palette()
    changed = QPalette(old)
    changed.setColor(QPalette.ColorRole.Window, QColor("#123456"))
    try:
        app.setPalette(changed)
        qtbot.waitUntil(lambda: applied[-1] == "#123456", timeout=2000)
    finally:
        app.setPalette(old)
