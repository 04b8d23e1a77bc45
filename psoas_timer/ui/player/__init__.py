"""The player: the countdown dial, breathing guide, session bar and completion screen over the
session engine.
"""
