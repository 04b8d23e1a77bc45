"""A word the voice says and the same English word as a label are two catalog entries
(context "spoken cue" against "step form" and "breathing"): French says « Tenez » for a
stretch but shows « Retenez » for a held breath and « Maintien » for the editor's field;
pt_BR says "Trocar" but names the field "Troca de lado". What is said keeps its words, so
its clips. No Qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from psoas_timer.audio.assets import Assets
from psoas_timer.core.breathing import Phase
from psoas_timer.core.model import Routine
from psoas_timer.core.plan import compile_plan
from psoas_timer.core.tempo import rep_phase_word
from psoas_timer.i18n import pgettext, set_language

ASSETS = Path(__file__).resolve().parents[2] / "assets"

#: language -> (said: get ready, hold, switch sides, up, down), (field: get ready, hold,
#: switch sides), the breathing guide's held breath
WORDS = {
    "en": (
        ("Get ready", "Hold", "Switch sides", "Up", "Down"),
        ("Get ready", "Hold", "Switch sides"),
        "Hold",
    ),
    "de": (
        ("Bereit machen", "Halten", "Seite wechseln", "Hoch", "Runter"),
        ("Vorbereitung", "Halten", "Seitenwechsel"),
        "Anhalten",
    ),
    "fr": (
        ("En place", "Tenez", "Changez de côté", "Montez", "Descendez"),
        ("Préparation", "Maintien", "Changement de côté"),
        "Retenez",
    ),
    "es": (
        ("Prepárate", "Mantén", "Cambio de lado", "Sube", "Baja"),
        ("Preparación", "Mantener", "Cambio de lado"),
        "Retén",
    ),
    "pt_BR": (
        ("Preparar", "Segure", "Trocar", "Sobe", "Desce"),
        ("Preparo", "Sustentação", "Troca de lado"),
        "Segure",
    ),
}

ROUTINE = {
    "version": 1,
    "name": "Both sides",
    "defaults": {"prepare": 5, "switch_sides": 5},
    "steps": [
        {"name": "Lunge", "kind": "stretch", "hold": 20, "sides": "both"},
        {"name": "Bridge", "kind": "exercise", "reps": 1, "tempo": "1-2-1"},
    ],
}


@pytest.fixture(params=sorted(WORDS))
def code(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    yield request.param
    set_language(None)


def test_the_voice_says_its_words_and_labels_have_their_own(code: str) -> None:
    said, fields, held_breath = WORDS[code]
    plan = compile_plan(Routine.model_validate(ROUTINE))
    cues = {cue.kind: cue.text for _at, cue, _seg in plan.cues()}
    phases = [cue.text for _at, cue, _seg in plan.cues() if cue.kind == "rep_phase"]
    assert (cues["get_ready"], cues["start"], cues["switch_sides"]) == said[:3]
    assert phases == [said[3], said[1], said[4]]  # up, hold, down
    assert [rep_phase_word(p) for p in ("up", "hold", "down")] == [said[3], said[1], said[4]]
    assert {s.label for s in plan.segments if s.kind in ("prepare", "switch")} == {
        said[0],
        said[2],
    }
    label = tuple(pgettext("step form", w) for w in ("Get ready", "Hold", "Switch sides"))
    assert label == fields
    assert Phase("hold_in", 0.5, 1.0, 0.0).word == held_breath
    assert Phase("hold_out", 0.5, 1.0, 0.0).word == held_breath


def test_what_is_said_has_its_clip(code: str) -> None:
    said = WORDS[code][0]
    voice = Assets(ASSETS, code)
    folder = ASSETS / "voice" / code if code != "en" else ASSETS / "voice"
    for text in said:
        clip = voice.voice(text)
        assert clip is not None and clip.parent == folder, (text, clip)
        assert clip.is_file()
