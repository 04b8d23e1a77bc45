"""Short plain sentences about recorded sessions, shared by the window and the CLI."""

from __future__ import annotations

from collections.abc import Iterable

from .records import Release

__all__ = ["describe_releases", "format_seconds"]


def format_seconds(seconds: float) -> str:
    """``"1:40"``, ``"1:02:05"``: minutes and seconds (hours when there are some)."""
    total = round(max(0.0, seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def describe_releases(releases: Iterable[Release]) -> str:
    """``"Psoas release: left released in 1:40, right in 2:10"``: each point's first release,
    the point (its step) named once before its sides; holds that ended otherwise say how."""
    parts: list[str] = []
    last_name: str | None = None
    seen: set[tuple[str, str | None]] = set()
    for release in releases:
        point = release.point
        if (point.key, point.side) in seen:
            continue
        seen.add((point.key, point.side))
        again = point.name == last_name and point.side is not None
        last_name = point.name
        where: str
        if again:
            where = point.side or ""
        elif point.side:
            where = f"{point.name}: {point.side}"
        else:
            where = point.name
        when = format_seconds(release.seconds)
        if release.ending in ("released", "extended"):
            parts.append(f"{where} in {when}" if again else f"{where} released in {when}")
        elif release.ending == "max":
            parts.append(f"{where} held to its limit ({when})")
        elif release.ending == "skipped":
            parts.append(f"{where} skipped after {when}")
        else:
            parts.append(f"{where} stopped after {when}")
    return ", ".join(parts)
