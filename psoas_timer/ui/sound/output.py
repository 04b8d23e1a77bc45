"""The window's view of sound: a small protocol, the bridge to the real cue player, silence.

The real player (``psoas_timer.audio``) is optional here: without it the window still runs,
silently. Tests pass a recorder that satisfies :class:`CueOutput`.

Settings apply live: :meth:`CueOutput.set_settings` takes a whole
:class:`~psoas_timer.audio.settings.AudioSettings` (what the Sound dialog emits), and
:meth:`CueOutput.preview` plays one sample at those settings so the user hears the level.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance

from psoas_timer.core.engine import FiredCue
from psoas_timer.core.plan import Cue
from psoas_timer.i18n import N_, _, pgettext

if TYPE_CHECKING:
    from psoas_timer.audio.settings import AudioSettings

log = logging.getLogger(__name__)

__all__ = [
    "PREVIEW_KINDS",
    "AudioBridge",
    "CueOutput",
    "DeferredOutput",
    "SilentOutput",
    "make_output",
]


#: What :meth:`CueOutput.preview` can play: the cue it builds, and the routine style that
#: makes the player give just that channel (a start tone; "Get ready" in the user's
#: language, as a session says it; an in-breath sound).
_PREVIEWS: dict[str, tuple[Callable[[], Cue], str]] = {
    "tone": (lambda: Cue("start", ""), "tone"),
    "voice": (lambda: Cue("get_ready", pgettext("spoken cue", "Get ready")), "voice"),
    "breathing": (lambda: Cue("inhale", ""), "tone"),
}
PREVIEW_KINDS: tuple[str, ...] = tuple(_PREVIEWS)

#: Marked only: translated where said (``_(MSG_NO_AUDIO).format(error=...)``).
MSG_NO_AUDIO = N_(
    "No sound: the sound part of Psoas Timer could not load ({error}). Cues are shown on screen."
)
MSG_PLAYER_FAILED = N_(
    "No sound: the sound player failed to start ({error}). Cues are shown on screen."
)


class CueOutput(Protocol):
    """What the window needs from sound."""

    @property
    def problem(self) -> SignalInstance:
        """Emitted with a sentence for the user when sound fails (``str``)."""
        ...

    @property
    def available(self) -> bool:
        """False when nothing can play at all (no device, no sound server, no Qt Multimedia);
        True while it may (a device not opened yet may still fail)."""
        ...

    def prepare(self) -> None:
        """Open the sound device now, if it is not open yet (it may take a moment)."""
        ...

    def warm_up(self) -> None: ...

    def play(self, fired: FiredCue, plan_style: str) -> None: ...

    def stop_all(self) -> None: ...

    def set_muted(self, muted: bool) -> None: ...

    def set_settings(self, settings: AudioSettings) -> None: ...

    def preview(self, kind: str) -> None: ...


class SilentOutput(QObject):
    """No sound at all (the audio package is missing or failed to start).

    Given a *reason*, it says so (once, with :attr:`problem`) when first asked to get
    ready or to play a sample, so the user learns why nothing is heard.
    """

    problem = Signal(str)

    def __init__(self, reason: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reason = reason

    @property
    def available(self) -> bool:
        return False

    def _say_why(self) -> None:
        reason, self._reason = self._reason, ""
        if reason:
            self.problem.emit(reason)

    def prepare(self) -> None:
        self._say_why()

    def warm_up(self) -> None:
        self._say_why()

    def play(self, fired: FiredCue, plan_style: str) -> None:
        pass

    def stop_all(self) -> None:
        pass

    def set_muted(self, muted: bool) -> None:
        pass

    def set_settings(self, settings: AudioSettings) -> None:
        pass

    def preview(self, kind: str) -> None:
        self._say_why()


class AudioBridge(QObject):
    """Wraps ``CuePlayer``: keeps its settings, resolves the cue style, forwards problems."""

    problem = Signal(str)

    def __init__(self, player: Any, settings: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = player
        self._settings = settings
        player.problem.connect(self.problem)

    @property
    def settings(self) -> AudioSettings:
        """The settings the player has now."""
        return self._settings  # type: ignore[no-any-return]

    @property
    def available(self) -> bool:
        return bool(self._player.available)

    def prepare(self) -> None:
        pass  # the player opened the device when it was made

    def warm_up(self) -> None:
        self._player.warm_up()

    def play(self, fired: FiredCue, plan_style: str) -> None:
        style = getattr(self._settings, "style_override", None) or plan_style
        self._player.play(fired, style)

    def stop_all(self) -> None:
        self._player.stop_all()

    def set_settings(self, settings: AudioSettings) -> None:
        """Apply *settings* now: volumes, switches, tone style and cue style."""
        self._settings = settings
        self._player.set_settings(settings)

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute, keeping every other setting as it is."""
        self.set_settings(dataclasses.replace(self._settings, muted=muted))
        if muted:
            self._player.stop_all()

    def preview(self, kind: str) -> None:
        """Play a sample of *kind* (``tone``, ``voice`` or ``breathing``) at the current
        volumes, tone style and switches, whatever the cue style: it is a level check.
        Muted, or with that channel switched off, nothing plays. Unknown kinds are ignored.
        """
        sample = _PREVIEWS.get(kind)
        settings = self._settings
        if sample is None or (kind == "voice" and not settings.voice_on):
            return  # with the voice off the player would say it with a tone instead
        make_cue, style = sample
        cue = make_cue()
        self._player.flush()  # cues already handed over keep the user's cue style
        free = dataclasses.replace(settings, style_override=None)
        if free != settings:
            self._player.set_settings(free)
        try:
            self._player.play(FiredCue(cue, 0.0, None), style)
            self._player.flush()
        finally:
            if free != settings:
                self._player.set_settings(settings)


class DeferredOutput(QObject):
    """A :class:`CueOutput` made on first use, or when :meth:`prepare` is called.

    Opening the sound device takes tens of milliseconds, which the window need not wait for
    before it lists the routines. Settings given before then are applied, in order, once the
    real output exists; stopping an output that does not exist yet has nothing to stop.
    """

    problem = Signal(str)

    def __init__(self, make: Callable[[], CueOutput], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make: Callable[[], CueOutput] | None = make
        self._real: CueOutput | None = None
        self._pending: list[Callable[[CueOutput], None]] = []

    @property
    def ready(self) -> bool:
        return self._real is not None

    @property
    def available(self) -> bool:
        return self._real is None or self._real.available

    def prepare(self) -> None:
        """Make the real output now (once) and hand it the settings given so far."""
        self._output()

    def _output(self) -> CueOutput:
        if self._real is None:
            assert self._make is not None
            self._real, self._make = self._make(), None
            self._real.problem.connect(self.problem)
            pending, self._pending = self._pending, []
            for call in pending:
                call(self._real)
        return self._real

    def warm_up(self) -> None:
        self._output().warm_up()

    def play(self, fired: FiredCue, plan_style: str) -> None:
        self._output().play(fired, plan_style)

    def stop_all(self) -> None:
        if self._real is not None:
            self._real.stop_all()

    def set_muted(self, muted: bool) -> None:
        if self._real is None:
            self._pending.append(lambda out: out.set_muted(muted))
        else:
            self._real.set_muted(muted)

    def set_settings(self, settings: AudioSettings) -> None:
        if self._real is None:
            self._pending.append(lambda out: out.set_settings(settings))
        else:
            self._real.set_settings(settings)

    def preview(self, kind: str) -> None:
        self._output().preview(kind)


def make_output(
    assets: Path,
    parent: QObject | None = None,
    *,
    settings: AudioSettings | None = None,
) -> CueOutput:
    """The real cue player when the audio package is there, else silence.

    It starts with *settings* (default :class:`AudioSettings`).
    """
    try:
        from psoas_timer.audio.player import CuePlayer
        from psoas_timer.audio.settings import AudioSettings
    except ImportError as exc:
        log.warning("no sound: the audio package could not load", exc_info=True)
        return SilentOutput(_(MSG_NO_AUDIO).format(error=exc), parent)
    try:
        start = settings if settings is not None else AudioSettings()
        return AudioBridge(CuePlayer(assets, start, parent), start, parent)
    except Exception as exc:  # a broken audio backend must never stop the timer
        log.exception("no sound: the cue player failed to start")
        return SilentOutput(_(MSG_PLAYER_FAILED).format(error=exc), parent)
