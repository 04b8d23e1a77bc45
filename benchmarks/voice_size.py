"""What each language adds to the bundle (issue #26): its voice clips and its catalogs, in MB.

    python benchmarks/voice_size.py

English is the base (its clips are in ``assets/voice/``); every other language adds its own
clips (``assets/voice/<lang>/``: the fixed words, the counts and the bundled names and
prompts that differ from English) and its catalogs (``psoas_timer/locale/<lang>``, the .po
sources and the .mo files built from them). Figures as sizes on disk and as a ratio of the
English voice, measured in the same run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("de", "fr", "es", "pt_BR")
MB = 1024 * 1024


def _size(paths: list[Path]) -> int:
    return sum(p.stat().st_size for p in paths if p.is_file())


def voice_bytes(folder: Path) -> tuple[int, int]:
    """Bytes and clip count of the voice clips directly in *folder* (with its manifest)."""
    clips = sorted(folder.glob("*.wav"))
    return _size([*clips, folder / "manifest.json"]), len(clips)


def catalog_bytes(code: str) -> int:
    return _size(sorted((ROOT / "psoas_timer" / "locale" / code).rglob("*.[pm]o")))


def main() -> int:
    voice = ROOT / "assets" / "voice"
    english, english_clips = voice_bytes(voice)
    print(f"{'language':<9} {'clips':>6} {'voice MB':>9} {'catalogs MB':>12} {'total MB':>9}")
    print(f"{'en':<9} {english_clips:>6} {english / MB:>9.2f} {0:>12.2f} {english / MB:>9.2f}")
    grown = 0
    for code in LANGUAGES:
        folder = voice / code
        size, clips = voice_bytes(folder) if folder.is_dir() else (0, 0)
        catalogs = catalog_bytes(code)
        grown += size + catalogs
        rendered = ""
        if (folder / "manifest.json").is_file():
            said = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            rendered = f"  ({said.get('voice', '')})"
        print(
            f"{code:<9} {clips:>6} {size / MB:>9.2f} {catalogs / MB:>12.2f} "
            f"{(size + catalogs) / MB:>9.2f}{rendered}"
        )
    ratio = (english + grown) / english if english else 0.0
    print(
        f"four languages add {grown / MB:.2f} MB; the voice and catalogs are {ratio:.2f}x "
        "English's voice alone"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
