"""Saving routines: readable, stable, comment-keeping YAML, and the user's file operations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from psoas_timer.core.catalog import Catalog
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.problems import LoadError
from psoas_timer.core.routine_edit import (
    container,
    duplicate_item,
    insert_item,
    set_value,
    step_baseline,
)
from psoas_timer.core.routine_files import (
    backup_path,
    delete_to_trash,
    duplicate_routine,
    export_routine,
    import_routine,
    rename_routine,
    restore_from_trash,
    save_document,
    slug,
)
from psoas_timer.core.routine_io import RoutineDocument, document_from_routine, new_document
from psoas_timer.ui.editor import step_moves

from .conftest import HAND_WRITTEN, ROOT

BUNDLED = sorted((ROOT / "routines").glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_bundled_file_saves_back_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert RoutineDocument.from_text(text).dump() == text


def test_every_bundled_routine_written_from_its_model_loads_equal(catalog: Catalog) -> None:
    for entry in catalog.entries:
        assert entry.routine is not None
        document = document_from_routine(entry.routine, catalog.library)
        text = document.dump()
        assert load_routine_text(text, "x", catalog.library) == entry.routine, entry.path
        assert RoutineDocument.from_text(text).dump() == text


def test_written_routines_read_like_a_person_wrote_them(catalog: Catalog) -> None:
    entry = catalog.find("trigger-point-release")
    assert entry is not None and entry.routine is not None
    text = document_from_routine(entry.routine, catalog.library).dump()
    assert text.startswith("version: 1\nname: ")
    assert "defaults" not in text or "defaults:" in text
    routine = load_routine_text(
        "name: R\nsteps:\n  - {name: A, hold: 90, sets: 1, sides: none, rest_after: 150}\n", "x"
    )
    text = document_from_routine(routine).dump()
    assert (
        text == "version: 1\nname: R\nsteps:\n  - name: A\n    hold: 1m30s\n    rest_after: 2m30s\n"
    )


def test_every_duration_the_models_declare_is_written_as_people_write_durations() -> None:
    """The writer finds the durations in the models' own types: in a step, the defaults, a
    group, an open hold, a breathing pattern and the cues; never a count."""
    from psoas_timer.core.routine_io import DURATION_KEYS

    assert {"hold", "tempo", "switch_sides", "rest_between", "target", "inhale", "every"} <= (
        DURATION_KEYS
    )
    assert not {"reps", "breaths", "sets", "repeat", "countdown"} & DURATION_KEYS
    routine = load_routine_text(
        "name: R\ndefaults: {switch_sides: 90}\nsteps:\n"
        "  - {name: A, open: {min: 30, target: 90}, sides: both,\n"
        "     prompts: [{every: 90, say: Breathe}]}\n",
        "x",
    )
    text = document_from_routine(routine).dump()
    assert "switch_sides: 1m30s" in text
    assert "target: 1m30s" in text
    assert "every: 1m30s" in text


def test_text_that_yaml_1_1_would_misread_is_quoted() -> None:
    routine = load_routine_text("name: 'yes'\nsteps:\n  - {name: '1:30', hold: 5}\n", "x")
    text = document_from_routine(routine).dump()
    assert load_routine_text(text, "x") == routine


def test_long_descriptions_fold_near_eighty_columns() -> None:
    words = " ".join(["stretch"] * 40)
    routine = load_routine_text(
        f"name: R\ndescription: {words}\nsteps:\n  - {{name: A, hold: 5}}\n", "x"
    )
    text = document_from_routine(routine).dump()
    assert "description: >-\n" in text
    assert max(len(line) for line in text.splitlines()) <= 90
    assert load_routine_text(text, "x") == routine


def test_comments_and_formatting_survive_an_edit(catalog: Catalog) -> None:
    document = RoutineDocument.from_text(HAND_WRITTEN)
    steps = container(document, ())
    assert set_value(steps[1], "hold", 45)
    assert set_value(steps[1], "sets", 2)
    duplicate_item(steps, 1)
    assert step_moves.move(document, (), 2, (), 0) == ((), 0)
    insert_item(container(document, ()), 3, {"name": "Rest", "kind": "rest", "duration": 60})
    text = document.dump()
    for comment in ("# My evening session", "# Release first", "# my favourite", "# Then stretch"):
        assert comment in text
    assert re.search(r"hold: 45 +# long on purpose", text)
    assert "open: {min: 60s, target: 90s, max: 2m}" in text
    assert 'name: "Kneeling stretch"' in text
    assert "instructions: |\n      Kneel.\n" in text
    assert "    sides: both\n    sets: 2\n" not in text  # sets goes to its place, before sides
    assert "    sets: 2\n    sides: both\n" in text
    routine = load_routine_text(text, "x", catalog.library)
    assert [s.title for s in routine.steps] == [  # type: ignore[union-attr]
        "Kneeling stretch",
        "Hip crease release",
        "Kneeling stretch",
        "Rest",
    ]
    assert RoutineDocument.from_text(text).dump() == text


NO_STEPS = """\
# Started by hand
name: Not yet
description: Steps to come.
"""


def test_reading_a_missing_steps_list_changes_nothing() -> None:
    document = RoutineDocument.from_text(NO_STEPS)
    assert container(document, ()) == []
    container(document, ()).append({"name": "Lost"})  # a detached list: not in the document
    assert document.dump() == NO_STEPS
    with pytest.raises(IndexError):
        container(document, (0,))
    with pytest.raises(IndexError):
        container(document, (0,), create=True)  # nothing made on the way to a missing group
    assert document.dump() == NO_STEPS

    group = "name: G\nsteps:\n  - repeat: 2\n    name: Circuit\n  - text\n"
    document = RoutineDocument.from_text(group)
    assert container(document, (0,)) == []
    with pytest.raises(TypeError):
        container(document, (1,))
    assert document.dump() == group


def test_an_edit_makes_a_missing_steps_list_in_its_place() -> None:
    document = RoutineDocument.from_text(NO_STEPS)
    insert_item(container(document, (), create=True), 0, {"name": "A", "hold": 30})
    assert document.dump() == NO_STEPS + "steps:\n  - name: A\n    hold: 30\n"
    document = RoutineDocument.from_text("name: G\nsteps:\n  - repeat: 2\n    x-note: mine\n")
    insert_item(container(document, (0,), create=True), 0, {"name": "B", "hold": 5})
    assert document.dump() == (
        "name: G\nsteps:\n  - repeat: 2\n    steps:\n      - name: B\n        hold: 5\n"
        "    x-note: mine\n"
    )
    document = RoutineDocument.from_text("name: N\nsteps:\n")  # steps: null
    insert_item(container(document, (), create=True), 0, {"name": "C", "hold": 5})
    assert load_routine_text(document.dump(), "x").steps[0].title == "C"  # type: ignore[union-attr]


def test_a_value_meaning_what_is_written_leaves_the_text_alone() -> None:
    document = RoutineDocument.from_text(HAND_WRITTEN)
    before = document.dump()
    step = container(document, ())[1]
    assert not set_value(step, "hold", 90)
    assert not set_value(step, "kind", "stretch")
    assert document.dump() == before


def test_values_equal_to_what_a_step_gets_anyway_are_not_written(catalog: Catalog) -> None:
    document = RoutineDocument.from_text(HAND_WRITTEN)
    steps = container(document, ())
    plain = steps[1]
    set_value(plain, "sides", "none", baseline=step_baseline(plain, catalog.library.raw))
    assert "sides" not in plain
    used = steps[0]
    base = step_baseline(used, catalog.library.raw)
    set_value(used, "breathing", "calm", baseline=base)  # the exercise's own pattern
    assert "breathing" not in used
    set_value(used, "sets", 1, baseline=base)
    assert "sets" not in used
    set_value(used, "breathing", "box", baseline=base)
    assert used["breathing"] == "box"


def test_copies_of_copies_keep_every_comment() -> None:
    document = RoutineDocument.from_text(HAND_WRITTEN)
    assert document.copy().copy().copy().dump() == HAND_WRITTEN


def test_a_new_document_holds_only_what_was_chosen() -> None:
    empty = new_document("Tuesday")
    assert empty.dump() == "version: 1\nname: Tuesday\n"  # no step the user did not choose
    with pytest.raises(LoadError, match="steps"):
        empty.validate()  # a draft until it has a step
    document = new_document("Tuesday", [{"use": "plank"}, {"name": "Rest", "kind": "rest"}])
    assert document.dump().startswith("version: 1\nname: Tuesday\nsteps:\n  - use: plank\n")


def test_hostile_text_is_refused_before_round_trip_loading() -> None:
    with pytest.raises(LoadError, match="not allowed"):
        RoutineDocument.from_text("name: !!python/object/apply:os.system [ls]\nsteps: []\n")
    with pytest.raises(LoadError, match="duplicate key"):
        RoutineDocument.from_text("name: a\nname: b\n")
    with pytest.raises(LoadError, match="expected a mapping"):
        RoutineDocument.from_text("- a\n")


def test_an_invalid_document_still_loads_as_a_draft_and_reports_like_loading() -> None:
    text = "name: Draft\nsteps:\n  - name: A\n    hodl: 30\n"
    document = RoutineDocument.from_text(text)
    with pytest.raises(LoadError) as caught:
        document.validate(name="draft.yaml")
    with pytest.raises(LoadError) as loaded:
        load_routine_text(text, "draft.yaml")
    assert caught.value.problems == loaded.value.problems
    assert "did you mean 'hold'" in str(caught.value)


def test_save_keeps_the_previous_version_and_skips_identical_writes(user_dir: Path) -> None:
    path = user_dir / "r.yaml"
    document = new_document("R", [{"name": "Lunge", "hold": 30}])
    assert save_document(document, path)
    first = path.read_bytes()
    assert not save_document(document, path)  # nothing changed: nothing written
    set_value(container(document, ())[0], "hold", 40)
    assert save_document(document, path)
    assert backup_path(path).read_bytes() == first
    assert path.read_bytes() != first
    assert sorted(p.name for p in user_dir.iterdir()) == [".backup", "r.yaml"]


def test_duplicate_leaves_the_bundled_file_alone(user_dir: Path) -> None:
    source = ROOT / "routines" / "daily-psoas.yaml"
    before = source.read_bytes()
    copy = duplicate_routine(source, user_dir)
    assert source.read_bytes() == before
    assert copy.parent == user_dir and copy.name == "daily-psoas-routine-copy.yaml"
    text = copy.read_text(encoding="utf-8")
    assert "name: Daily psoas routine (copy)" in text
    assert "# Warm up" in text
    assert duplicate_routine(source, user_dir).name == "daily-psoas-routine-copy-2.yaml"


def test_rename_changes_name_and_file(user_dir: Path) -> None:
    path = user_dir / "r.yaml"
    save_document(new_document("R"), path)
    renamed = rename_routine(path, "Morning flow")
    assert renamed == user_dir / "morning-flow.yaml"
    assert not path.exists()
    assert RoutineDocument.from_path(renamed).name == "Morning flow"
    assert rename_routine(renamed, "Morning Flow!") == renamed


def test_delete_goes_to_the_trash_and_undo_restores(user_dir: Path) -> None:
    path = user_dir / "r.yaml"
    save_document(new_document("R"), path)
    data = path.read_bytes()
    item = delete_to_trash(path)
    assert not path.exists() and item.trashed.read_bytes() == data
    assert item.trashed.parent.name == ".trash"
    assert restore_from_trash(item) == path
    assert path.read_bytes() == data


def test_import_validates_then_copies(tmp_path: Path, user_dir: Path, catalog: Catalog) -> None:
    good = tmp_path / "shared.yaml"
    good.write_text(HAND_WRITTEN, encoding="utf-8")
    target = import_routine(good, user_dir, catalog.library)
    assert target == user_dir / "evening-psoas.yaml"
    assert target.read_text(encoding="utf-8") == HAND_WRITTEN
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nsteps:\n  - name: A\n    hodl: 3\n  - use: nope\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        import_routine(bad, user_dir, catalog.library)
    messages = [str(p) for p in caught.value.problems]
    assert any("bad.yaml:4:5" in m and "unknown key 'hodl'" in m for m in messages)
    assert any("unknown exercise 'nope'" in m for m in messages)
    assert sorted(p.name for p in user_dir.iterdir()) == ["evening-psoas.yaml"]


def test_export_writes_a_copy_anywhere(tmp_path: Path) -> None:
    document = RoutineDocument.from_text(HAND_WRITTEN)
    export_routine(document, tmp_path / "out" / "share.yaml")
    assert (tmp_path / "out" / "share.yaml").read_text(encoding="utf-8") == HAND_WRITTEN
    export_routine(tmp_path / "out" / "share.yaml", tmp_path / "again.yaml")
    assert (tmp_path / "again.yaml").read_text(encoding="utf-8") == HAND_WRITTEN


def test_slug() -> None:
    assert slug("My evening!  Session") == "my-evening-session"
    assert slug("!!!") == "routine"
