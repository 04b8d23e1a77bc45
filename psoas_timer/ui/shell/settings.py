"""Preferences kept between runs, declared once and typed, over an injected QSettings.

Every setting the app keeps is an :class:`Option` here (the tray's close-to-tray switch and
the window's geometry too); nothing else reads or writes QSettings. A stored value that is
missing or unreadable (wrong type, not a number, an unknown word) reads as its default, and a
volume out of range is clamped: a hand-edited or damaged settings file never stops the app.

The store carries a version (``settings/version``). Opening an older store runs the steps in
:data:`MIGRATIONS` from its version up to :data:`SETTINGS_VERSION`, once, and records the new
version; a store written by a newer release is read as it is and never downgraded.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:  # imported when first used: the window reads preferences before it paints
    from psoas_timer.audio.settings import AudioSettings
    from psoas_timer.ui.practice.controller import PracticeOptions

__all__ = ["MIGRATIONS", "SETTINGS_VERSION", "Option", "Preferences", "migrate"]

T = TypeVar("T", bool, int, float, str, QByteArray)

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting: its key, its type (from the default) and its default."""

    key: str
    default: T

    def read(self, store: QSettings) -> T:
        value = store.value(self.key, self.default)
        if isinstance(self.default, QByteArray):
            return value if isinstance(value, QByteArray) else self.default
        kind: Callable[[Any], object] = type(self.default)
        if kind is bool:
            flag: object = _flag(value, bool(self.default))
            return cast(T, flag)
        if isinstance(value, (list, dict, QByteArray)):  # "a, b" in an INI file is a list
            return self.default
        try:
            result = kind(value)
        except (TypeError, ValueError, OverflowError):
            _log.info("setting %s: unusable value %r, using %r", self.key, value, self.default)
            return self.default
        if isinstance(result, float) and not math.isfinite(result):
            return self.default
        return cast(T, result)


def _flag(value: object, default: bool) -> bool:
    """A stored switch: INI files give strings back; anything unrecognised is the default."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("true", "1", "yes", "on"):
            return True
        if word in ("false", "0", "no", "off"):
            return False
    return default


LAST_ROUTINE = Option("session/last_routine", "")
SAFETY_SEEN = Option("safety/first_run_seen", False)
SAFETY_RELEASE_DISMISSED = Option("safety/release_dismissed", False)
STAY_ON_TOP = Option("window/stay_on_top", False)
MUTED = Option("audio/muted", False)
#: On holds, show the time held (counting up) instead of the time to go.
COUNT_UP = Option("player/count_up_holds", False)
HIGH_CONTRAST = Option("window/high_contrast", False)
#: The player's figure moves with the reps and the breath (off: still key poses).
ANIMATE = Option("player/animate_figure", True)
CLOSE_TO_TRAY = Option("tray/close_to_tray", False)
GEOMETRY = Option("window/geometry", QByteArray())
#: Ask "How does it feel?" before and after routines with release or stretch work.
ASK_RATINGS = Option("history/ask_ratings", True)
#: Stop from afar (a media key, a phone, ``playerctl stop``) stops at once, unasked.
REMOTE_STOP_UNASKED = Option("remote/stop_without_asking", False)
#: The routines (by name, a JSON list) not to ask for.
RATINGS_OFF = Option("history/ratings_off_routines", "[]")
#: ``system``, ``light`` or ``dark`` (``psoas_timer.ui.common.theme.THEMES``).
THEME = Option("window/theme", "system")
#: The last answers to each routine's either/or steps: JSON, ``{routine: [option, ...]}``,
#: each option by its key (library id or name), in the order of the routine's choices.
CHOICES = Option("session/choices", "")

# The defaults are AudioSettings' own (a test reads an empty store and compares).
AUDIO_MASTER = Option("audio/master", 0.8)
AUDIO_VOICE = Option("audio/voice", 1.0)
AUDIO_TONES = Option("audio/tones", 0.8)
AUDIO_BREATHING = Option("audio/breathing", 0.6)
AUDIO_VOICE_ON = Option("audio/voice_on", True)
AUDIO_BREATHING_ON = Option("audio/breathing_on", True)
AUDIO_TONE_STYLE = Option("audio/tone_style", "soft")
#: ``routine`` (follow each routine's cue style) or one of ``CUE_STYLES``.
AUDIO_CUE_STYLE = Option("audio/cue_style", "routine")

# Daily practice (the Reminders dialog). The reminders themselves are user data, kept in
# practice.json in the data folder; these are the options around them.
PRACTICE_KEEP_IN_TRAY = Option("practice/keep_in_tray", False)
PRACTICE_START_AT_LOGIN = Option("practice/start_at_login", False)
DESK_BREAK_ON = Option("practice/desk_break", False)
DESK_BREAK_MINUTES = Option("practice/desk_break_minutes", 50)
DESK_BREAK_ROUTINE = Option("practice/desk_break_routine", "desk-break")

#: The version of the settings' layout this release writes. A store without one predates
#: versioning (version 0).
SETTINGS_VERSION = 1
VERSION = Option("settings/version", 0)


def _v0_to_v1(store: QSettings) -> None:
    """Version 1 added the version itself; every key kept its name and meaning."""


#: ``MIGRATIONS[n]`` turns a version-*n* store into a version-*n+1* one.
MIGRATIONS: dict[int, Callable[[QSettings], None]] = {0: _v0_to_v1}


def migrate(store: QSettings) -> int:
    """Bring *store* up to :data:`SETTINGS_VERSION`; the version it had before."""
    found = VERSION.read(store)
    version = found
    while version < SETTINGS_VERSION:
        MIGRATIONS[version](store)
        version += 1
        store.setValue(VERSION.key, version)
    return found


class Preferences:
    """The app's settings. Pass a QSettings in (tests give each one a file of its own); an
    older store is migrated when it is opened."""

    def __init__(self, store: QSettings) -> None:
        self._store = store
        migrate(store)

    def _get(self, option: Option[T]) -> T:
        return option.read(self._store)

    def _set(self, option: Option[T], value: T) -> None:
        self._store.setValue(option.key, value)

    @property
    def last_routine(self) -> str:
        return self._get(LAST_ROUTINE)

    @last_routine.setter
    def last_routine(self, value: str) -> None:
        self._set(LAST_ROUTINE, value)

    @property
    def safety_seen(self) -> bool:
        """The notice has been shown once (first run)."""
        return self._get(SAFETY_SEEN)

    @safety_seen.setter
    def safety_seen(self, value: bool) -> None:
        self._set(SAFETY_SEEN, value)

    @property
    def safety_release_dismissed(self) -> bool:
        """The user asked not to see the notice again before pressure-release routines."""
        return self._get(SAFETY_RELEASE_DISMISSED)

    @safety_release_dismissed.setter
    def safety_release_dismissed(self, value: bool) -> None:
        self._set(SAFETY_RELEASE_DISMISSED, value)

    @property
    def stay_on_top(self) -> bool:
        return self._get(STAY_ON_TOP)

    @stay_on_top.setter
    def stay_on_top(self, value: bool) -> None:
        self._set(STAY_ON_TOP, value)

    @property
    def count_up(self) -> bool:
        """Holds show the time held, counting up, instead of the time to go."""
        return self._get(COUNT_UP)

    @count_up.setter
    def count_up(self, value: bool) -> None:
        self._set(COUNT_UP, value)

    @property
    def animate(self) -> bool:
        """The player's figure moves with the session (off: it shows still poses)."""
        return self._get(ANIMATE)

    @animate.setter
    def animate(self, value: bool) -> None:
        self._set(ANIMATE, value)

    @property
    def high_contrast(self) -> bool:
        return self._get(HIGH_CONTRAST)

    @high_contrast.setter
    def high_contrast(self, value: bool) -> None:
        self._set(HIGH_CONTRAST, value)

    @property
    def ask_ratings(self) -> bool:
        """Ask for ratings before and after at all (each routine may still be off)."""
        return self._get(ASK_RATINGS)

    @ask_ratings.setter
    def ask_ratings(self, value: bool) -> None:
        self._set(ASK_RATINGS, value)

    @property
    def remote_stop_unasked(self) -> bool:
        """Stop from afar stops at once (otherwise it asks, and Play answers)."""
        return self._get(REMOTE_STOP_UNASKED)

    @remote_stop_unasked.setter
    def remote_stop_unasked(self, value: bool) -> None:
        self._set(REMOTE_STOP_UNASKED, value)

    def _ratings_off(self) -> list[str]:
        try:
            names = json.loads(self._get(RATINGS_OFF))
        except ValueError:
            return []
        return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []

    def ratings_for(self, routine: str) -> bool:
        """Whether to ask for ratings for the routine named *routine*."""
        return self.ask_ratings and routine not in self._ratings_off()

    def routine_ratings(self, routine: str) -> bool:
        """The routine's own switch, whatever the switch for all says."""
        return routine not in self._ratings_off()

    def set_routine_ratings(self, routine: str, on: bool) -> None:
        names = [n for n in self._ratings_off() if n != routine]
        if not on:
            names.append(routine)
        self._set(RATINGS_OFF, json.dumps(sorted(names)))

    @property
    def theme(self) -> str:
        """The chosen theme; an unknown word reads as ``system``."""
        value = self._get(THEME)
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._set(THEME, value)

    @property
    def muted(self) -> bool:
        return self._get(MUTED)

    @muted.setter
    def muted(self, value: bool) -> None:
        self._set(MUTED, value)

    @property
    def close_to_tray(self) -> bool:
        """Closing the window during a session leaves it running in the tray."""
        return self._get(CLOSE_TO_TRAY)

    @close_to_tray.setter
    def close_to_tray(self, value: bool) -> None:
        self._set(CLOSE_TO_TRAY, value)

    def _choices(self) -> dict[str, list[str]]:
        try:
            found = json.loads(self._get(CHOICES) or "{}")
        except ValueError:
            return {}
        if not isinstance(found, dict):
            return {}
        return {
            str(key): [str(v) for v in value]
            for key, value in found.items()
            if isinstance(value, list)
        }

    def last_choices(self, routine: str) -> list[str]:
        """The options last picked for *routine*'s either/or steps (none remembered: [])."""
        return self._choices().get(routine, [])

    def remember_choices(self, routine: str, picked: list[str]) -> None:
        found = self._choices()
        found[routine] = list(picked)
        self._set(CHOICES, json.dumps(found, ensure_ascii=False, sort_keys=True))

    def audio_settings(self) -> AudioSettings:
        """The sound settings; each bad or missing value falls back to its default."""
        from psoas_timer.audio.settings import CUE_STYLES, TONE_STYLES, AudioSettings

        tone_style = self._get(AUDIO_TONE_STYLE)
        cue_style = self._get(AUDIO_CUE_STYLE)
        return AudioSettings(
            master=self._get(AUDIO_MASTER),
            voice=self._get(AUDIO_VOICE),
            tones=self._get(AUDIO_TONES),
            breathing=self._get(AUDIO_BREATHING),
            muted=self._get(MUTED),
            voice_on=self._get(AUDIO_VOICE_ON),
            breathing_on=self._get(AUDIO_BREATHING_ON),
            tone_style=next((t for t in TONE_STYLES if t == tone_style), "soft"),
            style_override=next((c for c in CUE_STYLES if c == cue_style), None),
        )

    def set_audio_settings(self, settings: AudioSettings) -> None:
        """Keep *settings* (``audio/muted`` is the same key as :attr:`muted`)."""
        self._set(AUDIO_MASTER, settings.master)
        self._set(AUDIO_VOICE, settings.voice)
        self._set(AUDIO_TONES, settings.tones)
        self._set(AUDIO_BREATHING, settings.breathing)
        self._set(MUTED, settings.muted)
        self._set(AUDIO_VOICE_ON, settings.voice_on)
        self._set(AUDIO_BREATHING_ON, settings.breathing_on)
        self._set(AUDIO_TONE_STYLE, str(settings.tone_style))
        self._set(AUDIO_CUE_STYLE, settings.style_override or "routine")

    def practice_options(self) -> PracticeOptions:
        """The practice options; a bad or missing value falls back to its default, and the
        desk-break interval is kept within 5 to 240 minutes."""
        from psoas_timer.practice.deskbreak import DeskBreakSettings
        from psoas_timer.ui.practice.controller import PracticeOptions

        minutes = min(240, max(5, self._get(DESK_BREAK_MINUTES)))
        return PracticeOptions(
            keep_in_tray=self._get(PRACTICE_KEEP_IN_TRAY),
            start_at_login=self._get(PRACTICE_START_AT_LOGIN),
            desk_break=DeskBreakSettings(
                enabled=self._get(DESK_BREAK_ON),
                every_minutes=minutes,
                routine=self._get(DESK_BREAK_ROUTINE) or DESK_BREAK_ROUTINE.default,
            ),
        )

    def set_practice_options(self, options: PracticeOptions) -> None:
        self._set(PRACTICE_KEEP_IN_TRAY, options.keep_in_tray)
        self._set(PRACTICE_START_AT_LOGIN, options.start_at_login)
        self._set(DESK_BREAK_ON, options.desk_break.enabled)
        self._set(DESK_BREAK_MINUTES, options.desk_break.every_minutes)
        self._set(DESK_BREAK_ROUTINE, options.desk_break.routine)

    def geometry(self) -> QByteArray | None:
        value = self._get(GEOMETRY)
        return None if value.isEmpty() else value

    def set_geometry(self, value: QByteArray) -> None:
        self._set(GEOMETRY, value)

    @property
    def file_name(self) -> str:
        """Where the settings are stored (a file, or on Windows a registry path)."""
        return self._store.fileName()

    def sync(self) -> None:
        self._store.sync()

    def location(self) -> str:
        """Where the settings are kept (a file, or on Windows a registry path)."""
        return self._store.fileName()
