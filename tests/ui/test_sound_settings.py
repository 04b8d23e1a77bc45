"""Sound settings: the dialog applies every change live and Cancel takes it back; the settings
survive a restart (and a damaged settings file); the bridge hands them to the player and plays
a sample at them."""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.audio import player as player_module
from psoas_timer.audio.player import CuePlayer
from psoas_timer.audio.settings import AudioSettings
from psoas_timer.core.engine import FiredCue
from psoas_timer.core.plan import Cue
from psoas_timer.ui.shell.settings import Preferences
from psoas_timer.ui.sound.output import AudioBridge, SilentOutput, make_output
from psoas_timer.ui.sound.settings_dialog import SoundSettingsDialog

pytestmark = pytest.mark.gui

Key = Qt.Key
ASSETS = Path(__file__).resolve().parents[2] / "assets"
#: Every field away from its default, so a field that is not saved or not read shows up.
CUSTOM = AudioSettings(
    master=0.35,
    voice=0.55,
    tones=0.25,
    breathing=0.9,
    muted=True,
    voice_on=False,
    breathing_on=False,
    tone_style="bell",
    style_override="tone",
)


class Dialog:
    """The dialog under test with everything it emitted and every preview it asked for."""

    def __init__(self, qtbot: QtBot, settings: AudioSettings, *, preview: bool = True) -> None:
        self.emitted: list[AudioSettings] = []
        self.previews: list[str] = []
        self.dialog = SoundSettingsDialog(
            settings, preview=self.previews.append if preview else None
        )
        qtbot.addWidget(self.dialog)
        self.dialog.changed.connect(self.emitted.append)

    def slider(self, field: str) -> Any:
        return self.dialog.volumes[field].slider

    def percent(self, field: str) -> str:
        return str(self.dialog.volumes[field].percent.text())

    def test_button(self, kind: str) -> QPushButton | None:
        return self.dialog.findChild(QPushButton, f"test_{kind}")

    def test_buttons(self) -> list[QPushButton]:
        buttons = self.dialog.findChildren(QPushButton)
        return [b for b in buttons if b.objectName().startswith("test_")]


@pytest.fixture
def shown(qtbot: QtBot) -> Iterator[Dialog]:
    """The dialog on screen and active, so keys, Tab and mnemonics go where a user's would."""
    d = Dialog(qtbot, AudioSettings())
    d.dialog.show()
    qtbot.waitExposed(d.dialog)
    d.dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is d.dialog)
    yield d
    d.dialog.done(QDialog.DialogCode.Accepted)


# -- the dialog --------------------------------------------------------------------------


def test_it_opens_showing_the_settings_it_was_given(qtbot: QtBot) -> None:
    d = Dialog(qtbot, CUSTOM)
    assert d.dialog.windowTitle() == "Sound"
    assert [d.slider(f).value() for f in ("master", "voice", "tones", "breathing")] == [
        35,
        55,
        25,
        90,
    ]
    assert (d.percent("master"), d.percent("tones")) == ("35 %", "25 %")
    assert d.percent("voice") == "off" and d.percent("breathing") == "off"  # switched off
    assert d.dialog.mute.isChecked()
    assert not d.dialog.voice_on.isChecked() and not d.dialog.breathing_on.isChecked()
    assert d.dialog.tone_buttons["bell"].isChecked()
    assert d.dialog.cue_style.currentText() == "Tones only"
    assert d.emitted == []  # opening is not a change


@pytest.mark.parametrize("field", ["master", "voice", "tones", "breathing"])
def test_each_slider_moves_by_keyboard_and_applies_at_once(qtbot: QtBot, field: str) -> None:
    d = Dialog(qtbot, AudioSettings())
    start = getattr(AudioSettings(), field)
    slider = d.slider(field)
    assert (
        slider.accessibleName()
        == {
            "master": "Master volume",
            "voice": "Voice volume",
            "tones": "Tone volume",
            "breathing": "Breathing volume",
        }[field]
    )

    qtbot.keyClick(slider, Key.Key_Left)
    assert len(d.emitted) == 1  # one key, one change, heard at once
    assert getattr(d.emitted[-1], field) == pytest.approx(start - 0.05)
    moved = (round(start * 100) - 5) / 100
    assert d.emitted[-1] == AudioSettings().with_(**{field: moved})  # nothing else changed
    assert d.percent(field) == f"{round(start * 100) - 5} %"

    qtbot.keyClick(slider, Key.Key_PageDown)
    assert getattr(d.emitted[-1], field) == pytest.approx(start - 0.25)
    qtbot.keyClick(slider, Key.Key_Home)
    assert getattr(d.emitted[-1], field) == 0.0
    assert d.percent(field) == "0 %"
    qtbot.keyClick(slider, Key.Key_Up)
    assert getattr(d.emitted[-1], field) == pytest.approx(0.05)
    qtbot.keyClick(slider, Key.Key_End)
    assert getattr(d.emitted[-1], field) == 1.0
    assert d.percent(field) == "100 %"
    assert d.dialog.settings == d.emitted[-1]


@pytest.mark.parametrize(
    ("switch", "field", "volume", "kind"),
    [
        ("voice_on", "voice_on", "voice", "voice"),
        ("breathing_on", "breathing_on", "breathing", "breathing"),
    ],
)
def test_switching_a_channel_off_disables_its_volume(
    qtbot: QtBot, switch: str, field: str, volume: str, kind: str
) -> None:
    d = Dialog(qtbot, AudioSettings())
    box = getattr(d.dialog, switch)
    test = d.test_button(kind)
    assert d.slider(volume).isEnabled() and test is not None and test.isEnabled()
    box.click()
    assert getattr(d.emitted[-1], field) is False
    assert not d.slider(volume).isEnabled()
    assert not test.isEnabled()  # nothing to hear
    assert d.percent(volume) == "off"
    assert d.slider("tones").isEnabled() and d.slider("master").isEnabled()
    box.click()
    assert getattr(d.emitted[-1], field) is True
    assert d.slider(volume).isEnabled() and test.isEnabled()
    assert d.percent(volume) == f"{round(getattr(AudioSettings(), volume) * 100)} %"


def test_mute_is_applied_live_and_greys_the_test_buttons(qtbot: QtBot) -> None:
    d = Dialog(qtbot, AudioSettings())
    d.dialog.mute.click()
    assert d.emitted == [AudioSettings(muted=True)]
    assert len(d.test_buttons()) == 3
    assert all(not b.isEnabled() for b in d.test_buttons())
    assert d.slider("master").isEnabled()  # levels can still be set while muted


def test_tone_style_and_cue_style_choices(qtbot: QtBot) -> None:
    d = Dialog(qtbot, AudioSettings())
    d.dialog.tone_buttons["clear"].click()
    assert d.emitted[-1].tone_style == "clear"
    d.dialog.tone_buttons["bell"].click()
    assert d.emitted[-1].tone_style == "bell"
    combo = d.dialog.cue_style
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts == [
        "As the routine sets it",
        "Voice and tones",
        "Voice only",
        "Tones only",
        "Silent (on-screen only)",
    ]
    for index, expected in enumerate([None, "both", "voice", "tone", "none"]):
        combo.setCurrentIndex((index + 1) % combo.count())
        combo.setCurrentIndex(index)
        assert d.emitted[-1].style_override == expected
        assert d.dialog.cue_hint.text()  # each choice says what it means
    assert d.emitted[-1] == AudioSettings(tone_style="bell", style_override="none")


def test_the_cue_hint_says_when_the_voice_is_off(qtbot: QtBot) -> None:
    d = Dialog(qtbot, AudioSettings(style_override="voice"))
    before = d.dialog.cue_hint.text()
    d.dialog.voice_on.click()
    assert "Speak prompts is off" in d.dialog.cue_hint.text() != before


def test_cancel_puts_the_original_back_and_emits_it(qtbot: QtBot) -> None:
    original = AudioSettings(master=0.5, tone_style="clear")
    d = Dialog(qtbot, original)
    d.dialog.show()
    qtbot.keyClick(d.slider("master"), Key.Key_Right)
    d.dialog.mute.click()
    d.dialog.tone_buttons["bell"].click()
    assert d.emitted[-1] == AudioSettings(master=0.55, muted=True, tone_style="bell")
    qtbot.keyClick(d.dialog, Key.Key_Escape)
    assert d.dialog.result() == QDialog.DialogCode.Rejected and not d.dialog.isVisible()
    assert d.emitted[-1] == original  # the player and the stored settings go back
    assert d.dialog.settings == original
    assert d.slider("master").value() == 50 and d.percent("master") == "50 %"
    assert not d.dialog.mute.isChecked() and d.dialog.tone_buttons["clear"].isChecked()


def test_cancel_with_nothing_changed_emits_nothing(qtbot: QtBot) -> None:
    d = Dialog(qtbot, CUSTOM)
    d.dialog.show()
    d.dialog.cancel_button.click()
    assert d.dialog.result() == QDialog.DialogCode.Rejected
    assert d.emitted == []


@pytest.mark.parametrize("how", ["ok", "enter", "close"])
def test_ok_enter_and_the_close_button_keep_the_changes(qtbot: QtBot, how: str) -> None:
    d = Dialog(qtbot, AudioSettings())
    d.dialog.show()
    qtbot.keyClick(d.slider("voice"), Key.Key_Left)
    kept = d.emitted[-1]
    if how == "ok":
        d.dialog.ok_button.click()
    elif how == "enter":
        qtbot.keyClick(d.dialog, Key.Key_Return)
    else:
        d.dialog.close()
    assert d.dialog.result() == QDialog.DialogCode.Accepted and not d.dialog.isVisible()
    assert d.emitted[-1] == kept == AudioSettings(voice=0.95)


def test_restore_defaults(qtbot: QtBot) -> None:
    d = Dialog(qtbot, CUSTOM)
    d.dialog.restore.click()
    assert d.emitted == [AudioSettings()]
    assert d.slider("master").value() == 80 and d.percent("voice") == "100 %"
    assert d.slider("voice").isEnabled() and d.dialog.voice_on.isChecked()
    assert not d.dialog.mute.isChecked() and d.dialog.tone_buttons["soft"].isChecked()
    assert d.dialog.cue_style.currentIndex() == 0
    d.dialog.reject()  # Cancel after restoring: back to what it opened with
    assert d.emitted[-1] == CUSTOM


def test_test_buttons_preview_the_right_kind(qtbot: QtBot) -> None:
    d = Dialog(qtbot, AudioSettings())
    for kind in ("voice", "tone", "breathing"):
        button = d.test_button(kind)
        assert button is not None and button.text() == "Test"
        assert kind in button.accessibleName().lower()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert d.previews == ["voice", "tone", "breathing"]
    assert d.test_button("master") is None


def test_without_a_preview_there_are_no_test_buttons(qtbot: QtBot) -> None:
    d = Dialog(qtbot, AudioSettings(), preview=False)
    assert d.test_buttons() == []


def test_set_settings_shows_without_emitting(qtbot: QtBot) -> None:
    d = Dialog(qtbot, AudioSettings())
    d.dialog.set_settings(AudioSettings(muted=True, voice_on=False))
    assert d.dialog.mute.isChecked() and not d.slider("voice").isEnabled()
    assert d.emitted == []


def test_tab_reaches_every_control_in_order(shown: Dialog, qtbot: QtBot) -> None:
    d = shown.dialog
    d.volumes["master"].slider.setFocus()
    seen: list[str] = []
    for _ in range(20):
        widget = QApplication.focusWidget()
        assert widget is not None
        seen.append(widget.objectName() or widget.text())
        qtbot.keyClick(widget, Key.Key_Tab)
    expected = [
        "master_volume",
        "mute",
        "voice_volume",
        "test_voice",
        "voice_on",
        "tones_volume",
        "test_tone",
        "breathing_volume",
        "test_breathing",
        "breathing_on",
        "tone_soft",  # the checked one of the group; arrows move within it
        "cue_style",
    ]
    assert seen[: len(expected)] == expected
    buttons = seen[len(expected) : len(expected) + 3]
    assert sorted(buttons) == sorted(["restore_defaults", "OK", "Cancel"])
    assert seen[len(expected) + 3] == "master_volume"  # and round again


@pytest.mark.parametrize(
    ("letter", "target"),
    [
        (Key.Key_M, "master_volume"),
        (Key.Key_V, "voice_volume"),
        (Key.Key_T, "tones_volume"),
        (Key.Key_B, "breathing_volume"),
        (Key.Key_Y, "cue_style"),
    ],
)
def test_mnemonics_focus_their_control(
    shown: Dialog, qtbot: QtBot, letter: Key, target: str
) -> None:
    qtbot.keyClick(shown.dialog, letter, Qt.KeyboardModifier.AltModifier)
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() == target


@pytest.mark.parametrize(
    ("letter", "target", "field"),
    [
        (Key.Key_U, "mute", "muted"),
        (Key.Key_S, "voice_on", "voice_on"),
        (Key.Key_H, "breathing_on", "breathing_on"),
    ],
)
def test_mnemonics_flip_their_switch(
    shown: Dialog, qtbot: QtBot, letter: Key, target: str, field: str
) -> None:
    before = getattr(AudioSettings(), field)
    qtbot.keyClick(shown.dialog, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(shown.emitted))
    assert getattr(shown.emitted[-1], field) is (not before)


def test_mnemonics_are_unique(qtbot: QtBot) -> None:
    d = Dialog(qtbot, AudioSettings())
    texts = [w.text() for w in d.dialog.findChildren(QWidget) if hasattr(w, "text")]
    letters = [m.lower() for t in texts if isinstance(t, str) for m in re.findall(r"&(\w)", t)]
    assert len(letters) >= 12
    assert len(letters) == len(set(letters)), letters
    labels = d.dialog.findChildren(QLabel)
    for field in ("master", "voice", "tones", "breathing"):
        assert any(label.buddy() is d.slider(field) for label in labels)


# -- preferences -----------------------------------------------------------------------


def _prefs(path: Path) -> Preferences:
    return Preferences(QSettings(str(path), QSettings.Format.IniFormat))


@pytest.mark.parametrize(
    "settings",
    [
        CUSTOM,
        AudioSettings(),
        AudioSettings(master=0.0, voice=0.05, tone_style="clear", style_override=None),
        *(AudioSettings(style_override=s) for s in ("both", "voice", "none")),
    ],
)
def test_preferences_keep_every_sound_setting(tmp_path: Path, settings: AudioSettings) -> None:
    path = tmp_path / "settings.ini"
    first = _prefs(path)
    first.set_audio_settings(settings)
    first.sync()
    assert _prefs(path).audio_settings() == settings  # as after a restart


def test_muted_is_one_setting_for_the_mute_key_and_the_dialog(tmp_path: Path) -> None:
    prefs = _prefs(tmp_path / "settings.ini")
    prefs.set_audio_settings(AudioSettings(muted=True, master=0.4))
    assert prefs.muted is True
    prefs.muted = False  # the M key
    assert prefs.audio_settings() == AudioSettings(master=0.4)
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert "audio/muted" in store.allKeys()


def test_missing_sound_settings_are_the_defaults(tmp_path: Path) -> None:
    assert _prefs(tmp_path / "nothing-here.ini").audio_settings() == AudioSettings()


def test_garbage_in_the_settings_file_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(
        "[audio]\n"
        "master=loud\n"
        "voice=nan\n"
        "tones=1e999\n"
        "breathing=0.2, 0.3\n"
        "muted=perhaps\n"
        "voice_on=maybe\n"
        "breathing_on=\n"
        "tone_style=trumpet\n"
        "cue_style=shout\n",
        encoding="utf-8",
    )
    assert _prefs(path).audio_settings() == AudioSettings()


def test_out_of_range_volumes_are_clamped_and_words_for_switches_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(
        "[audio]\nmaster=7\nvoice=-2\nmuted=yes\nvoice_on=off\nbreathing_on=0\n"
        "tone_style=clear\ncue_style=routine\n",
        encoding="utf-8",
    )
    assert _prefs(path).audio_settings() == AudioSettings(
        master=1.0, voice=0.0, muted=True, voice_on=False, breathing_on=False, tone_style="clear"
    )


def test_the_dialog_wired_as_the_docstring_says(tmp_path: Path, qtbot: QtBot) -> None:
    """What the main window does: every change reaches the player and the stored settings."""
    path = tmp_path / "settings.ini"
    prefs = _prefs(path)
    player = FakePlayer()
    bridge = AudioBridge(player, prefs.audio_settings())
    dialog = SoundSettingsDialog(prefs.audio_settings(), preview=bridge.preview)
    qtbot.addWidget(dialog)
    dialog.changed.connect(bridge.set_settings)
    dialog.changed.connect(prefs.set_audio_settings)
    dialog.show()
    qtbot.keyClick(dialog.volumes["tones"].slider, Key.Key_Right)
    dialog.tone_buttons["clear"].click()
    expected = AudioSettings(tones=0.85, tone_style="clear")
    assert player.settings[-1] == expected
    dialog.ok_button.click()
    prefs.sync()
    assert _prefs(path).audio_settings() == expected


# -- the bridge to the player ----------------------------------------------------------


class FakePlayer(QObject):
    """Stands in for CuePlayer: records what it is told, and the settings at each play."""

    problem = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.settings: list[AudioSettings] = []
        self.played: list[tuple[FiredCue, str, AudioSettings | None]] = []
        self.flushes = 0
        self.stops = 0

    def set_settings(self, settings: AudioSettings) -> None:
        self.settings.append(settings)

    def play(self, fired: FiredCue, style: str) -> None:
        self.played.append((fired, style, self.settings[-1] if self.settings else None))

    def flush(self) -> None:
        self.flushes += 1

    def stop_all(self) -> None:
        self.stops += 1

    def warm_up(self) -> None:
        pass


def test_bridge_set_settings_forwards_and_set_muted_keeps_the_rest(qtbot: QtBot) -> None:
    player = FakePlayer()
    bridge = AudioBridge(player, AudioSettings())
    bridge.set_settings(CUSTOM.with_(muted=False))
    assert player.settings == [CUSTOM.with_(muted=False)]
    assert bridge.settings == CUSTOM.with_(muted=False)
    bridge.set_muted(True)
    assert player.settings[-1] == CUSTOM  # the M key does not undo the dialog's choices
    assert player.stops == 1
    bridge.set_muted(False)
    assert player.settings[-1] == CUSTOM.with_(muted=False)


def test_bridge_play_uses_the_users_cue_style(qtbot: QtBot) -> None:
    player = FakePlayer()
    bridge = AudioBridge(player, AudioSettings())
    fired = FiredCue(Cue("start", "Go"), 0.0, None)
    bridge.play(fired, "both")
    bridge.set_settings(AudioSettings(style_override="voice"))
    bridge.play(fired, "both")
    assert [style for _, style, _ in player.played] == ["both", "voice"]


def test_bridge_preview_plays_a_sample_whatever_the_cue_style(qtbot: QtBot) -> None:
    player = FakePlayer()
    chosen = AudioSettings(style_override="none", tones=0.3)
    bridge = AudioBridge(player, chosen)
    bridge.preview("tone")
    bridge.preview("voice")
    kinds = [(f.cue.kind, f.cue.text, style) for f, style, _ in player.played]
    assert kinds == [("start", "", "tone"), ("get_ready", "Get ready", "voice")]
    # Played with the user's levels but no "silent" override, then the override is back.
    assert all(s == chosen.with_(style_override=None) for _, _, s in player.played)
    assert player.settings[-1] == chosen and bridge.settings == chosen
    assert player.flushes >= 2  # played now, not with the next cue


def test_bridge_preview_of_a_switched_off_voice_or_unknown_kind_plays_nothing(
    qtbot: QtBot,
) -> None:
    player = FakePlayer()
    bridge = AudioBridge(player, AudioSettings(voice_on=False))
    bridge.preview("voice")
    bridge.preview("trumpet")
    assert player.played == []


@pytest.fixture
def no_sound_card(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real CuePlayer with no output device: it logs every clip it would play."""
    module = types.SimpleNamespace(
        QMediaDevices=types.SimpleNamespace(audioOutputs=lambda: []), QSoundEffect=None
    )
    monkeypatch.setattr(player_module, "_import_multimedia", lambda: module)


@pytest.mark.usefixtures("no_sound_card")
def test_preview_through_the_real_player(qtbot: QtBot) -> None:
    settings = AudioSettings(tone_style="bell", style_override="none")
    player = CuePlayer(ASSETS, settings)
    bridge = AudioBridge(player, settings)
    bridge.preview("tone")
    bridge.preview("breathing")
    bridge.preview("voice")
    played = [Path(p) for _, p in player.log]
    assert played[0] == ASSETS / "sounds" / "bell" / "start.wav"  # the chosen tone style
    assert played[1].parent.name == "breathing" and played[1].name.startswith("inhale")
    assert played[2].parent.name == "voice" and len(played) == 3
    assert player.settings == settings  # the user's cue style is back

    player.log.clear()
    bridge.set_settings(settings.with_(breathing_on=False))
    bridge.preview("breathing")
    bridge.set_muted(True)
    bridge.preview("tone")
    bridge.preview("voice")
    assert player.log == []  # switched off or muted: silence, as in a session


@pytest.mark.usefixtures("no_sound_card")
def test_make_output_starts_with_the_stored_settings(qtbot: QtBot) -> None:
    output = make_output(ASSETS, settings=CUSTOM)
    assert isinstance(output, AudioBridge) and output.settings == CUSTOM


def test_silent_output_takes_settings_and_previews_quietly() -> None:
    silent = SilentOutput()
    silent.set_settings(CUSTOM)
    silent.preview("tone")


def test_every_output_has_the_whole_port(qtbot: QtBot) -> None:
    """The window relies on each output having a problem signal and prepare(): no probing."""
    from psoas_timer.ui.sound.output import DeferredOutput

    silent = SilentOutput()
    heard: list[str] = []
    deferred = DeferredOutput(lambda: silent)
    deferred.problem.connect(heard.append)
    deferred.prepare()
    assert deferred.ready
    silent.problem.emit("No sound device.")
    assert heard == ["No sound device."]


def test_a_sound_problem_is_shown_in_the_window(window: Any, audio: Any) -> None:
    audio.problem.emit("No sound: no sound server is running.")
    assert window.statusBar().currentMessage() == "No sound: no sound server is running."
    assert window.player.sound_notice.message.text() == "No sound: no sound server is running."
