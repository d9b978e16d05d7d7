"""Page boundaries of a paged document (a PDF) as offsets into its stored text, and page look-up."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


def page_of(page_starts: Sequence[int], offset: int) -> int | None:
    """The 1-based page that holds ``offset``, or None when the text has no page boundaries.

    ``page_starts[i]`` is the offset where page i + 1 begins in the stored text; the first is 0.
    An offset in the blank lines between two pages belongs to the earlier page.
    """
    if not page_starts or offset < 0:
        return None
    return max(1, bisect_right(page_starts, offset))


def page_label(page_starts: Sequence[int], offset: int) -> str | None:
    """How a citation names the page of ``offset``: "p. 6", or None for unpaged text."""
    page = page_of(page_starts, offset)
    return None if page is None else f"p. {page}"
