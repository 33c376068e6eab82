"""The paragraphs of the articles searched last, folded, kept between keystrokes."""

from __future__ import annotations

import threading
from collections import OrderedDict

from newsreader.core.store.index import PARAGRAPH_BITS, PARAGRAPH_MASK, Decode, IndexReader
from newsreader.core.text.fold import fold


class _Texts:
    """An article's title and paragraphs as stored, and the text and folded form of those
    searched so far: a search asks for one or two paragraphs of most articles it reads, and
    decoding (with its cleaning) and folding are the dearest steps of reading, so a paragraph
    is decoded and folded when first asked for."""

    __slots__ = ("decode", "folded", "parts", "size", "texts")

    def __init__(self, parts: list[bytes], decode: Decode) -> None:
        self.parts = parts
        self.decode = decode
        self.texts: list[str | None] = [None] * len(parts)
        self.folded: list[str | None] = [None] * len(parts)
        self.size = sum(map(len, parts))

    def pair(self, n: int) -> tuple[str, str]:
        # Two threads may decode or fold the same paragraph: the same strings either way.
        text = self.texts[n]
        if text is None:
            text = self.texts[n] = self.decode(self.parts[n])
        folded = self.folded[n]
        if folded is None:
            folded = self.folded[n] = fold(text)
        return text, folded


class ParagraphCache:
    """The paragraphs of the articles searched last, with their folded forms, up to `budget`
    bytes of stored (UTF-8) text. Each keystroke of a query searches mostly the articles the one before it
    did, and unpacking and folding them was most of its time. Shared by the searchers of
    several threads; cleared when the index changes (rowids then name other articles)."""

    def __init__(self, budget: int = 5_000_000) -> None:
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
                article: _Texts(parts, reader.decode)
                for article, parts in reader.article_parts(missing).items()
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
                if n < len(texts.parts):
                    found.append((rowid, *texts.pair(n)))
        return found
