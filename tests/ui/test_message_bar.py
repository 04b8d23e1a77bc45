"""The status bar at 800 px: a message too long for it ("No sound: the sound player failed
to start (…). Cues are shown on screen.") was cut off at the bar's edge, mid-word, with
nothing to say there was more. It is shortened with "…" now, and the whole of it is in the
tooltip and the accessible description."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from psoas_timer import i18n
from psoas_timer.i18n import _
from psoas_timer.ui.shell.main_window import MainWindow
from psoas_timer.ui.sound.output import MSG_PLAYER_FAILED


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_long_message_is_shortened_and_whole_in_the_tooltip(
    window: MainWindow, language: str
) -> None:
    i18n.set_language(language)
    window.resize(800, 600)
    QApplication.processEvents()
    bar = window.statusBar()
    message = _(MSG_PLAYER_FAILED).format(
        error="org.freedesktop.DBus.Error.ServiceUnknown: no PulseAudio or PipeWire server"
    )
    bar.showMessage(message, 15000)
    QApplication.processEvents()
    assert bar.currentMessage() == message
    assert bar.toolTip() == message
    assert bar.accessibleDescription() == message
    area = bar.message_rect()  # type: ignore[attr-defined]
    shown = bar.shown_text()  # type: ignore[attr-defined]
    assert shown.endswith("…") and shown[:-1] in message
    assert bar.fontMetrics().horizontalAdvance(shown) <= area.width()
    # drawn: letters in the message's place, none past its end
    picture = bar.grab().toImage()
    back = bar.palette().color(QPalette.ColorRole.Window).rgb()
    inked = [
        x
        for x in range(picture.width())
        for y in range(picture.height())
        if QColor(picture.pixel(x, y)).rgb() != back
        and abs(QColor(picture.pixel(x, y)).lightness() - QColor(back).lightness()) > 60
    ]
    assert inked and min(inked) >= area.left() - 1 and max(inked) <= area.right() + 1

    bar.showMessage(_("Reminders are not ready yet."), 5000)
    assert bar.shown_text() == _("Reminders are not ready yet.")  # type: ignore[attr-defined]
    assert bar.toolTip() == bar.currentMessage()
    bar.clearMessage()
    assert bar.toolTip() == "" and bar.accessibleDescription() == ""
