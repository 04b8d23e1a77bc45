"""``python -m psoas_timer``: the same as the ``psoas-timer`` command."""

import sys

from psoas_timer.cli import main

if __name__ == "__main__":
    sys.exit(main())
