"""Checks on the finished output, run before it replaces the previous site. One module per check."""
