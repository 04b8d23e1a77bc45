"""Render the voice prompts into ``assets/voice/`` with espeak-ng and sox, plus a manifest.

Phrases: the fixed prompts, numbers for counts, and every text the bundled routines say
(step names, milestones, prompts, check-ins) and every exercise name in the bundled library.
Run from the repository root after the routines change::

    python tools/render_voice.py            # (re)writes assets/voice/*.wav and manifest.json
    python tools/render_voice.py --missing  # renders only phrases that have no clip yet

Needs ``espeak-ng`` and ``sox`` (Debian: ``apt-get install espeak-ng sox``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from psoas_timer.audio import voice  # noqa: E402
from psoas_timer.audio.assets import voice_key  # noqa: E402
from psoas_timer.core.catalog import load_catalog  # noqa: E402
from psoas_timer.core.plan import compile_plan  # noqa: E402

FIXED = (
    "Get ready",
    "Hold",
    "Release",
    "Switch sides",
    "Left side",
    "Right side",
    "Rest",
    "Inhale",
    "Exhale",
    "Hold your breath",
    "Halfway",
    "Ten seconds",
    "Thirty seconds",
    "Sixty seconds",
    "Ninety seconds",
    "A little more pressure",
    "Keep breathing",
    "Next",
    "Well done",
    # said by the plan compiler too
    "Go",
    "Stop",
    "Breathe",
    "Has it softened?",
    # the phases of a rep ("Hold" is above)
    "Up",
    "Down",
)
COUNTS = tuple(str(n) for n in range(1, 21))  # countdowns and rep counts


def routine_phrases(routines: Path) -> list[str]:
    """Everything the bundled routines say, except composed "Next: X" lines."""
    catalog = load_catalog(routines)
    found: list[str] = []
    for entry in catalog.entries:
        if not entry.ok:
            print(f"skipping {entry.path.name}: it has problems", file=sys.stderr)
            continue
        plans = [entry.plan]
        assert entry.routine is not None
        for number, choice in enumerate(entry.routine.choices()):  # every option of each
            plans += [compile_plan(entry.routine, {number: i}) for i in range(len(choice.choose))]
        for plan in plans:
            found += [run.name for run in plan.steps]
            found += [
                cue.text
                for _, cue, _ in plan.cues()
                if cue.kind not in ("next", "countdown", "rep")
            ]
    found += [step.title for step in catalog.library.exercises.values()]
    return found


def unique(phrases: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for text in phrases:
        text = text.strip()
        if text and voice_key(text) not in seen:
            seen[voice_key(text)] = text
    return list(seen.values())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routines", type=Path, default=ROOT / "routines")
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "voice")
    parser.add_argument(
        "--missing",
        action="store_true",
        help="keep the clips there are and render only phrases without one "
        "(another espeak-ng build renders every clip a little differently)",
    )
    args = parser.parse_args(argv)
    if not voice.available():
        print("espeak-ng and sox are needed: apt-get install espeak-ng sox", file=sys.stderr)
        return 1
    phrases = unique([*FIXED, *COUNTS, *routine_phrases(args.routines)])
    args.out.mkdir(parents=True, exist_ok=True)
    clips: dict[str, str] = {}
    kept: dict[str, tuple[str, str]] = {}
    manifest_path = args.out / "manifest.json"
    if args.missing and manifest_path.is_file():
        old = json.loads(manifest_path.read_text(encoding="utf-8")).get("clips", {})
        kept = {
            voice_key(text): (text, name)
            for text, name in old.items()
            if (args.out / name).is_file()
        }
    started = time.perf_counter()
    rendered = 0
    for text in phrases:
        if voice_key(text) in kept:
            old_text, name = kept[voice_key(text)]
            clips[old_text] = name
            continue
        name = voice.clip_name(text)
        voice.render(text, args.out / name)
        clips[text] = name
        rendered += 1
    for stale in set(p.name for p in args.out.glob("*.wav")) - set(clips.values()):
        (args.out / stale).unlink()
    manifest = {
        "version": 1,
        "rate": voice.RATE,
        "voice": f"espeak-ng {voice.VOICE} {voice.SPEED} wpm",
        "clips": dict(sorted(clips.items(), key=lambda kv: kv[0].casefold())),
    }
    manifest_path.write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    size = sum((args.out / n).stat().st_size for n in clips.values())
    elapsed = time.perf_counter() - started
    print(
        f"rendered {rendered} of {len(clips)} clips ({size / 1024:.0f} KiB in all) "
        f"in {elapsed:.1f} s -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
