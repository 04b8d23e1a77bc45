"""A spoken cue's and a rest's words are named and explained in the editor as the format
declares them (#20 item 3): the fields of a milestone, a prompt and a rest with words carry
their label and help once, on the model (``core.step_cues``, ``core.rests``), as an open
hold's times do, and the editor, the help and the JSON Schema read them from there."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QStyle, QStyleOptionComboBox, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer import i18n
from psoas_timer.core.catalog import Catalog
from psoas_timer.core.rests import RestWords
from psoas_timer.core.step_cues import Milestone, Prompt
from psoas_timer.ui.editor.compound_fields import RestEdit
from psoas_timer.ui.editor.cue_table import CueTable

from .conftest import builder_window

_DESCRIBED = Qt.ItemDataRole.AccessibleDescriptionRole
#: Each kind of cue the table offers, with the model and key whose time it sets.
CUE_KEYS = {"milestone": (Milestone, "at"), "at": (Prompt, "at"), "every": (Prompt, "every")}


def _cue_table(qtbot: QtBot) -> tuple[CueTable, dict[str, int]]:
    """A table with one cue of each kind, and the row of each kind."""
    table = CueTable()
    qtbot.addWidget(table)
    table.show_cues(
        [{"at": 30, "say": "Thirty"}],
        [{"at": 10, "say": "Breathe"}, {"every": 20, "say": "Soften"}],
    )
    return table, {"milestone": 0, "at": 1, "every": 2}


def _labels(widget: QWidget) -> dict[QWidget, str]:
    """Each field inside *widget* that has a label, with the label's text."""
    return {label.buddy(): label.text() for label in widget.findChildren(QLabel) if label.buddy()}


def test_every_field_of_a_cue_is_named_and_explained_by_the_format(qtbot: QtBot) -> None:
    table, rows = _cue_table(qtbot)
    shown: set[tuple[str, str]] = set()
    for kind, row in rows.items():
        model, key = CUE_KEYS[kind]
        time, say = model.model_fields[key], model.model_fields["say"]
        assert time.title and time.description and say.title and say.description, kind
        box = table.cellWidget(row, 0)
        assert isinstance(box, QComboBox) and box.currentData() == kind
        # the kind of cue is offered by the label of the key it sets, its help beside it
        index = box.findData(kind)
        assert box.itemText(index) == time.title, kind
        assert box.itemData(index, Qt.ItemDataRole.ToolTipRole) == time.description, kind
        assert box.accessibleDescription() == time.description == box.whatsThis(), kind
        # its time and its words say what they do
        time_cell, words_cell = table.item(row, 1), table.item(row, 2)
        assert time_cell.whatsThis() == time.description == time_cell.data(_DESCRIBED), kind
        assert words_cell.whatsThis() == say.description == words_cell.data(_DESCRIBED), kind
        # one column of words for both: a milestone's and a prompt's are named alike
        assert table.horizontalHeaderItem(2).text() == say.title, kind
        shown |= {(model.__name__, key), (model.__name__, "say")}
    every = {(model.__name__, key) for model in (Milestone, Prompt) for key in model.model_fields}
    assert shown == every  # no field of a cue goes without its label and help
    titles = {
        (m.__name__, k): m.model_fields[k].title
        for m in (Milestone, Prompt)
        for k in m.model_fields
    }
    assert titles == {
        ("Milestone", "at"): "Milestone at",
        ("Milestone", "say"): "Words",
        ("Prompt", "at"): "Say at",
        ("Prompt", "every"): "Say every",
        ("Prompt", "say"): "Words",
    }


def test_a_cue_made_another_kind_says_what_its_time_now_does(qtbot: QtBot) -> None:
    table, rows = _cue_table(qtbot)
    box = table.cellWidget(rows["at"], 0)
    assert isinstance(box, QComboBox)
    index = box.findData("every")
    box.setCurrentIndex(index)
    box.activated.emit(index)
    every = Prompt.model_fields["every"].description
    assert table.item(rows["at"], 1).whatsThis() == every == box.whatsThis()


def test_every_part_of_a_rest_with_words_is_named_and_explained_by_the_format(
    qtbot: QtBot,
) -> None:
    edit = RestEdit("Rest after this step")
    qtbot.addWidget(edit)
    parts = {"duration": edit.duration, "name": edit.name, "say": edit.say}
    assert list(parts) == list(RestWords.model_fields)  # no key goes without its field
    labels = _labels(edit)
    for key, part in parts.items():
        field = RestWords.model_fields[key]
        assert field.title and field.description, key
        if key == "duration":  # the rest's own length: named by the field the rest is
            assert part.accessibleName() == "Rest after this step"
            continue
        assert labels[part] == field.title, key
        assert part.accessibleName() == f"Rest after this step: {field.title}", key
        assert part.accessibleDescription() == field.description == part.whatsThis(), key
    assert {key: labels[parts[key]] for key in ("name", "say")} == {"name": "Name", "say": "Say"}
    assert edit.parts() == parts  # what a problem's place puts the cursor in


def test_the_editor_follows_what_the_format_says(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Change a declaration on the model, and the editor shows the change: it keeps no words
    of its own for these fields."""
    for model, key, title in (
        (Milestone, "at", "Tell the time at"),
        (Prompt, "every", "Repeat every"),
        (Prompt, "say", "Spoken words"),
        (RestWords, "say", "Words instead"),
    ):
        monkeypatch.setattr(model.model_fields[key], "title", title)
        monkeypatch.setattr(model.model_fields[key], "description", f"About {title}.")
    table, rows = _cue_table(qtbot)
    milestone = table.cellWidget(rows["milestone"], 0)
    assert isinstance(milestone, QComboBox)
    assert milestone.itemText(milestone.findData("milestone")) == "Tell the time at"
    assert milestone.itemText(milestone.findData("every")) == "Repeat every"
    assert table.item(rows["milestone"], 1).whatsThis() == "About Tell the time at."
    assert table.item(rows["every"], 1).whatsThis() == "About Repeat every."
    assert table.horizontalHeaderItem(2).text() == "Spoken words"
    assert table.item(rows["at"], 2).whatsThis() == "About Spoken words."
    rest = RestEdit("Rest between sets")
    qtbot.addWidget(rest)
    assert _labels(rest)[rest.say] == "Words instead"
    assert rest.say.accessibleName() == "Rest between sets: Words instead"
    assert rest.say.whatsThis() == rest.say.accessibleDescription() == "About Words instead."


def test_the_labels_and_help_are_in_the_user_s_language(qtbot: QtBot) -> None:
    i18n.set_language("de")
    table, rows = _cue_table(qtbot)
    rest = RestEdit("Pause nach diesem Schritt")
    qtbot.addWidget(rest)
    box = table.cellWidget(rows["milestone"], 0)
    assert isinstance(box, QComboBox)
    words = {
        "milestone": box.itemText(box.findData("milestone")),
        "column": table.horizontalHeaderItem(2).text(),
        "say": _labels(rest)[rest.say],
    }
    assert words == {"milestone": "Zwischenansage bei", "column": "Worte", "say": "Sagen"}
    english = {
        "milestone": Milestone.model_fields["at"].description,
        "words": Prompt.model_fields["say"].description,
        "name": RestWords.model_fields["name"].description,
    }
    shown = {
        "milestone": box.whatsThis(),
        "words": table.item(rows["at"], 2).whatsThis(),
        "name": rest.name.accessibleDescription(),
    }
    for key, text in shown.items():
        assert text == i18n._(str(english[key])) != english[key], key


_CUES = """name: Cues
steps:
  - name: Psoas release at the hip crease
    kind: release
    hold: 90s
    milestones: [30, 60, {at: 90, say: Ease off slowly}]
    prompts:
      - {at: 45s, say: Soften the belly}
      - {every: 20s, say: Keep breathing}
"""


@pytest.mark.parametrize("language", ["en", "de"])
def test_at_800_px_each_cue_s_kind_and_words_can_be_read(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, language: str
) -> None:
    """In the builder at 800 x 600, the cue table showed "Zwischenan" for "Zwischenansage
    bei", and the words column ("Worte") was past the table's right edge: the words said
    could not be seen without scrolling the table sideways."""

    i18n.set_language(language)
    _window, view = builder_window(qtbot, catalog, user_dir, (800, 600), _CUES)
    view.step_list.setCurrentRow(0)
    qtbot.wait(20)
    table = view.step_form.cues
    assert table.rowCount() == 5
    for row in range(table.rowCount()):
        box = table.cellWidget(row, 0)
        assert isinstance(box, QComboBox)
        room = box.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            _combo_option(box),
            QStyle.SubControl.SC_ComboBoxEditField,
            box,
        )
        shown = box.fontMetrics().horizontalAdvance(box.currentText())
        assert shown <= room.width(), (box.currentText(), shown, room.width())
    # the words: their column starts inside the table, with room to read a few of them
    viewport = table.viewport().width()
    words_from = table.columnViewportPosition(2)
    wide = table.fontMetrics().horizontalAdvance("Soften the belly")
    assert words_from >= 0 and viewport - words_from >= wide, (words_from, viewport, wide)


def _combo_option(box: QComboBox) -> QStyleOptionComboBox:
    option = QStyleOptionComboBox()
    option.initFrom(box)
    option.editable = box.isEditable()
    option.currentText = box.currentText()
    return option
