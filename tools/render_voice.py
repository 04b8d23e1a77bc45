"""Render the voice prompts with espeak-ng and sox, per language, plus a manifest each.

Phrases: the fixed prompts, numbers for counts, and every text the bundled routines say
(step names, milestones, prompts, check-ins) and every exercise name in the bundled library,
in the language asked for: the app's catalogs give the fixed words and the bundled content
(so what is rendered is exactly what the plan says in that language), num2words the numbers,
and espeak-ng's voice for the language speaks them. English goes to ``assets/voice/``, every
other language to ``assets/voice/<lang>/``. A language renders only what differs from
English: a phrase not translated yet is said with the English clip.

Run from the repository root after the routines or the translations change::

    python tools/render_voice.py                       # English: (re)writes assets/voice/
    python tools/render_voice.py --language de         # German: assets/voice/de/
    python tools/render_voice.py --language all --missing
                                   # every language, rendering only phrases without a clip
                                   # (the one command to run once translations land)

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
from psoas_timer.core.spoken import next_words, number_words, seconds_words, side_words  # noqa: E402
from psoas_timer.i18n import _, pgettext, set_language  # noqa: E402

#: The languages the app ships, English (the source) first.
LANGUAGES = ("en", "de", "fr", "es", "pt_BR")
#: The plan's words said in context "spoken cue" (a field of the same name is another entry).
SPOKEN_CUES = ("Get ready", "Hold", "Switch sides", "Up", "Down")
#: The plan's other words (each a catalog entry, translated when rendered).
WORDS = (
    "Release",
    "Rest",
    "Inhale",
    "Exhale",
    "Hold your breath",
    "Halfway",
    "Well done",
    "Go",
    "Stop",
    "Breathe",
    "Has it softened?",
)
#: English only (said in no plan today, kept for the clips there are).
ENGLISH_ONLY = ("A little more pressure", "Keep breathing")
#: Times a coach says on their own ("Ten seconds" before a long hold ends, milestones).
TIMES = (10, 30, 60, 90)
COUNTS = range(1, 21)  # countdowns and rep counts, said as numbers in the language


def fixed_phrases() -> list[str]:
    """The fixed prompts in the current language."""
    head = next_words("NAME").partition(":")[0].strip()  # "Next", said before a name
    heads = [] if "NAME" in head else [head]  # a translation without the colon: said whole
    return [
        *(pgettext("spoken cue", word) for word in SPOKEN_CUES),
        *(_(word) for word in WORDS),
        side_words("left"),
        side_words("right"),
        *(seconds_words(t) for t in TIMES),
        *heads,
    ]


def routine_phrases(routines: Path) -> list[str]:
    """Everything the bundled routines say in the current language, except composed
    "Next: X" lines (said as "Next" and X)."""
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
                for _at, cue, _seg in plan.cues()
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


def translated_texts(language: str) -> set[str]:
    """Every translation *language*'s catalogs have (by :func:`voice_key`): a phrase the
    translator wrote the same as the English ("Stop" in French) is still the language's."""
    from babel.messages.pofile import read_po

    found: set[str] = set()
    for po in sorted((ROOT / "psoas_timer" / "locale" / language).glob("LC_MESSAGES/*.po")):
        with po.open("rb") as stream:
            catalog = read_po(stream, locale=language)
        for message in catalog:
            strings = (
                message.string if isinstance(message.string, (list, tuple)) else [message.string]
            )
            if message.id and not message.fuzzy:
                found |= {voice_key(s) for s in strings if s}
    return found


def phrases_for(language: str, routines: Path) -> dict[str, str]:
    """What *language* says: {phrase (as the app looks it up): words espeak-ng speaks}.
    Another language than English keeps only what differs from English or its catalogs
    translate (the rest is said with the English clip) and every count, in its own number
    words."""
    set_language("en")
    english = {voice_key(t) for t in [*fixed_phrases(), *routine_phrases(routines)]}
    set_language(language)
    try:
        phrases = unique([*fixed_phrases(), *routine_phrases(routines)])
    finally:
        set_language(None)
    if language == "en":
        phrases = unique([*phrases, *ENGLISH_ONLY])
    else:
        own = translated_texts(language)
        phrases = [p for p in phrases if voice_key(p) not in english or voice_key(p) in own]
    wanted = {text: text for text in phrases}
    for n in COUNTS:  # "3" is said "drei", "trois"... (espeak-ng reads English digits)
        wanted[str(n)] = str(n) if language == "en" else number_words(n, language)
    return wanted


def folder_for(language: str, out: Path) -> Path:
    return out if language == "en" else out / language


def render_language(language: str, routines: Path, out: Path, missing: bool) -> tuple[int, int]:
    """Render *language*'s clips into its folder under *out*; (rendered, clips in all)."""
    folder = folder_for(language, out)
    wanted = phrases_for(language, routines)
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / "manifest.json"
    kept: dict[str, tuple[str, str, str]] = {}
    if missing and manifest_path.is_file():
        stored = json.loads(manifest_path.read_text(encoding="utf-8"))
        spoken = stored.get("spoken", {})
        kept = {
            voice_key(text): (text, name, spoken.get(text, text))
            for text, name in stored.get("clips", {}).items()
            if (folder / name).is_file()
        }
    clips: dict[str, str] = {}
    said: dict[str, str] = {}
    rendered = 0
    for text, words in wanted.items():
        old = kept.get(voice_key(text))
        if old is not None and old[2] == words:
            clips[old[0]] = old[1]
            if old[0] != words:
                said[old[0]] = words
            continue
        name = voice.clip_name(text)
        voice.render(words, folder / name, language=language)
        clips[text] = name
        if words != text:
            said[text] = words
        rendered += 1
    for stale in {p.name for p in folder.glob("*.wav")} - set(clips.values()):
        (folder / stale).unlink()
    manifest: dict[str, object] = {
        "version": 1,
        "rate": voice.RATE,
        "language": language,
        "voice": f"espeak-ng {voice.espeak_voice(language)} {voice.SPEED} wpm",
        "clips": dict(sorted(clips.items(), key=lambda kv: kv[0].casefold())),
    }
    if said:  # what a clip says when it is not its text: a count's number words
        manifest["spoken"] = dict(sorted(said.items(), key=lambda kv: kv[0].casefold()))
    manifest_path.write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return rendered, len(clips)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routines", type=Path, default=ROOT / "routines")
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "voice")
    parser.add_argument(
        "--language",
        default="en",
        choices=[*LANGUAGES, "all"],
        help="the language to render (espeak-ng's voice for it), or all of them",
    )
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
    languages = LANGUAGES if args.language == "all" else (args.language,)
    for language in languages:
        started = time.perf_counter()
        rendered, total = render_language(language, args.routines, args.out, args.missing)
        folder = folder_for(language, args.out)
        size = sum(p.stat().st_size for p in folder.glob("*.wav"))
        print(
            f"{language}: rendered {rendered} of {total} clips ({size / 1024:.0f} KiB in all) "
            f"in {time.perf_counter() - started:.1f} s -> {folder}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
