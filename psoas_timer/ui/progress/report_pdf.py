"""Draws the clinician's report (:class:`psoas_timer.history.report.Report`) on pages: a PDF
file, a print preview or a printer, with one QPainter.

Text is drawn as text (selectable, fonts embedded by Qt's PDF writer), top to bottom and left
to right in the order it is read; charts are vectors drawn by the one chart painter the app
uses everywhere (:mod:`psoas_timer.ui.common.chart_painter`), in greys with a different
marker and dash per line so the report reads the same printed in black and white. Long
histories are summed up (months instead of weeks, the latest notes and check-ins) so the
report stays at one to three pages.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from psoas_timer import __version__
from psoas_timer.atomic_file import move_into_place, temp_name
from psoas_timer.history import IMPRESSIONS, format_seconds
from psoas_timer.history.change import PAIN_FRACTION, PAIN_POINTS, ScoreChange
from psoas_timer.history.chart_series import Chart
from psoas_timer.history.report import Report, adherence_rows
from psoas_timer.i18n import (
    N_,
    _,
    format_date,
    format_decimal,
    format_percent,
    ngettext,
    upper_first,
)
from psoas_timer.ui.common.chart_painter import ChartStyle, paint_chart

__all__ = ["MAX_NOTES", "PAGE_MARGINS_MM", "page_size_for", "render_report", "write_report_pdf"]

#: Left, top, right, bottom.
PAGE_MARGINS_MM = (15.0, 15.0, 15.0, 15.0)

log = logging.getLogger(__name__)

#: The report lists this many notes and check-ins at most (the newest); the rest are in
#: ``history export``.
MAX_NOTES = 8
MAX_CHECKINS = 6

#: Marked only: translated where drawn.
_ABOUT = N_(
    "Psoas Timer is a timer for home exercise: it records what was done and what the user "
    "rated. It does not diagnose or treat anything."
)


def page_size_for(locale: QLocale) -> QPageSize:
    """Letter where the locale measures in inches (the United States), else A4."""
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def write_report_pdf(report: Report, path: Path, page_size: QPageSize | None = None) -> int:
    """Write *report* to *path* as a PDF (whole or not at all: Qt writes a temporary file
    beside it, put in place as every save is); returns the number of pages. Raises OSError
    when it cannot be written."""
    path = Path(path)
    temp = path.with_name(temp_name(path.name))
    writer = QPdfWriter(str(temp))
    writer.setTitle(
        _("Psoas Timer report, {first} to {last}").format(
            first=_day(report.since), last=_day(report.until)
        )
    )
    writer.setCreator(f"Psoas Timer {__version__}")
    writer.setResolution(600)
    writer.setPageLayout(
        QPageLayout(
            page_size or page_size_for(QLocale()),
            QPageLayout.Orientation.Portrait,
            QMarginsF(*PAGE_MARGINS_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    try:
        pages = render_report(report, writer)
    finally:
        del writer  # closes the file
    try:
        if not temp.exists() or temp.stat().st_size == 0:
            raise OSError(f"the PDF writer could not write {path}")
        move_into_place(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)
        raise
    return pages


def render_report(report: Report, device: QPagedPaintDevice) -> int:
    """Draw *report* on *device* (a QPdfWriter or a QPrinter), page after page; returns the
    number of pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot draw on the page (the printer or file refused)")
    try:
        layout = _Pages(painter, device)
        _draw(report, layout)
        layout.finish()
        return layout.page
    finally:
        painter.end()


# -- layout -------------------------------------------------------------------------------


@dataclass
class _Column:
    title: str
    share: float  # of the table's width
    right: bool = False


class _Pages:
    """A cursor down the page: adds text, tables and charts, starting new pages as needed,
    with the footer on each."""

    def __init__(self, painter: QPainter, device: QPagedPaintDevice) -> None:
        self.painter = painter
        self.device = device
        rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
        self.area = QRectF(0, 0, rect.width(), rect.height())
        self.mm = device.logicalDpiX() / 25.4
        self.body = QFont("DejaVu Sans")
        self.body.setStyleHint(QFont.StyleHint.SansSerif)
        self.body.setPointSizeF(9.5)
        self.small = QFont(self.body)
        self.small.setPointSizeF(8)
        self.heading = QFont(self.body)
        self.heading.setPointSizeF(12.5)
        self.heading.setBold(True)
        self.title = QFont(self.body)
        self.title.setPointSizeF(17)
        self.title.setBold(True)
        self.bold = QFont(self.body)
        self.bold.setBold(True)
        self.page = 1
        self.footer_h = self._height(self.small) * 2.6
        self.y = self.area.top()

    def _height(self, font: QFont) -> float:
        return QFontMetricsF(font, self.device).height()

    @property
    def bottom(self) -> float:
        return self.area.bottom() - self.footer_h

    def room(self, height: float) -> None:
        """Start a new page unless *height* fits below the cursor."""
        if self.y + height > self.bottom:
            self.new_page()

    def new_page(self) -> None:
        self._footer()
        self.device.newPage()
        self.page += 1
        self.y = self.area.top()

    def finish(self) -> None:
        self._footer()

    def _footer(self) -> None:
        p = self.painter
        p.setFont(self.small)
        p.setPen(QColor("#333333"))
        h = self._height(self.small)
        top = self.area.bottom() - h * 2.2
        p.drawLine(
            QPointF(self.area.left(), top - h * 0.3), QPointF(self.area.right(), top - h * 0.3)
        )
        p.drawText(
            QRectF(self.area.left(), top, self.area.width() * 0.85, h * 2.2),
            Qt.TextFlag.TextWordWrap,
            _(_ABOUT),
        )
        p.drawText(
            QRectF(self.area.left(), top, self.area.width(), h),
            Qt.AlignmentFlag.AlignRight,
            _("page {number}").format(number=self.page),
        )

    def text(self, words: str, font: QFont | None = None, *, gap: float = 0.35) -> None:
        """A paragraph, wrapped to the page's width."""
        font = font or self.body
        p = self.painter
        p.setFont(font)
        p.setPen(QColor("black"))
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        box = p.boundingRect(QRectF(self.area.left(), 0, self.area.width(), 1e6), flags, words)
        self.room(box.height())
        p.drawText(QRectF(self.area.left(), self.y, self.area.width(), box.height()), flags, words)
        self.y += box.height() + self._height(font) * gap

    def heading_text(self, words: str, *, keep: float = 0.0) -> None:
        """A section heading, kept on a page with *keep* of what follows."""
        h = self._height(self.heading)
        self.room(h * 1.6 + keep)
        self.y += h * 0.5
        self.text(words, self.heading, gap=0.2)

    def table(self, columns: Sequence[_Column], rows: Sequence[Sequence[str]]) -> None:
        """A table with a header row, rows drawn in reading order (a header again on a new
        page)."""
        p = self.painter
        h = self._height(self.body) * 1.35
        widths = [c.share * self.area.width() for c in columns]

        def header() -> None:
            p.setFont(self.bold)
            p.setPen(QColor("black"))
            x = self.area.left()
            for column, width in zip(columns, widths, strict=True):
                self._cell(x, width, h, column.title, right=column.right)
                x += width
            self.y += h
            p.drawLine(QPointF(self.area.left(), self.y), QPointF(self.area.right(), self.y))

        self.room(h * min(3, len(rows) + 1))
        header()
        p.setFont(self.body)
        for row in rows:
            if self.y + h > self.bottom:
                self.new_page()
                header()
                p.setFont(self.body)
            x = self.area.left()
            for column, width, cell in zip(columns, widths, row, strict=True):
                self._cell(x, width, h, cell, right=column.right)
                x += width
            self.y += h
        p.setPen(QColor("#999999"))
        p.drawLine(QPointF(self.area.left(), self.y), QPointF(self.area.right(), self.y))
        self.y += h * 0.4

    def _cell(self, x: float, width: float, h: float, text: str, *, right: bool) -> None:
        p = self.painter
        pad = self.mm * 1.2
        align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        metrics = QFontMetricsF(p.font(), self.device)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 2 * pad)
        p.drawText(
            QRectF(x + pad, self.y, width - 2 * pad, h),
            align | Qt.AlignmentFlag.AlignVCenter,
            shown,
        )

    def charts(self, charts: Sequence[Chart], *, per_row: int = 2, height_mm: float = 62) -> None:
        """Charts side by side, *per_row* to a row."""
        style = ChartStyle(
            font=self.small,
            text=QColor("black"),
            grid=QColor("#c8c8c8"),
            background=QColor("white"),
            line_width=self.mm * 0.45,
            colours={
                "before": QColor("black"),
                "after": QColor("#555555"),
                "release": QColor("black"),
                "activity0": QColor("black"),
                "activity1": QColor("#555555"),
                "activity2": QColor("#333333"),
            },
        )
        gap = self.mm * 6
        width = (self.area.width() - gap * (per_row - 1)) / per_row
        height = self.mm * height_mm
        for start in range(0, len(charts), per_row):
            self.room(height)
            for n, chart in enumerate(charts[start : start + per_row]):
                x = self.area.left() + n * (width + gap)
                paint_chart(self.painter, QRectF(x, self.y, width, height), chart, style)
            self.y += height + self.mm * 4


# -- what the report says ------------------------------------------------------------------


def _draw(report: Report, pages: _Pages) -> None:
    pages.text(_("Progress report for the physiotherapist"), pages.title, gap=0.3)
    who = _("For: {name}").format(name=report.name) if report.name else _("For: (no name given)")
    weeks = round(((report.until - report.since).days + 1) / 7)
    period = ngettext(
        "Period: {first} to {last} ({count} week)",
        "Period: {first} to {last} ({count} weeks)",
        weeks,
    ).format(first=_day(report.since), last=_day(report.until), count=weeks)
    made = _("Made on {date} with Psoas Timer").format(date=_day(report.made.date()))
    pages.text("\n".join([who, period, made]))
    if report.note:
        pages.text(_("Note from the user: {note}").format(note=report.note))
    minutes = round(report.active_seconds / 60)
    if minutes >= 60:
        hours = _("{hours} h {minutes} min").format(hours=minutes // 60, minutes=minutes % 60)
    else:
        hours = _("{minutes} min").format(minutes=minutes)
    summary = ngettext(
        "{count} session in the period, {finished} of them finished; {time} of exercise in "
        "all. Weekly goal: {goal} days a week.",
        "{count} sessions in the period, {finished} of them finished; {time} of exercise in "
        "all. Weekly goal: {goal} days a week.",
        report.sessions,
    ).format(count=report.sessions, finished=report.completed, time=hours, goal=report.goal)
    if report.programme:
        summary = _("{summary} Programme followed: {programme}.").format(
            summary=summary, programme=report.programme
        )
    pages.text(summary, pages.bold)

    pages.heading_text(_("Adherence"), keep=pages.mm * 20)
    rows = adherence_rows(report)
    with_programme = report.programme is not None
    columns = [
        _Column(_("Period"), 0.34),
        _Column(_("Days with a session"), 0.22, right=True),
        _Column(_("Sessions"), 0.12, right=True),
        _Column(_("Minutes"), 0.12, right=True),
    ]
    if with_programme:
        columns.append(_Column(_("Programme done"), 0.2, right=True))
    else:
        columns[0] = _Column(_("Period"), 0.54)
    table = []
    for row in rows:
        cells = [
            row.label,
            _("{done} of {goal}").format(done=row.days, goal=row.goal_days)
            + (" ✓" if row.met else ""),
            str(row.sessions),
            format_decimal(row.minutes, digits=0),
        ]
        if with_programme:
            cells.append(_("{done} of {goal}").format(done=row.planned_done, goal=row.planned))
        table.append(cells)
    pages.table(columns, table)
    pages.text(
        _(
            "“Days with a session” is counted against the weekly goal; ✓ marks a period that "
            "reached it."
        ),
        pages.small,
    )

    pages.heading_text(_("Pain (0–10), per area and side"), keep=pages.mm * 20)
    if report.areas:
        pages.table(
            [
                _Column(_("Area"), 0.18),
                _Column(_("Before"), 0.125, right=True),
                _Column(_("Change before"), 0.285),
                _Column(_("After"), 0.125, right=True),
                _Column(_("Change after"), 0.285),
            ],
            [
                [
                    upper_first(a.area.label),
                    _first_last(a.first_before, a.last_before),
                    _change(a.change_before),
                    _first_last(a.first_after, a.last_after),
                    _change(a.change_after),
                ]
                for a in report.areas
            ],
        )
        pages.text(
            _(
                "First → last rating in the period. “Before” is rated before a session, "
                "“after” just after it. A change of {points} points or more, or of {share} of "
                "the first score, is one people notice (Farrar et al. 2001); a smaller change "
                "is shown as “no clear change”."
            ).format(
                points=format_decimal(PAIN_POINTS, digits=0), share=format_percent(PAIN_FRACTION)
            ),
            pages.small,
        )
        pages.charts(report.pain_charts)
    else:
        pages.text(_("No pain ratings in this period."))

    pages.heading_text(_("Time to release, per point and side"), keep=pages.mm * 20)
    if report.points:
        pages.table(
            [
                _Column(_("Point"), 0.36),
                _Column(_("Holds"), 0.1, right=True),
                _Column(_("First"), 0.14, right=True),
                _Column(_("Last"), 0.14, right=True),
                _Column(_("Trend"), 0.26, right=True),
            ],
            [
                [
                    upper_first(p.point.label),
                    str(p.holds),
                    format_seconds(p.first),
                    format_seconds(p.last),
                    _trend(p.trend_per_week),
                ]
                for p in report.points
            ],
        )
        pages.charts(report.release_charts)
    else:
        pages.text(_("No open holds (releases) in this period."))

    pages.heading_text(_("Weekly check-ins"), keep=pages.mm * 20)
    if report.checkins:
        shown = report.checkins[-MAX_CHECKINS:]
        pages.table(
            [
                _Column(_("Date"), 0.15),
                _Column(_("Activities (0–10)"), 0.63),
                _Column(_("Overall"), 0.22),
            ],
            [
                [
                    _day(c.taken.date()),
                    "; ".join(f"{a.activity} {a.score}" for a in c.activities) or "–",
                    c.impression_label or _("not answered"),
                ]
                for c in shown
            ],
        )
        if len(report.checkins) > len(shown):
            pages.text(
                _("The {count} latest of {total} check-ins.").format(
                    count=len(shown), total=len(report.checkins)
                ),
                pages.small,
            )
        if report.activities:
            pages.table(
                [
                    _Column(_("Activity"), 0.4),
                    _Column(_("First → last"), 0.2, right=True),
                    _Column(_("Change"), 0.4),
                ],
                [
                    [a.activity, f"{a.first} → {a.last}", _change(a.change)]
                    for a in report.activities
                ],
            )
        if not report.activity_chart.empty:
            pages.charts([report.activity_chart], per_row=1, height_mm=55)
        pages.text(
            _(
                "Activities are rated 0 (cannot do it) to 10 (as before the trouble began); a "
                "change of 2 points is one that matters. “Overall” is the user’s impression "
                "of change since starting, from “{worst}” to “{best}”."
            ).format(worst=_(IMPRESSIONS[-3]), best=_(IMPRESSIONS[3])),
            pages.small,
        )
    else:
        pages.text(_("No weekly check-ins in this period."))

    pages.heading_text(_("Notes"), keep=pages.mm * 10)
    if report.notes:
        shown_notes = report.notes[-MAX_NOTES:]
        for note in shown_notes:
            pages.text(
                _("{date}, {routine}: {note}").format(
                    date=_day(note.when.date()), routine=note.routine, note=note.note
                )
            )
        if len(report.notes) > len(shown_notes):
            pages.text(
                _(
                    "The {count} latest of {total} notes; all of them are in the history export."
                ).format(count=len(shown_notes), total=len(report.notes)),
                pages.small,
            )
    else:
        pages.text(_("No notes in this period."))


def _day(day: date) -> str:
    return format_date(day, "medium")


def _first_last(first: int | None, last: int | None) -> str:
    if first is None or last is None:
        return "–"
    return f"{first} → {last}"


def _change(change: ScoreChange | None) -> str:
    """``"−3: better (matters)"``, ``"+1: no clear change"``, ``"–"`` with one rating."""
    if change is None:
        return "–"
    sign = "−" if change.delta < 0 else "+" if change.delta > 0 else "±"
    size = f"{sign}{abs(change.delta):.0f}"
    if change.direction == "better":
        return _("{change}: better (matters)").format(change=size)
    if change.direction == "worse":
        return _("{change}: worse (matters)").format(change=size)
    return _("{change}: no clear change").format(change=size)


def _trend(per_week: float | None) -> str:
    if per_week is None:
        return "–"
    if abs(per_week) < 1:
        return _("steady")
    seconds = format_decimal(abs(per_week), digits=0)
    if per_week < 0:
        return _("{seconds} s a week shorter").format(seconds=seconds)
    return _("{seconds} s a week longer").format(seconds=seconds)
