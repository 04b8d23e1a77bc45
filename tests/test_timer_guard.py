"""The suite-wide guard: a test that leaves a QTimer running fails."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

LEAKY = """
from PySide6.QtCore import QTimer

KEEP = []


def test_leaves_a_timer_running(qapp):
    timer = QTimer()
    timer.setObjectName("left-running")
    timer.start(60_000)
    KEEP.append(timer)


def test_stops_its_timer(qapp):
    timer = QTimer()
    timer.start(60_000)
    timer.stop()
    KEEP.append(timer)


def test_lets_go_of_its_timer(qapp):
    QTimer().start(60_000)
"""


def test_a_timer_left_running_fails_its_test(pytester: pytest.Pytester) -> None:
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_leaky=LEAKY)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(["*the test left 1 QTimer(s) running: left-running*"])
