"""No user-facing string in the window's code escapes translation: a string literal (or an
f-string, or a sentence glued with +) handed to a widget's text, title, tooltip, accessible
name, a button, a menu, a message box... must come through ``_()`` / ``ngettext()`` /
``pgettext()`` (an AST walk over ``psoas_timer/ui``).

Strings without words (``"•"``, ``"0:00"``, ``"{name}: {value}"``) need no translation. The
few literals that are not translated on purpose are in :data:`ALLOWED`, each with why."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "psoas_timer" / "ui"

#: The window's packages checked (all of them once each is marked).
PACKAGES = (
    "library",
    "remote",
    "common",
    "player",
    "shell",
    "sound",
    "practice",
    "progress",
    "editor",
)

#: Calls whose string arguments a user sees (or hears from a screen reader).
SHOWN = frozenset(
    {
        "setText",
        "setWindowTitle",
        "setToolTip",
        "setStatusTip",
        "setWhatsThis",
        "setAccessibleName",
        "setAccessibleDescription",
        "setPlaceholderText",
        "setTitle",
        "setLabelText",
        "setInformativeText",
        "setDetailedText",
        "setButtonText",
        "showMessage",
        "setTabText",
        "setTabToolTip",
        "addTab",
        "insertTab",
        "setItemText",
        "addItem",
        "insertItem",
        "setHeaderLabels",
        "setHorizontalHeaderLabels",
        "setSuffix",
        "setPrefix",
        "setSpecialValueText",
        "addAction",
        "addMenu",
        "addButton",
        "information",
        "warning",
        "critical",
        "question",
        "about",
        "notify",
        "set_line",
        "QLabel",
        "QPushButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "QMenu",
        "QToolButton",
        "QMessageBox",
        "QCommandLinkButton",
        "QListWidgetItem",
        "QToolBar",
        "__init__",  # super().__init__("Routine") of a QGroupBox, a QLabel...
        "QTreeWidgetItem",
    }
)
#: Calls that translate (or mark) their argument.
TRANSLATING = frozenset({"_", "ngettext", "pgettext", "npgettext", "N_", "NP_", "content"})
#: Calls whose arguments are not text for the user even inside a shown call.
NOT_TEXT = frozenset({"setObjectName", "icon", "themed_icon", "QIcon", "QKeySequence", "fromTheme"})

#: (file under psoas_timer/ui, literal) -> why it is not translated.
ALLOWED: dict[tuple[str, str], str] = {
    ("practice/fullscreen.py", "IsInhibited"): "a D-Bus method's name, passed to a base class",
    ("practice/fullscreen.py", "HasInhibition"): "a D-Bus method's name, passed to a base class",
}

_WORDS = re.compile(r"[A-Za-z]{2,}")


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_log(call: ast.Call) -> bool:
    """``log.warning(...)``: the log is for developers, in English."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and ("log" in func.value.id.lower())
    )


def _untranslated(node: ast.AST) -> list[ast.AST]:
    """The parts of *node* that are user text built without a translating call."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node] if _WORDS.search(node.value) else []
    if isinstance(node, ast.JoinedStr):
        words = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
        return [node] if _WORDS.search(words) else []
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _untranslated(node.left) + _untranslated(node.right)
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body) + _untranslated(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [p for value in node.values for p in _untranslated(value)]
    if isinstance(node, ast.Call):
        name = _name(node)
        if name in TRANSLATING or name in NOT_TEXT:
            return []
        if name in ("format", "join") and isinstance(node.func, ast.Attribute):
            # "Hold {side}".format(...) is an untranslated sentence; " · ".join(...) is not.
            return _untranslated(node.func.value) if name == "format" else []
    return []


def _problems(path: Path, root: Path = UI) -> list[str]:
    rel = path.relative_to(root).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _name(node) not in SHOWN or _is_log(node):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            for part in _untranslated(arg):
                text = ast.get_source_segment(path.read_text(encoding="utf-8"), part) or ""
                literal = part.value if isinstance(part, ast.Constant) else text
                if (rel, str(literal)) in ALLOWED:
                    continue
                found.append(f"psoas_timer/ui/{rel}:{part.lineno}:{part.col_offset + 1}: {text}")
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_every_shown_string_is_translated(package: str) -> None:
    problems = [p for path in sorted((UI / package).rglob("*.py")) for p in _problems(path)]
    assert not problems, "untranslated text for the user:\n" + "\n".join(problems)


def test_the_lint_finds_what_it_should(tmp_path: Path) -> None:
    """The walk itself: each way of writing an untranslated string is caught, each
    translated one let through."""
    code = (
        "label = QLabel('Hold on')\n"  # caught
        "label.setText(f'Hold {side}')\n"  # caught
        "label.setToolTip('Start ' + key)\n"  # caught
        "label.setText('Hold {side}'.format(side=side))\n"  # caught
        "label.setText(_('Hold {side}').format(side=side))\n"  # fine
        "label.setText(ngettext('{n} day', '{n} days', n).format(n=n))\n"  # fine
        "label.setText('0:00')\n"  # fine: no words
        "label.setObjectName('hold_label')\n"  # fine: not shown
    )
    path = tmp_path / "sample.py"
    path.write_text(code, encoding="utf-8")
    found = _problems(path, tmp_path)
    assert [p.split(":")[1] for p in found] == ["1", "2", "3", "4"], found


def _binds_underscore(function: ast.AST) -> int | None:
    """The line where *function* itself (not a comprehension in it) binds ``_``."""
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            continue  # its own scope
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            return node.lineno
        stack.extend(ast.iter_child_nodes(node))
    return None


def test_no_function_hides_the_translating_underscore() -> None:
    """``name, _ = QFileDialog.getSaveFileName(self, _("Export"))`` makes ``_`` a local of
    the whole function: its ``_("...")`` calls then fail (UnboundLocalError)."""
    found = []
    for path in sorted((ROOT / "psoas_timer").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            line = _binds_underscore(node)
            calls = any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
                for n in ast.walk(node)
            )
            if line is not None and calls:
                found.append(f"{path.relative_to(ROOT)}:{line}: {node.name} binds _")
    assert not found, "\n".join(found)
