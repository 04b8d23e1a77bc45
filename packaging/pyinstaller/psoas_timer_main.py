"""The bundle's entry point: the ``psoas-timer`` command, or the smoke test when
``PSOAS_TIMER_SMOKE=1`` (see ``psoas_timer/smoke.py`` and ``tools/build_bundle.sh``)."""

from __future__ import annotations

import os
import sys


def _main() -> int:
    if os.environ.get("PSOAS_TIMER_SMOKE") == "1":
        from psoas_timer.smoke import main as smoke

        return smoke()
    from psoas_timer.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_main())
