"""The page of a routine file that cannot be used: what is wrong with it, where, and a way to
open it in the user's own editor to fix it. Once the file is saved, the library reloads it
(the folders are watched) and the routine opens in its place.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.catalog import Entry
from psoas_timer.i18n import _, ngettext
from psoas_timer.ui.common.theme import scaled_font, set_text_color

__all__ = ["ProblemsView"]

log = logging.getLogger(__name__)


def _label(text: str, size: int, *, bold: bool = False, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setFont(scaled_font(label.font(), size, bold=bold))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class ProblemsView(QWidget):
    """Shows one broken :class:`Entry`: its file, each problem, and "Open in my editor"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.entry: Entry | None = None
        self.name = _label("", 34, bold=True, name="problems_name")
        self.path = _label("", 16, name="problems_path")
        self.intro = _label(
            _(
                "This routine cannot be used until these are fixed. Each line says where in "
                "the file (line and column) and what is wrong; once you save the file, it "
                "opens here."
            ),
            17,
            name="problems_intro",
        )
        self.open_editor = QPushButton(_("Open in my editor"))
        self.open_editor.setObjectName("open_in_editor")
        self.open_editor.setAccessibleName(_("Open the file in my editor"))
        self.open_editor.setToolTip(_("Open the file in the program your system uses for it"))
        self.open_editor.setFont(scaled_font(self.font(), 20, bold=True))
        self.open_editor.setMinimumHeight(56)
        self.open_editor.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.open_editor.clicked.connect(self._on_open_editor_clicked)
        self.outcome = _label("", 15, name="problems_outcome")
        self.outcome.hide()
        self.list = QWidget()
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 8, 0)
        self.list_layout.setSpacing(10)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.list)
        header = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.name)
        text.addWidget(self.path)
        header.addLayout(text, 1)
        header.addWidget(self.open_editor, 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addLayout(header)
        layout.addWidget(self.intro)
        layout.addWidget(self.outcome)
        layout.addWidget(self.scroll_area, 1)

    def set_entry(self, entry: Entry) -> None:
        self.entry = entry
        self.name.setText(_("{name}: cannot be used").format(name=entry.name))
        self.path.setText(str(entry.path))
        self.outcome.hide()
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for problem in entry.problems:
            where = _("Line {line}, column {column}").format(
                line=problem.line, column=problem.column
            )
            heading = _label(where, 17, bold=True, name="problem_where")
            set_text_color(heading, "warning")
            row = _label(problem.message, 17, name="problem")
            row.setAccessibleName(
                _("{where}: {problem}").format(where=where, problem=problem.message)
            )
            row.setContentsMargins(16, 0, 0, 8)
            self.list_layout.addWidget(heading)
            self.list_layout.addWidget(row)
        self.list_layout.addStretch(1)
        self.scroll_area.verticalScrollBar().setValue(0)
        count = len(entry.problems)
        self.setAccessibleName(
            ngettext(
                "{name} cannot be used: {count} problem",
                "{name} cannot be used: {count} problems",
                count,
            ).format(name=entry.name, count=count)
        )

    def problem_texts(self) -> list[str]:
        """Each problem as shown: where it is, then what is wrong."""
        wheres = self.list.findChildren(QLabel, "problem_where")
        whats = self.list.findChildren(QLabel, "problem")
        return [f"{a.text()}\n{b.text()}" for a, b in zip(wheres, whats, strict=True)]

    def _on_open_editor_clicked(self) -> None:
        if self.entry is None:
            return
        path = self.entry.path
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.outcome.setText(
                _("Opened {file}. Save it there and it reloads here.").format(file=path.name)
            )
        else:
            log.warning("no program opened %s", path)
            self.outcome.setText(
                _(
                    "No program on this computer opens {file}. Open it in any text editor: {path}"
                ).format(file=path.name, path=path)
            )
        self.outcome.show()
