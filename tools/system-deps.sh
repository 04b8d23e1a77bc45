#!/usr/bin/env bash
# Installs the Debian/Ubuntu libraries Qt needs that a minimal machine lacks, if any are missing:
# libpulse0 (QtMultimedia will not import without it), EGL/GL, fonts, and the xcb libraries
# the window needs on a real X11 display, and dbus (its dbus-daemon gives the notification tests
# a private session bus). Needs root or sudo; otherwise says what to install.
set -euo pipefail
packages=(libpulse0 libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core dbus)
command -v dpkg-query >/dev/null 2>&1 || exit 0  # not a Debian-like system: nothing to do here
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "Psoas Timer needs these system packages: ${missing[*]}" >&2
  echo "Install them with: apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "Installing system packages Qt needs: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
