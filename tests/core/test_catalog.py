"""The catalog: one way to find a routine, whoever asks; and a cache that only ever saves time."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from psoas_timer.core import catalog as catalog_module
from psoas_timer.core.catalog import Layout, load_catalog
from psoas_timer.core.catalog_cache import CACHE_FILE

ROOT = Path(__file__).resolve().parents[2]
ROUTINES = ROOT / "routines"
LAYOUT = Layout(ROUTINES, ROOT / "assets")


def test_a_copy_of_a_bundled_routine_anywhere_resolves_with_its_pictures(tmp_path: Path) -> None:
    copy = tmp_path / "somewhere" / "mine.yaml"
    copy.parent.mkdir()
    shutil.copy(ROUTINES / "daily-psoas.yaml", copy)
    catalog = load_catalog(LAYOUT)
    entry = catalog.resolve(str(copy))
    assert entry is not None
    assert entry.problems == []
    assert entry.outside
    assert entry.routine is not None
    images = [s.image for s in entry.routine.steps if getattr(s, "image", None)]
    assert images
    assert all(Path(image).is_file() for image in images)  # type: ignore[arg-type]


def test_a_catalog_file_given_by_path_is_the_catalog_entry() -> None:
    catalog = load_catalog(LAYOUT)
    by_path = catalog.resolve(str(ROUTINES / "daily-psoas.yaml"))
    assert by_path is not None
    assert by_path.bundled
    assert not by_path.outside
    assert by_path is catalog.resolve("daily-psoas")
    assert by_path is catalog.resolve("Daily psoas routine")
    assert by_path is catalog.resolve("daily-psoas.yaml")


def test_unknown_names_and_missing_paths(tmp_path: Path) -> None:
    catalog = load_catalog(LAYOUT)
    assert catalog.resolve("no-such-routine") is None
    missing = catalog.resolve(str(tmp_path / "gone.yaml"))
    assert missing is not None
    assert [p.message for p in missing.problems] == ["file not found"]


def test_a_picture_outside_every_allowed_folder_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "r").mkdir()
    routine = tmp_path / "r" / "sneaky.yaml"
    routine.write_text("name: S\nsteps:\n  - name: A\n    hold: 5\n    image: /etc/passwd\n")
    entry = load_catalog(LAYOUT).resolve(str(routine))
    assert entry is not None
    assert not entry.ok
    assert "outside the routine's folder" in entry.problems[0].message


# -- the cache ------------------------------------------------------------------------------


def _library(tmp_path: Path, count: int = 3) -> Layout:
    bundled = tmp_path / "routines"
    shutil.copytree(ROUTINES / "library", bundled / "library")
    shutil.copytree(ROOT / "assets" / "images", tmp_path / "assets" / "images")
    user = tmp_path / "user"
    user.mkdir()
    for n in range(count):
        _write(user / f"r{n}.yaml", f"name: Routine {n}\ntags: [t{n}]\nsteps:\n  - use: plank\n")
    _write(user / "broken.yaml", "name: Broken\nsteps:\n  - name: X\n    wobble: 1\n")
    return Layout(bundled, tmp_path / "assets", user, cache=tmp_path / "cache")


def _write(path: Path, text: str, age: float = 60.0) -> None:
    path.write_text(text, encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The routine files read from disk (not from the cache)."""
    seen: list[Path] = []
    real = catalog_module.load_routine

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        seen.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog_module, "load_routine", counting)
    return seen


def _summary(layout: Layout) -> list[tuple[str, bool, list[str], float | None, list[str]]]:
    catalog = load_catalog(layout)
    catalog.work_out_totals()
    catalog.save_cache()
    return [
        (e.name, e.ok, e.tags, e.total if e.ok else None, [str(p) for p in e.problems])
        for e in catalog.entries
    ]


def test_an_unchanged_library_comes_from_the_cache_and_loads_the_same(
    tmp_path: Path, reads: list[Path]
) -> None:
    layout = _library(tmp_path)
    first = _summary(layout)
    assert len(reads) == 4
    reads.clear()
    again = _summary(layout)
    assert reads == []
    assert again == first
    catalog = load_catalog(layout)
    entry = catalog.resolve("r1")
    assert entry is not None
    assert entry.routine is not None
    assert entry.routine.steps[0].title == "Plank"  # type: ignore[union-attr]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [CACHE_FILE]  # no temp files


def test_a_first_read_hashes_no_file_until_it_is_saved(
    tmp_path: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With nothing cached, the list waits on no hashing: each new file is hashed once, when
    its entry is saved (in the background), and the next read uses what was saved."""
    hashed: list[Path] = []
    real = catalog_module.content_digest

    def counting(path: Path) -> str | None:
        hashed.append(path)
        return real(path)

    monkeypatch.setattr(catalog_module, "content_digest", counting)
    layout = _library(tmp_path)
    catalog = load_catalog(layout)
    assert hashed == []
    catalog.work_out_totals()
    catalog.save_cache()
    assert len(hashed) == len(set(hashed)) == 4  # the three routines and the broken file
    reads.clear()
    hashed.clear()
    assert [e.name for e in load_catalog(layout).entries] == [e.name for e in catalog.entries]
    assert reads == [] and len(hashed) == 4  # from the cache, each file's content checked


def test_a_changed_file_is_read_again(tmp_path: Path, reads: list[Path]) -> None:
    layout = _library(tmp_path)
    _summary(layout)
    reads.clear()
    assert layout.user is not None
    _write(layout.user / "r1.yaml", "name: Renamed\nsteps:\n  - use: plank\n", age=30)
    names = [s[0] for s in _summary(layout)]
    assert reads == [layout.user / "r1.yaml"]
    assert "Renamed" in names


def test_a_changed_exercise_library_reads_every_routine_again(
    tmp_path: Path, reads: list[Path]
) -> None:
    layout = _library(tmp_path)
    _summary(layout)
    reads.clear()
    strength = layout.bundled / "library" / "strength.yaml"
    text = strength.read_text(encoding="utf-8").replace("name: Plank", "name: Front plank", 1)
    _write(strength, text, age=30)
    _summary(layout)
    assert len(reads) == 4
    entry = load_catalog(layout).resolve("r0")
    assert entry is not None
    assert entry.routine is not None
    assert entry.routine.steps[0].title == "Front plank"  # type: ignore[union-attr]


def test_a_file_saved_a_moment_ago_is_not_cached(tmp_path: Path, reads: list[Path]) -> None:
    layout = _library(tmp_path)
    assert layout.user is not None
    _write(layout.user / "r0.yaml", "name: Fresh\nsteps:\n  - use: plank\n", age=0)
    _summary(layout)
    reads.clear()
    _summary(layout)
    assert reads == [layout.user / "r0.yaml"]


def test_a_damaged_cache_is_ignored_and_said_so(
    tmp_path: Path, reads: list[Path], caplog: pytest.LogCaptureFixture
) -> None:
    layout = _library(tmp_path)
    first = _summary(layout)
    (tmp_path / "cache" / CACHE_FILE).write_bytes(b"\x80\x05not json at all")
    reads.clear()
    with caplog.at_level(logging.WARNING):
        assert _summary(layout) == first
    assert len(reads) == 4
    assert "ignoring the routine cache" in caplog.text
    reads.clear()
    _summary(layout)
    assert reads == []  # written afresh


def _stored(tmp_path: Path) -> dict[str, Any]:
    return json.loads((tmp_path / "cache" / CACHE_FILE).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _store(tmp_path: Path, stored: dict[str, Any]) -> None:
    (tmp_path / "cache" / CACHE_FILE).write_text(json.dumps(stored), encoding="utf-8")


#: Hostile cache entries, each with the field it spoils: every one makes the whole cache be
#: ignored (one log line) and every routine, bundled or not, is read from its file.
MALFORMED: dict[str, Any] = {
    "name not text": {"name": ["x"], "tags": [], "description": "", "total": 1.0},
    "total not finite": {"name": "x", "tags": [], "description": "", "total": "nan"},
    "total negative": {"name": "x", "tags": [], "description": "", "total": -5},
    "extra field": {"name": "x", "tags": [], "description": "", "total": 1, "code": "os"},
    "problem of 3": {"problems": [["a.yaml", 1, 1]]},
    "problem line text": {"problems": [["a.yaml", "1", 1, "m"]]},
    "not an object": "routine",
    "deeply nested": {"name": "x", "tags": [[[[[[[[]]]]]]]], "description": "", "total": 1},
}


@pytest.mark.parametrize("spoilt", list(MALFORMED))
def test_one_malformed_entry_never_empties_the_library(
    tmp_path: Path, reads: list[Path], caplog: pytest.LogCaptureFixture, spoilt: str
) -> None:
    """Hostile case: one malformed entry emptied the whole library (bundled routines too)
    until the cache was deleted. Now: the cache is ignored with one log line and every
    routine is read from its file, the same as before."""
    layout = _library(tmp_path)
    first = _summary(layout)
    stored = _stored(tmp_path)
    name = next(iter(stored["entries"]))
    stored["entries"][name]["value"] = MALFORMED[spoilt]
    _store(tmp_path, stored)
    reads.clear()
    with caplog.at_level(logging.WARNING):
        assert _summary(layout) == first
    assert len(reads) == 4
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert (
        warnings[0]
        .getMessage()
        .startswith(
            f"ignoring the routine cache {tmp_path / 'cache' / CACHE_FILE} and rebuilding it:"
        )
    )


def test_a_forged_entry_never_shows_a_routine_that_is_not_on_disk(
    tmp_path: Path, reads: list[Path]
) -> None:
    """Hostile case: entries written into the cache by hand (a new name for a file, with its
    stat; a routine whose file does not exist). Now: the entry's content digest does not
    match the file, so the file is read; an entry without a file is never shown."""
    layout = _library(tmp_path)
    first = _summary(layout)
    stored = _stored(tmp_path)
    assert layout.user is not None
    r0 = str(layout.user / "r0.yaml")
    stored["entries"][r0]["value"]["name"] = "Forged"
    stored["entries"][r0]["sha256"] = "0" * 64
    ghost = dict(stored["entries"][r0])
    ghost["value"] = dict(ghost["value"], name="Ghost")
    stored["entries"][str(layout.user / "ghost.yaml")] = ghost
    _store(tmp_path, stored)
    reads.clear()
    assert _summary(layout) == first
    assert reads == [layout.user / "r0.yaml"]
    # The same name with the right digest: the cache has the file's own content as key,
    # so a forged name needs a forged file, and opening it reads the file anyway.
    stored = _stored(tmp_path)
    stored["entries"][r0]["value"]["name"] = "Forged"
    _store(tmp_path, stored)
    entry = load_catalog(layout).resolve("Forged")
    assert entry is not None and entry.routine is not None
    assert entry.routine.name == "Routine 0"


def test_a_pickle_in_place_of_the_cache_runs_nothing(tmp_path: Path, reads: list[Path]) -> None:
    """Hostile case: a crafted pickle as the cache (under its old and its new name) ran code
    at start. Now nothing reads a pickle: the marker is never made, the library loads."""
    import pickle

    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    layout = _library(tmp_path)
    first = _summary(layout)
    blob = pickle.dumps(Payload())
    (tmp_path / "cache" / CACHE_FILE).write_bytes(blob)
    (tmp_path / "cache" / "routines-v2.pickle").write_bytes(blob)
    assert _summary(layout) == first
    assert not marker.exists()


def test_a_fifo_in_place_of_the_cache_is_refused_without_waiting(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Hostile case: a FIFO named as the cache hung ``list`` and the window's library."""
    import threading

    layout = _library(tmp_path)
    (tmp_path / "cache").mkdir()
    os.mkfifo(tmp_path / "cache" / CACHE_FILE)
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(load_catalog(layout)), daemon=True)
    with caplog.at_level(logging.WARNING):
        worker.start()
        worker.join(10)
    assert done, "reading the catalog hung on a FIFO"
    assert "not a regular file" in caplog.text


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the folder to another user")
def test_the_cache_is_never_written_into_another_users_folder(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Hostile case: run as root with a user's HOME, the cache became root-owned. Now: a
    cache folder owned by another user is left as it is (one log line)."""
    layout = _library(tmp_path)
    (tmp_path / "cache").mkdir()
    os.chown(tmp_path / "cache", 65534, 65534)
    with caplog.at_level(logging.WARNING):
        _summary(layout)
    assert list((tmp_path / "cache").iterdir()) == []
    assert "its folder belongs to another user" in caplog.text


def test_the_cache_holds_plain_values_only(tmp_path: Path) -> None:
    layout = _library(tmp_path)
    _summary(layout)
    stored = _stored(tmp_path)
    assert stored["version"] == 3
    assert layout.user is not None
    entry = stored["entries"][str(layout.user / "r1.yaml")]
    assert entry["value"] == {"name": "Routine 1", "tags": ["t1"], "description": "",
                              "total": entry["value"]["total"]}  # fmt: skip
    assert isinstance(entry["value"]["total"], float)


def test_without_a_cache_folder_nothing_is_written(tmp_path: Path) -> None:
    layout = _library(tmp_path)
    layout = Layout(layout.bundled, layout.assets, layout.user)
    _summary(layout)
    assert not (tmp_path / "cache").exists()


def test_a_catalog_let_go_is_freed_without_the_cycle_collector(tmp_path: Path) -> None:
    """The collector is paused while reading and what exists is then frozen, so a catalog
    must hold no reference cycle: it would never be freed."""
    import gc
    import weakref

    layout = _library(tmp_path)
    _summary(layout)  # cached: the entries are packed
    catalog = load_catalog(layout)
    assert catalog.resolve("r0") is not None
    entries = [weakref.ref(entry) for entry in catalog.entries]
    library = weakref.ref(catalog.library)
    gc.disable()
    try:
        del catalog
        assert all(ref() is None for ref in entries)
        assert library() is None
    finally:
        gc.enable()


def test_finding_a_routine_by_name_unpacks_only_that_one(tmp_path: Path) -> None:
    layout = _library(tmp_path)
    _summary(layout)
    catalog = load_catalog(layout)
    found = catalog.resolve("Routine 2")
    assert found is not None
    assert found.path.name == "r2.yaml"
    assert [e.path.name for e in catalog.entries if e._packed is None and e.ok] == []
    assert found.routine is not None  # unpacked when asked for


def test_writing_the_cache_lets_other_threads_run_between_routines(tmp_path: Path) -> None:
    layout = _library(tmp_path, count=5)
    catalog = load_catalog(layout)
    catalog.work_out_totals()
    calls: list[int] = []
    catalog.save_cache(lambda: calls.append(1))
    assert len(calls) >= 6  # five routines and the broken file, each packed in its turn
    assert (tmp_path / "cache" / CACHE_FILE).exists()


def test_a_small_read_leaves_the_cycle_collector_as_it_was() -> None:
    """Reading the bundled routines freezes nothing: garbage in cycles is still collected."""
    import gc

    assert gc.isenabled()
    before = gc.get_freeze_count()
    catalog = load_catalog(ROUTINES)
    assert all(entry.ok for entry in catalog.entries)
    assert gc.get_freeze_count() == before
    assert gc.isenabled()


def test_a_large_read_is_frozen_for_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    """After a read that made many objects, the collector never walks them (a pass over a
    large library held every thread up for 100 ms or more)."""
    import gc

    monkeypatch.setattr(catalog_module, "FREEZE_OVER", 100)  # the bundled routines: "large"
    assert gc.isenabled()
    before = gc.get_freeze_count()
    try:
        load_catalog(ROUTINES)
        assert gc.get_freeze_count() > before
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_what_a_freeze_kept_is_freed_when_the_next_read_begins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A freeze after a large read is not for ever: garbage in a cycle at that moment (or
    made of frozen objects since) is collectable again once the next read replaces that
    catalog."""
    import gc
    import weakref

    class Node:
        partner: object = None

    monkeypatch.setattr(catalog_module, "FREEZE_OVER", 100)  # the bundled routines: "large"
    monkeypatch.setattr(catalog_module.gc_paused, "frozen", False)  # no earlier freeze
    try:
        first, second = Node(), Node()
        first.partner, second.partner = second, first  # a cycle only the collector frees
        gone = weakref.ref(first)
        del first, second
        load_catalog(ROUTINES)
        assert gc.get_freeze_count() > 0
        gc.collect()
        assert gone() is not None  # frozen with the read: out of the collector's reach
        monkeypatch.setattr(catalog_module, "FREEZE_OVER", 10**9)  # the next read: small
        load_catalog(ROUTINES)  # it replaces the frozen catalog: the freeze is lifted
        assert gc.get_freeze_count() == 0
        gc.collect()  # the collector's next full pass
        assert gone() is None
    finally:
        gc.unfreeze()
