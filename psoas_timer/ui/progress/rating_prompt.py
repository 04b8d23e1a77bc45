"""The one-screen prompt "How does it feel?": a score from 0 to 10 for each area, by side.

Keyboard first, and readable from the mat: a digit types the score (1 then 0 makes 10),
Tab or ↓ moves to the next area (↑ or Shift+Tab back), Enter saves, Esc skips. A free-text
note is optional: it is the last row, labelled "Note" like the areas are labelled, and while
it has the focus the line of keys says that what is typed (digits too) is the note. The
prompt only collects: the window records through the history.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.history import Area, Moment
from psoas_timer.history.body_map import Place, place_scores, places_of
from psoas_timer.i18n import N_, _, upper_first
from psoas_timer.ui.common.body_map_view import BodyMapView
from psoas_timer.ui.common.theme import scaled_font

__all__ = ["MAP_KEYS", "NOTE_KEYS", "SCORE_KEYS", "RatingPrompt", "ScoreField", "score_words"]

Key = Qt.Key

#: The line of keys under the scores, while a score has the focus and while the note has.
#: Marked only: translated where shown.
SCORE_KEYS = N_("Type 0–10 · Tab or ↓ next · Enter saves · Esc skips")
MAP_KEYS = N_(
    "Arrows choose a place · type 0–10 · Alt+B back to the list · Enter saves · Esc skips"
)
NOTE_KEYS = N_(
    "Typing here writes a note, digits too · ↑ back to the scores · Enter saves · Esc skips"
)


def score_words(score: int | None) -> str:
    """A few words for a score, shown beside it."""
    if score is None:
        return _("not rated")
    if score == 0:
        return _("no pain")
    if score <= 3:
        return _("mild")
    if score <= 6:
        return _("moderate")
    if score <= 9:
        return _("severe")
    return _("worst imaginable")


def _widest_score_words(label: QLabel) -> int:
    """How wide, in *label*'s font, the longest words beside a score are."""
    metrics = label.fontMetrics()
    return max(metrics.horizontalAdvance(score_words(s)) for s in (None, 0, 1, 4, 7, 10))


class AreaName(QLabel):
    """An area's name beside its score: on one line where the page has the room, on two
    (broken between words) only where it has not. A plain word-wrapped label asks for a
    width of its own choosing, narrower than its line, and so broke names that fitted
    ("Iliaque, côté / gauche" beside room to spare at 800 px)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a muscle named in a routine file
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        line = self.fontMetrics().horizontalAdvance(self.text()) + 2 * max(0, self.indent())
        width = line + margins.left() + margins.right() + 2 * self.margin() + 2
        return QSize(max(hint.width(), width), self.heightForWidth(width))


class ScoreField(QLineEdit):
    """A 0–10 score: digits type it, anything else is left to the prompt."""

    def __init__(self, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = area
        self.setObjectName(f"score_{area.label.replace(' ', '_')}")
        self.setAccessibleName(_("{area}: score from 0 to 10").format(area=area.label))
        self.setPlaceholderText("–")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMaxLength(2)
        self.setFont(scaled_font(self.font(), 40, bold=True))
        self.setFixedWidth(110)

    @property
    def score(self) -> int | None:
        text = self.text().strip()
        return int(text) if text.isdigit() and 0 <= int(text) <= 10 else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and len(text) == 1:
            # "1" then "0" is 10; any other digit replaces what was there.
            self.setText("10" if self.text() == "1" and text == "0" else text)
            return
        if event.key() in (Key.Key_Backspace, Key.Key_Delete):
            self.clear()
            return
        if event.key() in (Key.Key_Left, Key.Key_Right, Key.Key_Home, Key.Key_End):
            return
        if text and text.isprintable():
            return  # only digits make a score
        super().keyPressEvent(event)


class RatingPrompt(QWidget):
    """Asks for a score per area; *accepted* (scores, note) or *skipped*."""

    #: ``dict[Area, int]`` of the areas given a score, and the note.
    accepted = Signal(object, str)
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rating_prompt")
        self.moment: Moment = "before"
        self.fields: list[ScoreField] = []
        self._words: list[QLabel] = []
        self.title = QLabel(_("How does it feel?"))
        self.title.setObjectName("rating_title")
        self.title.setFont(scaled_font(self.font(), 48, bold=True))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("rating_subtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)  # it names the routine
        self.subtitle.setWordWrap(True)
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setFont(scaled_font(self.font(), 24))
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(24)
        self._grid.setVerticalSpacing(10)
        self.note = QLineEdit()
        self.note.setObjectName("rating_note")
        self.note.setPlaceholderText(_("optional, in your own words"))
        self.note.setAccessibleName(_("Note (optional)"))
        self.note.setAccessibleDescription(
            _(
                "Kept with the session as written; a number typed here is part of the note, "
                "not a score"
            )
        )
        self.note.setFont(scaled_font(self.font(), 24))
        self.note.setMaxLength(2000)
        self.note.setMinimumWidth(320)  # it spans the score and its words, wider
        self.note_label = QLabel(_("Note"))
        self.note_label.setObjectName("rating_note_label")
        self.note_label.setFont(scaled_font(self.font(), 32))
        self.note_label.setBuddy(self.note)
        self._grid.addWidget(self.note_label, 0, 0, Qt.AlignmentFlag.AlignRight)
        self._grid.addWidget(self.note, 0, 1, 1, 2)
        self.keys = QLabel(_(SCORE_KEYS))
        self.keys.setObjectName("rating_keys")
        self.keys.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys.setWordWrap(True)
        self.keys.setFont(scaled_font(self.font(), 20))
        #: The body map: another way to give the same scores (the digits stay).
        self.map = BodyMapView(self, editable=True)
        self.map.setObjectName("rating_body_map")
        self.map.hide()
        self.map.score_changed.connect(self._on_map_score)
        self.map.installEventFilter(self)
        self.map_button = QPushButton(_("&Body map"))
        self.map_button.setObjectName("rating_map_toggle")
        self.map_button.setCheckable(True)
        self.map_button.setToolTip(
            _("Rate on a map of the body instead: choose a place, then type its score")
        )
        self.map_button.setFont(scaled_font(self.font(), 18))
        self.map_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.map_button.toggled.connect(self.show_map)
        self.dont_ask = QCheckBox(_("Don't ask for this routine"))
        self.dont_ask.setObjectName("rating_dont_ask")
        self.dont_ask.setFont(scaled_font(self.font(), 18))
        self.save = QPushButton(_("Save"))
        self.save.setObjectName("rating_save")
        self.skip = QPushButton(_("Skip"))
        self.skip.setObjectName("rating_skip")
        for button in (self.save, self.skip):
            button.setFont(scaled_font(self.font(), 24, bold=True))
            button.setMinimumSize(200, 64)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dont_ask.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Two rows, so the page fits an 800 px screen: the other ways to answer, then the
        # answers themselves (on one row they made the page 1,030 px wide).
        options = QHBoxLayout()
        options.addStretch(1)
        options.addWidget(self.map_button)
        options.addSpacing(24)
        options.addWidget(self.dont_ask)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        buttons.addWidget(self.skip)
        buttons.addStretch(1)
        grid_row = QHBoxLayout()
        grid_row.setContentsMargins(0, 0, 0, 0)
        grid_row.addStretch(1)
        grid_row.addLayout(self._grid)
        grid_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(16)
        self._grid_box = QWidget()
        self._grid_box.setLayout(grid_row)
        layout.addWidget(self._grid_box)
        layout.addWidget(self.map, 8)  # it takes the room the list of digits leaves
        layout.addSpacing(12)
        layout.addWidget(self.keys)
        layout.addSpacing(12)
        layout.addLayout(options)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.note.installEventFilter(self)
        self.keys.installEventFilter(self)
        self.save.clicked.connect(self.accept)
        self.skip.clicked.connect(self.skipped)

    # -- what it asks ------------------------------------------------------------------
    def ask(self, routine: str, moment: Moment, areas: list[Area]) -> None:
        """Ask for *areas* of *routine*, *moment* before or after it."""
        self.moment = moment
        if moment == "before":
            text = _("{routine}, before you start: 0 is no pain, 10 the worst you can imagine.")
        else:
            text = _(
                "{routine}, now that you have finished: 0 is no pain, 10 the worst you can imagine."
            )
        self.subtitle.setText(text.format(routine=routine))
        while self._grid.count():  # the last routine's rows go at once, not on the next turn
            item = self._grid.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None and old not in (self.note, self.note_label):
                old.hide()
                old.setParent(None)
                old.deleteLater()
        self.fields, self._words = [], []
        for row, area in enumerate(areas):
            name = AreaName(upper_first(area.label))
            name.setFont(scaled_font(self.font(), 32))
            # a long area ("Fléchisseurs de hanche, côté gauche") takes two lines rather than
            # pushing the page past an 800 px window; one that fits keeps to one
            field = ScoreField(area)
            name.setBuddy(field)
            words = QLabel(score_words(None))
            words.setFont(scaled_font(self.font(), 24))
            # As wide as the longest words a score can have in this language, so the rows
            # never move as scores are typed, and no wider: German's long area names need
            # the room on an 800 px screen. Longer words than 260 px wrap.
            words.setWordWrap(True)
            words.setFixedWidth(min(260, _widest_score_words(words) + 8))
            field.textChanged.connect(lambda _t, f=field, w=words: w.setText(score_words(f.score)))
            field.textChanged.connect(self._update_map)
            field.installEventFilter(self)
            self._grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignRight)
            self._grid.addWidget(field, row, 1)
            self._grid.addWidget(words, row, 2)
            self.fields.append(field)
            self._words.append(words)
        # The note is the last row, named like the areas, so what is typed in it is not
        # taken for a score.
        self._grid.addWidget(self.note_label, len(areas), 0, Qt.AlignmentFlag.AlignRight)
        self._grid.addWidget(self.note, len(areas), 1, 1, 2)
        self.note.clear()
        self.keys.setText(_(SCORE_KEYS))
        self.dont_ask.setChecked(False)
        self.map_button.setChecked(False)
        self.map_button.setVisible(any(places_of(f.area) for f in self.fields))
        self._update_map()
        if self.fields:
            self.fields[0].setFocus()

    # -- the body map ------------------------------------------------------------------
    def show_map(self, on: bool) -> None:
        """Rate on the body map (*on*) or with the digits; the scores are the same."""
        self.map_button.setChecked(on)
        self._grid_box.setVisible(not on)
        self.map.setVisible(on)
        if on:
            self.keys.setText(_(MAP_KEYS))
            self.map.setFocus()
            if self.map.selected is None:
                first = next((p for f in self.fields for p in places_of(f.area)), None)
                self.map.select(first)
        else:
            self.keys.setText(_(SCORE_KEYS))
            if self.fields:
                self.fields[0].setFocus()

    def _on_map_score(self, place: Place, score: int | None) -> None:
        """A score typed on the map goes to every area felt at that place."""
        for field in self.fields:
            if place.covers(field.area):
                field.setText("" if score is None else str(score))
        self._update_map()

    def _update_map(self) -> None:
        self.map.set_scores(place_scores(self.scores()))

    def scores(self) -> dict[Area, int]:
        """The areas given a score so far."""
        return {f.area: s for f in self.fields if (s := f.score) is not None}

    def accept(self) -> None:
        self.accepted.emit(self.scores(), self.note.text().strip())

    # -- keys ------------------------------------------------------------------------
    def _chain(self) -> list[QWidget]:
        return [*self.fields, self.note]

    def _move(self, current: QObject, step: int) -> None:
        chain = self._chain()
        if current in chain:
            index = chain.index(current)
            target = chain[max(0, min(len(chain) - 1, index + step))]
            target.setFocus()
            self._show_keys(target)

    def _show_keys(self, focused: QObject) -> None:
        if focused is self.map:
            self.keys.setText(_(MAP_KEYS))
        else:
            self.keys.setText(_(NOTE_KEYS if focused is self.note else SCORE_KEYS))
        QTimer.singleShot(0, self._keep_in_sight)

    def _keep_in_sight(self) -> None:
        """On a window too short for the whole prompt (800 x 600, German) its page scrolls:
        scroll it so the line of keys is seen whole, and the field being typed in."""
        scroll = self.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        if scroll is None or not self.isVisible():
            return
        scroll.ensureWidgetVisible(self.keys, 0, 8)
        focused = self.focusWidget()
        if focused is not None and focused in (*self._chain(), self.map):
            scroll.ensureWidgetVisible(focused, 0, 8)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._keep_in_sight)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.keys:  # laid out anew (its words changed, the window's size)
            if event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
                QTimer.singleShot(0, self._keep_in_sight)
            return False
        # The window's own keys (Enter releases, Esc stops) wait while the prompt asks.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Key.Key_Return, Key.Key_Enter, Key.Key_Escape)
        ):
            event.accept()
            return True
        if event.type() == QEvent.Type.FocusIn:  # a click, or the window coming back
            self._show_keys(watched)
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in (Key.Key_Return, Key.Key_Enter):
            self.accept()
            return True
        if key == Key.Key_Escape:
            self.skipped.emit()
            return True
        if watched is self.map:  # the map's own keys: arrows choose, digits score
            return False
        if key in (Key.Key_Tab, Key.Key_Down):
            self._move(watched, 1)
            return True
        if key in (Key.Key_Backtab, Key.Key_Up):
            self._move(watched, -1)
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Key.Key_Return, Key.Key_Enter):
            self.accept()
        elif event.key() == Key.Key_Escape:
            self.skipped.emit()
        else:
            super().keyPressEvent(event)
