"""Shared test set-up: offscreen Qt, and fresh user data and settings for every test."""

from __future__ import annotations

import gc
import os
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from psoas_timer import i18n, logs

# Qt needs a platform even with no display; set it before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Each test gets its own data folder and settings: never the developer's real ones."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PSOAS_TIMER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("PSOAS_TIMER_STATE_DIR", raising=False)
    # English whatever the developer's locale, with British formats (a 24-hour clock, as
    # the tests read times): a test that wants a language or a region sets it.
    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    for variable in ("LC_ALL", "LC_TIME", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    i18n.set_language(None)
    yield home / "data"
    i18n.set_language(None)
    logs.shutdown()  # a test that set up the log (the CLI does) leaves none behind


@pytest.fixture
def routines_dir() -> Path:
    return ROOT / "routines"


@pytest.fixture(autouse=True)
def _no_timer_left_running(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a QTimer running: it would fire in a later test, or tick in
    the app with nothing to do. Every timer started from Python is checked once the test's
    widgets are closed (pytest-qt closes them first) and what it let go of is deleted."""
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None:  # a test of the Qt-free core: no timers
        yield
        return
    import shiboken6

    started: list[weakref.ref[Any]] = []  # weak: noting a timer must not keep it alive
    original = qtcore.QTimer.start

    def start(timer: Any, *args: object) -> None:
        started.append(weakref.ref(timer))
        original(timer, *args)

    monkeypatch.setattr(qtcore.QTimer, "start", start)
    yield
    # What the test let go of goes now, its timers with it: those cannot fire later.
    qtcore.QCoreApplication.sendPostedEvents(None, qtcore.QEvent.Type.DeferredDelete)
    gc.collect()
    alive = [t for t in (ref() for ref in started) if t is not None and shiboken6.isValid(t)]
    running = {id(t): t for t in alive if t.isActive()}
    started.clear()
    if running:
        names = sorted(
            t.objectName() or f"a timer of {type(t.parent()).__name__}" for t in running.values()
        )
        for timer in running.values():
            timer.stop()
        pytest.fail(f"the test left {len(running)} QTimer(s) running: {', '.join(names)}")
