"""The Body map tab: the latest scores on the map, a slider back through the days, a place
chosen with the mouse or the keys, and the routines for it; the map typed into when
editable."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import load_catalog
from psoas_timer.history import Area, HistoryStore
from psoas_timer.history.body_map import PLACES
from psoas_timer.ui.common.body_map_view import BodyMapView
from psoas_timer.ui.progress.progress_view import ProgressView
from tests.history.conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 19, 0, tzinfo=CET)


def test_the_map_shows_the_scores_of_a_day_and_the_routines_for_a_place(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from psoas_timer import paths

    catalog = load_catalog(paths.catalog_layout())
    wall = Wall()
    with HistoryStore.open(tmp_path / "history.sqlite3", wall=wall) as store:
        for day, score in ((0, 7), (7, 3)):
            sid = record(store, wall, MON + timedelta(days=day))
            store.rate(sid, "before", {Area("psoas", "left"): score, Area("low back"): 5})
        page = ProgressView()
        page.body_map.routines = lambda: catalog.entries
        qtbot.addWidget(page)
        page.resize(1000, 700)
        page.set_store(store)
        page.refresh(wall.now.date())
        opened: list[object] = []
        page.body_map.routine_requested.connect(opened.append)
        page.tabs.setCurrentWidget(page.body_map)
        tab = page.body_map
        assert tab.map.scores["hip-crease-left"] == 3  # the latest
        assert tab.map.scores["low-back-right"] == 5  # the low back has no side: both
        assert "hip-crease-right" not in tab.map.scores
        tab.slider.setValue(0)
        assert tab.map.scores["hip-crease-left"] == 7
        assert "Monday, 2 March 2026" in tab.day_label.text()  # the locale's full date
        page.show()
        crease = next(p for p in PLACES if p.key == "hip-crease-left")
        centre = tab.map._ellipse(crease).center()
        assert tab.map.place_at(centre) == crease
        qtbot.mouseClick(tab.map, Qt.MouseButton.LeftButton, pos=centre.toPoint())
        assert tab.map.selected == crease
        assert "left hip crease" in tab.place_label.text()
        names = [tab.routine_list.item(n).text() for n in range(tab.routine_list.count())]
        assert "Deep psoas release" in names
        tab.routine_list.setCurrentRow(0)
        tab.routine_list.itemActivated.emit(tab.routine_list.item(0))
        assert len(opened) == 1
        qtbot.keyClick(tab.map, Qt.Key.Key_Right)
        assert tab.map.selected == PLACES[PLACES.index(crease) + 1]
        page.grab()


def test_an_editable_map_takes_scores_from_the_keys(qtbot: QtBot) -> None:
    view = BodyMapView(editable=True)
    qtbot.addWidget(view)
    view.resize(600, 450)
    changed: list[tuple[object, object]] = []
    view.score_changed.connect(lambda place, score: changed.append((place.key, score)))
    view.select(PLACES[0])
    qtbot.keyClicks(view, "1")
    qtbot.keyClicks(view, "0")
    assert view.scores[PLACES[0].key] == 10
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert PLACES[0].key not in view.scores
    assert changed == [(PLACES[0].key, 1), (PLACES[0].key, 10), (PLACES[0].key, None)]
    assert view.place_at(QPointF(-5, -5)) is None
