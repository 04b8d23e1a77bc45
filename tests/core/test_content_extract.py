"""The bundled content's words are extracted into ``psoas_timer/locale/content.pot`` for the
translators (issue #26), each with where it is written. No Qt."""

from __future__ import annotations

from pathlib import Path

from psoas_timer.i18n.content_extract import LABEL_KEYS, extract, render_pot

ROOT = Path(__file__).resolve().parent.parent.parent
ROUTINES = ROOT / "routines"


def test_the_template_has_every_bundled_text_with_where_it_is_written() -> None:
    messages = {m.text: m for m in extract(ROUTINES, relative_to=ROOT)}
    assert "routines/daily-psoas.yaml:3" in messages["Daily psoas routine"].references
    # an exercise's name, instruction, safety note and spoken lines, from the library
    assert any(r.startswith("routines/library/") for r in messages["Ball rolls"].references)
    assert "Lie face down." in messages
    assert "Stop on sharp pain or numbness." in messages
    assert "Ninety. Ease off slowly" in messages
    assert "Heat or ice today?" in messages  # an either/or step's question
    assert "Psoas release, four weeks" in messages  # a programme
    # not words: ids, pictures, a programme's days
    assert not {"psoas-ball-release", "psoas-release-stretch"} & set(messages)
    # words shown from lists (a routine's tags, an exercise's muscles and equipment) are
    # extracted too, each with what it is for the translator
    assert "routines/desk-break.yaml:8" in messages["standing"].references
    assert LABEL_KEYS["tags"] in messages["ball"].comments
    assert LABEL_KEYS["equipment"] in messages["ball"].comments
    assert LABEL_KEYS["muscles"] in messages["psoas"].comments
    assert "foam roller" in messages and "hamstrings" in messages


def test_the_committed_template_is_up_to_date() -> None:
    """Every text to translate is in the committed template (a line that moved is not
    checked: a routine edited elsewhere need not regenerate it; tools/i18n.py extract does)."""

    def texts(pot: str) -> list[str]:
        return [line for line in pot.splitlines() if not line.startswith("#:")]

    committed = (ROOT / "psoas_timer" / "locale" / "content.pot").read_text(encoding="utf-8")
    assert texts(committed) == texts(render_pot(extract(ROUTINES, relative_to=ROOT)))


def test_a_translation_too_long_for_its_field_is_not_used() -> None:
    from psoas_timer.i18n.content_extract import translate_content

    data = {"name": "Plank", "steps": [{"name": "Hold", "instructions": ["Breathe."]}]}
    longer = {"Plank": "P" * 81, "Hold": "Halten", "Breathe.": "A" * 200}
    translate_content(data, lambda text: longer.get(text, text))
    assert data == {"name": "Plank", "steps": [{"name": "Halten", "instructions": ["A" * 200]}]}
