"""Small builders shared by the core tests."""

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from textwrap import dedent

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
