"""The routine's file: new, open, save, import, export, rename, delete (and undo the delete),
open in another editor, and reload when the file changes on disk.

:class:`FileActions` owns where the routine lives (its path, the user's folder, the last
routine sent to the trash). It works through two narrow interfaces: :class:`EditedRoutine`,
what it needs from the routine being edited (the editor view provides it), and
:class:`FileQuestions`, what it asks the user (:class:`DialogQuestions` asks with Qt's
dialogs; tests answer themselves). A file outside the user's folder (a bundled routine) is
copied there before it is edited, so bundled files are never changed; every save is atomic
and keeps a backup (:mod:`psoas_timer.core.routine_files`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from psoas_timer.core.loader import Library, read_source
from psoas_timer.core.problems import LoadError, Problem
from psoas_timer.core.routine_files import (
    TrashItem,
    delete_to_trash,
    duplicate_routine,
    export_routine,
    import_routine,
    in_shown_language,
    restore_from_trash,
    save_document,
    slug,
    unique_path,
)
from psoas_timer.core.routine_io import RoutineDocument, new_document
from psoas_timer.i18n import _, content, ngettext

__all__ = [
    "CloseChoice",
    "DialogQuestions",
    "EditedRoutine",
    "FileActions",
    "FileQuestions",
    "ask_unsaved",
]

_log = logging.getLogger(__name__)


class CloseChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def _read_only(path: Path) -> bool:
    """Whether *path* is a file its owner has made read-only (mode without owner write)."""
    try:
        return not path.stat().st_mode & 0o200
    except OSError:
        return False


def ask_unsaved(parent: QWidget, name: str) -> CloseChoice:
    """Ask what to do with unsaved changes (the default for :class:`DialogQuestions`)."""
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("Unsaved changes"),
        _("Save your changes to “{routine}”?").format(routine=name),
        buttons,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the name comes from a file
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return CloseChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return CloseChoice.DISCARD
    return CloseChoice.CANCEL


class EditedRoutine(Protocol):
    """What :class:`FileActions` needs from the routine being edited."""

    @property
    def document(self) -> RoutineDocument: ...

    @property
    def library(self) -> Library: ...

    @property
    def dirty(self) -> bool: ...

    @property
    def problems(self) -> list[Problem]: ...

    def load(self, document: RoutineDocument, path: Path | None) -> None:
        """Edit *document* from now on, saved at *path* (``None``: not saved yet)."""

    def edit_routine(self, key: str, value: object, text: str) -> None:
        """Change one of the routine's own values, as an undoable edit named *text*."""

    def mark_saved(self, path: Path) -> None:
        """The document as it is now is saved at *path*."""

    def focus_name(self) -> None:
        """Put the cursor in the routine's name, all of it selected."""

    def notify(self, text: str) -> None: ...

    def show_file_problems(self, exc: LoadError) -> None: ...


class FileQuestions(Protocol):
    """What :class:`FileActions` asks the user; ``None`` means they cancelled."""

    def unsaved(self, name: str) -> CloseChoice: ...

    def routine_to_copy(self, choices: list[str]) -> str | None: ...

    def file_to_import(self) -> Path | None: ...

    def export_destination(self, suggested: Path) -> Path | None: ...

    def new_name(self, current: str) -> str | None: ...

    def cannot_open(self, path: Path, why: str) -> None:
        """Say why *path* cannot be edited here, offering to open it in the user's editor."""


class DialogQuestions:
    """:class:`FileQuestions` asked with Qt's dialogs over *parent*."""

    def __init__(
        self,
        parent: QWidget,
        ask_unsaved: Callable[[QWidget, str], CloseChoice] = ask_unsaved,
    ) -> None:
        self._parent = parent
        self._ask_unsaved = ask_unsaved

    def unsaved(self, name: str) -> CloseChoice:
        return self._ask_unsaved(self._parent, name)

    def routine_to_copy(self, choices: list[str]) -> str | None:
        name, ok = QInputDialog.getItem(
            self._parent, _("Duplicate a routine"), _("Routine to copy:"), choices, 0, False
        )
        return name if ok and name else None

    def file_to_import(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self._parent, _("Import a routine"), str(Path.home()), _("Routines (*.yaml *.yml)")
        )
        return Path(name) if name else None

    def export_destination(self, suggested: Path) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self._parent, _("Export a copy"), str(suggested), _("Routines (*.yaml)")
        )
        return Path(name) if name else None

    def new_name(self, current: str) -> str | None:
        name, ok = QInputDialog.getText(
            self._parent, _("Rename routine"), _("New name:"), text=current
        )
        return name if ok else None

    def cannot_open(self, path: Path, why: str) -> None:
        # Not modal: the editor may be hidden (Ctrl+E in the main window), so it shows over
        # the window the user is looking at.
        window = self._parent.window()
        parent = window if window.isVisible() else window.parentWidget() or window
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Cannot edit this routine here"),
            _("The editor cannot open {file}.").format(file=path.name),
            QMessageBox.StandardButton.Close,
            parent,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            _("{problem}\n\nYou can open the file in your own text editor.").format(problem=why)
        )
        own = box.addButton(_("Open in my editor"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(own)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: object) -> None:
            if button is own and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                _log.warning("no program opened %s", path)

        box.buttonClicked.connect(clicked)
        box.open()


def _shown_name(path: Path) -> str:
    """A bundled routine's name as the library shows it (its file's name if unreadable)."""
    try:
        return content(RoutineDocument.from_path(path).name)
    except (LoadError, OSError):
        _log.warning("cannot read the name of %s", path, exc_info=True)
        return path.stem


class FileActions:
    """File commands for one :class:`EditedRoutine`; *user_dir* is where routines are saved,
    *bundled* lists the bundled routines to copy from, *ask* asks the user."""

    def __init__(
        self,
        edited: EditedRoutine,
        ask: FileQuestions,
        *,
        user_dir: Path,
        bundled: Callable[[], list[Path]],
    ) -> None:
        self._view = edited
        self._ask = ask
        self._user_dir = user_dir
        self._bundled = bundled
        self.path: Path | None = None
        self.last_trash: TrashItem | None = None
        self._saved_text: str | None = None  # the document as last loaded or saved

    def _is_bundled(self, path: Path) -> bool:
        """Whether *path* is a bundled routine (shown in the user's language, so a copy of it
        is made in that language)."""
        try:
            return path.resolve() in {p.resolve() for p in self._bundled()}
        except OSError:
            _log.warning("cannot tell whether %s is bundled", path, exc_info=True)
            return False

    def maybe_discard(self) -> bool:
        """Ask about unsaved changes; ``True`` when it is fine to move on."""
        view = self._view
        if not view.dirty:
            return True
        choice = self._ask.unsaved(view.document.name)
        if choice is CloseChoice.SAVE:
            return self.save()
        if choice is CloseChoice.DISCARD:
            self.discard()
            return True
        return False

    def discard(self) -> None:
        """Drop the unsaved changes: the routine is again as it was last saved or opened (a
        new routine, as it was made), so nothing asks about them later."""
        text = self._saved_text
        if text is None:
            self._load(new_document(), None)
            return
        self._load(RoutineDocument.from_text(text, str(self.path or "new routine")), self.path)

    def _load(self, document: RoutineDocument, path: Path | None) -> None:
        self.path = path
        self._saved_text = document.dump()
        self._view.load(document, path)

    def new_routine(
        self,
        name: str = "",
        *,
        steps: Sequence[Mapping[str, Any]] = (),
        copy_of: Path | None = None,
    ) -> bool:
        """Start a new routine named *name*, not saved yet: a copy of the routine at
        *copy_of* (that file is left as it is), or made of *steps* (none: empty).
        ``False`` when the user kept the unsaved changes, or *copy_of* could not be read."""
        if not self.maybe_discard():
            return False
        name = name or _("My routine")
        if copy_of is not None:
            try:
                document = RoutineDocument.from_path(copy_of)
            except LoadError as exc:
                self._view.show_file_problems(exc)
                return False
            if self._is_bundled(copy_of):
                in_shown_language(document)
            document.data["name"] = name
        else:
            document = new_document(name, steps)
        self._load(document, None)
        self._view.focus_name()
        return True

    def open_path(self, path: Path) -> bool:
        """Edit the routine at *path*. A file outside the user's folder is copied there first,
        so bundled routines are never changed."""
        return self.maybe_discard() and self._open(path)

    def _open(self, path: Path) -> bool:
        try:
            if self._user_dir.resolve() not in path.resolve().parents:
                path = duplicate_routine(path, self._user_dir, bundled=self._is_bundled(path))
                self._view.notify(_("Copied to your routines as {file}.").format(file=path.name))
            document = RoutineDocument.from_path(path)
        except LoadError as exc:
            self._view.show_file_problems(exc)
            self._ask.cannot_open(path, "\n".join(str(p) for p in exc.problems))
            return False
        except OSError as exc:
            _log.warning("cannot copy %s into %s", path, self._user_dir, exc_info=True)
            self._ask.cannot_open(
                path,
                _("It could not be copied to your routines folder: {problem}").format(problem=exc),
            )
            return False
        self._load(document, path)
        if document.rewritten:
            self._view.notify(
                _(
                    "{file} is written in a way the editor cannot keep ({why}). Saving it here "
                    "lays it out afresh and drops its comments; the routine stays the same."
                ).format(file=path.name, why=document.rewritten)
            )
        return True

    def save(self) -> bool:
        """Save (atomically, keeping a backup). A routine with problems is saved as a draft."""
        view = self._view
        try:
            if self.path is None:
                self._user_dir.mkdir(parents=True, exist_ok=True)
                self.path = unique_path(self._user_dir, slug(view.document.name))
            elif _read_only(self.path):
                view.notify(
                    _(
                        "{file} is read-only, so it was not saved. Make the file writable to "
                        "save it, or export a copy."
                    ).format(file=self.path.name)
                )
                return False
            save_document(view.document, self.path)
        except OSError as exc:
            _log.warning("cannot save %s", self.path or self._user_dir, exc_info=True)
            view.notify(_("Could not save: {problem}").format(problem=exc.strerror or exc))
            return False
        self._saved_text = view.document.dump()
        view.mark_saved(self.path)
        if view.problems:
            text = _("Saved {file} as a draft (it has problems to fix before it can start).")
        else:
            text = _("Saved {file}.")
        view.notify(text.format(file=self.path.name))
        return True

    def import_file(self, source: Path) -> Path | None:
        """Check *source* and copy it into the user's routines, then edit it; on problems,
        list them and copy nothing."""
        try:
            target = import_routine(source, self._user_dir, self._view.library)
        except LoadError as exc:
            self._view.show_file_problems(exc)
            self._view.notify(
                ngettext(
                    "{file} was not imported: {count} problem, listed below.",
                    "{file} was not imported: {count} problems, listed below.",
                    len(exc.problems),
                ).format(file=source.name, count=len(exc.problems))
            )
            return None
        self.open_path(target)
        self._view.notify(_("Imported {file} into your routines.").format(file=source.name))
        return target

    def export_to(self, destination: Path) -> bool:
        """Save a copy at *destination*; a folder that cannot be written, a full disk or a
        place that is not a folder (``/proc``) is said in the notice, nothing else changes."""
        try:
            export_routine(self._view.document, destination)
        except OSError as exc:
            _log.warning("cannot export to %s", destination, exc_info=True)
            self._view.notify(
                _("Could not export to {path}: {problem}").format(
                    path=destination, problem=exc.strerror or exc
                )
            )
            return False
        self._view.notify(_("Exported a copy to {path}.").format(path=destination))
        return True

    def rename(self, new_name: str) -> None:
        """Rename the routine: its name, and its file once saved."""
        new_name = new_name.strip()
        if not new_name:
            return
        self._view.edit_routine("name", new_name, "Rename")
        if self.path is not None:
            old = self.path
            target = unique_path(old.parent, slug(new_name)) if slug(new_name) != old.stem else old
            self.path = target
            if self.save() and target != old:
                delete_to_trash(old)

    def delete_routine(self) -> None:
        if self.path is None:
            return
        view = self._view
        try:
            self.last_trash = delete_to_trash(self.path)
        except OSError as exc:
            view.notify(_("Could not delete: {problem}").format(problem=exc.strerror or exc))
            return
        name = view.document.name
        self._load(new_document(), None)
        view.notify(_("Deleted “{routine}”.").format(routine=name))  # the notice offers undo

    def restore_deleted(self) -> None:
        if self.last_trash is None:
            return
        path = restore_from_trash(self.last_trash)
        self.last_trash = None
        self.open_path(path)
        self._view.notify(_("Restored {file}.").format(file=path.name))

    def open_in_external_editor(self) -> bool:
        if self.path is None:
            return False
        if self._view.dirty:
            self.save()
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def on_files_changed(self, paths: list[Path]) -> None:
        """Reload the open file when it changed on disk and nothing is unsaved here;
        otherwise say so."""
        if self.path is None:
            return
        view = self._view
        mine = self.path.resolve()
        if not any(Path(p).resolve() in (mine, mine.parent) for p in paths):
            return
        try:
            data = read_source(self.path)  # not a pipe or a device put in its place
        except LoadError:
            _log.info("cannot read %s after it changed on disk", self.path, exc_info=True)
            return
        if data.decode("utf-8", "replace") == view.document.dump():
            return
        if view.dirty:
            view.notify(
                _("{file} changed on disk; saving here will replace those changes.").format(
                    file=self.path.name
                )
            )
            return
        try:
            document = RoutineDocument.from_text(data, str(self.path))
        except LoadError as exc:
            view.show_file_problems(exc)
            return
        self._load(document, self.path)
        view.notify(_("Reloaded {file}: it changed on disk.").format(file=self.path.name))

    # -- dialogs ----------------------------------------------------------------------------

    def on_duplicate_triggered(self) -> None:
        choices: dict[str, Path] = {}
        for path in self._bundled():
            # as the library shows it: its name in the user's language
            label = _("{name} (bundled)").format(name=_shown_name(path))
            choices[label if label not in choices else f"{label} [{path.stem}]"] = path
        choices.update({p.stem: p for p in sorted(self._user_dir.glob("*.yaml"))})
        if not choices:
            return
        name = self._ask.routine_to_copy(list(choices))
        if name and self.maybe_discard():
            source = choices[name]
            self._open(duplicate_routine(source, self._user_dir, bundled=self._is_bundled(source)))

    def on_import_triggered(self) -> None:
        source = self._ask.file_to_import()
        if source is not None:
            self.import_file(source)

    def on_export_triggered(self) -> None:
        suggested = Path.home() / f"{slug(self._view.document.name)}.yaml"
        destination = self._ask.export_destination(suggested)
        if destination is not None:
            self.export_to(destination)

    def on_rename_triggered(self) -> None:
        name = self._ask.new_name(self._view.document.name)
        if name is not None:
            self.rename(name)
