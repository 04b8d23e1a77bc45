"""The completion page on an 800 px window: its row of figures wraps onto more rows where the
words are long, so the page never scrolls sideways and every figure is seen whole."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer import i18n
from psoas_timer.i18n import _
from psoas_timer.ui.player.completion_view import CompletionView


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "pt_BR"])
def test_the_figures_fit_an_800_px_window(qtbot: QtBot, language: str) -> None:
    """In German the three figures were one row wider than the window ("1 von 8", "Anteil der
    Übungsfolge"): the page scrolled sideways and cut the time and the share at its edges."""
    i18n.set_language(language)
    view = CompletionView()
    qtbot.addWidget(view)
    view.resize(798, 480)  # the page of an 800 x 600 window
    view.show()
    qtbot.waitExposed(view)
    view.set_figure("time_taken", _("Time taken"), "12:34")
    view.set_figure("steps_done", _("Steps done"), _("{done} of {count}").format(done=12, count=12))
    view.set_figure("share_done", _("Of the routine"), _("{percent}%").format(percent=100))
    qtbot.wait(50)
    scroll = view.findChild(QScrollArea, "completion_scroll")
    content = view.findChild(QWidget, "completion_content")
    assert scroll is not None and content is not None
    assert not scroll.horizontalScrollBar().isVisible()
    assert content.width() <= scroll.viewport().width()
    for key in ("time_taken", "steps_done", "share_done"):
        for name in (key, f"{key}_label"):
            label = view.findChild(QLabel, name)
            assert label is not None
            left = label.mapTo(content, label.rect().topLeft()).x()
            assert left >= 0, name
            assert left + label.width() <= content.width(), name
            assert label.width() >= label.sizeHint().width(), name  # not squeezed
