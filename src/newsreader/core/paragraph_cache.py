"""The paragraphs of the articles searched last, folded, kept between keystrokes."""

from __future__ import annotations

import threading
from collections import OrderedDict

from newsreader.core.store.index import PARAGRAPH_BITS, PARAGRAPH_MASK, IndexReader
from newsreader.core.text.fold import fold


class _Texts:
    """An article's title and paragraphs, and the folded forms of those searched so far: a
    search asks for one or two paragraphs of most articles it reads, and folding is the
    dearest step of reading, so a paragraph is folded when first asked for."""

    __slots__ = ("folded", "size", "texts")

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.folded: list[str | None] = [None] * len(texts)
        self.size = sum(len(text) for text in texts)

    def pair(self, n: int) -> tuple[str, str]:
        folded = self.folded[n]
        if folded is None:  # two threads may fold the same paragraph: the same string
            folded = self.folded[n] = fold(self.texts[n])
        return self.texts[n], folded


class ParagraphCache:
    """The paragraphs of the articles searched last, with their folded forms, up to `budget`
    characters. Each keystroke of a query searches mostly the articles the one before it
    did, and unpacking and folding them was most of its time. Shared by the searchers of
    several threads; cleared when the index changes (rowids then name other articles)."""

    def __init__(self, budget: int = 4_000_000) -> None:
        self.budget = budget
        self._lock = threading.Lock()
        self._articles: OrderedDict[int, _Texts] = OrderedDict()
        self._size = 0
        self._generation = 0  # what was read before a clear() is not kept after it

    def clear(self) -> None:
        with self._lock:
            self._articles.clear()
            self._size = 0
            self._generation += 1

    def paragraphs(self, reader: IndexReader, rowids: list[int]) -> list[tuple[int, str, str]]:
        """(rowid, text, folded) of paragraphs, article by article in rowid order."""
        wanted: dict[int, list[int]] = {}
        for rowid in rowids:
            wanted.setdefault(rowid >> PARAGRAPH_BITS, []).append(rowid)
        held: dict[int, _Texts] = {}
        with self._lock:
            generation = self._generation
            for article in wanted:
                texts = self._articles.get(article)
                if texts is not None:
                    self._articles.move_to_end(article)
                    held[article] = texts
        missing = [article for article in wanted if article not in held]
        if missing:
            read = {
                article: _Texts(texts) for article, texts in reader.article_texts(missing).items()
            }
            held.update(read)
            with self._lock:
                for article, texts in read.items() if generation == self._generation else ():
                    if article not in self._articles:
                        self._articles[article] = texts
                        self._size += texts.size
                while self._size > self.budget and self._articles:
                    _, dropped = self._articles.popitem(last=False)
                    self._size -= dropped.size
        found: list[tuple[int, str, str]] = []
        for article in sorted(wanted):
            texts = held.get(article)
            if texts is None:
                continue
            for rowid in wanted[article]:
                n = rowid & PARAGRAPH_MASK
                if n < len(texts.texts):
                    found.append((rowid, *texts.pair(n)))
        return found
