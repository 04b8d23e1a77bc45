"""Builds the Debian package ``dist/psoas-timer_VERSION_amd64.deb`` from the one-folder bundle
(``dist/psoas-timer``, see build.spec), with ``dpkg-deb``: the package brings its own Python and
Qt, and asks the system only for what the bundle links against but does not carry.

    python tools/build_deb.py [--bundle dist/psoas-timer] [--out dist]

What it installs:

    /opt/psoas-timer/                   the bundle, unchanged
    /usr/bin/psoas-timer                a link to /opt/psoas-timer/psoas-timer
    /usr/share/applications/            the desktop entry (opens routine files: YAML)
    /usr/share/icons/hicolor/           the icon, as SVG and PNG in each size
    /usr/share/metainfo/                the AppStream metainfo
    /usr/share/man/man1/psoas-timer.1.gz  made from the command line's help
    /usr/share/doc/psoas-timer/         copyright and changelog
    /usr/share/lintian/overrides/       why an app bundle in /opt is what it is

``Depends`` comes from the bundle's ELF files: every library they name (``NEEDED``) that the
bundle does not carry, found on this machine with ldconfig and dpkg, for the files the app
cannot start without (the executable, the extension modules, the plugins it needs, and the
bundled libraries these reach). What only the optional plugins reach (GTK theme, Wayland,
speech, printing) goes to ``Recommends``. The menu, icon and
MIME caches are refreshed by dpkg's file triggers (desktop-file-utils, hicolor-icon-theme,
shared-mime-info), so the package has no maintainer scripts and removing it leaves nothing.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from psoas_timer import DESKTOP_ID, __version__  # noqa: E402

PACKAGE = "psoas-timer"
PREFIX = Path("opt") / PACKAGE
ARCH = "amd64"
MAINTAINER = "The Psoas Timer team <psoas-timer@users.noreply.github.com>"
# Plugins the app starts without (Qt skips a plugin whose libraries are missing): what only
# they need is recommended, not required. Without CUPS the report still saves as PDF.
OPTIONAL = re.compile(
    r"plugins/(platformthemes|wayland-[^/]+|texttospeech|platforminputcontexts|printsupport)/"
    r"|plugins/platforms/libqwayland"
    r"|libQt6(WaylandClient|WlShellIntegration|WaylandEglClientHwIntegration)"
)
# What the running app needs that no ELF file names: fontconfig's configuration (the bundled
# libfontconfig reads /etc/fonts) and a font to draw with.
ALWAYS = ["fontconfig-config", "fonts-dejavu-core | fonts-freefont-ttf | fonts-liberation2"]
# Where ldconfig does not know an optional library (it is not installed here), its package.
KNOWN = {
    "libgtk-3.so.0": "libgtk-3-0",
    "libgdk-3.so.0": "libgtk-3-0",
    "libspeechd.so.2": "libspeechd2",
    "libcups.so.2": "libcups2",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
SUMMARY = "hands-free guided timer for hip-flexor, psoas and iliacus routines"
DESCRIPTION = """\
 Psoas Timer guides you through routines for tight hip flexors and low-back
 pain from psoas and iliacus trigger points: a countdown you can read from
 across the room, breathing pacing you can see and hear, and spoken prompts
 for every hold, side, set and rest. Routines are plain YAML files.
 .
 This package carries its own Python and Qt under /opt/psoas-timer."""
OVERRIDES = """\
# A self-contained application bundle (PyInstaller: its own Python and Qt), installed whole
# under /opt as add-on software; /usr/bin/psoas-timer links to it.
psoas-timer: dir-or-file-in-opt [opt/*]
# The bundle carries the libraries it was built and tested with (Qt's own and theirs) ...
psoas-timer: embedded-library *
# ... and finds them through $ORIGIN, so it runs the same on any release of the system.
psoas-timer: custom-library-search-path *
# Python extension modules and plugins that take libc from the process that loads them.
psoas-timer: library-not-linked-against-libc *
# The string "sensible-pager" in util-linux's libraries; nothing here runs it.
psoas-timer: missing-depends-on-sensible-utils *
# Stripping every library corrupts some of them (see build.spec); libpython and the
# extension modules are stripped of debug information at build time.
psoas-timer: unstripped-binary-or-object *
"""


def _elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _needed(path: Path) -> list[str]:
    out = subprocess.run(
        ["readelf", "-d", "-W", str(path)], capture_output=True, text=True, check=False
    ).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def _system_path(soname: str) -> str | None:
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        parts = line.strip().split(" => ")
        if len(parts) == 2 and parts[0].split()[0] == soname and "x86-64" in parts[0]:
            return parts[1]
    return None


def _package_of(soname: str) -> str | None:
    path = _system_path(soname)
    if path is not None:
        for candidate in (path, os.path.realpath(path), path.replace("/lib/", "/usr/lib/", 1)):
            result = subprocess.run(
                ["dpkg-query", "-S", candidate], capture_output=True, text=True, check=False
            )
            if result.returncode == 0:
                return result.stdout.split(":", 1)[0].strip()
    return KNOWN.get(soname)


def _upstream_version(package: str) -> str:
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"^\d+:", "", out).split("-")[0]


def _is_root(rel: str) -> bool:
    """Whether the app loads *rel* itself: the executable, a Python extension module, or a
    Qt plugin it cannot do without. Libraries count only as what these pull in."""
    name = rel.rsplit("/", 1)[-1]
    if "/" not in rel or ".cpython-" in name or name.endswith(".abi3.so"):
        return True
    return "/plugins/" in rel and not OPTIONAL.search(rel)


def system_libraries(bundle: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The libraries the bundle names but does not carry: (required, optional), each soname
    with the bundle files that need it. Required: what the executable, the extension modules
    and the plugins the app needs reach, through the bundle's own libraries; optional: what
    only the optional plugins (and the libraries that only they pull in) need."""
    needed = {str(elf.relative_to(bundle)): _needed(elf) for elf in _elf_files(bundle)}
    carried: dict[str, list[str]] = {}
    for rel in needed:
        carried.setdefault(rel.rsplit("/", 1)[-1], []).append(rel)
    for link in bundle.rglob("*.so*"):  # a library may be carried under a linked name
        if link.is_symlink() and link.resolve().is_relative_to(bundle.resolve()):
            carried.setdefault(link.name, []).append(
                str(link.resolve().relative_to(bundle.resolve()))
            )
    reached: set[str] = set()
    todo = [rel for rel in needed if _is_root(rel)]
    while todo:
        rel = todo.pop()
        if rel in reached:
            continue
        reached.add(rel)
        for soname in needed.get(rel, []):
            todo += carried.get(soname, [])
    required: dict[str, list[str]] = {}
    optional: dict[str, list[str]] = {}
    for rel, sonames in needed.items():
        for soname in sonames:
            if soname not in carried:
                (required if rel in reached else optional).setdefault(soname, []).append(rel)
    for soname in required:
        optional.pop(soname, None)
    return required, optional


def _packages(sonames: Iterable[str]) -> tuple[list[str], list[str]]:
    packages: set[str] = set()
    unknown = []
    for soname in sonames:
        package = _package_of(soname)
        if package is None:
            unknown.append(soname)
        else:
            packages.add(package)
    return sorted(packages), sorted(unknown)


def dependencies(bundle: Path) -> tuple[list[str], list[str]]:
    """``Depends`` and ``Recommends`` for *bundle* (raises if a required library is unknown)."""
    required, optional = system_libraries(bundle)
    depends, unknown = _packages(required)
    if unknown:
        raise SystemExit(f"build_deb.py: no package known for {', '.join(unknown)}")
    recommends, _ = _packages(optional)
    recommends = [p for p in recommends if p not in depends]
    if "libc6" in depends:
        depends[depends.index("libc6")] = f"libc6 (>= {_upstream_version('libc6')})"
    return depends + ALWAYS, [*recommends, "speech-dispatcher"]


def _install(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def _gzip(text: bytes, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(text)
    target.chmod(0o644)


def _copyright() -> str:
    return f"""\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Psoas Timer
Source: {_homepage()}

Files: *
Copyright: 2026 The Psoas Timer team
License: GPL-3.0-or-later
 On Debian systems, the complete text of the GNU General Public License
 version 3 can be found in /usr/share/common-licenses/GPL-3.
"""


def _debian_changelog() -> str:
    """The package's own changelog: one entry for this build of the upstream release."""
    from email.utils import formatdate

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0) or None
    return (
        f"{PACKAGE} ({__version__}) unstable; urgency=medium\n\n"
        f"  * Built from the one-folder bundle of Psoas Timer {__version__}; what changed for\n"
        "    users is in CHANGELOG.md.gz.\n\n"
        f" -- {MAINTAINER}  {formatdate(epoch, localtime=False)}\n"
    )


def _homepage() -> str:
    import tomllib

    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(urls.get("urls", {}).get("Homepage", "https://github.com/psoastimer/psoas-timer"))


def _normalise_modes(root: Path) -> None:
    """Folders 755, files 644, executables 755: what lintian and dpkg expect."""
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        elif re.search(r"\.so(\.[0-9.]+)?$", path.name):
            path.chmod(0o644)  # a library is loaded, never run
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def _md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {path.relative_to(root)}")
    return "\n".join(lines) + "\n"


def stage(bundle: Path, root: Path) -> None:
    """Lay out the package's files under *root* (everything but DEBIAN/)."""
    linux = ROOT / "packaging" / "linux"
    shutil.copytree(bundle, root / PREFIX, symlinks=True)
    for extra in ("install-desktop-entry.sh", "install.sh", "uninstall.sh"):
        (root / PREFIX / extra).unlink(missing_ok=True)  # the home install's scripts
    bindir = root / "usr" / "bin"
    bindir.mkdir(parents=True)
    (bindir / PACKAGE).symlink_to(f"/{PREFIX}/{PACKAGE}")
    share = root / "usr" / "share"
    _install(linux / f"{DESKTOP_ID}.desktop", share / "applications" / f"{DESKTOP_ID}.desktop")
    _install(
        linux / f"{DESKTOP_ID}.metainfo.xml", share / "metainfo" / f"{DESKTOP_ID}.metainfo.xml"
    )
    hicolor = share / "icons" / "hicolor"
    _install(
        ROOT / "assets" / "icons" / "psoas-timer.svg",
        hicolor / "scalable" / "apps" / f"{DESKTOP_ID}.svg",
    )
    for png in sorted((linux / "icons" / "hicolor").glob(f"*/apps/{DESKTOP_ID}.png")):
        _install(png, hicolor / png.relative_to(linux / "icons" / "hicolor"))
    from make_manpage import manpage

    _gzip(manpage().encode("utf-8"), share / "man" / "man1" / f"{PACKAGE}.1.gz")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(_copyright(), encoding="utf-8")
    changelog = ROOT / "CHANGELOG.md"
    if changelog.is_file():  # what changed for users
        _gzip(changelog.read_bytes(), doc / "CHANGELOG.md.gz")
    # A native package (no Debian revision): its changelog.gz is in Debian's format.
    _gzip(_debian_changelog().encode("utf-8"), doc / "changelog.gz")
    overrides = share / "lintian" / "overrides" / PACKAGE
    overrides.parent.mkdir(parents=True)
    overrides.write_text(OVERRIDES, encoding="utf-8")
    _normalise_modes(root)


def control(root: Path, depends: list[str], recommends: list[str]) -> str:
    size_kb = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) // 1024
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {__version__}\n"
        f"Architecture: {ARCH}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kb}\n"
        f"Depends: {', '.join(depends)}\n"
        f"Recommends: {', '.join(recommends)}\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Homepage: {_homepage()}\n"
        f"Description: {SUMMARY}\n{DESCRIPTION}\n"
    )


def build(bundle: Path, out: Path) -> Path:
    if not (bundle / PACKAGE).is_file():
        raise SystemExit(f"build_deb.py: no bundle at {bundle} (bash tools/build_bundle.sh)")
    depends, recommends = dependencies(bundle)
    target = out / f"{PACKAGE}_{__version__}_{ARCH}.deb"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root"
        stage(bundle, root)
        meta = root / "DEBIAN"
        meta.mkdir(mode=0o755)
        (meta / "control").write_text(control(root, depends, recommends), encoding="utf-8")
        (meta / "md5sums").write_text(_md5sums(root), encoding="utf-8")
        for name in ("control", "md5sums"):
            (meta / name).chmod(0o644)
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(root), str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    print(f"Depends: {', '.join(depends)}")
    print(f"Recommends: {', '.join(recommends)}")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    print(build(args.bundle.resolve(), args.out.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
