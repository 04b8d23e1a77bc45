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
        [sys.executable, "-m", "psoas_timer.ui.smoke"],
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
