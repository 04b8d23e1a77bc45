"""Render the Progress page and the rating prompt from the real window, offscreen, after
recording ten weeks of sessions through it on injected clocks.

Every session is run by the real window (engine, recorder, history file), with ratings
typed into the prompt, so the pictures show what a user would see after ten weeks::

    python tools/progress_screenshots.py [--out docs/screenshots] [--size 1280x800]
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from shot_setup import NoScreensaver, offscreen_screen

_TMP = offscreen_screen(sys.argv[1:], "psoas-progress-shots-")

from PySide6.QtCore import QEvent, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory  # noqa: E402

from psoas_timer import paths  # noqa: E402
from psoas_timer.core.catalog import Catalog, load_catalog  # noqa: E402
from psoas_timer.core.clock import FakeClock  # noqa: E402
from psoas_timer.history import HistoryStore  # noqa: E402
from psoas_timer.ui.shell.main_window import MainWindow, Page, Services  # noqa: E402
from psoas_timer.ui.shell.settings import Preferences  # noqa: E402
from psoas_timer.ui.sound.output import SilentOutput  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ZONE = timezone(timedelta(hours=1))
TODAY = datetime(2026, 5, 29, 19, 30, tzinfo=ZONE)  # a Friday evening
WEEKS = 10


class Wall:
    """Local time, moved by the same fake clock as the sessions."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock, self.base, self.zero = clock, TODAY, clock.now

    def __call__(self) -> datetime:
        return self.base + timedelta(seconds=self.clock.now - self.zero)

    def set(self, when: datetime) -> None:
        self.base, self.zero = when, self.clock.now


def _type_scores(window: MainWindow, scores: list[int], note: str = "") -> None:
    for field, score in zip(window.rating.fields, scores, strict=False):
        field.setText(str(score))
    window.rating.note.setText(note)


def _run(window: MainWindow, clock: FakeClock, release_after: float) -> None:
    while window.controller.active:
        snap = window.controller.snapshot()
        assert snap is not None
        hold = snap.segment.open
        if hold is not None and snap.elapsed >= max(release_after, hold.min):
            window.controller.release()
            continue
        clock.advance(1.0)
        window.controller.poll()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    clock = FakeClock()
    wall = Wall(clock)
    prefs = Preferences(QSettings(str(_TMP / "settings.ini"), QSettings.Format.IniFormat))
    prefs.safety_seen = True
    prefs.safety_release_dismissed = True

    def load() -> Catalog:
        return load_catalog(paths.bundled_routines_dir(), paths.user_routines_dir())

    window = MainWindow(
        prefs,
        Services(
            load_catalog=load,
            clock=clock,
            audio=SilentOutput(),
            inhibitor=NoScreensaver(),
            open_history=lambda: HistoryStore.open(paths.history_file(), wall=wall),
        ),
    )
    window.resize(width, height)
    window.show()
    rng = random.Random(11)
    start = (TODAY - timedelta(weeks=WEEKS)).replace(hour=7, minute=0)
    for day in range(WEEKS * 7):
        when = start + timedelta(days=day)
        if rng.random() < 0.18 and day < WEEKS * 7 - 12:
            continue  # a day off now and then, none in the last two weeks
        progress = day / (WEEKS * 7)
        wall.set(when.replace(minute=rng.randrange(0, 40)))
        assert window.open_routine("trigger-point-release")
        window.steps.start()
        pain = max(1, round(7 - 4 * progress + rng.uniform(-1, 1)))
        _type_scores(window, [pain, pain + 1, pain - 1, pain])
        window.rating.accept()
        _run(window, clock, release_after=150 - 80 * progress + rng.uniform(-15, 15))
        _type_scores(window, [max(0, pain - 2), max(0, pain - 2), max(0, pain - 3), pain - 2])
        window.rating.accept()
        if day % 3 == 0:
            wall.set(when.replace(hour=18, minute=rng.randrange(0, 50)))
            assert window.open_routine("daily-psoas")
            window.steps.start()
            window.rating.skipped.emit()
            _run(window, clock, release_after=0)
            window.rating.skipped.emit()
    wall.set(TODAY)
    window.open_routine("trigger-point-release")
    window.steps.start()
    assert window.page is Page.RATING
    _type_scores(window, [3, 4])
    window.rating.fields[1].setFocus()
    _save(window, args.out, "rating-prompt")
    window.commands.back.trigger()
    window.open_routine("trigger-point-release")
    _save(window, args.out, "routine-last-done")
    window.show_progress()
    _save(window, args.out, "progress")
    page = window.progress.page
    page.tabs.setCurrentWidget(page.charts)
    page.charts.area_choice.setCurrentIndex(page.charts.area_choice.findText("Left psoas"))
    _save(window, args.out, "progress-charts")
    page.tabs.setCurrentIndex(2)
    _save(window, args.out, "progress-sessions")
    window.close()
    return 0


def _save(window: MainWindow, out: Path, name: str) -> Path:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # pages refilled above
    QApplication.processEvents()
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return path


if __name__ == "__main__":
    raise SystemExit(main())
