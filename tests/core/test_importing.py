"""Adding a routine from elsewhere: an atomic copy that never replaces a file."""

from __future__ import annotations

from pathlib import Path

from psoas_timer.core.importing import import_routine


def test_a_file_is_copied_in(tmp_path: Path) -> None:
    source = tmp_path / "downloads" / "evening.yaml"
    source.parent.mkdir()
    source.write_text("name: Evening\n", encoding="utf-8")
    mine = tmp_path / "mine"
    target, copied = import_routine(source, mine)
    assert (target, copied) == (mine / "evening.yaml", True)
    assert target.read_text(encoding="utf-8") == "name: Evening\n"
    assert sorted(p.name for p in mine.iterdir()) == ["evening.yaml"]  # no temporary left


def test_a_taken_name_gets_a_number_and_the_same_file_is_not_copied_twice(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "evening.yaml").write_text("name: Mine\n", encoding="utf-8")
    source = tmp_path / "evening.yaml"
    source.write_text("name: Theirs\n", encoding="utf-8")
    target, copied = import_routine(source, mine)
    assert (target.name, copied) == ("evening-2.yaml", True)
    assert (mine / "evening.yaml").read_text(encoding="utf-8") == "name: Mine\n"  # untouched
    again, copied = import_routine(source, mine)
    assert (again, copied) == (target, False)
    assert sorted(p.name for p in mine.iterdir()) == ["evening-2.yaml", "evening.yaml"]
