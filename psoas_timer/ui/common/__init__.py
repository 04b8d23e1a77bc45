"""What every part of the window shares: the theme, wording of times and steps, and two small
widgets.
"""
