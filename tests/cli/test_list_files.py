"""``psoas-timer list --json`` names the files each routine needs: its pictures and the voice
clips its cues are said with, and the lines no clip covers (said by text-to-speech)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

ROOT = Path(__file__).resolve().parents[2]


def _list_json() -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-m", "psoas_timer", "list", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=True,
    )
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_a_routine_lists_its_pictures_its_clips_and_the_lines_without_one() -> None:
    user = Path(os.environ["PSOAS_TIMER_DATA_DIR"]) / "routines"
    user.mkdir(parents=True)
    (user / "mine.yaml").write_text(
        dedent("""\
        name: Mine
        defaults: {prepare: 5, breathing: none}
        steps:
          - use: psoas-ball-release
          - {name: Wobbly flamingo, hold: 20}
        """)
    )
    rows = {row["path"]: row for row in _list_json()}
    mine = rows[str(user / "mine.yaml")]
    assert mine["pictures"] == [str(ROOT / "assets" / "images" / "psoas-ball-release.svg")]
    clips = [Path(str(p)) for p in mine["voice_clips"]]  # type: ignore[attr-defined]
    assert clips and all(p.is_file() and p.parent == ROOT / "assets" / "voice" for p in clips)
    manifest = json.loads((ROOT / "assets" / "voice" / "manifest.json").read_text())
    said = {
        text
        for text, name in manifest["clips"].items()
        if ROOT / "assets" / "voice" / name in clips
    }
    assert "Get ready" in said
    assert "Wobbly flamingo" in mine["spoken_without_clip"]  # type: ignore[operator]


def test_every_option_of_an_either_or_step_counts() -> None:
    rows = {Path(str(row["path"])).name: row for row in _list_json()}
    pictures = {Path(p).name for p in rows["heat-or-ice.yaml"]["pictures"]}  # type: ignore[attr-defined]
    assert {"heat-pack.svg", "ice-pack.svg"} <= pictures


def test_bundled_routines_have_every_line_rendered_and_every_picture_on_disk() -> None:
    bundled = [row for row in _list_json() if row["source"] == "bundled"]
    assert len(bundled) == len(list((ROOT / "routines").glob("*.yaml")))
    for row in bundled:
        assert row["spoken_without_clip"] == [], row["name"]
        assert row["voice_clips"], row["name"]
        for path in [*row["pictures"], *row["voice_clips"]]:  # type: ignore[misc]
            assert Path(path).is_file(), (row["name"], path)
