"""The Progress page's Charts tab: pain before and after for an area, and time to release for
a point, over time.

The charts (:mod:`.charts`) are made when the tab is first drawn, and drawn again only when
the page has changed (:attr:`ChartsTab.dirty`) or another area or point is chosen. The area
first shown is the one rated most recently.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QWidget

from psoas_timer.history import Area, HistoryStore, Point, Totals
from psoas_timer.i18n import _, upper_first
from psoas_timer.ui.common.flow_layout import FlowLayout
from psoas_timer.ui.common.theme import scaled_font

__all__ = ["ChartsTab"]


class ChartsTab(QWidget):
    """Reads its series from the store given with :meth:`set_store`; its type is sized from
    *base* (the page's font)."""

    def __init__(self, base: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: HistoryStore | None = None
        #: The page changed since the charts were drawn.
        self.dirty = True
        self.area_choice = QComboBox()
        self.area_choice.setObjectName("area_choice")
        self.area_choice.setAccessibleName(_("Area to chart"))
        self.point_choice = QComboBox()
        self.point_choice.setObjectName("point_choice")
        self.point_choice.setAccessibleName(_("Point to chart"))
        for combo in (self.area_choice, self.point_choice):
            combo.setFont(scaled_font(base, 16))
            combo.setMinimumContentsLength(18)
        self._layout = QGridLayout(self)
        area_label = QLabel(_("Pain for"))
        area_label.setBuddy(self.area_choice)
        point_label = QLabel(_("Time to release for"))
        point_label.setBuddy(self.point_choice)
        for label in (area_label, point_label):
            label.setFont(scaled_font(base, 16))
        # Each label with its list; the two side by side where there is room, else one
        # under the other (side by side they need 790 px in German: wider than an 800 px
        # window's page).
        choose = FlowLayout(h_spacing=24, v_spacing=8)
        for label, combo in ((area_label, self.area_choice), (point_label, self.point_choice)):
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(label)
            row.addWidget(combo)
            choose.addWidget(pair)
        self._layout.addLayout(choose, 0, 0, 1, 2)
        self.pain_chart: QWidget | None = None
        self.release_chart: QWidget | None = None
        self.area_choice.currentIndexChanged.connect(self._on_area_chosen)
        self.point_choice.currentIndexChanged.connect(self._on_point_chosen)

    def set_store(self, store: HistoryStore | None) -> None:
        self.store = store

    def fill_choices(self, totals: Totals) -> None:
        """Offer the areas and points the history has, keeping the ones chosen; at first,
        the area rated most recently and the point released most recently."""
        for combo, items, latest in (
            (self.area_choice, totals.areas, totals.latest_area),
            (self.point_choice, totals.points, totals.latest_point),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for item in items:
                combo.addItem(upper_first(item.label), item)
            index = -1
            for wanted in (chosen, latest):  # compared by value: a fresh progress() each time
                if index < 0 and wanted is not None:
                    index = next((n for n, item in enumerate(items) if item == wanted), -1)
            combo.setCurrentIndex(max(0, index) if items else -1)
            combo.blockSignals(False)

    def _ensure_charts(self) -> None:
        if self.pain_chart is None:
            from psoas_timer.ui.progress.charts import ProgressChart

            self.pain_chart = ProgressChart("pain_chart")
            self.release_chart = ProgressChart("release_chart")
            self._layout.addWidget(self.pain_chart, 1, 0)
            self._layout.addWidget(self.release_chart, 1, 1)
            self._layout.setRowStretch(1, 1)
            self._layout.setColumnStretch(0, 1)
            self._layout.setColumnStretch(1, 1)

    def draw(self) -> None:
        """Draw both charts (making them the first time)."""
        self._ensure_charts()
        self.dirty = False
        self._on_area_chosen()
        self._on_point_chosen()

    def _on_area_chosen(self, _index: int = 0) -> None:
        if self.pain_chart is None or self.store is None:
            return
        from psoas_timer.ui.progress.charts import ProgressChart

        assert isinstance(self.pain_chart, ProgressChart)
        area = self.area_choice.currentData()
        if isinstance(area, Area):
            self.pain_chart.show_pain(area.label, self.store.pain_series(area))
        else:
            self.pain_chart.show_empty(_("No ratings yet: they are asked before and after"))

    def _on_point_chosen(self, _index: int = 0) -> None:
        if self.release_chart is None or self.store is None:
            return
        from psoas_timer.ui.progress.charts import ProgressChart

        assert isinstance(self.release_chart, ProgressChart)
        point = self.point_choice.currentData()
        if isinstance(point, Point):
            self.release_chart.show_releases(point.label, self.store.release_series(point))
        else:
            self.release_chart.show_empty(_("No open holds recorded yet"))
