"""Small builders shared by the core tests."""

import os
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from textwrap import dedent
from typing import Any

import pytest

from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.plan import Plan, compile_plan


def plan_of(text: str) -> Plan:
    return compile_plan(load_routine_text(dedent(text), "t.yaml"))


class Overran(BaseException):
    """Raised by :func:`deadline`; a BaseException, so that no ``except Exception`` (or
    ``except OSError``, as a TimeoutError would be) in the code under test can swallow it."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail (instead of hanging the suite) when the block runs longer than *seconds*."""

    def expire(signum: int, frame: object) -> None:
        raise Overran(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def sync_order(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the code under test does to make a save durable, in order, as it happens:
    ``"fsync file"``, ``"fsync folder"`` and ``"rename"``."""
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return events
