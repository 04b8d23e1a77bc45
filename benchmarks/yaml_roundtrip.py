"""How much a comment-keeping YAML round trip costs, against PyYAML, in the same run.

    python benchmarks/yaml_roundtrip.py [--repeat N]

Loads and saves every bundled routine and library file N times with:
PyYAML ``safe_load``/``safe_dump`` (the baseline, pure Python), PyYAML with libyaml
(``CSafeLoader``/``CSafeDumper``, what the loader uses), ruamel.yaml round-trip (what the editor
saves with: it keeps comments, order and styles), and the editor's full path (bounded read,
round-trip load; dump; validation by the loader). Prints per-file times and ratios to the
baseline.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML

from psoas_timer.core.catalog import read_libraries
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.routine_io import RoutineDocument

ROOT = Path(__file__).resolve().parent.parent


def _best(fn: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    files = sorted((ROOT / "routines").glob("*.yaml")) + sorted(
        (ROOT / "routines" / "library").glob("*.yaml")
    )
    texts = [p.read_text(encoding="utf-8") for p in files]
    size = sum(len(t.encode()) for t in texts)
    library, _ = read_libraries(sorted((ROOT / "routines" / "library").glob("*.yaml")))
    routine_texts = texts[: len(sorted((ROOT / "routines").glob("*.yaml")))]

    rt = YAML(typ="rt")
    plain = [yaml.safe_load(t) for t in texts]
    trees = [rt.load(t) for t in texts]
    documents = [RoutineDocument.from_text(t) for t in texts]

    def rt_dump() -> None:
        for tree in trees:
            rt.dump(tree, io.StringIO())

    cases: list[tuple[str, Callable[[], Any]]] = [
        ("load  PyYAML safe_load (pure Python)", lambda: [yaml.safe_load(t) for t in texts]),
        (
            "load  PyYAML CSafeLoader (libyaml)",
            lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts],
        ),
        ("load  ruamel.yaml round-trip", lambda: [rt.load(t) for t in texts]),
        (
            "load  editor: RoutineDocument.from_text",
            lambda: [RoutineDocument.from_text(t) for t in texts],
        ),
        (
            "save  PyYAML safe_dump (pure Python)",
            lambda: [yaml.safe_dump(d, sort_keys=False) for d in plain],
        ),
        (
            "save  PyYAML CSafeDumper (libyaml)",
            lambda: [yaml.dump(d, Dumper=yaml.CSafeDumper, sort_keys=False) for d in plain],
        ),
        ("save  ruamel.yaml round-trip dump", rt_dump),
        ("save  editor: RoutineDocument.dump", lambda: [d.dump() for d in documents]),
        (
            "check editor: dump + validate (per keystroke)",
            lambda: [
                load_routine_text(d.dump(), "x", library) for d in documents[: len(routine_texts)]
            ],
        ),
    ]
    results = [(label, _best(fn, args.repeat)) for label, fn in cases]
    base_load, base_save = results[0][1], results[4][1]
    print(f"{len(files)} files, {size / 1024:.1f} KiB in all; best of {args.repeat}\n")
    print(f"{'':48} {'all files':>10} {'per file':>10} {'ratio':>7}")
    for label, seconds in results:
        base = base_load if label.startswith("load") else base_save
        ratio = seconds / base
        print(
            f"{label:48} {seconds * 1000:8.2f}ms {seconds * 1000 / len(files):8.2f}ms {ratio:6.2f}x"
        )
    print("\nratios: load rows vs PyYAML safe_load, save/check rows vs PyYAML safe_dump")


if __name__ == "__main__":
    main()
