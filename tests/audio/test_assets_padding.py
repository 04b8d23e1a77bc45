"""The padded copies the player plays from, and the silence that holds the output open."""

from __future__ import annotations

from pathlib import Path

from psoas_timer.audio.assets import write_padded, write_silence

from .helpers import ASSETS, read_wav


def test_a_padded_copy_is_the_clip_then_silence(tmp_path: Path) -> None:
    source = ASSETS / "sounds" / "soft" / "end.wav"
    target = tmp_path / "end.wav"
    assert write_padded(source, target, 0.5) == (16_000, 1, 2)
    clip, rate = read_wav(source)
    copy, copy_rate = read_wav(target)
    assert copy_rate == rate
    assert copy[: len(clip)] == clip
    assert len(copy) == len(clip) + rate // 2
    assert not any(copy[len(clip) :])


def test_silence_has_the_format_asked_for(tmp_path: Path) -> None:
    target = tmp_path / "silence.wav"
    write_silence(target, 16_000, 1, 2, seconds=1.0)
    data, rate = read_wav(target)
    assert rate == 16_000 and len(data) == 16_000 and not any(data)
