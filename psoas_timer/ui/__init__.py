"""The Qt shell: windows and widgets over the Qt-free core. No business logic lives here."""

from psoas_timer.pyside_fix import keep_singletons_alive, quicken_import_hook

keep_singletons_alive()
quicken_import_hook()
