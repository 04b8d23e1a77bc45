"""A compressed export (MP3, Ogg, Opus) is saved the way every file is: what FFmpeg wrote is
synced before it takes the target's name, and the folder after, so a power cut just after
the export leaves the old file or the whole new one (#20 item 5: one way to save)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from psoas_timer.audio.encode import encode, format_for
from tests.core.helpers import sync_order


def test_an_mp3_made_by_ffmpeg_is_synced_then_renamed_then_its_folder_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "ffmpeg"  # lists its encoders, and writes a stand-in MP3 as the last argument
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$2" = "-encoders" ]; then echo " A..... libmp3lame  MP3"; exit 0; fi\n'
        "for last; do :; done\n"
        'printf "ID3 made by ffmpeg" > "$last"\n'
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    wav, out = tmp_path / "session.wav", tmp_path / "session.mp3"
    wav.write_bytes(b"RIFF")
    events = sync_order(monkeypatch)
    fmt = format_for(out)
    assert fmt is not None
    encode(wav, out, fmt)
    assert out.read_bytes().startswith(b"ID3")
    assert events == ["fsync file", "rename", "fsync folder"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "session.mp3", "session.wav"]
