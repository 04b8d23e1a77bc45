"""The desktop entry, AppStream metainfo and icon: valid, consistent with each other.

With `desktop-file-validate` and `appstreamcli` installed they check the files too; without
them the required keys are checked here (nothing is installed by the tests).
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.psoastimer.PsoasTimer"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICON = ROOT / "assets" / "icons" / "psoas-timer.svg"
INSTALL = ROOT / "tools" / "install_desktop_entry.sh"


def _desktop() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser


def test_desktop_entry_has_what_menus_need() -> None:
    text = DESKTOP.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\n")
    entry = _desktop()["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Psoas Timer"
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "psoas-timer"
    assert entry["Exec"].split()[1:] in ([], ["%f"], ["%F"], ["%u"], ["%U"])
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    categories = entry["Categories"].rstrip(";").split(";")
    main = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics"}
    main |= {"Network", "Office", "Science", "Settings", "System", "Utility"}
    assert main & set(categories)
    assert entry["Keywords"].endswith(";")
    assert entry["StartupWMClass"] == "psoas-timer"  # Qt's WM_CLASS: the application name
    for line in text.splitlines():
        assert line == line.rstrip(), f"trailing space: {line!r}"


def test_desktop_actions_open_bundled_routines() -> None:
    parser = _desktop()
    actions = [a for a in parser["Desktop Entry"]["Actions"].split(";") if a]
    assert actions
    routines = {p.stem for p in (ROOT / "routines").glob("*.yaml")}
    for action in actions:
        group = parser[f"Desktop Action {action}"]
        assert group["Name"]
        program, routine = group["Exec"].split()
        assert program == "psoas-timer"
        assert routine in routines


def test_metainfo_matches_the_desktop_entry() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.findtext("name") == _desktop()["Desktop Entry"]["Name"]
    summary = root.findtext("summary") or ""
    assert 0 < len(summary) <= 80 and not summary.endswith(".")
    assert root.find("description/p") is not None
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("provides/binary") == "psoas-timer"
    assert root.find("content_rating") is not None
    releases = root.findall("releases/release")
    assert releases and all(r.get("version") and r.get("date") for r in releases)


def test_metainfo_release_is_the_package_version() -> None:
    from psoas_timer import __version__

    root = ET.parse(METAINFO).getroot()
    assert root.findall("releases/release")[0].get("version") == __version__


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_desktop_file_validate() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="no appstream")
def test_appstreamcli_validate() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_svg_icon_renders(qapp: object) -> None:
    assert QSvgRenderer(str(ICON)).isValid()
    root = ET.parse(ICON).getroot()
    assert root.get("viewBox") == "0 0 128 128"  # square
    text = ICON.read_text(encoding="utf-8")
    # Self-contained: no scripts, fonts or outside references.
    for banned in ("<script", "<text", "<image", "href=", "<foreignObject"):
        assert banned not in text


def test_png_renders_are_there_and_square(qapp: object) -> None:
    sizes = []
    for png in sorted((LINUX / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.png")):
        size = int(png.parent.parent.name.split("x")[0])
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size), png
        sizes.append(size)
    assert {16, 32, 48, 128, 256} <= set(sizes)


@pytest.mark.skipif(os.name != "posix", reason="a shell script")
def test_install_script_installs_and_removes(tmp_path: Path) -> None:
    bundle = tmp_path / "my bundle"
    bundle.mkdir()
    exe = bundle / "psoas-timer"
    exe.write_text("#!/bin/sh\n", encoding="utf-8")
    exe.chmod(0o755)
    prefix = tmp_path / "share"
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    subprocess.run(
        ["bash", str(INSTALL), "--bundle", str(bundle), "--prefix", str(prefix)],
        check=True,
        env=env,
        capture_output=True,
    )
    desktop = prefix / "applications" / DESKTOP.name
    text = desktop.read_text(encoding="utf-8")
    assert f'Exec="{exe}" %f' in text
    assert f"TryExec={exe}\n" in text
    assert (prefix / "metainfo" / METAINFO.name).is_file()
    assert (prefix / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (prefix / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    subprocess.run(
        ["bash", str(INSTALL), "--uninstall", "--prefix", str(prefix)],
        check=True,
        env=env,
        capture_output=True,
    )
    assert not desktop.exists()
    assert not list(prefix.rglob(f"{APP_ID}*"))


@pytest.mark.skipif(os.name != "posix", reason="a shell script")
def test_install_script_without_a_command_says_so(tmp_path: Path) -> None:
    path = "/usr/bin:/bin"
    if shutil.which("psoas-timer", path=path):
        pytest.skip("psoas-timer is installed system-wide here")
    result = subprocess.run(
        ["bash", str(INSTALL), "--prefix", str(tmp_path)],
        env={**os.environ, "PATH": path},  # no psoas-timer on it
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "pip install" in result.stderr


def test_yaml_files_open_with_psoas_timer() -> None:
    entry = _desktop()["Desktop Entry"]
    assert entry["MimeType"].endswith(";")
    types = set(entry["MimeType"].rstrip(";").split(";"))
    assert {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"} <= types
    assert entry["Exec"].split()[1:] == ["%f"]  # the file opened is handed over
