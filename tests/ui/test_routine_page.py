from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from psoas_timer.ui.library.routine_view import StepCard
from psoas_timer.ui.shell.main_window import MainWindow, Page


def test_routine_page_lists_steps_with_timing(window: MainWindow) -> None:
    assert window.open_routine("Release and bridge")
    assert window.page is Page.ROUTINE
    assert window.routine.name.text() == "Release and bridge"
    assert window.routine.summary.text().startswith("Total 2:38 · 3 steps")
    cards = window.routine.steps.findChildren(StepCard)
    assert len(cards) == 3
    first = {label.objectName(): label.text() for label in cards[0].findChildren(QLabel)}
    assert first["step_title"] == "1. Psoas release"
    assert (
        "until it softens" in first["step_timing"] and "breathing calm 4-6" in first["step_timing"]
    )
    assert first["step_instructions"] == "Press the ball gently into the belly."
    assert first["step_safety"] == "⚠ Stop if you feel a pulse."
    assert cards[0].image.has_image()  # the SVG
    second = {label.objectName(): label.text() for label in cards[1].findChildren(QLabel)}
    assert second["step_timing"] == "3 sets × 10 reps of 2 s · right side"
    assert second["step_time"] == "1:15"


def test_big_start_button_starts(window: MainWindow, qtbot: QtBot) -> None:
    window.open_routine("simple")
    assert window.routine.start.minimumHeight() >= 80
    qtbot.mouseClick(window.routine.start, Qt.MouseButton.LeftButton)
    assert window.page is Page.PLAYER
    assert window.controller.active


def test_last_routine_is_remembered(window: MainWindow) -> None:
    window.open_routine("simple")
    assert window.preferences.last_routine.endswith("simple.yaml")


def test_a_routine_page_opens_at_its_top(window: MainWindow, qtbot: QtBot) -> None:
    from tests.ui.conftest import write

    assert window.catalog is not None
    user = window.catalog.entries[-1].path.parent
    steps = "".join(f"  - name: Stretch {n}\n    hold: 20\n" for n in range(30))
    write(user, "long-a.yaml", f"name: Long A\nsteps:\n{steps}")
    write(user, "long-b.yaml", f"name: Long B\nsteps:\n{steps}")
    window.reload()
    window.resize(900, 600)
    assert window.open_routine("long-a")
    bar = window.routine.findChild(QScrollArea).verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    window.show_library()
    assert window.open_routine("long-b")
    qtbot.wait(10)
    assert bar.value() == 0


@pytest.mark.parametrize("width", [800, 1280])
@pytest.mark.parametrize("where", ["library", "outside"])
def test_the_words_take_the_width_beside_start_and_the_steps_the_height(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    routine_dirs: tuple[Path, Path],
    width: int,
    where: str,
) -> None:
    """A long description wraps across the page, not a word a line in a narrow column that
    pushes the steps down to a sliver (as it did for every routine of the library, whose
    page hides the "Add to my routines" row)."""
    text = (
        "name: Long description\n"
        "tags: [daily, psoas, release, stretch, strength]\n"
        "description: >\n"
        "  For anyone with tight hip flexors or a psoas-related sore back, once a day,\n"
        "  ideally after sitting for a long time. Warm up, release the hip crease with a\n"
        "  ball, stretch, then strengthen the glutes and core. You need a mat and a ball.\n"
        "steps:\n"
        + "".join(
            f"  - {{name: Step {n}, hold: 30s, instructions: [Breathe.]}}\n" for n in range(8)
        )
    )
    if where == "library":
        folder = routine_dirs[1]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "long.yaml").write_text(text, encoding="utf-8")
        window.reload()
        key = "Long description"
    else:
        (tmp_path / "long.yaml").write_text(text, encoding="utf-8")
        key = str(tmp_path / "long.yaml")
    window.resize(width, 760)
    assert window.open_routine(key)
    page = window.routine
    assert page.origin_row.isVisibleTo(page) is (where == "outside")
    qtbot.waitUntil(lambda: page.name.width() > 0 and page.scroll_area.height() > 0)
    qtbot.wait(50)
    left = page.name.mapTo(page, page.name.rect().topLeft()).x()
    beside_start = page.start.geometry().left() - left
    assert page.name.width() >= 0.8 * beside_start
    assert page.description.width() >= 0.8 * beside_start
    description = page.description
    assert description.height() >= description.heightForWidth(description.width())  # all of it
    assert page.scroll_area.height() >= 0.45 * page.height()


def test_one_step_is_one_step(window: MainWindow, tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text("name: One\nsteps:\n  - {name: Plank, hold: 30}\n")
    assert window.open_routine(str(tmp_path / "one.yaml"))
    assert window.routine.summary.text() == "Total 0:40 · 1 step"  # 10 s to get ready
