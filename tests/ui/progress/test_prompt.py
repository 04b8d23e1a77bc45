"""The rating prompt, by keyboard: digits, 10, Tab and ↓ on, ↑ back, Enter saves, Esc skips;
every field labelled, the note too, so digits typed there are plainly a note; switched off
per routine and for all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.history import Area
from psoas_timer.ui.progress.rating_prompt import NOTE_KEYS, SCORE_KEYS, RatingPrompt, ScoreField
from psoas_timer.ui.shell.main_window import MainWindow, Page
from psoas_timer.ui.shell.settings import Preferences
from tests.ui.progress.conftest import rate

Key = Qt.Key
AREAS = [Area("psoas", "left"), Area("psoas", "right"), Area("low back")]


def _prompt(qtbot: QtBot) -> RatingPrompt:
    prompt = RatingPrompt()
    qtbot.addWidget(prompt)
    prompt.ask("Evening release", "before", AREAS)
    prompt.show()
    qtbot.waitExposed(prompt)
    prompt.activateWindow()
    prompt.fields[0].setFocus()
    return prompt


def test_digits_type_scores_and_down_tab_and_up_move(qtbot: QtBot) -> None:
    prompt = _prompt(qtbot)
    first, second, third = prompt.fields
    qtbot.keyClicks(first, "7")
    qtbot.keyClick(first, Key.Key_Down)
    assert prompt.focusWidget() is second
    qtbot.keyClicks(second, "10")  # 1 then 0 is ten
    qtbot.keyClick(second, Key.Key_Tab)
    assert prompt.focusWidget() is third
    qtbot.keyClicks(third, "x4")  # a letter is no score
    qtbot.keyClick(third, Key.Key_Up)
    assert prompt.focusWidget() is second
    qtbot.keyClicks(second, "3")  # another digit replaces the score
    qtbot.keyClick(second, Key.Key_Down)
    qtbot.keyClick(third, Key.Key_Down)
    assert prompt.focusWidget() is prompt.note
    assert prompt.scores() == {AREAS[0]: 7, AREAS[1]: 3, AREAS[2]: 4}


def test_enter_saves_the_scores_and_the_note(qtbot: QtBot) -> None:
    prompt = _prompt(qtbot)
    qtbot.keyClicks(prompt.fields[0], "5")
    qtbot.keyClick(prompt.fields[0], Key.Key_Down)
    qtbot.keyClick(prompt.fields[1], Key.Key_Down)
    qtbot.keyClick(prompt.fields[2], Key.Key_Down)
    qtbot.keyClicks(prompt.note, "stiff after the drive")
    with qtbot.waitSignal(prompt.accepted) as got:
        qtbot.keyClick(prompt.note, Key.Key_Return)
    assert got.args == [{AREAS[0]: 5}, "stiff after the drive"]


def test_escape_skips(qtbot: QtBot) -> None:
    prompt = _prompt(qtbot)
    qtbot.keyClicks(prompt.fields[0], "5")
    with qtbot.waitSignal(prompt.skipped), qtbot.assertNotEmitted(prompt.accepted):
        qtbot.keyClick(prompt.fields[0], Key.Key_Escape)


def test_it_reads_from_two_metres(qtbot: QtBot) -> None:
    prompt = _prompt(qtbot)
    assert QFont(prompt.title.font()).pixelSize() >= 40
    assert QFont(prompt.fields[0].font()).pixelSize() >= 36


def test_in_the_window_esc_skips_the_rating_and_the_session_starts(
    hwindow: MainWindow, qtbot: QtBot
) -> None:
    assert hwindow.open_routine("evening")
    hwindow.steps.start()
    assert hwindow.page is Page.RATING
    focused = hwindow.focusWidget()
    assert focused is hwindow.rating.fields[0]
    qtbot.keyClick(focused, Key.Key_Escape)  # skips the rating; it does not stop anything
    assert hwindow.page is Page.PLAYER
    assert hwindow.controller.active
    hwindow.history.detail()
    detail = hwindow.history.detail()
    assert detail is not None
    assert detail.ratings == ()


def test_back_from_the_prompt_starts_nothing(hwindow: MainWindow) -> None:
    assert hwindow.open_routine("evening")
    hwindow.steps.start()
    hwindow.rating.fields[0].setText("4")
    hwindow.commands.back.trigger()
    assert hwindow.page is Page.LIBRARY
    assert not hwindow.controller.active
    assert hwindow.history.store is not None
    assert hwindow.history.store.count() == 0


def test_dont_ask_for_this_routine_is_kept_and_shown_on_its_page(
    hwindow: MainWindow, qtbot: QtBot, preferences: Preferences
) -> None:
    assert hwindow.open_routine("evening")
    assert hwindow.routine.ask_ratings.isVisibleTo(hwindow.routine)
    assert hwindow.routine.ask_ratings.isChecked()
    hwindow.steps.start()
    hwindow.rating.dont_ask.setChecked(True)
    qtbot.keyClick(hwindow.rating.fields[0], Key.Key_Escape)
    assert not preferences.ratings_for("Evening release")
    assert not hwindow.routine.ask_ratings.isChecked()
    hwindow.controller.stop()
    assert hwindow.page is Page.COMPLETION  # no rating after either
    hwindow.open_routine("evening")
    hwindow.routine.ask_ratings.setChecked(True)  # switched back on from its page
    assert preferences.ratings_for("Evening release")
    hwindow.steps.start()
    assert hwindow.page is Page.RATING


def test_switched_off_for_all(hwindow: MainWindow, preferences: Preferences) -> None:
    hwindow.commands.ask_ratings.trigger()
    assert not preferences.ask_ratings
    assert hwindow.open_routine("evening")
    hwindow.steps.start()
    assert hwindow.page is Page.PLAYER


def test_a_routine_without_areas_is_not_rated(hwindow: MainWindow) -> None:
    assert hwindow.open_routine("simple")  # a stretch routine that names no muscles
    assert not hwindow.routine.ask_ratings.isVisibleTo(hwindow.routine)
    hwindow.steps.start()
    assert hwindow.page is Page.PLAYER


def test_asking_again_shows_only_the_new_areas(qtbot: QtBot) -> None:
    prompt = _prompt(qtbot)
    prompt.ask("Desk break", "after", [Area("adductors", "left")])
    # The last routine's rows are gone at once (not drawn under the new ones until later).
    assert [f.area for f in prompt.findChildren(ScoreField)] == [Area("adductors", "left")]
    assert prompt.scores() == {}


def test_routines_read_again_do_not_take_the_prompt_away(hwindow: MainWindow) -> None:
    assert hwindow.open_routine("evening")
    hwindow.steps.start()
    hwindow.rating.fields[0].setText("6")
    hwindow.reload()  # as when a routine file changes on disk
    assert hwindow.page is Page.RATING
    hwindow.rating.accept()
    assert hwindow.page is Page.PLAYER
    detail = hwindow.history.detail()
    assert detail is not None
    assert detail.ratings_at("before") == {Area("psoas", "left"): 6}


TWO = [Area("psoas", "left"), Area("psoas", "right")]


def _two(qtbot: QtBot) -> RatingPrompt:
    prompt = RatingPrompt()
    qtbot.addWidget(prompt)
    prompt.ask("Deep psoas release", "before", TWO)
    prompt.show()
    qtbot.waitExposed(prompt)
    prompt.activateWindow()
    prompt.fields[0].setFocus()
    return prompt


def test_every_field_has_a_label_shown_beside_it_and_a_name_for_screen_readers(
    qtbot: QtBot,
) -> None:
    prompt = _two(qtbot)
    labels = {label.buddy(): label for label in prompt.findChildren(QLabel) if label.buddy()}
    for field in [*prompt.fields, prompt.note]:
        label = labels[field]
        assert label.isVisible() and label.text()
        assert field.accessibleName()
        # beside it, on its row, as the areas' names are
        assert label.geometry().right() < field.geometry().left()
        assert abs(label.geometry().center().y() - field.geometry().center().y()) < 10
    assert labels[prompt.note].text() == "Note"
    assert prompt.note.accessibleName() == "Note (optional)"
    assert "not a score" in prompt.note.accessibleDescription()
    assert prompt.note.geometry().top() > prompt.fields[-1].geometry().bottom()


def test_a_digit_typed_after_the_last_area_is_a_note_and_says_so(qtbot: QtBot) -> None:
    prompt = _two(qtbot)
    assert prompt.keys.text() == SCORE_KEYS
    for key in (Key.Key_3, Key.Key_Tab, Key.Key_5, Key.Key_Tab, Key.Key_2):
        qtbot.keyClick(prompt.focusWidget(), key)
    assert prompt.focusWidget() is prompt.note
    assert prompt.note.text() == "2"
    assert prompt.keys.text() == NOTE_KEYS
    assert "note" in NOTE_KEYS and "digits too" in NOTE_KEYS
    qtbot.keyClick(prompt.note, Key.Key_Up)  # back to the scores, and the keys for them
    assert prompt.focusWidget() is prompt.fields[1]
    assert prompt.keys.text() == SCORE_KEYS
    qtbot.keyClick(prompt.fields[1], Key.Key_Down)
    assert prompt.keys.text() == NOTE_KEYS
    with qtbot.waitSignal(prompt.accepted) as got:
        qtbot.keyClick(prompt.note, Key.Key_Return)
    assert got.args == [{TWO[0]: 3, TWO[1]: 5}, "2"]


def test_escape_in_the_note_skips(qtbot: QtBot) -> None:
    prompt = _two(qtbot)
    qtbot.keyClick(prompt.fields[0], Key.Key_Down)
    qtbot.keyClick(prompt.fields[1], Key.Key_Down)
    qtbot.keyClicks(prompt.note, "tight")
    with qtbot.waitSignal(prompt.skipped), qtbot.assertNotEmitted(prompt.accepted):
        qtbot.keyClick(prompt.note, Key.Key_Escape)


def test_asking_again_keeps_the_note_as_the_last_row(qtbot: QtBot) -> None:
    prompt = _two(qtbot)
    prompt.note.setFocus()
    prompt.ask("Desk break", "after", AREAS)
    assert prompt.keys.text() == SCORE_KEYS
    assert prompt.note.text() == ""
    assert prompt.note_label.isVisible() and prompt.note.isVisible()
    qtbot.waitUntil(lambda: prompt.note.geometry().top() > prompt.fields[-1].geometry().bottom())
    qtbot.keyClick(prompt.fields[0], Key.Key_Down)
    qtbot.keyClick(prompt.fields[1], Key.Key_Down)
    qtbot.keyClick(prompt.fields[2], Key.Key_Down)
    assert prompt.focusWidget() is prompt.note


def test_in_the_window_a_note_of_digits_is_kept_as_the_note(
    hwindow: MainWindow, qtbot: QtBot
) -> None:
    assert hwindow.open_routine("evening")
    hwindow.steps.start()
    areas = [field.area for field in hwindow.rating.fields]
    scores = [str(n + 3) for n in range(len(areas))]
    rate(qtbot, hwindow, scores, note="2")
    assert hwindow.page is Page.PLAYER
    detail = hwindow.history.detail()
    assert detail is not None
    assert detail.ratings_at("before") == {a: int(s) for a, s in zip(areas, scores, strict=True)}
    assert detail.summary.note == "2"


def test_the_body_map_gives_the_same_scores_as_the_digits(qtbot: QtBot) -> None:
    from psoas_timer.history.body_map import PLACES
    from psoas_timer.ui.progress.rating_prompt import MAP_KEYS

    prompt = RatingPrompt()
    qtbot.addWidget(prompt)
    prompt.resize(1000, 760)
    prompt.show()
    left, right, back = Area("psoas", "left"), Area("psoas", "right"), Area("lower back")
    prompt.ask("Evening release", "before", [left, right, back])
    prompt.fields[2].setText("4")  # typed as digits first
    qtbot.waitUntil(prompt.fields[0].isVisible)
    assert prompt.map_button.isVisible()
    assert prompt.map_button.shortcut().toString() == "Alt+B"  # &Body map
    prompt.map_button.click()
    assert prompt.map.isVisible() and not prompt.fields[0].isVisible()
    assert prompt.keys.text() == MAP_KEYS
    assert prompt.map.scores["low-back-left"] == 4  # the digits show on the map
    crease = next(p for p in PLACES if p.key == "hip-crease-left")
    prompt.map.select(crease)
    qtbot.keyClicks(prompt.map, "7")
    assert prompt.fields[0].text() == "7"  # the left psoas is felt at the left hip crease
    assert prompt.fields[1].text() == ""
    with qtbot.waitSignal(prompt.accepted) as saved:
        qtbot.keyClick(prompt.map, Qt.Key.Key_Return)
    assert saved.args[0] == {left: 7, back: 4}
    prompt.show_map(False)
    qtbot.waitUntil(prompt.fields[0].isVisible)
    assert not prompt.map.isVisible()


def test_pain_that_rose_gets_advice_not_praise(
    hwindow: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    """After scores 2 or more above those before: the page says the pain rose, in which
    area, with the advice (stop on sharp pain, see a clinician if it stays), and no "well
    done"."""
    from psoas_timer.ui.player.completion_view import PAIN_ADVICE
    from tests.ui.progress.conftest import run_through

    assert hwindow.open_routine("evening")
    hwindow.steps.start()
    count = len(hwindow.rating.fields)
    rate(qtbot, hwindow, ["3"] * count)
    run_through(hwindow, clock)
    assert hwindow.page is Page.RATING
    rate(qtbot, hwindow, ["6"] + ["3"] * (count - 1))
    assert hwindow.page is Page.COMPLETION
    completion = hwindow.completion
    heading = completion.heading.text()
    assert "well done" not in heading.lower()
    assert heading.endswith("your pain rose")
    lines = completion.section("pain_rose")
    assert lines[0].endswith(": 3 before, 6 after")
    assert PAIN_ADVICE[-1] in lines


def test_a_small_change_keeps_the_page_as_it_was(
    hwindow: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    from tests.ui.progress.conftest import run_through

    assert hwindow.open_routine("evening")
    hwindow.steps.start()
    count = len(hwindow.rating.fields)
    rate(qtbot, hwindow, ["3"] * count)
    run_through(hwindow, clock)
    rate(qtbot, hwindow, ["4"] * count)
    assert hwindow.completion.section("pain_rose") == []
    assert "pain rose" not in hwindow.completion.heading.text()


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "pt_BR"])
def test_the_prompt_fits_an_800_px_window_in_every_language(qtbot: QtBot, language: str) -> None:
    """At 800 × 600 the rating page scrolled sideways: its buttons and the check box were one
    row 1,030 px wide. Nothing the prompt needs may be wider than the window's page."""
    from psoas_timer import i18n

    i18n.set_language(language)
    prompt = RatingPrompt()
    qtbot.addWidget(prompt)
    prompt.ask("Evening release", "before", [*AREAS, Area("hip flexors", "right")])
    assert prompt.minimumSizeHint().width() <= 780


def test_an_area_name_that_fits_keeps_to_one_line(qtbot: QtBot) -> None:
    """At 800 px, French "Iliaque, côté gauche" broke onto two lines with room to spare
    beside it (a word-wrapped label asks for a narrower width than its line); it is on one
    line now, and a name too long for the page still breaks (German's thigh muscle)."""
    from psoas_timer import i18n

    i18n.set_language("fr")
    prompt = RatingPrompt()
    qtbot.addWidget(prompt)
    prompt.ask("Séance", "before", [Area("psoas", "left"), Area("iliacus", "left")])
    prompt.resize(780, 560)
    prompt.show()
    qtbot.waitExposed(prompt)
    names = [n for n in prompt.findChildren(QLabel) if n.buddy() in prompt.fields]
    assert [n.text() for n in names] == ["Psoas, côté gauche", "Iliaque, côté gauche"]
    for name in names:
        line = name.fontMetrics().horizontalAdvance(name.text())
        assert name.contentsRect().width() >= line, name.text()
        assert name.height() < 1.5 * name.fontMetrics().lineSpacing(), name.text()
    i18n.set_language("de")
    prompt.ask("Pause", "before", [Area("rectus femoris", "left")])
    QApplication.processEvents()
    (long_name,) = [n for n in prompt.findChildren(QLabel) if n.buddy() in prompt.fields]
    assert long_name.height() > 1.5 * long_name.fontMetrics().lineSpacing()
    assert prompt.minimumSizeHint().width() <= 780
