"""The form beside the step list: every setting of one step, in words rather than YAML keys.

The form never edits the document itself. It shows a step (with signals blocked, so showing
is never mistaken for editing) and emits ``edited(key, value)`` or ``timing_changed(mode)``;
the editor turns those into undoable commands.

Beside it: the spoken cues table (:mod:`.cue_table`), the forms of a repeat group
(:mod:`.group_form`) and of an either/or step (:mod:`.choice_form`), the choices the forms
offer (:mod:`.choices`) and the small widget helpers they share (:mod:`.form_widgets`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.amounts import SIDE_KEYS
from psoas_timer.core.model import Step
from psoas_timer.core.value_types import BREATHS, REPS, SETS
from psoas_timer.i18n import _, pgettext
from psoas_timer.ui.common.flow_layout import FlowLayout

from .choices import BREATHING, KINDS, SIDES, TIMING_MODES, timing_mode
from .compound_fields import OpenHoldEdit, RestEdit, SidedField, side_name
from .cue_table import CueTable
from .fields import CountEdit, DurationEdit, TempoEdit, duration_text
from .form_widgets import combo, focus_field, narrow_form, select

__all__ = ["StepForm"]


def _lines(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return ""


class StepForm(QWidget):
    edited = Signal(str, object)
    timing_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Step settings"))
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Step name"))
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.kind = combo(_("Kind of step"), KINDS)
        self.timing = combo(_("How the step is timed"), TIMING_MODES)
        self.hold_sides = SidedField(
            lambda side: DurationEdit(side_name(pgettext("step form", "Hold"), side), ranges=True),
            pgettext("step form", "Hold"),
        )
        self.hold: DurationEdit = self.hold_sides.one
        self.duration = DurationEdit(_("Length"), ranges=True)
        self.reps = CountEdit(_("Repetitions"), REPS)
        self.tempo = TempoEdit(_("Seconds per repetition, or up-hold-down"))
        self.open_sides = SidedField(OpenHoldEdit, _("Open hold"))
        self.open_min: DurationEdit = self.open_sides.one.min
        self.open_target: DurationEdit = self.open_sides.one.target
        self.open_max: DurationEdit = self.open_sides.one.max
        self.breaths = CountEdit(_("Breaths"), BREATHS)
        self.sets_sides = SidedField(
            lambda side: CountEdit(side_name(_("Sets"), side), SETS, per_side=not side),
            _("Sets"),
        )
        self.sets: CountEdit = self.sets_sides.one
        self.sides = combo(_("Sides"), SIDES)
        self.alternate = QCheckBox(_("Alternate left and right each set"))
        self.prepare = DurationEdit(_("Get ready before this step"))
        self.rest_after = RestEdit(_("Rest after this step"))
        self.rest_between_sets = RestEdit(_("Rest between sets"))
        self.switch_sides = DurationEdit(_("Pause to switch sides"))
        self.breathing = combo(_("Breathing pattern"), BREATHING, editable=True)
        self.cues = CueTable()
        self.add_cue = QPushButton(_("Add cue"))
        self.remove_cue = QPushButton(_("Remove cue"))
        self.instructions = QPlainTextEdit()
        self.instructions.setAccessibleName(_("Instructions, one per line"))
        self.instructions.setPlaceholderText(_("One short action per line"))
        self.safety = QPlainTextEdit()
        self.safety.setAccessibleName(_("Safety notes, one per line"))
        self.safety.setPlaceholderText(_("When to stop or ease off, one per line"))
        for box in (self.instructions, self.safety):
            box.setTabChangesFocus(True)
            box.setMaximumHeight(90)

        self.form = narrow_form(QFormLayout())
        rows: list[tuple[str, QWidget]] = [
            (_("&Name"), self.name),
            ("", self.source),
            (_("&Kind"), self.kind),
            (_("&Timing"), self.timing),
            (_("&Hold"), self.hold_sides),
            (_("&Length"), self.duration),
            (_("&Repetitions"), self.reps),
            (_("Temp&o"), self.tempo),
            (_("Open hold"), self.open_sides),
            (_("Breat&hs"), self.breaths),
            (_("&Sets"), self.sets_sides),
            (_("S&ides"), self.sides),
            ("", self.alternate),
            (_("Get rea&dy"), self.prepare),
            (_("Rest &after"), self.rest_after),
            (_("Rest between s&ets"), self.rest_between_sets),
            (_("S&witch sides"), self.switch_sides),
            (pgettext("step form", "&Breathing"), self.breathing),
        ]
        for label, widget in rows:
            self.form.addRow(label, widget)
        # Side by side where they fit, one under the other in a narrow form (longer words
        # than English cut them short at 800 px).
        cue_buttons = FlowLayout(h_spacing=6, v_spacing=4)
        cue_buttons.addWidget(self.add_cue)
        cue_buttons.addWidget(self.remove_cue)
        self._cue_box = QVBoxLayout()
        cue_label = QLabel(_("Spoken cues"))
        cue_label.setBuddy(self.cues)
        self._cue_box.addWidget(cue_label)
        self._cue_box.addWidget(self.cues)
        self._cue_box.addLayout(cue_buttons)
        # the form's whole width, its label above: beside a cue's kind and time, its words
        # need room to be read (at 800 px they were past the table's edge)
        self.form.addRow(self._cue_box)
        self.form.addRow(_("Instr&uctions"), self.instructions)
        self.form.addRow(_("Safet&y notes"), self.safety)
        self.setLayout(self.form)
        self._describe_fields()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.name.textEdited.connect(lambda text: self.edited.emit("name", text.strip() or None))
        self.kind.activated.connect(lambda _i: self.edited.emit("kind", self.kind.currentData()))
        self.timing.activated.connect(
            lambda _i: self.timing_changed.emit(str(self.timing.currentData()))
        )
        fields: dict[str, DurationEdit | CountEdit | SidedField | RestEdit] = {
            "hold": self.hold_sides,
            "duration": self.duration,
            "tempo": self.tempo,
            "reps": self.reps,
            "open": self.open_sides,
            "breaths": self.breaths,
            "sets": self.sets_sides,
            "prepare": self.prepare,
            "rest_after": self.rest_after,
            "rest_between_sets": self.rest_between_sets,
            "switch_sides": self.switch_sides,
        }
        for key, field in fields.items():
            field.value_edited.connect(lambda value, key=key: self.edited.emit(key, value))
        self.sides.activated.connect(lambda _i: self.edited.emit("sides", self.sides.currentData()))
        self.alternate.toggled.connect(lambda on: self.edited.emit("alternate", on))
        self.breathing.activated.connect(self._on_breathing_activated)
        line = self.breathing.lineEdit()
        if line is not None:
            line.textEdited.connect(self._on_breathing_text_edited)
        self.instructions.textChanged.connect(
            lambda: self.edited.emit("instructions", self._text_lines(self.instructions))
        )
        self.safety.textChanged.connect(
            lambda: self.edited.emit("safety", self._text_lines(self.safety))
        )
        self.cues.cues_edited.connect(lambda cues: self.edited.emit("cues", cues))
        self.add_cue.clicked.connect(self._on_add_cue_clicked)
        self.remove_cue.clicked.connect(self._on_remove_cue_clicked)

    def focus_key(self, key: tuple[str | int, ...]) -> bool:
        """Put the cursor in the field that edits *key* (a path inside the step, as in
        ``("open", "target")``); ``False`` when no field for it is showing."""
        if not key:
            return False
        first, rest = key[0], key[1:]
        if first in ("milestones", "prompts"):
            self.cues.go_to(key)
            return focus_field(self.cues, self)
        widget = self.key_widgets().get(str(first))
        side = str(rest[0]) if rest and rest[0] in SIDE_KEYS else None
        if isinstance(widget, SidedField):
            widget = widget.shown_part(side)
            rest = rest[1:] if side else rest
        if isinstance(widget, OpenHoldEdit):
            widget = widget.parts().get(str(rest[0]) if rest else "min", widget.min)
        if isinstance(widget, RestEdit):
            widget = widget.parts().get(str(rest[0]) if rest else "duration", widget.duration)
        return widget is not None and focus_field(widget, self)

    def key_widgets(self) -> dict[str, QWidget]:
        """The field that edits each key of a step (those edited in one field)."""
        return {
            "name": self.name,
            "kind": self.kind,
            "hold": self.hold_sides,
            "duration": self.duration,
            "reps": self.reps,
            "tempo": self.tempo,
            "breaths": self.breaths,
            "open": self.open_sides,
            "sets": self.sets_sides,
            "sides": self.sides,
            "alternate": self.alternate,
            "prepare": self.prepare,
            "rest_after": self.rest_after,
            "rest_between_sets": self.rest_between_sets,
            "switch_sides": self.switch_sides,
            "breathing": self.breathing,
            "instructions": self.instructions,
            "safety": self.safety,
        }

    def _describe_fields(self) -> None:
        """Each field says what its key does, in the words the format declares for it
        (``core.model``: the same help an editor's completion shows from the JSON Schema):
        read by screen readers, and shown by What's This (Shift+F1)."""
        for key, widget in self.key_widgets().items():
            description = Step.model_fields[key].description
            about = _(description) if description else ""
            # the whole, and the fields inside it that take the cursor
            inner: list[QWidget] = [widget]
            if isinstance(widget, SidedField):
                inner += [widget.one, widget.left, widget.right]
            if isinstance(widget, RestEdit):
                inner.append(widget.duration)
            for part in inner:
                part.setAccessibleDescription(about)
                part.setWhatsThis(about)

    @staticmethod
    def _text_lines(box: QPlainTextEdit) -> list[str]:
        return [line.strip() for line in box.toPlainText().splitlines() if line.strip()]

    def _on_breathing_activated(self, _index: int) -> None:
        value = self.breathing.currentData()
        if value is None:  # typed text the list does not hold
            value = self.breathing.currentText().strip()
        self.edited.emit("breathing", value or None)

    def _on_breathing_text_edited(self, text: str) -> None:
        index = self.breathing.findText(text)
        value = self.breathing.itemData(index) if index >= 0 else text.strip()
        self.edited.emit("breathing", value or None)

    def _on_add_cue_clicked(self) -> None:
        self.cues.add_cue()

    def _on_remove_cue_clicked(self) -> None:
        self.cues.remove_cue()

    def show_step(self, step: Mapping[str, Any], base: Mapping[str, Any], origin: str) -> None:
        """Show *step*, with *base* holding what it gets when a key is left out (the library
        exercise's values, or the model's defaults) and *origin* describing where it came from."""

        # what the step plays: its own keys over the rest (a length of its own has
        # replaced the exercise's timing in *base* already; a tempo alone changes the tempo)
        played = {**base, **step}
        value = played.get

        blockers = [QSignalBlocker(w) for w in self.findChildren(QWidget)]
        blockers.append(QSignalBlocker(self.cues))
        if not self.name.hasFocus():
            self.name.setText(str(value("name") or ""))
            self.name.setCursorPosition(0)  # its start, in a narrow field
        self.name.setPlaceholderText(str(base.get("name") or _("Name this step")))
        self.source.setText(origin)
        self.source.setVisible(bool(origin))
        select(self.kind, value("kind") or "exercise")
        mode = timing_mode(played)
        select(self.timing, mode)
        both = value("sides") == "both"
        self.hold_sides.set_value(value("hold"), offered=both)
        self.duration.set_value(value("duration"))
        self.reps.set_value(value("reps"))
        self.tempo.set_value(value("tempo"))
        self.open_sides.set_value(value("open"), offered=both)
        self.breaths.set_value(value("breaths"))
        self.sets_sides.set_value(value("sets"), offered=both)
        select(self.sides, value("sides") or "none")
        self.alternate.setChecked(bool(value("alternate")))
        for key in ("prepare", "switch_sides"):
            edit: DurationEdit = getattr(self, key)
            edit.set_value(step.get(key))
            inherited = base.get(key)
            hint = (
                _("{value} (exercise)").format(value=duration_text(inherited))
                if inherited is not None
                else _("routine default")
            )
            edit.setPlaceholderText(hint)
        for key in ("rest_after", "rest_between_sets"):
            rest: RestEdit = getattr(self, key)
            rest.set_value(step.get(key), base.get(key), _("routine default"))
        breathing = value("breathing")
        if not self.breathing.hasFocus():
            select(self.breathing, breathing if isinstance(breathing, str) else "")
        if not self.cues.hasFocus() and self.cues.state() != QAbstractItemView.State.EditingState:
            self.cues.show_cues(value("milestones") or [], value("prompts") or [])
        for box, key in ((self.instructions, "instructions"), (self.safety, "safety")):
            if not box.hasFocus():
                box.setPlainText(_lines(value(key)))
        self._show_rows(step, mode, rest=value("kind") == "rest", both=both)
        del blockers

    def _show_rows(self, step: Mapping[str, Any], mode: str, *, rest: bool, both: bool) -> None:
        """Show the rows for *mode*'s timing, and only those a step of its kind uses: a rest
        is a name and a length (the plan uses nothing else of it: no sets, sides, get-ready,
        cues or breathing, and the player shows the next step's instructions during it; see
        :mod:`psoas_timer.core.plan`). Its timing choice shows only when it is timed some
        other way, to make it a length. A key the step sets all the same keeps its row, so it
        can be seen and cleared."""

        def row(key: str, applies: bool = True) -> bool:
            return key in step or (applies and not rest)

        for widget, shown in (
            (self.timing, not rest or mode not in ("hold", "duration")),
            (self.hold_sides, mode in ("hold", "reps")),
            (self.duration, mode == "duration"),
            (self.reps, mode == "reps"),
            (self.tempo, mode == "reps"),
            (self.open_sides, mode == "open"),
            (self.breaths, mode == "breaths"),
            (self.sets_sides, row("sets")),
            (self.sides, row("sides")),
            (self.alternate, row("alternate", both)),
            (self.prepare, row("prepare")),
            (self.rest_after, row("rest_after")),
            (self.rest_between_sets, row("rest_between_sets")),
            (self.switch_sides, row("switch_sides")),
            (self.breathing, row("breathing")),
            (self.instructions, row("instructions")),
            (self.safety, row("safety")),
        ):
            self.form.setRowVisible(widget, shown)
        self.form.setRowVisible(self._cue_box, row("milestones") or row("prompts"))
        label = self.form.labelForField(self.hold_sides)
        if isinstance(label, QLabel):
            label.setText(
                _("Hold at the top") if mode == "reps" else (_("&Length") if rest else _("&Hold"))
            )
