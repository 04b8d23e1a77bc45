"""Driving a session from afar: the app as an MPRIS 2 media player on the session bus (media
keys, earbuds, the desktop's media widget, a phone through KDE Connect or GSConnect), and the
words that confirm by voice and caption what was done from there.

Everything on the bus runs on a thread of its own (:mod:`.bus_link`); the window's thread
only hands over what is shown and receives what was asked for, as Qt signals.
"""
