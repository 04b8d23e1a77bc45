"""Reading a file the user or another program could have put anything in.

Every file the app reads goes through :func:`read_text` (or :func:`open_regular` for one
read as a stream): only a regular file is read (a FIFO, a device such as ``/dev/zero`` or a
folder is refused at once, without blocking and without being opened: opening some devices
does something), never more than a stated size, and a line
longer than a stated length is refused before it is all in memory. A refusal is an
:class:`OSError` (:class:`RefusedFileError`), so a caller that handles a missing or unreadable
file handles these the same way, with a message that says what is wrong.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from psoas_timer.i18n import _

__all__ = ["RefusedFileError", "file_kind", "open_regular", "read_bytes", "read_text"]


#: What a file that is not a regular one is, in words, by its mode.
_SPECIAL = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str | None:
    """What a file of *mode* is when it is not a regular file ("a named pipe", "a device",
    "a folder", ...), or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _SPECIAL if test(mode)), "a special file")


class RefusedFileError(OSError):
    """A file the app will not read: not a regular file, too big, or a line too long.
    Its message is ``PATH: reason`` (``PATH:LINE:1: reason`` for a line); :attr:`reason`
    is the reason alone. :attr:`kind` says what a file that is not a regular one is
    (:func:`file_kind`); :attr:`too_large` is set for a file over the limit, with
    :attr:`size` its size where the file system said it."""

    def __init__(
        self,
        path: Path | str,
        reason: str,
        line: int | None = None,
        *,
        kind: str | None = None,
        too_large: bool = False,
        size: int | None = None,
    ) -> None:
        where = f"{path}:{line}:1" if line is not None else str(path)
        self.message = f"{where}: {reason}"
        super().__init__(self.message)
        self.reason = reason
        self.filename = str(path)
        self.line = line
        self.kind = kind
        self.too_large = too_large
        self.size = size

    def __str__(self) -> str:
        return self.message


def _size_words(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB" if size >= 1024 else f"{size} bytes"


def _refuse_special(path: Path | str, mode: int) -> None:
    kind = file_kind(mode)
    if kind is not None:
        what = "a folder" if kind == "a folder" else "not a regular file"
        raise RefusedFileError(
            path, _("{what}; only a regular file is read").format(what=what), kind=kind
        )


def _open_fd(path: Path | str) -> int:
    """A descriptor of the regular file *path*, in blocking mode. Anything else is refused
    before it is opened (a device is never opened) and again on what was opened (a pipe put
    in the file's place meanwhile is opened without blocking, then refused)."""
    _refuse_special(path, os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        _refuse_special(path, os.fstat(fd).st_mode)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_regular(path: Path | str) -> io.BufferedReader:
    """Open *path* for reading in binary, refusing anything but a regular file. Opening
    never blocks (a FIFO with no writer is refused, not waited on)."""
    fd = _open_fd(path)
    try:
        return open(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise


def _too_large(path: Path | str, max_bytes: int, size: int | None = None) -> RefusedFileError:
    reason = _("larger than {value}; not read").format(value=_size_words(max_bytes))
    return RefusedFileError(path, reason, too_large=True, size=size)


def read_bytes(path: Path | str, *, max_bytes: int) -> bytes:
    """The content of the regular file *path*, refused when it is over *max_bytes*: a file
    whose size says so is not read at all, and of one whose size lies (a file in ``/proc``
    says 0) no more than *max_bytes* and one byte is read. Memory grows with what is read,
    never with the limit."""
    fd = _open_fd(path)
    try:
        size = os.fstat(fd).st_size
        if size > max_bytes:
            raise _too_large(path, max_bytes, size)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    if left <= 0:
        raise _too_large(path, max_bytes)
    return b"".join(chunks)


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
                    path,
                    _("a line longer than {max_line} characters; not read").format(
                        max_line=max_line
                    ),
                    number,
                )
            start = end + 1
            number += 1
    return text
