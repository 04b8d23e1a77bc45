"""The sound modules are imported on a worker thread while the routines are read, so that
opening the sound just after the list shows leaves only the device to the window's thread
(``benchmarks/start_stall.py``: importing them there was half of its longest pause); the
backend's start-up chatter stays out of the log, as when the player opens it."""

from __future__ import annotations

import logging
import sys
import threading
from types import ModuleType

import pytest
from PySide6.QtCore import qWarning

from psoas_timer.audio import player as player_module
from psoas_timer.ui.sound.output import import_in_background


def test_the_sound_backend_is_imported_on_a_worker_thread_quietly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[str] = []

    def fake_import() -> ModuleType:
        threads.append(threading.current_thread().name)
        qWarning("Couldn't load pipewire-0.3 library")  # what Qt says with no PipeWire
        return ModuleType("QtMultimedia")

    monkeypatch.delitem(sys.modules, "PySide6.QtMultimedia", raising=False)
    monkeypatch.setattr(player_module, "_import_multimedia", fake_import)
    worker = import_in_background()
    worker.join(10)
    assert not worker.is_alive()
    assert threads == ["sound-import"]  # not the window's thread
    # (pytest-qt fails the test on a Qt warning that reached the log)


def test_a_backend_that_cannot_be_imported_is_left_for_the_player_to_say(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def missing() -> ModuleType:
        raise ImportError("libpulse.so.0: cannot open shared object file")

    caplog.set_level(logging.INFO)
    monkeypatch.delitem(sys.modules, "PySide6.QtMultimedia", raising=False)
    monkeypatch.setattr(player_module, "_import_multimedia", missing)
    worker = import_in_background()
    worker.join(10)
    assert "cannot be imported yet" in caplog.text
    assert "Traceback" not in caplog.text
