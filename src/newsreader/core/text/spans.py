"""A set of non-overlapping spans that answers "is this span free?" in logarithmic time.

Extraction keeps the best of overlapping matches by offering them best first; with thousands
of matches in one paragraph, comparing each with every span kept would be quadratic.
"""

from __future__ import annotations

from bisect import bisect_left


class SpanSet:
    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        # Kept spans do not overlap, so sorted by start they are sorted by end too.
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a kept span."""
        index = bisect_left(self._starts, end) - 1  # the last kept span starting before end
        return index >= 0 and self._ends[index] > start

    def add_if_free(self, start: int, end: int) -> bool:
        """Keep [start, end) unless it overlaps a kept span; say whether it was kept."""
        if self.overlaps(start, end):
            return False
        index = bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)
        return True
