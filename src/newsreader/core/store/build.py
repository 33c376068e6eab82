"""Building the corpus index: reading, analysing and storing every article of a folder.

Loading a corpus means reading, cleaning and analysing every file; the index keeps the
result so the next start only re-reads files whose size, mtime or content hash changed, and
drops files that are gone. Which index to use (a file in the cache dir, or memory) and what to
do with a stale or damaged one is Library's decision; this module builds and refreshes one.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import signal
import sqlite3
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from newsreader.core.cancel import Cancelled, cancellable
from newsreader.core.corpus.loader import (
    FoundFile,
    LoadedDocument,
    read_file,
    read_regular,
    walk_corpus,
)
from newsreader.core.model import Article, Document, LoadWarning, Skipped
from newsreader.core.store.index import (
    PARAGRAPH_BITS,
    RULES,
    SCHEMA,
    SCHEMA_SQL,
    IndexReader,
    file_uri,
    pack_entities,
    pack_header,
    pack_texts,
    sort_key,
)
from newsreader.core.store.tags import filter_tags
from newsreader.core.text.fold import fold

if TYPE_CHECKING:  # the analysis is imported where a file is analysed: a warm refresh has none
    from concurrent.futures import Future

    from newsreader.core.corpus.analysis import DirectiveIndex, PreparedDocument

BATCH = 200
WORKER_NICENESS = 10
PARALLEL_FROM = 400  # files (or articles to re-analyse) worth starting worker processes for
CHUNK = 16  # jobs handed to a worker at once
IN_FLIGHT = 4  # chunks per worker waiting in or for it: bounds the memory of a build
PAGE_SIZE = 16384
OPTIMIZE_AFTER = 1000  # files changed in one refresh before the FTS segments are merged

Progress = Callable[[int, int], None]
_Job = TypeVar("_Job")
_Done = TypeVar("_Done")


RACY_NS = 3_000_000_000  # a file written this close to the last walk is checked by content


def _hash_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _document_meta(doc: Document) -> str:
    """The Document fields the text does not hold; its title and paragraphs (as mended)
    live in the texts table."""
    return json.dumps(
        {
            "published": doc.published,
            "published_from": doc.published_from,
            "byline": doc.byline,
            "source": doc.source,
            "url": doc.url,
            "author": doc.author,
            "directive_hint": doc.directive_hint,
            "warnings": [w.to_record() for w in doc.warnings],
        },
        ensure_ascii=False,
    )


class RefreshCancelled(Exception):
    """A refresh was stopped before its end (the reader is quitting)."""


@dataclass(slots=True)
class RefreshStats:
    files: int = 0
    parsed: int = 0
    reused: int = 0
    removed: int = 0
    reanalysed: int = 0
    rebuilt: str | None = None  # why the whole cache was thrown away, if it was


@dataclass(slots=True)
class _Stored:
    """An article as the index stores it: its columns, its texts compressed, folded for
    the full-text index. Made where the article is analysed (a worker process on a large
    build), so the one writer only runs SQL."""

    columns: tuple[object, ...]  # _article_columns
    body: bytes  # pack_texts of the title and paragraphs
    folded: list[str]  # fold of the title and each paragraph
    tags: str
    directives: list[str]
    people: list[str]  # folded names
    place: str | None  # folded, the article's place

    @classmethod
    def of(cls, article: Article) -> _Stored:
        texts = [article.title, *article.paragraphs]
        tags = filter_tags(article)
        return cls(
            _article_columns(article),
            pack_texts(texts),
            [fold(t) for t in texts],
            tags,
            list(article.directives),
            [fold(name) for name in article.people],
            fold(article.place) if article.place else None,
        )


def _article_columns(article: Article) -> tuple[object, ...]:
    header = article.header().to_record() | {"paragraph_count": article.paragraph_count}
    return (
        article.directive,
        article.year,
        sort_key(article),
        article.title,
        article.title.casefold(),
        len(article.warnings),
        pack_header(header),
        pack_entities(article.entities),
    )


@dataclass(slots=True)
class _Analysed:
    article_id: str
    stored: _Stored
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
    from newsreader.core.text.directives import ShortResolver, find_anniversary

    local_codes = [ref.code for refs in prepared.refs for ref in refs if ref.code]
    resolver = ShortResolver(local_codes, Counter())
    for refs in prepared.refs:
        for ref in refs:
            if ref.is_short and resolver.resolve(ref) is None:
                return True
    if prepared.loaded.document.published is None:
        for text in [prepared.title, *prepared.paragraphs[:1]]:
            found = find_anniversary(text)
            if found:
                code = resolver.resolve(found[1])
                return not (found[1].date or (code and code in local.dates))
    return False


def _worker_started(parent: int) -> None:
    """In each build worker: end when the parent ends, however it ends (kill -9 included),
    instead of living on re-parented to init with the caller's stderr held open. Linux
    sends a signal at the parent's death; elsewhere a thread watches the parent."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    # Background work: the process that started the build (a reader answering keys, and
    # the one writer the workers feed) comes first when the cores are busy.
    try:
        os.nice(WORKER_NICENESS)
    except OSError:
        pass

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _analyse_file(found: FoundFile) -> _Parsed:
    """Read, lay out and analyse one file with what it says itself. Runs in a worker
    process on a large build; articles that lean on the rest of the corpus are redone
    afterwards (CorpusIndex._finish_corpus_pass)."""
    from newsreader.core.corpus.analysis import DirectiveIndex, build_article, prepare

    try:
        data = read_regular(found.path)
    except OSError:  # read_file says why
        data = None
    loaded, skipped = read_file(found, data)
    parsed = _Parsed(found, _hash_bytes(data) if data is not None else "", skipped=skipped)
    for doc in loaded:
        prepared = prepare(doc)
        local = DirectiveIndex()
        for refs in prepared.refs:
            local.add(refs)
        article = build_article(prepared, local)
        parsed.articles.append(
            _Analysed(
                article.id,
                _Stored.of(article),
                _document_meta(doc.document),
                local,
                _needs_corpus(prepared, local),
            )
        )
    return parsed


class CorpusIndex:
    """The writer of one corpus's index: a file, or a shared in-memory database that the
    read connections of the same process see (`read_target`). Used from one thread at a time.
    """

    def __init__(self, root: Path, db: sqlite3.Connection, read_target: str) -> None:
        self.root = Path(root)
        self.db = db
        self.read_target = read_target
        self.reader = IndexReader(db)
        self._new_codes: set[str] = set()  # seen since labels were last stored

    @classmethod
    def open_file(cls, root: Path, path: Path) -> CorpusIndex:
        """The index at path as it is (check it with stale_reason before trusting it)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        index = cls(root, db, file_uri(path))
        if index.reader.meta().get("complete") == "1":
            index._use_wal()
        return index

    @classmethod
    def create_file(cls, root: Path, path: Path) -> CorpusIndex:
        """A new, empty index at path (whatever was there is deleted)."""
        delete_index_files(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        index = cls(root, db, file_uri(path))
        index._create()
        return index

    @classmethod
    def create_memory(cls, root: Path) -> CorpusIndex:
        """A new index in memory: nothing is written to disk."""
        uri = f"file:newsreader-{uuid.uuid4().hex}?mode=memory&cache=shared"
        db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        index = cls(root, db, uri)
        index._create()
        return index

    def _create(self) -> None:
        """The schema, empty. Until its first refresh completes a file index is written
        without a journal on disk (half the writes of WAL); 'complete' stays 0 meanwhile, so a
        build that dies half-way is thrown away at the next open rather than trusted."""
        self.db.execute("PRAGMA journal_mode=MEMORY")
        self.db.execute("PRAGMA synchronous=OFF")
        # Rows of 1-2 kB (a compressed article, its header) leave a sixth of 4 kB pages
        # empty; 16 kB pages pack them (10k index: -5 MB).
        self.db.execute(f"PRAGMA page_size={PAGE_SIZE}")
        self.db.executescript(SCHEMA_SQL)
        self.db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("schema", str(SCHEMA)),
                ("rules", RULES),
                ("root", str(self.root.resolve())),
                ("directive_index", ""),
                ("complete", "0"),
            ],
        )
        self.db.commit()

    def _use_wal(self) -> None:
        # Once complete, other processes read while this one writes: WAL.
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")

    def _is_complete(self) -> bool:
        return self.reader.meta_value("complete") == "1"

    def _mark_complete(self) -> None:
        if self._is_complete():
            return
        self.db.execute("UPDATE meta SET value='1' WHERE key='complete'")
        self.db.commit()
        if not self.read_target.startswith("file:newsreader-"):
            self._use_wal()

    def close(self) -> None:
        # Write the log's pages back and empty it: a warm start's refresh logs ~1 MB that
        # would otherwise stay beside the index (part of its size on disk) until the next.
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:  # a full or read-only disk: the log stays, the index is whole
            pass
        self.db.close()

    def is_empty(self) -> bool:
        return self.reader.is_empty()

    def store_articles(self, articles: list[Article], skipped: list[Skipped]) -> None:
        """Put articles analysed elsewhere in the index, as if read from files (an index
        of articles made in memory, for tests and tools); the index is then complete."""
        from newsreader.core.corpus.analysis import DirectiveIndex

        for article in articles:
            found = FoundFile(article.path, article.id, 0, 0)
            analysed = _Analysed(
                article.id, _Stored.of(article), "{}", DirectiveIndex(), needs_corpus=False
            )
            self._store_file(_Parsed(found, "", [analysed]))
        self._store_walk_skipped(skipped)
        self._store_summary_facts()
        self.db.commit()
        self._mark_complete()

    # --- refreshing -------------------------------------------------------------------
    def refresh(
        self,
        progress: Progress | None = None,
        workers: int | None = None,
        on_commit: Callable[[], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> RefreshStats:
        """Bring the index in line with the folder; commits every BATCH articles so another
        connection can read what is done while a cold build goes on. `cancel` set stops it
        at the next file with RefreshCancelled (a first build stays incomplete); an analysis
        in this process stops at its next checkpoint, inside a huge file too."""
        try:
            with cancellable(cancel):
                return self._refresh(progress, workers, on_commit, cancel)
        except Cancelled:
            self.db.rollback()  # the batch under way; what was committed stays
            raise RefreshCancelled() from None

    def _refresh(
        self,
        progress: Progress | None,
        workers: int | None,
        on_commit: Callable[[], None] | None,
        cancel: threading.Event | None,
    ) -> RefreshStats:
        stats = RefreshStats()
        walk_skipped: list[Skipped] = []
        found = list(walk_corpus(self.root, walk_skipped)) if self.root.is_dir() else []
        stats.files = len(found)
        walked_at = time.time_ns()
        racy_after = int(self.reader.meta_value("walked_at") or 0) - RACY_NS
        known = {
            row[0]: row[1:]
            for row in self.db.execute("SELECT path, size, mtime_ns, hash, ctime_ns FROM files")
        }
        present = {f.relative for f in found}
        for gone in set(known) - present:
            self._remove_file(gone)
            stats.removed += 1

        changed: list[FoundFile] = []
        for item in found:
            old = known.get(item.relative)
            if old and old[0] == item.size and old[1] == item.mtime_ns:
                # Size and mtime say unchanged. Trust them unless the ctime moved (an edit
                # with its mtime set back, `touch -d`) or the file was written so close to
                # the last walk that a second edit in the same tick would not show (racy,
                # as git calls it): then the content's hash decides.
                if old[3] == item.ctime_ns and item.mtime_ns < racy_after:
                    stats.reused += 1
                    continue
                if self._same_content(item, old[2]):
                    stats.reused += 1
                    continue
            changed.append(item)

        done = 0
        total = len(found)
        if progress:
            progress(stats.reused, total)
        parsed_files = self._parse_all(changed, workers)
        for parsed in parsed_files:
            if cancel is not None and cancel.is_set():
                close = getattr(parsed_files, "close", None)
                if close is not None:
                    close()  # shuts the worker processes down
                self.db.commit()
                raise RefreshCancelled()
            old = known.get(parsed.found.relative)
            if old and parsed.digest and old[2] == parsed.digest:
                self.db.execute(
                    "UPDATE files SET size=?, mtime_ns=?, ctime_ns=? WHERE path=?",
                    (
                        parsed.found.size,
                        parsed.found.mtime_ns,
                        parsed.found.ctime_ns,
                        parsed.found.relative,
                    ),
                )
                stats.reused += 1
            else:
                self._store_file(parsed)
                stats.parsed += 1
            done += 1
            if done % BATCH == 0:
                self._store_new_labels()
                self.db.commit()
                if on_commit:
                    on_commit()
            if progress:
                progress(stats.reused + stats.parsed, total)
        self._store_walk_skipped(walk_skipped)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('walked_at', ?)", (str(walked_at),))
        self.db.commit()
        first_build = not self._is_complete()
        if stats.parsed or stats.removed or first_build:
            stats.reanalysed = self._finish_corpus_pass(workers)
        self._store_summary_facts()  # also when only the skipped files changed
        self.db.commit()
        on_disk = not self.read_target.startswith("file:newsreader-")
        if first_build and on_disk:
            # The merge and VACUUM below rewrite the whole index: their rollback journal
            # goes to disk, not memory (at 100k it held a second copy of the index, 1 GB).
            self.db.execute("PRAGMA journal_mode=TRUNCATE")
        if first_build or stats.parsed + stats.removed > OPTIMIZE_AFTER:
            self._optimize()
        if first_build and on_disk:
            # The merge leaves the old segments' pages free (8% of a first build's file):
            # give them back. Later refreshes reuse free pages, so only the first one.
            try:
                self.db.execute("VACUUM")
            except sqlite3.OperationalError:  # a reader held the file past the timeout
                pass  # the index is whole, only larger
        self._mark_complete()
        return stats

    def _optimize(self) -> None:
        """Merge the full-text index's segments into one: a first build leaves hundreds
        (a third of the index's size) that every search would otherwise walk."""
        self.db.execute("INSERT INTO fts (fts) VALUES ('optimize')")
        self.db.execute("INSERT INTO fts_titles (fts_titles) VALUES ('optimize')")
        self.db.execute("INSERT INTO article_tags (article_tags) VALUES ('optimize')")
        self.db.commit()

    def _same_content(self, found: FoundFile, digest: str) -> bool:
        """Whether the file still holds what was indexed (by hash); if so its row takes
        the new ctime, so the next refresh trusts it again without reading."""
        try:
            data = read_regular(found.path)
        except OSError:
            return False
        if not digest or _hash_bytes(data) != digest:
            return False
        self.db.execute(
            "UPDATE files SET ctime_ns=? WHERE path=?", (found.ctime_ns, found.relative)
        )
        return True

    def _parse_all(self, files: list[FoundFile], workers: int | None) -> Iterable[_Parsed]:
        return self._in_workers(_analyse_file, files, len(files), workers)

    @staticmethod
    def _in_workers(
        work: Callable[[_Job], _Done], jobs: Iterable[_Job], count: int, workers: int | None
    ) -> Iterable[_Done]:
        """work over `count` jobs, in order: in worker processes when there are many (a
        generator whose close() shuts them down), else here. Jobs are taken from the iterable
        only as chunks are handed out, and at most IN_FLIGHT chunks wait in or for a worker,
        so neither the jobs nor the finished results pile up in memory when one side is
        slower than the other (at 100k a pool.map of every job held them all)."""
        if workers is None:
            workers = min(os.cpu_count() or 1, 4) if count >= PARALLEL_FROM else 1
        if workers <= 1:
            return map(work, jobs)
        # Here, not at the top: a refresh that finds every file as it was (each warm start,
        # right after the first paint) needs no pool (~15 ms of imports).
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(
            max_workers=workers, initializer=_worker_started, initargs=(os.getpid(),)
        )

        def run() -> Iterator[_Done]:
            chunks = _chunked(jobs, CHUNK)
            pending: deque[Future[list[_Done]]] = deque()
            try:
                for chunk in itertools.islice(chunks, IN_FLIGHT * workers):
                    pending.append(pool.submit(_run_chunk, work, chunk))
                while pending:
                    done = pending.popleft().result()
                    for chunk in itertools.islice(chunks, 1):
                        pending.append(pool.submit(_run_chunk, work, chunk))
                    yield from done
            finally:  # also when the caller stops early (generator closed)
                pool.shutdown(wait=False, cancel_futures=True)

        return run()

    def _directive_index(self) -> DirectiveIndex:
        from newsreader.core.corpus.analysis import DirectiveIndex

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
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)",
            (
                relative,
                parsed.found.size,
                parsed.found.mtime_ns,
                parsed.digest,
                json.dumps([s.to_record() for s in parsed.skipped], ensure_ascii=False),
                parsed.found.ctime_ns,
            ),
        )
        for item in parsed.articles:
            cursor = self.db.execute(
                "INSERT INTO articles (id, file, directive, year, sort_key, title, title_key,"
                " warnings, header, entities, document, codes, needs_corpus)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item.article_id,
                    relative,
                    *item.stored.columns,
                    # Only an article redone by the corpus pass is rebuilt from its Document.
                    item.document if item.needs_corpus else "",
                    json.dumps(
                        {"counts": dict(item.local.counts), "dates": item.local.dates},
                        ensure_ascii=False,
                    ),
                    int(item.needs_corpus),
                ),
            )
            rowid = cursor.lastrowid
            assert rowid is not None  # a successful INSERT sets it
            self._index_article(rowid, item.stored)

    def _index_article(self, rowid: int, stored: _Stored) -> None:
        base = rowid << PARAGRAPH_BITS
        self.db.execute("INSERT INTO texts VALUES (?, ?)", (rowid, stored.body))
        self.db.execute(
            "INSERT INTO fts_titles (rowid, folded) VALUES (?, ?)", (rowid, stored.folded[0])
        )
        self.db.executemany(
            "INSERT INTO fts (rowid, folded) VALUES (?, ?)",
            ((base + i, folded) for i, folded in enumerate(stored.folded)),
        )
        self.db.execute(
            "INSERT INTO article_tags (rowid, tags) VALUES (?, ?)", (rowid, stored.tags)
        )
        self._new_codes.update(stored.directives)
        self.db.executemany(
            "INSERT OR IGNORE INTO article_directives VALUES (?, ?)",
            ((rowid, code) for code in stored.directives),
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO article_people VALUES (?, ?)",
            ((rowid, folded) for folded in stored.people),
        )
        if stored.place:
            self.db.execute(
                "INSERT OR IGNORE INTO article_places VALUES (?, ?)", (rowid, stored.place)
            )

    def _unindex_article(self, rowid: int) -> None:
        """Take an article out of the search index (before its row changes or goes). The
        FTS tables keep no text, so a delete names the exact values that were indexed."""
        row = self.db.execute("SELECT id FROM articles WHERE rowid = ?", (rowid,)).fetchone()
        header = self.reader.header(row[0]) if row is not None else None
        texts = self.reader.texts_of(rowid)
        if header is not None and texts:
            tags, base = filter_tags(header), rowid << PARAGRAPH_BITS
            self.db.execute(
                "INSERT INTO fts_titles (fts_titles, rowid, folded) VALUES ('delete', ?, ?)",
                (rowid, fold(texts[0])),
            )
            self.db.executemany(
                "INSERT INTO fts (fts, rowid, folded) VALUES ('delete', ?, ?)",
                ((base + i, fold(t)) for i, t in enumerate(texts)),
            )
            self.db.execute(
                "INSERT INTO article_tags (article_tags, rowid, tags) VALUES ('delete', ?, ?)",
                (rowid, tags),
            )
        self.db.execute("DELETE FROM texts WHERE article = ?", (rowid,))
        self.db.execute("DELETE FROM article_directives WHERE article = ?", (rowid,))
        self.db.execute("DELETE FROM article_people WHERE article = ?", (rowid,))
        self.db.execute("DELETE FROM article_places WHERE article = ?", (rowid,))

    def _remove_file(self, relative: str) -> None:
        for (rowid,) in self.db.execute(
            "SELECT rowid FROM articles WHERE file = ?", (relative,)
        ).fetchall():
            self._unindex_article(rowid)
        self.db.execute("DELETE FROM articles WHERE file = ?", (relative,))
        self.db.execute("DELETE FROM files WHERE path = ?", (relative,))

    def _store_new_labels(self) -> None:
        """Labels of the codes met since the last batch, so the articles readable during a
        first build show them too."""
        if not self._new_codes:
            return
        from newsreader.core.text.directives import directive_label

        labels = self.reader.labels()
        labels.update((code, directive_label(code)) for code in self._new_codes)
        self._new_codes.clear()
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('labels', ?)",
            (json.dumps(labels, ensure_ascii=False),),
        )

    def _store_summary_facts(self) -> None:
        """The labels of every directive code, and how many load warnings there are: what
        the first screen needs without reading any article."""
        from newsreader.core.text.directives import directive_label

        codes = {
            code for (code,) in self.db.execute("SELECT DISTINCT code FROM article_directives")
        }
        labels = {code: directive_label(code) for code in sorted(codes)}
        self._new_codes.clear()
        (warnings,) = self.db.execute("SELECT coalesce(sum(warnings), 0) FROM articles").fetchone()
        summary = {"counts": self.reader.counts(), "skipped": len(self.reader.skipped())}
        self.db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [
                ("labels", json.dumps(labels, ensure_ascii=False)),
                ("warnings", str(warnings)),
                ("summary", json.dumps(summary, ensure_ascii=False)),
            ],
        )

    def _store_walk_skipped(self, skipped: list[Skipped]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('walk_skipped', ?)",
            (json.dumps([s.to_record() for s in skipped], ensure_ascii=False),),
        )

    def _finish_corpus_pass(self, workers: int | None = None) -> int:
        """Re-analyse articles that lean on other articles when the corpus-wide directive
        facts changed (a new code, a directive's date); in worker processes when many do."""
        index = self._directive_index()
        snapshot = json.dumps(
            [sorted(index.counts.items()), sorted(index.dates.items())], ensure_ascii=False
        )
        digest = hashlib.blake2b(snapshot.encode(), digest_size=16).hexdigest()
        (old,) = self.db.execute("SELECT value FROM meta WHERE key='directive_index'").fetchone()
        if old == digest:
            return 0
        rowids = [
            rowid
            for (rowid,) in self.db.execute("SELECT rowid FROM articles WHERE needs_corpus = 1")
        ]
        count = 0
        jobs = map(self._reanalysis_of, rowids)  # read as the workers ask for them
        work = partial(_reanalyse, index=index)
        for rowid, stored in self._in_workers(work, jobs, len(rowids), workers):
            if stored is None:
                continue
            self._unindex_article(rowid)
            self.db.execute(
                "UPDATE articles SET directive=?, year=?, sort_key=?, title=?, title_key=?,"
                " warnings=?, header=?, entities=? WHERE rowid=?",
                (*stored.columns, rowid),
            )
            self._index_article(rowid, stored)
            count += 1
        self.db.execute("UPDATE meta SET value=? WHERE key='directive_index'", (digest,))
        return count

    def _reanalysis_of(self, rowid: int) -> _Reanalysis:
        article_id, relative, document, header, entities = self.db.execute(
            "SELECT id, file, document, header, entities FROM articles WHERE rowid = ?", (rowid,)
        ).fetchone()
        return _Reanalysis(
            rowid, article_id, relative, document, self.reader.texts_of(rowid), header, entities
        )


@dataclass(slots=True)
class _Reanalysis:
    """An article to analyse again with the corpus's directive facts, and what it holds now."""

    rowid: int
    article_id: str
    relative: str
    document: str
    texts: list[str]
    header: bytes
    entities: bytes


def _reanalyse(job: _Reanalysis, index: DirectiveIndex) -> tuple[int, _Stored | None]:
    """The article's new stored form, or None when its header and entities did not change."""
    from newsreader.core.corpus.analysis import build_article, prepare

    title, *paragraphs = job.texts
    fields = json.loads(job.document)
    fields["warnings"] = [LoadWarning.from_record(w) for w in fields.get("warnings", [])]
    doc = Document(title=title, paragraphs=paragraphs, **fields)
    article = build_article(prepare(LoadedDocument(job.article_id, job.relative, doc)), index)
    columns = _article_columns(article)
    if columns[-2:] == (job.header, job.entities):
        return job.rowid, None
    return job.rowid, _Stored.of(article)


def _chunked(jobs: Iterable[_Job], size: int) -> Iterator[list[_Job]]:
    iterator = iter(jobs)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _run_chunk(work: Callable[[_Job], _Done], chunk: list[_Job]) -> list[_Done]:
    return [work(job) for job in chunk]


def delete_index_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
