"""The read side of the corpus index: articles by id, without the text engine.

The reader's UI process imports this, not index.py, so it never loads the extraction rules;
a Corpus built here pickles without its database connection and reopens it on demand.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from newsreader import __version__
from newsreader.core.corpus.grouping import sort_newest_first
from newsreader.core.model import Article, Corpus, Skipped

# Bump when the schema or any extraction rule changes: older caches are then rebuilt.
SCHEMA = 3
RULES = f"{__version__}/2"
PARAGRAPH_BITS = 20  # FTS rowid = article rowid << 20 | paragraph + 1 (0 is the title)


def cache_path_for(root: Path, cache_dir: Path) -> Path:
    key = hashlib.sha1(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_dir / f"corpus-{key}.sqlite3"


def cached_corpus(root: Path, cache_dir: Path) -> IndexedCorpus | None:
    """What a complete index of root holds, read-only and without the text engine (for a
    fast first screen); None when there is no such index or it cannot be read."""
    path = cache_path_for(Path(root), cache_dir)
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta"))
            if (meta.get("complete"), meta.get("schema"), meta.get("rules")) != (
                "1",
                str(SCHEMA),
                RULES,
            ):
                return None
            headers = sort_newest_first(read_headers(db))
            skipped = read_skipped(db)
        finally:
            db.close()
    except sqlite3.Error:
        return None
    warnings = [Skipped(a.path, w) for a in headers for w in a.warnings]
    return IndexedCorpus(str(root), headers, skipped, warnings, index_path=str(path))


def read_skipped(db: sqlite3.Connection) -> list[Skipped]:
    """Files the last refresh could not read, with their reasons."""
    items: list[Skipped] = []
    row = db.execute("SELECT value FROM meta WHERE key='walk_skipped'").fetchone()
    if row:
        items.extend(Skipped(**s) for s in json.loads(row[0]))
    for (raw,) in db.execute("SELECT skipped FROM files ORDER BY path"):
        items.extend(Skipped(**s) for s in json.loads(raw))
    return items


def read_texts(db: sqlite3.Connection, rowid: int) -> list[str]:
    """The title then the paragraphs of the article stored at rowid."""
    low, high = rowid << PARAGRAPH_BITS, (rowid + 1) << PARAGRAPH_BITS
    rows = db.execute(
        "SELECT text FROM paragraphs WHERE rowid >= ? AND rowid < ? ORDER BY rowid", (low, high)
    )
    return [text for (text,) in rows]


def read_article(db: sqlite3.Connection, article_id: str) -> Article | None:
    row = db.execute(
        "SELECT rowid, header, entities FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return None
    rowid, header, entities = row
    data = json.loads(header)
    data["title"], *data["paragraphs"] = read_texts(db, rowid)
    data["entities"] = [
        {"kind": k, "text": t, "value": v, "paragraph": p, "start": s, "end": e}
        for k, t, v, p, s, e in json.loads(entities)
    ]
    return Article.from_record(data)


def read_headers(db: sqlite3.Connection) -> list[Article]:
    """Every article's metadata, without text: what lists and the sidebar need."""
    articles = []
    for (header,) in db.execute("SELECT header FROM articles"):
        data = json.loads(header)
        article = Article.from_record(data | {"paragraphs": [], "entities": []})
        article.stored_paragraph_count = data["paragraph_count"]
        articles.append(article)
    return articles


@dataclass(slots=True)
class IndexedCorpus(Corpus):
    """A Corpus whose articles are headers; load() reads an article's text from the index
    file at `index_path` (opened on first use, in whichever process asks)."""

    index_path: str | None = None
    _db: sqlite3.Connection | None = field(default=None, repr=False, compare=False)

    def load(self, article_id: str) -> Article | None:
        if self._db is None:
            if self.index_path is None:
                return self.get(article_id)
            uri = Path(self.index_path).absolute().as_uri() + "?mode=ro"  # as_uri escapes ? and #
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            return read_article(self._db, article_id)
        except sqlite3.Error:
            return None

    def __getstate__(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__ if name != "_db"} | {
            name: getattr(self, name) for name in Corpus.__slots__
        }

    def __setstate__(self, state: dict) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self._db = None
