"""Audio settings: volumes, switches and styles. Plain data, no Qt; the UI stores them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

__all__ = ["CUE_STYLES", "TONE_STYLES", "AudioSettings", "CueStyle", "ToneStyle"]

CueStyle = Literal["both", "voice", "tone", "none"]
ToneStyle = Literal["soft", "clear", "bell"]

CUE_STYLES: tuple[CueStyle, ...] = ("both", "voice", "tone", "none")
#: ``soft`` is the default: round, low and quiet, for a calm room.
TONE_STYLES: tuple[ToneStyle, ...] = ("soft", "clear", "bell")


def _unit(value: float) -> float:
    return min(1.0, max(0.0, float(value)))


@dataclass(frozen=True)
class AudioSettings:
    """What the user chose. Volumes are 0..1 and multiply: a tone plays at master × tones."""

    master: float = 0.8
    voice: float = 1.0
    tones: float = 0.8
    breathing: float = 0.6
    muted: bool = False
    voice_on: bool = True
    breathing_on: bool = True
    tone_style: ToneStyle = "soft"
    #: ``None`` follows the routine's ``cue_style``; otherwise the user's choice wins.
    style_override: CueStyle | None = None

    def __post_init__(self) -> None:
        for name in ("master", "voice", "tones", "breathing"):
            object.__setattr__(self, name, _unit(getattr(self, name)))
        if self.tone_style not in TONE_STYLES:
            raise ValueError(
                f"tone_style must be one of {', '.join(TONE_STYLES)}, not {self.tone_style!r}"
            )
        if self.style_override is not None and self.style_override not in CUE_STYLES:
            raise ValueError(
                f"style_override must be None or one of {', '.join(CUE_STYLES)}, "
                f"not {self.style_override!r}"
            )

    def volume(self, channel: Literal["voice", "tone", "breathing"]) -> float:
        """The effective volume of one channel (0 when muted)."""
        if self.muted:
            return 0.0
        part = {"voice": self.voice, "tone": self.tones, "breathing": self.breathing}[channel]
        return self.master * part

    def effective_style(self, routine_style: str) -> CueStyle:
        """The style to use for a routine that asks for *routine_style*.

        The user's override wins; muting means ``none``; with the voice switched off a voice
        style falls back to tones, so the user still hears every cue.
        """
        style: str = self.style_override or routine_style
        if style not in CUE_STYLES:
            style = "both"
        if self.muted or style == "none":
            return "none"
        if not self.voice_on and style in ("both", "voice"):
            return "tone"
        return style  # type: ignore[return-value]

    def with_(self, **changes: object) -> AudioSettings:
        """A copy with *changes* applied (validated like a new instance)."""
        return replace(self, **changes)  # type: ignore[arg-type]
