"""Which program the start-at-login entry runs: the package's ``/usr/bin/psoas-timer``, a
bundle's own binary, or the venv's script (the release tests check each installed for real:
``tests/release``)."""

from __future__ import annotations

import os
from pathlib import Path

from psoas_timer.practice.autostart import autostart_command


def _executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_the_debian_package_runs_the_name_on_path_that_links_to_its_bundle(
    tmp_path: Path,
) -> None:
    binary = _executable(tmp_path / "opt" / "psoas-timer" / "psoas-timer")
    link = tmp_path / "usr" / "bin" / "psoas-timer"
    link.parent.mkdir(parents=True)
    link.symlink_to(binary)
    command = autostart_command(str(binary), frozen=True, which=lambda _: str(link))
    assert command == [str(link), "--background"]


def test_a_bundle_runs_its_own_binary_not_another_psoas_timer_on_path(tmp_path: Path) -> None:
    binary = _executable(tmp_path / "bundle" / "psoas-timer")
    other = _executable(tmp_path / "usr" / "bin" / "psoas-timer")
    command = autostart_command(str(binary), frozen=True, which=lambda _: str(other))
    assert command == [str(binary), "--background"]


def test_a_venv_runs_its_own_script_not_another_psoas_timer_on_path(tmp_path: Path) -> None:
    python = _executable(tmp_path / "venv" / "bin" / "python")
    script = _executable(tmp_path / "venv" / "bin" / "psoas-timer")
    other = _executable(tmp_path / "usr" / "bin" / "psoas-timer")
    command = autostart_command(str(python), frozen=False, which=lambda _: str(other))
    assert command == [str(script), "--background"]


def test_without_a_script_beside_python_the_one_on_path_then_python_m(tmp_path: Path) -> None:
    python = _executable(tmp_path / "usr" / "bin" / "python3")
    user = _executable(tmp_path / "home" / ".local" / "bin" / "psoas-timer")
    assert autostart_command(str(python), frozen=False, which=lambda _: str(user)) == [
        str(user),
        "--background",
    ]
    assert autostart_command(str(python), frozen=False, which=lambda _: None) == [
        str(python),
        "-m",
        "psoas_timer",
        "--background",
    ]


def test_a_script_that_cannot_run_is_passed_over(tmp_path: Path) -> None:
    python = _executable(tmp_path / "venv" / "bin" / "python")
    (tmp_path / "venv" / "bin" / "psoas-timer").write_text("not executable")
    assert not os.access(tmp_path / "venv" / "bin" / "psoas-timer", os.X_OK)
    command = autostart_command(str(python), frozen=False, which=lambda _: None)
    assert command[1:] == ["-m", "psoas_timer", "--background"]
