"""The routine library and a routine's page, and the watcher that keeps them in step with the
folders.
"""
