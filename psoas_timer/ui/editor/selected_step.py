"""The pane beside the step list: the form of the selected step, or of the selected repeat
group, or a hint when the list is empty."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from psoas_timer.core.routine_edit import plain, step_baseline
from psoas_timer.i18n import _

from .choice_form import ChoiceForm
from .group_form import GroupForm
from .step_form import StepForm

__all__ = ["SelectedStep"]


class SelectedStep(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_form = StepForm()
        self.group_form = GroupForm()
        self.choice_form = ChoiceForm()
        self.empty_label = QLabel(_("Add a step to begin."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.step_form)
        self.addWidget(self.group_form)
        self.addWidget(self.choice_form)
        self.addWidget(self.empty_label)

    def show_item(self, item: Any, library_raw: Mapping[str, Mapping[str, Any]]) -> None:
        """Show *item* (a step or group of the document, or ``None``) in its form."""
        if not isinstance(item, dict):
            self.setCurrentWidget(self.empty_label)
        elif "repeat" in item:
            self.group_form.show_group(item)
            self.setCurrentWidget(self.group_form)
        elif "choose" in item:
            self.choice_form.show_choice(item)
            self.setCurrentWidget(self.choice_form)
        else:
            base = step_baseline(item, library_raw)
            ref = item.get("use")
            origin = ""
            if isinstance(ref, str):
                known = ref in library_raw
                origin = (
                    _(
                        "From the exercise library: {exercise}\nChanges here apply to this "
                        "routine only."
                    ).format(exercise=ref)
                    if known
                    else _("Uses “{exercise}”, which is not in the exercise library.").format(
                        exercise=ref
                    )
                )
            self.step_form.show_step(plain(item), base, origin)
            self.setCurrentWidget(self.step_form)

    def focus_key(self, key: tuple[str | int, ...]) -> bool:
        """Put the cursor in the field for *key* of the step or group shown."""
        current = self.currentWidget()
        if isinstance(current, (StepForm, GroupForm)):
            return current.focus_key(key)
        return False
