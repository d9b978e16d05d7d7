"""Map Python ``str`` offsets (what the core stores) to Qt document positions and back.

Qt counts UTF-16 code units (a character beyond U+FFFF is two) and turns "\\r\\n" into one
paragraph break; Python counts code points and keeps both characters. Most articles have
neither, and then the map is the identity and costs nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_SHIFTS = re.compile("[\U00010000-\U0010ffff]|\r\n")


def _needs_map(text: str) -> bool:
    """Whether any character shifts offsets, asked the quick way (5 MB in a few ms, where the
    regular expression below takes fifty): UTF-16 is two bytes a character unless some
    character needs four."""
    return "\r\n" in text or len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


class OffsetMap:
    def __init__(self, text: str) -> None:
        thresholds: list[int] = []  # from this Python index on, the running shift applies
        shifts: list[int] = []
        shift = 0
        for match in _SHIFTS.finditer(text) if _needs_map(text) else ():
            if match.group() == "\r\n":
                shift -= 1
                thresholds.append(match.start() + 2)
            else:
                shift += 1
                thresholds.append(match.start() + 1)
            shifts.append(shift)
        self._python = thresholds
        self._shifts = shifts
        self._document = [t + s for t, s in zip(thresholds, shifts, strict=True)]
        self.identity = not thresholds

    def to_document(self, offset: int) -> int:
        if self.identity:
            return offset
        i = bisect_right(self._python, offset)
        return offset + (self._shifts[i - 1] if i else 0)

    def to_python(self, position: int) -> int:
        if self.identity:
            return position
        i = bisect_right(self._document, position)
        return position - (self._shifts[i - 1] if i else 0)
