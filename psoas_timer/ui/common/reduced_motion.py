"""Whether the desktop asks applications for less motion.

Qt does not expose the preference, so it is read where the desktops keep it: GNOME's
``org.gnome.desktop.interface enable-animations`` (through ``gsettings``, when installed)
and KDE's ``AnimationDurationFactor`` of 0 in ``kdeglobals``. Read once per run.
"""

from __future__ import annotations

import configparser
import logging
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

__all__ = ["reduced_motion"]

log = logging.getLogger(__name__)


def _gnome() -> bool:
    gsettings = shutil.which("gsettings")
    if gsettings is None:
        return False
    try:
        done = subprocess.run(
            [gsettings, "get", "org.gnome.desktop.interface", "enable-animations"],
            capture_output=True,
            text=True,
            timeout=1.0,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.info("could not ask gsettings about animations: %s", exc)
        return False
    return done.returncode == 0 and done.stdout.strip() == "false"


def _kde() -> bool:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    path = base / "kdeglobals"
    if not path.is_file():
        return False
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(path, encoding="utf-8")
        factor = parser.get("KDE", "AnimationDurationFactor", fallback="1")
        return float(factor) == 0.0
    except (configparser.Error, ValueError, OSError) as exc:
        log.info("could not read %s: %s", path, exc)
        return False


@cache
def reduced_motion() -> bool:
    """Whether the desktop asks for reduced motion (GNOME or KDE)."""
    return _gnome() or _kde()
