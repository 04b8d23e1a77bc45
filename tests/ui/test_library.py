from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.ui.library.library_view import Roles, RoutineDelegate
from psoas_timer.ui.shell.main_window import MainWindow, Page


def _row(window: MainWindow, name: str) -> int:
    return window.library.visible_names().index(name)


def test_lists_bundled_user_and_broken_routines(window: MainWindow) -> None:
    assert window.windowTitle() == "Psoas Timer"
    assert window.page is Page.LIBRARY
    library = window.library
    assert set(library.visible_names()) == {"Release and bridge", "Simple stretch", "broken"}
    good = _row(window, "Release and bridge")
    assert library.row_data(good, Roles.TIME) == "2:38"
    assert library.row_data(good, Roles.DETAILS) == "psoas · quick · bundled"
    assert library.row_data(good, Qt.ItemDataRole.AccessibleTextRole) == (
        "Release and bridge, 2:38, psoas · quick · bundled"
    )
    assert (
        library.row_data(_row(window, "Simple stretch"), Roles.DETAILS) == "stretch · your routine"
    )


def test_broken_file_shows_its_problems_and_hides_nothing(window: MainWindow) -> None:
    library = window.library
    row = _row(window, "broken")
    assert library.row_data(row, Roles.TIME) == "cannot be used"
    problems = str(library.row_data(row, Roles.PROBLEMS))
    assert "broken.yaml:" in problems
    assert "wobble" in problems
    first = problems.splitlines()[0]
    file, line, column = first.split(":")[:3]
    assert file.endswith("broken.yaml") and line.isdigit() and column.isdigit()
    assert str(library.row_data(row, Qt.ItemDataRole.AccessibleTextRole)).startswith(
        "broken cannot be used: "
    )
    assert len(library.visible_names()) == 3


def test_search_filters_by_name_and_tag(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.library.search, "quick")
    assert window.library.visible_names() == ["Release and bridge"]
    window.library.search.clear()
    qtbot.keyClicks(window.library.search, "couch")  # matches neither name nor tag
    assert window.library.visible_names() == []
    assert not window.library.empty.isHidden()
    window.library.search.setText("simple")
    assert window.library.visible_names() == ["Simple stretch"]


def test_clicking_a_routine_opens_its_page(window: MainWindow, qtbot: QtBot) -> None:
    index = window.library.model.index(1)
    rect = window.library.list.visualRect(index)
    qtbot.mouseClick(window.library.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.page is Page.ROUTINE
    assert window.routine.name.text() == window.library.visible_names()[1]


def test_broken_routine_does_not_open(window: MainWindow) -> None:
    broken = next(e for e in window.library.entries() if not e.ok)
    window.library.routine_chosen.emit(broken)
    assert window.page is Page.LIBRARY
    assert not window.open_routine("broken")  # it shows what is wrong instead
    assert window.page is Page.PROBLEMS
    assert not window.open_routine("no-such-thing")
    assert "Cannot open no-such-thing: no such routine" in window.statusBar().currentMessage()


def test_search_by_keyboard_alone_opens_the_match(window: MainWindow, qtbot: QtBot) -> None:
    window.library.list.setFocus()
    qtbot.keyClick(window.library.list, Qt.Key.Key_Slash)
    assert window.library.search.hasFocus()
    qtbot.keyClicks(window.library.search, "simple")
    assert window.library.visible_names() == ["Simple stretch"]
    current = window.library.current_entry()
    assert current is not None and current.name == "Simple stretch"  # the match is highlighted
    qtbot.keyClick(window.library.search, Qt.Key.Key_Return)
    assert window.page is Page.ROUTINE
    assert window.entry is not None and window.entry.name == "Simple stretch"


def test_ctrl_f_goes_to_the_search_box_and_down_back_to_the_list(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.library.list.setFocus()
    qtbot.keyClick(window.library.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.library.search.hasFocus()
    qtbot.keyClick(window.library.search, Qt.Key.Key_Down)
    assert window.library.list.hasFocus()


def test_search_puts_name_matches_before_tag_and_description_matches(
    window: MainWindow, qtbot: QtBot
) -> None:
    from tests.ui.conftest import write

    assert window.catalog is not None
    user = next(e.path.parent for e in window.catalog.entries if not e.bundled)
    write(user, "a.yaml", "name: Apple hips\ntags: [release]\nsteps:\n  - name: A\n    hold: 5\n")
    write(
        user,
        "b.yaml",
        "name: Bean\ndescription: A gentle release.\nsteps:\n  - name: B\n    hold: 5\n",
    )
    write(user, "z.yaml", "name: Zed release\nsteps:\n  - name: Z\n    hold: 5\n")
    window.reload()
    window.library.focus_search()
    qtbot.keyClicks(window.library.search, "release")
    assert window.library.visible_names() == [
        "Release and bridge",  # the name starts with the word
        "Zed release",  # the name has it
        "Apple hips",  # a tag
        "Bean",  # the description
    ]
    current = window.library.current_entry()
    assert current is not None
    assert current.name == "Release and bridge"
    window.library.search.setText("zed")
    qtbot.keyClick(window.library.search, Qt.Key.Key_Return)  # Enter opens the best match
    assert window.entry is not None
    assert window.entry.name == "Zed release"
    window.show_library()
    window.library.search.clear()  # every routine again, in the library's order
    assert window.library.visible_names()[:2] == ["Release and bridge", "Apple hips"]


def _many(window: MainWindow, count: int) -> None:
    from tests.ui.conftest import write

    assert window.catalog is not None
    user = next(e.path.parent for e in window.catalog.entries if not e.bundled)
    for n in range(count):
        write(
            user,
            f"many-{n:03d}.yaml",
            f"name: Many {n:03d}\ndescription: Number {n}.\nsteps:\n  - name: A\n    hold: 5\n",
        )
    window.reload()


def test_a_large_library_is_listed_at_once_without_a_widget_per_routine(
    window: MainWindow,
) -> None:
    _many(window, 200)
    library = window.library
    assert not library.filling
    assert len(library.visible_names()) == 203  # every routine, in the list at once
    assert library.list.viewport().findChildren(QWidget) == []  # cards are painted, not made


def test_cards_are_painted_large_with_their_time_and_the_highlight(
    window: MainWindow, qtbot: QtBot
) -> None:
    library = window.library
    window.resize(900, 800)
    library.list.setFocus()
    qtbot.waitUntil(lambda: library.list.visualRect(library.model.index(0)).height() > 0)
    delegate = library.list.itemDelegate()
    rows = {name: row for row, name in enumerate(library.visible_names())}
    # Readable from two metres: a card is at least three lines of large text high.
    with_description = library.list.visualRect(library.model.index(rows["Release and bridge"]))
    broken = library.list.visualRect(library.model.index(rows["broken"]))
    assert with_description.height() >= 22 + 15 + 20
    assert broken.height() >= 22 + 14 + 20
    assert isinstance(delegate, RoutineDelegate)
    image = library.list.viewport().grab().toImage()
    highlight = library.list.palette().color(QPalette.ColorRole.Highlight)
    first = library.list.visualRect(library.model.index(library.list.currentIndex().row()))
    edge = image.pixelColor(first.center().x(), first.top() + 2)
    assert abs(edge.hue() - highlight.hue()) <= 10  # the current card is framed
    # The middle of a card shows its name in the text colour somewhere on its first line.
    line = first.top() + 10 + 11
    text = library.list.palette().color(QPalette.ColorRole.WindowText)
    assert any(
        image.pixelColor(x, line).lightness() <= text.lightness() + 40
        for x in range(first.left() + 14, first.left() + 200)
    )


def test_clearing_the_search_keeps_the_routine_picked(window: MainWindow, qtbot: QtBot) -> None:
    library = window.library
    library.focus_search()
    qtbot.keyClicks(library.search, "simple")
    assert library.visible_names() == ["Simple stretch"]
    library.search.clear()
    assert library.visible_names() == ["Release and bridge", "Simple stretch", "broken"]
    current = library.current_entry()
    assert current is not None and current.name == "Simple stretch"
