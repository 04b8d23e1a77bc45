"""The library shows today's programme session; the routine page what changed since last week."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import load_catalog
from psoas_timer.ui.library.library_view import LibraryView
from psoas_timer.ui.library.routine_view import RoutineView

pytestmark = pytest.mark.gui

ROUTINES = Path(__file__).resolve().parents[2] / "routines"


def test_today_line_on_the_library_page(qtbot: QtBot) -> None:
    view = LibraryView()
    qtbot.addWidget(view)
    view.set_catalog(load_catalog(ROUTINES))
    view.show()
    assert not view.today.isVisible()
    view.set_today("Today: Core and glutes, week 3 (Plank 4 × 30 s)")
    assert view.today.isVisible()
    assert view.today.text() == "Today: Core and glutes, week 3 (Plank 4 × 30 s)"
    with qtbot.waitSignal(view.today_chosen):
        qtbot.mouseClick(view.today, Qt.MouseButton.LeftButton)
    view.set_today("Today: Rest day (week 3 of 6)", openable=False)
    assert not view.today.isEnabled()
    view.set_today(None)
    assert not view.today.isVisible()


def test_routine_page_says_what_changed_since_last_week(qtbot: QtBot) -> None:
    catalog = load_catalog(ROUTINES)
    entry = catalog.find("core-and-glutes")
    assert entry is not None
    page = RoutineView()
    qtbot.addWidget(page)
    page.show()
    page.set_entry(entry, ["Plank: 3 × 30 s → 4 × 30 s"])
    assert page.changes.isVisible()
    assert page.changes.text() == "Since last week:\nPlank: 3 × 30 s → 4 × 30 s"
    page.set_entry(entry)
    assert not page.changes.isVisible()


LONG = (
    "Today: Gentle morning release and core strength for the lower back, hips and thighs, "
    "week 1 (Supported bridge with a soft ball held between the knees 35 s)"
)


def test_a_long_today_line_never_widens_the_window(qtbot: QtBot) -> None:
    """At 800 px the line is cut with "…"; the whole text is its tooltip and what a screen
    reader says, and the page asks for no more width than before."""
    view = LibraryView()
    qtbot.addWidget(view)
    view.set_catalog(load_catalog(ROUTINES))
    narrow = view.minimumSizeHint().width()
    view.set_today(LONG)
    assert view.minimumSizeHint().width() <= max(narrow, 480)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    assert view.today.width() <= 800
    assert view.today.is_cut() and view.today.shown_text().endswith("…")
    assert view.today.text() == LONG
    assert LONG in view.today.toolTip()
    assert LONG in view.today.accessibleName()
    view.resize(2400, 600)
    qtbot.waitUntil(lambda: not view.today.is_cut())


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_today_line_reads_in_light_and_dark(qtbot: QtBot, theme: str) -> None:
    """Drawn in the palette's own text colour (no style sheet fixing one): in the dark theme
    its words are light on dark, in the light theme dark on light."""
    from PySide6.QtGui import QColor

    from psoas_timer.ui.common.theme import apply_theme

    apply_theme(theme)
    try:
        view = LibraryView()
        qtbot.addWidget(view)
        view.set_today("Today: Core and glutes, week 3 (Plank 4 × 30 s)")
        view.resize(800, 600)
        view.show()
        qtbot.waitExposed(view)
        assert "color" not in view.today.styleSheet()
        image = view.today.grab().toImage()
        background = QColor(image.pixel(1, 1)).lightness()
        inked = [
            QColor(image.pixel(x, y)).lightness()
            for x in range(0, image.width(), 2)
            for y in range(image.height())
        ]
        text = min(inked) if theme == "light" else max(inked)
        assert abs(text - background) > 100, (theme, background, text)
    finally:
        apply_theme("system")
