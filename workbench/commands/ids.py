"""Reading an id typed on the command line: one sentence when it is not one."""

from __future__ import annotations

from workbench.errors import UserError


def parse_id(value: str, what: str) -> int:
    """`what` names the kind of id ("article", "quote", "source") for the message."""
    article = "an" if what[:1].lower() in "aeiou" else "a"
    try:
        number = int(value)
    except ValueError:
        raise UserError(f"{value!r} is not {article} {what} id (a whole number).") from None
    if number < 1:
        raise UserError(f"{value!r} is not {article} {what} id (ids start at 1).")
    return number
