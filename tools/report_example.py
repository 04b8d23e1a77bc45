"""Write the example report in docs/: eight weeks of a sample history (tools/sample_history.py)
as docs/report-example.pdf, and its first page as docs/report-example.png (with pdftoppm).

    QT_QPA_PLATFORM=offscreen python tools/report_example.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication, QPageSize  # noqa: E402
from sample_history import fill  # noqa: E402

from psoas_timer.history import HistoryStore  # noqa: E402
from psoas_timer.history.report import build_report  # noqa: E402
from psoas_timer.ui.progress.report_pdf import write_report_pdf  # noqa: E402


class _Programme:
    name = "Evening release, five days a week"

    def routine_on(self, weekday: int) -> str | None:
        return "evening-release" if weekday < 5 else None


def main() -> int:
    _app = QGuiApplication([])
    until = date(2026, 12, 6)
    with (
        tempfile.TemporaryDirectory() as folder,
        HistoryStore.open(Path(folder) / "history.sqlite3") as store,
    ):
        store.set_weekly_goal(5)
        fill(store, 8, until)
        report = build_report(
            store,
            until - timedelta(weeks=8) + timedelta(days=1),
            until,
            name="Alex Example",
            note="Hip and low-back pain since March; home programme from the clinic.",
            programme=_Programme(),
            made=datetime(2026, 12, 7, 9, 0, tzinfo=timezone(timedelta(hours=1))),
        )
    pdf = ROOT / "docs" / "report-example.pdf"
    pages = write_report_pdf(report, pdf, QPageSize(QPageSize.PageSizeId.A4))
    png = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png)],
        check=True,
    )
    print(f"wrote {pdf} ({pages} pages) and {png}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
