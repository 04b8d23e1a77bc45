"""The Qt shell: windows and widgets over the Qt-free core. No business logic lives here."""

from psoas_timer.pyside_fix import quicken_import_hook

quicken_import_hook()
