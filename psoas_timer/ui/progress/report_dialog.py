"""Progress → Report…: the report for the physiotherapist, previewed, saved as a PDF or printed.

The user types who it is for and a note, picks the period and the paper; the preview
redraws (a moment after the last change) with the same renderer the PDF and the printer use
(:func:`~psoas_timer.ui.progress.report_pdf.render_report`), over the data of
:func:`~psoas_timer.history.report.build_report`. Print goes through Qt's print dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QMarginsF, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.history import HistoryStore
from psoas_timer.history.report import (
    PlannedProgramme,
    Report,
    build_report,
    first_session_day,
)
from psoas_timer.i18n import _, format_date, ngettext
from psoas_timer.ui.progress.report_pdf import (
    PAGE_MARGINS_MM,
    page_size_for,
    render_report,
    write_report_pdf,
)

__all__ = ["FollowedProgramme", "ReportDialog"]

log = logging.getLogger(__name__)

#: What the window gives for the programme followed: it and the day it was begun, or None.
FollowedProgramme = Callable[[], "tuple[PlannedProgramme, date | None] | None"]
#: The period first offered: the last eight weeks (a common time between two visits).
DEFAULT_WEEKS = 8


class ReportDialog(QDialog):
    """The report's settings on the left, its pages on the right."""

    def __init__(
        self,
        store: HistoryStore,
        programme: FollowedProgramme | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("report_dialog")
        self.setWindowTitle(_("Report for your physiotherapist"))
        self.store = store
        self._programme = programme
        today = today or store.wall().date()
        first = first_session_day(store)
        start = today - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1)
        if first is not None:
            start = min(today, max(start, first))

        self.name = QLineEdit()
        self.name.setObjectName("report_name")
        self.name.setPlaceholderText(_("Your name (optional)"))
        self.note = QLineEdit()
        self.note.setObjectName("report_note")
        self.note.setPlaceholderText(_("A note for the physiotherapist (optional)"))
        self.since = QDateEdit(QDate(start.year, start.month, start.day))
        self.until = QDateEdit(QDate(today.year, today.month, today.day))
        for edit, name in ((self.since, "report_since"), (self.until, "report_until")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.paper = QComboBox()
        self.paper.setObjectName("report_paper")
        self.paper.addItem(_("A4"), QPageSize.PageSizeId.A4)
        self.paper.addItem(_("Letter"), QPageSize.PageSizeId.Letter)
        self.paper.setCurrentIndex(
            1 if page_size_for(QLocale()).id() == QPageSize.PageSizeId.Letter else 0
        )
        form = QFormLayout()
        form.addRow(_("&For"), self.name)
        form.addRow(_("&Note"), self.note)
        form.addRow(_("F&rom"), self.since)
        form.addRow(_("&To"), self.until)
        form.addRow(_("&Paper"), self.paper)
        self.summary = QLabel()
        self.summary.setObjectName("report_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # the preview's pages
        self.preview = QPrintPreviewWidget(self.printer, self)
        self.preview.setObjectName("report_preview")
        self.preview.setMinimumSize(360, 300)
        self.preview.paintRequested.connect(self._paint)
        self.pages = 0

        self.save_button = QPushButton(_("&Save PDF…"))
        self.save_button.setObjectName("report_save")
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("report_print")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._on_save)
        self.print_button.clicked.connect(self._on_print)

        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.summary)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(side, 0)
        body.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        # Typing at once fills who the report is for (the preview took the focus, and the
        # letters typed went nowhere).
        self.name.setFocus()

        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(400)
        self._redraw.timeout.connect(self.update_preview)
        for signal in (
            self.name.textChanged,
            self.note.textChanged,
            self.since.dateChanged,
            self.until.dateChanged,
            self.paper.currentIndexChanged,
        ):
            signal.connect(self._form_changed)
        self.report = self.build()
        self._set_paper(self.printer)

    def _form_changed(self, *_: object) -> None:
        self._redraw.start()

    # -- the report --------------------------------------------------------------------
    def build(self) -> Report:
        """The report for what the form says now."""
        since, until = _day(self.since.date()), _day(self.until.date())
        if since > until:
            since, until = until, since
        followed = self._programme() if self._programme is not None else None
        return build_report(
            self.store,
            since,
            until,
            name=self.name.text(),
            note=self.note.text(),
            programme=followed[0] if followed else None,
            programme_start=followed[1] if followed else None,
        )

    def page_size(self) -> QPageSize:
        return QPageSize(QPageSize.PageSizeId(self.paper.currentData()))

    def _set_paper(self, printer: QPrinter) -> None:
        printer.setPageLayout(
            QPageLayout(
                self.page_size(),
                QPageLayout.Orientation.Portrait,
                QMarginsF(*PAGE_MARGINS_MM),
                QPageLayout.Unit.Millimeter,
            )
        )

    def update_preview(self) -> None:
        """Rebuild the report and redraw the preview."""
        self.report = self.build()
        self._set_paper(self.printer)
        self.preview.updatePreview()

    def _paint(self, printer: QPrinter) -> None:
        try:
            self.pages = render_report(self.report, printer)
        except OSError:
            log.exception("could not draw the report preview")
            self.pages = 0
        report = self.report
        sessions = ngettext("{count} session", "{count} sessions", report.sessions).format(
            count=report.sessions
        )
        pages = ngettext("{count} page", "{count} pages", self.pages).format(count=self.pages)
        self.summary.setText(
            _("{sessions} from {first} to {last}; {pages}.").format(
                sessions=sessions,
                first=format_date(report.since, "medium"),
                last=format_date(report.until, "medium"),
                pages=pages,
            )
        )

    # -- saving and printing -----------------------------------------------------------
    def save_to(self, path: Path) -> int:
        """Write the PDF to *path*; returns its pages (OSError when it cannot)."""
        self.report = self.build()
        return write_report_pdf(self.report, path, self.page_size())

    def _on_save(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder or Path.home()) / f"psoas-timer-report-{date.today()}.pdf"
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the report"), str(suggested), _("PDF (*.pdf)")
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")
        try:
            pages = self.save_to(path)
        except OSError as exc:
            log.warning("could not save the report to %s: %s", path, exc)
            QMessageBox.warning(
                self,
                _("Report not saved"),
                _("Could not write {path}: {problem}").format(path=path, problem=exc),
            )
            return
        self.summary.setText(
            ngettext(
                "Saved {count} page to {path}.", "Saved {count} pages to {path}.", pages
            ).format(count=pages, path=path)
        )

    def _on_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._set_paper(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the report"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            render_report(self.build(), printer)
        except OSError as exc:
            log.warning("could not print the report: %s", exc)
            QMessageBox.warning(self, _("Report not printed"), str(exc))


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
