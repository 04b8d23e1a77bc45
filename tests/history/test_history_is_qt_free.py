"""The history is Qt-free: the CLI and tests use it without a QApplication, and the window
only reads it."""

import subprocess
import sys
from pathlib import Path

HISTORY = Path(__file__).resolve().parents[2] / "psoas_timer" / "history"


def test_importing_and_using_the_history_loads_no_qt(tmp_path: Path) -> None:
    modules = [
        f"psoas_timer.history.{p.stem}"
        for p in sorted(HISTORY.glob("*.py"))
        if p.stem != "__init__"
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "from psoas_timer.history import HistoryStore\n"
        f"with HistoryStore.open(__import__('pathlib').Path({str(tmp_path / 'h.sqlite3')!r})) as s:\n"
        "    s.progress()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "bad += sorted(m for m in sys.modules if m.startswith(('psoas_timer.ui', "
        "'psoas_timer.audio', 'psoas_timer.paths')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
