#!/usr/bin/env bash
# Sets up .venv and opens Psoas Timer. Arguments go to the app (e.g. a routine name).
# The first run takes a while (system libraries, then Python packages): each step says so.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "psoas-timer: $*" >&2; }
say "checking the system libraries Qt needs…"
bash tools/system-deps.sh
if [ ! -x .venv/bin/python ]; then
  say "making a Python environment in .venv (first run only)…"
  python3 -m venv .venv
fi
say "installing or updating Psoas Timer and its Python packages (about a minute the first time)…"
# (the editable install also compiles the translations: hatch_build.py)
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
say "starting."
exec .venv/bin/psoas-timer "$@"
