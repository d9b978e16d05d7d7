"""Fast 'is this offset inside a quotation?' questions over sorted, non-overlapping spans."""

from __future__ import annotations

import bisect


class SpanIndex:
    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]

    def contains(self, position: int) -> bool:
        """True when start <= position < end for some span."""
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._spans[index][1]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans that overlap [start, end)."""
        first = max(bisect.bisect_right(self._starts, start) - 1, 0)
        last = bisect.bisect_left(self._starts, end)
        return [s for s in self._spans[first:last] if s[1] > start and s[0] < end]
