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

import hashlib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from newsreader.core.model import Article
from newsreader.core.store.bookmarks import Bookmark, BookmarkStore, StoreReadOnly

FUZZY_MIN_SCORE = 85.0
How = Literal["same", "moved", "fuzzy", "orphaned"]


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
    # Runs of white space (str.isspace, what the regex \s matches) become one space; split
    # and join do that many times faster than a regex substitution.
    return " ".join(unicodedata.normalize("NFC", text).split())


def _window(paragraphs: list[str], first: int, size: int) -> str:
    return _norm(" ".join(paragraphs[first : first + size]))


class Windows:
    """An article's runs of `size` paragraphs, normalised once and shared by all of its
    bookmarks: re-anchoring many bookmarks of one article costs one pass over its text, not
    one per bookmark."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs
        self._texts: dict[int, list[str]] = {}
        self._where: dict[int, dict[str, list[int]]] = {}

    def texts(self, size: int) -> list[str]:
        """The window starting at each paragraph (as many as fit)."""
        found = self._texts.get(size)
        if found is None:
            count = len(self.paragraphs)
            found = [_window(self.paragraphs, first, size) for first in range(count - size + 1)]
            self._texts[size] = found
        return found

    def starts(self, size: int, text: str) -> list[int]:
        """Where a window of `size` paragraphs reads exactly `text`."""
        where = self._where.get(size)
        if where is None:
            where = {}
            for first, window in enumerate(self.texts(size)):
                where.setdefault(window, []).append(first)
            self._where[size] = where
        return where.get(text, [])


def locate(bookmark: Bookmark, article: Article | None, windows: Windows | None = None) -> Anchor:
    """Where the bookmark's passage is in the article now (`windows`: the article's, when
    several of its bookmarks are located in turn)."""
    if article is None or not article.paragraphs:
        return Anchor(bookmark.first, bookmark.last, "orphaned", 0.0)
    paragraphs = article.paragraphs
    if windows is None or windows.paragraphs is not paragraphs:
        windows = Windows(paragraphs)
    count = len(paragraphs)
    size = bookmark.last - bookmark.first + 1
    if size < 1:
        return Anchor(bookmark.first, bookmark.last, "orphaned", 0.0)
    if 0 <= bookmark.first and bookmark.last < count:
        # The passage as marked, untouched (the usual case): what the normalised
        # comparison below would find, without normalising the quote or any window.
        if bookmark.quote == "\n\n".join(paragraphs[bookmark.first : bookmark.last + 1]):
            return Anchor(bookmark.first, bookmark.last, "same")
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

    if 0 <= bookmark.first and bookmark.last < count:
        if windows.texts(size)[bookmark.first] == quote:
            return Anchor(bookmark.first, bookmark.last, "same")

    exact = [(100.0, first, size) for first in windows.starts(size, quote)]
    if exact:
        _, first, width = nearest(exact)
        return Anchor(first, first + width - 1, "moved")

    # A paragraph split in two or two joined: try one paragraph more and one less too.
    from rapidfuzz import fuzz, process  # here: opening an article mostly finds its passages

    fuzzy = []
    for width in sorted({size, size + 1, max(1, size - 1)}):
        found = process.extract(
            quote, windows.texts(width), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=None
        )
        for _, score, first in sorted(found, key=lambda match: match[2]):  # in text order
            fuzzy.append((score, first, width))
    if fuzzy:
        score, first, width = nearest(fuzzy)
        return Anchor(first, first + width - 1, "fuzzy", score)
    return Anchor(bookmark.first, bookmark.last, "orphaned", 0.0)


def _context_score(bookmark: Bookmark, paragraphs: list[str], first: int, width: int) -> float:
    from rapidfuzz import fuzz

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


def _apply(bookmark: Bookmark, anchor: Anchor) -> bool:
    """Move the bookmark (in memory) to where it was found; whether that changed it."""
    if (anchor.first, anchor.last, anchor.status) == (
        bookmark.first,
        bookmark.last,
        bookmark.status,
    ):
        return False
    bookmark.first, bookmark.last, bookmark.status = anchor.first, anchor.last, anchor.status
    return True


def text_digest(article: Article) -> str:
    data = "\n\x00".join(article.paragraphs).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


Fingerprint = Callable[[str], "str | None"]


def _reanchor(
    store: BookmarkStore,
    bookmarks: list[Bookmark],
    article_id: str,
    load: Callable[[str], Article | None],
    fingerprint: Fingerprint | None = None,
) -> None:
    """Locate one article's bookmarks, unless they were all located against this very text
    before (then their stored places stand). What moved is saved in one transaction, with
    the text's mark, when the store can be written; else it holds for this run only.

    The mark is `fingerprint(article_id)` (the index gives one without reading the
    article: a listing of 100k bookmarks reads no unchanged article), else a digest of the
    loaded article's text. None: the article is gone."""
    if fingerprint is not None:
        mark = fingerprint(article_id)
        if mark is not None and store.anchored(article_id) == mark:
            return
        article = load(article_id)
    else:
        article = load(article_id)
        mark = text_digest(article) if article is not None and article.paragraphs else None
        if mark is not None and store.anchored(article_id) == mark:
            return
    if article is None or not article.paragraphs:
        mark = None
    windows = Windows(article.paragraphs) if article is not None and article.paragraphs else None
    moved = [
        (bookmark.id, bookmark.first, bookmark.last, bookmark.status)
        for bookmark in bookmarks
        if _apply(bookmark, locate(bookmark, article, windows)) and bookmark.id is not None
    ]
    if store.read_only or (not moved and mark is None):
        return
    try:
        store.update_anchors(moved, article_id if mark else None, mark)
    except StoreReadOnly:
        pass  # saved next time the store is writable


def reanchor_article(
    store: BookmarkStore,
    article: Article,
    corpus: str | None = None,
    fingerprint: Fingerprint | None = None,
) -> list[Bookmark]:
    """Re-anchor one loaded article's bookmarks (of `corpus` and of no known corpus, when
    given) (call when it is opened); returns them."""
    bookmarks = store.for_article(article.id, corpus)
    _reanchor(store, bookmarks, article.id, lambda _: article, fingerprint)
    return bookmarks


def reanchor_all(
    store: BookmarkStore,
    load: Callable[[str], Article | None],
    article_id: str | None = None,
    corpus: str | None = None,
    fingerprint: Fingerprint | None = None,
) -> list[Bookmark]:
    """Re-anchor every bookmark (of one article) against the corpus (load(id) gives None
    for an article that is gone); returns them as they now are. A read-only store is
    updated in memory only."""
    found: list[Bookmark] = []
    for wanted in store.bookmarked_articles(article_id, corpus):
        found += reanchor_group(store, load, wanted, corpus, fingerprint)
    return found


def reanchor_group(
    store: BookmarkStore,
    load: Callable[[str], Article | None],
    article_id: str,
    corpus: str | None = None,
    fingerprint: Fingerprint | None = None,
) -> list[Bookmark]:
    """One article's bookmarks (of `corpus` and of no known corpus), re-anchored against
    its current text, by range: one article's in memory at a time."""
    bookmarks = store.for_article(article_id, corpus)
    if bookmarks:
        _reanchor(store, bookmarks, article_id, load, fingerprint)
    return bookmarks
