"""The release tests install what ``bash tools/release.sh`` built into ``dist/`` the way a user
would: the .deb with apt-get, the wheel into a clean venv, the bundle archive into a home
folder. They are marked ``release`` and left out of the default run (see pyproject.toml);
CI's release step runs them: ``pytest -m release tests/release``. A missing artefact fails
them: build it first. Figures (sizes, install and first start times) are printed at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import psoas_timer

ROOT = Path(__file__).resolve().parents[2]
DIST = Path(os.environ.get("PSOAS_TIMER_DIST", ROOT / "dist"))
VERSION = psoas_timer.__version__
FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("release figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


def figure(line: str) -> None:
    """Keep a measured figure for the summary at the end of the run."""
    FIGURES.append(line)


def artefact(pattern: str) -> Path:
    found = sorted(DIST.glob(pattern))
    if len(found) != 1:
        pytest.fail(f"expected one {pattern} in {DIST}, found {found}: run bash tools/release.sh")
    size = found[0].stat().st_size / 2**20
    line = f"{found[0].name}: {size:.1f} MB"
    if line not in FIGURES:
        figure(line)
    return found[0]


def check_listed_routines(stdout: str, data: Path) -> None:
    """``list --json`` from an installed copy: every routine file under *data* loads, and each
    picture and voice clip it names is a file there (the package data is complete)."""
    rows = json.loads(stdout)
    files = sorted((data / "routines").glob("*.yaml"))
    bundled = [row for row in rows if row["source"] == "bundled"]
    assert files and len(bundled) == len(files), (len(bundled), files)
    for row in bundled:
        assert row["problems"] == [] and row["total_seconds"], row
        assert Path(row["path"]).parent == data / "routines", row["path"]
        assert row["pictures"] and row["voice_clips"], row["name"]
        assert row["spoken_without_clip"] == [], row["name"]
        for path in [*row["pictures"], *row["voice_clips"]]:
            assert Path(path).is_file() and data in Path(path).parents, path


def private_env(home: Path, **extra: str) -> dict[str, str]:
    """A login of its own: a fresh home, config, data and runtime folder, offscreen Qt."""
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {
        "PATH": f"{home / '.local' / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_DATA_DIRS": "/usr/local/share:/usr/share",
        "QT_QPA_PLATFORM": "offscreen",
        "PSOAS_TIMER_INSTANCE": str(runtime / "instance.sock"),
    }
    env.update(extra)
    return env


def run(
    command: list[str], env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run *command* to success, from / (never the checkout, whose psoas_timer would be
    imported first by ``python -m``/``-c``)."""
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=timeout, check=False, cwd="/"
    )
    assert result.returncode == 0, (
        f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )
    return result


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "home"
    path.mkdir()
    yield path
    shutil.rmtree(path, ignore_errors=True)
