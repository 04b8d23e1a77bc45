"""The history store reads every row of more than one column by the column's name, never by
its place (#20 item 5): a column added to a query, or two swapped, cannot shift what a
figure is read from (the routine list's statistics read the fifth column before the fourth)."""

from __future__ import annotations

import ast
from pathlib import Path

STORE = Path(__file__).resolve().parents[2] / "psoas_timer" / "history" / "store.py"


def test_no_row_is_read_by_a_column_s_place() -> None:
    tree = ast.parse(STORE.read_text(encoding="utf-8"))
    by_place = [
        f"line {node.lineno}: {ast.unparse(node)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, int)
        and node.slice.value >= 1  # [0] is the one column of a single-column query
    ]
    unpacked = [
        f"line {node.target.lineno}: {ast.unparse(node.target)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.For | ast.comprehension)
        and isinstance(node.target, ast.Tuple)
        and isinstance(node.iter, ast.Call | ast.Name)
        and "execute" in ast.unparse(node.iter) + _source_of(tree, node.iter)
    ]
    assert by_place == []
    assert unpacked == []


def _source_of(tree: ast.Module, node: ast.expr) -> str:
    """What a loop's rows come from, when they are a name assigned earlier in the file."""
    if not isinstance(node, ast.Name):
        return ""
    return " ".join(
        ast.unparse(assign.value)
        for assign in ast.walk(tree)
        if isinstance(assign, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == node.id for t in assign.targets)
    )
