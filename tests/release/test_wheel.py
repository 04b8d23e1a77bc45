"""The wheel on its own: installed into a clean venv (and by pipx), it is the whole app, with
every routine, picture and voice clip the app loads, and Start at login runs its script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, VERSION, artefact, check_listed_routines, figure, private_env, run

pytestmark = pytest.mark.release

DATA = "psoas_timer/data/"


def _tracked(folder: str) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "--", folder],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if line]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheel = artefact("psoas_timer-*-py3-none-any.whl")
    path = tmp_path_factory.mktemp("wheel") / "venv"
    run([sys.executable, "-m", "venv", str(path)])
    started = time.monotonic()
    run([str(path / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], timeout=900)
    figure(
        f"wheel install into a clean venv (pip, cached downloads): {time.monotonic() - started:.1f} s"
    )
    return path


def _site_data(venv: Path) -> Path:
    code = "import psoas_timer, pathlib; print(pathlib.Path(psoas_timer.__file__).parent)"
    package = run([str(venv / "bin" / "python"), "-c", code]).stdout.strip()
    return Path(package) / "data"


def test_the_wheel_carries_every_file_the_app_loads() -> None:
    wheel = artefact("psoas_timer-*-py3-none-any.whl")
    assert wheel.name == f"psoas_timer-{VERSION}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in _tracked("routines") + _tracked("assets") if DATA + f not in names]
    assert missing == []
    code = [f for f in _tracked("psoas_timer") if f.endswith((".py", ".typed"))]
    assert [f for f in code if f not in names] == []
    data = f"psoas_timer-{VERSION}.data/data/share/"
    for shared in (
        "applications/io.github.psoastimer.PsoasTimer.desktop",
        "metainfo/io.github.psoastimer.PsoasTimer.metainfo.xml",
        "icons/hicolor/scalable/apps/io.github.psoastimer.PsoasTimer.svg",
    ):
        assert data + shared in names
    # Nothing of the checkout's own: tests, tools, caches.
    assert not [n for n in names if n.startswith(("tests/", "tools/")) or "__pycache__" in n]


def test_installed_in_a_clean_venv_it_lists_every_routine_with_its_files(
    venv: Path, home: Path
) -> None:
    env = private_env(home)
    exe = str(venv / "bin" / "psoas-timer")
    assert run([exe, "--version"], env).stdout.strip() == f"psoas-timer {VERSION}"
    data = _site_data(venv)
    check_listed_routines(run([exe, "list", "--json"], env).stdout, data)
    run([exe, "validate", str(data / "routines")], env)
    # The tones and breathing sounds the player loads before a session, for every style.
    code = (
        "import sys, json; from psoas_timer.audio.assets import Assets;"
        "from psoas_timer.audio.settings import TONE_STYLES;"
        "a = Assets(__import__('pathlib').Path(sys.argv[1]));"
        "print(json.dumps({s: [str(p) for p in a.all_clips(s)] for s in TONE_STYLES}))"
    )
    clips = json.loads(run([str(venv / "bin" / "python"), "-c", code, str(data / "assets")]).stdout)
    for style, paths in clips.items():
        tones = [p for p in paths if f"/sounds/{style}/" in p]
        assert len(tones) == 7, (style, tones)
        assert any("/sounds/breathing/" in p for p in paths)


def test_the_window_starts_and_start_at_login_runs_the_venvs_script(venv: Path, home: Path) -> None:
    env = private_env(home)
    out = run([str(venv / "bin" / "python"), "-m", "psoas_timer.smoke"], env).stdout
    line = next(line for line in out.splitlines() if line.startswith("smoke-result "))
    result = json.loads(line.removeprefix("smoke-result "))
    assert result["ok"], result["failures"]
    assert result["autostart"] == [str(venv / "bin" / "psoas-timer"), "--background"]


@pytest.mark.skipif(shutil.which("pipx") is None, reason="pipx is missing (CI installs it)")
def test_pipx_install_from_the_wheel_gives_a_working_command(home: Path) -> None:
    wheel = artefact("psoas_timer-*-py3-none-any.whl")
    env = private_env(home, PIPX_HOME=str(home / "pipx"), PIPX_BIN_DIR=str(home / ".local" / "bin"))
    run(["pipx", "install", "--python", sys.executable, str(wheel)], env, timeout=900)
    exe = home / ".local" / "bin" / "psoas-timer"
    assert run([str(exe), "--version"], env).stdout.strip() == f"psoas-timer {VERSION}"
    rows = json.loads(run([str(exe), "list", "--json"], env).stdout)
    assert rows and all(not row["problems"] for row in rows)


def test_the_version_is_the_tag_when_this_commit_is_tagged() -> None:
    wheel = artefact("psoas_timer-*-py3-none-any.whl")
    tag = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--tags", "--exact-match", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if tag:  # a release commit: v0.2.0 builds 0.2.0, nothing else
        assert tag.removeprefix("v") == VERSION
    assert wheel.name.split("-")[1] == VERSION


def test_the_wheel_carries_the_compiled_catalogs() -> None:
    """Each .po of the repository compiled into its .mo (the build hook makes them; they are
    not in git), beside the .po; no pseudo-language."""
    names = set(zipfile.ZipFile(artefact("psoas_timer-*-py3-none-any.whl")).namelist())
    sources = [f for f in _tracked("psoas_timer/locale") if f.endswith(".po")]
    assert sources
    assert [f for f in sources if f[:-3] + ".mo" not in names] == []
    assert not [n for n in names if "@pseudo" in n]
