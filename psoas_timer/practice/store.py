"""The user's practice data: reminders, the programme they follow, and reminder state.

Kept as JSON in the user's data folder (``practice.json``), written atomically (a temporary
file, then a rename). A file that cannot be read is moved aside (``practice.json.unreadable``)
(``practice.json.unreadable-YYYYmmdd-HHMMSS``, each damaged copy kept under its own name)
rather than overwritten, and the app carries on with nothing set. Only a regular file of at
most :data:`MAX_BYTES` is read (a FIFO or a device is refused, not waited on); a damaged file
that cannot be moved aside (a read-only folder) is left where it is.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from psoas_timer.atomic_file import atomic_write
from psoas_timer.core.file_reading import read_text

from .schedule import Reminder

__all__ = ["FILE_NAME", "PracticeData", "load_practice", "save_practice"]

log = logging.getLogger(__name__)

FILE_NAME = "practice.json"
#: Far more than any real practice file (a few KB); a bigger one is not read.
MAX_BYTES = 4 * 1024 * 1024


@dataclass
class PracticeData:
    reminders: list[Reminder] = field(default_factory=list)
    programme: str | None = None  # the programme's key (file stem)
    programme_start: date | None = None
    schedule_state: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "reminders": [
                {
                    "id": r.id,
                    "target": r.target,
                    "days": sorted(r.days),
                    "at": r.at.strftime("%H:%M"),
                }
                for r in self.reminders
            ],
            "programme": self.programme,
            "programme_start": self.programme_start.isoformat() if self.programme_start else None,
            "schedule": self.schedule_state,
        }

    @classmethod
    def from_json(cls, data: object) -> PracticeData:
        """Whatever can be read from *data*; a bad entry is left out (and logged)."""
        result = cls()
        if not isinstance(data, dict):
            return result
        for item in data.get("reminders") or []:
            try:
                result.reminders.append(
                    Reminder(
                        id=str(item["id"]),
                        target=str(item["target"]),
                        days=frozenset(int(d) for d in item["days"]),
                        at=time.fromisoformat(str(item["at"])),
                    )
                )
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("practice data: a reminder left out (%r): %s", item, exc)
        programme = data.get("programme")
        result.programme = programme if isinstance(programme, str) and programme else None
        start = data.get("programme_start")
        if isinstance(start, str):
            try:
                result.programme_start = date.fromisoformat(start)
            except ValueError:
                log.warning("practice data: unreadable programme start %r", start)
        schedule = data.get("schedule")
        result.schedule_state = schedule if isinstance(schedule, dict) else {}
        return result


def load_practice(folder: Path, *, now: datetime | None = None) -> PracticeData:
    """What ``practice.json`` in *folder* holds, or nothing set when it is missing,
    unreadable or damaged (a damaged one is moved aside under a dated name: see the
    module's docstring). Never raises for what the file holds."""
    path = folder / FILE_NAME
    try:
        text = read_text(path, max_bytes=MAX_BYTES)
    except FileNotFoundError:
        return PracticeData()
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        return PracticeData()
    except UnicodeDecodeError as exc:
        _move_aside(path, exc, now)
        return PracticeData()
    try:
        return PracticeData.from_json(json.loads(text))
    except (ValueError, RecursionError) as exc:
        _move_aside(path, exc, now)
        return PracticeData()


def _move_aside(path: Path, why: Exception, now: datetime | None) -> None:
    """Keep the damaged *path* under a name of its own (never over an earlier copy)."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{FILE_NAME}.unreadable-{stamp}")
    n = 1
    while aside.exists() or aside.is_symlink():
        n += 1
        aside = path.with_name(f"{FILE_NAME}.unreadable-{stamp}-{n}")
    try:
        os.rename(path, aside)
    except OSError as exc:
        log.warning(
            "%s is not valid (%s) and could not be moved aside (%s); it is left as it is",
            path, why, exc.strerror or exc,
        )  # fmt: skip
        return
    log.warning("%s is not valid (%s); moved to %s", path, why, aside)


def save_practice(folder: Path, data: PracticeData) -> None:
    """Write *data* atomically: readers see the old file or the new one, never half."""
    text = json.dumps(data.to_json(), indent=2) + "\n"
    atomic_write(folder / FILE_NAME, text, mode=0o600)
