"""What the editor shows for a key left out comes from the model's own defaults."""

from psoas_timer.core.routine_edit import defaults_of


def test_a_left_out_key_has_the_models_default_lists_included() -> None:
    step = defaults_of("step")
    assert step["kind"] == "exercise"
    assert step["sets"] == 1
    assert step["sides"] == "none"
    for key in ("instructions", "safety", "muscles", "equipment", "milestones", "prompts"):
        assert step[key] == [], key
    step["milestones"].append(30)  # a copy each time: one step's edit never shows in another
    assert defaults_of("step")["milestones"] == []
