#!/usr/bin/env bash
# Removes what install.sh put in your home: the menu entry and icons, the psoas-timer link
# in ~/.local/bin, the start-at-login entry, and the app folder. Your routines, history and
# settings stay (~/.local/share/PsoasTimer, ~/.config/PsoasTimer).
#
#   bash uninstall.sh [--dest DIR]      (default DIR: ~/.local/opt/psoas-timer)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$HOME/.local/opt/psoas-timer"
while [ $# -gt 0 ]; do
  case "$1" in
    --dest) dest="${2:?--dest needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "uninstall.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
script="$here/install-desktop-entry.sh"
[ -f "$script" ] || script="$dest/install-desktop-entry.sh"
[ -f "$script" ] && bash "$script" --uninstall
link="$HOME/.local/bin/psoas-timer"
if [ -L "$link" ] && [ "$(readlink "$link")" = "$dest/psoas-timer" ]; then rm -f "$link"; fi
autostart="${XDG_CONFIG_HOME:-$HOME/.config}/autostart/io.github.psoastimer.PsoasTimer.desktop"
if [ -f "$autostart" ] && grep -qE "^Exec=['\"]?($dest|$link)" "$autostart"; then rm -f "$autostart"; fi
[ -d "$dest" ] && [ -x "$dest/psoas-timer" ] && rm -rf "$dest"
echo "Removed Psoas Timer from $dest (your routines and history are kept)"
