#!/usr/bin/env bash
# Sets up .venv and runs what CI runs: lint, format, types, import contracts, then the tests.
# Extra arguments go to pytest (e.g. `bash tools/test.sh -k engine`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/system-deps.sh
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
.venv/bin/python -m psoas_timer.i18n.build -q  # the translations and the pseudo-languages
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
