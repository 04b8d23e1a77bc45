"""Render what issue 25 added to Progress, offscreen, over eight weeks of a sample history
(tools/sample_history.py): the Charts tab with a change that matters marked, the Body map
tab, the weekly check-in and the report's preview.

    python tools/progress_extra_screenshots.py [--out docs/screenshots] [--size 1280x800]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from shot_setup import offscreen_screen

_TMP = offscreen_screen(sys.argv[1:], "psoas-progress-extra-")

from PySide6.QtWidgets import QApplication, QStyleFactory  # noqa: E402
from sample_history import fill  # noqa: E402

from psoas_timer import paths  # noqa: E402
from psoas_timer.core.catalog import load_catalog  # noqa: E402
from psoas_timer.history import Area, HistoryStore  # noqa: E402
from psoas_timer.history.body_map import PLACES  # noqa: E402
from psoas_timer.ui.progress.checkin_dialog import CheckInDialog  # noqa: E402
from psoas_timer.ui.progress.progress_view import ProgressView  # noqa: E402
from psoas_timer.ui.progress.rating_prompt import RatingPrompt  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
UNTIL = date(2026, 12, 6)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    app = QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    now = datetime(2026, 12, 7, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    store = HistoryStore.open(_TMP / "history.sqlite3", wall=lambda: now)
    store.set_weekly_goal(5)
    fill(store, 8, UNTIL)
    catalog = load_catalog(paths.catalog_layout())
    page = ProgressView()
    page.body_map.routines = lambda: catalog.entries
    page.resize(width, height)
    page.set_store(store)
    page.show()
    page.refresh(now.date())
    page.tabs.setCurrentWidget(page.charts)
    app.processEvents()
    page.grab().save(str(args.out / "progress-change-that-matters.png"))
    page.tabs.setCurrentWidget(page.checkins)
    app.processEvents()
    page.grab().save(str(args.out / "progress-checkins.png"))
    page.tabs.setCurrentWidget(page.body_map)
    page.body_map.map.select(next(p for p in PLACES if p.key == "hip-crease-left"))
    app.processEvents()
    page.grab().save(str(args.out / "progress-body-map.png"))
    dialog = CheckInDialog(store, None, page)
    dialog.scores[0].setValue(7)
    dialog.impression.button(5).click()
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(args.out / "checkin.png"))
    dialog.reject()
    prompt = RatingPrompt()
    prompt.resize(width, height)
    prompt.ask(
        "Deep psoas release",
        "before",
        [Area("psoas", "left"), Area("psoas", "right"), Area("lower back")],
    )
    prompt.show()
    prompt.show_map(True)
    for place_key, score in (("hip-crease-left", 6), ("low-back-left", 4)):
        prompt.map.select(next(p for p in PLACES if p.key == place_key))
        prompt.map.score_changed.emit(prompt.map.selected, score)
    app.processEvents()
    prompt.grab().save(str(args.out / "rating-body-map.png"))
    print(f"wrote five screenshots to {args.out}")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
