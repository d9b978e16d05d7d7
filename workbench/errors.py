"""Errors the user should see as a sentence, split from bugs that deserve a traceback."""

from __future__ import annotations

from typing import Any


class WorkbenchError(Exception):
    """Base of every error the workbench raises on purpose."""


class UserError(WorkbenchError):
    """Bad input from the user: an unreadable file, an unknown id. Exit status 2."""

    exit_status = 2


class EnvironmentFault(WorkbenchError):
    """The environment failed us: database locked, disk full. Exit status 1."""

    exit_status = 1


class StaleChange(UserError):
    """A change made from a version of a quote that someone else has changed since.

    Refused in the change's own transaction, so nothing was saved. ``current`` is the quote as
    it is now (a ``QuoteRecord``), for the window to show; ``base_version`` is the version the
    change was made from, ``current.version`` the one it would have had to be.
    """

    def __init__(self, message: str, *, current: Any, base_version: int) -> None:
        super().__init__(message)
        self.current = current
        self.base_version = base_version


class LostDatabase(EnvironmentFault):
    """The open SQLite file was replaced, its log removed, or the process lost SQLite's locks on
    it: nothing more can be written safely through this connection, so nothing was. Reopen it."""
