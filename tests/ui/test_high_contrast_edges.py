"""Issue 21 item 19, high contrast: disabled toolbar buttons look disabled and input boxes
keep their borders, measured on what is drawn with the WCAG contrast ratio.

Before: a disabled button's grey was 2:1 from the white of an enabled one (it looked
enabled), and every box's border was the window's black darkened, on black (1:1).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTime
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from psoas_timer.ui.common.theme import contrast, high_contrast_palette, set_high_contrast
from psoas_timer.ui.shell.main_window import MainWindow

from .conftest import started
from .contrast import tick_edges

#: WCAG 2.1 1.4.11: a control's edge at least 3:1 against what is beside it.
EDGE = 3.0
#: WCAG 2.1 1.4.3 (AA): text at least 4.5:1 on its background.
TEXT = 4.5


@pytest.fixture
def contrast_on() -> Iterator[None]:
    set_high_contrast(True)
    yield
    set_high_contrast(False)


def _colours(image: QImage) -> set[int]:
    return {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}


def _strongest(image: QImage, against: QColor) -> float:
    """The highest contrast of any pixel of *image* against *against*."""
    return max(contrast(QColor.fromRgb(rgb), against) for rgb in _colours(image))


def test_the_disabled_colours_read_and_differ_from_the_enabled_ones() -> None:
    palette = high_contrast_palette()
    disabled, active = QPalette.ColorGroup.Disabled, QPalette.ColorGroup.Active
    for role, back in (
        (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
        (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
        (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    ):
        shown = palette.color(disabled, role)
        assert contrast(shown, palette.color(disabled, back)) >= TEXT, role
        assert contrast(shown, palette.color(active, role)) >= EDGE, role


def test_a_disabled_toolbar_button_looks_disabled_and_is_seen(
    window: MainWindow, qtbot: QtBot, contrast_on: None
) -> None:
    started(window)  # Routines and Progress are disabled during a session
    QApplication.processEvents()
    toolbar = window.toolbar
    off = toolbar.widgetForAction(window.commands.back)
    on = toolbar.widgetForAction(window.commands.start_pause)
    assert off is not None and on is not None
    assert not off.isEnabled() and on.isEnabled()
    black = QColor("#000000")
    assert window.palette().color(QPalette.ColorRole.Window) == black
    off_shot, on_shot = off.grab().toImage(), on.grab().toImage()
    brightest_off = max((QColor.fromRgb(c) for c in _colours(off_shot)), key=QColor.lightness)
    brightest_on = max((QColor.fromRgb(c) for c in _colours(on_shot)), key=QColor.lightness)
    assert contrast(brightest_off, black) >= TEXT  # seen
    assert contrast(brightest_on, brightest_off) >= EDGE  # and plainly not enabled


def test_input_boxes_and_buttons_keep_their_borders(qtbot: QtBot, contrast_on: None) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    box = QVBoxLayout(page)
    line = QLineEdit("30s")
    disabled_line = QLineEdit("off")
    disabled_line.setEnabled(False)
    spin = QSpinBox()
    combo = QComboBox()
    combo.addItems(["Left", "Right"])
    editable = QComboBox()
    editable.setEditable(True)
    time = QTimeEdit(QTime(7, 30))
    button = QPushButton("Released")
    boxes = [line, disabled_line, spin, combo, editable, time, button]
    for widget in boxes:
        box.addWidget(widget)
    page.resize(300, 320)
    page.show()
    qtbot.waitExposed(page)
    back = page.palette().color(QPalette.ColorRole.Window)
    assert back == QColor("#000000")
    for widget in boxes:
        shot = widget.grab().toImage()
        h, w = shot.height(), shot.width()
        # each side's outermost two pixels, at its middle
        edges = {
            "left": shot.copy(0, h // 2, 2, 1),
            "right": shot.copy(w - 2, h // 2, 2, 1),
            "top": shot.copy(w // 2, 0, 1, 2),
            "bottom": shot.copy(w // 2, h - 2, 1, 2),
        }
        for side, edge in edges.items():
            seen = _strongest(edge, back)
            assert seen >= EDGE, (type(widget).__name__, widget.isEnabled(), side, seen)


def test_check_boxes_and_radio_buttons_keep_their_boxes(qtbot: QtBot, contrast_on: None) -> None:
    """ "Don't ask for this routine" and "Ask how it feels before and after": in high
    contrast an unticked box was black on black, nothing to see or aim at."""
    from PySide6.QtWidgets import QCheckBox, QRadioButton

    page = QWidget()
    qtbot.addWidget(page)
    box = QVBoxLayout(page)
    ticks = [QCheckBox("Don't ask for this routine"), QRadioButton("Left")]
    for widget in ticks:
        box.addWidget(widget)
    page.resize(300, 120)
    page.show()
    qtbot.waitExposed(page)
    back = page.palette().color(QPalette.ColorRole.Window)
    assert back == QColor("#000000")
    for widget in ticks:
        for side, seen in tick_edges(widget, back).items():
            assert seen >= EDGE, (type(widget).__name__, side, seen)
