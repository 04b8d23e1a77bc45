"""A progress chart on screen: pain before and after for one area, or time to release for one
point, over time.

What it shows is decided without Qt (:mod:`psoas_timer.history.chart_series`: a point a day
with the day's range, date labels that follow the span, a change that matters marked) and
drawn by the one chart painter the completion page and the PDF report use too
(:mod:`psoas_timer.ui.common.chart_painter`), in the theme's colours.
"""

from __future__ import annotations

from psoas_timer.history import PainSample, ReleaseSample
from psoas_timer.history.chart_series import Chart, pain_chart, release_chart
from psoas_timer.ui.common.chart_view import ChartView

__all__ = ["ProgressChart"]


class ProgressChart(ChartView):
    """A chart of the Progress page; :meth:`show_pain` or :meth:`show_releases` fill it."""

    def show_pain(self, label: str, samples: list[PainSample]) -> None:
        """*label*'s scores before and after each session, oldest first."""
        self.set_chart(pain_chart(label, samples))

    def show_releases(self, label: str, samples: list[ReleaseSample]) -> None:
        """*label*'s time to release (minutes) in each session, oldest first."""
        self.set_chart(release_chart(label, samples))

    def show_empty(self, text: str) -> None:
        """Nothing to chart yet: *text* says why."""
        self.set_chart(
            Chart(
                title=text,
                unit="",
                lines=(),
                y_max=10,
                first=None,
                last=None,
                ticks=(),
                empty_text=text,
            )
        )
