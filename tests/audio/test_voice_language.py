"""The voice speaks the user's language (issue #26, item 3): the clips of the language, the
English clip only for a phrase that has no clip of its own, text with no clip at all (a
user's own words) spoken in the language's voice; export-audio in the language chosen.
No Qt."""

from __future__ import annotations

import json
import shutil
import subprocess
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from psoas_timer.audio import voice
from psoas_timer.audio.assets import Assets
from psoas_timer.audio.export import export_session
from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.plan import compile_plan
from psoas_timer.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent.parent
ASSETS = ROOT / "assets"


@pytest.fixture
def language() -> Iterator[None]:
    yield
    set_language(None)


def _clip(path: Path, seconds: float = 0.2) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes(b"\x01\x00" * round(16_000 * seconds))


def _voice(folder: Path, clips: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    for name in clips.values():
        _clip(folder / name)
    manifest = {"version": 1, "rate": 16_000, "clips": clips}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    root = tmp_path / "assets"
    _voice(root / "voice", {"Hold": "hold.wav", "Release": "release.wav", "3": "3.wav"})
    _voice(root / "voice" / "de", {"Halten": "halten.wav", "3": "3.wav"})
    return root


def test_the_languages_clips_then_english_for_what_it_has_none_of(assets: Path) -> None:
    german = Assets(assets, "de")
    assert german.language == "de"
    assert german.voice("Halten") == assets / "voice" / "de" / "halten.wav"
    assert german.voice("3") == assets / "voice" / "de" / "3.wav"  # "drei", not "three"
    assert german.voice("Release") == assets / "voice" / "release.wav"  # not translated yet
    assert german.voice("Meine eigenen Worte") is None  # a user's text: text-to-speech
    assert Assets(assets, "de_AT.UTF-8").language == "de"  # a country's variant
    english = Assets(assets)
    assert english.language == "en" and english.voice("3") == assets / "voice" / "3.wav"
    assert english.voice("Halten") is None
    french = Assets(assets, "fr")  # no French clips shipped: English ones
    assert french.language == "en" and french.voice("Hold") == assets / "voice" / "hold.wav"


@pytest.mark.parametrize(
    ("code", "espeak"),
    [("en", "en-gb"), ("de", "de"), ("fr", "fr-fr"), ("es", "es"), ("pt_BR", "pt-br")],
)
def test_each_language_has_espeak_ngs_voice_for_it(code: str, espeak: str) -> None:
    assert voice.espeak_voice(code) == espeak
    assert voice.espeak_voice(code + "@pseudo") == espeak


def test_an_unknown_language_is_spoken_with_the_english_voice() -> None:
    assert voice.espeak_voice("xx") == voice.espeak_voice(None) == "en-gb"


@pytest.mark.skipif(not voice.available(), reason="needs espeak-ng and sox")
def test_a_users_own_words_are_spoken_in_the_users_language(
    tmp_path: Path, assets: Path, language: None
) -> None:
    """Text with no clip goes to espeak-ng with the language's voice: the German voice
    reads "Zwei" as German (/tsvaɪ/), the English one would spell it out."""
    espeak = shutil.which("espeak-ng")
    assert espeak is not None

    def phonemes(code: str, text: str) -> str:
        found = subprocess.run(
            [espeak, "-q", "--ipa", "-v", voice.espeak_voice(code), "--", text],
            capture_output=True,
            text=True,
            check=True,
        )
        return found.stdout.strip()

    assert "ts" in phonemes("de", "Zwei") and "ts" not in phonemes("en", "Zwei")
    set_language("de")
    routine = tmp_path / "mine.yaml"
    routine.write_text("name: Meins\nsteps:\n  - {name: Zwei Minuten Dehnen, hold: 20}\n")
    catalog = load_catalog(tmp_path / "none", user=tmp_path)
    entry = next(e for e in catalog.entries if e.path == routine)
    assert entry.routine is not None
    report = export_session(compile_plan(entry.routine), tmp_path / "out.wav", assets)
    spoken = [p.path for p in report.voice() if "zwei" in p.path.name]
    assert spoken, [p.path.name for p in report.voice()]  # rendered, not a tone


def test_export_speaks_the_chosen_language(tmp_path: Path, language: None) -> None:
    """With the shipped clips: a German export's counts are the German clips (the rest
    English until the translations are rendered)."""
    if not (ASSETS / "voice" / "de" / "manifest.json").is_file():
        pytest.skip("no German clips rendered (python tools/render_voice.py --language de)")
    set_language("de")
    catalog = load_catalog(ROOT / "routines")
    entry = next(e for e in catalog.entries if e.path.name == "daily-psoas.yaml")
    assert entry.routine is not None
    report = export_session(compile_plan(entry.routine), tmp_path / "de.wav", ASSETS)
    folders = {p.path.parent.name for p in report.voice()}
    assert "de" in folders  # "eins", "zwei"... for the reps
    counts = [p for p in report.voice() if p.cue.kind == "rep"]
    assert counts and all(p.path.parent.name == "de" for p in counts)
