"""The whole session on one WAV: length, and every cue's onset at its planned time."""

import time
from pathlib import Path

import pytest

from psoas_timer.audio.cues import TONES
from psoas_timer.audio.export import RATE, TAIL, export_session
from psoas_timer.audio.settings import AudioSettings
from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.plan import Plan

from .helpers import ASSETS, BREATHING, HOLDS, onsets, plan_of, read_wav

TOLERANCE = 0.010
TONES_ONLY = AudioSettings(style_override="tone", breathing_on=False)


def toned_times(plan: Plan) -> list[float]:
    """Planned moments (from the public ``plan --json`` shape) at which a tone sounds."""
    times = sorted({c["at"] for c in plan.to_json()["cues"] if TONES[c["kind"]][0] is not None})
    merged: list[float] = []
    for t in times:
        if not merged or t - merged[-1] > 0.001:
            merged.append(t)
    return merged


def export(plan: Plan, tmp_path: Path, settings: AudioSettings | None = None) -> list[float]:
    out = tmp_path / "session.wav"
    export_session(plan, out, ASSETS, settings)
    samples, rate = read_wav(out)
    assert rate == RATE
    assert len(samples) / rate == pytest.approx(
        plan.to_json()["total_seconds"] + TAIL, abs=1 / RATE
    )
    return onsets(samples, rate)


def assert_matches(found: list[float], planned: list[float]) -> None:
    """Every planned moment has an onset within 10 ms, and no onset is unplanned."""
    assert len(found) == len(planned), (found, planned)
    for f, p in zip(found, planned, strict=True):
        assert abs(f - p) <= TOLERANCE, f"onset at {f:.4f} s, planned {p:.3f} s"


def test_tone_onsets_sit_at_the_planned_times(tmp_path: Path) -> None:
    plan = plan_of(HOLDS)
    assert_matches(export(plan, tmp_path, TONES_ONLY), toned_times(plan))


def test_open_holds_are_rendered_at_their_target(tmp_path: Path) -> None:
    plan = plan_of(BREATHING)
    found = export(plan, tmp_path, TONES_ONLY)
    planned = toned_times(plan)
    hold = next(s for s in plan.segments if s.kind == "open")
    assert hold.start + 40 in planned  # check-in and release at the target
    assert_matches(found, planned)


def test_full_mix_starts_each_sound_on_time(tmp_path: Path) -> None:
    """Voice and breathing included: sound never starts where nothing was planned."""
    plan = plan_of(BREATHING)
    found = export(plan, tmp_path)
    assert found and found[0] == pytest.approx(0.0, abs=TOLERANCE)
    from psoas_timer.audio.assets import Assets
    from psoas_timer.audio.export import schedule_session

    starts = sorted(
        {round(s.at, 4) for s in schedule_session(plan, Assets(ASSETS), AudioSettings())}
    )
    for f in found:
        assert min(abs(f - s) for s in starts) <= TOLERANCE, f"unplanned sound at {f:.3f} s"
    # and the breathing sounds are really in there, quietly
    samples, rate = read_wav(tmp_path / "session.wav")
    hold = next(s for s in plan.segments if s.kind == "open")
    window = samples[int((hold.start + 21.5) * rate) : int((hold.start + 22.5) * rate)]
    assert 300 < max(abs(v) for v in window) < 12000  # mid-inhale: audible, not loud


def test_every_bundled_routine_exports_on_time_and_fast(tmp_path: Path, routines_dir: Path) -> None:
    catalog = load_catalog(routines_dir)
    plans = [entry.plan for entry in catalog.entries if entry.ok]
    assert plans, "no bundled routines"
    longest = max(plans, key=lambda p: p.total)
    started = time.perf_counter()
    export_session(longest, tmp_path / "long.wav", ASSETS)
    assert time.perf_counter() - started < 5.0  # 15 minutes and more in a few seconds
    for plan in plans:
        assert_matches(export(plan, tmp_path, TONES_ONLY), toned_times(plan))
