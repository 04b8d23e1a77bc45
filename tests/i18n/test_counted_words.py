"""Each number chooses the plural of its own words (no Qt): "the latest 1 of 5 sessions"
takes its form from the 1 listed, "1 of 3 steps done, 2 skipped" from each count, and "(1
already there)" from the sessions the history had."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from psoas_timer.cli.history_command import imported_words, sessions_shown
from psoas_timer.history.format import step_count_words
from psoas_timer.i18n import set_language

#: language -> what is shown for (shown, total) listed under 'psoas-timer history'
LATEST = {
    "en": {
        (1, 5): "the latest 1 of 5 sessions (--all for every one)",
        (3, 5): "the latest 3 of 5 sessions (--all for every one)",
        (5, 5): "5 sessions",
    },
    "de": {
        (1, 5): "die letzte von 5 Einheiten (--all für alle)",
        (3, 5): "die letzten 3 von 5 Einheiten (--all für alle)",
        (5, 5): "5 Einheiten",
    },
    "fr": {
        (1, 5): "la plus récente des 5 séances (--all pour toutes)",
        (3, 5): "les 3 plus récentes des 5 séances (--all pour toutes)",
        (5, 5): "5 séances",
    },
    "es": {
        (1, 5): "la última de 5 sesiones (--all para verlas todas)",
        (3, 5): "las últimas 3 de 5 sesiones (--all para verlas todas)",
        (5, 5): "5 sesiones",
    },
    "pt_BR": {
        (1, 5): "a última de 5 sessões (--all para todas)",
        (3, 5): "as últimas 3 de 5 sessões (--all para todas)",
        (5, 5): "5 sessões",
    },
}

#: language -> what is shown for (done, planned, partly, skipped)
STEPS = {
    "en": {
        (1, 3, 1, 1): "1 of 3 steps done, 1 partly done, 1 skipped",
        (2, 8, 0, 1): "2 of 8 steps done, 1 skipped",
        (0, 1, 0, 0): "0 of 1 step done",
        (1, 5, 3, 0): "1 of 5 steps done, 3 partly done",
    },
    "de": {
        (1, 3, 1, 1): "1 von 3 Schritten erledigt, 1 teilweise, 1 übersprungen",
        (2, 8, 0, 1): "2 von 8 Schritten erledigt, 1 übersprungen",
        (0, 1, 0, 0): "0 von 1 Schritt erledigt",
        (1, 5, 3, 0): "1 von 5 Schritten erledigt, 3 teilweise",
    },
    "fr": {
        (1, 3, 1, 1): "1 faite sur 3 étapes, 1 en partie, 1 sautée",
        (2, 8, 0, 1): "2 faites sur 8 étapes, 1 sautée",
        (0, 1, 0, 0): "0 faite sur 1 étape",
        (1, 5, 3, 0): "1 faite sur 5 étapes, 3 en partie",
    },
    "es": {
        (1, 3, 1, 1): "1 de 3 pasos hecho, 1 a medias, 1 saltado",
        (2, 8, 0, 1): "2 de 8 pasos hechos, 1 saltado",
        (0, 1, 0, 0): "0 de 1 paso hechos",
        (1, 5, 3, 0): "1 de 5 pasos hecho, 3 a medias",
    },
    "pt_BR": {
        (1, 3, 1, 1): "feitas: 1 de 3 etapas (em parte: 1; puladas: 1)",
        (2, 8, 0, 1): "feitas: 2 de 8 etapas (puladas: 1)",
        (0, 1, 0, 0): "feitas: 0 de 1 etapa",
        (1, 5, 3, 0): "feitas: 1 de 5 etapas (em parte: 3)",
    },
}

#: language -> (added, already there) after importing from 'old.json'
IMPORTED = {
    "en": {
        (0, 1): "imported 0 sessions from old.json (1 already there)",
        (2, 3): "imported 2 sessions from old.json (3 already there)",
    },
    "de": {
        (0, 1): "0 Einheiten aus old.json importiert (1 bereits vorhanden)",
        (2, 3): "2 Einheiten aus old.json importiert (3 bereits vorhanden)",
    },
    "fr": {
        (0, 1): "0 séance importée depuis old.json (1 déjà présente)",
        (2, 3): "2 séances importées depuis old.json (3 déjà présentes)",
    },
    "es": {
        (0, 1): "se importaron 0 sesiones de old.json (1 ya estaba)",
        (2, 3): "se importaron 2 sesiones de old.json (3 ya estaban)",
    },
    "pt_BR": {
        (0, 1): "0 sessão importada de old.json (1 já existia)",
        (2, 3): "2 sessões importadas de old.json (3 já existiam)",
    },
}


@pytest.fixture(params=sorted(LATEST))
def code(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    yield request.param
    set_language(None)


def test_the_latest_of_the_sessions_takes_its_form_from_the_number_listed(code: str) -> None:
    assert {k: sessions_shown(*k) for k in LATEST[code]} == LATEST[code]


def test_each_count_of_steps_takes_its_own_form(code: str) -> None:
    assert {k: step_count_words(*k) for k in STEPS[code]} == STEPS[code]


def test_sessions_already_there_take_their_own_form(code: str) -> None:
    found = {k: imported_words(k[0], "old.json", k[1]) for k in IMPORTED[code]}
    assert found == IMPORTED[code]


@pytest.mark.parametrize(
    ("lang", "shown", "said"),
    [("fr", "0\xa0minute", "Zéro\xa0seconde"), ("pt_BR", "0 minuto", "Zero segundo")],
)
def test_a_singular_that_covers_zero_keeps_the_number_shown_and_said(
    lang: str, shown: str, said: str
) -> None:
    """French and Portuguese take the singular for 0: the form shared by the shown count
    (digits) and the said one (words) keeps {count}, never 'une minute' for 0."""
    from psoas_timer.core.spoken import seconds_words
    from psoas_timer.ui.common.text import plural

    set_language(lang)
    try:
        assert (plural(0, "minute"), seconds_words(0)) == (shown, said)
        assert plural(1, "minute") == shown.replace("0", "1")
    finally:
        set_language(None)
