"""The desktop entry and the AppStream metainfo in every language translated (issue #26,
item 2): their words are in the catalog (psoas_timer/i18n/desktop_words.py), and
tools/make_metainfo.py merges the translations into both files, which still validate."""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from psoas_timer.i18n.desktop_words import DESKTOP_WORDS, METAINFO_WORDS

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "io.github.psoastimer.PsoasTimer.desktop"
METAINFO = LINUX / "io.github.psoastimer.PsoasTimer.metainfo.xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_metainfo", ROOT / "tools" / "make_metainfo.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_metainfo"] = module
    spec.loader.exec_module(module)
    return module


def _english_texts() -> set[str]:
    texts: set[str] = set()
    for line in DESKTOP.read_text(encoding="utf-8").splitlines():
        key, _sep, value = line.partition("=")
        if key in ("Name", "GenericName", "Comment", "Keywords"):
            texts.add(value)
    root = ET.parse(METAINFO).getroot()
    elements = [root.find("name"), root.find("summary")]
    elements += root.findall("description/p") + root.findall("description/ul/li")
    elements += root.findall("screenshots/screenshot/caption")
    for element in elements:
        if element is not None and element.get(XML_LANG) is None:
            texts.add(" ".join("".join(element.itertext()).split()))
    return texts


def test_every_text_of_the_two_files_is_in_the_catalog() -> None:
    assert _english_texts() <= set(DESKTOP_WORDS) | set(METAINFO_WORDS)


def test_the_catalogs_merge_into_files_that_validate(tmp_path: Path) -> None:
    """What the release merges (tools/release.sh runs tools/make_metainfo.py before it
    builds): the committed catalogs' translations, in files that still validate."""
    make = _tool()
    found = make.translations()
    desktop = tmp_path / DESKTOP.name
    desktop.write_text(make.desktop_translated(DESKTOP.read_text(encoding="utf-8"), found))
    metainfo = tmp_path / METAINFO.name
    metainfo.write_text(make.metainfo_translated(METAINFO.read_text(encoding="utf-8"), found))
    _validate(desktop, metainfo)


@pytest.fixture
def german() -> dict[str, dict[str, str]]:
    """A German translation of a few of the texts, as a catalog would give it."""
    return {
        "de": {
            "Stretching Timer": "Dehn-Timer",
            "Hands-free guided timer for hip-flexor, psoas and iliacus routines": (
                "Freihändiger Timer für Übungen für Hüftbeuger, Psoas und Iliacus"
            ),
            "psoas;iliacus;hip flexor;stretch;stretching;trigger point;exercise;timer;yoga;"
            "back pain;": "Psoas;Iliacus;Hüftbeuger;Dehnen;Triggerpunkt;Übung;Timer;Yoga",
            "Daily Psoas Routine": "Tägliche Psoas-Routine",
            "Hands-free guided timer for hip-flexor and psoas routines": (
                "Freihändiger Timer für Hüftbeuger- und Psoas-Übungen"
            ),
            "A countdown you can read from two metres away": (
                "Ein Countdown, den Sie aus zwei Metern lesen können"
            ),
            "The dark theme, read from across the room": "Das dunkle Design, quer durch den Raum",
        }
    }


def test_translations_are_merged_and_the_files_still_validate(
    tmp_path: Path, german: dict[str, dict[str, str]]
) -> None:
    make = _tool()
    desktop = tmp_path / DESKTOP.name
    desktop.write_text(make.desktop_translated(DESKTOP.read_text(encoding="utf-8"), german))
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(desktop, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["GenericName[de]"] == "Dehn-Timer"
    assert entry["Keywords[de]"].endswith("Yoga;")  # a list ends with its separator
    assert "Name[de]" not in entry  # "Psoas Timer" is not translated: English stays
    assert parser["Desktop Action daily-psoas"]["Name[de]"] == "Tägliche Psoas-Routine"
    again = make.desktop_translated(desktop.read_text(encoding="utf-8"), german)
    assert again == desktop.read_text(encoding="utf-8")  # made anew, never twice

    metainfo = tmp_path / METAINFO.name
    merged = make.metainfo_translated(METAINFO.read_text(encoding="utf-8"), german)
    metainfo.write_text(merged, encoding="utf-8")
    assert make.metainfo_translated(merged, german) == merged
    root = ET.parse(metainfo).getroot()
    summaries = {s.get(XML_LANG): s.text for s in root.findall("summary")}
    assert summaries["de"] == "Freihändiger Timer für Hüftbeuger- und Psoas-Übungen"
    items = [li for li in root.findall("description/ul/li") if li.get(XML_LANG) == "de"]
    assert [li.text for li in items] == ["Ein Countdown, den Sie aus zwei Metern lesen können"]
    assert root.findtext("summary") == "Hands-free guided timer for hip-flexor and psoas routines"
    assert not re.search(r"<release[^>]*>\s*<description>\s*<ul>\s*<li xml:lang", merged)

    _validate(desktop, metainfo)


def _validate(desktop: Path, metainfo: Path) -> None:
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
    if shutil.which("appstreamcli"):
        result = subprocess.run(
            ["appstreamcli", "validate", "--no-net", str(metainfo)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
