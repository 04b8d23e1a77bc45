"""New routine: empty, a copy of a routine, or exercises chosen from the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog
from psoas_timer.ui.editor.new_routine import NewRoutineDialog, NewStart

from .conftest import ROOT, make_editor

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _dialog(qtbot: QtBot, catalog: Catalog) -> NewRoutineDialog:
    routines = [(e.name, e.path) for e in catalog.entries if e.ok]
    dialog = NewRoutineDialog(catalog.library, routines)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_new_starts_empty_with_the_name_typed(qtbot: QtBot, catalog: Catalog) -> None:
    dialog = _dialog(qtbot, catalog)
    assert dialog.empty.isChecked()
    assert QApplication.focusWidget() is dialog.name
    qtbot.keyClicks(dialog.name, "Evening")  # the suggested name is selected: typing replaces it
    qtbot.keyClick(dialog.name, Key.Key_Return)
    assert dialog.result() == NewRoutineDialog.DialogCode.Accepted
    assert dialog.answer() == NewStart("Evening")


def test_a_copy_of_a_routine_chosen_by_keyboard(qtbot: QtBot, catalog: Catalog) -> None:
    dialog = _dialog(qtbot, catalog)
    qtbot.keyClick(dialog, Key.Key_P, ALT)
    qtbot.waitUntil(dialog.copy.isChecked)  # a mnemonic animates its click
    assert dialog.pages.currentWidget() is dialog.routines
    dialog.routines.setFocus()
    qtbot.keyClick(dialog.routines, Key.Key_End)
    last = dialog.routines.item(dialog.routines.count() - 1)
    qtbot.keyClick(dialog.routines, Key.Key_Return)
    assert dialog.result() == NewRoutineDialog.DialogCode.Accepted
    answer = dialog.answer()
    assert answer.copy_of is not None and answer.copy_of.name
    assert str(answer.copy_of) == last.data(Qt.ItemDataRole.UserRole)


def test_exercises_must_be_chosen_before_create(qtbot: QtBot, catalog: Catalog) -> None:
    dialog = _dialog(qtbot, catalog)
    qtbot.keyClick(dialog, Key.Key_X, ALT)
    qtbot.waitUntil(dialog.exercises.isChecked)
    chooser = dialog.chooser
    assert chooser.chosen() == []  # nothing picked for the user
    assert not dialog.create_button.isEnabled()
    assert "Choose one or more exercises" in dialog.hint.text()
    chooser.search.setFocus()
    qtbot.keyClicks(chooser.search, "plank")
    ids = chooser.visible_ids()
    assert ids
    chooser.list.setFocus()
    qtbot.keyClick(chooser.list, Key.Key_Return)  # Enter picks the row with the cursor
    assert dialog.result() == NewRoutineDialog.DialogCode.Accepted
    assert dialog.answer().exercises == [ids[0]]


def test_new_in_the_editor_makes_what_was_chosen(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    answers: list[NewStart | None] = []
    offered: list[list[tuple[str, Path]]] = []

    def choose(_parent: QWidget, _library: object, routines: list[tuple[str, Path]]) -> NewStart:
        offered.append(routines)
        answer = answers.pop(0)
        assert answer is not None
        return answer

    view = make_editor(qtbot, catalog, user_dir)
    view._choose_start = choose  # type: ignore[assignment]
    answers.append(NewStart("Mine"))
    view.act.new.trigger()
    assert view.document.name == "Mine"
    assert view.step_titles() == []  # no step the user did not choose
    assert view.path is None and not view.dirty
    assert ("Daily psoas", ROOT / "routines" / "daily-psoas.yaml") in offered[0]

    answers.append(NewStart("Two", exercises=["plank", "hip-raise"]))
    view.act.new.trigger()
    assert [t.split(". ", 1)[1] for t in view.step_titles()] == [
        "Plank",
        catalog.library.exercises["hip-raise"].title,
    ]
    assert "- use: plank" in view.document.dump()

    source = ROOT / "routines" / "daily-psoas.yaml"
    before = source.read_bytes()
    answers.append(NewStart("My daily", copy_of=source))
    view.act.new.trigger()
    assert view.document.name == "My daily"
    assert len(view.step_titles()) > 3
    assert view.path is None  # saved only when the user saves, into their own folder
    assert view.files.save()
    assert view.path is not None and view.path.parent == user_dir
    assert source.read_bytes() == before


def test_new_asks_about_unsaved_changes_only_once_chosen(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = make_editor(qtbot, catalog, user_dir)
    view._choose_start = lambda *_args: None  # type: ignore[assignment]
    view.act.add_rest.trigger()
    view.act.new.trigger()  # cancelled: nothing asked, nothing lost
    assert view.asked == []  # type: ignore[attr-defined]
    assert len(view.step_titles()) == 1


def test_the_real_dialog_runs_from_ctrl_n(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> None:
    view = make_editor(qtbot, catalog, user_dir)
    view.act.add_rest.trigger()
    view.undo_stack.setClean()
    seen: list[NewRoutineDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewRoutineDialog)
        seen.append(dialog)
        qtbot.keyClicks(dialog.name, "Keys only")
        qtbot.keyClick(dialog.name, Key.Key_Return)

    QTimer.singleShot(0, answer)
    view.step_list.setFocus()
    qtbot.keyClick(view.step_list, Key.Key_N, CTRL)
    assert seen
    assert view.document.name == "Keys only"
    assert view.step_titles() == []


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_copy_of_a_bundled_routine_reads_as_the_original_did(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, language: str
) -> None:
    """A bundled routine is shown in the user's language, their own routines as written: a
    copy made in German or French (New → a copy, or Edit on a bundled routine) kept the
    English description, names and spoken prompts. It reads as the original did now."""
    from psoas_timer import i18n
    from psoas_timer.core.loader import load_routine

    images = [ROOT / "assets"]
    i18n.set_language(language)
    view = make_editor(qtbot, catalog, user_dir)
    sources = sorted((ROOT / "routines").glob("*.yaml"))
    names: list[str] = []
    for source in sources:
        shown = load_routine(source, catalog.library, images, bundled=True)
        answer = NewStart(shown.name, copy_of=source)
        view._choose_start = lambda *_args, answer=answer: answer  # type: ignore[assignment]
        assert view.ask_new_routine()
        assert view.files.save() and view.path is not None
        copied = load_routine(view.path, catalog.library, images)
        words = {"name", "tags"}
        assert copied.model_dump(exclude=words) == shown.model_dump(exclude=words), source.name
        assert copied.name == shown.name
        assert copied.tags == [i18n.content(tag) for tag in shown.tags]
        names.append(shown.name)
    # the texts were there to translate: the check above is not English against English
    assert "Trigger-point release session" not in names

    # Edit on a bundled routine copies it into the user's folder first: the same words
    source = ROOT / "routines" / "trigger-point-release.yaml"
    shown = load_routine(source, catalog.library, images, bundled=True)
    assert view.files.open_path(source)
    assert view.path is not None and view.path.parent == user_dir
    copied = load_routine(view.path, catalog.library, images)
    assert copied.name == i18n._("{name} (copy)").format(name=shown.name)
    assert copied.description == shown.description != ""
    assert copied.model_dump(exclude={"name", "tags"}) == shown.model_dump(exclude={"name", "tags"})
