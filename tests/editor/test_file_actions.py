"""FileActions on its own: the routine's file, driven through its narrow interfaces (a
stand-in for the edited routine and one for the user's answers), with no editor window."""

from __future__ import annotations

from pathlib import Path

from psoas_timer.core.catalog import Catalog
from psoas_timer.core.loader import Library
from psoas_timer.core.problems import LoadError, Problem
from psoas_timer.core.routine_io import RoutineDocument, new_document
from psoas_timer.ui.editor.file_actions import CloseChoice, FileActions


class Edited:
    """The edited routine, as FileActions sees it."""

    def __init__(self, library: Library) -> None:
        self.document = new_document("Morning")
        self.library = library
        self.dirty = False
        self.problems: list[Problem] = []
        self.notices: list[str] = []
        self.saved: list[Path] = []

    def load(self, document: RoutineDocument, path: Path | None) -> None:
        self.document, self.dirty = document, False

    def edit_routine(self, key: str, value: object, text: str) -> None:
        self.document.data[key] = value
        self.dirty = True

    def mark_saved(self, path: Path) -> None:
        self.dirty = False
        self.saved.append(path)

    def focus_name(self) -> None:
        pass

    def notify(self, text: str) -> None:
        self.notices.append(text)

    def show_file_problems(self, exc: LoadError) -> None:
        self.problems = exc.problems


class Answers:
    """The user's answers, given in advance."""

    def __init__(self, name: str | None = None, copy: str | None = None) -> None:
        self.name, self.copy = name, copy
        self.asked: list[str] = []

    def unsaved(self, name: str) -> CloseChoice:
        self.asked.append(name)
        return CloseChoice.SAVE

    def routine_to_copy(self, choices: list[str]) -> str | None:
        return self.copy if self.copy in choices else None

    def file_to_import(self) -> Path | None:
        return None

    def export_destination(self, suggested: Path) -> Path | None:
        return None

    def new_name(self, current: str) -> str | None:
        return self.name


def test_rename_asks_the_name_and_moves_the_file(tmp_path: Path, catalog: Catalog) -> None:
    edited, answers = Edited(catalog.library), Answers(name="Evening")
    files = FileActions(edited, answers, user_dir=tmp_path, bundled=list)
    assert files.save()
    assert files.path == tmp_path / "morning.yaml"
    files.on_rename_triggered()
    assert files.path == tmp_path / "evening.yaml" and files.path.is_file()
    assert not (tmp_path / "morning.yaml").exists()
    assert edited.saved == [tmp_path / "morning.yaml", tmp_path / "evening.yaml"]


def test_unsaved_changes_are_saved_when_the_user_says_so(tmp_path: Path, catalog: Catalog) -> None:
    edited, answers = Edited(catalog.library), Answers()
    files = FileActions(edited, answers, user_dir=tmp_path, bundled=list)
    edited.edit_routine("name", "Changed", "Rename")
    files.new_routine("Next")
    assert answers.asked == ["Changed"]
    assert (tmp_path / "changed.yaml").is_file()
    assert edited.document.name == "Next" and files.path is None


def test_duplicate_copies_the_chosen_bundled_routine(
    tmp_path: Path, catalog: Catalog, routines_dir: Path
) -> None:
    source = routines_dir / "daily-psoas.yaml"
    edited = Edited(catalog.library)
    files = FileActions(
        edited,
        Answers(copy="Daily psoas routine (bundled)"),
        user_dir=tmp_path,
        bundled=lambda: [source],
    )
    files.on_duplicate_triggered()
    assert files.path is not None and files.path.parent == tmp_path
    original = RoutineDocument.from_path(source).name
    assert edited.document.name == f"{original} (copy)"
    assert RoutineDocument.from_path(files.path).name == f"{original} (copy)"


def test_duplicate_offers_bundled_routines_by_the_names_the_library_shows(
    tmp_path: Path, catalog: Catalog, routines_dir: Path
) -> None:
    """In German the list of routines to copy said "daily-psoas (bundled)": a file's name
    and an English word. It shows the routine's name as the library does, and the copy
    reads in German too."""
    from psoas_timer import i18n

    i18n.set_language("de")
    source = routines_dir / "daily-psoas.yaml"
    shown = i18n.content("Daily psoas routine")
    assert shown != "Daily psoas routine"
    offered: list[list[str]] = []

    class Offered(Answers):
        def routine_to_copy(self, choices: list[str]) -> str | None:
            offered.append(choices)
            return choices[0]

    edited = Edited(catalog.library)
    files = FileActions(edited, Offered(), user_dir=tmp_path, bundled=lambda: [source])
    files.on_duplicate_triggered()
    assert offered == [[f"{shown} (mitgeliefert)"]]
    assert files.path is not None
    assert RoutineDocument.from_path(files.path).name == f"{shown} (Kopie)"
