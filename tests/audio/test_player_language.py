"""The live player speaks the app's language (issue #26, item 3): its clips are the
language's, and a user's own words go to text-to-speech with a voice of that language."""

from __future__ import annotations

from typing import Any

import pytest

from psoas_timer.audio import player as player_module
from psoas_timer.audio.player import CuePlayer
from psoas_timer.audio.settings import AudioSettings
from psoas_timer.core.engine import FiredCue
from psoas_timer.core.plan import Cue

from .helpers import ASSETS
from .test_player import fake_multimedia


def test_a_users_own_words_are_spoken_in_the_apps_language(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt's mock engine has Finnish among its voices (the shipped languages are not): the
    player picks the voice of the app's language, not the engine's default (en_GB)."""
    monkeypatch.setattr(player_module, "_import_multimedia", fake_multimedia([object()]))
    monkeypatch.setattr(player_module, "language", lambda: "fi")
    player = CuePlayer(ASSETS, AudioSettings(), tts_engine="mock")
    player.play(FiredCue(Cue("prompt", "Liikuta varpaita"), 0.0, None), "voice")
    player.flush()
    assert [p for _, p in player.log] == ["say:Liikuta varpaita"]
    assert player._tts is not None and player._tts.locale().name() == "fi_FI"
    qtbot.waitUntil(lambda: player._tts.state() == type(player._tts.state()).Ready, timeout=3000)


def test_english_keeps_the_engines_english_voice(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(player_module, "_import_multimedia", fake_multimedia([object()]))
    monkeypatch.setattr(player_module, "language", lambda: "en")
    player = CuePlayer(ASSETS, AudioSettings(), tts_engine="mock")
    player._speech()
    assert player._tts is not None and player._tts.locale().name().startswith("en")
