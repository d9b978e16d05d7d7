"""Errors the user should see as a sentence, split from bugs that deserve a traceback."""


class WorkbenchError(Exception):
    """Base of every error the workbench raises on purpose."""


class UserError(WorkbenchError):
    """Bad input from the user: an unreadable file, an unknown id. Exit status 2."""

    exit_status = 2


class EnvironmentFault(WorkbenchError):
    """The environment failed us: database locked, disk full. Exit status 1."""

    exit_status = 1
