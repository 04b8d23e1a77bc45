"""On an 800 x 600 window the rating page is taller than the window and scrolls: the line that
says which keys to press stays in sight, with the field being typed in, as ↓ moves on."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer import i18n
from psoas_timer.ui.shell.main_window import MainWindow, Page
from psoas_timer.ui.shell.settings import Preferences


def _seen(scroll: QScrollArea, widget: QWidget) -> bool:
    """Whether the whole of *widget* is inside the scroll area's viewport."""
    viewport = scroll.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_keys_stay_in_sight_at_800_x_600(
    make_history_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    qtbot: QtBot,
    language: str,
) -> None:
    """At 800 x 600 in German the keys line ("Eingabe speichert · Esc überspringt") was cut
    in half below the page, and after the session it was out of sight altogether."""
    i18n.set_language(language)
    window = make_history_window(preferences)
    window.resize(800, 555)  # an 800 x 600 screen less the title bar and the panel
    qtbot.wait(20)
    assert window.open_routine("evening")
    window.steps.start()
    assert window.page is Page.RATING
    prompt = window.rating
    scroll = window.findChild(QScrollArea, "rating_prompt_scroll")
    assert scroll is not None
    chain = [*prompt.fields, prompt.note]
    qtbot.wait(50)  # laid out and scrolled as the user sees it
    qtbot.waitUntil(lambda: _seen(scroll, prompt.keys), timeout=1000)
    assert _seen(scroll, chain[0])
    assert scroll.viewport().height() < prompt.sizeHint().height()  # it does scroll
    for before in chain[:-1]:
        qtbot.keyClick(before, Qt.Key.Key_Down)
        focused = window.focusWidget()
        assert focused is not None
        qtbot.wait(50)
        qtbot.waitUntil(lambda: _seen(scroll, prompt.keys), timeout=1000)
        assert _seen(scroll, focused)
    assert window.focusWidget() is prompt.note
