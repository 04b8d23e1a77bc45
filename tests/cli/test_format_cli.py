"""The newer routine forms through the command line: ``validate`` and ``plan``."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

from .test_cli import cli

ROOT = Path(__file__).resolve().parents[2]


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


def test_validate_and_plan_take_named_rests(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """\
        name: Ball
        steps:
          - name: Ball rolls
            hold: 30s
            sets: 2
            rest_between_sets: {duration: 10s, name: Move the ball}
        """,
    )
    assert cli("validate", str(path)).returncode == 0
    plan = json.loads(cli("plan", str(path), "--json").stdout)
    assert [c["text"] for c in plan["cues"] if c["kind"] == "rest"] == ["Move the ball"]
    assert "Move the ball  (Set 2 of 2)" in cli("plan", str(path)).stdout
    path.write_text(path.read_text().replace("duration: 10s, ", ""))
    result = cli("validate", str(path))
    assert result.returncode == 1
    assert "r.yaml:6:" in result.stdout + result.stderr


def test_validate_and_plan_take_values_per_side_and_ranges(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """\
        name: Sides
        defaults: {prepare: 0, switch_sides: 5}
        steps:
          - {name: Lunge, hold: {left: 30s, right: 45s}, sides: both}
          - {name: Ice, duration: {range: 10-20m, use: 15m}}
          - {name: Stretch, hold: 20-30s, sets: 3-4}
        """,
    )
    assert cli("validate", str(path)).returncode == 0, cli("validate", str(path)).stdout
    plan = json.loads(cli("plan", str(path), "--json").stdout)
    works = [(s["step"], s["side"], s["duration"]) for s in plan["segments"] if s["kind"] == "hold"]
    assert works[:3] == [("Lunge", "left", 30), ("Lunge", "right", 45), ("Ice", None, 900)]
    assert [d for name, _, d in works if name == "Stretch"] == [20, 20, 20]
    assert [s["kind"] for s in plan["segments"][:3]] == ["hold", "switch", "hold"]
    path.write_text(path.read_text().replace("20-30s", "30-20s"))
    result = cli("validate", str(path))
    assert result.returncode == 1
    assert "r.yaml:6:" in result.stderr and "smaller to the larger" in result.stderr


def test_the_bundled_heat_or_ice_routine_plans_its_default_and_lists_the_other() -> None:
    result = cli("plan", "heat-or-ice")
    assert result.returncode == 0, result.stderr
    assert "asks at the start: Heat or ice today? Heat pack (default) or Ice pack" in result.stdout
    plan = json.loads(cli("plan", "heat-or-ice", "--json").stdout)
    assert plan["choices"][0]["default"] == "Heat pack"
    assert plan["segments"][1]["step"] == "Heat pack"
    # the former heat and ice routines' names lead to it
    assert cli("plan", "ice").stdout.splitlines()[0].startswith("Heat or ice")
    assert cli("validate", "routines/heat-or-ice.yaml", cwd=ROOT).returncode == 0
