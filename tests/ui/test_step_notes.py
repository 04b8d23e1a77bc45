"""A step's notes in too little room: the safety notes whole, the instructions cut at a line."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from psoas_timer.ui.player.step_notes import MIN_PIXELS, StepNotes, _text_height

LINES = [
    "Lie face down.",
    "Put the ball high, just inside the hip bone.",
    "Let your weight sink onto it.",
    "Go soft.",
    "Breathe slowly into your belly.",
    "Stay until the muscle lets go.",
    "Then move the ball to a new spot.",
]


def test_instructions_that_do_not_fit_lose_whole_lines_never_part_of_one(qtbot: QtBot) -> None:
    notes = StepNotes()
    qtbot.addWidget(notes)
    notes.instructions.setText("\n".join(LINES))
    notes.instructions.show()
    notes.safety.setText("⚠ Move the ball higher if you feel throbbing or tingling.")
    notes.safety.show()
    notes.resize(317, 94)
    notes.show()
    notes.refit()
    assert notes.pixels == MIN_PIXELS
    shown = notes.instructions.height()
    prefixes = [
        _text_height(notes.instructions, "\n".join(LINES[:n]), MIN_PIXELS, 315)
        for n in range(1, len(LINES))
    ]
    assert shown in prefixes  # cut exactly below a whole line
    assert shown == max(p for p in prefixes if p <= shown)
    safety = notes.safety.geometry()
    assert safety.bottom() <= notes.height()  # the safety notes whole
    assert notes.instructions.geometry().bottom() < safety.top()
