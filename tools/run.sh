#!/usr/bin/env bash
# Sets up .venv and opens Psoas Timer. Arguments go to the app (e.g. a routine name).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/system-deps.sh
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/psoas-timer "$@"
