"""The Progress page's Body map tab: where it hurt, as the scores stood on a day, with a
slider through the days that have ratings, and "routines for this area" for the place
selected (double-click or Enter opens one).

What the places mean, the scores on a day and which routines work a place are all decided
by :mod:`psoas_timer.history.body_map`; this tab shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QWidget,
)

from psoas_timer.core.catalog import Entry
from psoas_timer.core.model import Routine
from psoas_timer.history import HistoryStore
from psoas_timer.history.body_map import (
    Place,
    place_scores,
    rated_days,
    routines_for,
    scores_on,
)
from psoas_timer.i18n import _, format_date
from psoas_timer.ui.common.body_map_view import BodyMapView
from psoas_timer.ui.common.theme import scaled_font

__all__ = ["BodyMapTab"]


class BodyMapTab(QWidget):
    """Reads the store given with :meth:`set_store`; *routines* gives the routines there are
    (for "routines for this area")."""

    #: The user asked to open a routine from the list.
    routine_requested = Signal(object)

    def __init__(
        self, base: QFont, routines: Callable[[], Iterable[Entry]] | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.store: HistoryStore | None = None
        self.routines = routines
        self.days: list[date] = []
        self.map = BodyMapView(self)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("body_map_day")
        self.slider.setAccessibleName(_("Day shown on the body map"))
        self.day_label = QLabel()
        self.day_label.setObjectName("body_map_day_label")
        self.day_label.setFont(scaled_font(base, 16))
        self.place_label = QLabel(_("Select a place on the map to see the routines for it."))
        self.place_label.setObjectName("body_map_place")
        self.place_label.setWordWrap(True)
        self.place_label.setFont(scaled_font(base, 16))
        self.routine_list = QListWidget()
        self.routine_list.setObjectName("routines_for_area")
        self.routine_list.setAccessibleName(_("Routines for this area"))
        self.routine_list.setFont(scaled_font(base, 15))
        layout = QGridLayout(self)
        layout.addWidget(self.map, 0, 0, 3, 1)
        layout.addWidget(self.place_label, 0, 1)
        layout.addWidget(self.routine_list, 1, 1)
        layout.addWidget(self.day_label, 3, 0)
        layout.addWidget(self.slider, 4, 0)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        self.slider.valueChanged.connect(self._show_day)
        self.map.place_selected.connect(self._on_place)
        self.routine_list.itemActivated.connect(self._on_routine)

    def set_store(self, store: HistoryStore | None) -> None:
        self.store = store

    def draw(self) -> None:
        """Read the days with ratings and show the latest."""
        if self.store is None:
            return
        self.days = rated_days(self.store)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(self.days) - 1))
        self.slider.setValue(max(0, len(self.days) - 1))
        self.slider.blockSignals(False)
        self.slider.setEnabled(len(self.days) > 1)
        self._show_day(self.slider.value())

    def _show_day(self, index: int) -> None:
        if self.store is None:
            return
        if not self.days:
            self.map.set_scores({})
            self.day_label.setText(_("No ratings yet: they are asked before and after a session"))
            return
        day = self.days[index]
        self.map.set_scores(place_scores(scores_on(self.store, day)))
        self.day_label.setText(_("As rated up to {day}").format(day=format_date(day, "full")))

    def _on_place(self, place: Place) -> None:
        self.routine_list.clear()
        found = routines_for([place], self._entries())
        self.place_label.setText(
            _("Routines for the {place}:").format(place=place.label) if found else
            _("No routine works the {place} yet.").format(place=place.label)
        )  # fmt: skip
        for entry in found:
            item = QListWidgetItem(entry.routine.name if entry.routine else entry.path.stem)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.routine_list.addItem(item)

    def _entries(self) -> list[tuple[Entry, Routine]]:
        if self.routines is None:
            return []
        found = []
        for entry in self.routines():
            routine = entry.routine
            if routine is not None:
                found.append((entry, routine))
        return found

    def _on_routine(self, item: QListWidgetItem) -> None:
        self.routine_requested.emit(item.data(Qt.ItemDataRole.UserRole))
