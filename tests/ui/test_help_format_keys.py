"""Help's Routines tab lists the keys inside a step's open hold, rests, milestones and prompts
with the labels and help the format declares for them (#20 item 3): a key declared on the
model is listed in Help without being written there."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel
from pytestqt.qtbot import QtBot

from psoas_timer import i18n
from psoas_timer.core.open_holds import OpenHold
from psoas_timer.core.rests import RestWords
from psoas_timer.core.step_cues import Milestone, Prompt
from psoas_timer.ui.shell.help_dialog import Folders, HelpDialog

PARTS: dict[type[BaseModel], str] = {
    OpenHold: "open",
    RestWords: "rest_between_reps, rest_between_sets, rest_after",
    Milestone: "milestones",
    Prompt: "prompts",
}


def _format_tab(qtbot: QtBot, tmp_path: Path) -> list[str]:
    dialog = HelpDialog([], Folders(routines=tmp_path, settings="settings.conf"))
    qtbot.addWidget(dialog)
    return dialog.format.toPlainText().splitlines()


@pytest.mark.parametrize("language", ["en", "de"])
def test_help_lists_the_keys_inside_a_step_s_parts_with_their_label_and_help(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    i18n.set_language(language)
    lines = _format_tab(qtbot, tmp_path)
    for model, keys in PARTS.items():
        heading = i18n._("Inside {keys}:").format(keys=keys)
        assert heading in lines, heading
        start = lines.index(heading)
        for key, field in model.model_fields.items():
            label, about = i18n._(str(field.title)), i18n._(str(field.description))
            if language != "en":
                assert label != field.title or about != field.description, key
            # a table's cells come one to a line: the key, its label, its help
            rows = list(zip(lines[start:], lines[start + 1 :], lines[start + 2 :], strict=False))
            assert (key, label, about) in rows, (model.__name__, key)


def test_french_help_calls_a_step_s_keys_cles_not_keyboard_keys(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The French catalogue calls the format's keys "clés" everywhere else (unknown key,
    missing key...); "touches" are a keyboard's keys, which Help's Keys tab is about."""
    i18n.set_language("fr")
    lines = [line.replace("\u00a0", " ") for line in _format_tab(qtbot, tmp_path)]
    assert "Les clés d'une étape :" in lines
    assert not any("touches" in line for line in lines)
