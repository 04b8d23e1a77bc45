#!/usr/bin/env bash
# Installs this Psoas Timer bundle for you alone, no root needed:
#   the app       ~/.local/opt/psoas-timer/        (a copy of this folder)
#   the command   ~/.local/bin/psoas-timer         (a link to it)
#   the menu      ~/.local/share/applications, icons/hicolor, metainfo (install-desktop-entry.sh)
# Routine files (YAML) open with it from the file manager. Remove it all with uninstall.sh
# (here or in ~/.local/opt/psoas-timer); your routines, history and settings are left alone.
#
#   bash install.sh [--dest DIR]        (default DIR: ~/.local/opt/psoas-timer)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$HOME/.local/opt/psoas-timer"
bindir="$HOME/.local/bin"
while [ $# -gt 0 ]; do
  case "$1" in
    --dest) dest="${2:?--dest needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x "$here/psoas-timer" ] || { echo "install.sh: no psoas-timer next to $0" >&2; exit 1; }
dest="$(mkdir -p "$(dirname "$dest")" && cd "$(dirname "$dest")" && pwd)/$(basename "$dest")"
if [ "$here" != "$dest" ]; then
  # Into a new folder first, then in place: an update never leaves half a bundle.
  rm -rf "$dest.new"
  cp -a "$here" "$dest.new"
  rm -rf "$dest"
  mv "$dest.new" "$dest"
fi
mkdir -p "$bindir"
ln -sfn "$dest/psoas-timer" "$bindir/psoas-timer"
bash "$dest/install-desktop-entry.sh" --bundle "$dest"
echo "Installed Psoas Timer in $dest; the command is $bindir/psoas-timer"
case ":$PATH:" in *":$bindir:"*) ;; *) echo "($bindir is not on your PATH: the menu entry works anyway)" ;; esac
