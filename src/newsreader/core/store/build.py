"""The corpus index: analysed articles and a full-text index over folded text, in SQLite.

Loading a corpus means reading, cleaning and analysing every file; the index keeps the
result in the user's cache dir so the next start only re-reads files whose size, mtime or
content hash changed, and drops files that are gone. A cache that is corrupt, of another
schema or made by another version of the rules is rebuilt, never trusted.

Full-text search uses SQLite FTS5 over folded text (see fold.py): it finds candidates fast;
search.py ranks them.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.core.corpus.analysis import DirectiveIndex, PreparedDocument, build_article, prepare
from newsreader.core.corpus.grouping import sort_newest_first
from newsreader.core.corpus.loader import FoundFile, LoadedDocument, read_file, walk_corpus
from newsreader.core.model import Article, Document, Skipped
from newsreader.core.store.index import (
    PARAGRAPH_BITS,
    RULES,
    SCHEMA,
    IndexedCorpus,
    cache_path_for,
    read_article,
    read_headers,
    read_skipped,
    read_texts,
)
from newsreader.core.store.tags import filter_tags
from newsreader.core.text.directives import find_anniversary, resolve_short
from newsreader.core.text.fold import fold

BATCH = 200

Progress = Callable[[int, int], None]

_SCHEMA_SQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL, skipped TEXT NOT NULL
);
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, file TEXT NOT NULL,
    year INTEGER, sort_key TEXT NOT NULL,
    header TEXT NOT NULL, entities TEXT NOT NULL, document TEXT NOT NULL,
    codes TEXT NOT NULL, needs_corpus INTEGER NOT NULL
);
CREATE INDEX articles_file ON articles(file);
CREATE TABLE article_directives (article INTEGER NOT NULL, code TEXT NOT NULL);
CREATE INDEX article_directives_code ON article_directives(code);
CREATE TABLE article_people (article INTEGER NOT NULL, folded TEXT NOT NULL);
CREATE INDEX article_people_folded ON article_people(folded);
CREATE TABLE paragraphs (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5(folded, tags, prefix='2 3', tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE fts_titles USING fts5(folded, tags, prefix='2 3', tokenize='unicode61 remove_diacritics 0');
"""


def _hash_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _document_meta(doc: Document) -> str:
    """The Document fields the text does not hold; its title and paragraphs (as mended)
    live in the paragraphs table."""
    return json.dumps(
        {
            "published": doc.published,
            "published_from": doc.published_from,
            "byline": doc.byline,
            "source": doc.source,
            "url": doc.url,
            "author": doc.author,
            "directive_hint": doc.directive_hint,
            "warnings": doc.warnings,
        },
        ensure_ascii=False,
    )


def _entities_json(article: Article) -> str:
    return json.dumps(
        [[e.kind, e.text, e.value, e.paragraph, e.start, e.end] for e in article.entities],
        ensure_ascii=False,
    )


@dataclass(slots=True)
class RefreshStats:
    files: int = 0
    parsed: int = 0
    reused: int = 0
    removed: int = 0
    reanalysed: int = 0
    rebuilt: str | None = None  # why the whole cache was thrown away, if it was


@dataclass(slots=True)
class _Analysed:
    article: Article
    document: str  # the Document's metadata as JSON, to re-analyse without re-reading the file
    local: DirectiveIndex
    needs_corpus: bool


@dataclass(slots=True)
class _Parsed:
    found: FoundFile
    digest: str
    articles: list[_Analysed] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _needs_corpus(prepared: PreparedDocument, local: DirectiveIndex) -> bool:
    """Whether other articles could change this one's analysis: a short reference that the
    article itself cannot resolve, or an anniversary review it cannot date by itself."""
    local_codes = [ref.code for refs in prepared.refs for ref in refs if ref.code]
    for refs in prepared.refs:
        for ref in refs:
            if ref.is_short and resolve_short(ref, local_codes, Counter()) is None:
                return True
    if prepared.loaded.document.published is None:
        for text in [prepared.title, *prepared.paragraphs[:1]]:
            found = find_anniversary(text)
            if found:
                code = found[1].code or resolve_short(found[1], local_codes, Counter())
                return not (found[1].date or (code and code in local.dates))
    return False


def _analyse_file(found: FoundFile) -> _Parsed:
    """Read, lay out and analyse one file with what it says itself. Runs in a worker
    process on a large build; articles that lean on the rest of the corpus are redone
    afterwards (CorpusIndex._finish_corpus_pass)."""
    try:
        data = Path(found.path).read_bytes()
    except OSError:
        data = None
    loaded, skipped = read_file(found, data)
    parsed = _Parsed(found, _hash_bytes(data) if data is not None else "", skipped=skipped)
    for doc in loaded:
        prepared = prepare(doc)
        local = DirectiveIndex()
        for refs in prepared.refs:
            local.add(refs)
        parsed.articles.append(
            _Analysed(
                build_article(prepared, local),
                _document_meta(doc.document),
                local,
                _needs_corpus(prepared, local),
            )
        )
    return parsed


class CorpusIndex:
    """An open index for one corpus folder. Not shared between threads: open one per thread."""

    def __init__(self, root: Path, cache_dir: Path | None) -> None:
        """cache_dir None keeps the index in memory (nothing written)."""
        self.root = Path(root)
        self.path = cache_path_for(self.root, cache_dir) if cache_dir is not None else None
        self.rebuilt: str | None = None
        self.db = self._open()

    # --- opening and validating -------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self.path is None:
            return sqlite3.connect(":memory:", check_same_thread=False)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(self.path, timeout=30, check_same_thread=False)

    def _open(self) -> sqlite3.Connection:
        reason = None
        if self.path is None or not self.path.exists():
            return self._create()
        try:
            db = self._connect()
            meta = dict(db.execute("SELECT key, value FROM meta"))
            if meta.get("schema") != str(SCHEMA) or meta.get("rules") != RULES:
                reason = "made by another version"
            elif meta.get("complete") != "1":
                reason = "its first build was interrupted"
            elif meta.get("root") != str(self.root.resolve()):
                reason = "made for another folder"
            else:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                return db
            db.close()
        except sqlite3.DatabaseError as exc:
            reason = f"unreadable ({exc})"
        self.rebuilt = reason
        self._delete_files()
        return self._create()

    def _delete_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def discard(self, reason: str) -> None:
        """Throw the cache away and start an empty one (damage found while using it)."""
        self.db.close()
        self.rebuilt = reason
        if self.path is not None:
            self._delete_files()
        self.db = self._create()

    def _create(self) -> sqlite3.Connection:
        """A new, empty index. Until its first refresh completes it is written without a
        journal on disk (half the writes of WAL); 'complete' stays 0 meanwhile, so a build
        that dies half-way is thrown away at the next open rather than trusted."""
        db = self._connect()
        db.execute("PRAGMA journal_mode=MEMORY")
        db.execute("PRAGMA synchronous=OFF")
        db.executescript(_SCHEMA_SQL)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("schema", str(SCHEMA)),
                ("rules", RULES),
                ("root", str(self.root.resolve())),
                ("directive_index", ""),
                ("complete", "0"),
            ],
        )
        db.commit()
        return db

    def _is_complete(self) -> bool:
        return self.db.execute("SELECT value FROM meta WHERE key='complete'").fetchone()[0] == "1"

    def _mark_complete(self) -> None:
        if self._is_complete():
            return
        self.db.execute("UPDATE meta SET value='1' WHERE key='complete'")
        self.db.commit()
        # From now on other processes read while this one writes: WAL.
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")

    def close(self) -> None:
        self.db.close()

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    # --- refreshing -------------------------------------------------------------------
    def refresh(
        self,
        progress: Progress | None = None,
        workers: int | None = None,
        on_commit: Callable[[], None] | None = None,
    ) -> RefreshStats:
        """Bring the index in line with the folder; commits every BATCH articles so another
        connection can read what is done while a cold build goes on."""
        stats = RefreshStats(rebuilt=self.rebuilt)
        walk_skipped: list[Skipped] = []
        found = list(walk_corpus(self.root, walk_skipped)) if self.root.is_dir() else []
        stats.files = len(found)
        known = {
            row[0]: row[1:]
            for row in self.db.execute("SELECT path, size, mtime_ns, hash FROM files")
        }
        present = {f.relative for f in found}
        for gone in set(known) - present:
            self._remove_file(gone)
            stats.removed += 1

        changed: list[FoundFile] = []
        for item in found:
            old = known.get(item.relative)
            if old and old[0] == item.size and old[1] == item.mtime_ns:
                stats.reused += 1
                continue
            changed.append(item)

        done = 0
        total = len(found)
        if progress:
            progress(stats.reused, total)
        for parsed in self._parse_all(changed, workers):
            old = known.get(parsed.found.relative)
            if old and parsed.digest and old[2] == parsed.digest:
                self.db.execute(
                    "UPDATE files SET size=?, mtime_ns=? WHERE path=?",
                    (parsed.found.size, parsed.found.mtime_ns, parsed.found.relative),
                )
                stats.reused += 1
            else:
                self._store_file(parsed)
                stats.parsed += 1
            done += 1
            if done % BATCH == 0:
                self.db.commit()
                if on_commit:
                    on_commit()
            if progress:
                progress(stats.reused + stats.parsed, total)
        self._store_walk_skipped(walk_skipped)
        self.db.commit()
        if stats.parsed or stats.removed or not self._is_complete():
            stats.reanalysed = self._finish_corpus_pass()
        self.db.commit()
        self._mark_complete()
        return stats

    def _parse_all(self, files: list[FoundFile], workers: int | None) -> Iterable[_Parsed]:
        if workers is None:
            workers = min(os.cpu_count() or 1, 4) if len(files) >= 400 else 1
        if workers <= 1:
            return map(_analyse_file, files)
        pool = ProcessPoolExecutor(max_workers=workers)

        def run() -> Iterable[_Parsed]:
            with pool:
                yield from pool.map(_analyse_file, files, chunksize=16)

        return run()

    def _directive_index(self) -> DirectiveIndex:
        index = DirectiveIndex()
        for (codes,) in self.db.execute("SELECT codes FROM articles"):
            data = json.loads(codes)
            index.counts.update(data["counts"])
            for code, date in data["dates"].items():
                index.dates.setdefault(code, date)
        return index

    def _store_file(self, parsed: _Parsed) -> None:
        relative = parsed.found.relative
        self._remove_file(relative)
        self.db.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?)",
            (
                relative,
                parsed.found.size,
                parsed.found.mtime_ns,
                parsed.digest,
                json.dumps([s.to_json() for s in parsed.skipped], ensure_ascii=False),
            ),
        )
        for item in parsed.articles:
            article = item.article
            cursor = self.db.execute(
                "INSERT INTO articles (id, file, year, sort_key, header, entities, document, codes,"
                " needs_corpus) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    relative,
                    *self._article_columns(article),
                    item.document,
                    json.dumps(
                        {"counts": dict(item.local.counts), "dates": item.local.dates},
                        ensure_ascii=False,
                    ),
                    int(item.needs_corpus),
                ),
            )
            self._index_article(cursor.lastrowid, article)

    @staticmethod
    def _article_columns(article: Article) -> tuple:
        header = article.header().to_record() | {"paragraph_count": article.paragraph_count}
        return (
            article.year,
            article.published or str(article.year or ""),
            json.dumps(header, ensure_ascii=False),
            _entities_json(article),
        )

    def _index_article(self, rowid: int, article: Article) -> None:
        base = rowid << PARAGRAPH_BITS
        texts = [article.title, *article.paragraphs]
        self.db.executemany(
            "INSERT INTO paragraphs VALUES (?, ?)", ((base + i, t) for i, t in enumerate(texts))
        )
        tags = filter_tags(article)
        self.db.execute(
            "INSERT INTO fts_titles (rowid, folded, tags) VALUES (?, ?, ?)",
            (rowid, fold(article.title), tags),
        )
        self.db.executemany(
            "INSERT INTO fts (rowid, folded, tags) VALUES (?, ?, ?)",
            ((base + i, fold(t), tags) for i, t in enumerate(texts)),
        )
        self.db.executemany(
            "INSERT INTO article_directives VALUES (?, ?)",
            ((rowid, code) for code in article.directives),
        )
        self.db.executemany(
            "INSERT INTO article_people VALUES (?, ?)",
            ((rowid, fold(name)) for name in article.people),
        )

    def _unindex_article(self, rowid: int) -> None:
        low, high = rowid << PARAGRAPH_BITS, (rowid + 1) << PARAGRAPH_BITS
        self.db.execute("DELETE FROM fts WHERE rowid >= ? AND rowid < ?", (low, high))
        self.db.execute("DELETE FROM fts_titles WHERE rowid = ?", (rowid,))
        self.db.execute("DELETE FROM paragraphs WHERE rowid >= ? AND rowid < ?", (low, high))
        self.db.execute("DELETE FROM article_directives WHERE article = ?", (rowid,))
        self.db.execute("DELETE FROM article_people WHERE article = ?", (rowid,))

    def _remove_file(self, relative: str) -> None:
        for (rowid,) in self.db.execute(
            "SELECT rowid FROM articles WHERE file = ?", (relative,)
        ).fetchall():
            self._unindex_article(rowid)
        self.db.execute("DELETE FROM articles WHERE file = ?", (relative,))
        self.db.execute("DELETE FROM files WHERE path = ?", (relative,))

    def _store_walk_skipped(self, skipped: list[Skipped]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('walk_skipped', ?)",
            (json.dumps([s.to_json() for s in skipped], ensure_ascii=False),),
        )

    def _finish_corpus_pass(self) -> int:
        """Re-analyse articles that lean on other articles when the corpus-wide directive
        facts changed (a new code, a directive's date)."""
        index = self._directive_index()
        snapshot = json.dumps(
            [sorted(index.counts.items()), sorted(index.dates.items())], ensure_ascii=False
        )
        digest = hashlib.blake2b(snapshot.encode(), digest_size=16).hexdigest()
        (old,) = self.db.execute("SELECT value FROM meta WHERE key='directive_index'").fetchone()
        if old == digest:
            return 0
        count = 0
        rows = self.db.execute(
            "SELECT rowid, id, file, document, header, entities FROM articles WHERE needs_corpus = 1"
        ).fetchall()
        for rowid, article_id, relative, document, old_header, old_entities in rows:
            title, *paragraphs = self._texts(rowid)
            doc = Document(title=title, paragraphs=paragraphs, **json.loads(document))
            article = build_article(prepare(LoadedDocument(article_id, relative, doc)), index)
            columns = self._article_columns(article)
            if columns[2:] == (old_header, old_entities):
                continue
            self._unindex_article(rowid)
            self.db.execute(
                "UPDATE articles SET year=?, sort_key=?, header=?, entities=? WHERE rowid=?",
                (*columns, rowid),
            )
            self._index_article(rowid, article)
            count += 1
        self.db.execute("UPDATE meta SET value=? WHERE key='directive_index'", (digest,))
        return count

    # --- reading ----------------------------------------------------------------------
    def headers(self) -> list[Article]:
        return sort_newest_first(read_headers(self.db))

    def _texts(self, rowid: int) -> list[str]:
        return read_texts(self.db, rowid)

    def article(self, article_id: str) -> Article | None:
        return read_article(self.db, article_id)

    def skipped(self) -> list[Skipped]:
        return read_skipped(self.db)

    def corpus(self) -> IndexedCorpus:
        headers = self.headers()
        warnings = [Skipped(a.path, w) for a in headers for w in a.warnings]
        path = str(self.path) if self.path is not None else None
        corpus = IndexedCorpus(str(self.root), headers, self.skipped(), warnings, index_path=path)
        if path is None:  # an in-memory index: lend it our connection
            corpus._db = self.db
        return corpus


def refreshed_index(
    root: Path,
    cache_dir: Path | None,
    progress: Progress | None = None,
    workers: int | None = None,
    on_commit: Callable[[], None] | None = None,
) -> CorpusIndex:
    """Open and refresh the index of root. Opening checks only the header and metadata
    (a full integrity check would cost seconds on a large index), so damage found while
    refreshing throws the cache away and builds it again, once."""
    index = CorpusIndex(root, cache_dir)
    try:
        index.refresh(progress, workers, on_commit)
    except sqlite3.DatabaseError as exc:
        index.discard(f"damaged ({exc})")
        index.refresh(progress, workers, on_commit)
    return index


def open_corpus(
    root: Path, cache_dir: Path, progress: Progress | None = None, workers: int | None = None
) -> IndexedCorpus:
    """Refresh the index of root and return its corpus (headers plus skipped files)."""
    root = Path(root)
    if not root.is_dir():
        reason = "no such folder" if not root.exists() else "not a folder"
        return IndexedCorpus(str(root), [], [Skipped(str(root), reason)])
    return refreshed_index(root, cache_dir, progress, workers).corpus()
