"""The Qt shell: windows and widgets over the Qt-free core. No business logic lives here."""
