"""What app stores and packagers read: the AppStream metainfo (URLs from pyproject.toml,
releases from CHANGELOG.md, screenshots that exist, valid even to the pedantic), the manual
page made from the command line's help, and the Flatpak manifest's permissions."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
import yaml

import psoas_timer

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.psoastimer.PsoasTimer"
METAINFO = ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml"
FLATPAK = ROOT / "packaging" / "flatpak"


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_metainfo_is_up_to_date_with_pyproject_and_the_changelog() -> None:
    make = _tool("make_metainfo")
    text = METAINFO.read_text(encoding="utf-8")
    assert make.updated(text, make.project_urls(), make.releases()) == text, (
        "run: python tools/make_metainfo.py"
    )
    root = ET.fromstring(text)
    urls = {u.get("type"): u.text for u in root.findall("url")}
    project = make.project_urls()
    assert urls["homepage"] == project["Homepage"]
    assert urls["bugtracker"] == project["Issues"]
    assert urls["help"] == project["Documentation"]
    versions = [r.get("version") for r in root.findall("releases/release")]
    assert versions == [v for v, _, _ in make.releases()]
    assert versions[0] == psoas_timer.__version__
    for release in root.findall("releases/release"):
        assert release.findall("description/ul/li"), release.get("version")


def test_the_changelog_reads_newest_first_with_an_unreleased_section() -> None:
    make = _tool("make_metainfo")
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Unreleased" in text
    dates = [date for _, date, _ in make.releases()]
    assert dates == sorted(dates, reverse=True)


def test_every_screenshot_is_in_docs_with_a_caption() -> None:
    root = ET.parse(METAINFO).getroot()
    shots = root.findall("screenshots/screenshot")
    assert len(shots) >= 4
    assert [s.get("type") for s in shots].count("default") == 1
    for shot in shots:
        caption = shot.findtext("caption") or ""
        assert 10 <= len(caption) <= 100 and not caption.endswith(".")
        image = shot.findtext("image") or ""
        assert image.startswith("https://")
        assert (ROOT / "docs" / "screenshots" / image.rsplit("/", 1)[1]).is_file(), image


def test_branding_and_content_rating() -> None:
    root = ET.parse(METAINFO).getroot()
    colours = root.findall("branding/color")
    assert {c.get("scheme_preference") for c in colours} == {"light", "dark"}
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c.text or "") for c in colours)
    assert root.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream is missing")
def test_appstreamcli_pedantic_finds_nothing_but_infos() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--pedantic", "--no-net", "--no-color", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    issues = [line for line in result.stdout.splitlines() if re.match(r"^[EWIP]: ", line)]
    # The one pedantic note is the app id's capitals (cid-contains-uppercase-letter): the id
    # is the desktop file's and the settings', and Flathub accepts it.
    serious = [i for i in issues if i[0] in "EW"]
    pedantic = [i for i in issues if i.startswith("P:")]
    assert serious == []
    assert all("cid-contains-uppercase-letter" in p for p in pedantic), pedantic


def test_the_manual_page_covers_every_command_and_option() -> None:
    from psoas_timer.cli import _parser

    page = _tool("make_manpage").manpage()
    assert page.startswith(".TH PSOAS\\-TIMER 1 ")
    assert f"psoas\\-timer {psoas_timer.__version__}" in page
    sub = next(a for a in _parser()._actions if a.dest == "command")
    for name, parser in sub.choices.items():  # type: ignore[union-attr]
        assert f".SS {name.replace('-', chr(92) + '-')}" in page
        for action in parser._actions:
            for option in action.option_strings:
                assert option.replace("-", "\\-") in page, (name, option)


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is missing")
def test_the_manual_page_renders_without_warnings(tmp_path: Path) -> None:
    page = tmp_path / "psoas-timer.1"
    page.write_text(_tool("make_manpage").manpage(), encoding="utf-8")
    result = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-z", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr


# Names in the source that are not services to be let through: the bus's own interfaces and
# errors, the desktop portal (every Flatpak may call it), and GSettings schemas.
NOT_SERVICES = ("org.freedesktop.DBus", "org.freedesktop.portal.", "org.gnome.desktop.")


def _dbus_names_in_the_app() -> set[str]:
    names: set[str] = set()
    for source in (ROOT / "psoas_timer").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        names |= set(re.findall(r'"((?:org|com)\.(?:freedesktop|gnome|kde|mpris)\.[\w.]+)"', text))
    return {n for n in names if not n.startswith(NOT_SERVICES)}


def test_the_flatpak_manifest_parses_and_grants_every_service_the_app_talks_to() -> None:
    manifest = yaml.safe_load((FLATPAK / f"{APP_ID}.yml").read_text(encoding="utf-8"))
    assert manifest["app-id"] == APP_ID
    assert manifest["base"] == "io.qt.PySide.BaseApp"
    assert manifest["command"] == "psoas-timer"
    args = manifest["finish-args"]
    granted = [a.split("=", 1)[1] for a in args if a.startswith(("--talk-name=", "--own-name="))]
    names = _dbus_names_in_the_app()
    assert {"org.freedesktop.Notifications", "org.freedesktop.ScreenSaver"} <= names
    for name in names:
        if name.startswith("org.mpris.MediaPlayer2"):  # MPRIS: the name the app owns
            assert "--own-name=org.mpris.MediaPlayer2.psoas_timer" in args
            continue
        assert any(name == g or name.startswith(g.rstrip("*")) for g in granted), name
    app = manifest["modules"][-1]
    wheels = [x["path"] for x in app["sources"] if x.get("path", "").endswith(".whl")]
    assert wheels == [f"../../dist/psoas_timer-{psoas_timer.__version__}-py3-none-any.whl"]
    assert "--socket=pulseaudio" in args
    assert "--talk-name=org.kde.StatusNotifierWatcher" in args  # the tray
    text = (FLATPAK / "README.md").read_text(encoding="utf-8")
    assert "untested" in text.lower() and "org.freedesktop.portal.Background" in text
    assert "org.gnome.SessionManager" in text


def test_the_flatpak_python_modules_are_pinned_wheels() -> None:
    import json

    modules = json.loads((FLATPAK / "python3-modules.json").read_text(encoding="utf-8"))
    names = {m["name"] for m in modules["modules"]}
    for dependency in ("pyyaml", "pydantic", "pydantic-core", "ruamel.yaml", "jeepney"):
        assert f"python3-{dependency}" in names
    for module in modules["modules"]:
        (source,) = module["sources"]
        assert source["url"].startswith("https://files.pythonhosted.org/")
        assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"])
