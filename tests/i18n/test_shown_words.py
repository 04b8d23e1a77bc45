"""Words a routine file lists (muscles, equipment) and the body areas the history keys by are
shown in the user's language, while what is stored stays as the file writes it."""

from __future__ import annotations

import ast
from pathlib import Path

from pytestqt.qtbot import QtBot

from psoas_timer import i18n
from psoas_timer.core.catalog import Catalog
from psoas_timer.history.records import Area, Point
from psoas_timer.i18n.content_extract import extract
from psoas_timer.ui.editor.cue_table import CueTable
from psoas_timer.ui.editor.library_picker import LibraryPicker
from tests.editor.conftest import catalog  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parents[2]


def test_a_body_area_is_named_in_the_users_language_and_kept_as_written() -> None:
    area = Area("psoas", "left")
    assert area.label == "left psoas"
    i18n.set_language("de")
    assert area.label == "Psoas links"
    assert Area("hip flexors").label == "Hüftbeuger"
    assert Point("iliacus-release", "Iliacus release", "right").label == "Iliacus lösen rechts"
    assert area.name == "psoas"  # the history's key does not change with the language
    # a user's own word stays as written; only the side is in German
    assert Area("my sore spot", "right").label == "my sore spot rechts"
    i18n.set_language("fr")
    assert Area("adductors", "right").label == "adducteurs, côté droit"


def test_every_muscle_and_piece_of_equipment_in_the_bundled_library_is_in_the_catalog() -> None:
    texts = {m.text for m in extract(ROOT / "routines", ROOT)}
    import yaml

    for path in sorted((ROOT / "routines" / "library").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for exercise in (
            data["exercises"].values() if isinstance(data["exercises"], dict) else data["exercises"]
        ):
            for word in [*exercise.get("muscles", []), *exercise.get("equipment", [])]:
                assert word in texts, f"{path.name}: {word!r} is not offered to translators"


def test_upper_first_keeps_the_rest_of_a_translation_as_written() -> None:
    assert i18n.upper_first("keine Veränderung") == "Keine Veränderung"
    assert i18n.upper_first("") == ""
    # str.capitalize would lower the noun: the reason no shown text may use it
    assert "keine Veränderung".capitalize() != "Keine Veränderung"


def test_no_shown_text_is_capitalized_with_str_capitalize() -> None:
    """``str.capitalize`` lowers every letter after the first: German nouns and names in a
    translation would lose their capitals. Shown text uses ``i18n.upper_first``."""
    allowed = {
        # an accessible name made from an object name, never a translation
        ("psoas_timer/ui/common/fit_label.py", "name"),
        ("psoas_timer/ui/player/player_view.py", "name"),
        # a new routine's name from its file name
        ("psoas_timer/ui/editor/editor_view.py", "path"),
    }
    found = []
    for path in sorted((ROOT / "psoas_timer").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "capitalize"
            ):
                root = node.func.value
                while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
                    root = root.func if isinstance(root, ast.Call) else root.value
                name = root.id if isinstance(root, ast.Name) else "?"
                where = (str(path.relative_to(ROOT)), name)
                if where not in allowed:
                    found.append(f"{where[0]}:{node.lineno}")
    assert not found, "str.capitalize on shown text: " + ", ".join(found)


def test_the_cue_table_heads_its_columns_in_the_users_language(qtbot: QtBot) -> None:
    i18n.set_language("de")
    table = CueTable()
    qtbot.addWidget(table)
    heads = [table.horizontalHeaderItem(i).text() for i in range(3)]
    assert heads == ["Wann", "Zeit", "Worte"]


def test_the_exercise_chooser_filters_by_muscle_in_the_users_language(
    qtbot: QtBot,
    catalog: Catalog,  # noqa: F811
) -> None:
    i18n.set_language("de")
    picker = LibraryPicker(catalog.library)
    qtbot.addWidget(picker)
    shown = [picker.equipment.itemText(i) for i in range(picker.equipment.count())]
    assert "Ball" in shown and "ball" not in shown
    picker.equipment.setCurrentText("Ball")
    with_ball = picker.visible_ids()
    assert with_ball
    assert all("ball" in catalog.library.exercises[i].equipment for i in with_ball)


def test_the_rating_prompts_key_line_stays_in_the_users_language_as_focus_moves(
    qtbot: QtBot,
) -> None:
    from psoas_timer.ui.progress.rating_prompt import NOTE_KEYS, SCORE_KEYS, RatingPrompt

    i18n.set_language("de")
    prompt = RatingPrompt()
    qtbot.addWidget(prompt)
    prompt._show_keys(prompt.note)
    assert prompt.keys.text() == i18n._(NOTE_KEYS) != NOTE_KEYS
    prompt._show_keys(object())  # any score field
    assert prompt.keys.text() == i18n._(SCORE_KEYS) != SCORE_KEYS


def test_a_named_breathing_pattern_is_named_in_the_users_language() -> None:
    from psoas_timer.core.breathing import NAMED_PATTERNS

    calm = NAMED_PATTERNS["calm"]
    assert calm.shown_label() == "calm 4-6"
    i18n.set_language("fr")
    assert NAMED_PATTERNS["box"].shown_label() == "carrée 4-4-4-4"
    assert calm.label() == "calm 4-6"  # what plan --json writes stays as the file says
