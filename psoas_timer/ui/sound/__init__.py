"""Sound in the window: the cue output port (turning cue events into sound) and the Sound
dialog.
"""
