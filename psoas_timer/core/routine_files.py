"""The user's routine files: save atomically with a backup, name, copy, rename, trash and
restore, import and export.

File operations never touch bundled routines: writes go to the user's folder (or, for export,
wherever the user chooses), through :func:`~psoas_timer.atomic_file.atomic_write`;
the previous version is kept in ``.backup/`` and deleted routines go to ``.trash/``. The YAML
itself is :mod:`psoas_timer.core.routine_io`.
"""

from __future__ import annotations

import errno
import os
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from psoas_timer.atomic_file import atomic_write
from psoas_timer.i18n import _, content

from .loader import Library, load_routine_text, read_source, translated_content
from .routine_io import RoutineDocument

__all__ = [
    "BACKUP_DIR",
    "TRASH_DIR",
    "TrashItem",
    "backup_path",
    "delete_to_trash",
    "duplicate_routine",
    "export_routine",
    "import_routine",
    "in_shown_language",
    "rename_routine",
    "restore_from_trash",
    "save_bytes",
    "save_document",
    "slug",
    "unique_path",
]

BACKUP_DIR = ".backup"
TRASH_DIR = ".trash"


def backup_path(path: Path) -> Path:
    return path.parent / BACKUP_DIR / path.name


def _own_folder(folder: Path) -> Path:
    """*folder* (``.backup`` or ``.trash``), made when missing. A link in its place is not
    followed: it could send a backup, or a deleted routine, anywhere."""
    for _attempt in range(2):  # before making it, and after (a link put there in between)
        if folder.is_symlink():
            raise OSError(
                errno.ELOOP,
                _("{folder} is a link, and links there are not followed").format(folder=folder),
                str(folder),
            )
        folder.mkdir(exist_ok=True)
    return folder


def save_bytes(path: Path, data: bytes, *, backup: bool = True) -> bool:
    """Write *data* to *path* atomically (:func:`~psoas_timer.atomic_file.atomic_write`).

    With *backup*, the previous version is kept in ``.backup/`` first. Returns ``False`` (and
    writes nothing) when *path* already holds exactly *data*.
    """
    if path.exists():
        old = path.read_bytes()
        if old == data:
            return False
        if backup:
            saved = backup_path(path)
            _own_folder(saved.parent)
            atomic_write(saved, old, mode=path.stat().st_mode & 0o777)
    atomic_write(path, data)
    return True


def save_document(document: RoutineDocument, path: Path, *, backup: bool = True) -> bool:
    """Save *document* to *path* atomically (a draft with problems saves too)."""
    return save_bytes(path, document.dump().encode("utf-8"), backup=backup)


def slug(name: str) -> str:
    """A file name stem for a routine name: ``"My evening!"`` → ``"my-evening"``. Letters,
    marks and digits of every script are kept (``"Вечерняя растяжка"`` →
    ``"вечерняя-растяжка"``, ``"腰の体操"`` stays); everything else, and so every character a
    file system refuses, becomes one hyphen."""
    text = unicodedata.normalize("NFC", name).lower()
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else "-" for c in text)
    text = re.sub(r"-+", "-", kept).strip("-")
    return text[:60].rstrip("-") or "routine"


def unique_path(folder: Path, stem: str, suffix: str = ".yaml") -> Path:
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def in_shown_language(document: RoutineDocument) -> RoutineDocument:
    """*document*, read from a bundled file, with its words as the user saw it (in place):
    names, description, instructions, safety lines, spoken prompts, questions and tags in
    the current language, as the loader shows a bundled routine. A user's own routine is
    never translated, so a copy of a bundled one keeps these words, not the English ones.
    Muscles and equipment stay as written: the history keys the areas by them, and they are
    translated wherever they are shown."""
    data = document.data
    translated_content(data)
    tags = data.get("tags")
    if isinstance(tags, list):
        for index, tag in enumerate(tags):
            if isinstance(tag, str) and tag.strip():
                tags[index] = content(tag.strip())
    return document


def duplicate_routine(
    source: Path, user_dir: Path, name: str | None = None, *, bundled: bool = False
) -> Path:
    """Copy *source* (e.g. a bundled routine, left untouched) into *user_dir* under a new name;
    a *bundled* one in the words the user saw it in (:func:`in_shown_language`)."""
    document = RoutineDocument.from_path(source)
    if bundled:
        in_shown_language(document)
    new_name = name or _("{name} (copy)").format(name=document.name)
    document.data["name"] = new_name
    target = unique_path(user_dir, slug(new_name))
    save_document(document, target, backup=False)
    return target


def rename_routine(path: Path, new_name: str) -> Path:
    """Give the routine at *path* a new name, and a file name to match when that is free."""
    document = RoutineDocument.from_path(path)
    document.data["name"] = new_name
    stem = slug(new_name)
    target = path if stem == path.stem else unique_path(path.parent, stem)
    save_document(document, target)
    if target != path:
        saved = backup_path(path)
        _own_folder(saved.parent)
        os.replace(path, saved)
    return target


@dataclass(frozen=True)
class TrashItem:
    """A routine moved to the trash, and where it came from (for undo)."""

    original: Path
    trashed: Path


def delete_to_trash(path: Path) -> TrashItem:
    """Move *path* to the ``.trash`` folder beside it; :func:`restore_from_trash` undoes it."""
    trash = path.parent / TRASH_DIR
    _own_folder(trash)
    target = unique_path(trash, f"{time.strftime('%Y%m%d-%H%M%S')}-{path.stem}", path.suffix)
    os.replace(path, target)
    return TrashItem(path, target)


def restore_from_trash(item: TrashItem) -> Path:
    """Put a trashed routine back (beside its original name if that has been taken since)."""
    target = item.original
    if target.exists():
        target = unique_path(target.parent, f"{target.stem}-restored", target.suffix)
    os.replace(item.trashed, target)
    return target


def import_routine(source: Path, user_dir: Path, library: Library | None = None) -> Path:
    """Validate the routine at *source* and copy it into *user_dir*.

    Raises :class:`LoadError` with every problem (and copies nothing) if it is not valid.
    """
    data = read_source(source)
    routine = load_routine_text(data, str(source), library)
    target = unique_path(user_dir, slug(routine.name))
    save_bytes(target, data, backup=False)
    return target


def export_routine(source: Path | RoutineDocument, destination: Path) -> None:
    """Save a copy of a routine file (or document) anywhere, to share it."""
    if isinstance(source, RoutineDocument):
        data = source.dump().encode("utf-8")
    else:
        data = source.read_bytes()
    save_bytes(destination, data, backup=False)
