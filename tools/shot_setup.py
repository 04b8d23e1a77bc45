"""What the screenshot tools share: an offscreen screen big enough for the window, a private
data folder, and a screensaver that is never asked. Import it before anything from Qt."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def offscreen_screen(argv: list[str], prefix: str) -> Path:
    """Point Qt at an offscreen screen large enough for ``--size`` in *argv* (its default is
    800×800, and the window keeps within its screen), without the pretend window frame, and
    the app's data at a fresh folder; returns that temporary folder."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    size = "1280x800"
    for i, arg in enumerate(argv):
        if arg == "--size" and i + 1 < len(argv):
            size = argv[i + 1]
        elif arg.startswith("--size="):
            size = arg.split("=", 1)[1]
    width, height = (int(n) + 200 for n in size.split("x"))
    config = tmp / "offscreen.json"
    screen = {"name": "shots", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"windowFrameMargins": False, "screens": [screen]}))
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={config}")
    os.environ.setdefault("PSOAS_TIMER_DATA_DIR", str(tmp / "data"))
    return tmp


class NoScreensaver:
    """The screensaver port, doing nothing: screenshots need no awake screen."""

    def inhibit(self) -> None:
        pass

    def release(self) -> None:
        pass
