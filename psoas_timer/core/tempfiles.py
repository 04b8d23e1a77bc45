"""Clear away the temporary files of saves that never finished.

Every save writes a temporary file beside its target and renames it into place
(:func:`~psoas_timer.atomic_file.atomic_write`). A save killed between the two leaves the
temporary file behind, and nothing else would ever remove it. At start-up the app removes
those in the user's routine folders that are surely dead: named the way its saves name them
(``.NAME.yaml.XXXXXXXX.tmp``), regular files (not links), and untouched for an hour. Anything
else, even in the same folder, is left alone.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import time
from pathlib import Path

__all__ = ["STALE_AFTER", "is_our_temp", "remove_stale_temps"]

#: A temporary file untouched for this long belongs to no save still running.
STALE_AFTER = 60 * 60.0

# tempfile.mkstemp(prefix=".NAME.", suffix=".tmp"): eight characters of [a-z0-9_] between.
_OURS = re.compile(r"^\..+\.(?:yaml|yml)\.[a-z0-9_]{8}\.tmp$")

_log = logging.getLogger(__name__)


def is_our_temp(name: str) -> bool:
    """Whether a file called *name* is named as this app's saves name their temporary files."""
    return _OURS.match(name) is not None


def remove_stale_temps(folder: Path, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove this app's temporary files under *folder* (its subfolders included, links to
    folders not followed) untouched for *older_than* seconds; returns those removed. A file
    that cannot be removed is logged and left: this is tidying, never a reason to fail."""
    removed: list[Path] = []
    now = time.time()
    for root, dirs, files in os.walk(folder, onerror=_log_walk_error):
        for name in files:
            if not is_our_temp(name):
                continue
            path = Path(root) / name
            try:
                info = os.lstat(path)
                if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < older_than:
                    continue
                os.unlink(path)
            except OSError as exc:
                _log.warning("could not remove the stale temporary file %s: %s", path, exc)
                continue
            _log.info("removed %s, left by a save that never finished", path)
            removed.append(path)
        dirs.sort()
    return removed


def _log_walk_error(exc: OSError) -> None:
    _log.warning("could not look for stale temporary files in %s: %s", exc.filename, exc)
