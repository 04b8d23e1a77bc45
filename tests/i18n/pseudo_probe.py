"""Open the real window and every dialog (as ``tests/ui/fit_probe.py`` does) in the
pseudo-language, and print, per window, the texts shown without the pseudo-language's
markers (untranslated) and the texts cut off (a label or button narrower than its text,
neither wrapped nor shortened with its whole text in a tooltip).

Run by ``test_pseudo_walk.py`` with ``LANGUAGE=en@pseudo`` at 800x600.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QWidget,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
import fit_probe

from psoas_timer.i18n.pseudo import CLOSE, OPEN
from psoas_timer.ui.common.fit_label import FitLabel

#: Text that is the user's or the system's, not the app's: file paths, numbers and times,
#: key names, the probe's own routine and programme (a user's files), Qt's spin box arrows.
_DATA = re.compile(
    r"^[\W\d_]*$"  # no letters: "0:00", "12", "–", "→"
    r"|/|\\.yaml|\\.pdf"  # paths and file names
    r"|Gentle morning release|Supported bridge|Six gentle weeks"  # the probe's user files
    r"|^(Ctrl|Alt|Shift|F\d+|Esc|Space|Enter)\b"  # key names (Qt's)
    r"|^Psoas Timer( \d.*)?$"  # the app's name (a window title), About's name and version
)


def _locale_words() -> set[str]:
    """Day and month names: the locale's own (Babel's), not the app's text."""
    from psoas_timer import i18n

    words = {i18n.day_name(d, w) for d in range(7) for w in ("abbreviated", "wide")}
    words |= {i18n.month_name(m, w) for m in range(1, 13) for w in ("abbreviated", "wide")}
    return words


def _qt_standard(widget: QWidget) -> bool:
    """A standard button (OK, Cancel, Close...): Qt's own words, translated by Qt's catalog
    (qtbase_<lang>.qm), which a pseudo-language has none of."""
    box = widget.parentWidget()
    while box is not None and not isinstance(box, QDialogButtonBox):
        box = box.parentWidget()
    return (
        isinstance(box, QDialogButtonBox)
        and isinstance(widget, QPushButton)
        and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
    )


def _shown_texts(widget: QWidget) -> list[tuple[QWidget, str]]:
    texts: list[tuple[QWidget, str]] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisible():
            continue
        if isinstance(child, (QLabel, QAbstractButton)):
            texts.append((child, child.text()))
        elif isinstance(child, QGroupBox):
            texts.append((child, child.title()))
        elif isinstance(child, QTabWidget):
            texts += [(child, child.tabText(i)) for i in range(child.count())]
        elif isinstance(child, QLineEdit):
            texts.append((child, child.placeholderText()))
        elif isinstance(child, QComboBox) and not child.isEditable():
            texts.append((child, child.currentText()))
        if child.isWindow():
            texts.append((child, child.windowTitle()))
        # what a pointer's tooltip and a screen reader say
        texts += [(child, child.toolTip()), (child, child.accessibleName())]
    return [(w, t) for w, t in texts if t and t.strip()]


def _plain(text: str) -> str:
    """*text* as drawn: no tags, no mnemonic's & (a && is one &)."""
    return re.sub(r"&(.)", r"\1", re.sub(r"<[^>]+>", "", text))


def untranslated(widget: QWidget) -> list[str]:
    found = []
    locale = _locale_words()
    for shown, text in _shown_texts(widget):
        plain = _plain(text)
        if OPEN in plain or CLOSE in plain or _DATA.search(plain) or plain in locale:
            continue
        if _qt_standard(shown):
            continue
        found.append(plain[:80])
    return sorted(set(found))


def clipped(widget: QWidget) -> list[str]:
    """Labels and buttons whose one line of text is wider than they are, with no tooltip
    holding the whole text; and pages wider than their window (they scroll sideways, so a
    wrapped line is cut at the window's edge)."""
    found = []
    for child in widget.findChildren(QWidget):
        if not child.isVisible() or child.width() <= 1:
            continue
        if isinstance(child, QScrollArea) and child.horizontalScrollBar().maximum() > 0:
            inner = child.widget()
            found.append(
                f"{(inner.objectName() if inner else '') or child.objectName() or 'page'}: "
                f"scrolls sideways ({child.horizontalScrollBar().maximum()} px)"
            )
        if isinstance(child, QLabel):
            if child.wordWrap() or not child.text() or child.textFormat() == 1:  # rich text
                continue
            if child.pixmap() is not None and not child.pixmap().isNull():
                continue
            # a FitLabel may be drawn broken onto lines (or shortened): measure what it draws
            drawn = child.shown_text() if isinstance(child, FitLabel) else child.text()
            lines = _plain(drawn).split("\n")
            need = max(child.fontMetrics().horizontalAdvance(line) for line in lines)
            need += child.contentsMargins().left() + child.contentsMargins().right()
            if need > child.width() + 1 and child.text() not in child.toolTip():
                found.append(
                    f"{child.objectName() or 'label'}: {_plain(child.text())[:60]} ({need} > {child.width()})"
                )
        elif (
            isinstance(child, QAbstractButton)
            and child.text()
            and child.sizeHint().width() > child.width() + 1
            and _plain(child.text()) not in child.toolTip()
        ):
            found.append(
                f"{child.objectName() or 'button'}: {_plain(child.text())[:60]} ({child.sizeHint().width()} > {child.width()})"
            )
        if isinstance(child, QAbstractButton) and child.text():
            # drawn in part only: pushed past its window's edge (a page wider than the window)
            shown = child.visibleRegion().boundingRect()
            left = child.mapTo(widget, child.rect().topLeft()).x()
            if left + child.width() > widget.width() + 1 or (
                not shown.isEmpty() and shown.width() < child.width() - 1
            ):
                found.append(
                    f"{child.objectName() or 'button'}: {_plain(child.text())[:60]} (past the edge)"
                )
    return sorted(set(found))


def _menu_texts(menu: QMenu) -> list[str]:
    found = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        text = _plain(action.text())
        if text and OPEN not in text and not _DATA.search(text):
            found.append(text)
        sub = action.menu()
        if isinstance(sub, QMenu):
            found += _menu_texts(sub)
    return found


_original_report = fit_probe.report


def report(name: str, widget: QWidget) -> None:
    _original_report(name, widget)
    line = {"name": name, "untranslated": untranslated(widget), "clipped": clipped(widget)}
    if name == "main/library":
        menu = widget.findChild(QMenu, "main_menu")
        line["menu"] = _menu_texts(menu) if menu is not None else ["no menu"]
    print(json.dumps({"check": line}), flush=True)


fit_probe.report = report

if __name__ == "__main__":
    sys.exit(fit_probe.main(sys.argv[1:]))
