from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A routine file with an unknown key (``colour``) on line 3."""
    path = tmp_path / "broken.yaml"
    path.write_text("name: Broken\nsteps:\n  - {name: Stretch, hold: 30, colour: red}\n")
    return path
