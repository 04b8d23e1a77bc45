"""Draw every bundled exercise's picture from the figure rig (none is drawn by hand).

    python tools/draw_figures.py            # rewrite assets/images/*.svg from the library
    python tools/draw_figures.py --check    # fail if a picture on disk is out of date
    python tools/draw_figures.py --png DIR  # also render each to DIR/<id>.png to look at
    python tools/draw_figures.py --fit ID   # suggest angles that make ID's poses touch down

Each exercise's ``figure`` (in ``routines/library/*.yaml``) gives its poses, props and
target; its ``image`` names the file written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from psoas_timer.core.figure.drawing import pose_problems, still  # noqa: E402
from psoas_timer.core.figure.svg import to_svg  # noqa: E402
from psoas_timer.core.loader import Library, load_library  # noqa: E402


def library() -> Library:
    found = Library()
    for path in sorted((ROOT / "routines" / "library").glob("*.yaml")):
        load_library(path, found)
    return found


def pictures(lib: Library) -> dict[Path, tuple[str, str]]:
    """Each picture file with the exercise id and SVG text it should hold."""
    out: dict[Path, tuple[str, str]] = {}
    for ident, step in lib.exercises.items():
        if step.figure is None or not step.image:
            continue
        target = (lib.origin[ident].parent / step.image).resolve()
        scene = still(step.figure)
        scene.title = step.name or ident
        out[target] = (ident, to_svg(scene))
    return out


def render_png(svg: str, path: Path, width: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    size = renderer.defaultSize()
    height = round(width * size.height() / size.width())
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    image.save(str(path))


def suggest(lib: Library, ident: str) -> int:
    """Print *ident*'s poses with angles nudged so that what they touch touches."""
    from psoas_timer.core.figure.fitting import fit_pose

    step = lib.exercises.get(ident)
    if step is None or step.figure is None:
        print(f"{ident}: no such exercise with a figure", file=sys.stderr)
        return 2
    for name, pose in step.figure.poses.items():
        fitted = fit_pose(pose, step.figure.view)
        problems = pose_problems(step.figure, fitted)
        shown = fitted.model_dump(exclude_defaults=True)
        print(f"{name}: {shown}" + (f"  # still: {problems}" if problems else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a picture is stale")
    parser.add_argument("--png", type=Path, help="also render PNGs into this folder")
    parser.add_argument("--only", nargs="*", default=None, help="exercise ids to draw")
    parser.add_argument("--width", type=int, default=480)
    parser.add_argument("--fit", metavar="ID", help="print fitted angles for ID's poses")
    args = parser.parse_args(argv)
    lib = library()
    if args.fit:
        return suggest(lib, args.fit)
    stale = []
    for path, (ident, svg) in sorted(pictures(lib).items()):
        if args.only and ident not in args.only:
            continue
        step = lib.exercises[ident]
        assert step.figure is not None
        for name, pose in step.figure.poses.items():
            for problem in pose_problems(step.figure, pose):
                print(f"{ident}: {name} pose: {problem}", file=sys.stderr)
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != svg:
                stale.append(path)
            continue
        path.write_text(svg, encoding="utf-8")
        if args.png is not None:
            args.png.mkdir(parents=True, exist_ok=True)
            render_png(svg, args.png / f"{ident}.png", args.width)
    for path in stale:
        print(f"out of date: {path.relative_to(ROOT)} (run python tools/draw_figures.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
