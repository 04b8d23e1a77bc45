"""Daily practice, without Qt: reminders, desk breaks and multi-week programmes.

Everything here runs on injected clocks (:mod:`.clocks`), so a test can play two weeks in
a fraction of a second. The window (``psoas_timer/ui/practice/``) polls these objects and
shows what they say.
"""
