#!/usr/bin/env bash
# Builds the one-folder app (dist/psoas-timer/, from build.spec) and smoke-tests the result:
#   - every bundled library resolves its Qt libraries inside the bundle;
#   - `psoas-timer --version`, `list --json` (every bundled routine loads, none broken) and
#     `validate` on the bundle's own routines folder;
#   - the window starts offscreen and shows, every routine loads, one cue plays (or there is
#     cleanly no audio device), and it exits 0 (PSOAS_TIMER_SMOKE=1, psoas_timer/smoke.py);
#   - nothing was written into the bundle;
# then prints build time, folder size and start-up time against running from source.
#
#   bash tools/build_bundle.sh              # build, test, measure
#   bash tools/build_bundle.sh --no-build   # test and measure an existing dist/psoas-timer
#   bash tools/build_bundle.sh --no-timing  # skip the start-up comparison (5 runs each)
#
# PYTHON picks the interpreter (default: .venv/bin/python, else python3); PyInstaller is
# installed into it if missing (a build tool, not a run-time dependency).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

build=1
timing=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build="" ;;
    --no-timing) timing="" ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build_bundle.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

if [ -n "${PYTHON:-}" ]; then py="$PYTHON"
elif [ -x .venv/bin/python ]; then py=.venv/bin/python
else py=python3
fi
dist="$root/dist/psoas-timer"
exe="$dist/psoas-timer"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# Every run of the app gets a time limit: a hang must fail the check, not stall the build.
limit() { if command -v timeout >/dev/null 2>&1; then timeout 120 "$@"; else "$@"; fi; }
step() { printf '\n== %s\n' "$*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# Never the user's data, settings or running instance; offscreen unless told otherwise.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export PSOAS_TIMER_DATA_DIR="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export PSOAS_TIMER_INSTANCE="$scratch/instance.sock"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

if [ -n "$build" ]; then
  step "Building with PyInstaller ($py)"
  if ! "$py" -c "import PyInstaller" 2>/dev/null; then
    if ! "$py" -c "import sys; sys.exit(sys.prefix == sys.base_prefix)"; then
      echo "PyInstaller is missing and $py is not in a virtual environment." >&2
      echo "Install it: $py -m pip install pyinstaller   (or: pip install -e '.[build]')" >&2
      exit 1
    fi
    "$py" -m pip install -q --disable-pip-version-check "pyinstaller>=6.10"
  fi
  "$py" -m PyInstaller --version
  t0="$(now)"
  "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$root/dist" --workpath "$root/build" build.spec 2>&1 |
    grep -v "WARNING: Library not found: could not resolve" || true
  build_s="$(since "$t0")"
  [ -x "$exe" ] || { echo "build_bundle.sh: no executable at $exe" >&2; exit 1; }
  cp tools/install_desktop_entry.sh "$dist/install-desktop-entry.sh"
  echo "built $dist in ${build_s} s"
fi
[ -x "$exe" ] || { echo "build_bundle.sh: no bundle at $dist (build it first)" >&2; exit 1; }
internal="$dist/_internal"
touch "$scratch/marker"
sleep 0.01

step "Shared libraries"
missing_qt=""
missing_system=""
while IFS= read -r -d '' lib; do
  while IFS= read -r line; do
    name="${line%% =>*}"; name="${name//[[:space:]]/}"
    case "$name" in
      libQt6*|libpyside6*|libshiboken6*|libicu*|libpython*) missing_qt+="  ${lib#"$dist"/}: $name"$'\n' ;;
      *) missing_system+="$name " ;;
    esac
  done < <(LD_LIBRARY_PATH="$internal:$internal/PySide6/Qt/lib" ldd "$lib" 2>/dev/null | grep "not found" || true)
done < <(find "$internal" \( -name '*.so' -o -name '*.so.*' \) -type f -print0)
if [ -n "$missing_qt" ]; then
  fail "bundled libraries need Qt or Python libraries the bundle lacks:"$'\n'"$missing_qt"
else
  echo "every Qt plugin and module finds its Qt libraries inside the bundle"
fi
if [ -n "$missing_system" ]; then
  echo "left to the system (optional plugins; absent here): $(tr ' ' '\n' <<<"$missing_system" | sort -u | tr '\n' ' ')"
fi

step "Command line"
limit "$exe" --version || fail "--version"
limit "$exe" list --json >"$scratch/list.json" || fail "list --json exited $?"
"$py" - "$scratch/list.json" "$internal/routines" <<'EOF' || fail "list --json: routines missing or broken"
import json, sys
from pathlib import Path
rows = json.load(open(sys.argv[1]))
root = Path(sys.argv[2])
files = sorted(p for p in root.glob("*.y*ml"))
bundled = [r for r in rows if r["source"] == "bundled"]
broken = [r for r in bundled if r["problems"] or r["total_seconds"] is None]
for r in broken:
    print(f"  broken: {r['path']}: {r['problems']}", file=sys.stderr)
print(f"list --json: {len(bundled)} bundled routines ({len(files)} files in {root}), {len(broken)} broken")
inside = all(Path(r["path"]).resolve().is_relative_to(root.resolve()) for r in bundled)
sys.exit(0 if bundled and len(bundled) == len(files) and not broken and inside else 1)
EOF
limit "$exe" validate "$internal/routines" || fail "validate on the bundled routines"

step "Window, routines and sound (offscreen smoke test)"
if PSOAS_TIMER_SMOKE=1 limit "$exe" >"$scratch/smoke.out" 2>&1; then
  cat "$scratch/smoke.out"
else
  cat "$scratch/smoke.out"
  fail "smoke test exited non-zero"
fi
grep -q '^smoke-result .*"ok": true' "$scratch/smoke.out" || fail "smoke test did not report ok"

step "Nothing written into the bundle"
changed="$(find "$dist" -newer "$scratch/marker" | grep -v '/__pycache__' || true)"
if [ -n "$changed" ]; then fail "files changed inside the bundle:"$'\n'"$changed"; else echo "none"; fi

size_mb="$(du -sm "$dist" | cut -f1)"
files_n="$(find "$dist" -type f | wc -l)"

if [ -n "$timing" ]; then
  step "Start-up: bundle against source (5 runs each, median)"
  median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
  startup() {  # seconds from process start to the window shown, from the smoke result
    for _ in 1 2 3 4 5; do
      PSOAS_TIMER_SMOKE=1 PSOAS_TIMER_SMOKE_SECONDS=0 PSOAS_TIMER_SMOKE_PLUGINS=0 limit "$@" 2>/dev/null |
        sed -n 's/^smoke-result .*"startup_s": \([0-9.]*\).*/\1/p'
    done | median
  }
  wall() {  # wall-clock seconds for a whole command
    for _ in 1 2 3 4 5; do
      t="$(now)"; limit "$@" >/dev/null 2>&1; since "$t"; echo
    done | grep . | median
  }
  bundle_start="$(startup "$exe")"
  source_start="$(startup "$py" -m psoas_timer.smoke)"
  bundle_version="$(wall "$exe" --version)"
  source_version="$(wall "$py" -m psoas_timer --version)"
  printf '%-34s %8s %8s\n' "" bundle source
  printf '%-34s %7ss %7ss\n' "process start to window shown" "$bundle_start" "$source_start"
  printf '%-34s %7ss %7ss\n' "psoas-timer --version (wall)" "$bundle_version" "$source_version"
fi

step "Summary"
[ -n "${build_s:-}" ] && echo "build time:  ${build_s} s"
echo "folder size: ${size_mb} MB, ${files_n} files ($dist)"
if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) FAILED" >&2
  exit 1
fi
echo "all checks passed"
echo "Menu entry for this bundle: bash $dist/install-desktop-entry.sh"
