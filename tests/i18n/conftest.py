"""The window's fixtures (tests/ui/conftest.py), and the language put back after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.conftest import (  # noqa: F401 - fixtures
    asker,
    audio,
    clock,
    inhibitor,
    make_window,
    preferences,
    routine_dirs,
    services,
    settings_file,
    window,
)


@pytest.fixture
def language() -> Iterator[None]:
    """A test that sets the window's language (Qt's translator, the layout direction) gets
    English and left to right back."""
    yield
    from psoas_timer.ui.common.translation import apply_language

    apply_language("en")
