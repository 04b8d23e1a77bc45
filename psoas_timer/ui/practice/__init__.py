"""Daily practice in the window: the Reminders dialog, notifications, desk breaks."""
