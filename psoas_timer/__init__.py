"""Psoas Timer: a hands-free guided timer for hip-flexor, psoas and iliacus routines."""

import logging

# Faults are logged; where the records go is for the app and the command line to set up.
# Until they do, nothing is printed (Python's last-resort handler would print tracebacks).
logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
APP_NAME = "Psoas Timer"
APP_ID = "psoas-timer"
ORGANIZATION = "PsoasTimer"
DESKTOP_ID = "io.github.psoastimer.PsoasTimer"
