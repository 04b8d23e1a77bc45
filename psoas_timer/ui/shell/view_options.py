"""The window's options: sound and mute, full screen, stay on top, count up, high contrast,
the theme, and help.

The main window owns one :class:`ViewOptions`; it keeps each choice in the preferences and
applies it to the window, the player and the sound, and it opens (once) the Sound and Help
dialogs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from psoas_timer.ui.shell.actions import show_muted

if TYPE_CHECKING:
    from psoas_timer.audio.settings import AudioSettings
    from psoas_timer.ui.shell.help_dialog import HelpDialog
    from psoas_timer.ui.shell.main_window import MainWindow
    from psoas_timer.ui.sound.settings_dialog import SoundSettingsDialog

__all__ = ["ViewOptions"]


class ViewOptions(QObject):
    """The options of *window* (which owns it)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self.sound_dialog: SoundSettingsDialog | None = None
        self.help_dialog: HelpDialog | None = None
        self._sound_problem: str | None = None

    def connect_signals(self) -> None:
        a = self._w.commands
        a.mute.toggled.connect(self._on_mute_toggled)
        a.sound.triggered.connect(self._on_sound_triggered)
        a.fullscreen.toggled.connect(self._on_fullscreen_toggled)
        a.stay_on_top.toggled.connect(self._on_stay_on_top_toggled)
        a.count_up.toggled.connect(self._on_count_up_toggled)
        a.animate.toggled.connect(self._on_animate_toggled)
        a.high_contrast.toggled.connect(self.on_high_contrast_toggled)
        a.help.triggered.connect(self._on_help_triggered)
        self._w.toolbar.theme_chosen.connect(self.on_theme_chosen)
        self._w.parts.services.audio.problem.connect(self._on_audio_problem)
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._on_color_scheme_changed)

    def _on_mute_toggled(self, muted: bool) -> None:
        self._w.preferences.muted = muted
        self._w.parts.services.audio.set_muted(muted)
        self._w.player.set_muted(muted)
        show_muted(self._w.commands.mute, muted)
        self._w.toolbar.fit(self._w.width())

    def _on_sound_triggered(self) -> None:
        """Open the Sound dialog; what the user changes is heard and kept at once."""
        if self.sound_dialog is not None:
            self.sound_dialog.raise_()
            self.sound_dialog.activateWindow()
            return
        from psoas_timer.ui.sound.settings_dialog import SoundSettingsDialog

        dialog = SoundSettingsDialog(
            self._w.preferences.audio_settings(),
            self._w,
            preview=self._w.parts.services.audio.preview,
        )
        if self._sound_problem is not None:
            dialog.set_sound_problem(self._sound_problem)
        dialog.changed.connect(self._on_sound_changed)
        dialog.finished.connect(self._on_sound_dialog_finished)
        self.sound_dialog = dialog
        dialog.open()

    def _on_sound_changed(self, settings: AudioSettings) -> None:
        self._w.parts.services.audio.set_settings(settings)
        self._w.preferences.set_audio_settings(settings)
        self._w.commands.mute.setChecked(settings.muted)

    def _on_sound_dialog_finished(self, _result: int) -> None:
        dialog, self.sound_dialog = self.sound_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _on_fullscreen_toggled(self, on: bool) -> None:
        if on:
            self._w.showFullScreen()
        else:
            self._w.showNormal()

    def _on_stay_on_top_toggled(self, on: bool) -> None:
        from PySide6.QtCore import Qt

        self._w.preferences.stay_on_top = on
        visible = self._w.isVisible()
        self._w.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if visible:
            self._w.show()

    def _on_count_up_toggled(self, on: bool) -> None:
        self._w.preferences.count_up = on
        self._w.player.set_count_up(on)
        self._redraw_player()

    def _on_animate_toggled(self, on: bool) -> None:
        self._w.preferences.animate = on
        self._w.player.figure.set_motion(on)

    def on_high_contrast_toggled(self, on: bool) -> None:
        from psoas_timer.ui.common.theme import set_high_contrast

        self._w.preferences.high_contrast = on
        set_high_contrast(on)

    def _redraw_player(self) -> None:
        snap = self._w.controller.snapshot()
        if snap is not None and self._w.controller.active:
            self._w.player.show_snapshot(snap)

    def _on_audio_problem(self, message: str) -> None:
        self._w.statusBar().showMessage(message, 15000)
        self._w.player.show_sound_problem(message)
        if not self._w.parts.services.audio.available:  # nothing can play: the Test buttons say so
            self._sound_problem = message
            if self.sound_dialog is not None:
                self.sound_dialog.set_sound_problem(message)

    def _on_help_triggered(self) -> None:
        """Open help (F1)."""
        if self.help_dialog is not None:
            self.help_dialog.raise_()
            self.help_dialog.activateWindow()
            return
        from psoas_timer.ui.shell.help_dialog import Folders, HelpDialog

        self._w.open_history()  # where it is comes from the open file
        layout = self._w.catalog.layout if self._w.catalog is not None else None
        folders = self._w.parts.services.folders
        routines = folders[1] if folders is not None else layout.user if layout else None
        dialog = HelpDialog(
            self._w.commands.all(),
            Folders(
                routines=routines if routines is not None else Path("(none)"),
                settings=self._w.preferences.location(),
                cache=layout.cache if layout is not None else None,
                history=store.path if (store := self._w.history.store) is not None else None,
            ),
            self._w,
        )
        dialog.finished.connect(self._on_help_dialog_finished)
        self.help_dialog = dialog
        dialog.open()

    def _on_help_dialog_finished(self, _result: int) -> None:
        dialog, self.help_dialog = self.help_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def on_theme_chosen(self, theme: str) -> None:
        from psoas_timer.ui.common.theme import apply_theme

        self._w.preferences.theme = apply_theme(theme)
        self._on_color_scheme_changed(None)  # the pages draw their colours again

    def _on_color_scheme_changed(self, _scheme: object) -> None:
        if self._w.catalog is not None:
            self._w.library.set_catalog(self._w.catalog)
        if self._w.entry is not None:
            self._w.routine.set_entry(self._w.entry)
