"""A :class:`~.scene.Scene` written as SVG text, for pages, files, documents and icons.

Colours are the light theme's (:data:`LIGHT`); the player paints the same scene with the
window's palette instead. Text is escaped; nothing read from a file reaches the markup
unescaped.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .scene import Path, Scene

__all__ = ["DARK", "LIGHT", "to_svg"]

#: Role colours on a light page.
LIGHT = {
    "floor": "#6d6d6d",
    "mat": "#80cbc4",
    "far": "#a7b6c2",
    "skin": "#e3eaf0",
    "hair": "#4e3b31",
    "line": "#1f2a30",
    "joint": "#1f2a30",
    "bone": "#8d5b3c",
    "target": "#e64a19",
    "prop": "#fafafa",
    "prop_dark": "#78909c",
    "ball": "#c62828",
    "wood": "#bcaaa4",
    "metal": "#9e9e9e",
    "heat": "#ef6c00",
    "ice": "#0288d1",
    "cushion": "#ce93d8",
    "towel": "#f3dfa2",
    "sign": "#1565c0",
    "ghost": "#b8c4cc",
}
#: Role colours on a dark page.
DARK = {
    **LIGHT,
    "floor": "#9e9e9e",
    "mat": "#26695f",
    "far": "#6b7b88",
    "skin": "#c5d0d9",
    "line": "#0b1013",
    "joint": "#0b1013",
    "sign": "#64b5f6",
    "ghost": "#56636b",
}


def _d(path: Path, scale: float) -> str:
    out = []
    for command in path.commands:
        op = str(command[0])
        coords = []
        for p in command[1:]:
            if isinstance(p, tuple):
                coords.append(f"{p[0] * scale:.1f},{-p[1] * scale:.1f}")
        out.append(op + " ".join(coords))
    return "".join(out)


def _light(hex_colour: str, amount: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def to_svg(scene: Scene, *, colours: dict[str, str] | None = None, width: int = 480) -> str:
    """*scene* as an SVG document *width* pixels wide at its natural size."""
    c = colours or LIGHT
    f = scene.frame
    scale = 1000.0  # coordinates in thousandths of the body's height
    height = round(width * f.height / f.width)
    box = f"{f.left * scale:.1f} {-f.top * scale:.1f} {f.width * scale:.1f} {f.height * scale:.1f}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="{box}">',
    ]
    if scene.title:
        parts.append(f"<title>{escape(scene.title)}</title>")
    gradients = sorted({s.fill for s in scene.shapes if s.gradient and s.fill})
    if gradients:
        parts.append("<defs>")
        for role in gradients:
            base = c[role]
            parts.append(
                f'<radialGradient id="shade-{role}" cx="0.35" cy="0.3" r="0.75">'
                f'<stop offset="0" stop-color="{_light(base, 0.55)}"/>'
                f'<stop offset="0.6" stop-color="{base}"/>'
                f'<stop offset="1" stop-color="{_light(base, -0.0)}" stop-opacity="1"/>'
                "</radialGradient>"
            )
        parts.append("</defs>")
    for shape in scene.shapes:
        fill = "none"
        if shape.fill:
            fill = f"url(#shade-{shape.fill})" if shape.gradient else c[shape.fill]
        attrs = [f'd="{_d(shape.path, scale)}"', f'fill="{fill}"']
        if shape.stroke:
            attrs.append(f'stroke="{c[shape.stroke]}"')
            attrs.append(f'stroke-width="{shape.width * scale:.1f}"')
            attrs.append('stroke-linejoin="round" stroke-linecap="round"')
            if shape.dashed:
                attrs.append(f'stroke-dasharray="{shape.width * scale * 3:.1f}"')
        if shape.alpha < 1:
            attrs.append(f'opacity="{shape.alpha:.2f}"')
        parts.append(f"<path {' '.join(attrs)}/>")
    for label in scene.labels:
        baseline = -label.at[1] * scale + label.size * scale * 0.35
        parts.append(
            f'<text x="{label.at[0] * scale:.1f}" y="{baseline:.1f}" '
            f'font-family="sans-serif" font-weight="bold" font-size="{label.size * scale:.1f}" '
            f'text-anchor="middle" fill="{c[label.role]}">{escape(label.text)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
