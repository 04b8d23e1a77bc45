"""The whole window in the pseudo-language at 800x600: the main window, each page and every
dialog a user can reach (``pseudo_probe.py``, after ``tests/ui/fit_probe.py``) show no text
(nor tooltip, nor name a screen reader says) without the pseudo-language's markers, so none
escapes translation, and no label or button cut off by its lengthened text or pushed past
its window's edge; and the main menu's entries are translated but for the languages' own
names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from psoas_timer.i18n import build

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("pseudo_probe.py")
#: Shown as written on purpose.
LANGUAGE_NAMES = {"English", "Deutsch", "Español", "Français", "Português (Brasil)"}
#: The probe asks its own question (written in the probe, in English) to see the box.
PROBES_OWN = {"Delete all history?", "Delete every session, rating and note?"}


def _walk(home: Path, language: str) -> dict[str, dict[str, list[str]]]:
    """Run the probe in *language*, with catalogs compiled from the code as it is now."""
    # The pseudo-languages from the code as it is now (a string marked since the template
    # was last extracted is walked too), in a folder of their own.
    locale = home / "locale"
    shutil.copytree(ROOT / "psoas_timer" / "locale", locale)
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n.py"), "extract", "--locale-dir", str(locale)],
        check=True,
        capture_output=True,
    )
    build.compile_all(locale)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PSOAS_TIMER", "LC_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",  # its screen is 800x600
        LANGUAGE=language,
        LANG="en_GB.UTF-8",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "share"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_RUNTIME_DIR=str(home),
        PSOAS_TIMER_DATA_DIR=str(home / "data"),
        PSOAS_TIMER_LOCALE_DIR=str(locale),
    )
    done = subprocess.run(
        [sys.executable, str(PROBE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    found = {}
    for line in done.stdout.splitlines():
        if line.startswith('{"check"'):
            check = json.loads(line)["check"]
            found[check["name"]] = check
    assert found, f"the probe reported nothing:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return found


@pytest.fixture(scope="module")
def checks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    return _walk(tmp_path_factory.mktemp("pseudo"), "en@pseudo")


def _begun(code: str) -> bool:
    text = (ROOT / "psoas_timer" / "locale" / code / "LC_MESSAGES" / "psoas_timer.po").read_text(
        encoding="utf-8"
    )
    return text.count('msgstr ""\n\n') < text.count("msgid ") // 2


@pytest.mark.parametrize("code", ["de", "fr", "es", "pt_BR"])
def test_nothing_is_cut_off_in_each_language(
    code: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The real translations at 800x600: no label or button cut short or past the edge."""
    if not _begun(code):
        pytest.skip(f"{code} is not translated yet")
    cut = {
        name: check["clipped"]
        for name, check in _walk(tmp_path_factory.mktemp(code), code).items()
        if check["clipped"]
    }
    assert not cut, json.dumps(cut, indent=1, ensure_ascii=False)


def test_every_window_was_walked(checks: dict[str, dict[str, list[str]]]) -> None:
    expected = {
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
        "choice",
        "builder",
        "builder-add-from-library",
        "builder-new",
    }
    assert expected <= set(checks), sorted(expected - set(checks))


def test_no_text_escapes_translation(checks: dict[str, dict[str, list[str]]]) -> None:
    left = {
        name: [t for t in check["untranslated"] if t not in PROBES_OWN]
        for name, check in checks.items()
    }
    left = {name: texts for name, texts in left.items() if texts}
    assert not left, json.dumps(left, indent=1, ensure_ascii=False)


def test_the_menu_is_translated_but_the_languages_own_names(
    checks: dict[str, dict[str, list[str]]],
) -> None:
    assert set(checks["main/library"]["menu"]) == LANGUAGE_NAMES


def test_nothing_is_cut_off(checks: dict[str, dict[str, list[str]]]) -> None:
    cut = {name: check["clipped"] for name, check in checks.items() if check["clipped"]}
    assert not cut, json.dumps(cut, indent=1, ensure_ascii=False)
