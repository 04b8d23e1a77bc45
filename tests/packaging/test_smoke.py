"""The bundle's smoke test, run from source: the same checks tools/build_bundle.sh runs in
the built app (the bundle itself is too slow to build in the test suite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_from_source(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PSOAS_TIMER_SMOKE_SECONDS": "0",
        "PSOAS_TIMER_SMOKE_AUDIO": "0",  # no sound out of a developer's speakers
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "psoas_timer.smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("smoke-result ")
    report = json.loads(last.removeprefix("smoke-result "))
    assert report["ok"] is True
    assert report["routines"] == report["routine_files"] > 0
    assert report["window_icon"] is True
    assert report["audio"] == "skipped"
    assert report["frozen"] is False
    # It kept away from the user's data and settings.
    assert not (tmp_path / ".config").exists()
    assert not (tmp_path / ".local").exists()


def test_smoke_fails_on_a_plugin_file_not_on_an_optional_library() -> None:
    """A fresh Debian machine has no libva: FFmpeg's plugin looks for it by name and does
    without. Only a plugin file (loaded by path) that cannot load is a broken build."""
    from psoas_timer.smoke import _plugin_failed

    missing_optional = (
        '"va-x11" cannot load: Cannot load library va-x11: va-x11: cannot open shared object'
        " file: No such file or directory"
    )
    broken_plugin = (
        '"/opt/psoas-timer/_internal/PySide6/Qt/plugins/platforms/libqxcb.so" cannot load:'
        " Cannot load library libqxcb.so: libxcb-cursor.so.0: cannot open shared object file"
    )
    assert _plugin_failed(missing_optional) is False
    assert _plugin_failed(broken_plugin) is True
    assert _plugin_failed("Found metadata in lib /x/libqoffscreen.so") is False
