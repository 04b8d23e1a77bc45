"""The bundle archive in a home folder: unpacked, ``install.sh`` puts the app in
~/.local/opt, the command in ~/.local/bin and the menu entry in ~/.local/share; Start at login
runs the bundle; ``uninstall.sh`` takes it all away and leaves the user's data."""

from __future__ import annotations

import configparser
import json
import shlex
import tarfile
from pathlib import Path

import pytest

from .conftest import VERSION, artefact, check_listed_routines, private_env, run

pytestmark = pytest.mark.release

ID = "io.github.psoastimer.PsoasTimer"


def _unpacked(where: Path) -> Path:
    archive = artefact(f"psoas-timer-{VERSION}-linux-x86_64.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        assert all(n == "psoas-timer" or n.startswith("psoas-timer/") for n in names)
        tar.extractall(where, filter="tar")
    return where / "psoas-timer"


def test_install_run_and_uninstall_in_a_home_folder(home: Path, tmp_path: Path) -> None:
    unpacked = _unpacked(tmp_path / "download")
    env = private_env(home)
    run(["bash", str(unpacked / "install.sh")], env)
    app = home / ".local" / "opt" / "psoas-timer"
    link = home / ".local" / "bin" / "psoas-timer"
    assert link.resolve() == (app / "psoas-timer").resolve()
    assert run(["psoas-timer", "--version"], env).stdout.strip() == f"psoas-timer {VERSION}"
    check_listed_routines(run(["psoas-timer", "list", "--json"], env).stdout, app / "_internal")

    share = home / ".local" / "share"
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(share / "applications" / f"{ID}.desktop")
    assert shlex.split(entry["Desktop Entry"]["Exec"])[0] == str(app / "psoas-timer")
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{ID}.svg").is_file()
    assert (share / "metainfo" / f"{ID}.metainfo.xml").is_file()

    smoke = run(["psoas-timer"], {**env, "PSOAS_TIMER_SMOKE": "1"}).stdout
    line = next(x for x in smoke.splitlines() if x.startswith("smoke-result "))
    result = json.loads(line.removeprefix("smoke-result "))
    assert result["ok"], result["failures"]
    # ~/.local/bin/psoas-timer is this bundle: the entry runs that name, as a login's PATH
    # may lack ~/.local/bin the entry is absolute.
    assert result["autostart"] == [str(link), "--background"]

    data = home / ".local" / "share" / "PsoasTimer"
    data.mkdir(parents=True, exist_ok=True)  # list --json made it: user data
    (data / "mine.txt").write_text("kept")
    autostart = home / ".config" / "autostart" / f"{ID}.desktop"
    autostart.parent.mkdir(parents=True)
    autostart.write_text(f"[Desktop Entry]\nExec={link} --background\n")
    run(["bash", str(app / "uninstall.sh")], env)
    assert not app.exists() and not link.exists() and not link.is_symlink()
    assert not autostart.exists()
    assert not list(share.rglob(f"{ID}*"))
    assert (data / "mine.txt").read_text() == "kept"


def test_a_bundle_run_where_it_was_unpacked_starts_at_login_from_there(
    home: Path, tmp_path: Path
) -> None:
    unpacked = _unpacked(tmp_path / "download")
    env = private_env(home, PSOAS_TIMER_SMOKE="1")
    smoke = run([str(unpacked / "psoas-timer")], env).stdout
    line = next(x for x in smoke.splitlines() if x.startswith("smoke-result "))
    result = json.loads(line.removeprefix("smoke-result "))
    assert result["ok"], result["failures"]
    assert result["autostart"] == [str(unpacked / "psoas-timer"), "--background"]


def test_the_bundle_carries_the_catalogs_and_qts_own(tmp_path: Path) -> None:
    """The app's compiled catalogs and Qt's qtbase_<lang>.qm for each shipped language (Qt's
    standard buttons), nothing of the pseudo-languages."""
    unpacked = _unpacked(tmp_path / "download")
    inside = unpacked / "_internal"
    for code in ("de", "fr", "es", "pt_BR"):
        for domain in ("psoas_timer", "content"):
            assert (
                inside / "psoas_timer" / "locale" / code / "LC_MESSAGES" / f"{domain}.mo"
            ).is_file()
        assert list(inside.rglob(f"qtbase_{code}.qm")), code
    assert not list(inside.rglob("*@pseudo*"))
    assert not list(inside.rglob("qtbase_ja.qm"))  # only the shipped languages' Qt catalogs
