"""The figure rig: a drawn human body posed by joint angles, with props, a highlighted
target and signs, as shapes any painter can draw (SVG here, QPainter in the player).

Qt-free: :mod:`.model` is the format written in exercise libraries, :mod:`.skeleton` the
kinematics, :mod:`.drawing` the picture, :mod:`.motion` the poses between key poses.
"""
