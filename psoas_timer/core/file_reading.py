"""Reading a file the user or another program could have put anything in.

Every file the app reads goes through :func:`read_text` (or :func:`open_regular` for one
read as a stream): only a regular file is read (a FIFO, a device such as ``/dev/zero`` or a
folder is refused at once, without blocking), never more than a stated size, and a line
longer than a stated length is refused before it is all in memory. A refusal is an
:class:`OSError` (:class:`RefusedFileError`), so a caller that handles a missing or unreadable
file handles these the same way, with a message that says what is wrong.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

__all__ = ["RefusedFileError", "open_regular", "read_bytes", "read_text"]


class RefusedFileError(OSError):
    """A file the app will not read: not a regular file, too big, or a line too long.
    Its message is ``PATH: reason`` (``PATH:LINE:1: reason`` for a line); :attr:`reason`
    is the reason alone."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        where = f"{path}:{line}:1" if line is not None else str(path)
        self.message = f"{where}: {reason}"
        super().__init__(self.message)
        self.reason = reason
        self.filename = str(path)

    def __str__(self) -> str:
        return self.message


def _size_words(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB" if size >= 1024 else f"{size} bytes"


def open_regular(path: Path | str) -> io.BufferedReader:
    """Open *path* for reading in binary, refusing anything but a regular file. Opening
    never blocks (a FIFO with no writer is refused, not waited on)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise RefusedFileError(path, f"{what}; only a regular file is read")
        os.set_blocking(fd, True)
        return open(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path | str, *, max_bytes: int) -> bytes:
    """The content of the regular file *path*, refused when it is over *max_bytes*."""
    with open_regular(path) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise RefusedFileError(path, f"larger than {_size_words(max_bytes)}; not read")
    return data


def read_text(
    path: Path | str,
    *,
    max_bytes: int,
    max_line: int | None = None,
    encoding: str = "utf-8",
) -> str:
    """The text of the regular file *path*, refused when it is over *max_bytes* or has a
    line longer than *max_line* characters. Undecodable bytes raise UnicodeDecodeError."""
    text = read_bytes(path, max_bytes=max_bytes).decode(encoding)
    if max_line is not None:
        start = 0
        number = 1
        while start <= len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if end - start > max_line:
                raise RefusedFileError(
                    path, f"a line longer than {max_line} characters; not read", number
                )
            start = end + 1
            number += 1
    return text
