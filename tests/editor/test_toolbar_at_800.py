"""The builder's toolbar at 800 px in German: Undo says what it undoes in its tip, not on the
button, so the Routine menu and Redo stay on the bar after an edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from psoas_timer import i18n
from psoas_timer.core.catalog import Catalog

from .conftest import builder_window

ROUTINE = "name: Zwei\nsteps:\n  - {name: Plank, hold: 30}\n  - {name: Bridge, hold: 20}\n"


def test_an_edit_pushes_nothing_off_the_toolbar(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    """After a move, "Rückgängig Schritt verschieben" on the button pushed Redo and the
    Routine menu behind the toolbar's » at 800 px."""

    i18n.set_language("de")
    _window, view = builder_window(qtbot, catalog, user_dir, (800, 600), ROUTINE)
    view.step_list.setCurrentRow(1)
    view.act.up.trigger()
    qtbot.wait(20)
    assert view.act.undo.isEnabled()
    assert "Schritt" in view.act.undo.toolTip()  # what it undoes, in its tip
    assert view.file_button.isVisible()
    assert view.toolbar.widgetForAction(view.act.redo).isVisible()


def test_a_file_not_imported_shows_its_problems_in_sight(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, tmp_path: Path
) -> None:
    """ "kaputt.yaml wurde nicht importiert: 1 Problem, siehe unten": at 800 x 600 the list
    was below the window's edge until scrolled to."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QScrollArea

    i18n.set_language("de")
    window, view = builder_window(
        qtbot, catalog, user_dir, (800, 440), ROUTINE
    )  # shorter than the builder (at 800 x 600 on the screen, it is)
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("name: Kaputt\nsteps:\n  - name: Dehnen\n    hold: [30\n", encoding="utf-8")
    assert view.files.import_file(broken) is None
    qtbot.wait(20)
    body = window.centralWidget()
    assert isinstance(body, QScrollArea)
    panel = view.problem_list
    assert body.verticalScrollBar().maximum() > 0  # the builder is taller than the window

    def seen() -> bool:
        top_left = panel.mapTo(body.viewport(), panel.rect().topLeft())
        return body.viewport().rect().contains(QRect(top_left, panel.size()))

    qtbot.waitUntil(seen, timeout=1000)


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "pt_BR"])
@pytest.mark.parametrize("width", [800, 640])
def test_nothing_on_the_toolbar_goes_behind_its_overflow(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, language: str, width: int
) -> None:
    """At 800 px in German or French (and in any language in a narrower builder) the Routine
    menu went behind the toolbar's », reached only by F10. The words go under the icons,
    or away (kept in the tips), so every button stays on the bar."""
    from PySide6.QtWidgets import QToolButton

    i18n.set_language(language)
    _window, view = builder_window(qtbot, catalog, user_dir, (width, 600), ROUTINE)
    qtbot.wait(20)
    bar = view.toolbar
    overflow = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is None or not overflow.isVisible()
    hidden = [
        a.text() for a in bar.actions() if a.text() and not bar.widgetForAction(a).isVisible()
    ]
    assert hidden == []
    assert view.file_button.isVisible()
    right = view.file_button.mapTo(bar, view.file_button.rect().topRight()).x()
    assert right < bar.width()
