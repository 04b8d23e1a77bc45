"""Shared test set-up: offscreen Qt, and fresh user data and settings for every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt needs a platform even with no display; set it before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test gets its own data folder and settings: never the developer's real ones."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PSOAS_TIMER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    monkeypatch.setenv("HOME", str(home))
    return home / "data"


@pytest.fixture
def routines_dir() -> Path:
    return ROOT / "routines"
