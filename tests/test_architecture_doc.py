"""docs/architecture.md names only paths, modules and names that exist.

The document is where a newcomer looks first; a module moved or renamed without it would
send them to nothing. Every `code` span that names a file or folder of the repository
(``psoas_timer/...``, ``tests/...``), a module of the package (``core.plan``,
``psoas_timer.session.flow.SessionFlow``, ``ui.shell.settings.Preferences``), or a helper of
the window or editor by its module (``session_steps.SessionSteps``), or a class by its name
alone (``StepsHost``, ``MainWindow.load()``) is checked: the file exists, and a name after
the module is defined there (a class, function or assignment, and a member of that class).
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
PACKAGE = ROOT / "psoas_timer"

#: Folders of the repository a path in the document may start with.
REPO_FOLDERS = ("psoas_timer/", "tests/", "docs/", "benchmarks/", "tools/", "routines/")
#: The package's top-level parts a dotted name may start with (``psoas_timer.`` dropped).
PACKAGE_PARTS = {p.stem for p in PACKAGE.iterdir() if p.suffix == ".py" or p.is_dir()}
#: Where a helper named by its module alone lives (the tables of the window's helpers).
HELPER_FOLDERS = (PACKAGE / "ui" / "shell", PACKAGE / "ui" / "editor")

#: Endings of files kept in the user's folders, named by the document as they are called.
FILE_KINDS = {"json", "sqlite3", "yaml", "yml", "conf", "plist", "ini", "csv"}

_SPAN = re.compile(r"`([^`\n]+)`")
_DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")


def spans() -> list[str]:
    return sorted(set(_SPAN.findall(DOC.read_text(encoding="utf-8"))))


def _module_file(parts: list[str], base: Path) -> Path | None:
    """The file of the module *parts* under *base* (a package's ``__init__``), if any."""
    path = base.joinpath(*parts)
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    return None


@cache
def _defined(module: Path) -> dict[str, set[str]]:
    """Names defined at the top of *module* (imported ones too), each with its members
    (a class's methods and attributes; nothing for the rest)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    names: dict[str, set[str]] = {}

    def targets(node: ast.stmt) -> list[str]:
        if isinstance(node, ast.Assign):
            return [t.id for t in node.targets if isinstance(t, ast.Name)]
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            return [node.target.id]
        return []

    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = set()
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    members.add(item.name)
                members.update(targets(item))
            for item in ast.walk(node):  # self.x = ... in its methods
                if isinstance(item, ast.Attribute) and isinstance(item.ctx, ast.Store):
                    members.add(item.attr)
            names[node.name] = members
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names[node.name] = set()
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                names[(alias.asname or alias.name).split(".")[0]] = set()
        elif isinstance(node, ast.If):  # TYPE_CHECKING imports, platform branches
            for item in ast.walk(node):
                if isinstance(item, ast.ImportFrom):
                    for alias in item.names:
                        names[alias.asname or alias.name] = set()
        else:
            for name in targets(node):
                names[name] = set()
    return names


@cache
def _everywhere() -> dict[str, set[str]]:
    """Every name defined (not imported) at the top of a module of the package, with its
    members when it is a class (the union, for a name defined in more than one module)."""
    found: dict[str, set[str]] = {}
    for module in PACKAGE.rglob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        for name, members in _defined(module).items():
            if name not in imported:
                found.setdefault(name, set()).update(members)
    return found


def _named_class(name: str) -> str | None:
    """What is wrong with *name*, a class (``DropHost``) or a class's member
    (``MainWindow.load``) named without its module, or None."""
    parts = name.split(".")
    if re.match(r"^Q[A-Z]", parts[0]) or parts[0] in {"None", "True", "False"}:
        return None  # Qt's own, Python's own
    defined = _everywhere()
    if parts[0] not in defined:
        return f"nothing in the package defines {parts[0]}"
    if len(parts) > 1 and defined[parts[0]] and parts[1] not in defined[parts[0]]:
        return f"{parts[0]} has no {parts[1]}"
    return None


def problem(span: str) -> str | None:
    """What is wrong with the name in *span*, or None (also for spans that name no part of
    the repository: a key of the format, a command, a file in the user's folders)."""
    text = span.strip()
    if text.startswith(REPO_FOLDERS):
        path = text.split(" ")[0].rstrip(":")
        found = list(ROOT.glob(path)) if "*" in path else [ROOT / path]
        return None if found and all(p.exists() for p in found) else f"no such path: {path}"
    name = re.sub(r"\(.*\)$", "", text)  # `MainWindow.load()`, `Begin(plan, at)`
    if re.match(r"^_?[A-Z][a-z]\w*(\.\w+)?$", name):
        return _named_class(name)
    if not _DOTTED.match(name):
        return None
    if name.endswith(".py"):  # a module by its file name: somewhere in the package
        return None if any(PACKAGE.rglob(name)) else f"no such file: {name}"
    if name.rsplit(".", 1)[1] in FILE_KINDS:
        return None  # a file in the user's folders (`practice.json`, `history.sqlite3`)
    parts = name.split(".")
    if parts[0] == "psoas_timer":
        parts = parts[1:]
        bases = [PACKAGE]
    elif parts[0] in PACKAGE_PARTS:
        bases = [PACKAGE]
    elif any(_module_file(parts[:1], folder) for folder in HELPER_FOLDERS):
        bases = list(HELPER_FOLDERS)
    else:
        return None  # an attribute of something (`view.act`), a file name (`practice.json`)
    for base in bases:
        for cut in range(len(parts), 0, -1):
            module = _module_file(parts[:cut], base)
            if module is None:
                continue
            rest = parts[cut:]
            if not rest:
                return None
            defined = _defined(module)
            if rest[0] not in defined:
                return f"{'.'.join(parts[:cut])} defines no {rest[0]}"
            if len(rest) > 1 and rest[1] not in defined[rest[0]] and defined[rest[0]]:
                return f"{'.'.join(parts[:cut])}.{rest[0]} has no {rest[1]}"
            return None
    return f"no such module: {name}"


def test_the_document_names_something() -> None:
    checked = [span for span in spans() if problem(span) is None and "." in span]
    assert len(checked) > 50  # the check reads the document's names, not nothing


@pytest.mark.parametrize("span", spans())
def test_every_path_and_module_named_exists(span: str) -> None:
    assert problem(span) is None


@pytest.mark.parametrize(
    "span",
    [
        "psoas_timer/ui/shell/no_such_module.py",
        "tests/nowhere/",
        "core.no_such_module",
        "psoas_timer.session.flow.NoSuchFlow",
        "ui.shell.settings.Preferences.no_such_option",
        "session_steps.NoSuchSteps",
        "no_such_helper.py",
        "NoSuchHost",
        "MainWindow.no_such_slot()",
    ],
)
def test_a_name_that_does_not_exist_is_caught(span: str) -> None:
    assert problem(span) is not None
