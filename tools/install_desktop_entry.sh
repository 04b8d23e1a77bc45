#!/usr/bin/env bash
# Installs Psoas Timer's desktop entry, icons and AppStream metainfo for the current user
# (~/.local/share), so it shows in the application menu with its icon.
#
#   tools/install_desktop_entry.sh                  # for the `psoas-timer` command on PATH
#                                                   # (pip install . / pipx install .)
#   tools/install_desktop_entry.sh --bundle DIR     # for a built bundle (dist/psoas-timer)
#   tools/install_desktop_entry.sh --uninstall      # remove what this installed
#
# Options: --prefix DIR (default: ${XDG_DATA_HOME:-~/.local/share}), --dry-run.
# Inside a bundle folder the script is copied next to the binary and defaults to that bundle.
set -euo pipefail

ID=io.github.psoastimer.PsoasTimer
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
bundle=""
mode=install
dry=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) bundle="${2:?--bundle needs a folder}"; shift 2 ;;
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --uninstall) mode=uninstall; shift ;;
    --dry-run) dry=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install_desktop_entry.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

# Where the files to install are: a source checkout (tools/ beside packaging/) or a bundle
# (this script beside the binary, the data under _internal/).
if [ -d "$here/../packaging/linux" ]; then
  data="$here/../packaging/linux"; svg="$here/../assets/icons/psoas-timer.svg"
elif [ -d "$here/_internal/packaging/linux" ]; then
  data="$here/_internal/packaging/linux"; svg="$here/_internal/assets/icons/psoas-timer.svg"
  [ -n "$bundle" ] || bundle="$here"
else
  echo "install_desktop_entry.sh: cannot find packaging/linux next to $here" >&2
  exit 1
fi

apps="$prefix/applications"
icons="$prefix/icons/hicolor"
metainfo="$prefix/metainfo"
installed=("$apps/$ID.desktop" "$metainfo/$ID.metainfo.xml" "$icons/scalable/apps/$ID.svg")
for png in "$data"/icons/hicolor/*/apps/"$ID.png"; do
  size="$(basename "$(dirname "$(dirname "$png")")")"
  installed+=("$icons/$size/apps/$ID.png")
done

run() { if [ -n "$dry" ]; then echo "+ $*"; else "$@"; fi; }

refresh() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    run update-desktop-database -q "$apps" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
    run gtk-update-icon-cache -q -t "$icons" || true
  fi
  if [ -d "$icons" ]; then run touch "$icons"; fi  # tells icon caches to look again
}

if [ "$mode" = uninstall ]; then
  for file in "${installed[@]}"; do
    if [ -e "$file" ]; then run rm -f "$file"; echo "removed $file"; fi
  done
  refresh
  exit 0
fi

# The command the menu entry runs: absolute, since a desktop session's PATH often lacks
# ~/.local/bin or a venv.
if [ -n "$bundle" ]; then
  exe="$(cd "$bundle" && pwd)/psoas-timer"
  [ -x "$exe" ] || { echo "install_desktop_entry.sh: no executable at $exe" >&2; exit 1; }
else
  exe="$(command -v psoas-timer || true)"
  if [ -z "$exe" ]; then
    echo "install_desktop_entry.sh: no psoas-timer command on PATH." >&2
    echo "Install it first (pipx install . or pip install .), or pass --bundle DIR." >&2
    exit 1
  fi
  exe="$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")"
fi
# Desktop Entry Exec quoting: inside double quotes, \ " ` $ take a backslash, which the
# string level doubles again; a literal % is %%.
escaped="$(printf '%s' "$exe" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g' -e 's/%/%%/g')"
case "$exe" in
  *[[:space:]\"\'\\\$\`\;\&\|\<\>\~\*\?\#\(\)]*) exec_value="\"$escaped\"" ;;
  *) exec_value="$escaped" ;;
esac

tmpdir="$(mktemp -d)"
tmp="$tmpdir/$ID.desktop"
trap 'rm -rf "$tmpdir"' EXIT
sed -e "s|^Exec=psoas-timer|Exec=$(printf '%s' "$exec_value" | sed 's/[|&\\]/\\&/g')|" \
    -e "s|^TryExec=psoas-timer\$|TryExec=$(printf '%s' "$exe" | sed 's/[|&\\]/\\&/g')|" \
    "$data/$ID.desktop" >"$tmp"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$tmp"
fi

run mkdir -p "$apps" "$metainfo" "$icons/scalable/apps"
run install -m 644 "$tmp" "$apps/$ID.desktop"
run install -m 644 "$data/$ID.metainfo.xml" "$metainfo/$ID.metainfo.xml"
run install -m 644 "$svg" "$icons/scalable/apps/$ID.svg"
for png in "$data"/icons/hicolor/*/apps/"$ID.png"; do
  size="$(basename "$(dirname "$(dirname "$png")")")"
  run mkdir -p "$icons/$size/apps"
  run install -m 644 "$png" "$icons/$size/apps/$ID.png"
done
refresh
echo "Installed the Psoas Timer menu entry for $exe"
printf '  %s\n' "${installed[@]}"
