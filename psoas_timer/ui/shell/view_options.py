"""The window's options: sound and mute, full screen, stay on top, count up, high contrast,
the theme, asking for ratings, stopping from afar without asking, and help.

The main window owns one :class:`ViewOptions`; it keeps each choice in the preferences and
applies it to the window, the player and the sound, and it opens (once) the Sound and Help
dialogs. It is given the window as the Qt main window it is (full screen, on top, the
status bar) and, for what the routine pages show, as :class:`Shown`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from psoas_timer.ui.common.reduced_motion import reduced_motion
from psoas_timer.ui.shell.actions import show_muted

if TYPE_CHECKING:
    from psoas_timer.audio.settings import AudioSettings
    from psoas_timer.core.catalog import Catalog, Entry
    from psoas_timer.session.recording import HistoryLink
    from psoas_timer.ui.library.library_view import LibraryView
    from psoas_timer.ui.library.routine_view import RoutineView
    from psoas_timer.ui.player.player_view import PlayerView
    from psoas_timer.ui.player.session_controller import SessionController
    from psoas_timer.ui.shell.actions import Actions
    from psoas_timer.ui.shell.help_dialog import HelpDialog
    from psoas_timer.ui.shell.settings import Preferences
    from psoas_timer.ui.shell.toolbar import ControlsBar
    from psoas_timer.ui.shell.window_parts import Services
    from psoas_timer.ui.sound.settings_dialog import SoundSettingsDialog

__all__ = ["OptionsParts", "Shown", "ViewOptions"]


class Shown(Protocol):
    """The routines listed and the one open, drawn again when the colours change."""

    @property
    def catalog(self) -> Catalog | None: ...

    @property
    def entry(self) -> Entry | None: ...


@dataclass(frozen=True)
class OptionsParts:
    """What the options change besides the window: the controls, the pages, the session."""

    commands: Actions
    toolbar: ControlsBar
    player: PlayerView
    library: LibraryView
    routine: RoutineView
    controller: SessionController
    history: HistoryLink


class ViewOptions(QObject):
    """The options of *window* (which owns it; *shown*: its routines), kept in
    *preferences*, applied to *parts* and the *services*' sound."""

    def __init__(
        self,
        window: QMainWindow,
        shown: Shown,
        parts: OptionsParts,
        services: Services,
        preferences: Preferences,
    ) -> None:
        super().__init__(window)
        self._w = window
        self._shown = shown
        self._p = parts
        self._services = services
        self._prefs = preferences
        self.sound_dialog: SoundSettingsDialog | None = None
        self.help_dialog: HelpDialog | None = None
        self._sound_problem: str | None = None

    def restore(self) -> None:
        """Show each option as the preferences keep it (as the window loads, before
        :meth:`connect_signals`)."""
        a, prefs, player = self._p.commands, self._prefs, self._p.player
        a.mute.setChecked(prefs.muted)
        show_muted(a.mute, prefs.muted)
        self._services.audio.set_muted(prefs.muted)
        player.set_muted(prefs.muted)
        a.stay_on_top.setChecked(prefs.stay_on_top)
        a.count_up.setChecked(prefs.count_up)
        player.set_count_up(prefs.count_up)
        animate = prefs.animate and not reduced_motion()
        a.animate.setChecked(animate)
        player.figure.set_motion(animate)
        a.high_contrast.setChecked(prefs.high_contrast)
        a.ask_ratings.setChecked(prefs.ask_ratings)
        a.remote_stop.setChecked(prefs.remote_stop_unasked)
        if prefs.high_contrast:
            self.on_high_contrast_toggled(True)

    def connect_signals(self) -> None:
        a = self._p.commands
        a.ask_ratings.toggled.connect(self._on_ask_ratings_toggled)
        a.remote_stop.toggled.connect(self._on_remote_stop_toggled)
        a.mute.toggled.connect(self._on_mute_toggled)
        a.sound.triggered.connect(self._on_sound_triggered)
        a.fullscreen.toggled.connect(self._on_fullscreen_toggled)
        a.stay_on_top.toggled.connect(self._on_stay_on_top_toggled)
        a.count_up.toggled.connect(self._on_count_up_toggled)
        a.animate.toggled.connect(self._on_animate_toggled)
        a.high_contrast.toggled.connect(self.on_high_contrast_toggled)
        a.help.triggered.connect(self._on_help_triggered)
        # settings a single letter changes on the player: said there when they change
        for setting in (a.count_up, a.mute, a.stay_on_top, a.fullscreen, a.high_contrast):
            setting.toggled.connect(self._on_setting_toggled)
        self._p.toolbar.theme_chosen.connect(self.on_theme_chosen)
        self._p.toolbar.language_chosen.connect(self.on_language_chosen)
        self._services.audio.problem.connect(self._on_audio_problem)
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._on_color_scheme_changed)

    def _on_setting_toggled(self, on: bool) -> None:
        """A setting the player's letters change was turned *on* or off: while the player
        shows, it says so (a letter pressed by mistake must not change things unseen)."""
        from PySide6.QtGui import QAction, QKeySequence

        from psoas_timer.ui.player.words import SETTING_WORDS, setting_caption
        from psoas_timer.ui.shell.actions import all_keys

        action, player = self.sender(), self._p.player
        if not isinstance(action, QAction) or not player.isVisible():
            return
        name = action.objectName()
        if name not in SETTING_WORDS:
            return
        keys = all_keys(action)
        key = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
        player.show_setting(setting_caption(name, on, key))

    def _on_mute_toggled(self, muted: bool) -> None:
        self._prefs.muted = muted
        self._services.audio.set_muted(muted)
        self._p.player.set_muted(muted)
        show_muted(self._p.commands.mute, muted)
        self._p.toolbar.fit(self._w.width())

    def _on_ask_ratings_toggled(self, on: bool) -> None:
        self._prefs.ask_ratings = on

    def _on_remote_stop_toggled(self, on: bool) -> None:
        self._prefs.remote_stop_unasked = on

    def _on_sound_triggered(self) -> None:
        """Open the Sound dialog; what the user changes is heard and kept at once."""
        if self.sound_dialog is not None:
            self.sound_dialog.raise_()
            self.sound_dialog.activateWindow()
            return
        from psoas_timer.ui.sound.settings_dialog import SoundSettingsDialog

        dialog = SoundSettingsDialog(
            self._prefs.audio_settings(),
            self._w,
            preview=self._services.audio.preview,
        )
        if self._sound_problem is not None:
            dialog.set_sound_problem(self._sound_problem)
        dialog.changed.connect(self._on_sound_changed)
        dialog.finished.connect(self._on_sound_dialog_finished)
        self.sound_dialog = dialog
        dialog.open()

    def _on_sound_changed(self, settings: AudioSettings) -> None:
        self._services.audio.set_settings(settings)
        self._prefs.set_audio_settings(settings)
        self._p.commands.mute.setChecked(settings.muted)

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

        self._prefs.stay_on_top = on
        visible = self._w.isVisible()
        self._w.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if visible:
            self._w.show()

    def _on_count_up_toggled(self, on: bool) -> None:
        self._prefs.count_up = on
        self._p.player.set_count_up(on)
        self._redraw_player()

    def _on_animate_toggled(self, on: bool) -> None:
        self._prefs.animate = on
        self._p.player.figure.set_motion(on)

    def on_high_contrast_toggled(self, on: bool) -> None:
        from psoas_timer.ui.common.theme import set_high_contrast

        self._prefs.high_contrast = on
        set_high_contrast(on)

    def _redraw_player(self) -> None:
        snap = self._p.controller.snapshot()
        if snap is not None and self._p.controller.active:
            self._p.player.show_snapshot(snap)

    def _on_audio_problem(self, message: str) -> None:
        self._w.statusBar().showMessage(message, 15000)
        self._p.player.show_sound_problem(message)
        if not self._services.audio.available:  # nothing can play: the Test buttons say so
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

        self._p.history.open()  # where it is comes from the open file
        layout = self._shown.catalog.layout if self._shown.catalog is not None else None
        folders = self._services.folders
        routines = folders[1] if folders is not None else layout.user if layout else None
        dialog = HelpDialog(
            self._p.commands.all(),
            Folders(
                routines=routines if routines is not None else Path("(none)"),
                settings=self._prefs.location(),
                cache=layout.cache if layout is not None else None,
                history=store.path if (store := self._p.history.store) is not None else None,
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

    def on_language_chosen(self, code: str) -> None:
        """Keep the language picked; say that it applies at the next start (the window's
        words are made once, as it opens)."""
        from PySide6.QtWidgets import QMessageBox

        from psoas_timer.i18n import _, native_name

        if code == self._prefs.language:
            return
        self._prefs.language = code
        if code:
            # Translators: {language} is the language's own name ("Deutsch", "Français").
            text = _("Psoas Timer will speak {language} the next time it starts.").format(
                language=native_name(code)
            )
        else:
            text = _("Psoas Timer will follow the system's language the next time it starts.")
        box = QMessageBox(QMessageBox.Icon.Information, _("Language"), text, parent=self._w)
        box.setObjectName("language_notice")
        box.setInformativeText(_("Quit and open it again to change the language now."))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()

    def on_theme_chosen(self, theme: str) -> None:
        from psoas_timer.ui.common.theme import apply_theme

        self._prefs.theme = apply_theme(theme)
        self._on_color_scheme_changed(None)  # the pages draw their colours again

    def _on_color_scheme_changed(self, _scheme: object) -> None:
        if self._shown.catalog is not None:
            self._p.library.set_catalog(self._shown.catalog)
        if self._shown.entry is not None:
            self._p.routine.set_entry(self._shown.entry)
