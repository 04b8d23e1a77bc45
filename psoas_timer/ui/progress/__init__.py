"""The Progress part: the history's page, the before/after rating prompt, the resume offer,
and the link that records each session through the history's Recorder."""
