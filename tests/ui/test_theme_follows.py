"""Issue 21 item 10: no colour on any page is fixed at the scheme it was set in. Every colour
the pages give their words comes from the palette and is taken again when it changes: the
app's palette switched from light to dark (as the system's scheme does), the warnings, the
completion heading, the reminder days and the builder's problem borders follow.

Before: each was a style sheet with the light scheme's colour written in (``color:
#a65d00``), kept after the switch to dark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.practice.schedule import Reminder
from psoas_timer.ui.common.theme import apply_theme, colors, dark_palette
from psoas_timer.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "psoas_timer" / "ui"
#: Where a colour may be written out, and why.
FIXED_COLOURS_ALLOWED = {
    "common/theme.py": "the palettes and the schemes' colours themselves",
    "progress/report_pdf.py": "a report printed on white paper, black ink: not the screen",
    "practice/notification_icon.py": "a white card under a picture sent to the desktop",
    "player/figure_view.py": "the figure's skin and props, mixed with the palette's colours",
}
#: A colour written into code: "#a65d00", QColor("white"), rgb(...), or a colour's name put
#: into a style sheet.
_LITERAL = re.compile(
    r"""QColor\(\s*["']|["']#[0-9a-fA-F]{3,8}["']|(?<![.\w])rgba?\(|\.name\(\)\}|color:\s*#"""
)


@pytest.fixture(autouse=True)
def _light_then_back() -> Iterator[None]:
    apply_theme("light")
    yield
    apply_theme("system")


def test_no_page_writes_a_colour_of_its_own() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        name = path.relative_to(UI).as_posix()
        if name in FIXED_COLOURS_ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _LITERAL.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == []


def _to_dark() -> None:
    apply_theme("dark")
    for _ in range(3):
        QApplication.processEvents()


def _text_colour(widget: QWidget) -> QColor:
    """The colour *widget*'s words are drawn in: the darkest or lightest pixel of its picture
    that is not its background, whichever differs most from it."""
    image = widget.grab().toImage()
    back = widget.palette().color(widget.backgroundRole())
    seen: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y)
            seen[rgb] = seen.get(rgb, 0) + 1
    seen.pop(back.rgb(), None)
    # the glyphs' own colour is the most common of the others (their edges are blends)
    return QColor.fromRgb(max(seen, key=lambda rgb: seen[rgb]))


def _warning(widget: QWidget) -> QColor:
    return colors(QApplication.palette()).warning


def _assert_drawn_in(widget: QWidget, colour: QColor) -> None:
    drawn = _text_colour(widget)
    assert drawn.name() == colour.name(), (widget.objectName(), drawn.name(), colour.name())


def test_the_routine_pages_safety_follows_the_scheme(window: MainWindow, qtbot: QtBot) -> None:
    assert window.open_routine("release")
    safety = window.routine.findChild(QLabel, "step_safety")
    assert safety is not None
    qtbot.waitExposed(window)
    light = colors(QApplication.palette()).warning
    _assert_drawn_in(safety, light)
    _to_dark()
    dark = colors(QApplication.palette()).warning
    assert dark.name() != light.name()
    _assert_drawn_in(safety, dark)


def test_the_problems_page_and_the_progress_notice_follow_the_scheme(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.open_routine("broken")  # a routine with a problem shows its problems page
    heading = window.problems.findChild(QLabel, "problem_where")
    assert heading is not None
    window.progress.page.set_notice("The history cannot be written.")
    _to_dark()
    dark = colors(QApplication.palette()).warning
    assert heading.palette().color(QPalette.ColorRole.WindowText) == dark
    assert heading.styleSheet() == ""
    notice = window.progress.page.notice
    assert notice.palette().color(QPalette.ColorRole.WindowText) == dark
    assert notice.styleSheet() == ""


def test_the_completion_heading_follows_the_scheme(window: MainWindow) -> None:
    completion = window.completion
    completion.warn_pain_rose(["Your low back went from 2 to 5."])
    _to_dark()
    dark = colors(QApplication.palette()).warning
    assert completion.heading.palette().color(QPalette.ColorRole.WindowText) == dark
    assert completion.heading.styleSheet() == ""


def test_a_chosen_reminder_day_follows_the_scheme(qtbot: QtBot) -> None:
    from psoas_timer.ui.practice.reminders_dialog import ReminderRow

    row = ReminderRow(Reminder("r1", "release", frozenset({0}), time(7, 30)), [], None)
    qtbot.addWidget(row)
    row.show()
    qtbot.waitExposed(row)
    monday = row.days[0]
    assert monday.isChecked()
    light = QApplication.palette().color(QPalette.ColorRole.Highlight)
    dark = dark_palette().color(QPalette.ColorRole.Highlight)
    assert dark != light
    at = (monday.width() // 2, monday.height() - 3)  # below the letters

    def nearer(colour: QColor) -> QColor:
        """Which highlight *colour* (the background as drawn, shaded) is nearer to."""
        return min(
            (light, dark),
            key=lambda h: abs(h.hueF() - colour.hueF()) + abs(h.valueF() - colour.valueF()),
        )

    assert nearer(monday.grab().toImage().pixelColor(*at)) == light
    _to_dark()
    assert nearer(monday.grab().toImage().pixelColor(*at)) == dark


def test_a_builder_fields_problem_border_follows_the_scheme(qtbot: QtBot) -> None:
    from psoas_timer.ui.editor.fields import DurationEdit

    field = DurationEdit("Hold")
    qtbot.addWidget(field)
    field.resize(160, 30)
    field.show()
    qtbot.waitExposed(field)
    field.setText("soon")
    field.textEdited.emit("soon")
    light = QApplication.palette().color(QPalette.ColorRole.Accent)
    assert field.grab().toImage().pixelColor(0, 15).name() == light.name()
    _to_dark()
    dark = QApplication.palette().color(QPalette.ColorRole.Accent)
    assert dark != light
    assert field.grab().toImage().pixelColor(0, 15).name() == dark.name()


def test_colours_of_widgets_that_are_gone_are_not_kept(qtbot: QtBot) -> None:
    """A page built again and again (a routine's cards, each session's completion) leaves no
    growing list of what to recolour behind."""
    from psoas_timer.ui.common import theme
    from psoas_timer.ui.common.theme import set_text_color

    for _ in range(300):
        label = QLabel("⚠ Stop if it tingles")
        set_text_color(label, "warning")
        shiboken6.delete(label)  # the page is gone
    hub = theme._hub
    assert hub is not None
    assert len(hub.followers) <= 128
