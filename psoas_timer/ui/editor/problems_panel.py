"""The problems panel under the plan: what keeps the routine from loading, one per row.

It shows the loader's own messages, so the editor and ``psoas-timer validate`` never
disagree, and hides itself when there is nothing to show.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QListWidget, QWidget

from psoas_timer.core.problems import Problem

__all__ = ["ProblemsPanel"]


class ProblemsPanel(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Problems")
        self.setMaximumHeight(96)

    def show_problems(self, problems: Iterable[Problem]) -> None:
        """Problems of the routine being edited, by line and column of its text."""
        self.clear()
        for problem in problems:
            self.addItem(f"Line {problem.line}, column {problem.column}: {problem.message}")
        self.setVisible(self.count() > 0)

    def show_file_problems(self, problems: Iterable[Problem]) -> None:
        """Problems of a file that could not be opened or imported, with its name."""
        self.clear()
        for problem in problems:
            self.addItem(str(problem))
        self.setVisible(True)

    def messages(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]
