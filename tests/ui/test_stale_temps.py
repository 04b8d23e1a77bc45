"""The app clears away temporary files left by killed saves when it reads the routines
(issue 15.10)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from psoas_timer.ui.shell.app import services
from psoas_timer.ui.shell.settings import Preferences


def test_reading_the_routines_at_start_removes_stale_temporary_files(tmp_path: Path) -> None:
    user = Path(os.environ["PSOAS_TIMER_DATA_DIR"]) / "routines"
    (user / ".backup").mkdir(parents=True)
    stale = [user / ".evening.yaml.q1w2e3r4.tmp", user / ".backup" / ".evening.yaml.a1s2d3f4.tmp"]
    then = time.time() - 2 * 60 * 60
    for path in stale:
        path.write_bytes(b"x" * 1000)
        os.utime(path, (then, then))
    fresh = user / ".morning.yaml.z9x8c7v6.tmp"  # a save going on right now
    fresh.write_text("half")
    prefs = Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    catalog = services(prefs).load_catalog()
    assert catalog.entries
    assert not any(path.exists() for path in stale)
    assert fresh.exists()
