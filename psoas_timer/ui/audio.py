"""The window's view of sound: a small protocol, the bridge to the real cue player, silence.

The real player (``psoas_timer.audio``) is optional here: without it the window still runs,
silently. Tests pass a recorder that satisfies :class:`CueOutput`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from psoas_timer.core.engine import FiredCue

__all__ = ["AudioBridge", "CueOutput", "SilentOutput", "make_output"]


class CueOutput(Protocol):
    """What the window needs from sound."""

    def warm_up(self) -> None: ...

    def play(self, fired: FiredCue, plan_style: str) -> None: ...

    def stop_all(self) -> None: ...

    def set_muted(self, muted: bool) -> None: ...


class SilentOutput:
    """No sound at all (the audio package is missing or failed to start)."""

    def warm_up(self) -> None:
        pass

    def play(self, fired: FiredCue, plan_style: str) -> None:
        pass

    def stop_all(self) -> None:
        pass

    def set_muted(self, muted: bool) -> None:
        pass


class AudioBridge(QObject):
    """Wraps ``CuePlayer``: keeps its settings, resolves the cue style, forwards problems."""

    problem = Signal(str)

    def __init__(self, player: Any, settings: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = player
        self._settings = settings
        player.problem.connect(self.problem)

    def warm_up(self) -> None:
        self._player.warm_up()

    def play(self, fired: FiredCue, plan_style: str) -> None:
        style = getattr(self._settings, "style_override", None) or plan_style
        self._player.play(fired, style)

    def stop_all(self) -> None:
        self._player.stop_all()

    def set_muted(self, muted: bool) -> None:
        self._settings = dataclasses.replace(self._settings, muted=muted)
        self._player.set_settings(self._settings)
        if muted:
            self._player.stop_all()


def make_output(assets: Path, muted: bool, parent: QObject | None = None) -> CueOutput:
    """The real cue player when the audio package is there, else silence."""
    try:
        from psoas_timer.audio.player import CuePlayer
        from psoas_timer.audio.settings import AudioSettings
    except ImportError:
        return SilentOutput()
    try:
        settings = dataclasses.replace(AudioSettings(), muted=muted)
        return AudioBridge(CuePlayer(assets, settings, parent), settings, parent)
    except Exception:  # a broken audio backend must never stop the timer
        return SilentOutput()
