"""The one way the app writes a file: whole or not at all.

Every file the app writes (routines, the history export, the routine cache, ``practice.json``,
the autostart entry, an exported WAV, compiled translation catalogs, and through
:func:`move_into_place` an MP3 or Ogg file that FFmpeg made and the PDF report Qt made) goes
through here: it is the package's one write-then-rename. The data is written to a temporary
file beside the target (same folder, so the rename cannot cross file systems), flushed and
``fsync``-ed, renamed over the target in one step, and the folder itself is ``fsync``-ed so
the rename survives a power cut. A crash at any moment leaves the old file or the new one,
never a mix, and a failure removes the temporary file before it is raised.

Temporary files are named ``.NAME.XXXXXXXX.tmp`` (eight characters of ``[0-9a-f]``), the
pattern :mod:`psoas_timer.core.tempfiles` knows when it clears away those of saves that never
finished. It imports nothing of the app (only the standard library), so every layer may use
it, translation (:mod:`psoas_timer.i18n`, below the core) included.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, overload

__all__ = ["atomic_write", "atomic_writer", "fsync_folder", "move_into_place", "temp_name"]

#: Room left in a file name for the temporary file's dot, tag and suffix (NAME_MAX is 255).
_NAME_ROOM = 255 - len(".") - len(".12345678.tmp")


def temp_name(name: str) -> str:
    """The temporary file's name for a target called *name* (shortened in the middle when
    the whole would be longer than a file name may be, keeping its end and extension)."""
    if len(name.encode("utf-8", "surrogateescape")) > _NAME_ROOM:
        half = _NAME_ROOM // 8  # characters up to 4 bytes each
        name = f"{name[:half]}~{name[-half:]}"
    return f".{name}.{secrets.token_hex(4)}.tmp"


def fsync_folder(folder: Path) -> None:
    """Make a rename in *folder* durable (POSIX; elsewhere there is no way to, and no need)."""
    if os.name != "posix":  # pragma: no cover - Windows cannot open a folder for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _create_temp(folder: Path, name: str, mode: int) -> tuple[int, Path]:
    for _ in range(100):
        temp = folder / temp_name(name)
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), temp
        except FileExistsError:  # pragma: no cover - 32 random bits taken already
            continue
    raise FileExistsError(f"no free temporary file name in {folder}")  # pragma: no cover


@overload
def atomic_writer(
    path: Path, *, mode: int = ..., encoding: None = None, newline: None = None
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
@overload
def atomic_writer(
    path: Path, *, mode: int = ..., encoding: str, newline: str | None = None
) -> contextlib.AbstractContextManager[IO[str]]: ...
def atomic_writer(
    path: Path,
    *,
    mode: int = 0o666,
    encoding: str | None = None,
    newline: str | None = None,
) -> contextlib.AbstractContextManager[IO[Any]]:
    """Open a stream whose content replaces *path* when the ``with`` block ends without error.

    Binary unless *encoding* is given (then text, with *newline* as :func:`open` takes it). A
    new file gets *mode* less the umask, as :func:`open` gives it (``0o600`` for private
    data); a file replaced keeps the permissions it had. An exception inside the block leaves
    *path* untouched, removes the temporary file and is raised again. The folder is made when
    missing.
    """
    return _writer(Path(path), mode, encoding, newline)


@contextlib.contextmanager
def _writer(path: Path, mode: int, encoding: str | None, newline: str | None) -> Iterator[IO[Any]]:
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = _create_temp(folder, path.name, mode)
    try:
        try:
            with contextlib.suppress(FileNotFoundError):
                os.fchmod(fd, os.stat(path).st_mode & 0o7777)
            stream: IO[Any] = (
                os.fdopen(fd, "wb")
                if encoding is None
                else os.fdopen(fd, "w", encoding=encoding, newline=newline)
            )
        except BaseException:
            os.close(fd)
            raise
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(folder)


def move_into_place(temp: Path, path: Path) -> None:
    """Replace *path* with *temp*, a finished file that another program wrote beside it (an
    encoder that names its output itself), durably as :func:`atomic_writer` does: *temp*'s
    data is ``fsync``-ed, it is renamed over *path* in one step, and the folder is
    ``fsync``-ed. A failure leaves *path* as it was (removing *temp* is the caller's).
    *temp* is opened only to sync it, never read (reading is :mod:`.file_reading`'s)."""
    fd = os.open(temp, os.O_WRONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    fsync_folder(path.parent)


def atomic_write(path: Path, data: bytes | str, *, mode: int = 0o666) -> None:
    """Replace *path* with *data* (text is written as UTF-8) in one step: see
    :func:`atomic_writer` for what a crash or a failure leaves, and for *mode*."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path, mode=mode) as stream:
        stream.write(raw)
