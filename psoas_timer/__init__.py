"""Psoas Timer: a hands-free guided timer for hip-flexor, psoas and iliacus routines."""

__version__ = "0.1.0"
APP_NAME = "Psoas Timer"
APP_ID = "psoas-timer"
ORGANIZATION = "PsoasTimer"
DESKTOP_ID = "io.github.psoastimer.PsoasTimer"
