"""The whole session on one WAV: length, and every cue's onset at its planned time."""

import dataclasses
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from psoas_timer.audio.assets import Assets
from psoas_timer.audio.cues import TONES, sounds_for
from psoas_timer.audio.export import RATE, TAIL, ExportTooLongError, _Clips, export_session
from psoas_timer.audio.settings import AudioSettings
from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.plan import Cue, Plan

from .helpers import ASSETS, BREATHING, CROWDED, HOLDS, correlation, onsets, plan_of, read_wav

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


def voice_cues(plan: Plan, settings: AudioSettings) -> list[tuple[float, Cue, int]]:
    """Every cue of the plan that has words to say: (planned time, cue, number of parts)."""
    assets = Assets(ASSETS)
    found = []
    for at, cue, seg in plan.cues():
        parts = sounds_for(cue, seg, plan.cue_style, settings, assets).voice
        if parts:
            found.append((at, cue, len(parts)))
    return found


def assert_every_voice_cue_is_heard(
    plan: Plan, out: Path, settings: AudioSettings, may_skip: frozenset[str] = frozenset()
) -> int:
    """Export *plan* and check, in the file, that every voice line of the plan is there in
    full, in order, one at a time, none running into a later segment. Only kinds in
    *may_skip* may be left out (a count whose second went by while other lines were said)."""
    report = export_session(plan, out, ASSETS, settings)
    samples, rate = read_wav(out)
    assert len(samples) == report.frames
    heard = report.voice()
    # every voice line of the plan was placed, in full, in the plan's order
    wanted = voice_cues(plan, settings)
    placed_for = {id(cue): [p for p in heard if p.cue is cue] for _, cue, _ in wanted}
    missing = [(at, c) for at, c, n in wanted if len(placed_for[id(c)]) != n]
    lost = [(at, c.text) for at, c in missing if c.kind not in may_skip]
    assert lost == [], f"{plan.name}: voice cues never placed: {lost}"
    assert all(not placed_for[id(c)] for _, c in missing)  # a line is said whole or not
    skipped = {id(c) for _, c in missing}
    wanted = [w for w in wanted if id(w[1]) not in skipped]
    assert len(heard) == sum(n for _, _, n in wanted)
    starts = [s.start for s in plan.segments]
    rank = {id(c): i for i, (_, c, _) in enumerate(wanted)}
    order = [rank[id(p.cue)] for p in heard]
    assert order == sorted(order)  # said in the plan's order
    clips = _Clips()
    for line, following in zip(heard, [*heard[1:], None], strict=True):
        first = round(line.at * rate)
        # ...and its samples are really in the file there
        clip = clips.get(line.path, 1.0)
        window = samples[first : first + len(clip)]
        assert len(window) == len(clip)
        # (tones and breath sounds may play under it; a missing line correlates near 0)
        assert correlation(window, clip) > 0.6, f"{line.cue.text!r} is not audible at {line.at}"
        end = line.at + len(clip) / rate
        # one line at a time, and none runs into the start of a later segment
        if following is not None:
            assert following.at >= end - 1e-6, (line.cue.text, following.cue.text)
        later = [s for s in starts if s > line.at + 1e-6]
        assert not later or end <= later[0] + 1e-6, f"{line.cue.text!r} runs into {later[0]}"
    return len(heard)


def test_cues_at_one_instant_are_all_heard_in_order(tmp_path: Path) -> None:
    """Issue 13 item 2: the end of a 90 s hold has three lines at once; all are heard, the
    end of the hold first (said as the milestone's words), then a prompt, then what comes
    next."""
    plan = plan_of(CROWDED)
    assert_every_voice_cue_is_heard(plan, tmp_path / "crowded.wav", AudioSettings())
    end = next(s for s in plan.segments if s.kind == "hold").end
    report = export_session(plan, tmp_path / "crowded.wav", ASSETS)
    said = [p.cue.text for p in report.voice() if end - 0.01 <= p.at < end + 6]
    assert said[:3] == ["Ninety. Ease off slowly", "Keep breathing", "Switch sides"]


@pytest.mark.parametrize(
    ("settings", "may_skip"),
    [
        (AudioSettings(), frozenset()),
        (AudioSettings(breathing_on=False), frozenset()),
        # spoken countdowns: "three" is left out when it could only be said over "two"
        (AudioSettings(style_override="voice"), frozenset({"countdown"})),
    ],
    ids=["default", "no-breath-sounds", "voice-only"],
)
def test_every_bundled_routine_says_every_voice_cue(
    tmp_path: Path, routines_dir: Path, settings: AudioSettings, may_skip: frozenset[str]
) -> None:
    catalog = load_catalog(routines_dir)
    plans = [entry.plan for entry in catalog.entries if entry.ok]
    assert len(plans) == len(catalog.entries) >= 10
    counted = sum(
        assert_every_voice_cue_is_heard(plan, tmp_path / "s.wav", settings, may_skip)
        for plan in plans
    )
    assert counted > 500


def test_a_long_export_is_streamed_in_constant_memory(tmp_path: Path) -> None:
    """Issue 15 item 6: a one-hour session is 110 MB of samples; the export mixes and writes
    it a chunk at a time, so what it holds at once stays a small part of that (the figures
    for 1 h and 24 h: ``python benchmarks/export_memory.py``)."""
    plan = plan_of("""\
        name: Long hold
        defaults: {prepare: 0, breathing: calm}
        steps:
          - {name: Long hold, kind: stretch, hold: 1h, prompts: [{every: 5m, say: Keep breathing}]}
        """)
    out = tmp_path / "long.wav"
    tracemalloc.start()
    try:
        report = export_session(plan, out, ASSETS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out.stat().st_size == 44 + 2 * report.frames
    assert report.frames == round((3600 + TAIL) * RATE)
    assert peak < 20 * 2**20, f"held {peak / 2**20:.0f} MB at once"
    assert not list(tmp_path.glob(".*.tmp"))  # written beside, then renamed
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # as any new file, to share


def test_a_session_too_long_for_a_wav_file_is_refused_before_writing(tmp_path: Path) -> None:
    short = plan_of("""\
        name: Hold
        defaults: {prepare: 0}
        steps: [{name: A, hold: 10}]
        """)
    # longer than any routine may be: made by hand, past the plan's own limits
    (seg,) = short.segments
    plan = dataclasses.replace(short, segments=(dataclasses.replace(seg, duration=40 * 3600.0),))
    with pytest.raises(ExportTooLongError, match="at most 37 hours"):
        export_session(plan, tmp_path / "x.wav", ASSETS)
    assert list(tmp_path.iterdir()) == []
