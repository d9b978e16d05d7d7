"""Turn any error into words for the reviewer: the core's sentence, or an honest "bug" note."""

from __future__ import annotations

import logging
import traceback

from workbench.errors import EnvironmentFault, UserError

log = logging.getLogger(__name__)


def describe(error: BaseException) -> tuple[str, str, bool]:
    """(title, message, is_bug). Bugs are logged with their traceback; users see a sentence."""
    if isinstance(error, UserError):
        return "Cannot do that", str(error), False
    if isinstance(error, EnvironmentFault):
        return "The computer got in the way", str(error), False
    if isinstance(error, MemoryError):
        return "Out of memory", "The document is too large to open on this computer.", False
    if isinstance(error, OSError):
        return "Cannot read or write a file", f"{error.strerror or error}.", False
    log.error("Unexpected error:\n%s", "".join(traceback.format_exception(error)))
    return (
        "Something went wrong",
        f"The workbench hit a bug ({type(error).__name__}: {error}). Your review so far is "
        "saved; please report this with what you were doing.",
        True,
    )
