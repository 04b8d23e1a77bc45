"""Output a terminal shows and never acts on: whatever a command prints (a file name, a key
or a routine's name from a file, an error that quotes one), every control character but the
line break is written as an escape."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

__all__ = ["inert_output"]


class _Inert:
    """A text stream that writes every control character but the line break as an escape:
    whatever a command prints (a file name, a key or a routine's name from a file, an error
    that quotes one), nothing reaches the terminal that it would act on instead of show."""

    def __init__(self, stream: TextIO) -> None:
        from psoas_timer.core.problems import printable

        self._stream = stream
        self._printable = printable

    def write(self, text: str) -> int:
        self._stream.write(self._printable(text, lines=True))
        return len(text)

    def __getattr__(self, name: str) -> object:  # flush, fileno, encoding...
        return getattr(self._stream, name)


@contextlib.contextmanager
def inert_output() -> Iterator[None]:
    """Within it, ``sys.stdout`` and ``sys.stderr`` write escapes for control characters."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Inert(out), _Inert(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
