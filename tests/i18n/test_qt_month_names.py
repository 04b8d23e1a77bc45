"""Qt's own date fields (the report's From and To) in the language spoken, whatever the
system's LC_TIME: LANGUAGE=de with LANG=C showed "13 Oct 2026" among German words."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = """
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QDateEdit
app = QApplication([])
from psoas_timer.ui.common.translation import apply_language
apply_language(None)
edit = QDateEdit(QDate(2026, 10, 13))
edit.setDisplayFormat("d MMM yyyy")
print(edit.text())
"""


@pytest.mark.parametrize(
    ("language", "lang", "month"),
    [("de", "C.UTF-8", "Okt."), ("fr", "C.UTF-8", "oct."), ("de", "en_US.UTF-8", "Okt.")],
)
def test_a_date_field_names_the_month_in_the_language_spoken(
    tmp_path: object, language: str, lang: str, month: str
) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "LANGUAGE": language,
        "LANG": lang,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path),
    }
    env.pop("LC_ALL", None)
    env.pop("LC_TIME", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert month in result.stdout.split(), result.stdout
