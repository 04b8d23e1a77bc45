"""The Debian package, installed as a user would (``apt-get install ./psoas-timer_*.deb``, as
root, which CI is): the command from /usr/bin, a routine opened by its file type, Start at login,
then ``apt-get remove`` leaves no file behind and the user's data alone."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import VERSION, artefact, check_listed_routines, figure, private_env, run

pytestmark = [
    pytest.mark.release,
    pytest.mark.skipif(
        os.geteuid() != 0 or shutil.which("apt-get") is None,
        reason="installs a .deb: needs root and apt-get (CI has both)",
    ),
]

APP = Path("/opt/psoas-timer")
DATA = APP / "_internal"
DESKTOP = "io.github.psoastimer.PsoasTimer.desktop"
APT = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


def _installed() -> bool:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", "psoas-timer"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() == "install ok installed"


def _apt(*args: str) -> float:
    started = time.monotonic()
    run(["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=600", *args], env=APT, timeout=600)
    return time.monotonic() - started


@pytest.fixture
def installed() -> Path:
    """The package installed (once; a test that removes it gets it back for the next)."""
    deb = artefact("psoas-timer_*_amd64.deb")
    if not _installed():
        seconds = _apt("install", "--no-install-recommends", str(deb.resolve()))
        figure(f".deb install (apt-get install ./{deb.name}): {seconds:.1f} s")
    return deb


def test_the_command_runs_from_usr_bin(installed: Path, home: Path) -> None:
    assert Path("/usr/bin/psoas-timer").resolve() == APP / "psoas-timer"
    env = private_env(home)
    started = time.monotonic()
    version = run(["psoas-timer", "--version"], env).stdout.strip()
    figure(f".deb first start: psoas-timer --version in {time.monotonic() - started:.2f} s")
    assert version == f"psoas-timer {VERSION}"
    assert f"_{VERSION}_" in installed.name
    run(["psoas-timer", "validate", str(DATA / "routines")], env)
    check_listed_routines(run(["psoas-timer", "list", "--json"], env).stdout, DATA)


def test_the_window_starts_and_start_at_login_runs_usr_bin(installed: Path, home: Path) -> None:
    env = private_env(home, PSOAS_TIMER_SMOKE="1")
    started = time.monotonic()
    out = run(["/usr/bin/psoas-timer"], env).stdout
    wall = time.monotonic() - started
    line = next(line for line in out.splitlines() if line.startswith("smoke-result "))
    result = json.loads(line.removeprefix("smoke-result "))
    assert result["ok"], result["failures"]
    assert result["frozen"] and result["routines"] == result["routine_files"]
    figure(
        f".deb window: shown {result['startup_s']} s after the process started "
        f"(smoke run {wall:.1f} s in all)"
    )
    assert result["autostart"] == ["/usr/bin/psoas-timer", "--background"]


def test_the_package_has_its_menu_entry_icons_metainfo_and_manual(installed: Path) -> None:
    listing = run(["dpkg-query", "-L", "psoas-timer"]).stdout.splitlines()
    assert f"/usr/share/applications/{DESKTOP}" in listing
    assert "/usr/share/metainfo/io.github.psoastimer.PsoasTimer.metainfo.xml" in listing
    assert "/usr/share/icons/hicolor/scalable/apps/io.github.psoastimer.PsoasTimer.svg" in listing
    assert "/usr/share/icons/hicolor/48x48/apps/io.github.psoastimer.PsoasTimer.png" in listing
    assert "/usr/share/man/man1/psoas-timer.1.gz" in listing
    if shutil.which("man"):
        page = run(["man", "-P", "cat", "psoas-timer"], {**os.environ, "MANWIDTH": "80"}).stdout
        for command in ("validate", "list", "plan", "export-audio", "history", "today"):
            assert command in page
    control = run(["dpkg-query", "-W", "-f=${Depends}", "psoas-timer"]).stdout
    for needed in ("libc6", "libegl1", "libxcb1", "fontconfig-config"):
        assert needed in control


@pytest.mark.skipif(shutil.which("gio") is None, reason="gio (libglib2.0-bin) is missing")
def test_a_routine_file_opens_with_psoas_timer_by_its_type(installed: Path, home: Path) -> None:
    routine = home / "evening.yaml"
    shutil.copy(DATA / "routines" / "daily-psoas.yaml", routine)
    env = private_env(home, PSOAS_TIMER_DATA_DIR=str(home / "data"))
    kind = run(["gio", "info", "-a", "standard::content-type", str(routine)], env).stdout
    mime = kind.rsplit(":", 1)[-1].strip()
    assert mime in ("application/yaml", "application/x-yaml"), kind
    if shutil.which("xdg-mime"):
        assert run(["xdg-mime", "query", "default", mime], env).stdout.strip() == DESKTOP
    launcher = ["dbus-run-session", "--"] if shutil.which("dbus-run-session") else []
    # The app it starts inherits gio's output: a file, so nothing waits on a pipe.
    with (home / "gio-open.log").open("w") as log:
        opened = subprocess.run(
            [*launcher, "gio", "open", str(routine)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            timeout=60,
            check=False,
        )
    assert opened.returncode == 0, (home / "gio-open.log").read_text()
    pid = _wait_for_process(["psoas-timer", str(routine)])
    try:
        deadline = time.monotonic() + 60
        while not (home / "data" / "history.sqlite3").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert (home / "data" / "history.sqlite3").exists()  # started, with this login's data
        time.sleep(1)
        assert Path(f"/proc/{pid}").exists(), "the app quit after opening the routine"
    finally:
        os.kill(pid, signal.SIGTERM)


def _wait_for_process(argv: list[str], timeout: float = 30) -> int:
    """The pid of the process started with exactly *argv* (the desktop entry's Exec)."""
    wanted = "\0".join(argv) + "\0"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                if (proc / "cmdline").read_text(errors="replace") == wanted:
                    return int(proc.name)
            except OSError:
                continue
        time.sleep(0.2)
    pytest.fail(f"no process {argv} within {timeout} s")


def test_remove_leaves_no_file_and_keeps_user_data(installed: Path, home: Path) -> None:
    listing = run(["dpkg-deb", "-c", str(installed)]).stdout.splitlines()
    files = [Path(line.split(None, 5)[5].split(" -> ")[0].removeprefix(".")) for line in listing]
    files = [f for f in files if str(f) not in ("/", "")]
    data = home / "data"
    env = private_env(home, PSOAS_TIMER_DATA_DIR=str(data))
    run(["psoas-timer", "list", "--json"], env)  # makes the user's folders
    user_files = sorted(p for p in data.rglob("*"))
    assert user_files
    seconds = _apt("remove", "psoas-timer")
    figure(f".deb remove: {seconds:.1f} s")
    assert not _installed()
    left = [f for f in files if f.is_symlink() or (f.exists() and not f.is_dir())]
    assert left == [], left
    assert not APP.exists(), sorted(APP.rglob("*"))[:10]
    mine = [d for d in files if d.is_dir() and ("psoas-timer" in str(d) or "psoastimer" in str(d))]
    assert mine == [], mine
    assert sorted(p for p in data.rglob("*")) == user_files
