"""The end of a session: how long it took, what was done, partly done and skipped, and how
each open hold ended, every figure with its label.

The figures come from :func:`psoas_timer.core.summary.summarize`; the view only lays them
out. It is built to grow: :meth:`CompletionView.set_figure` adds or updates a labelled
figure in the row of figures, :meth:`CompletionView.set_section` a titled list below them
(a rating, or the change since last time, fit either way).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.engine import SessionRecord
from psoas_timer.core.plan import Plan
from psoas_timer.core.summary import Summary, summarize
from psoas_timer.history.chart_series import Chart
from psoas_timer.history.pain_rise import Rise
from psoas_timer.i18n import N_, _, format_decimal, upper_first
from psoas_timer.ui.common.chart_view import ChartView
from psoas_timer.ui.common.flow_layout import FlowLayout
from psoas_timer.ui.common.text import count_up, side_word
from psoas_timer.ui.common.theme import scaled_font, set_text_color

__all__ = ["PAIN_ADVICE", "CompletionView", "headline", "pain_rose_lines", "section_lines"]

#: What to do when pain rose over a session (said with the routine's own safety lines).
#: Marked only: translated where shown (:func:`pain_rose_lines`).
PAIN_ADVICE = (
    N_(
        "Stop any exercise that gives sharp, shooting or spreading pain, and leave out what "
        "made it worse next time."
    ),
    N_(
        "If the pain stays up for more than a day or two, or keeps coming back, see a "
        "clinician (your doctor or physiotherapist) before the next session."
    ),
)


def headline(summary: Summary) -> str:
    """ "Well done" only when most of the routine was done; otherwise what happened."""
    if summary.well_done:
        return _("{routine}: well done").format(routine=summary.name)
    if summary.completed:
        return _("{routine}: finished").format(routine=summary.name)
    return _("{routine}: stopped").format(routine=summary.name)


def section_lines(summary: Summary) -> dict[str, list[str]]:
    """The lists under the figures, by title (English, marked: translated where shown;
    empty lists are not shown)."""
    partly = [
        _("{step} ({done} of {total} {unit})").format(
            step=p.name, done=p.done, total=p.total, unit=p.unit
        )
        for p in summary.partly
    ]
    holds = []
    for hold in summary.holds:
        parts = [hold.name]
        if hold.side:
            parts.append(side_word(hold.side))
        if hold.sets > 1:
            parts.append(_("Set {number}").format(number=hold.set))
        name = " · ".join(parts)
        time = count_up(hold.held)
        if hold.released:
            holds.append(_("{hold}: released at {time}").format(hold=name, time=time))
        else:
            holds.append(_("{hold}: held to the maximum, {time}").format(hold=name, time=time))
    return {
        N_("Partly done"): partly,
        N_("Skipped"): list(summary.skipped),
        N_("Releases"): holds,
    }


def pain_rose_lines(rose: Sequence[Rise], safety: Sequence[str] = ()) -> list[str]:
    """``"Low back: 3 before, 6 after"`` for each area whose pain rose, then the advice: the
    routine's own safety lines and :data:`PAIN_ADVICE` (nothing when no pain rose)."""
    if not rose:
        return []
    lines = [
        _("{area}: {before} before, {after} after").format(
            area=upper_first(r.area.label), before=r.before, after=r.after
        )
        for r in rose
    ]
    kept = list(dict.fromkeys(line for line in safety if line))  # each once, in order
    return [*lines, "", *kept, *(_(advice) for advice in PAIN_ADVICE)]


def _label(name: str, pixels: int, *, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setFont(scaled_font(label.font(), pixels, bold=bold))
    return label


class CompletionView(QWidget):
    again_requested = Signal()
    library_requested = Signal()
    #: The weekly check-in's offer: answer it now, or never offer it again.
    checkin_requested = Signal()
    checkin_turned_off = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("completion")
        self.heading = _label("completion_heading", 48, bold=True)
        self.heading.setWordWrap(True)
        # One row on a wide window, wrapped onto more on a narrow one: in one row, German's
        # "1 von 8" and "Anteil der Übungsfolge" made the page wider than an 800 px window.
        self._figures = FlowLayout(h_spacing=48, v_spacing=16, centered=True)
        self._figure_labels: dict[str, tuple[QLabel, QLabel]] = {}
        self._sections_box = QVBoxLayout()
        self._sections_box.setSpacing(12)
        self._sections: dict[str, tuple[QLabel, QLabel]] = {}
        self._name = ""
        self.set_section("pain_rose", _("Your pain rose"), [])  # first of the lists, when shown
        self.time = self.set_figure("time_taken", _("Time taken"), "")
        self.steps = self.set_figure("steps_done", _("Steps done"), "")
        self.share = self.set_figure("share_done", _("Of the routine"), "")
        #: Pain over time for the area that changed most since the start (hidden until set).
        self.chart = ChartView("completion_chart", pixels=15)
        self.chart.setMinimumHeight(240)
        self.chart.setMaximumHeight(320)
        self.chart.hide()
        self.checkin_offer = QWidget()
        self.checkin_offer.setObjectName("checkin_offer")
        self.checkin_text = offer_text = _label("checkin_offer_text", 20)
        offer_text.setText(_("A week since your last check-in: how are things?"))
        offer_text.setWordWrap(True)
        self.checkin_button = QPushButton(_("Check in…"))
        self.checkin_button.setObjectName("checkin_open")
        self.checkin_off = QPushButton(_("Stop asking"))
        self.checkin_off.setObjectName("checkin_off")
        self.checkin_off.setToolTip(_("Turn off the weekly check-in (Progress still has it)"))
        # The question above its two buttons: side by side they made the page wider than a
        # small window once the words were longer than English ones.
        offer = QVBoxLayout(self.checkin_offer)
        offer.setContentsMargins(0, 0, 0, 0)
        offer.addWidget(offer_text)
        offer_buttons = QHBoxLayout()
        offer_buttons.addStretch(1)
        for button in (self.checkin_button, self.checkin_off):
            button.setFont(scaled_font(self.font(), 18))
            offer_buttons.addWidget(button)
        offer_buttons.addStretch(1)
        offer.addLayout(offer_buttons)
        self.checkin_offer.hide()
        self.checkin_button.clicked.connect(self.checkin_requested)
        self.checkin_off.clicked.connect(self.checkin_turned_off)
        self.checkin_off.clicked.connect(lambda: self.set_checkin_offer(False))
        self.again = QPushButton(_("Do it again"))
        self.again.setObjectName("again")
        self.back = QPushButton(_("Routines"))
        self.back.setObjectName("to_library")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.again, self.back):
            button.setFont(scaled_font(self.font(), 22, bold=True))
            button.setMinimumHeight(64)
            button.setMinimumWidth(220)
            button.setAccessibleName(button.text())
            buttons.addWidget(button)
        buttons.addStretch(1)
        # A long list (many releases) scrolls; it never makes the window grow off the screen.
        content = QWidget()
        content.setObjectName("completion_content")
        scroll = QScrollArea()
        scroll.setObjectName("completion_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addSpacing(16)
        layout.addLayout(self._figures)
        layout.addSpacing(16)
        layout.addLayout(self._sections_box)
        layout.addWidget(self.chart)
        layout.addWidget(self.checkin_offer)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.again.clicked.connect(self.again_requested)
        self.back.clicked.connect(self.library_requested)

    # -- building blocks -----------------------------------------------------------------
    def set_figure(self, key: str, caption: str, value: str) -> QLabel:
        """Show *value* large with *caption* under it, in the row of figures (added the
        first time a *key* is used); returns the value's label."""
        if key not in self._figure_labels:
            number = _label(key, 64, bold=True)
            words = _label(f"{key}_label", 22)
            box = QWidget()
            box.setObjectName(f"{key}_box")
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(number)
            column.addWidget(words)
            self._figures.addWidget(box)
            self._figure_labels[key] = (number, words)
        number, words = self._figure_labels[key]
        number.setText(value)
        words.setText(caption)
        number.setAccessibleName(_("{caption} {value}").format(caption=caption, value=value))
        return number

    def figure(self, key: str) -> tuple[str, str]:
        """(caption, value) of a figure."""
        number, words = self._figure_labels[key]
        return words.text(), number.text()

    def set_section(self, key: str, title: str, lines: list[str]) -> None:
        """A titled list under the figures (added the first time); hidden while empty."""
        if key not in self._sections:
            head = _label(f"{key}_title", 22, bold=True)
            body = _label(key, 22)
            body.setWordWrap(True)
            self._sections_box.addWidget(head)
            self._sections_box.addWidget(body)
            self._sections[key] = (head, body)
        head, body = self._sections[key]
        head.setText(title)
        body.setText("\n".join(lines))
        body.setAccessibleName(title)
        for label in (head, body):
            label.setVisible(bool(lines))

    def set_checkin_offer(self, on: bool, *, first: bool = False) -> None:
        """Show or hide the weekly check-in's offer; *first*: none was ever answered, so it
        speaks of no "last check-in"."""
        if first:
            text = _("How are things? A short check-in each week shows what you can do again.")
        else:
            text = _("A week since your last check-in: how are things?")
        self.checkin_text.setText(text)
        self.checkin_offer.setVisible(on)

    def set_chart(self, chart: Chart | None) -> None:
        """Show *chart* under the sections (None hides it)."""
        if chart is None or chart.empty:
            self.chart.hide()
            return
        self.chart.set_chart(chart)
        self.chart.show()

    def section(self, key: str) -> list[str]:
        """The lines of a section ([] when there is none or it is empty)."""
        found = self._sections.get(key)
        return found[1].text().splitlines() if found else []

    # -- a session's end -----------------------------------------------------------------
    def warn_pain_rose(self, lines: list[str]) -> None:
        """Pain rose over the session (*lines* from :func:`pain_rose_lines`): said plainly in
        the heading and first of the lists, with what to do, instead of praise. Empty lines:
        nothing rose, nothing said."""
        self.set_section("pain_rose", _("Your pain rose"), lines)
        if not lines:
            return
        self.heading.setText(_("{routine}: your pain rose").format(routine=self._name))
        set_text_color(self.heading, "warning")
        head, body = self._sections["pain_rose"]
        for label in (head, body):
            set_text_color(label, "warning")

    def show_record(self, plan: Plan, record: SessionRecord) -> None:
        summary = summarize(plan, record)
        self._name = summary.name
        self.set_section("pain_rose", _("Your pain rose"), [])
        self.heading.setText(headline(summary))
        set_text_color(self.heading, "done" if summary.well_done else "warning")
        self.set_figure("time_taken", _("Time taken"), count_up(summary.active_seconds))
        self.set_figure(
            "steps_done",
            _("Steps done"),
            _("{done} of {count}").format(done=len(summary.done), count=summary.steps),
        )
        self.set_figure(
            "share_done",
            _("Of the routine"),
            _("{percent}%").format(percent=format_decimal(round(summary.share_done * 100))),
        )
        for title, lines in section_lines(summary).items():
            self.set_section(title.lower().replace(" ", "_"), _(title), lines)
