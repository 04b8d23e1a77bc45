"""The session builder, driven like a person would: keys, clicks, typing, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog
from psoas_timer.core.loader import load_routine
from psoas_timer.core.model import Step
from psoas_timer.core.plan import compile_plan
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.ui.editor import EditorView, EditorWindow
from psoas_timer.ui.editor.editor_view import CloseChoice
from psoas_timer.ui.editor.library_picker import LibraryPicker
from psoas_timer.ui.library.routine_watcher import RoutineWatcher

from .conftest import HAND_WRITTEN, ROOT, STRETCH, make_editor


def _editor(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, choice: CloseChoice = CloseChoice.CANCEL
) -> EditorView:
    return make_editor(qtbot, catalog, user_dir, choice=choice)


def test_build_a_routine_through_the_ui(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Evening", steps=[STRETCH])
    view.act.add_rest.trigger()
    view.add_from_library(["plank"])
    assert view.step_titles() == ["1. Kneeling hip-flexor stretch", "2. Rest", "3. Plank"]
    view.step_list.setFocus()
    qtbot.keyClick(view.step_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert view.step_titles() == ["1. Kneeling hip-flexor stretch", "2. Plank", "3. Rest"]
    assert view.current_row == 1

    view.step_list.setCurrentRow(0)
    hold = view.step_form.hold
    hold.setFocus()
    hold.selectAll()
    qtbot.keyClicks(hold, "1m30s")
    view.step_form.sets.setFocus()
    view.step_form.sets.selectAll()
    qtbot.keyClicks(view.step_form.sets, "2")
    assert "hold: 1m30s" in view.document.dump()
    assert "sets: 2" in view.document.dump()

    view.undo_stack.undo()  # sets
    view.undo_stack.undo()  # the whole typed hold is one command
    assert "hold: 30" in view.document.dump()
    view.undo_stack.redo()
    assert "hold: 1m30s" in view.document.dump()
    assert view.dirty

    with qtbot.waitSignal(view.saved) as saved:
        assert view.files.save()
    path = saved.args[0]
    assert path == user_dir / "evening.yaml"
    assert not view.dirty
    routine = load_routine(path, catalog.library, allowed=[ROOT / "assets"])
    steps = routine.steps
    assert [s.title for s in steps] == ["Kneeling hip-flexor stretch", "Plank", "Rest"]
    assert isinstance(steps[0], Step) and steps[0].hold == 90 and steps[0].sets == 1
    assert compile_plan(routine).total > 0
    assert view.total_label.text().startswith("Total ")
    with qtbot.waitSignal(view.start_routine) as started:
        view.act.start.trigger()
    assert started.args == [path]
    view.step_list.setCurrentRow(1)
    with qtbot.waitSignal(view.try_routine) as tried:
        view.act.try_.trigger()
    one = tried.args[0]
    assert one.steps == [routine.steps[1]]
    assert one.name == routine.name and one.defaults == routine.defaults


def test_invalid_input_shows_the_loaders_message_and_saves_as_a_draft(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Draft", steps=[STRETCH])
    hold = view.step_form.hold
    hold.setFocus()
    hold.selectAll()
    qtbot.keyClicks(hold, "abc")
    assert view.routine is None
    messages = [view.problem_list.item(i).text() for i in range(view.problem_list.count())]
    assert any("expected a duration like 90" in m for m in messages), messages
    assert not view.act.start.isEnabled()
    assert view.files.save()
    assert "hold: abc" in (user_dir / "draft.yaml").read_text(encoding="utf-8")


def test_a_bundled_routine_is_copied_before_editing(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    source = ROOT / "routines" / "daily-psoas.yaml"
    before = source.read_bytes()
    assert view.files.open_path(source)
    assert view.path is not None and view.path.parent == user_dir
    view.step_list.setCurrentRow(2)
    view.step_form.sets.setFocus()
    view.step_form.sets.selectAll()
    qtbot.keyClicks(view.step_form.sets, "3")
    view.files.save()
    assert source.read_bytes() == before
    text = view.path.read_text(encoding="utf-8")
    assert "# Release" in text and "sets: 3" in text


def test_drag_and_drop_moves_the_step(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Drag", steps=[STRETCH])
    view.act.add_rest.trigger()
    view.act.add_breathing.trigger()
    model = view.step_list.model()
    commands = view.undo_stack.count()
    model.moveRow(model.index(-1, -1).parent(), 0, model.index(-1, -1).parent(), 3)
    qtbot.waitUntil(lambda: view.undo_stack.count() == commands + 1)
    assert view.step_titles()[-1].endswith("Kneeling hip-flexor stretch")
    names = [s.title for s in RoutineDocument.from_text(view.document.dump()).validate().steps]
    assert names == ["Rest", "Slow breathing", "Kneeling hip-flexor stretch"]
    view.undo_stack.undo()
    assert view.step_titles()[0].endswith("Kneeling hip-flexor stretch")


def test_repeat_groups_open_for_editing(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Circuit", steps=[STRETCH])
    view.act.add_group.trigger()
    assert view.forms.currentWidget() is view.group_form
    view.group_form.repeat.setFocus()
    view.group_form.repeat.selectAll()
    qtbot.keyClicks(view.group_form.repeat, "3")
    view.enter_group()
    assert view.crumb.text() == "Steps in Circuit"
    view.act.add_rest.trigger()
    assert len(view.step_titles()) == 2
    view.leave_group()
    routine = view.validate()
    assert routine is not None
    assert "repeat: 3" in view.document.dump()


def test_cues_and_text_fields_write_their_keys(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Cues", steps=[STRETCH])
    form = view.step_form
    form.add_cue.click()
    form.instructions.setPlainText("Kneel.\nTuck the pelvis.")
    form.safety.setPlainText("Stop on sharp pain.")
    _ = form.breathing
    view.step_form.edited.emit("breathing", "box")
    text = view.document.dump()
    assert "prompts:\n      - {at: 10, say: Keep breathing}" in text
    assert "instructions:\n      - Kneel.\n      - Tuck the pelvis." in text
    assert "breathing: box" in text
    form.timing.setCurrentIndex(2)
    form.timing.activated.emit(2)
    assert "open: {min: 30, target: 1m, max: 2m}" in view.document.dump()
    assert view.validate() is not None


def test_importing_a_broken_file_lists_its_problems(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, tmp_path: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nsteps:\n  - name: A\n    hodl: 3\n  - use: nope\n", encoding="utf-8")
    assert view.files.import_file(bad) is None
    messages = [view.problem_list.item(i).text() for i in range(view.problem_list.count())]
    assert any("bad.yaml:4:5" in m and "did you mean 'hold'" in m for m in messages), messages
    assert any("unknown exercise 'nope'" in m for m in messages)
    assert "not imported" in view.notice.text()
    assert list(user_dir.iterdir()) == []
    good = tmp_path / "good.yaml"
    good.write_text(HAND_WRITTEN, encoding="utf-8")
    assert view.files.import_file(good) == user_dir / "evening-psoas.yaml"
    assert view.path == user_dir / "evening-psoas.yaml"


def test_export_rename_delete_and_restore(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, tmp_path: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Share me", steps=[STRETCH])
    view.files.save()
    view.files.export_to(tmp_path / "out.yaml")
    assert (tmp_path / "out.yaml").read_text(encoding="utf-8") == view.document.dump()
    view.files.rename("Shared")
    assert view.path == user_dir / "shared.yaml"
    assert not (user_dir / "share-me.yaml").exists()
    view.files.delete_routine()
    assert not (user_dir / "shared.yaml").exists()
    assert view.restore_button.isVisibleTo(view)
    view.files.restore_deleted()
    assert view.path == user_dir / "shared.yaml"
    assert view.document.name == "Shared"


def test_closing_with_unsaved_changes_asks(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> None:
    view = _editor(qtbot, catalog, user_dir, CloseChoice.CANCEL)
    window = EditorWindow(view)
    qtbot.addWidget(window)
    window.show()
    view.act.add_rest.trigger()
    assert not window.close()
    assert view.asked == ["My routine"]  # type: ignore[attr-defined]
    view.undo_stack.setClean()
    assert window.close()


def test_library_picker_filters(qtbot: QtBot, catalog: Catalog) -> None:
    picker = LibraryPicker(catalog.library)
    qtbot.addWidget(picker)
    everything = picker.visible_ids()
    picker.equipment.setCurrentText("ball")
    with_ball = picker.visible_ids()
    assert with_ball
    assert len(with_ball) < len(everything)
    assert all("ball" in catalog.library.exercises[i].equipment for i in with_ball)
    picker.equipment.setCurrentIndex(0)
    picker.kind.setCurrentText("Breathing")
    assert all(catalog.library.exercises[i].kind.value == "breathing" for i in picker.visible_ids())
    picker.kind.setCurrentIndex(0)
    picker.search.setText("psoas")
    assert "psoas-ball-release" in picker.visible_ids()


def test_a_file_changed_on_disk_is_noticed_and_reloaded(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    path = user_dir / "evening.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    watcher = RoutineWatcher([user_dir])
    assert str(path) in watcher.watched()
    view = _editor(qtbot, catalog, user_dir)
    view.files.open_path(path)
    watcher.changed.connect(view.files.on_files_changed)
    with qtbot.waitSignal(watcher.changed, timeout=5000) as changed:
        path.write_text(HAND_WRITTEN.replace("Evening psoas", "Night psoas"), encoding="utf-8")
    assert path in changed.args[0] or user_dir in changed.args[0]
    assert view.document.name == "Night psoas"
    with qtbot.waitSignal(watcher.changed, timeout=5000) as changed:
        (user_dir / "new.yaml").write_text(
            "name: New\nsteps: [{name: A, hold: 5}]\n", encoding="utf-8"
        )
    assert str(user_dir / "new.yaml") in watcher.watched()


@pytest.mark.parametrize("key", ["Alt+Up", "Alt+Down", "Ctrl+Z", "Ctrl+S", "Ctrl+L", "Ctrl+D"])
def test_every_action_has_a_keyboard_shortcut(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, key: str
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    shortcuts = {a.shortcut().toString() for a in view.actions()}
    assert key in shortcuts


def test_no_two_editor_commands_share_a_key(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> None:
    from PySide6.QtGui import QAction

    view = _editor(qtbot, catalog, user_dir)
    seen: dict[str, str] = {}
    for action in view.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text}: {seen.get(text)} and {action.text()}"
            seen[text] = action.text()
    assert seen["Ctrl+N"] == "&New"


NESTED = """\
name: Circuit day
defaults:
  prepare: 4
  rest: 6
  breathing: calm
steps:
  - name: Warm up
    hold: 20
  - repeat: 3
    name: Core circuit
    rest_between: 30
    steps:
      - name: Plank
        hold: 30
      - repeat: 2
        name: Inner
        steps:
          - name: Bird dog
            hold: 10
"""


def test_try_plays_the_selected_step_or_group_at_any_depth(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.load(RoutineDocument.from_text(NESTED), None)
    whole = view.routine
    assert whole is not None
    view.step_list.setCurrentRow(1)
    view.enter_group()  # Core circuit
    view.step_list.setCurrentRow(1)
    view.enter_group()  # Inner
    view.step_list.setCurrentRow(0)
    assert view.act.try_.isEnabled()
    view.step_list.setFocus()
    with qtbot.waitSignal(view.try_routine) as tried:
        qtbot.keyClick(view.step_list, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    one = tried.args[0]
    assert [s.title for s in one.steps] == ["Bird dog"]
    assert one.defaults == whole.defaults  # timed as in the routine: prepare, breathing...
    plan = compile_plan(one)
    assert [s.label for s in plan.segments if s.kind == "hold"] == ["Bird dog"]
    assert plan.segments[0].kind == "prepare" and plan.segments[0].duration == 4
    assert plan.segments[-1].breathing is not None

    view.leave_group()  # back in Core circuit, the Inner group selected
    with qtbot.waitSignal(view.try_routine) as tried:
        view.act.try_.trigger()
    group = tried.args[0]
    assert group.steps == [whole.steps[1].steps[1]]  # type: ignore[union-attr]
    holds = [s.label for s in compile_plan(group).segments if s.kind == "hold"]
    assert holds == ["Bird dog", "Bird dog"]  # all its rounds

    view.leave_group()
    view.step_list.setCurrentRow(1)  # the whole circuit: 3 rounds of Plank and 2 Bird dogs
    with qtbot.waitSignal(view.try_routine) as tried:
        view.act.try_.trigger()
    holds = [s.label for s in compile_plan(tried.args[0]).segments if s.kind == "hold"]
    assert holds == ["Plank", "Bird dog", "Bird dog"] * 3
    assert view.dirty is False  # trying changes nothing


def test_try_is_off_while_the_routine_has_problems(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.load(RoutineDocument.from_text(NESTED.replace("hold: 10", "hold: abc")), None)
    view.step_list.setCurrentRow(0)
    assert view.routine is None
    assert not view.act.try_.isEnabled()
    assert view.selected_routine() is None


def test_showing_a_routine_without_steps_changes_nothing_and_adding_one_undoes(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    text = "# Started by hand\nname: Not yet\n"
    view = _editor(qtbot, catalog, user_dir)
    view.load(RoutineDocument.from_text(text), None)
    assert view.step_titles() == []
    assert view.document.dump() == text
    assert not view.dirty
    view.act.add_rest.trigger()
    assert (
        view.document.dump() == text + "steps:\n  - name: Rest\n    kind: rest\n    duration: 1m\n"
    )
    view.undo_stack.undo()
    assert view.document.dump() == text  # the list made for the step goes with it
    assert not view.dirty


def test_opening_a_group_without_steps_changes_nothing(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    text = "name: Draft\nsteps:\n  - repeat: 2\n    name: Circuit\n"
    view = _editor(qtbot, catalog, user_dir)
    view.load(RoutineDocument.from_text(text), None)
    view.step_list.setCurrentRow(0)
    view.enter_group()
    assert view.crumb.text() == "Steps in Circuit"
    assert view.document.dump() == text
    assert not view.dirty
    view.act.add_step.trigger()
    assert [s.title for s in view.document.validate().steps[0].steps] == ["New step"]  # type: ignore[union-attr]
    view.undo_stack.undo()
    assert view.document.dump() == text
