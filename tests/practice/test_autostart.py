"""The autostart entry: written where XDG says, atomically, runnable, and removed again."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

from psoas_timer.practice import autostart


def test_enable_writes_a_desktop_entry_in_xdg_config_home(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    assert not autostart.enabled(env)
    path = autostart.enable(["/opt/psoas timer/psoas-timer", "--background"], env)
    assert path == tmp_path / "config" / "autostart" / "io.github.psoastimer.PsoasTimer.desktop"
    assert autostart.enabled(env)
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(path)
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert shlex.split(desktop["Exec"]) == ["/opt/psoas timer/psoas-timer", "--background"]
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind
    autostart.disable(env)
    assert not autostart.enabled(env)
    autostart.disable(env)  # twice is fine


def test_without_xdg_config_home_it_goes_to_dot_config(tmp_path: Path) -> None:
    assert (
        autostart.autostart_path({"HOME": str(tmp_path)}).parent
        == tmp_path / ".config" / "autostart"
    )


def test_the_command_starts_this_program_in_the_background() -> None:
    command = autostart.autostart_command()
    assert command[-1] == "--background"
    assert Path(command[0]).exists()


def test_percent_signs_are_escaped() -> None:
    assert "Exec=/x/100%%/psoas-timer --background" in autostart.entry_text(
        ["/x/100%/psoas-timer", "--background"]
    )
