"""Adding a routine file from elsewhere (opened, or dropped on the window) to the user's own.

The copy is atomic (written to a temporary file, then linked into place) and never replaces
a file: a name already taken gets a number (``evening-2.yaml``), unless the file there is
the very same, which is then the answer.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

__all__ = ["import_routine"]


def import_routine(source: Path, folder: Path) -> tuple[Path, bool]:
    """Copy the routine file *source* into *folder*: where it is now, and whether it was
    copied (False when an identical file was already there). Raises :class:`OSError`."""
    data = source.read_bytes()
    folder.mkdir(parents=True, exist_ok=True)
    suffix = source.suffix if source.suffix in (".yaml", ".yml") else ".yaml"
    fd, temp = tempfile.mkstemp(prefix=".import-", suffix=suffix, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        for n in itertools.count(1):
            target = folder / (f"{source.stem}{suffix}" if n == 1 else f"{source.stem}-{n}{suffix}")
            if target.is_file() and target.read_bytes() == data:
                return target, False
            if _claim(Path(temp), target):
                return target, True
        raise AssertionError("unreachable")  # pragma: no cover - count() never ends
    finally:
        Path(temp).unlink(missing_ok=True)


def _claim(temp: Path, target: Path) -> bool:
    """Put *temp*'s content at *target* in one step, only if nothing is there yet."""
    try:
        os.link(temp, target)  # fails when the name is taken: nothing is ever replaced
        return True
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: claim the name, then fill it
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            return False
        copy = target.with_name(f".{target.name}.part")
        copy.write_bytes(temp.read_bytes())
        os.replace(copy, target)
        return True
