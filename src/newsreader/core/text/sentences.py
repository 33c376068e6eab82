"""Cutting a very long paragraph into pieces for analysis, at sentence ends.

Every rule looks at a few words around a match, so a piece boundary at a sentence end loses
nothing, and pieces of bounded length keep each rule's cost bounded whatever a file holds
(one "paragraph" of megabytes: a scrape that lost its line breaks, or hostile input).
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["PIECE_LIMIT", "pieces"]

# Far longer than any real paragraph, so real articles are analysed whole.
PIECE_LIMIT = 4000
_SENTENCE_END = re.compile(r"[.!?…;]+[\"'”’)»\]]*\s+")


def pieces(text: str, limit: int = PIECE_LIMIT) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering `text`, each at most `limit` long: cut after
    the last sentence end that fits, else at the last space, else at the limit."""
    if len(text) <= limit:
        return [(0, len(text))]
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        hard = start + limit
        index = bisect_right(ends, hard) - 1
        if index >= 0 and ends[index] > start:
            cut = ends[index]
        else:
            space = text.rfind(" ", start + 1, hard)
            cut = space + 1 if space > start else hard
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans
