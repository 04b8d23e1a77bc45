"""The editor's undo: every edit is one :class:`Snapshot` of the document before and after.

A snapshot holds text, not a diff, so undo and redo restore exactly what was there, comments
and all. Typing into one field gives commands with the same *merge* key, which Qt merges
into one, so one undo takes back the whole word.

:class:`FieldUndoKeys` sends Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) typed in a form field to
the routine's undo stack rather than to the field's own text undo: every keystroke is
already an edit of the routine, so the field's own history would only make the field and the
routine disagree. The field is committed first (its cursor taken away, so a cell being edited
saves its text as an edit of its own), the routine is undone, and the cursor goes back.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from psoas_timer.core.routine_edit import ContainerPath

__all__ = ["EditorState", "FieldUndoKeys", "Snapshot", "redo_keys", "undo_keys"]

EditorState = tuple[str, ContainerPath, int]
"""The document's text, the group being edited, and the selected row."""


class Snapshot(QUndoCommand):
    """One edit: the document (and the selection) before and after.

    *show* puts a state on screen; its second argument says whether the document must be
    read back from the state's text (``False`` on the first redo, when the document already
    holds the change).
    """

    def __init__(
        self,
        show: Callable[[EditorState, bool], None],
        text: str,
        before: EditorState,
        after: EditorState,
        merge: str | None,
    ) -> None:
        super().__init__(text)
        self._show = show
        self.before = before
        self.after = after
        self.merge = merge
        self._first = True

    def id(self) -> int:
        return 1 if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Snapshot) or other.merge != self.merge or self.merge is None:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._first:  # the document already holds the change
            self._first = False
            self._show(self.after, False)
            return
        self._show(self.after, True)

    def undo(self) -> None:
        self._show(self.before, True)


def undo_keys() -> list[QKeySequence]:
    """The platform's Undo keys, Ctrl+Z always among them."""
    return _keys(QKeySequence.StandardKey.Undo, ["Ctrl+Z"])


def redo_keys() -> list[QKeySequence]:
    """The platform's Redo keys, Ctrl+Shift+Z and Ctrl+Y always among them."""
    return _keys(QKeySequence.StandardKey.Redo, ["Ctrl+Shift+Z", "Ctrl+Y"])


def _keys(standard: QKeySequence.StandardKey, own: list[str]) -> list[QKeySequence]:
    keys = [QKeySequence(k) for k in own]
    return keys + [k for k in QKeySequence.keyBindings(standard) if k not in keys]


def _direction(event: QKeyEvent) -> int:
    """-1 for an Undo key, +1 for a Redo key, 0 for any other."""
    pressed = QKeySequence(event.keyCombination())
    if event.matches(QKeySequence.StandardKey.Undo) or pressed in undo_keys():
        return -1
    if event.matches(QKeySequence.StandardKey.Redo) or pressed in redo_keys():
        return 1
    return 0


_WATCHED = "psoas_undo_keys"
_FIELDS = (QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QComboBox)


class FieldUndoKeys(QObject):
    """Routes Undo and Redo keys typed in the form fields of *editor* to *stack*.

    It watches the field that has the cursor (any text field, spin box or editable combo box
    inside *editor*, cell editors included), so fields made later are covered too.
    """

    def __init__(self, editor: QWidget, stack: QUndoStack) -> None:
        super().__init__(editor)
        self._editor = editor
        self._stack = stack
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        for field in editor.findChildren(QWidget):
            self._watch(field)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and shiboken6.isValid(self._editor) and self._editor.isAncestorOf(new):
            self._watch(new)

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, _FIELDS) and not widget.property(_WATCHED):
            widget.setProperty(_WATCHED, True)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        direction = _direction(event)
        if not direction or not isinstance(watched, QWidget):
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:  # ShortcutOverride: keep the key for this field
            self._step(watched, direction)
        return True

    def _step(self, field: QWidget, direction: int) -> None:
        """Commit *field*, undo or redo the routine, and give the cursor back (to the list
        or table around it when the field is gone, as a cell editor is once committed)."""
        places = [field]
        parent = field.parentWidget()
        while parent is not None and parent is not self._editor:
            if parent.focusPolicy() != Qt.FocusPolicy.NoFocus:
                places.append(parent)
            parent = parent.parentWidget()
        field.clearFocus()  # a cell editor saves its text now, as an edit of its own
        if direction < 0:
            self._stack.undo()
        else:
            self._stack.redo()
        for place in places:
            if shiboken6.isValid(place) and place.isVisible():
                place.setFocus(Qt.FocusReason.OtherFocusReason)
                return
