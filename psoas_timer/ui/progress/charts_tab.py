"""The Progress page's Charts tab: pain before and after for an area, and time to release for
a point, over time.

The charts (:mod:`.charts`) are made when the tab is first drawn, and drawn again only when
the page has changed (:attr:`ChartsTab.dirty`) or another area or point is chosen. The area
first shown is the one rated most recently.

A series reads every session that rated the area or released the point: on sixty years of
history that held the window still for 0.3-0.4 s each time Charts opened. In the window
(*background*) each chart's series is read, and its points worked out, on a worker thread
(:mod:`.history_worker`); the chart says it is reading until they come, or keeps what it
shows when that was the same area or point.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QWidget

from psoas_timer.history import Area, HistoryStore, Point, Totals
from psoas_timer.history.chart_series import Chart, pain_chart, release_chart
from psoas_timer.i18n import _, upper_first
from psoas_timer.ui.common.flow_layout import FlowLayout
from psoas_timer.ui.common.theme import scaled_font
from psoas_timer.ui.progress.history_worker import HistoryWorker

__all__ = ["ChartsTab"]

log = logging.getLogger(__name__)

#: How a chart is made from the history: read on a worker in the window, else at once.
Make = Callable[[HistoryStore], Chart]


class _Fill:
    """One chart's drawing: what it shows (the area or point; None: nothing of the history
    yet), the latest ask for it (its number and its area or point), and whether that ask is
    still being read."""

    def __init__(self) -> None:
        self.shown: object = None
        self.wanted: object = None
        self.asked = 0
        self.pending = False


class ChartsTab(QWidget):
    """Reads its series from the store given with :meth:`set_store` (on worker threads when
    *background*); its type is sized from *base* (the page's font)."""

    def __init__(
        self, base: QFont, parent: QWidget | None = None, *, background: bool = False
    ) -> None:
        super().__init__(parent)
        self.store: HistoryStore | None = None
        self._pain, self._release = _Fill(), _Fill()
        self._pain_worker: HistoryWorker[Chart] | None = None
        self._release_worker: HistoryWorker[Chart] | None = None
        if background:
            self._pain_worker = HistoryWorker(self._on_pain, "progress-pain-chart")
            self._release_worker = HistoryWorker(self._on_release, "progress-release-chart")
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
        self._pain.shown = self._release.shown = None  # another history: nothing kept

    @property
    def working(self) -> bool:
        """A chart asked for last is still being read."""
        return self._pain.pending or self._release.pending

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
        area = self.area_choice.currentData()
        if isinstance(area, Area):
            label = area.label
            self._fill(
                self.pain_chart,
                self._pain,
                self._pain_worker,
                area,
                lambda store: pain_chart(label, store.pain_series(area)),
            )
        else:
            self._empty(
                self.pain_chart, self._pain, _("No ratings yet: they are asked before and after")
            )

    def _on_point_chosen(self, _index: int = 0) -> None:
        if self.release_chart is None or self.store is None:
            return
        point = self.point_choice.currentData()
        if isinstance(point, Point):
            label = point.label
            self._fill(
                self.release_chart,
                self._release,
                self._release_worker,
                point,
                lambda store: release_chart(label, store.release_series(point)),
            )
        else:
            self._empty(self.release_chart, self._release, _("No open holds recorded yet"))

    def _fill(
        self,
        chart: QWidget,
        fill: _Fill,
        worker: HistoryWorker[Chart] | None,
        item: object,
        make: Make,
    ) -> None:
        """Draw on *chart* what *make* makes of the history: at once, or from *worker*. Until
        it comes the chart keeps what it shows of the same *item*, else says it is reading."""
        from psoas_timer.ui.progress.charts import ProgressChart

        assert isinstance(chart, ProgressChart)
        assert self.store is not None
        fill.asked += 1
        fill.wanted = item
        if worker is None:
            fill.pending = False
            fill.shown = item
            chart.set_chart(make(self.store))
            return
        fill.pending = True
        if fill.shown != item:  # compared by value: a fresh progress() each time
            fill.shown = None
            chart.show_empty(_("Reading the history…"))
        worker.ask(fill.asked, self.store, make)

    def _empty(self, chart: QWidget, fill: _Fill, text: str) -> None:
        from psoas_timer.ui.progress.charts import ProgressChart

        assert isinstance(chart, ProgressChart)
        fill.asked += 1  # what an earlier ask brings is not drawn
        fill.pending = False
        fill.shown = None
        chart.show_empty(text)

    def _on_pain(self, number: int, chart: Chart | None, problem: str | None) -> None:
        self._answered(self.pain_chart, self._pain, number, chart, problem)

    def _on_release(self, number: int, chart: Chart | None, problem: str | None) -> None:
        self._answered(self.release_chart, self._release, number, chart, problem)

    def _answered(
        self,
        view: QWidget | None,
        fill: _Fill,
        number: int,
        chart: Chart | None,
        problem: str | None,
    ) -> None:
        """A worker's chart for ask *number*: drawn if it is still the latest ask."""
        if number != fill.asked or view is None:
            return  # asked again since (another area, the page refreshed): stale
        from psoas_timer.ui.progress.charts import ProgressChart

        assert isinstance(view, ProgressChart)
        fill.pending = False
        if chart is None:
            fill.shown = None
            view.show_empty(_("The history could not be read: {problem}").format(problem=problem))
            return
        fill.shown = fill.wanted
        view.set_chart(chart)
