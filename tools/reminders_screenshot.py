"""Render the Reminders dialog, filled in as a user would, into docs/screenshots/reminders.png.

Runs offscreen with the bundled routines and programmes::

    python tools/reminders_screenshot.py [--out docs/screenshots/reminders.png]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date, time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PSOAS_TIMER_DATA_DIR", tempfile.mkdtemp(prefix="psoas-shots-"))

from PySide6.QtWidgets import QApplication, QStyleFactory

from psoas_timer.core.catalog import load_catalog
from psoas_timer.practice.deskbreak import DeskBreakSettings
from psoas_timer.practice.programmes import load_programmes
from psoas_timer.practice.schedule import PROGRAMME_TARGET, Reminder
from psoas_timer.practice.store import PracticeData
from psoas_timer.ui.practice.controller import PracticeOptions
from psoas_timer.ui.practice.reminders_dialog import RemindersDialog

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "reminders.png")
    args = parser.parse_args()
    app = QApplication([])
    app.setStyle(QStyleFactory.create("Fusion"))
    catalog = load_catalog(ROOT / "routines")
    programmes = load_programmes(catalog, [(ROOT / "routines", True)])
    start = date(2026, 11, 2)
    data = PracticeData(
        reminders=[
            Reminder("a", "daily-psoas", frozenset(range(7)), time(18)),
            Reminder("b", PROGRAMME_TARGET, frozenset({0, 2, 4}), time(7, 30)),
        ],
        programme="core-and-glutes-6-weeks",
        programme_start=start,
    )
    routines = sorted(
        ((e.path.stem, e.name) for e in catalog.entries if e.ok), key=lambda pair: pair[1]
    )

    done = {date(2026, 11, d) for d in (2, 4, 6, 9, 11, 13)}

    class History:  # six sessions done: week 3 of the six-week programme
        def sessions_done_on(self, day: date) -> set[str]:
            return {"core-and-glutes"} if day in done else set()

    def today_text(key: str | None) -> str:
        shown = PracticeData(programme=key, programme_start=start)
        today = programmes.today(shown, date(2026, 11, 16), History())
        return f"Today: {today.label()}" if today else ""

    dialog = RemindersDialog(
        data,
        PracticeOptions(
            keep_in_tray=True, desk_break=DeskBreakSettings(enabled=True, every_minutes=50)
        ),
        routines=routines,
        programmes=[(e.key, e.name) for e in programmes.entries if e.programme],
        today_text=today_text,
        path_text="Reminders come as desktop notifications (gnome-shell), with Start now, "
        "In 10 minutes and Skip today buttons.",
        idle_text="Time away from the computer is read from the screensaver.",
        tray_available=True,
    )
    dialog.resize(820, 640)
    dialog.show()
    app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
