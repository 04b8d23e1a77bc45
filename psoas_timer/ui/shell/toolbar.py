"""The main window's one row of controls, and the Menu at its right end.

The way back to the routines, the session's controls and Sound (mute), with icons and words big
enough to read from the mat; everything else is in the Menu (F10 opens it; every entry has
its own key too). The session's controls come first, so a narrow window never pushes them
into the overflow: when the words beside the icons do not fit, they go under them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolButton, QWidget

from psoas_timer.i18n import N_, _, languages, pgettext
from psoas_timer.ui.common.fitting_toolbar import FittingToolBar
from psoas_timer.ui.common.icons import icon
from psoas_timer.ui.common.theme import THEMES, scaled_font
from psoas_timer.ui.common.translation import keep_left_to_right
from psoas_timer.ui.shell.actions import MUTED, SOUND_ON, Actions

__all__ = ["ICON_PIXELS", "WORD_PIXELS", "ControlsBar"]

#: The words' and the icons' size in pixels: both styles of words fit a 1280 px window.
WORD_PIXELS = 15
ICON_PIXELS = 24
_START_TEXTS = (N_("Start"), N_("Resume"), N_("Pause"))
_MUTE_TEXTS = (SOUND_ON, MUTED)

_THEME_WORDS = {"system": N_("As the system"), "light": N_("Light"), "dark": N_("Dark")}


class ControlsBar(FittingToolBar):
    """The controls row; :attr:`theme_chosen` says which theme the Menu picked."""

    theme_chosen = Signal(str)
    #: A language was picked in Menu → Language: its code, "" for the system's.
    language_chosen = Signal(str)

    def __init__(
        self, actions: Actions, theme: str, font_from: QWidget, language: str = ""
    ) -> None:
        super().__init__(_("Controls"))
        self._language = language
        self._actions = actions
        self._window: QWidget | None = None  # the window it is put in (put_in)
        self.setObjectName("controls")
        # The media controls (back, play, forward) keep their order in a right-to-left
        # language, as media players do.
        keep_left_to_right(self)
        self.setMovable(False)
        self.setFloatable(False)
        self.setIconSize(QSize(ICON_PIXELS, ICON_PIXELS))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setFont(scaled_font(font_from.font(), WORD_PIXELS, bold=True))
        self.addAction(actions.back)
        self.addAction(actions.progress)
        self.addSeparator()
        for action in (
            actions.start_pause,
            actions.previous,
            actions.next,
            actions.add_time,
            actions.take_time,
            actions.released,
            actions.stop,
        ):
            self.addAction(action)
        self.addSeparator()
        self.addAction(actions.mute)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.menu_button = self._make_menu_button(self._make_menu(actions, theme))
        self.addWidget(self.menu_button)
        for button in self.findChildren(QToolButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if button.defaultAction() is not None:
                button.setAccessibleName(button.defaultAction().text())
        actions.mute.changed.connect(self._on_mute_changed)
        # Never shown: measures Start/Pause/Resume and Sound/Muted (see _steady_buttons).
        self._twin = QToolButton(self)
        self._twin.setObjectName("measuring_twin")
        self._twin.setAutoRaise(True)
        self._twin.setVisible(False)
        self._steady_buttons()

    def put_in(self, window: QMainWindow) -> None:
        """Put the bar at the top of *window*, open its Menu with F10 there, and lay its
        words out for the window's width, now and whenever the window is resized."""
        QShortcut(QKeySequence("F10"), window, self.menu_button.showMenu)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self)
        self._window = window
        window.installEventFilter(self)
        self.fit(window.width())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._window:
            self.fit(self._window.width())
        return super().eventFilter(watched, event)

    def _make_menu(self, actions: Actions, theme: str) -> QMenu:
        menu = QMenu(_("Menu"), self)
        menu.setObjectName("main_menu")
        for group in (
            (actions.search, actions.new_routine, actions.edit_routine),
            (actions.restart_step,),
            (actions.sound, actions.reminders, actions.fullscreen, actions.stay_on_top),
            (actions.count_up, actions.animate, actions.high_contrast, actions.ask_ratings),
            (actions.remote_stop,),
        ):
            menu.addActions(list(group))
            menu.addSeparator()
        self.theme_menu = self._make_theme_menu(theme, menu)
        menu.addMenu(self.theme_menu)
        self.language_menu = self._make_language_menu(self._language, menu)
        menu.addMenu(self.language_menu)
        menu.addSeparator()
        menu.addAction(actions.help)
        menu.addSeparator()
        menu.addActions([actions.reload, actions.quit])
        return menu

    def _make_menu_button(self, menu: QMenu) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName("menu")
        button.setText(_("Menu"))
        button.setIcon(icon("open-menu"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setToolTip(
            _("New and edit routines, sound, full screen, how the app looks, help… ({key})").format(
                key="F10"
            )
        )
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setAccessibleName(_("Menu"))
        return button

    def _make_theme_menu(self, theme: str, parent: QMenu) -> QMenu:
        """Theme: as the system, light or dark; one checked."""
        menu = QMenu(_("Theme"), parent)
        menu.setObjectName("theme_menu")
        group = QActionGroup(menu)
        group.setExclusive(True)
        for choice in THEMES:
            action = QAction(_(_THEME_WORDS[choice]), menu)
            action.setObjectName(f"theme_{choice}")
            action.setData(choice)
            action.setCheckable(True)
            action.setChecked(choice == theme)
            group.addAction(action)
            menu.addAction(action)
        group.triggered.connect(self._on_theme_group_triggered)
        return menu

    def _make_language_menu(self, language: str, parent: QMenu) -> QMenu:
        """Language: the system's, or one of the shipped languages by its own name; one
        checked. The choice applies at the next start (the window says so)."""
        menu = QMenu(_("Language"), parent)
        menu.setObjectName("language_menu")
        group = QActionGroup(menu)
        group.setExclusive(True)
        choices = [("", pgettext("language", "System")), *languages()]
        codes = {code for code, _name in choices}
        for code, name in choices:
            action = QAction(name, menu)
            action.setObjectName(f"language_{code or 'system'}")
            action.setData(code)
            action.setCheckable(True)
            action.setChecked(code == language or (code == "" and language not in codes))
            group.addAction(action)
            menu.addAction(action)
        group.triggered.connect(self._on_language_triggered)
        return menu

    def _on_language_triggered(self, action: QAction) -> None:
        self.language_chosen.emit(str(action.data() or ""))

    def _on_mute_changed(self) -> None:
        """A screen reader hears the word shown: Sound, or Muted."""
        button = self.widgetForAction(self._actions.mute)
        if button is not None and button.accessibleName() != self._actions.mute.text():
            button.setAccessibleName(self._actions.mute.text())

    def _on_theme_group_triggered(self, action: QAction) -> None:
        self.theme_chosen.emit(str(action.data()))

    def _steady_buttons(self) -> None:
        """Start, Pause and Resume take the same room, and so do Sound and Muted: the row
        never shifts as they change. Measured on a hidden twin, so the actions' texts (and
        everything that shows them) are left alone."""
        for action, texts in (
            (self._actions.start_pause, _START_TEXTS),
            (self._actions.mute, _MUTE_TEXTS),
        ):
            button = self.widgetForAction(action)
            if button is None:
                continue
            twin = self._twin
            twin.setToolButtonStyle(self.toolButtonStyle())
            twin.setIcon(action.icon())
            widths = []
            for text in texts:
                twin.setText(_(text))
                widths.append(twin.sizeHint().width())
            button.setMinimumWidth(max(widths))

    def _lay_out(self, style: Qt.ToolButtonStyle) -> None:
        self.setToolButtonStyle(style)
        self.menu_button.setToolButtonStyle(style)
        self._steady_buttons()
