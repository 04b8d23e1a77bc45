"""From a cue to the clips that play: styles, settings, voice clips and the voice queue."""

import itertools
from pathlib import Path

import pytest

from psoas_timer.audio.assets import Assets, voice_key
from psoas_timer.audio.cues import VOICE_AFTER_TONE, Sequencer, sounds_for
from psoas_timer.audio.settings import AudioSettings
from psoas_timer.core.plan import Cue

from .helpers import ASSETS, BREATHING, plan_of

ASSET = Assets(ASSETS)
DEFAULT = AudioSettings()


def names(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_every_fixed_phrase_of_the_issue_has_a_rendered_clip() -> None:
    fixed = [
        "Get ready", "Hold", "Release", "Switch sides", "Left side", "Right side", "Rest",
        "Inhale", "Exhale", "Hold your breath", "Halfway", "Ten seconds", "Thirty seconds",
        "Sixty seconds", "Ninety seconds", "A little more pressure", "Keep breathing", "Next:",
        "Up", "Down",
        "Well done",
    ]  # fmt: skip
    missing = [text for text in fixed if ASSET.voice(text) is None]
    assert missing == []
    assert voice_key("  Next:  ") == voice_key("next")


def test_both_plays_tone_and_voice() -> None:
    s = sounds_for(Cue("start", "Hold"), None, "both", DEFAULT, ASSET)
    assert s.tone is not None and s.tone.path == ASSETS / "sounds/soft/start.wav"
    assert [p.clip.path for p in s.voice if p.clip] == [ASSET.voice("Hold")]
    assert s.tone.volume == pytest.approx(DEFAULT.master * DEFAULT.tones)
    assert s.voice[0].clip is not None
    assert s.voice[0].clip.volume == pytest.approx(DEFAULT.master * DEFAULT.voice)


def test_countdown_is_a_pip_in_both_and_a_number_in_voice() -> None:
    cue = Cue("countdown", "3", 3.0, "end")
    both = sounds_for(cue, None, "both", DEFAULT, ASSET)
    assert both.tone is not None and both.tone.path.name == "countdown.wav"
    assert both.voice == ()
    voice = sounds_for(cue, None, "voice", DEFAULT, ASSET)
    assert voice.tone is None
    assert [p.clip.path for p in voice.voice if p.clip] == [ASSET.voice("3")]


def test_tone_style_has_no_voice_and_none_or_mute_is_silent() -> None:
    tone = sounds_for(Cue("end", "Release"), None, "tone", DEFAULT, ASSET)
    assert tone.tone is not None and tone.voice == ()
    assert sounds_for(Cue("end", "Release"), None, "none", DEFAULT, ASSET).silent
    muted = DEFAULT.with_(muted=True)
    assert sounds_for(Cue("end", "Release"), None, "both", muted, ASSET).silent
    override = DEFAULT.with_(style_override="voice")
    assert sounds_for(Cue("end", "Release"), None, "tone", override, ASSET).tone is None


def test_tone_style_setting_picks_the_folder() -> None:
    bell = DEFAULT.with_(tone_style="bell")
    s = sounds_for(Cue("halfway", "Halfway"), None, "both", bell, ASSET)
    assert s.tone is not None and s.tone.path == ASSETS / "sounds/bell/halfway.wav"


def test_next_is_said_as_next_then_the_step_name() -> None:
    s = sounds_for(Cue("next", "Next: Pigeon pose"), None, "both", DEFAULT, ASSET)
    assert [p.clip.path for p in s.voice if p.clip] == [
        ASSET.voice("Next"),
        ASSET.voice("Pigeon pose"),
    ]


def test_text_with_no_clip_is_left_to_speech_with_a_fallback_tone() -> None:
    s = sounds_for(Cue("next", "Next: My own stretch"), None, "both", DEFAULT, ASSET)
    assert s.voice[0].clip is not None and s.voice[0].clip.path == ASSET.voice("Next")
    assert s.voice[1].clip is None and s.voice[1].text == "My own stretch"
    assert s.fallback is not None and s.fallback.channel == "tone"
    known = sounds_for(Cue("step", "Pigeon pose"), None, "both", DEFAULT, ASSET)
    assert known.fallback is None


def test_breathing_sounds_follow_the_phase_length_and_the_switch() -> None:
    plan = plan_of(BREATHING)
    hold = next(s for s in plan.segments if s.kind == "open")
    inhale = next(c for c in hold.cues if c.kind == "inhale")
    exhale = next(c for c in hold.cues if c.kind == "exhale")
    s_in = sounds_for(inhale, hold, "both", DEFAULT, ASSET)
    s_out = sounds_for(exhale, hold, "both", DEFAULT, ASSET)
    assert s_in.breath is not None and s_in.breath.path.name == "inhale_4s.wav"  # calm: 4-6
    assert s_out.breath is not None and s_out.breath.path.name == "exhale_6s.wav"
    assert s_in.breath.volume == pytest.approx(DEFAULT.master * DEFAULT.breathing)
    assert s_in.voice  # the first breath is also said
    later = next(c for c in hold.cues if c.kind == "inhale" and c.offset > 0)
    assert sounds_for(later, hold, "both", DEFAULT, ASSET).voice == ()  # then sound only
    off = DEFAULT.with_(breathing_on=False)
    s_off = sounds_for(later, hold, "both", off, ASSET)
    assert s_off.breath is None and s_off.voice  # no sound: say every breath instead


def test_voice_lines_queue_one_after_another_after_the_tone() -> None:
    seq = Sequencer(ASSET, DEFAULT)
    batch = [(10.0, Cue("side", "Left side"), None), (10.0, Cue("start", "Hold"), None)]
    placed = seq.place(batch, "both")
    tones = [p for p in placed if p.clip and p.clip.channel == "tone"]
    voices = [p for p in placed if p.clip and p.clip.channel == "voice"]
    assert [t.at for t in tones] == [10.0]
    assert voices[0].at == pytest.approx(10.0 + VOICE_AFTER_TONE)
    assert voices[0].clip is not None
    assert voices[1].at >= voices[0].at + voices[0].clip.duration  # never over each other
    # however many lines fall at once, each is said in turn
    seq2 = Sequencer(ASSET, DEFAULT)
    long_batch = [(0.0, Cue("prompt", "Pigeon pose"), None) for _ in range(6)]
    said = [p for p in seq2.place(long_batch, "voice") if p.clip]
    assert len(said) == 6
    assert all(b.at >= a.at + a.clip.duration for a, b in itertools.pairwise(said) if a.clip)


def test_cues_at_one_instant_follow_the_plan_order_whatever_order_they_come_in() -> None:
    seq = Sequencer(ASSET, DEFAULT)
    batch = [
        (5.0, Cue("switch_sides", "Switch sides"), None),
        (5.0, Cue("milestone", "Ninety seconds", 90.0), None),
        (5.0, Cue("end", "Release", 0.0, "end"), None),
    ]
    said = [p.cue.text for p in seq.place(batch, "both") if p.clip and p.clip.channel == "voice"]
    assert said == ["Release", "Ninety seconds", "Switch sides"]


def test_a_count_is_left_out_only_when_its_moment_has_passed() -> None:
    seq = Sequencer(ASSET, DEFAULT)
    seq.place([(0.0, Cue("milestone", "Sixty. A little more weight if it allows"), None)], "voice")
    late = seq.place([(1.0, Cue("countdown", "3", 3.0, "end"), None)], "voice")
    assert late == []  # "three" over "two" would mislead; the screen shows the count
    on_time = seq.place([(9.0, Cue("countdown", "3", 3.0, "end"), None)], "voice")
    assert [p.at for p in on_time] == [9.0]


def test_every_rest_word_of_the_bundled_routines_has_a_clip_and_others_fall_back() -> None:
    from psoas_timer.core.catalog import load_catalog
    from psoas_timer.core.plan import compile_plan

    catalog = load_catalog(Path(__file__).resolve().parents[2] / "routines")
    said: set[str] = set()
    for entry in catalog.entries:
        assert entry.routine is not None
        plans = [entry.plan] + [
            compile_plan(entry.routine, {n: i})
            for n, choice in enumerate(entry.routine.choices())
            for i in range(len(choice.choose))
        ]
        said |= {c.text for p in plans for _, c, _ in p.cues() if c.kind == "rest"}
    assert "Move the ball to a new spot" in said  # the ball rolls' named rest
    assert [text for text in sorted(said) if ASSET.voice(text) is None] == []
    own = sounds_for(Cue("rest", "Roll to your side"), None, "voice", DEFAULT, ASSET)
    assert own.voice[0].clip is None and own.voice[0].text == "Roll to your side"
    assert own.fallback is not None  # said by speech if it can be, else a tone stands in
