"""Preferences kept between runs: a registry of typed settings over an injected QSettings.

Every setting the app keeps in QSettings is declared once, one line each, as a
:class:`Setting` (or a :class:`JsonSetting` for a list or a mapping) on :class:`Preferences`
— its key, its type (from its default), its default, what values it allows and the keys it
was once kept under — and read and written as an attribute (``prefs.muted = True``); nothing
else reads or writes QSettings. What is kept where (QSettings, ``practice.json``, the history
database) and why is in ``docs/architecture.md``.

Every value read is checked against its type: a missing one reads as its default, and one
that is unusable (wrong type, not a number, an unknown word, a list nested past reason, JSON
of the wrong shape) reads as its default too, with one log line per setting; a number out of
range is brought into range. A hand-edited or damaged settings file never stops the app.

The store carries a version (``settings/version``). Opening an older store runs the steps in
:data:`MIGRATIONS` from its version up to :data:`SETTINGS_VERSION`, once, and records the new
version; a setting's ``formerly`` keys are carried to its key on the way. A store written by
a newer release is read as it is and never downgraded; a version that is not a number, or
below 0, is logged and read as version 0.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, overload

from PySide6.QtCore import QByteArray, QSettings

from psoas_timer.audio.settings import CUE_STYLES, TONE_STYLES
from psoas_timer.i18n import LANGUAGE_SETTING, _

if TYPE_CHECKING:  # imported when first used: the window reads preferences before it paints
    from pydantic import TypeAdapter

    from psoas_timer.audio.settings import AudioSettings
    from psoas_timer.ui.practice.controller import PracticeOptions

__all__ = [
    "MIGRATIONS",
    "SETTINGS_VERSION",
    "JsonSetting",
    "Preferences",
    "Setting",
    "migrate",
    "registry",
]

T = TypeVar("T", bool, int, float, str, QByteArray)
J = TypeVar("J")

_log = logging.getLogger(__name__)

#: Called with a setting's key, the unusable value found and the default read instead.
Report = Callable[[str, object, object], None]


def _log_unusable(key: str, value: object, default: object) -> None:
    _log.warning("setting %s: unusable value %.80r, using %r", key, value, default)


class _UnusableError(Exception):
    """A stored value that does not fit its setting's type."""


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: its key and its default, whose type is the setting's type.

    *allowed* lists the only values it may take (an unknown word reads as the default);
    *bounds* is the range a number is brought into; *formerly* names the keys older releases
    kept it under (the migration carries a value found there to *key*). On
    :class:`Preferences` it is an attribute: reading it reads the store, assigning writes it.
    """

    key: str
    default: T
    allowed: tuple[T, ...] = ()
    bounds: tuple[float, float] | None = None
    formerly: tuple[str, ...] = ()

    @overload
    def __get__(self, obj: None, owner: type) -> Setting[T]: ...
    @overload
    def __get__(self, obj: Preferences, owner: type) -> T: ...
    def __get__(self, obj: Preferences | None, owner: type) -> Setting[T] | T:
        return self if obj is None else obj.read(self)

    def __set__(self, obj: Preferences, value: T) -> None:
        obj.write(self, value)

    def read(self, store: QSettings, report: Report = _log_unusable) -> T:
        """The value in *store*, checked; the default when missing or unusable."""
        value = store.value(self.key)
        if value is None:
            return self.default
        try:
            return cast(T, self._checked(value))
        except _UnusableError:
            report(self.key, value, self.default)
            return self.default

    def _checked(self, value: object) -> object:
        default: object = self.default
        if isinstance(default, QByteArray):
            if not isinstance(value, QByteArray):
                raise _UnusableError
            return value
        if isinstance(default, bool):
            result: object = _flag(value)
        elif isinstance(value, (list, dict, QByteArray, tuple)):  # "a, b" in INI is a list
            raise _UnusableError
        else:
            kind: Callable[[Any], object] = type(default)
            try:
                result = kind(value)
            except (TypeError, ValueError, OverflowError) as exc:
                raise _UnusableError from exc
            if isinstance(result, float) and not math.isfinite(result):
                raise _UnusableError
            if self.bounds is not None and isinstance(result, (int, float)):
                low, high = self.bounds
                result = type(result)(min(high, max(low, result)))
        if self.allowed and result not in self.allowed:
            raise _UnusableError
        return result

    def write(self, store: QSettings, value: T) -> None:
        store.setValue(self.key, value)


def _flag(value: object) -> bool:
    """A stored switch: INI files give strings back; anything unrecognised is unusable."""
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
    raise _UnusableError


@dataclass(frozen=True)
class JsonSetting(Generic[J]):
    """A setting holding a list or a mapping, kept as JSON text and checked against *shape*
    (a type such as ``list[str]``) by pydantic, strictly: anything else reads as *default*
    (JSON nested past reason included). As an attribute of :class:`Preferences`, see
    :class:`Setting`."""

    key: str
    shape: Any
    default: J
    formerly: tuple[str, ...] = ()
    _adapters: dict[int, TypeAdapter[J]] = field(default_factory=dict, compare=False, repr=False)

    @overload
    def __get__(self, obj: None, owner: type) -> JsonSetting[J]: ...
    @overload
    def __get__(self, obj: Preferences, owner: type) -> J: ...
    def __get__(self, obj: Preferences | None, owner: type) -> JsonSetting[J] | J:
        return self if obj is None else obj.read(self)

    def __set__(self, obj: Preferences, value: J) -> None:
        obj.write(self, value)

    def _adapter(self) -> TypeAdapter[J]:
        if not self._adapters:
            from pydantic import ConfigDict, TypeAdapter

            self._adapters[0] = TypeAdapter(self.shape, config=ConfigDict(strict=True))
        return self._adapters[0]

    def read(self, store: QSettings, report: Report = _log_unusable) -> J:
        from pydantic import ValidationError

        value = store.value(self.key)
        if value is None or value == "":
            return self.default
        if not isinstance(value, str):
            report(self.key, value, self.default)
            return self.default
        try:
            return self._adapter().validate_json(value)
        except (ValidationError, ValueError, RecursionError):
            report(self.key, value, self.default)
            return self.default

    def write(self, store: QSettings, value: J) -> None:
        text = self._adapter().dump_json(value).decode("utf-8")
        store.setValue(self.key, text)


AnySetting = Setting[Any] | JsonSetting[Any]

#: The version of the settings' layout this release writes. A store without one predates
#: versioning (version 0).
SETTINGS_VERSION = 1
VERSION: Setting[int] = Setting("settings/version", 0)


def _v0_to_v1(store: QSettings) -> None:
    """Version 1 added the version itself; every key kept its name and meaning."""


#: ``MIGRATIONS[n]`` turns a version-*n* store into a version-*n+1* one.
MIGRATIONS: dict[int, Callable[[QSettings], None]] = {0: _v0_to_v1}


def registry() -> Iterator[AnySetting]:
    """Every setting the app keeps, as declared on :class:`Preferences`."""
    for value in vars(Preferences).values():
        if isinstance(value, (Setting, JsonSetting)):
            yield value


def _carry_former_keys(store: QSettings) -> None:
    for setting in registry():
        for old in setting.formerly:
            if store.contains(old):
                if not store.contains(setting.key):
                    store.setValue(setting.key, store.value(old))
                store.remove(old)


def migrate(store: QSettings) -> int:
    """Bring *store* up to :data:`SETTINGS_VERSION`; the version it had before.

    A version that cannot be read (not a number, or below 0) is logged and taken as 0; a
    step missing from :data:`MIGRATIONS` is logged and skipped, never fatal."""
    found = VERSION.read(store)
    version = found
    if version < 0:
        _log.warning("settings version %r is not one this app wrote; reading as 0", version)
        version = 0
    if version < SETTINGS_VERSION:
        _carry_former_keys(store)
    while version < SETTINGS_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            _log.warning("no settings migration from version %d; its values kept", version)
        else:
            step(store)
        version += 1
        store.setValue(VERSION.key, version)
    return found


def _file_problem(file_name: str) -> str | None:
    """Why the settings file at *file_name* cannot be read or written, or ``None``."""
    if not file_name or not os.path.isabs(file_name):
        return None  # the Windows registry, or nothing to check
    path = Path(file_name)
    if path.is_dir():
        return _("it is a folder")
    if not path.exists():
        return None  # made on first save; the folder is checked with the others
    if not os.access(path, os.R_OK):
        return _("it cannot be read")
    if not os.access(path, os.W_OK):
        return _("it is read-only")
    return None


class Preferences:
    """The app's settings. Pass a QSettings in (tests give each one a file of its own); an
    older store is migrated when it is opened.

    Each setting is one line below; see :class:`Setting` for how it reads and writes.
    """

    last_routine = Setting("session/last_routine", "")
    #: The notice has been shown once (first run).
    safety_seen = Setting("safety/first_run_seen", False)
    #: The user asked not to see the notice again before pressure-release routines.
    safety_release_dismissed = Setting("safety/release_dismissed", False)
    stay_on_top = Setting("window/stay_on_top", False)
    muted = Setting("audio/muted", False)
    #: On holds, show the time held (counting up) instead of the time to go.
    count_up = Setting("player/count_up_holds", False)
    high_contrast = Setting("window/high_contrast", False)
    #: The player's figure moves with the reps and the breath (off: still key poses).
    animate = Setting("player/animate_figure", True)
    #: Closing the window during a session leaves it running in the tray.
    close_to_tray = Setting("tray/close_to_tray", False)
    _geometry = Setting("window/geometry", QByteArray())
    #: Ask "How does it feel?" before and after routines with release or stretch work (each
    #: routine may still be off).
    ask_ratings = Setting("history/ask_ratings", True)
    #: Stop from afar (a media key, a phone, ``playerctl stop``) stops at once, unasked
    #: (otherwise it asks, and Play answers).
    remote_stop_unasked = Setting("remote/stop_without_asking", False)
    #: The routines (by name) not to ask for.
    _ratings_off = JsonSetting("history/ratings_off_routines", list[str], cast(list[str], []))
    #: The chosen theme (``psoas_timer.ui.common.theme.THEMES``).
    theme = Setting("window/theme", "system", allowed=("system", "light", "dark"))
    #: The language chosen in Menu → Language (a code such as "de" or "pt_BR"); "" follows
    #: the system. Applied at start by ``i18n.chosen_language``'s rule; the command line
    #: reads it too, without Qt (``cli.kept_language``): keep its key and its plain string.
    language = Setting(LANGUAGE_SETTING, "")
    #: The last answers to each routine's either/or steps, ``{routine: [option, ...]}``, each
    #: option by its key (library id or name), in the order of the routine's choices.
    _choices = JsonSetting("session/choices", dict[str, list[str]], cast(dict[str, list[str]], {}))

    # Sound. The defaults are AudioSettings' own (a test reads an empty store and compares).
    _audio_master = Setting("audio/master", 0.8, bounds=(0.0, 1.0))
    _audio_voice = Setting("audio/voice", 1.0, bounds=(0.0, 1.0))
    _audio_tones = Setting("audio/tones", 0.8, bounds=(0.0, 1.0))
    _audio_breathing = Setting("audio/breathing", 0.6, bounds=(0.0, 1.0))
    _audio_voice_on = Setting("audio/voice_on", True)
    _audio_breathing_on = Setting("audio/breathing_on", True)
    _audio_tone_style = Setting("audio/tone_style", "soft", allowed=TONE_STYLES)
    #: ``routine`` (follow each routine's cue style) or one of ``CUE_STYLES``.
    _audio_cue_style = Setting("audio/cue_style", "routine", allowed=("routine", *CUE_STYLES))

    # Daily practice (the Reminders dialog). The reminders themselves are user data, kept in
    # practice.json in the data folder; these are the options around them.
    _keep_in_tray = Setting("practice/keep_in_tray", False)
    _start_at_login = Setting("practice/start_at_login", False)
    _desk_break_on = Setting("practice/desk_break", False)
    _desk_break_minutes = Setting("practice/desk_break_minutes", 50, bounds=(5, 240))
    _desk_break_routine = Setting("practice/desk_break_routine", "desk-break")

    def __init__(self, store: QSettings) -> None:
        self._store = store
        self._reported: set[str] = set()
        migrate(store)
        self.problem = self._file_problem()

    def _file_problem(self) -> str | None:
        """What is wrong with the settings file, said once in the log (and by the window,
        through :func:`psoas_timer.paths.storage_problem`)."""
        reason = _file_problem(self._store.fileName())
        if reason is None and self._store.status() != QSettings.Status.NoError:
            reason = _("it cannot be read")
        if reason is None:
            return None
        _log.warning("settings file %s: %s; settings will not be kept", self.file_name, reason)
        return reason

    def _report(self, key: str, value: object, default: object) -> None:
        if key not in self._reported:  # once per setting, not on every read
            self._reported.add(key)
            _log_unusable(key, value, default)

    @overload
    def read(self, setting: Setting[T]) -> T: ...
    @overload
    def read(self, setting: JsonSetting[J]) -> J: ...
    def read(self, setting: Setting[Any] | JsonSetting[Any]) -> Any:
        """The value of *setting* (see :class:`Setting`)."""
        return setting.read(self._store, self._report)

    def write(self, setting: Setting[Any] | JsonSetting[Any], value: Any) -> None:
        setting.write(self._store, value)

    def ratings_for(self, routine: str) -> bool:
        """Whether to ask for ratings for the routine named *routine*."""
        return self.ask_ratings and routine not in self._ratings_off

    def routine_ratings(self, routine: str) -> bool:
        """The routine's own switch, whatever the switch for all says."""
        return routine not in self._ratings_off

    def set_routine_ratings(self, routine: str, on: bool) -> None:
        names = [n for n in self._ratings_off if n != routine]
        if not on:
            names.append(routine)
        self._ratings_off = sorted(names)

    def last_choices(self, routine: str) -> list[str]:
        """The options last picked for *routine*'s either/or steps (none remembered: [])."""
        return self._choices.get(routine, [])

    def remember_choices(self, routine: str, picked: list[str]) -> None:
        found = dict(self._choices)
        found[routine] = list(picked)
        self._choices = dict(sorted(found.items()))

    def audio_settings(self) -> AudioSettings:
        """The sound settings; each bad or missing value falls back to its default."""
        from psoas_timer.audio.settings import AudioSettings

        cue_style = self._audio_cue_style
        return AudioSettings(
            master=self._audio_master,
            voice=self._audio_voice,
            tones=self._audio_tones,
            breathing=self._audio_breathing,
            muted=self.muted,
            voice_on=self._audio_voice_on,
            breathing_on=self._audio_breathing_on,
            tone_style=next(t for t in TONE_STYLES if t == self._audio_tone_style),
            style_override=next((c for c in CUE_STYLES if c == cue_style), None),
        )

    def set_audio_settings(self, settings: AudioSettings) -> None:
        """Keep *settings* (``audio/muted`` is the same key as :attr:`muted`)."""
        self._audio_master = settings.master
        self._audio_voice = settings.voice
        self._audio_tones = settings.tones
        self._audio_breathing = settings.breathing
        self.muted = settings.muted
        self._audio_voice_on = settings.voice_on
        self._audio_breathing_on = settings.breathing_on
        self._audio_tone_style = str(settings.tone_style)
        self._audio_cue_style = settings.style_override or "routine"

    def practice_options(self) -> PracticeOptions:
        """The practice options; a bad or missing value falls back to its default, the
        desk-break interval is kept within 5 to 240 minutes, and start at login reads as off
        when its entry is not on disk (removed by hand, or by another tool)."""
        from psoas_timer.practice import autostart
        from psoas_timer.practice.deskbreak import DeskBreakSettings
        from psoas_timer.ui.practice.controller import PracticeOptions

        return PracticeOptions(
            keep_in_tray=self._keep_in_tray,
            start_at_login=self._start_at_login and autostart.enabled(),
            desk_break=DeskBreakSettings(
                enabled=self._desk_break_on,
                every_minutes=self._desk_break_minutes,
                routine=self._desk_break_routine or Preferences._desk_break_routine.default,
            ),
        )

    def set_practice_options(self, options: PracticeOptions) -> None:
        self._keep_in_tray = options.keep_in_tray
        self._start_at_login = options.start_at_login
        self._desk_break_on = options.desk_break.enabled
        self._desk_break_minutes = options.desk_break.every_minutes
        self._desk_break_routine = options.desk_break.routine

    def geometry(self) -> QByteArray | None:
        value = self._geometry
        return None if value.isEmpty() else value

    def set_geometry(self, value: QByteArray) -> None:
        self._geometry = value

    @property
    def file_name(self) -> str:
        """Where the settings are stored (a file, or on Windows a registry path)."""
        return self._store.fileName()

    def sync(self) -> None:
        self._store.sync()

    def location(self) -> str:
        """Where the settings are kept (a file, or on Windows a registry path)."""
        return self._store.fileName()
