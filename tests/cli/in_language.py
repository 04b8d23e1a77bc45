"""Run the command line as a user would, in a language (``LANGUAGE``), for the language tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DAILY = str(ROOT / "routines" / "daily-psoas.yaml")


def cli(language: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``psoas-timer *args*`` in a subprocess with ``LANGUAGE=language`` (the other locale
    variables left out, so LANGUAGE alone decides)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(LANGUAGE=language, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "psoas_timer", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
