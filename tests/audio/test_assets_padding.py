"""The padded copies the player plays from."""

from __future__ import annotations

from pathlib import Path

from psoas_timer.audio.assets import write_padded

from .helpers import ASSETS, read_wav


def test_a_padded_copy_is_the_clip_then_silence(tmp_path: Path) -> None:
    source = ASSETS / "sounds" / "soft" / "end.wav"
    target = tmp_path / "end.wav"
    write_padded(source, target, 0.5)
    clip, rate = read_wav(source)
    copy, copy_rate = read_wav(target)
    assert copy_rate == rate
    assert copy[: len(clip)] == clip
    assert len(copy) == len(clip) + rate // 2
    assert not any(copy[len(clip) :])
