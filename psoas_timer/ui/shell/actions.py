"""Every control as a QAction: one text, shortcut, tooltip and icon each, used everywhere.

Icons come from the desktop's theme, or the app's own drawings where the theme has none
(:mod:`psoas_timer.ui.common.icons`)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from psoas_timer.i18n import N_, _
from psoas_timer.ui.common.icons import icon as themed_icon

__all__ = ["MUTED", "SOUND_ON", "Actions", "create_actions", "show_muted"]

Key = Qt.Key

#: The mute control's words: what the sound is now, as its icon shows (a loudspeaker, or
#: a crossed one); pressing it (or M) switches.
#: Marked only: translated where shown.
SOUND_ON = N_("Sound")
MUTED = N_("Muted")


@dataclass(frozen=True)
class Actions:
    start_pause: QAction
    previous: QAction
    next: QAction
    add_time: QAction
    take_time: QAction
    restart_step: QAction
    released: QAction
    stop: QAction
    mute: QAction
    fullscreen: QAction
    stay_on_top: QAction
    count_up: QAction
    animate: QAction
    high_contrast: QAction
    back: QAction
    reload: QAction
    quit: QAction
    new_routine: QAction
    edit_routine: QAction
    sound: QAction
    progress: QAction
    ask_ratings: QAction
    help: QAction
    reminders: QAction
    remote_stop: QAction
    search: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]

    def session_only(self) -> list[QAction]:
        """Actions that only mean something while a session runs."""
        return [
            self.previous,
            self.next,
            self.add_time,
            self.take_time,
            self.restart_step,
            self.released,
            self.stop,
        ]


def _action(
    parent: QWidget,
    name: str,
    text: str,
    keys: list[QKeySequence | Key | str],
    tip: str,
    icon: str = "",
    *,
    checkable: bool = False,
) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    sequences = [k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys]
    action.setShortcuts(sequences)
    # Every key it was made with (some are set aside while the player is not showing).
    action.setProperty(ALL_KEYS, "\n".join(k.toString() for k in sequences))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(_("{tip} ({key})").format(tip=tip, key=shown) if shown else tip)
    action.setStatusTip(tip)
    action.setCheckable(checkable)
    if icon:
        action.setIcon(themed_icon(icon))
    parent.addAction(action)
    return action


def create_actions(parent: QWidget) -> Actions:
    """Make the window's actions; *parent* receives them so their shortcuts work anywhere in it."""
    return Actions(
        start_pause=_action(
            parent,
            "start_pause",
            _("Start"),
            # B and . are what presenter remotes send for "black screen"; a foot pedal can
            # be set to any of them (Help: From afar).
            [
                Key.Key_Space,
                Key.Key_MediaTogglePlayPause,
                Key.Key_MediaPlay,
                Key.Key_MediaPause,
                Key.Key_B,
                Key.Key_Period,
            ],
            _("Start, pause or resume the session"),
            "media-playback-start",
        ),
        previous=_action(
            parent,
            "previous",
            _("Previous"),
            [Key.Key_Left, Key.Key_PageUp],  # Page Up: a presenter remote's "back"
            _("Back to the previous part"),
            "media-skip-backward",
        ),
        next=_action(
            parent,
            "next",
            _("Next"),
            [Key.Key_Right, Key.Key_PageDown],  # Page Down: a presenter remote or a pedal
            _("Skip to the next part"),
            "media-skip-forward",
        ),
        add_time=_action(
            parent,
            "add_time",
            _("+10 s"),
            [Key.Key_Plus, Key.Key_Equal],
            _("Add 10 seconds to this part"),
            "list-add",
        ),
        take_time=_action(
            parent,
            "take_time",
            _("−10 s"),
            # Shift+- arrives as "_" with or without Shift, depending on the keyboard mapping.
            [Key.Key_Minus, Key.Key_Underscore, "Shift+_", "Shift+-"],
            _("Take 10 seconds off this part (never below zero)"),
            "list-remove",
        ),
        restart_step=_action(
            parent,
            "restart_step",
            _("Restart"),
            [Key.Key_R],
            _("Restart this step"),
            "view-refresh",
        ),
        released=_action(
            parent,
            "released",
            _("Released"),
            [Key.Key_Return, Key.Key_Enter],
            _("The point has released: end this hold"),
            "dialog-ok",
        ),
        stop=_action(
            parent,
            "stop",
            _("Stop"),
            [Key.Key_Escape],
            _("Stop the session"),
            "media-playback-stop",
        ),
        mute=_action(
            parent,
            "mute",
            _(SOUND_ON),
            [Key.Key_M],
            _("Sound is on: mute the cues"),
            "audio-volume-high",
            checkable=True,
        ),
        fullscreen=_action(
            parent,
            "fullscreen",
            _("Full screen"),
            [Key.Key_F],
            _("Fill the screen"),
            "view-fullscreen",
            checkable=True,
        ),
        stay_on_top=_action(
            parent,
            "stay_on_top",
            _("On top"),
            [Key.Key_T],
            _("Keep the window above the others"),
            "go-top",
            checkable=True,
        ),
        count_up=_action(
            parent,
            "count_up",
            _("Show time held"),
            [Key.Key_C],
            _("On holds, count the time held up instead of the time to go down"),
            "chronometer",
            checkable=True,
        ),
        animate=_action(
            parent,
            "animate",
            _("Moving figure"),
            ["Ctrl+Shift+M"],
            _("The exercise's figure moves with the reps and the breath; off, it stays still"),
            "media-playback-start",
            checkable=True,
        ),
        high_contrast=_action(
            parent,
            "high_contrast",
            _("High contrast"),
            [Key.Key_H],
            _("White and strong colours on black, for low vision or a bright room"),
            "preferences-desktop-display",
            checkable=True,
        ),
        back=_action(
            parent,
            "back",
            _("Routines"),
            ["Alt+Left", Key.Key_Backspace],
            _("Back to the list of routines"),
            "view-list",
        ),
        reload=_action(
            parent,
            "reload",
            _("Reload"),
            ["F5", "Ctrl+R"],
            _("Read the routine files again"),
            "view-refresh",
        ),
        quit=_action(
            parent,
            "quit",
            _("Quit"),
            ["Ctrl+Q"],
            _("Close Psoas Timer"),
            "application-exit",
        ),
        new_routine=_action(
            parent,
            "new_routine",
            _("New routine"),
            ["Ctrl+N"],
            _("Compose a routine of your own in the editor"),
            "document-new",
        ),
        edit_routine=_action(
            parent,
            "edit_routine",
            _("Edit"),
            ["Ctrl+E"],
            _("Edit this routine (a bundled one is copied to your routines first)"),
            "document-edit",
        ),
        sound=_action(
            parent,
            "sound",
            _("Sound…"),
            ["Ctrl+,"],
            _("Volumes, voice, breathing sounds and tone style"),
            "audio-volume-high",
        ),
        progress=_action(
            parent,
            "progress",
            _("Progress"),
            ["Ctrl+H", "Ctrl+Shift+P"],
            _("Your sessions: streak, calendar, ratings and release times"),
            "office-chart-line",
        ),
        ask_ratings=_action(
            parent,
            "ask_ratings",
            _("Ask how it feels"),
            ["Ctrl+Shift+R"],
            _("Before and after a release or stretch routine, ask for a 0–10 score per area"),
            "face-smile",
            checkable=True,
        ),
        help=_action(
            parent,
            "help",
            _("Help"),
            ["F1"],
            _("The keys, the routine format, safety and where files are kept"),
            "help-contents",
        ),
        reminders=_action(
            parent,
            "reminders",
            _("Reminders…"),
            ["Ctrl+Shift+A"],
            _("Reminders, your programme and desk breaks"),
            "appointment-soon",
        ),
        remote_stop=_action(
            parent,
            "remote_stop",
            _("Remote stops at once"),
            ["Ctrl+Shift+X"],
            _("Stop from a media key, earbuds or a phone stops the session without asking"),
            "media-playback-stop",
            checkable=True,
        ),
        search=_action(
            parent,
            "search",
            _("Search routines"),
            ["Ctrl+F", "/"],
            _("Go to the routines and type to search them"),
            "edit-find",
        ),
    )


#: The property that keeps an action's keys as made.
ALL_KEYS = "psoas_all_keys"


def all_keys(action: QAction) -> list[QKeySequence]:
    """*action*'s keys as made, whether or not they are on now (see :func:`is_single_key`)."""
    kept = action.property(ALL_KEYS)
    if not isinstance(kept, str):
        return action.shortcuts()
    return [QKeySequence(k) for k in kept.split("\n") if k]


def is_single_key(keys: QKeySequence) -> bool:
    """A shortcut of one letter with no modifier (C, M, F...): typed by accident, as a word
    into nowhere, it must not change a setting, so it works only where the player shows."""
    if keys.count() != 1:
        return False
    combination = keys[0]  # type: ignore[index]
    key: Key = combination.key()
    plain = combination.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
    return plain and Key.Key_A.value <= key.value <= Key.Key_Z.value


def show_muted(mute: QAction, muted: bool) -> None:
    """Make the mute control's word, icon and tooltip say whether the sound is *muted*."""
    shown = mute.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    if muted:
        text, name = _(MUTED), "audio-volume-muted"
        tip = _("Muted: cues show on screen only; unmute")
    else:
        text, name, tip = _(SOUND_ON), "audio-volume-high", _("Sound is on: mute the cues")
    mute.setText(text)
    mute.setIcon(themed_icon(name))
    mute.setToolTip(_("{tip} ({key})").format(tip=tip, key=shown))
    mute.setStatusTip(tip)
