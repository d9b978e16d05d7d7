"""Reading an id or a number typed on the command line: one sentence when it is not one."""

from __future__ import annotations

import math
import re

from workbench.errors import UserError

# The largest id either database can hold (PostgreSQL's integer column): a larger one names
# nothing, and handing it to the database would be an overflow, not an unknown id.
MAX_ID = 2**31 - 1
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")  # ASCII digits: "١" is no id to a script


def parse_id(value: str, what: str) -> int:
    """`what` names the kind of id ("article", "quote", "source") for the message."""
    article = "an" if what[:1].lower() in "aeiou" else "a"
    text = value.strip() if isinstance(value, str) else str(value)
    if not _WHOLE_NUMBER.fullmatch(text):
        raise UserError(f"{value!r} is not {article} {what} id (a whole number).") from None
    number = int(text)
    if number < 1:
        raise UserError(f"{value!r} is not {article} {what} id (ids start at 1).")
    if number > MAX_ID:
        raise UserError(
            f"There is no {what} {text}: ids go up to {MAX_ID}; `workbench "
            f"{_LISTS.get(what, 'articles')}` lists them."
        )
    return number


_LISTS = {"article": "articles", "quote": "quotes ARTICLE_ID", "source": "source list ARTICLE_ID"}


def parse_version(value: str | None) -> int | None:
    """A quote version from --base-version (None when not given)."""
    if value is None:
        return None
    text = value.strip()
    if not _WHOLE_NUMBER.fullmatch(text) or not 1 <= int(text) <= MAX_ID:
        raise UserError(
            f"{value!r} is not a quote version (a whole number from 1, the 'version' that "
            f"`workbench quotes ARTICLE_ID --json` shows)."
        )
    return int(text)


def parse_offset(value: str | None, option: str) -> int | None:
    """A character offset (--start, --end): a whole number from 0."""
    if value is None:
        return None
    text = value.strip()
    if not _WHOLE_NUMBER.fullmatch(text) or not 0 <= int(text) <= MAX_ID:
        raise UserError(f"{option} {value!r} is not a character offset (a whole number from 0).")
    return int(text)


def parse_number(value: str, option: str, *, low: float, high: float, unit: str = "") -> float:
    """A finite number from ``low`` to ``high`` (--threshold, --timeout); nan and inf are not."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not (math.isfinite(number) and low <= number <= high):
        unit = f" {unit}" if unit else ""
        raise UserError(f"{option} must be a number from {low:g} to {high:g}{unit}, not {value!r}.")
    return number
