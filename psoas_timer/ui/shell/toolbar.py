"""The main window's one row of controls, and the Menu at its right end.

The way back to the routines, the session's controls and Mute, with icons and words big
enough to read from the mat; everything else is in the Menu (F10 opens it; every entry has
its own key too). The session's controls come first, so a narrow window never pushes them
into the overflow: when the words beside the icons do not fit, they go under them.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from psoas_timer.ui.common.icons import icon
from psoas_timer.ui.common.theme import THEMES, scaled_font
from psoas_timer.ui.shell.actions import Actions

__all__ = ["ControlsBar"]

_THEME_WORDS = {"system": "As the system", "light": "Light", "dark": "Dark"}


class ControlsBar(QToolBar):
    """The controls row; :attr:`theme_chosen` says which theme the Menu picked."""

    theme_chosen = Signal(str)

    def __init__(self, actions: Actions, theme: str, font_from: QWidget) -> None:
        super().__init__("Controls")
        self._actions = actions
        self._widths: dict[tuple[str, Qt.ToolButtonStyle], int] = {}  # see _width_in
        self.setObjectName("controls")
        self.setMovable(False)
        self.setFloatable(False)
        self.setIconSize(QSize(28, 28))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setFont(scaled_font(font_from.font(), 16, bold=True))
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
        self._steady_start_button()

    def _make_menu(self, actions: Actions, theme: str) -> QMenu:
        menu = QMenu("Menu", self)
        menu.setObjectName("main_menu")
        for group in (
            (actions.new_routine, actions.edit_routine),
            (actions.restart_step,),
            (actions.sound, actions.reminders, actions.fullscreen, actions.stay_on_top),
            (actions.count_up, actions.high_contrast, actions.ask_ratings),
        ):
            menu.addActions(list(group))
            menu.addSeparator()
        self.theme_menu = self._make_theme_menu(theme, menu)
        menu.addMenu(self.theme_menu)
        menu.addSeparator()
        menu.addAction(actions.help)
        menu.addSeparator()
        menu.addActions([actions.reload, actions.quit])
        return menu

    def _make_menu_button(self, menu: QMenu) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName("menu")
        button.setText("Menu")
        button.setIcon(icon("open-menu"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setToolTip(
            "New and edit routines, sound, full screen, how the app looks, help… (F10)"
        )
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setAccessibleName("Menu")
        return button

    def _make_theme_menu(self, theme: str, parent: QMenu) -> QMenu:
        """Theme: as the system, light or dark; one checked."""
        menu = QMenu("Theme", parent)
        menu.setObjectName("theme_menu")
        group = QActionGroup(menu)
        group.setExclusive(True)
        for choice in THEMES:
            action = QAction(_THEME_WORDS[choice], menu)
            action.setObjectName(f"theme_{choice}")
            action.setData(choice)
            action.setCheckable(True)
            action.setChecked(choice == theme)
            group.addAction(action)
            menu.addAction(action)
        group.triggered.connect(self._on_theme_group_triggered)
        return menu

    def _on_theme_group_triggered(self, action: QAction) -> None:
        self.theme_chosen.emit(str(action.data()))

    def _steady_start_button(self) -> None:
        """Start, Pause and Resume take the same room, so the row never shifts as it changes."""
        start_pause = self._actions.start_pause
        start = self.widgetForAction(start_pause)
        if start is None:
            return
        shown = start_pause.text()
        start.setMinimumWidth(0)
        widths = []
        for text in ("Start", "Resume", "Pause"):
            start_pause.setText(text)
            widths.append(start.sizeHint().width())
        start_pause.setText(shown)
        start.setMinimumWidth(max(widths))

    def _width_in(self, style: Qt.ToolButtonStyle) -> int:
        """The row's width with its words laid out in *style* (kept by Mute's text)."""
        key = (self._actions.mute.text(), style)
        width = self._widths.get(key)
        if width is None:
            current = self.toolButtonStyle()
            self.setToolButtonStyle(style)
            self.menu_button.setToolButtonStyle(style)
            width = self.sizeHint().width()
            self.setToolButtonStyle(current)
            self.menu_button.setToolButtonStyle(current)
            self._widths[key] = width
        return width

    def fit(self, width: int) -> None:
        """Words beside the icons when the row has room for them all in *width*, else under
        them (at 1024 px everything still shows, the words as big as ever), and in a window
        narrower still, icons alone: their words are in tooltips and for screen readers, and
        nothing goes into the overflow."""
        style = Qt.ToolButtonStyle
        wanted = style.ToolButtonIconOnly
        for choice in (style.ToolButtonTextBesideIcon, style.ToolButtonTextUnderIcon):
            if self._width_in(choice) <= width:
                wanted = choice
                break
        if self.toolButtonStyle() != wanted:
            self.setToolButtonStyle(wanted)
            self.menu_button.setToolButtonStyle(wanted)
            self._steady_start_button()
