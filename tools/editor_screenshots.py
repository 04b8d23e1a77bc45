"""Render the session builder offscreen to ``docs/editor.png`` (and the library picker to
``docs/editor-library.png``), editing a copy of the daily routine in a throwaway folder.

    QT_QPA_PLATFORM=offscreen python tools/editor_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from psoas_timer.core.catalog import load_catalog
from psoas_timer.ui.editor import EditorView, EditorWindow
from psoas_timer.ui.editor.library_picker import LibraryPicker

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    catalog = load_catalog(ROOT / "routines")
    with tempfile.TemporaryDirectory() as folder:
        view = EditorView(library=catalog.library, user_dir=Path(folder))
        window = EditorWindow(view)
        window.resize(1200, 860)
        view.files.open_path(ROOT / "routines" / "daily-psoas.yaml")
        view.step_list.setCurrentRow(2)
        window.show()
        app.processEvents()
        docs = ROOT / "docs"
        window.grab().save(str(docs / "editor.png"))
        picker = LibraryPicker(catalog.library)
        picker.equipment.setCurrentText("ball")
        picker.show()
        app.processEvents()
        picker.grab().save(str(docs / "editor-library.png"))
        window.close()
        picker.close()
    print(f"wrote {docs / 'editor.png'} and {docs / 'editor-library.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
