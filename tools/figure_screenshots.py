"""Screenshots of the figure rig into docs/screenshots/: the four release drills side by
side, three frames of a bridge, and the real player during a rep::

    python tools/figure_screenshots.py [--out docs/screenshots] [--size 1366x768]

Offscreen, on a fake clock, with the bundled routines and library.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shot_setup import NoScreensaver, offscreen_screen

_TMP = offscreen_screen(sys.argv[1:], "psoas-figure-shots-")

from draw_figures import library  # noqa: E402
from PySide6.QtCore import QRectF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QFont, QImage, QPainter, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory  # noqa: E402

from psoas_timer import paths  # noqa: E402
from psoas_timer.core.catalog import load_catalog  # noqa: E402
from psoas_timer.core.clock import FakeClock  # noqa: E402
from psoas_timer.core.figure.drawing import still  # noqa: E402
from psoas_timer.core.figure.motion import Moment, Motion  # noqa: E402
from psoas_timer.core.figure.scene import Scene  # noqa: E402
from psoas_timer.ui.player.figure_view import paint_scene, role_colours  # noqa: E402
from psoas_timer.ui.shell.main_window import MainWindow, Services  # noqa: E402
from psoas_timer.ui.shell.settings import Preferences  # noqa: E402
from psoas_timer.ui.sound.output import SilentOutput  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ("deep-psoas-release", "iliacus-release", "psoas-ball-release", "ball-roll")


def strip(scenes: list[tuple[str, Scene]], path: Path, cell: tuple[int, int]) -> None:
    """*scenes* side by side, each captioned, painted as the player paints them."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    w, h = cell
    caption = 34
    image = QImage(w * len(scenes), h + caption, QImage.Format.Format_RGB32)
    palette = app.palette()
    image.fill(palette.color(QPalette.ColorRole.Window))
    roles = role_colours(palette)
    p = QPainter(image)
    font = QFont(p.font())
    font.setPixelSize(20)
    for i, (name, scene) in enumerate(scenes):
        paint_scene(p, scene, QRectF(i * w, 0, w, h), roles)
        p.setFont(font)
        p.setPen(palette.color(QPalette.ColorRole.WindowText))
        p.drawText(QRectF(i * w, h, w, caption), Qt.AlignmentFlag.AlignCenter, name)
    p.end()
    image.save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(QApplication.style().standardPalette())

    lib = library()
    drills = []
    for ident in RELEASE:
        step = lib.exercises[ident]
        assert step.figure is not None
        drills.append((step.name or ident, still(step.figure)))
    strip(drills, args.out / "figure-release-drills.png", (480, 360))

    bridge = lib.exercises["hip-raise"]
    assert bridge.figure is not None
    motion = Motion(bridge.figure)
    frames = [
        ("Start (Up begins)", motion.scene(Moment("rep", "up", 0.0))),
        ("Half way up", motion.scene(Moment("rep", "up", 0.5))),
        ("Top (Hold)", motion.scene(Moment("rep", "hold", 0.5))),
    ]
    strip(frames, args.out / "figure-bridge-frames.png", (480, 360))

    clock = FakeClock()
    prefs = Preferences(QSettings(str(_TMP / "settings.ini"), QSettings.Format.IniFormat))
    prefs.safety_seen = True
    prefs.safety_release_dismissed = True
    window = MainWindow(
        prefs,
        Services(
            load_catalog=lambda: load_catalog(
                paths.bundled_routines_dir(), paths.user_routines_dir()
            ),
            clock=clock,
            audio=SilentOutput(),
            inhibitor=NoScreensaver(),
        ),
    )
    window.resize(width, height)
    window.show()
    catalog = window.catalog
    assert catalog is not None
    for entry in catalog.entries:
        if not entry.ok:
            continue
        segs = [
            s
            for s in entry.plan.segments
            if s.kind == "rep"
            and s.phase == "up"
            and s.duration >= 1.5
            and entry.routine is not None
        ]
        if segs:
            seg = segs[0]
            window.open_entry(entry)
            window.steps.start()
            session = window.controller.session
            while session is not None and session.index < seg.index:
                window.controller.next()
                session = window.controller.session
            end = clock.now + seg.duration * 0.6
            while clock.now < end - 1e-9:
                clock.advance(min(0.1, end - clock.now))
                window.controller.poll()
            QApplication.processEvents()
            path = args.out / "figure-player-rep.png"
            window.grab().save(str(path))
            print(path, "-", entry.name, "step", seg.step, seg.label)
            window.controller.stop()
            break
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
