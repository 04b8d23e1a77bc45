"""The session controller's own rules, without the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.player.session_controller import EARLY_RELEASE_WINDOW, SessionController


@pytest.fixture
def controller(
    qtbot: QtBot, routine_dirs: tuple[Path, Path], clock: FakeClock
) -> Iterator[SessionController]:
    entry = load_catalog(*routine_dirs).find("release")
    assert entry is not None and entry.plan is not None
    controller = SessionController(clock)
    controller.begin(entry.plan)
    clock.advance(6)  # past "get ready", into the open hold (minimum 10 s)
    controller.poll()
    yield controller
    controller.stop()


def in_open_hold(controller: SessionController) -> bool:
    snap = controller.snapshot()
    assert snap is not None
    return snap.segment.open is not None


def test_a_hold_before_its_minimum_ends_only_on_a_second_press(
    controller: SessionController, clock: FakeClock
) -> None:
    assert in_open_hold(controller)
    assert controller.request_release() == 10  # asks for a second press
    assert in_open_hold(controller)
    assert controller.request_release() is None
    assert not in_open_hold(controller)


def test_a_second_press_after_the_window_asks_again(
    controller: SessionController, clock: FakeClock
) -> None:
    assert controller.request_release() is not None
    clock.advance(EARLY_RELEASE_WINDOW + 0.1)
    controller.poll()
    assert controller.request_release() is not None  # too late: a fresh first press
    assert in_open_hold(controller)


def test_past_the_minimum_one_press_ends_the_hold(
    controller: SessionController, clock: FakeClock
) -> None:
    clock.advance(10)
    controller.poll()
    assert controller.request_release() is None
    assert not in_open_hold(controller)


def test_a_first_press_counts_only_in_its_own_hold(
    controller: SessionController, clock: FakeClock
) -> None:
    """Pressed in the left hold, then on to the right one: the next press there is a first."""
    assert controller.request_release() is not None
    assert controller.early_release_minimum() == 10
    controller.next()  # the left hold skipped: switch sides
    controller.next()  # into the right hold
    assert in_open_hold(controller)
    assert controller.early_release_minimum() is None
    assert controller.request_release() is not None  # asks again
    assert in_open_hold(controller)
