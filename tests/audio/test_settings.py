"""Audio settings: clamped volumes, validated styles, and the style actually used."""

import pytest

from psoas_timer.audio.settings import AudioSettings


def test_volumes_are_clamped_and_multiply_with_master() -> None:
    s = AudioSettings(master=0.5, voice=2.0, tones=-1.0, breathing=0.4)
    assert (s.voice, s.tones) == (1.0, 0.0)
    assert s.volume("voice") == pytest.approx(0.5)
    assert s.volume("tone") == 0.0
    assert s.volume("breathing") == pytest.approx(0.2)
    assert s.with_(muted=True).volume("voice") == 0.0


def test_soft_is_the_default_tone_style_and_unknown_styles_are_refused() -> None:
    assert AudioSettings().tone_style == "soft"
    with pytest.raises(ValueError, match="tone_style"):
        AudioSettings(tone_style="loud")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="style_override"):
        AudioSettings(style_override="shout")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("settings", "routine", "expected"),
    [
        (AudioSettings(), "both", "both"),
        (AudioSettings(), "voice", "voice"),
        (AudioSettings(style_override="tone"), "both", "tone"),
        (AudioSettings(style_override="both"), "none", "both"),
        (AudioSettings(muted=True), "both", "none"),
        (AudioSettings(voice_on=False), "both", "tone"),
        (AudioSettings(voice_on=False), "voice", "tone"),
        (AudioSettings(), "nonsense", "both"),
    ],
)
def test_effective_style(settings: AudioSettings, routine: str, expected: str) -> None:
    assert settings.effective_style(routine) == expected
