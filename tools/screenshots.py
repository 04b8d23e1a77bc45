"""Render the real window at a few moments of a session into docs/screenshots/*.png.

Runs offscreen on a fake clock with the bundled routines, so every run draws the same
pictures::

    python tools/screenshots.py [--out docs/screenshots] [--size 1280x800] [--dark]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from shot_setup import NoScreensaver, offscreen_screen

_TMP = offscreen_screen(sys.argv[1:], "psoas-shots-")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory  # noqa: E402

from psoas_timer import paths  # noqa: E402
from psoas_timer.core.catalog import Catalog, Entry, load_catalog  # noqa: E402
from psoas_timer.core.clock import FakeClock  # noqa: E402
from psoas_timer.core.plan import Segment  # noqa: E402
from psoas_timer.ui.common.theme import dark_palette  # noqa: E402
from psoas_timer.ui.shell.main_window import MainWindow, Services  # noqa: E402
from psoas_timer.ui.shell.settings import Preferences  # noqa: E402
from psoas_timer.ui.sound.output import SilentOutput  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _find(catalog: Catalog, wanted: Callable[[Segment], bool]) -> tuple[Entry, Segment] | None:
    for entry in catalog.entries:
        if not entry.ok:
            continue
        for seg in entry.plan.segments:
            if wanted(seg):
                return entry, seg
    return None


def _drive(window: MainWindow, clock: FakeClock, entry: Entry, index: int, seconds: float) -> None:
    """Start *entry*, skip to segment *index* and let *seconds* pass in it."""
    window.open_entry(entry)
    window.steps.start()
    while window.controller.session is not None and window.controller.session.index < index:
        window.controller.next()
    end = clock.now + seconds
    while clock.now < end - 1e-9:
        clock.advance(min(0.25, end - clock.now))
        window.controller.poll()


def _save(window: MainWindow, out: Path, name: str) -> Path:
    QApplication.processEvents()
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--dark", action="store_true", help="also draw the player in a dark scheme")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)

    app = QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    clock = FakeClock()
    prefs = Preferences(QSettings(str(_TMP / "settings.ini"), QSettings.Format.IniFormat))
    prefs.safety_seen = True
    prefs.safety_release_dismissed = True

    def load() -> Catalog:
        return load_catalog(paths.bundled_routines_dir(), paths.user_routines_dir())

    def new_window() -> MainWindow:
        window = MainWindow(
            prefs,
            Services(
                load_catalog=load,
                clock=clock,
                audio=SilentOutput(),
                inhibitor=NoScreensaver(),
            ),
        )
        window.resize(width, height)
        window.show()
        return window

    window = new_window()
    catalog = window.catalog
    assert catalog is not None
    _save(window, args.out, "library")

    breathing = _find(
        catalog, lambda s: s.kind == "hold" and s.breathing is not None and s.duration >= 60
    )
    if breathing is not None:
        entry, seg = breathing
        window.open_entry(entry)
        _save(window, args.out, "routine")
        _drive(window, clock, entry, seg.index, seg.duration * 0.4 + 1.3)
        _save(window, args.out, "player-hold-breathing")
        window.controller.stop()

    open_hold = _find(catalog, lambda s: s.kind == "open")
    if open_hold is not None:
        entry, seg = open_hold
        assert seg.open is not None
        _drive(window, clock, entry, seg.index, seg.open.min + 3)
        _save(window, args.out, "player-open-hold")
        window.controller.poll()
        clock.advance(0)
        end = seg.open.target - seg.open.min - 3 + 2
        _drive_more(window, clock, end)
        _save(window, args.out, "player-open-hold-check-in")
        window.controller.stop()

    milestone = _find(catalog, lambda s: any(c.kind == "milestone" for c in s.cues))
    if milestone is not None:
        entry, seg = milestone
        at = min(c.offset for c in seg.cues if c.kind == "milestone")
        _drive(window, clock, entry, seg.index, at + 0.4)
        _save(window, args.out, "player-milestone-caption")
        window.controller.stop()

    # the hold at the top of a rep in phases, its breath running on from the set's start
    top = _find(
        catalog,
        lambda s: s.phase == "hold" and s.rep == 1 and s.duration >= 5 and s.breathing is not None,
    ) or _find(catalog, lambda s: s.phase == "hold" and s.rep == 1 and s.duration >= 5)
    if top is not None:
        entry, seg = top
        first = entry.plan.segments[seg.index - 1]  # the rep's first phase: a set starts there
        _drive(window, clock, entry, first.index, first.duration + seg.duration * 0.4)
        _save(window, args.out, "player-rep-phase")
        window.controller.stop()

    rest = _find(catalog, lambda s: s.kind == "rest" and s.duration >= 15)
    if rest is not None:
        entry, seg = rest
        _drive(window, clock, entry, seg.index, 4)
        _save(window, args.out, "player-rest-next-up")
        window.controller.stop()

    if open_hold is not None:  # "+15 s" at the check-in: 15 s from now
        entry, seg = open_hold
        assert seg.open is not None
        _drive(window, clock, entry, seg.index, seg.open.target + 6)
        window.player.open_controls.check_in_more.click()
        _drive_more(window, clock, 1)
        _save(window, args.out, "player-check-in-plus-15")
        window.controller.stop()

    # The shortest routine with an open hold, released at its check-in, ends the tour.
    ok = [e for e in catalog.entries if e.ok]
    with_holds = [e for e in ok if any(s.open is not None for s in e.plan.segments)]
    shortest = min(with_holds or ok, key=lambda e: e.plan.total)
    _drive(window, clock, shortest, 0, 0)
    while window.controller.active:
        _drive_more(window, clock, 1.0)
        session = window.controller.session
        if (
            session is not None
            and session.segment.open is not None
            and session.snapshot().checking_in
        ):
            window.controller.release()
    _save(window, args.out, "completion")

    if args.dark:
        app.setPalette(dark_palette())
        dark = new_window()
        if breathing is not None:
            entry, seg = breathing
            _drive(dark, clock, entry, seg.index, seg.duration * 0.4 + 3.3)
            _save(dark, args.out, "player-dark")
            dark.controller.stop()
        dark.close()
    window.close()
    return 0


def _drive_more(window: MainWindow, clock: FakeClock, seconds: float) -> None:
    end = clock.now + seconds
    while clock.now < end - 1e-9:
        clock.advance(min(0.25, end - clock.now))
        window.controller.poll()


if __name__ == "__main__":
    raise SystemExit(main())
