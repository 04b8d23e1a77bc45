"""The Reminders dialog: reminders, the programme followed, desk breaks, and running in the
tray. It edits copies and hands them back (:meth:`RemindersDialog.result_data`,
:meth:`RemindersDialog.result_options`); the controller applies them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import time

from PySide6.QtCore import QEvent, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.i18n import N_, _, day_name, first_weekday, pgettext
from psoas_timer.practice.deskbreak import DeskBreakSettings
from psoas_timer.practice.schedule import PROGRAMME_TARGET, WEEKDAYS, Reminder
from psoas_timer.practice.store import PracticeData
from psoas_timer.ui.common.screen_fit import scroll_body
from psoas_timer.ui.common.theme import contrast, set_style_sheet, set_text_color

from .controller import PracticeController, PracticeOptions

__all__ = ["ReminderRow", "RemindersDialog", "TimeField", "edit_reminders"]

#: Marked only: translated where shown.
PROGRAMME_CHOICE = N_("My programme's session for today")
#: A chosen day must be plain to see, in light and dark themes alike (written again when the
#: palette changes: see :func:`_day_style`). A chosen day is drawn flat, in the highlight
#: itself: with only its background set, Fusion shaded it lighter (white on the light
#: theme's highlight was 5.4:1, on Fusion's shading of it 4.1:1).
DAY_STYLE = (
    "QToolButton { padding: 3px 6px; }"
    "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " border: 1px solid palette(highlight); border-radius: 3px; font-weight: bold; }"
)


def _day_style(palette: QPalette) -> str:
    """The day buttons' sheet for *palette*: a chosen day's letters in whichever of the
    highlight's own text colour and the window's text colour reads better on the highlight
    (Qt's light highlight, #308cc6, is only 3.7:1 with white letters, 5.7:1 with black)."""
    roles = QPalette.ColorRole
    back = palette.color(roles.Highlight)
    own, plain = palette.color(roles.HighlightedText), palette.color(roles.WindowText)
    word = "highlighted-text" if contrast(own, back) >= contrast(plain, back) else "window-text"
    return DAY_STYLE.replace("palette(highlighted-text)", f"palette({word})")


class TimeField(QTimeEdit):
    """Hours and minutes where typing replaces the part clicked (the hours, clicked past the
    words), however the box was reached: a plain QTimeEdit clicked into ignores digits until
    the hours are selected."""

    def __init__(self, at: QTime, parent: QWidget | None = None) -> None:
        super().__init__(at, parent)
        self.setDisplayFormat("HH:mm")
        self._clicked: QTimeEdit.Section | None = None  # the part last clicked
        self.lineEdit().installEventFilter(self)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._clicked is not None:  # the window became active after the click
            self.setSelectedSection(self._clicked)
        elif event.reason() != Qt.FocusReason.MouseFocusReason:  # a click chooses its part
            self.setSelectedSection(self.currentSection())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._clicked = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.lineEdit()
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
        ):  # after Qt has placed the cursor where the click was
            edit = self.lineEdit()
            point = event.position().toPoint()
            past = point.x() > edit.cursorRect().right() and edit.cursorPosition() == len(
                edit.text()
            )
            minutes = not past and edit.cursorPositionAt(point) > self.text().index(":")
            section = QTimeEdit.Section.MinuteSection if minutes else QTimeEdit.Section.HourSection
            self._clicked = section
            QTimer.singleShot(0, self, lambda: self.setSelectedSection(section))
        return False


class ReminderRow(QWidget):
    """One reminder: what, which days, what time, and a Remove button."""

    removed = Signal(object)

    def __init__(
        self, reminder: Reminder, routines: Sequence[tuple[str, str]], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.reminder_id = reminder.id
        self.target = QComboBox(self)
        self.target.setAccessibleName(_("Routine to remind of"))
        self.target.addItem(_(PROGRAMME_CHOICE), PROGRAMME_TARGET)
        for key, name in routines:
            self.target.addItem(name, key)
        index = self.target.findData(reminder.target)
        if index < 0:  # a routine that has gone: keep it, named by its key
            self.target.addItem(
                _("{routine} (missing)").format(routine=reminder.target), reminder.target
            )
            index = self.target.count() - 1
        self.target.setCurrentIndex(index)
        self.days: list[QToolButton] = []
        days_box = QHBoxLayout()
        days_box.setSpacing(2)
        for day in range(len(WEEKDAYS)):
            button = QToolButton(self)
            button.setText(day_name(day, "abbreviated"))
            button.setCheckable(True)
            button.setChecked(day in reminder.days)
            button.setAccessibleName(day_name(day, "wide"))
            button.setToolTip(day_name(day, "wide"))
            set_style_sheet(button, _day_style)
            self.days.append(button)  # by weekday: Monday first
        first = first_weekday()  # shown from the locale's first day of the week
        for day in range(len(WEEKDAYS)):
            days_box.addWidget(self.days[(first + day) % len(WEEKDAYS)])
        self.at = TimeField(QTime(reminder.at.hour, reminder.at.minute), self)
        self.at.setAccessibleName(_("Time"))
        self.remove = QPushButton(_("Remove"), self)
        self.remove.setAccessibleName(_("Remove this reminder"))
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        # Two lines, so a row fits a small screen: what and Remove, then the days and time.
        top = QHBoxLayout()
        top.addWidget(self.target, 1)
        top.addWidget(self.remove)
        when = QHBoxLayout()
        when.addLayout(days_box)
        when.addWidget(self.at)
        when.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(when)

    def reminder(self) -> Reminder | None:
        """The reminder as set, or ``None`` with no day chosen."""
        days = frozenset(d for d, b in enumerate(self.days) if b.isChecked())
        if not days:
            return None
        at = self.at.time()
        return Reminder(
            self.reminder_id, str(self.target.currentData()), days, time(at.hour(), at.minute())
        )


class RemindersDialog(QDialog):
    def __init__(
        self,
        data: PracticeData,
        options: PracticeOptions,
        *,
        routines: Sequence[tuple[str, str]],
        programmes: Sequence[tuple[str, str]],
        today_text: Callable[[str | None], str],
        path_text: str,
        idle_text: str,
        tray_available: bool,
        programme_problems: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reminders"))
        self._data = data
        self._options = options
        self._routines = list(routines)
        self._today_text = today_text
        self.rows: list[ReminderRow] = []

        # Reminders: listed in full, the whole dialog scrolls (a list of its own inside it
        # hid the rows' Remove buttons behind its scroll bar)
        body = QWidget(self)
        reminders = QGroupBox(_("Reminders"), body)
        self.rows_box = QVBoxLayout()
        self.empty = QLabel(_("No reminders yet. Add one to be told when it is time."))
        self.rows_box.addWidget(self.empty)
        self.add_button = QPushButton(_("&Add reminder"), reminders)
        self.add_button.clicked.connect(self.add_reminder)
        box = QVBoxLayout(reminders)
        box.addLayout(self.rows_box)
        box.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        for reminder in data.reminders:
            self._add_row(reminder)

        # Programme
        programme = QGroupBox(_("Programme"), body)
        self.programme = QComboBox(programme)
        self.programme.setAccessibleName(_("Programme to follow"))
        self.programme.addItem(pgettext("programme", "None"), None)
        for key, name in programmes:
            self.programme.addItem(name, key)
        found = self.programme.findData(data.programme) if data.programme else 0
        self.programme.setCurrentIndex(max(0, found))
        self.today = QLabel(programme)
        self.today.setWordWrap(True)
        self.programme.currentIndexChanged.connect(self._show_today)
        form = QFormLayout(programme)
        form.addRow(_("&Follow:"), self.programme)
        form.addRow(self.today)
        self.programme_problems = QLabel(
            "\n".join([_("These programmes cannot be used:"), *programme_problems]), programme
        )
        self.programme_problems.setWordWrap(True)
        self.programme_problems.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        set_text_color(self.programme_problems, "warning")
        self.programme_problems.setVisible(bool(programme_problems))
        form.addRow(self.programme_problems)
        self._show_today()

        # Desk breaks
        desk = QGroupBox(_("Desk breaks"), body)
        settings = options.desk_break
        self.desk_on = QCheckBox(_("&Offer a short break while I work at the computer"), desk)
        self.desk_on.setChecked(settings.enabled)
        self.desk_every = QSpinBox(desk)
        self.desk_every.setRange(5, 240)
        self.desk_every.setSuffix(_(" min"))
        self.desk_every.setValue(settings.every_minutes)
        self.desk_every.setAccessibleName(_("Minutes of work between breaks"))
        self.desk_routine = QComboBox(desk)
        self.desk_routine.setAccessibleName(_("Break routine"))
        for key, name in self._routines:
            self.desk_routine.addItem(name, key)
        self.desk_routine.setCurrentIndex(max(0, self.desk_routine.findData(settings.routine)))
        self.idle_note = QLabel(idle_text, desk)
        self.idle_note.setWordWrap(True)
        desk_form = QFormLayout(desk)
        desk_form.addRow(self.desk_on)
        desk_form.addRow(_("&Every:"), self.desk_every)
        desk_form.addRow(_("&Break:"), self.desk_routine)
        desk_form.addRow(
            QLabel(_("A notice comes 30 seconds before; Snooze puts it off for 5 minutes."), desk)
        )
        desk_form.addRow(self.idle_note)
        self.desk_on.toggled.connect(self._enable_desk)
        self._enable_desk(settings.enabled)

        # Running in the background
        running = QGroupBox(_("Running in the background"), body)
        self.keep_in_tray = QCheckBox(_("&Keep running in the tray so reminders can come"), running)
        self.keep_in_tray.setChecked(options.keep_in_tray and tray_available)
        self.keep_in_tray.setEnabled(tray_available)
        self.start_at_login = QCheckBox(_("&Start at login, in the tray"), running)
        self.start_at_login.setChecked(options.start_at_login)
        run_box = QVBoxLayout(running)
        run_box.addWidget(self.keep_in_tray)
        run_box.addWidget(self.start_at_login)
        if not tray_available:
            run_box.addWidget(
                QLabel(_("This desktop has no tray: close the window and reminders stop."), running)
            )
        self.path_note = QLabel(path_text, body)
        self.path_note.setWordWrap(True)
        self.path_note.setObjectName("notificationPath")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        content = QVBoxLayout(body)
        content.setContentsMargins(0, 0, 0, 0)
        for part in (reminders, programme, desk, running, self.path_note):
            content.addWidget(part)
        content.addStretch(1)
        self.body = scroll_body(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)

    # -- reminders ---------------------------------------------------------------------------
    def add_reminder(self) -> ReminderRow:
        """A new reminder: the first routine, every day at 18:00."""
        first = not self.rows
        target = self._routines[0][0] if self._routines else PROGRAMME_TARGET
        row = self._add_row(Reminder(uuid.uuid4().hex[:8], target, frozenset(range(7)), time(18)))
        if first and self.keep_in_tray.isEnabled():
            self.keep_in_tray.setChecked(True)  # reminders need the app running
        row.target.setFocus()
        # Scrolled to once the layout has placed it.
        QTimer.singleShot(0, row, lambda: self.body.ensureWidgetVisible(row))
        return row

    def _add_row(self, reminder: Reminder) -> ReminderRow:
        row = ReminderRow(reminder, self._routines, self)
        row.removed.connect(self._remove_row)
        self.rows_box.addWidget(row)
        self.rows.append(row)
        self.empty.setVisible(False)
        return row

    def _remove_row(self, row: ReminderRow) -> None:
        self.rows.remove(row)
        self.rows_box.removeWidget(row)
        row.deleteLater()
        self.empty.setVisible(not self.rows)
        self.add_button.setFocus()

    # -- the rest ----------------------------------------------------------------------------
    def _show_today(self) -> None:
        key = self.programme.currentData()
        text = self._today_text(key) if key else _("Choose a programme to see today's session.")
        self.today.setText(text)

    def _enable_desk(self, on: bool) -> None:
        self.desk_every.setEnabled(on)
        self.desk_routine.setEnabled(on)

    def result_data(self) -> PracticeData:
        reminders = [r for row in self.rows if (r := row.reminder()) is not None]
        programme = self.programme.currentData()
        start = self._data.programme_start if programme == self._data.programme else None
        return replace(self._data, reminders=reminders, programme=programme, programme_start=start)

    def result_options(self) -> PracticeOptions:
        desk = DeskBreakSettings(
            enabled=self.desk_on.isChecked(),
            every_minutes=self.desk_every.value(),
            routine=str(self.desk_routine.currentData() or self._options.desk_break.routine),
        )
        return PracticeOptions(
            keep_in_tray=self.keep_in_tray.isChecked(),
            start_at_login=self.start_at_login.isChecked(),
            desk_break=desk,
        )


def edit_reminders(
    controller: PracticeController,
    routines: Sequence[tuple[str, str]],
    *,
    idle_text: str,
    tray_available: bool,
    parent: QWidget | None = None,
) -> bool:
    """Open the Reminders dialog over *controller*'s settings; apply them on OK."""
    programmes = controller.programmes()
    clocks = controller.clocks

    def today_text(key: str | None) -> str:
        data = replace(controller.data, programme=key)
        if key != controller.data.programme:
            data = replace(data, programme_start=clocks.now().date())
        today = programmes.today(data, clocks.now().date(), controller.done)
        if today is None:
            return _("This programme cannot be used.")
        return _("Today: {session}").format(session=today.label())

    dialog = RemindersDialog(
        controller.data,
        controller.options,
        routines=routines,
        programmes=[(e.key, e.name) for e in programmes.entries if e.programme is not None],
        today_text=today_text,
        path_text=controller.path_text(),
        idle_text=idle_text,
        tray_available=tray_available,
        programme_problems=[str(p) for e in programmes.entries for p in e.problems],
        parent=parent,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    controller.apply(dialog.result_data(), dialog.result_options())
    return True
