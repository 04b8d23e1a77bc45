"""The public command line, run as a user would: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest

import psoas_timer


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "psoas_timer", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.yaml"
    path.write_text(
        dedent("""\
        name: Two holds
        defaults: {prepare: 5, rest: 10}
        steps:
          - {name: Knee to chest, hold: 15, sides: both}
          - name: Psoas release
            kind: release
            open: {target: 90, max: 120}
            milestones: [30, 60]
        """)
    )
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text("name: Broken\nsteps:\n  - {name: x, hodl: 30}\n  - {name: y, hold: -3}\n")
    return path


def test_version() -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"psoas-timer {psoas_timer.__version__}"


def test_validate_exit_codes_and_messages(good: Path, bad: Path, tmp_path: Path) -> None:
    ok = cli("validate", str(good))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "1 file valid"
    broken = cli("validate", str(good), str(bad))
    assert broken.returncode == 1
    lines = broken.stderr.splitlines()
    assert f"{bad}:3:15: steps[0]: unknown key 'hodl'; did you mean 'hold'?" in lines
    assert f"{bad}:4:21: steps[1].hold: a duration cannot be negative, found -3" in lines
    assert "Traceback" not in broken.stderr
    folder = cli("validate", str(tmp_path))  # folders are searched recursively
    assert folder.returncode == 1 and str(bad) in folder.stderr
    usage = cli("validate")
    assert usage.returncode == 2


def test_every_bundled_routine_validates_from_the_command_line() -> None:
    routines = Path(__file__).resolve().parents[2] / "routines"
    result = cli("validate", str(routines))
    assert result.returncode == 0, result.stderr
    plan = cli("plan", str(routines / "daily-psoas.yaml"), "--json")
    assert plan.returncode == 0, plan.stderr
    named = cli("plan", "daily-psoas", "--json")
    assert json.loads(named.stdout) == json.loads(plan.stdout)


def test_validate_reports_missing_files(tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert f"{tmp_path / 'nope.yaml'}:1:1: file not found" in result.stderr


def test_plan_json_has_the_public_keys(good: Path) -> None:
    result = cli("plan", str(good), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["name"] == "Two holds"
    assert data["total_seconds"] == 5 + 15 + 5 + 15 + 10 + 90
    for segment in data["segments"]:
        assert {"start", "duration", "kind", "step", "side", "set", "rep", "open"} <= set(segment)
    assert [s["kind"] for s in data["segments"]] == [
        "prepare",
        "hold",
        "switch",
        "hold",
        "rest",
        "open",
    ]
    assert data["segments"][-1]["open"] is True
    for cue in data["cues"]:
        assert set(cue) == {"at", "kind", "text"}
    assert {"at": 110.0, "kind": "milestone", "text": "Sixty seconds"} in data["cues"]


def test_plan_text_is_readable(good: Path) -> None:
    result = cli("plan", str(good))
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "Two holds — 2:20 in 6 segments"
    assert "Switch sides" in result.stdout


def test_plan_of_a_broken_file_prints_problems(bad: Path) -> None:
    result = cli("plan", str(bad))
    assert result.returncode == 1
    assert "unknown key 'hodl'" in result.stderr


def test_schema_is_json() -> None:
    result = cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "Psoas Timer routine"


def test_list_shows_user_routines_with_total_time(good: Path, bad: Path) -> None:
    user = Path(os.environ["PSOAS_TIMER_DATA_DIR"]) / "routines"
    user.mkdir(parents=True)
    (user / "mine.yaml").write_text(good.read_text())
    (user / "broken.yaml").write_text(bad.read_text())
    result = cli("list", "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["path"]: row for row in json.loads(result.stdout)}
    mine = rows[str(user / "mine.yaml")]
    assert (mine["name"], mine["source"], mine["total_seconds"]) == ("Two holds", "user", 140.0)
    broken = rows[str(user / "broken.yaml")]
    assert broken["total_seconds"] is None and broken["problems"]
    text = cli("list")
    assert "Two holds" in text.stdout and "2:20" in text.stdout


def test_counts_are_worded_in_the_singular_and_the_plural(
    good: Path, bad: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(good.read_text())
    assert cli("validate", str(good), str(other)).stdout.strip() == "2 files valid"
    assert cli("validate", str(bad)).stderr.splitlines()[-1] == "1 of 1 file has problems"
    two = cli("validate", str(good), str(bad))
    assert two.stderr.splitlines()[-1] == "1 of 2 files has problems"
    worse = tmp_path / "worse.yaml"
    worse.write_text(bad.read_text())
    three = cli("validate", str(good), str(bad), str(worse))
    assert three.stderr.splitlines()[-1] == "2 of 3 files have problems"
    one = tmp_path / "one.yaml"
    one.write_text("name: One\ndefaults: {prepare: 0}\nsteps: [{name: A, hold: 5}]\n")
    assert cli("plan", str(one)).stdout.splitlines()[0] == "One — 0:05 in 1 segment"


def test_an_unknown_routine_name_gets_a_suggestion() -> None:
    result = cli("plan", "daily")
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first == "psoas-timer: no routine named 'daily'; did you mean 'daily-psoas'?"
    assert "known routines:" in result.stderr and "trigger-point-release" in result.stderr
    by_name = cli("export-audio", "Daily psoas routin", "-o", "x.wav")  # every command
    assert by_name.returncode == 1
    assert "; did you mean 'Daily psoas routine'?\n" in by_name.stderr  # once: not its stem too
    nothing = cli("plan", "zzzz")
    assert "did you mean" not in nothing.stderr and "known routines:" in nothing.stderr


def test_a_known_routines_file_name_works_from_any_folder(tmp_path: Path) -> None:
    by_file = cli("plan", "daily-psoas.yaml", "--json", cwd=tmp_path)
    assert by_file.returncode == 0, by_file.stderr
    assert json.loads(by_file.stdout)["name"] == "Daily psoas routine"
    missing = cli("plan", "daily-psaos.yaml", cwd=tmp_path)
    assert missing.returncode == 1
    assert "did you mean 'daily-psoas.yaml'?" in missing.stderr
    a_path = cli("plan", str(tmp_path / "daily-psoas.yaml"))  # a path is read as a file
    assert a_path.returncode == 1
    assert a_path.stderr == f"{tmp_path / 'daily-psoas.yaml'}:1:1: file not found\n"


def test_list_puts_broken_routines_last_each_with_its_problems(good: Path, bad: Path) -> None:
    user = Path(os.environ["PSOAS_TIMER_DATA_DIR"]) / "routines"
    user.mkdir(parents=True)
    (user / "a-broken.yaml").write_text(bad.read_text())  # sorts before the good one
    (user / "mine.yaml").write_text(good.read_text())
    (user / "worse.yaml").write_text("name: Worse\nsteps: []\n")
    (user / "library").mkdir()
    (user / "library" / "mine.yaml").write_text("name: Mine\nexercises: [{name: X, hold: 3}]\n")
    result = cli("list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    names = [line.split("  ")[0] for line in lines]
    mine = names.index("Two holds")
    assert lines[mine].split()[-1] == "user"
    bundled = [i for i, line in enumerate(lines) if " bundled " in f"{line} "]
    assert bundled and max(bundled) < mine  # valid ones: bundled, then the user's
    heading = lines.index("2 routines have problems:")
    assert heading > mine
    broken = lines[heading + 1]
    assert broken.startswith("a-broken ") and broken.split()[-2:] == ["broken", "user"]
    problems = lines[heading + 2 : heading + 4]
    assert all(line.startswith(f"    {user / 'a-broken.yaml'}:") for line in problems)
    assert "unknown key 'hodl'" in problems[0]
    assert lines[heading + 4].startswith("worse ")
    assert lines[heading + 5].startswith(f"    {user / 'worse.yaml'}:")
    assert lines[heading + 6 :] == [
        "",
        "The exercise library has problems:",
        f"    {user / 'library' / 'mine.yaml'}:1:1: library exercise 'X' needs an 'id'",
    ]

    rows = json.loads(cli("list", "--json").stdout)
    assert [r["total_seconds"] is None for r in rows] == [False] * (len(rows) - 2) + [True] * 2
    assert [Path(r["path"]).name for r in rows[-2:]] == ["a-broken.yaml", "worse.yaml"]
    for row in rows:
        assert {"name", "path", "source", "tags", "total_seconds", "problems"} <= set(row)


PROGRAMME = """\
name: Mine
weeks: 3
days: {tue: daily-psoas, sat: mine}
changes:
  - week: 2
    steps:
      plank: {sets: 2}
"""


def test_validate_checks_programmes_against_routines(tmp_path: Path) -> None:
    folder = tmp_path / "programmes"
    folder.mkdir()
    (tmp_path / "mine.yaml").write_text(
        "name: Mine\nsteps:\n  - {name: Rest, kind: rest, duration: 5}\n"
    )
    (folder / "good.yaml").write_text(PROGRAMME)
    ok = cli("validate", str(tmp_path))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "2 files valid"
    (folder / "bad.yaml").write_text(
        PROGRAMME.replace("daily-psoas", "dayly-psoas").replace("week: 2", "week: 4")
    )
    bad = cli("validate", str(tmp_path))
    assert bad.returncode == 1
    lines = bad.stderr.splitlines()
    where = folder / "bad.yaml"
    assert f"{where}:3:13: days.tue: no routine 'dayly-psoas'; did you mean 'daily-psoas'?" in lines
    assert (
        f"{where}:5:11: changes[0].week: week 4 is past the end (the programme has 3 weeks)"
        in lines
    )
    assert lines[-1] == "1 of 3 files has problems"


def test_today_prints_a_programme_session() -> None:
    result = cli("today", "--json", "--programme", "core-and-glutes-6-weeks")
    assert result.returncode == 0, result.stderr
    today = json.loads(result.stdout)
    assert today["programme"] == "Core and glutes, six weeks"
    assert today["week"] == 1
    assert today["rest_day"] == (today["routine"] is None)
    text = cli("today", "--programme", "psoas-release-4-weeks")  # every day
    assert text.stdout.startswith("Today: Psoas release and stretch, week 1 (")
    none = cli("today")
    assert none.returncode == 1
    assert "No programme followed yet" in none.stderr
    assert "core-and-glutes-6-weeks" in none.stderr
    as_json = cli("today", "--json")  # no programme is an answer: JSON that says so
    assert as_json.returncode == 0, as_json.stderr
    said = json.loads(as_json.stdout)
    assert said["programme"] is None
    assert "core-and-glutes-6-weeks" in said["programmes"]


def test_a_wrong_option_shows_the_commands_own_usage() -> None:
    result = cli("list", "--bogus")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: psoas-timer list")
    assert "unrecognized arguments: --bogus" in result.stderr


def test_schema_for_programmes() -> None:
    result = cli("schema", "--programme")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "Psoas Timer programme"


def test_today_counts_sessions_from_the_history() -> None:
    import os
    from datetime import date, datetime, timedelta

    from psoas_timer.history import HistoryStore
    from psoas_timer.practice.store import PracticeData, save_practice
    from tests.practice.test_history_log import record

    data_dir = Path(os.environ["PSOAS_TIMER_DATA_DIR"])  # the test's own (conftest)
    today = date.today()
    start = today - timedelta(days=10)
    save_practice(
        data_dir, PracticeData(programme="core-and-glutes-6-weeks", programme_start=start)
    )
    wall = [datetime.combine(start, datetime.min.time()).astimezone()]
    with HistoryStore.open(data_dir / "history.sqlite3", wall=lambda: wall[0]) as store:
        for day in (0, 2, 4):  # three sessions: the first week of three is done
            wall[0] = datetime.combine(
                start + timedelta(days=day), datetime.min.time()
            ).astimezone()
            wall[0] += timedelta(hours=18)
            record(store, wall, "/somewhere/core-and-glutes.yaml", stop=False)
    result = cli("today", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["week"] == 2


def test_plan_names_each_phase_of_a_rep(tmp_path: Path) -> None:
    routine = tmp_path / "reps.yaml"
    routine.write_text(
        "name: r\ndefaults: {prepare: 0}\nsteps:\n  - {name: Hip raise, reps: 2, tempo: 1-10-2}\n",
        encoding="utf-8",
    )
    text = cli("plan", str(routine))
    assert text.returncode == 0, text.stderr
    assert "Hip raise  (Rep 1 of 2 · hold)" in text.stdout
    data = json.loads(cli("plan", str(routine), "--json").stdout)
    assert [s["phase"] for s in data["segments"]] == ["up", "hold", "down"] * 2
    said = [(c["at"], c["text"]) for c in data["cues"] if c["kind"] in ("rep", "rep_phase")]
    assert said[:4] == [(0, "1"), (0, "Up"), (1, "Hold"), (11, "Down")]


def test_list_works_with_an_unwritable_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in-the-way").write_text("a file where the data folder goes")
    monkeypatch.setenv("PSOAS_TIMER_DATA_DIR", str(tmp_path / "in-the-way" / "data"))
    result = cli("list", "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    names = {Path(r["path"]).stem for r in json.loads(result.stdout)}
    assert {
        p.stem for p in (Path(psoas_timer.__file__).parents[1] / "routines").glob("*.yaml")
    } <= names


def test_plan_text_lists_each_cue_under_its_segment_and_times_that_add_up(
    tmp_path: Path,
) -> None:
    routine = tmp_path / "plan.yaml"
    routine.write_text(
        "name: r\ndefaults: {prepare: 0, rest: 0}\nsteps:\n"
        "  - {name: Bridge, reps: 1, tempo: {up: 1.5, hold: 3, down: 1.5}}\n"
        "  - {name: Hold, hold: 40, milestones: [{at: 20, say: Keep going}]}\n",
        encoding="utf-8",
    )
    result = cli("plan", str(routine))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    starts = [line.split()[0] for line in lines[1:] if not line.startswith("          ")]
    assert starts == ["0:00", "0:01.5", "0:04.5", "0:06"]  # 1.5 s phases, not "0:02"
    hold = next(i for i, line in enumerate(lines) if " hold " in line and "Hold" in line)
    under = [line.split(None, 1)[1] for line in lines[hold + 1 :]]
    assert "start: Go" in under  # an exercise (the default kind) starts with "Go"
    assert "milestone: Keep going" in under
    assert "ten seconds: Ten seconds" in under
    assert under[-1] == "done: Well done"
    assert any(line.split()[0] == "0:26" and "milestone" in line for line in lines)


def _export(tmp_path: Path, name: str, path: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PATH": path}
    return subprocess.run(
        [sys.executable, "-m", "psoas_timer", "export-audio", "desk-break", "-o", name],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )


def test_export_audio_refuses_a_format_it_cannot_write_and_names_those_it_can(
    tmp_path: Path,
) -> None:
    """No FFmpeg: an .mp3 name is refused (never a WAV under an .mp3 name), and so is a name
    that is no sound format; each time it says what it can write."""
    for name in ("x.mp3", "x.ogg", "x.txt"):
        result = _export(tmp_path, name, str(tmp_path / "no-tools-here"))
        assert result.returncode == 1
        assert "It can write: .wav" in result.stderr
        assert not (tmp_path / name).exists()
    assert "FFmpeg" in _export(tmp_path, "x.mp3", str(tmp_path / "none")).stderr


def test_export_audio_hands_the_wav_to_ffmpeg_for_an_mp3(tmp_path: Path) -> None:
    """With an FFmpeg (here a stand-in that lists its encoders and marks what it made) the
    .mp3 is made by it from the session's WAV, under the name asked for."""
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "ffmpeg"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$2" = "-encoders" ]; then echo " A..... libmp3lame  MP3"; exit 0; fi\n'
        "for last; do :; done\n"  # the output file is the last argument
        'for a; do case "$a" in *.wav) head -c 4 "$a" > /dev/null || exit 3;; esac; done\n'
        'printf "ID3 made by ffmpeg" > "$last"\n'
    )
    fake.chmod(0o755)
    result = _export(tmp_path, "session.mp3", f"{tools}:{os.environ['PATH']}")
    assert result.returncode == 0, result.stderr
    made = (tmp_path / "session.mp3").read_bytes()
    assert made.startswith(b"ID3")
    assert not list(tmp_path.glob(".session*"))  # nothing left beside it
