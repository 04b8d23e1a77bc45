"""Every window a user can reach lies within the screen, on a real X server with a window
manager (its title bar counted): the main window with a programme followed, each of its pages,
and every dialog reachable from it, at 800x600, 1024x600, 1280x720, 1366x768, and 1920x1080 at
a device pixel ratio of 2 (a 960x540 desktop).

``fit_probe.py`` opens them all in a process of its own per screen; the five run side by side
(most of their time is spent waiting for the window manager). Needs Xvfb and openbox, which CI
installs (``.ci/run``); without them the test says so and skips.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("fit_probe.py")
#: (screen, Qt's scale factor): the last is 1920x1080 at a device pixel ratio of 2.
SIZES = [("800x600", 1), ("1024x600", 1), ("1280x720", 1), ("1366x768", 1), ("1920x1080", 2)]
#: What the probe must have opened, each on every screen.
EXPECTED = {
    "main/library",
    "main/progress",
    "main/routine",
    "main/player",
    "main/rating",
    "main/completion",
    "reminders",
    "help",
    "sound",
    "safety",
    "question",
    "choice",
    "builder",
    "builder-add-from-library",
    "builder-new",
    "report",
    "check-in",
}


@dataclass
class Run:
    lines: list[dict[str, object]]
    log: str


def _x_server(stack: ExitStack, size: str) -> str:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    stack.callback(_end, server)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    display = f":{number}"
    manager = subprocess.Popen(
        ["openbox", "--sm-disable"],
        env=dict(os.environ, DISPLAY=display),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stack.callback(_end, manager)
    return display


def _end(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    if shutil.which("Xvfb") is None or shutil.which("openbox") is None:
        pytest.skip("needs Xvfb and openbox (CI installs them): window frames need a manager")
    with ExitStack() as stack:
        started = {}
        for size, scale in SIZES:
            display = _x_server(stack, size)
            home = tmp_path_factory.mktemp(f"fit-{size}")
            env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PSOAS_TIMER"))}
            env.update(
                DISPLAY=display,
                QT_QPA_PLATFORM="xcb",
                QT_SCALE_FACTOR=str(scale),
                HOME=str(home),
                XDG_CONFIG_HOME=str(home / "config"),
                XDG_DATA_HOME=str(home / "share"),
                XDG_STATE_HOME=str(home / "state"),
                XDG_RUNTIME_DIR=str(home),
                PSOAS_TIMER_DATA_DIR=str(home / "data"),
            )
            time.sleep(0.3)  # the window manager takes the screen before the app comes
            started[size] = subprocess.Popen(
                [sys.executable, str(PROBE)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        results = {}
        for size, probe in started.items():
            try:
                out, err = probe.communicate(timeout=400)
            except subprocess.TimeoutExpired:
                probe.kill()
                out, err = probe.communicate()
            lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
            results[size] = Run(lines, f"exit {probe.returncode}\n{out}\n{err[-3000:]}")
        yield results


@pytest.mark.parametrize("size", [size for size, _ in SIZES])
def test_every_window_and_dialog_lies_within_the_screen(runs: dict[str, Run], size: str) -> None:
    run = runs[size]
    seen = {str(line["name"]) for line in run.lines}
    assert seen >= EXPECTED, f"not opened: {sorted(EXPECTED - seen)}\n{run.log}"
    outside = []
    for line in run.lines:
        if "frame" not in line:
            continue
        x, y, w, h = line["frame"]  # type: ignore[misc]
        ax, ay, aw, ah = line["area"]  # type: ignore[misc]
        mw, mh = line["minimum"]  # type: ignore[misc]
        if x < ax or y < ay or x + w > ax + aw or y + h > ay + ah:
            outside.append(f"{line['name']}: frame {w}x{h}+{x}+{y} outside {aw}x{ah}+{ax}+{ay}")
        if mw > aw or mh > ah:
            outside.append(f"{line['name']}: needs at least {mw}x{mh} on a {aw}x{ah} screen")
    assert not outside, "\n".join(outside)


@pytest.mark.parametrize("size", ["800x600", "1920x1080"])
def test_no_button_of_the_reminders_dialog_is_cut_off(runs: dict[str, Run], size: str) -> None:
    (line,) = [x for x in runs[size].lines if x["name"] == "reminders-buttons-cut"]
    assert line["cut"] == []


def test_the_scale_is_that_of_a_high_density_screen(runs: dict[str, Run]) -> None:
    (line,) = [x for x in runs["1920x1080"].lines if x["name"] == "main/library"]
    assert line["dpr"] == 2.0
    assert line["area"][2:] == [960, 540]  # type: ignore[index]
