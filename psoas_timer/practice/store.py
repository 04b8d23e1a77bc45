"""The user's practice data: reminders, the programme they follow, and reminder state.

Kept as JSON in the user's data folder (``practice.json``), written atomically (a temporary
file, then a rename). A file that cannot be read is moved aside (``practice.json.unreadable``)
rather than overwritten, and the app carries on with nothing set.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from .schedule import Reminder

__all__ = ["FILE_NAME", "PracticeData", "load_practice", "save_practice"]

log = logging.getLogger(__name__)

FILE_NAME = "practice.json"


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


def load_practice(folder: Path) -> PracticeData:
    path = folder / FILE_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return PracticeData()
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        return PracticeData()
    try:
        return PracticeData.from_json(json.loads(text))
    except (ValueError, RecursionError) as exc:
        aside = path.with_name(FILE_NAME + ".unreadable")
        log.warning("%s is not valid JSON (%s); moved to %s", path, exc, aside)
        os.replace(path, aside)
        return PracticeData()


def save_practice(folder: Path, data: PracticeData) -> None:
    """Write *data* atomically: readers see the old file or the new one, never half."""
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data.to_json(), indent=2) + "\n"
    fd, temp = tempfile.mkstemp(prefix=".practice-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, folder / FILE_NAME)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
