"""The Sound dialog: volumes, switches, tone style and cue style, heard as they change.

Every change applies at once: the dialog emits :attr:`SoundSettingsDialog.changed` with the
whole new :class:`~psoas_timer.audio.settings.AudioSettings`, so the user hears the effect
while the dialog is open. OK (Enter) and the window's close button keep what is set; Cancel
(Esc) puts the settings the dialog opened with back and emits them again. "Restore defaults"
sets :class:`AudioSettings` defaults (and emits them). The "Test" buttons call *preview* with
``"voice"``, ``"tone"`` or ``"breathing"``; without a *preview* there are none.

Wiring it into the main window takes one slot for the action and one for the signal::

    from psoas_timer.ui.sound.settings_dialog import SoundSettingsDialog

    def _on_sound_triggered(self) -> None:          # the "Sound…" action (Ctrl+,)
        dialog = SoundSettingsDialog(
            self.preferences.audio_settings(), self, preview=self._audio.preview
        )
        dialog.changed.connect(self._on_sound_changed)
        dialog.exec()

    def _on_sound_changed(self, settings: AudioSettings) -> None:
        self._audio.set_settings(settings)
        self.preferences.set_audio_settings(settings)
        self.commands.mute.setChecked(settings.muted)   # its slot just re-applies the same

``Preferences.muted`` and ``Preferences.audio_settings().muted`` are the same stored key, so
the mute action and the dialog never disagree. To start the player with the stored settings:
``make_output(assets, settings=preferences.audio_settings())``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.audio.settings import TONE_STYLES, AudioSettings, CueStyle, ToneStyle
from psoas_timer.i18n import N_, _, pgettext
from psoas_timer.ui.common.screen_fit import scroll_body
from psoas_timer.ui.common.theme import colors, scaled_font

__all__ = ["CUE_STYLE_CHOICES", "TONE_STYLE_CHOICES", "SoundSettingsDialog"]

#: Each tone style: the radio button's text and its one-line description.
TONE_STYLE_CHOICES: dict[ToneStyle, tuple[str, str]] = {
    "soft": (N_("S&oft"), N_("Round, low and quiet, for a calm room")),
    "clear": (N_("&Clear"), N_("Bright and short: heard over a fan or traffic")),
    "bell": (N_("Be&ll"), N_("A small bell with a long, gentle ring")),
}
#: The cue style override: the combo box's text and the line shown under it.
CUE_STYLE_CHOICES: dict[CueStyle | None, tuple[str, str]] = {
    None: (N_("As the routine sets it"), N_("Each routine chooses voice, tones or both.")),
    "both": (
        N_("Voice and tones"),
        N_("Prompts are spoken; tones mark starts, ends and countdowns."),
    ),
    "voice": (N_("Voice only"), N_("Every cue is spoken, with no tones.")),
    "tone": (N_("Tones only"), N_("Cues are tones; the words show on screen.")),
    "none": (
        N_("Silent (on-screen only)"),
        N_("No cue sounds at all; everything shows on screen."),
    ),
}
#: Under the cue style when it asks for a voice that is switched off.
VOICE_OFF_HINT = N_("Speak prompts is off, so tones stand in for the voice.")
#: Arrow keys move a volume by this much (in %), Page Up / Page Down by PAGE_STEP.
STEP = 5
PAGE_STEP = 20
#: Type sizes (pixels): readable from a step back, like the rest of the app.
BODY_PX = 15
NOTE_PX = 14
HEADING_PX = 16

_VOLUMES = ("master", "voice", "tones", "breathing")
_NAMES = {
    "master": (N_("&Master"), N_("Master volume")),
    "voice": (N_("&Voice"), N_("Voice volume")),
    "tones": (N_("&Tones"), N_("Tone volume")),
    "breathing": (N_("&Breathing"), N_("Breathing volume")),
}


def _percent(value: int) -> str:
    """A volume level: ``"35 %"`` (the language's spacing)."""
    return _("{percent} %").format(percent=value)


def _test_name(field: str) -> str:
    """A Test button's name for a screen reader."""
    names = {
        "voice": _("Test voice volume"),
        "tones": _("Test tone volume"),
        "breathing": _("Test breathing volume"),
    }
    return names.get(field, _("Test"))


def _test_tip(field: str) -> str:
    tips = {
        "voice": _("Play a sample at this voice volume"),
        "tones": _("Play a sample at this tone volume"),
        "breathing": _("Play a sample at this breathing volume"),
    }
    return tips.get(field, _("Play a sample"))


#: The preview kind each "Test" button asks for.
_PREVIEW_OF = {"voice": "voice", "tones": "tone", "breathing": "breathing"}


class _Volume:
    """One volume row: label, slider, percentage and (optionally) a Test button."""

    def __init__(self, field: str, parent: QWidget) -> None:
        text, name = (_(word) for word in _NAMES[field])
        self.field = field
        self.label = QLabel(text, parent)
        self.slider = QSlider(Qt.Orientation.Horizontal, parent)
        self.slider.setObjectName(f"{field}_volume")
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(STEP)
        self.slider.setPageStep(PAGE_STEP)
        self.slider.setMinimumWidth(240)
        self.slider.setAccessibleName(name)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.label.setBuddy(self.slider)
        self.percent = QLabel(parent)
        self.percent.setObjectName(f"{field}_percent")
        self.percent.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.percent.setMinimumWidth(
            self.percent.fontMetrics().horizontalAdvance(_percent(100)) + 4
        )
        self.test: QPushButton | None = None

    def show(self, value: float) -> None:
        self.slider.setValue(round(value * 100))
        self.show_percent()

    def show_percent(self) -> None:
        """The level beside the slider, or "off" when its switch is off (in any theme)."""
        text = (
            _percent(self.slider.value()) if self.slider.isEnabled() else pgettext("volume", "off")
        )
        self.percent.setText(text)
        self.slider.setAccessibleDescription(text)

    def set_enabled(self, on: bool) -> None:
        for widget in (self.label, self.slider, self.percent):
            widget.setEnabled(on)
        self.show_percent()


class SoundSettingsDialog(QDialog):
    """Sound settings, applied live. See the module docstring for how to wire it."""

    #: The new :class:`AudioSettings`, on every change (and the original again on Cancel).
    changed = Signal(object)

    def __init__(
        self,
        settings: AudioSettings,
        parent: QWidget | None = None,
        preview: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sound_settings")
        self.setWindowTitle(_("Sound"))
        self.setAccessibleName(_("Sound settings"))
        self.setFont(scaled_font(self.font(), BODY_PX))
        self._original = settings
        self._settings = settings
        self._preview = preview
        self._notes: list[QLabel] = []

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        self._grid = grid
        self._row = 0
        self.volumes = {field: _Volume(field, self) for field in _VOLUMES}

        self._heading(_("Volume"))
        self._volume_row("master")
        self.mute = self._check(_("M&ute all sound"), "mute", "muted")
        self._volume_row("voice")
        self.voice_on = self._check(_("&Speak prompts"), "voice_on", "voice_on")
        self._volume_row("tones")
        self._volume_row("breathing")
        self.breathing_on = self._check(_("Breat&hing sounds"), "breathing_on", "breathing_on")

        self._heading(_("Tone style"))
        self.tone_styles = QButtonGroup(self)
        self.tone_buttons: dict[ToneStyle, QRadioButton] = {}
        for index, style in enumerate(TONE_STYLES):
            text, description = (_(word) for word in TONE_STYLE_CHOICES[style])
            button = QRadioButton(text, self)
            button.setObjectName(f"tone_{style}")
            button.setAccessibleDescription(description)
            self.tone_styles.addButton(button, index)
            self.tone_buttons[style] = button
            self._grid.addWidget(button, self._row, 0)
            self._grid.addWidget(self._note(description), self._row, 1, 1, 3)
            self._row += 1
        self.tone_styles.idToggled.connect(self._on_tone_style_toggled)

        self._heading(_("Cues"))
        self.cue_style = QComboBox(self)
        self.cue_style.setObjectName("cue_style")
        self.cue_style.setAccessibleName(_("Cue style"))
        self._cue_styles = list(CUE_STYLE_CHOICES)
        for choice in self._cue_styles:
            self.cue_style.addItem(_(CUE_STYLE_CHOICES[choice][0]))
        label = QLabel(_("Cue st&yle"), self)
        label.setBuddy(self.cue_style)
        self._grid.addWidget(label, self._row, 0)
        self._grid.addWidget(self.cue_style, self._row, 1, 1, 3, Qt.AlignmentFlag.AlignLeft)
        self._row += 1
        self.cue_hint = self._note("")
        self.cue_hint.setObjectName("cue_hint")
        self._grid.addWidget(self.cue_hint, self._row, 1, 1, 3)
        self._row += 1
        self.cue_style.currentIndexChanged.connect(self._on_cue_style_changed)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.restore = buttons.addButton(
            _("&Restore defaults"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.restore.setObjectName("restore_defaults")
        self.restore.setAutoDefault(False)
        self.restore.clicked.connect(self.restore_defaults)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        body = QWidget(self)
        body.setLayout(grid)  # scrolls on a screen shorter than the settings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(20)
        layout.addWidget(scroll_body(body), 1)
        layout.addWidget(buttons)

        for volume in self.volumes.values():
            volume.slider.valueChanged.connect(
                lambda value, field=volume.field: self._on_volume_changed(field, value)
            )
        self._show(settings)
        self._recolor()
        self._chain_tab_order(buttons)

    # -- public ----------------------------------------------------------------------
    @property
    def settings(self) -> AudioSettings:
        """What the controls show now (what was last emitted)."""
        return self._settings

    @property
    def original(self) -> AudioSettings:
        """What the dialog opened with: what Cancel puts back."""
        return self._original

    def set_settings(self, settings: AudioSettings) -> None:
        """Show *settings* without emitting (say, the mute key was pressed elsewhere)."""
        self._settings = settings
        self._show(settings)

    def restore_defaults(self) -> None:
        self._apply(AudioSettings())

    def reject(self) -> None:
        """Cancel and Esc: put the original settings back (and emit them) and close."""
        if self._settings != self._original:
            self._apply(self._original)
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's close button keeps what the user hears, like OK."""
        if self.isVisible():
            self.accept()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._recolor()

    # -- building --------------------------------------------------------------------
    def _heading(self, text: str) -> None:
        heading = QLabel(text, self)
        heading.setFont(scaled_font(self.font(), HEADING_PX, bold=True))
        heading.setAccessibleName(text)
        if self._row:
            self._grid.setRowMinimumHeight(self._row, 10)  # a gap above every heading
            self._row += 1
        self._grid.addWidget(heading, self._row, 0, 1, 4)
        self._row += 1

    def _volume_row(self, field: str) -> None:
        volume = self.volumes[field]
        self._grid.addWidget(volume.label, self._row, 0)
        self._grid.addWidget(volume.slider, self._row, 1)
        self._grid.addWidget(volume.percent, self._row, 2)
        kind = _PREVIEW_OF.get(field)
        if kind is not None and self._preview is not None:
            test = QPushButton(_("Test"), self)
            test.setObjectName(f"test_{kind}")
            test.setAccessibleName(_test_name(volume.field))
            test.setToolTip(_test_tip(volume.field))
            test.setAutoDefault(False)
            test.clicked.connect(lambda _=False, k=kind: self._on_test_clicked(k))
            volume.test = test
            self._grid.addWidget(test, self._row, 3)
        self._row += 1

    def _chain_tab_order(self, buttons: QDialogButtonBox) -> None:
        """Tab goes top to bottom, as the controls are laid out (not as they were made)."""
        v = self.volumes
        order: list[QWidget | None] = [
            v["master"].slider,
            self.mute,
            v["voice"].slider,
            v["voice"].test,
            self.voice_on,
            v["tones"].slider,
            v["tones"].test,
            v["breathing"].slider,
            v["breathing"].test,
            self.breathing_on,
            *self.tone_buttons.values(),
            self.cue_style,
            *buttons.buttons(),
        ]
        chain = [w for w in order if w is not None]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _check(self, text: str, name: str, field: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(name)
        box.toggled.connect(lambda on: self._update(**{field: on}))
        self._grid.addWidget(box, self._row, 1, 1, 3)
        self._row += 1
        return box

    def _note(self, text: str) -> QLabel:
        note = QLabel(text, self)
        note.setFont(scaled_font(self.font(), NOTE_PX))  # one line each: never clipped
        self._notes.append(note)
        return note

    def _recolor(self) -> None:
        """Descriptions in the theme's secondary text colour (follows light and dark)."""
        muted = colors(self.palette()).muted
        for note in self._notes:
            palette = note.palette()
            palette.setColor(QPalette.ColorRole.WindowText, muted)
            note.setPalette(palette)

    # -- showing and changing ----------------------------------------------------------
    def _show(self, settings: AudioSettings) -> None:
        """Put *settings* into the controls without emitting anything."""
        widgets: list[QWidget] = [
            *(v.slider for v in self.volumes.values()),
            self.mute,
            self.voice_on,
            self.breathing_on,
            self.cue_style,
            *self.tone_buttons.values(),
        ]
        blocked = [w.blockSignals(True) for w in widgets]
        try:
            for field, volume in self.volumes.items():
                volume.show(getattr(settings, field))
            self.mute.setChecked(settings.muted)
            self.voice_on.setChecked(settings.voice_on)
            self.breathing_on.setChecked(settings.breathing_on)
            self.tone_buttons[settings.tone_style].setChecked(True)
            self.cue_style.setCurrentIndex(self._cue_styles.index(settings.style_override))
        finally:
            for widget, was in zip(widgets, blocked, strict=True):
                widget.blockSignals(was)
        self._sync()

    def _sync(self) -> None:
        """Enable what means something now; the line under the cue style."""
        s = self._settings
        self.volumes["voice"].set_enabled(s.voice_on)
        self.volumes["breathing"].set_enabled(s.breathing_on)
        channel_on = {"voice": s.voice_on, "tones": True, "breathing": s.breathing_on}
        for field, volume in self.volumes.items():
            if volume.test is not None:
                volume.test.setEnabled(not s.muted and channel_on[field])
        hint = _(CUE_STYLE_CHOICES[s.style_override][1])
        if not s.voice_on and s.style_override in ("both", "voice"):
            hint = _(VOICE_OFF_HINT)
        self.cue_hint.setText(hint)

    def _apply(self, settings: AudioSettings) -> None:
        """Show *settings* and emit them."""
        self._settings = settings
        self._show(settings)
        self.changed.emit(settings)

    def _update(self, **changes: object) -> None:
        settings = self._settings.with_(**changes)
        if settings != self._settings:
            self._settings = settings
            self._sync()
            self.changed.emit(settings)

    def _on_volume_changed(self, field: str, value: int) -> None:
        self.volumes[field].show_percent()
        self._update(**{field: value / 100})

    def _on_tone_style_toggled(self, index: int, checked: bool) -> None:
        if checked:
            self._update(tone_style=TONE_STYLES[index])

    def _on_cue_style_changed(self, index: int) -> None:
        if 0 <= index < len(self._cue_styles):
            self._update(style_override=self._cue_styles[index])

    def set_sound_problem(self, message: str | None) -> None:
        """Say on each Test button that there is no sound (*message*, the reason, in its
        tooltip), instead of a Test that plays nothing; None: sound works again."""
        for volume in self.volumes.values():
            test = volume.test
            if test is None:
                continue
            if message is None:
                test.setText(_("Test"))
                test.setToolTip(_test_tip(volume.field))
            else:
                test.setText(_("No sound device"))
                test.setToolTip(_("Nothing can play: {problem}").format(problem=message))
            test.setAccessibleDescription(test.text() if message is not None else "")

    def _on_test_clicked(self, kind: str) -> None:
        if self._preview is not None:
            self._preview(kind)
