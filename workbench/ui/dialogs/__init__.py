"""Dialogs; each has an ``ask`` classmethod, so tests can replace it with an answer."""
