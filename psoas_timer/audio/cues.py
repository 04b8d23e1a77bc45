"""What a cue sounds like: from a :class:`Cue` (+ style and settings) to the clips to play.

Pure and Qt-free, so the live player and the session export sound exactly alike.

- :func:`sounds_for` maps one cue to its tone, breath sound and voice parts.
- :class:`Sequencer` places the cues that fall due together on a timeline: tones at once,
  voice lines one after another in the plan's order for one instant
  (:func:`~psoas_timer.core.plan.cue_order`: the end of a hold, the words of the moment,
  then what comes next), never over each other, a short beat after a tone. Every line is
  said; only a pacing line (a breath, a count) that could only come far too late to mean
  anything is left out, and then the screen still shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from psoas_timer.core.plan import Cue, CueKind, Segment, cue_order

from .assets import Assets
from .settings import AudioSettings

__all__ = ["Channel", "Clip", "Scheduled", "Sequencer", "Sounds", "VoicePart", "sounds_for"]

Channel = Literal["tone", "voice", "breathing"]

#: Each cue kind's tone (None: no tone), and whether "both" adds the tone to the voice.
TONES: dict[CueKind, tuple[str | None, bool]] = {
    "get_ready": ("rest", False),
    "step": (None, False),
    "side": (None, False),
    "start": ("start", True),
    "rep": ("countdown", False),
    "rep_phase": ("countdown", False),
    "end": ("end", True),
    "halfway": ("halfway", True),
    "ten_seconds": ("halfway", True),
    "countdown": ("countdown", True),
    "milestone": ("milestone", True),
    "prompt": ("milestone", False),
    "inhale": (None, False),
    "exhale": (None, False),
    "hold_breath": (None, False),
    "check_in": ("milestone", True),
    "rest": ("rest", True),
    "next": (None, False),
    "switch_sides": ("rest", True),
    "done": ("done", True),
}
#: In "both", these are tone only: a spoken "three, two, one" over the pips is clutter.
TONE_ONLY_IN_BOTH: frozenset[CueKind] = frozenset({"countdown"})
BREATH_KINDS: frozenset[CueKind] = frozenset({"inhale", "exhale", "hold_breath"})
#: A voice line starts this long after a tone of the same moment (the tone's first note).
VOICE_AFTER_TONE = 0.3
#: Lines whose meaning is their moment: a breath, a count. One is said only while that
#: moment lasts (:func:`latest_start`); every other line waits its turn, however long.
PACING_KINDS: frozenset[CueKind] = frozenset(
    {"inhale", "exhale", "hold_breath", "countdown", "rep", "rep_phase"}
)
#: How far into its moment a pacing line may still start (a breath phase, a rep).
PACING_SHARE = 0.75
#: ...and how late, when the moment's length is not known (a countdown number: the next
#: comes a second later).
MAX_VOICE_LAG = 0.75
#: Spoken length guessed for text that has no clip (for queueing what follows it).
SECONDS_PER_CHAR = 0.07
#: The tone that stands in for text nobody can speak.
FALLBACK_TONE = "milestone"


@dataclass(frozen=True)
class Clip:
    path: Path
    channel: Channel
    volume: float
    duration: float


@dataclass(frozen=True)
class VoicePart:
    """One piece of a voice line: a pre-rendered clip, or text for text-to-speech."""

    clip: Clip | None = None
    text: str | None = None

    @property
    def duration(self) -> float:
        if self.clip is not None:
            return self.clip.duration
        return 0.4 + SECONDS_PER_CHAR * len(self.text or "")


@dataclass(frozen=True)
class Sounds:
    """One cue's sound: a tone, a breath sound, voice parts in order, and a fallback tone
    for voice parts that have no clip when no text-to-speech works."""

    tone: Clip | None = None
    breath: Clip | None = None
    voice: tuple[VoicePart, ...] = ()
    fallback: Clip | None = None

    @property
    def silent(self) -> bool:
        return self.tone is None and self.breath is None and not self.voice


@dataclass(frozen=True)
class Scheduled:
    """A clip (or text to speak) to start *at* seconds on the caller's clock."""

    at: float
    cue: Cue
    clip: Clip | None = None
    text: str | None = None
    volume: float = 0.0
    fallback: Clip | None = None


def _clip(
    assets: Assets, path: Path | None, channel: Channel, settings: AudioSettings
) -> Clip | None:
    if path is None:
        return None
    return Clip(path, channel, settings.volume(channel), assets.duration(path))


def voice_parts(text: str, assets: Assets, settings: AudioSettings) -> tuple[VoicePart, ...]:
    """Clips for *text*: whole if rendered, "Next: X" as "Next" + X, else text to speak."""
    text = text.strip()
    if not text:
        return ()
    whole = _clip(assets, assets.voice(text), "voice", settings)
    if whole is not None:
        return (VoicePart(whole),)
    head, sep, rest = text.partition(":")
    if sep and rest.strip():
        lead = _clip(assets, assets.voice(head), "voice", settings)
        if lead is not None:
            return (VoicePart(lead), *voice_parts(rest, assets, settings))
    return (VoicePart(text=text),)


def _breath_voice_wanted(cue: Cue, segment: Segment | None, settings: AudioSettings) -> bool:
    """With breath sounds on, "Inhale"/"Exhale" are said for the first breath only."""
    if not settings.breathing_on:
        return True
    pattern = segment.breathing if segment is not None else None
    if pattern is None or segment is None:
        return True
    return segment.breath_start + cue.offset < pattern.cycle - 1e-9


def sounds_for(
    cue: Cue, segment: Segment | None, style: str, settings: AudioSettings, assets: Assets
) -> Sounds:
    """The sounds of *cue* in routine style *style* (the user's settings applied on top)."""
    effective = settings.effective_style(style)
    if effective == "none":
        return Sounds()
    tone_name, tone_in_both = TONES.get(cue.kind, (None, False))
    use_tone = tone_name is not None and (
        effective == "tone" or (effective == "both" and tone_in_both)
    )
    use_voice = effective == "voice" or (effective == "both" and cue.kind not in TONE_ONLY_IN_BOTH)
    tone = (
        _clip(assets, assets.tone(settings.tone_style, tone_name), "tone", settings)
        if use_tone and tone_name
        else None
    )

    breath: Clip | None = None
    if cue.kind in BREATH_KINDS:
        if settings.breathing_on and cue.kind != "hold_breath":
            pattern = segment.breathing if segment is not None else None
            length = None
            if pattern is not None:
                length = pattern.inhale if cue.kind == "inhale" else pattern.exhale
            breath = _clip(assets, assets.breath(cue.kind, length), "breathing", settings)
        use_voice = use_voice and _breath_voice_wanted(cue, segment, settings)

    voice = voice_parts(cue.text, assets, settings) if use_voice else ()
    fallback = None
    if tone is None and any(part.clip is None for part in voice):
        fallback = _clip(assets, assets.tone(settings.tone_style, FALLBACK_TONE), "tone", settings)
    return Sounds(tone, breath, voice, fallback)


def latest_start(at: float, cue: Cue, segment: Segment | None, spoken: float = 0.0) -> float:
    """The latest a voice line for *cue* (due *at*, *spoken* seconds long) may start: any
    time, for most cues (they wait their turn). A pacing line (:data:`PACING_KINDS`) only
    while its moment lasts: a breath within the first part of its phase, a rep's count or
    phase word so that it ends within that part of the rep, a count within a second."""
    if cue.kind not in PACING_KINDS:
        return float("inf")
    pattern = segment.breathing if segment is not None else None
    if cue.kind in BREATH_KINDS and pattern is not None:
        length = {"inhale": pattern.inhale, "exhale": pattern.exhale}.get(
            cue.kind, max(pattern.hold_in, pattern.hold_out)
        )
        return at + max(MAX_VOICE_LAG, PACING_SHARE * length)
    if cue.kind in ("rep", "rep_phase") and segment is not None:
        return at + segment.duration - spoken
    return at + MAX_VOICE_LAG


class Sequencer:
    """Places cues on a timeline, keeping the voice to one line at a time.

    Feed it the cues that fall due together (:meth:`place`); it returns what to start when,
    on whatever clock the caller uses (the session's seconds for an export, the monotonic
    clock for live playback).
    """

    def __init__(self, assets: Assets, settings: AudioSettings) -> None:
        self.assets = assets
        self.settings = settings
        self._voice_free = float("-inf")

    def reset(self) -> None:
        self._voice_free = float("-inf")

    def place(self, batch: list[tuple[float, Cue, Segment | None]], style: str) -> list[Scheduled]:
        """Schedule cues due at (about) the same moment; *batch* items are (time, cue, segment)."""
        out: list[Scheduled] = []
        ordered = sorted(batch, key=lambda item: (item[0], cue_order(item[1])))
        mapped = [
            (at, cue, seg, sounds_for(cue, seg, style, self.settings, self.assets))
            for at, cue, seg in ordered
        ]
        tone_at: float | None = None
        played_tones: set[tuple[float, Path]] = set()
        for at, cue, _, sounds in mapped:
            for clip in (sounds.tone, sounds.breath):
                if clip is None:
                    continue
                key = (round(at, 3), clip.path)
                if key in played_tones:  # two cues, same tone, same moment: play it once
                    continue
                played_tones.add(key)
                out.append(Scheduled(at, cue, clip=clip, volume=clip.volume))
                if clip.channel == "tone":
                    tone_at = at if tone_at is None else min(tone_at, at)
        for at, cue, seg, sounds in mapped:
            if not sounds.voice:
                continue
            start = max(at, self._voice_free)
            if tone_at is not None:
                start = max(start, tone_at + VOICE_AFTER_TONE)
            spoken = sum(part.duration for part in sounds.voice)
            if start > latest_start(at, cue, seg, spoken) + 1e-9:
                continue  # a breath or count this late would mislead: the screen shows it
            for part in sounds.voice:
                if part.clip is not None:
                    out.append(Scheduled(start, cue, clip=part.clip, volume=part.clip.volume))
                else:
                    out.append(
                        Scheduled(
                            start,
                            cue,
                            text=part.text,
                            volume=self.settings.volume("voice"),
                            fallback=sounds.fallback,
                        )
                    )
                start += part.duration + 0.08
            self._voice_free = start
        out.sort(key=lambda s: s.at)
        return out
