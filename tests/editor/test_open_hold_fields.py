"""An open hold's three times are named and explained in the editor as the format declares
them (#20 item 3): one place for the label and help the editor, the help and the JSON Schema
show."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from psoas_timer.core.open_holds import OpenHold
from psoas_timer.ui.editor.compound_fields import OpenHoldEdit


def test_each_time_is_named_and_explained_by_the_format(qtbot: QtBot) -> None:
    edit = OpenHoldEdit()
    qtbot.addWidget(edit)
    names = {}
    for key, part in edit.parts().items():
        field = OpenHold.model_fields[key]
        assert field.title and field.description, key
        assert part.accessibleName() == field.title, key
        assert part.accessibleDescription() == field.description == part.whatsThis(), key
        names[key] = part.accessibleName()
    assert names == {"min": "Shortest useful hold", "target": "Ask after", "max": "Longest hold"}


def test_the_editor_follows_what_the_format_says(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    field = OpenHold.model_fields["target"]
    monkeypatch.setattr(field, "title", "Check in after")
    monkeypatch.setattr(field, "description", "When the player checks in.")
    edit = OpenHoldEdit("left")
    qtbot.addWidget(edit)
    assert edit.target.accessibleName() == "Check in after, left side"
    assert edit.target.accessibleDescription() == "When the player checks in."
    assert edit.target.whatsThis() == "When the player checks in."
