"""The newer routine forms through the command line: ``validate`` and ``plan``."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

from .test_cli import cli


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.yaml"
    path.write_text(dedent(text), encoding="utf-8")
    return path


def test_plan_names_the_groups_and_rounds(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """\
        name: Circuit
        steps:
          - repeat: 3
            name: Core circuit
            steps: [{name: Plank, hold: 30s}]
        """,
    )
    result = cli("plan", str(path))
    assert result.returncode == 0, result.stderr
    assert "Plank  (Core circuit · round 2 of 3)" in result.stdout
    segments = json.loads(cli("plan", str(path), "--json").stdout)["segments"]
    assert segments[-1]["groups"] == [{"name": "Core circuit", "round": 3, "rounds": 3}]
