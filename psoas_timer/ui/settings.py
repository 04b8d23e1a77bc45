"""Preferences kept between runs, declared once and typed, over an injected QSettings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

__all__ = ["Option", "Preferences"]

T = TypeVar("T", bool, int, float, str)


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting: its key, its type (from the default) and its default."""

    key: str
    default: T

    def read(self, store: QSettings) -> T:
        value = store.value(self.key, self.default)
        kind: Callable[[Any], object] = type(self.default)
        if kind is bool and isinstance(value, str):  # INI files give strings back
            flag: object = value.lower() in ("true", "1", "yes")
            return cast(T, flag)
        try:
            return cast(T, kind(value))
        except (TypeError, ValueError):
            return self.default


LAST_ROUTINE = Option("session/last_routine", "")
SAFETY_SEEN = Option("safety/first_run_seen", False)
SAFETY_RELEASE_DISMISSED = Option("safety/release_dismissed", False)
STAY_ON_TOP = Option("window/stay_on_top", False)
MUTED = Option("audio/muted", False)


class Preferences:
    """The app's settings. Pass a QSettings in (tests give each one a file of its own)."""

    def __init__(self, store: QSettings) -> None:
        self._store = store

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
    def muted(self) -> bool:
        return self._get(MUTED)

    @muted.setter
    def muted(self, value: bool) -> None:
        self._set(MUTED, value)

    def geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    def sync(self) -> None:
        self._store.sync()
