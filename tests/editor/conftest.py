"""Shared fixtures for the routine editor and its saving."""

from __future__ import annotations

from pathlib import Path

import pytest

from psoas_timer.core.catalog import Catalog, load_catalog

ROOT = Path(__file__).resolve().parents[2]

HAND_WRITTEN = """\
# My evening session (written by hand)
version: 1
name: Evening psoas
description: >-
  Slow and gentle,
  before bed.
tags: [evening, gentle]

steps:
  # Release first
  - use: psoas-ball-release   # my favourite
    open: {min: 60s, target: 90s, max: 2m}

  # Then stretch
  - name: "Kneeling stretch"
    kind: stretch
    hold: 90s      # long on purpose
    sides: both
    instructions: |
      Kneel.
      Tuck the pelvis.
"""


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(ROOT / "routines")


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    path = tmp_path / "routines"
    path.mkdir()
    return path
