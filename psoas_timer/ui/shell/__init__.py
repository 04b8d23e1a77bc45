"""The app shell: start-up, the main window, its actions, tray, single instance, screensaver,
safety notice and settings.
"""
