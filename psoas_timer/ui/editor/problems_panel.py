"""The problems panel under the plan: what keeps the routine from loading, one per row.

It shows the loader's own messages, so the editor and ``psoas-timer validate`` never
disagree. Its place is kept when there is nothing to show (it says so): appearing and
disappearing, it moved the step list's buttons under the pointer. Clicking a problem of the routine
being edited, or pressing Enter on it, emits ``problem_chosen(Problem)``, for the editor to go
to the step it is about. Problems of a file that could not be opened are only listed.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from psoas_timer.core.problems import Problem
from psoas_timer.i18n import _

__all__ = ["ProblemsPanel"]


class ProblemsPanel(QListWidget):
    problem_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Problems"))
        #: Shown where the problems go when there are none.
        self.empty_text = _("No problems: the routine is ready to play.")
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 2 * self.frameWidth() + 8)
        self._problems: list[Problem] = []
        self.itemClicked.connect(self._on_item_chosen)
        self.itemActivated.connect(self._on_item_chosen)

    def show_problems(self, problems: Iterable[Problem]) -> None:
        """Problems of the routine being edited, by line and column of its text."""
        self.clear()
        self._problems = list(problems)
        for problem in self._problems:
            where = _("Line {line}, column {column}").format(
                line=problem.line, column=problem.column
            )
            item = QListWidgetItem(
                _("{where}: {problem}").format(where=where, problem=problem.message)
            )
            item.setToolTip(_("Click or press Enter to go to it"))
            self.addItem(item)
        self.setAccessibleDescription("" if self._problems else self.empty_text)
        self.viewport().update()

    def show_file_problems(self, problems: Iterable[Problem]) -> None:
        """Problems of a file that could not be opened or imported, with its name."""
        self.clear()
        self._problems = []
        for problem in problems:
            self.addItem(str(problem))
        self.setAccessibleDescription("")

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(6, 4, -6, -4)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), self.empty_text)
        painter.end()

    def messages(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def _on_item_chosen(self, item: QListWidgetItem) -> None:
        row = self.row(item)
        if 0 <= row < len(self._problems):
            self.problem_chosen.emit(self._problems[row])
