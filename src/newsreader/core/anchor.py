"""Finding a bookmarked passage again after its article changed.

A bookmark keeps the passage's text as it was marked. When the article is read again:
the same text at the same paragraphs → nothing to do; the same text elsewhere (a paragraph
inserted above, one removed) → the range moves; text that was edited a little → the most
similar window of paragraphs in the same article, if it is similar enough (rapidfuzz); else
the bookmark is "orphaned": kept, with its quote, but pointing at nothing. An article gone
from the corpus orphans its bookmarks too. The stored quote is never rewritten: it is what
the user marked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from newsreader.core.model import Article
from newsreader.core.store.bookmarks import Bookmark, BookmarkStore, StoreReadOnly

FUZZY_MIN_SCORE = 85.0
How = Literal["same", "moved", "fuzzy", "orphaned"]

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Anchor:
    first: int
    last: int
    how: How  # same place, moved exactly, found by similarity, or not found
    score: float = 100.0

    @property
    def status(self) -> Literal["ok", "orphaned"]:
        return "orphaned" if self.how == "orphaned" else "ok"


def _norm(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _window(paragraphs: list[str], first: int, size: int) -> str:
    return _norm(" ".join(paragraphs[first : first + size]))


def locate(bookmark: Bookmark, article: Article | None) -> Anchor:
    """Where the bookmark's passage is in the article now."""
    if article is None or not article.paragraphs:
        return Anchor(bookmark.first, bookmark.last, "orphaned", 0.0)
    paragraphs = article.paragraphs
    count = len(paragraphs)
    size = bookmark.last - bookmark.first + 1
    quote = _norm(bookmark.quote)

    def nearest(candidates: list[tuple[float, int, int]]) -> tuple[float, int, int]:
        # Best score first; among equals, the window nearest the old place, then the one
        # whose neighbours still look like the ones the passage had.
        def key(item: tuple[float, int, int]) -> tuple[float, float, int]:
            score, first, width = item
            return (
                -score,
                -_context_score(bookmark, paragraphs, first, width),
                abs(first - bookmark.first),
            )

        return min(candidates, key=key)

    if bookmark.last < count and _window(paragraphs, bookmark.first, size) == quote:
        return Anchor(bookmark.first, bookmark.last, "same")

    exact = [
        (100.0, first, size)
        for first in range(0, count - size + 1)
        if _window(paragraphs, first, size) == quote
    ]
    if exact:
        _, first, width = nearest(exact)
        return Anchor(first, first + width - 1, "moved")

    # A paragraph split in two or two joined: try one paragraph more and one less too.
    fuzzy = []
    for width in sorted({size, size + 1, max(1, size - 1)}):
        for first in range(0, count - width + 1):
            score = fuzz.ratio(
                quote, _window(paragraphs, first, width), score_cutoff=FUZZY_MIN_SCORE
            )
            if score:
                fuzzy.append((score, first, width))
    if fuzzy:
        score, first, width = nearest(fuzzy)
        return Anchor(first, first + width - 1, "fuzzy", score)
    return Anchor(bookmark.first, bookmark.last, "orphaned", 0.0)


def _context_score(bookmark: Bookmark, paragraphs: list[str], first: int, width: int) -> float:
    score = 0.0
    if bookmark.context_before and first > 0:
        score += fuzz.ratio(
            _norm(bookmark.context_before),
            _norm(paragraphs[first - 1][-len(bookmark.context_before) :]),
        )
    last = first + width - 1
    if bookmark.context_after and last + 1 < len(paragraphs):
        score += fuzz.ratio(
            _norm(bookmark.context_after),
            _norm(paragraphs[last + 1][: len(bookmark.context_after)]),
        )
    return score


def _apply(store: BookmarkStore | None, bookmark: Bookmark, anchor: Anchor) -> bool:
    """Update the bookmark (and the store, when it can be written); True if it changed."""
    if (anchor.first, anchor.last, anchor.status) == (
        bookmark.first,
        bookmark.last,
        bookmark.status,
    ):
        return False
    bookmark.first, bookmark.last, bookmark.status = anchor.first, anchor.last, anchor.status
    if store is not None and not store.read_only and bookmark.id is not None:
        try:
            store.update_anchor(bookmark.id, anchor.first, anchor.last, anchor.status)
        except StoreReadOnly:
            pass  # still right for this run; saved next time the store is writable
    return True


def reanchor_article(
    store: BookmarkStore, article: Article, corpus: str | None = None
) -> list[Bookmark]:
    """Re-anchor one loaded article's bookmarks (of `corpus` and of no known corpus, when
    given) (call when it is opened); returns them."""
    bookmarks = store.for_article(article.id, corpus)
    for bookmark in bookmarks:
        _apply(store, bookmark, locate(bookmark, article))
    return bookmarks


def reanchor_all(
    store: BookmarkStore,
    load: Callable[[str], Article | None],
    article_id: str | None = None,
    corpus: str | None = None,
) -> list[Bookmark]:
    """Re-anchor every bookmark (of one article) against the corpus (load(id) gives None
    for an article that is gone); returns them as they now are. A read-only store is
    updated in memory only."""
    bookmarks = store.bookmarks(article_id, corpus)
    loaded: dict[str, Article | None] = {}
    for bookmark in bookmarks:
        if bookmark.article_id not in loaded:
            loaded[bookmark.article_id] = load(bookmark.article_id)
        _apply(store, bookmark, locate(bookmark, loaded[bookmark.article_id]))
    return bookmarks
