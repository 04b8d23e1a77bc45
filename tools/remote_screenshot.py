"""Draw the player just after a remote "Next" (playerctl over a private session bus), with
the caption that confirms it, into docs/screenshots/player-remote-next.png: Next is pressed
from afar until the session reaches a part with a side.

Runs offscreen on a fake clock with the bundled routines; needs dbus-daemon and playerctl::

    python tools/remote_screenshot.py [--out docs/screenshots] [--size 1280x800]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shot_setup import NoScreensaver, offscreen_screen

_TMP = offscreen_screen(sys.argv[1:], "psoas-remote-shot-")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory  # noqa: E402

from psoas_timer import paths  # noqa: E402
from psoas_timer.core.catalog import Catalog, load_catalog  # noqa: E402
from psoas_timer.core.clock import FakeClock  # noqa: E402
from psoas_timer.ui.remote.mpris import MprisService  # noqa: E402
from psoas_timer.ui.shell.main_window import MainWindow, Services  # noqa: E402
from psoas_timer.ui.shell.remote_link import attach_remote  # noqa: E402
from psoas_timer.ui.shell.settings import Preferences  # noqa: E402
from psoas_timer.ui.sound.output import SilentOutput  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUS = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*"/><allow receive_sender="*"/><allow own="*"/>
  </policy>
</busconfig>
"""


def _wait(app: QApplication, until: object, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while not until() and time.monotonic() < end:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--routine", default="deep-psoas-release")
    args = parser.parse_args(argv)
    for tool in ("dbus-daemon", "playerctl"):
        if shutil.which(tool) is None:
            print(f"{tool} is needed: apt-get install dbus playerctl", file=sys.stderr)
            return 1
    folder = Path(tempfile.mkdtemp(prefix="psoas-bus-"))
    (folder / "bus.conf").write_text(BUS.format(folder=folder))
    daemon = subprocess.Popen(
        [
            "dbus-daemon",
            "--config-file",
            str(folder / "bus.conf"),
            "--print-address=1",
            "--nofork",
            "--nopidfile",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = daemon.stdout.readline().strip()
    width, height = (int(n) for n in args.size.split("x"))
    app = QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    clock = FakeClock()
    prefs = Preferences(QSettings(str(_TMP / "settings.ini"), QSettings.Format.IniFormat))
    prefs.safety_seen = True
    prefs.safety_release_dismissed = True

    def load() -> Catalog:
        return load_catalog(paths.bundled_routines_dir(), paths.user_routines_dir())

    services = Services(
        load_catalog=load, clock=clock, audio=SilentOutput(), inhibitor=NoScreensaver()
    )
    window = MainWindow(prefs, services)
    window.resize(width, height)
    window.show()
    service = MprisService(window, clock=clock)
    remote = attach_remote(window, service)
    try:
        service.player.owned.wait(10)
        if not window.open_routine(args.routine):
            print(f"no routine {args.routine}", file=sys.stderr)
            return 1

        def playerctl(command: str) -> None:
            before = len(remote.done)
            subprocess.run(["playerctl", "-p", "psoas_timer", command], check=True)
            _wait(app, lambda: len(remote.done) > before)

        playerctl("play")
        for _ in range(12):  # into the routine a little
            clock.advance(0.5)
            window.controller.poll()
        for _ in range(12):  # Next from afar, until a part with a side (as a phone would)
            time.sleep(0.2)  # a person's presses, not a burst (those are refused)
            playerctl("next")
            snap = window.controller.snapshot()
            if snap is None or (snap.segment.side and snap.segment.is_work):
                break
        clock.advance(0.6)
        window.controller.poll()
        app.processEvents()
        print("caption:", window.player.caption_text)
        path = args.out / "player-remote-next.png"
        window.grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        window.controller.stop()
    finally:
        service.stop()
        window.close()
        daemon.terminate()
        daemon.wait(10)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
