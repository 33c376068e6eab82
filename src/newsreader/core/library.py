"""Library: the one way in to a corpus, its index and the user's bookmarks.

The faces (the CLI, the reader, doctor) ask a Library for articles, search results,
bookmarks and exports; none of them opens a file of the cache or data dir itself. The Library
decides, in one place, how the index is opened (refreshed; rebuilt when it is damaged, of
another version or half-built; kept in memory when the cache dir cannot be used, with a
notice saying so) and how the bookmark store is opened (writable; else read-only with a
notice; a damaged one moved aside by the store itself).

Connections: one writer for the index (refresh runs in whichever thread calls it), one read
connection per thread, and one bookmark store connection used under a lock.
"""

from __future__ import annotations

import io
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from newsreader import locations
from newsreader.core.model import Article, Corpus, SkipKind, Skipped
from newsreader.core.paragraph_cache import ParagraphCache
from newsreader.core.people_index import Person, article_roles, people_of
from newsreader.core.store.atomic import NotRegularFile, special_kind
from newsreader.core.store.bookmarks import (
    Bookmark,
    BookmarkKey,
    BookmarkNotFound,
    BookmarkStore,
    InvalidRange,
    Merged,
    StoreError,
    StoreReadOnly,
    Toggled,
)
from newsreader.core.store.index import (
    ArticleRow,
    IndexReader,
    Summary,
    cache_path_for,
    connect_read,
    file_uri,
    stale_reason,
)
from newsreader.core.store.reading_state import ReadingState

if TYPE_CHECKING:
    from newsreader.core.corpus.adding import Added, AddError
    from newsreader.core.doctor import Report
    from newsreader.core.dossier import Dossier
    from newsreader.core.search import Hit, Searcher
    from newsreader.core.store.build import CorpusIndex, RefreshStats

# What the faces use of the store, through this module only.
__all__ = [
    "ArticleNotFound",
    "ArticleRow",
    "Bookmark",
    "BookmarkKey",
    "BookmarkNotFound",
    "InvalidRange",
    "Library",
    "Merged",
    "NotRegularFile",
    "Notice",
    "NoticeKind",
    "Person",
    "ReadingState",
    "StoreError",
    "StoreReadOnly",
    "Summary",
    "Toggled",
]

T = TypeVar("T")
Progress = Callable[[int, int], None]


class NoticeKind(StrEnum):
    INDEX_UNUSABLE = "index_unusable"  # the cache dir cannot hold the index: kept in memory
    INDEX_REBUILT = "index_rebuilt"
    STORE_READ_ONLY = "store_read_only"
    STORE_MOVED = "store_moved"  # a damaged store was moved aside
    STORE_UNUSABLE = "store_unusable"  # bookmarks kept in memory for this session


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know about how the Library opened things (in English)."""

    kind: NoticeKind
    text: str


class ArticleNotFound(LookupError):
    def __init__(self, article_id: str) -> None:
        super().__init__(article_id)
        self.article_id = article_id

    def __str__(self) -> str:
        return f"no article with id {self.article_id!r}"


def root_problem(root: Path) -> str | None:
    """Why root cannot be read as a corpus folder; None when it can."""
    if not root.exists():
        return "no such folder"
    if not root.is_dir():
        return "not a folder"
    return None


class Library:
    """One corpus folder with its index and the user's bookmark store and history.

    `cache_dir`/`data_dir` default to the platform's (NEWSREADER_CACHE_DIR and
    NEWSREADER_DATA_DIR override them); `use_cache=False` keeps the index in memory.
    """

    def __init__(
        self,
        root: Path,
        *,
        cache_dir: Path | None = None,
        data_dir: Path | None = None,
        use_cache: bool = True,
        workers: int | None = None,
    ) -> None:
        self.root = Path(root)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else locations.cache_dir()
        self.data_dir = Path(data_dir) if data_dir is not None else locations.data_dir()
        self.use_cache = use_cache
        self.workers = workers
        self.rebuilt: str | None = None  # why the index was thrown away and built again
        self._notices: list[Notice] = []
        self._writer: CorpusIndex | None = None
        self._writer_lock = threading.RLock()
        self._read_target: str | None = None  # what read connections open
        self._local = threading.local()
        self._vocabulary: list[str] | None = None
        self._vocabulary_lock = threading.Lock()
        self._search_texts = ParagraphCache()  # emptied by each refresh and batch
        self._dossiers: list[Dossier] | None = None  # until the next refresh
        self._store: BookmarkStore | None = None
        self._store_lock = threading.RLock()
        self._refreshed = False
        self._index_settled = True  # False from a build's first batch to its end
        self._fixed = False  # articles given, not read from the folder (of_articles)

    @classmethod
    def of_articles(
        cls,
        root: Path,
        articles: list[Article],
        skipped: list[Skipped] | None = None,
        **options: object,
    ) -> Library:
        """A Library over articles already analysed, held in memory; its folder is never
        read (refresh does nothing). For tests and tools that make articles themselves."""
        from newsreader.core.store.build import CorpusIndex

        library = cls(root, use_cache=False, **options)  # type: ignore[arg-type]
        index = library._set_writer(CorpusIndex.create_memory(library.root))
        index.store_articles(list(articles), list(skipped or []))
        library._fixed = True
        return library

    @classmethod
    def for_corpus(cls, corpus: str | Path | None, **options: object) -> Library:
        """The Library of --corpus DIR, else $NEWSREADER_CORPUS, else the bundled corpus."""
        root = Path(corpus).expanduser() if corpus else locations.default_corpus()
        return cls(root, **options)  # type: ignore[arg-type]

    @property
    def is_bundled(self) -> bool:
        try:
            return self.root.resolve() == locations.bundled_corpus().resolve()
        except OSError:
            return False

    def root_problem(self) -> str | None:
        return None if self._fixed else root_problem(self.root)

    def notices(self) -> list[Notice]:
        """What happened while opening things, each told once (the list is emptied)."""
        taken, self._notices = self._notices, []
        return taken

    def _notice(self, kind: NoticeKind, text: str) -> None:
        self._notices.append(Notice(kind, text))

    @property
    def index_path(self) -> Path:
        return cache_path_for(self.root, self.cache_dir)

    @property
    def in_memory(self) -> bool:
        return self._read_target is not None and "mode=memory" in self._read_target

    def close(self, *, refresh_wait: float = -1) -> None:
        """Close the index and the store. `refresh_wait`: how long to wait (seconds) for a
        refresh running in another thread, which was told to stop, to let go of the index
        writer; after that the writer is left to it (the process is ending: SQLite keeps
        the index whole). Negative: wait as long as it takes."""
        if self._writer_lock.acquire(timeout=refresh_wait):
            try:
                if self._writer is not None:
                    self._writer.close()
                    self._writer = None
            finally:
                self._writer_lock.release()
        reader = getattr(self._local, "reader", None)
        if reader is not None:
            reader[1].close()
            self._local.reader = None
        with self._store_lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the index ----------------------------------------------------------------------
    def cached(self) -> Summary | None:
        """The summary of a complete index of this folder as it is on disk, without
        refreshing it or importing the text engine (a warm start's first screen); None
        when there is no such index."""
        if not self.use_cache or self.root_problem() or not self.index_path.exists():
            return None
        try:
            reader = IndexReader(
                _cleaning(connect_read(file_uri(self.index_path))), _clean_stored_text
            )
            try:
                if stale_reason(reader.meta(), self.root) is not None:
                    return None
                summary = reader.summary(str(self.root))
            finally:
                reader.close()
        except sqlite3.Error:
            return None
        if self._read_target is None:
            self._read_target = file_uri(self.index_path)
        return summary

    def refresh(
        self,
        progress: Progress | None = None,
        on_batch: Callable[[], None] | None = None,
        *,
        cancel: threading.Event | None = None,
    ) -> RefreshStats:
        """Bring the index in line with the folder. During a first build `on_batch` is
        called after each committed batch: what is indexed so far can be read meanwhile.
        Setting `cancel` stops the refresh at the next file (RefreshCancelled)."""
        from newsreader.core.store.build import RefreshStats

        if self._fixed:
            return RefreshStats()

        def batch_done() -> None:
            self._index_settled = False  # words the vocabulary read may not hold
            self._search_texts.clear()  # a batch may give a rowid to another article
            if on_batch is not None:
                on_batch()

        with self._writer_lock:
            writer = self._open_writer()
            try:
                stats = writer.refresh(progress, self.workers, batch_done, cancel)
            except sqlite3.DatabaseError as exc:
                if self.in_memory:
                    raise
                self._rebuild(f"damaged ({exc})")
                stats = self._open_writer().refresh(progress, self.workers, batch_done, cancel)
            except OSError as exc:  # the cache dir's disk is full, or went read-only
                if self.in_memory:
                    raise
                self._fall_back_to_memory(exc)
                stats = self._open_writer().refresh(progress, self.workers, batch_done, cancel)
            stats.rebuilt = self.rebuilt
            self._refreshed = True
            if stats.parsed or stats.removed or stats.reanalysed or not self._index_settled:
                # Read again when next needed (4 s at 100k: not after a refresh that
                # found every file as it was).
                with self._vocabulary_lock:
                    self._vocabulary = None
            self._index_settled = True
            self._search_texts.clear()
            self._dossiers = None
            return stats

    def _open_writer(self) -> CorpusIndex:
        from newsreader.core.store.build import CorpusIndex

        if self._writer is not None:
            return self._writer
        if not self.use_cache:
            return self._set_writer(CorpusIndex.create_memory(self.root))
        path = self.index_path
        try:
            if kind := special_kind(path):  # never opened, replaced or deleted
                raise NotRegularFile(path, kind)
            if not path.exists():
                return self._set_writer(CorpusIndex.create_file(self.root, path))
            reason: str | None
            try:
                index = CorpusIndex.open_file(self.root, path)
                reason = stale_reason(index.reader.meta(), self.root)
                if reason is not None:
                    index.close()
            except sqlite3.DatabaseError as exc:
                if _is_busy(exc):
                    raise
                reason = f"unreadable ({exc})"
            if reason is None:
                return self._set_writer(index)
            self.rebuilt = reason
            self._notice(NoticeKind.INDEX_REBUILT, f"the index was rebuilt: {reason}")
            return self._set_writer(CorpusIndex.create_file(self.root, path))
        except (OSError, sqlite3.Error) as exc:
            if isinstance(exc, sqlite3.DatabaseError) and _is_busy(exc):
                raise
            self._fall_back_to_memory(exc)
            return self._set_writer(CorpusIndex.create_memory(self.root))

    def _set_writer(self, index: CorpusIndex) -> CorpusIndex:
        self._writer = index
        self._read_target = index.read_target
        return index

    def _fall_back_to_memory(self, exc: BaseException) -> None:
        from newsreader.core.corpus.loader import display_path

        why = getattr(exc, "strerror", None) or str(exc)
        self._notice(
            NoticeKind.INDEX_UNUSABLE,
            f"cannot use the index in {display_path(str(self.cache_dir))} ({why}); "
            "reading the corpus without it",
        )
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.use_cache = False

    def _rebuild(self, reason: str) -> None:
        from newsreader.core.store.build import CorpusIndex

        with self._writer_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
            self.rebuilt = reason
            self._notice(NoticeKind.INDEX_REBUILT, f"the index was rebuilt: {reason}")
            try:
                self._set_writer(CorpusIndex.create_file(self.root, self.index_path))
            except (OSError, sqlite3.Error) as exc:
                self._fall_back_to_memory(exc)
                self._set_writer(CorpusIndex.create_memory(self.root))

    def _reader(self) -> IndexReader:
        if self._read_target is None:
            self.refresh()
        target = self._read_target
        assert target is not None
        held = getattr(self._local, "reader", None)
        if held is not None and held[0] == target:
            return held[1]  # type: ignore[no-any-return]
        if held is not None:
            held[1].close()
        reader = IndexReader(_cleaning(connect_read(target)), _clean_stored_text)
        self._local.reader = (target, reader)
        return reader

    def _read(self, query: Callable[[IndexReader], T]) -> T:
        """Run a query; a damaged index is thrown away and built again, once."""
        try:
            return query(self._reader())
        except sqlite3.DatabaseError as exc:
            if self.in_memory or _is_busy(exc):
                raise
            self._local.reader = None
            self._rebuild(f"damaged ({exc})")
            self.refresh()
            return query(self._reader())

    # --- articles -----------------------------------------------------------------------
    def summary(self) -> Summary:
        """Directives, years and counts (a missing folder: none, and it is skipped)."""
        if self.root_problem():
            return Summary(str(self.root), (), skipped=1)
        return self._read(lambda r: r.summary(str(self.root)))

    def articles(self) -> list[Article]:
        """Every article's header (metadata, no text), newest first."""
        return self._read(IndexReader.headers)

    def articles_in(self, directive: str | None, year: int | None) -> list[Article]:
        """The headers of one year of one directive, as the sidebar lists them."""
        return self._read(lambda r: r.headers_in(directive, year))

    def rows_in(self, directive: str | None, year: int | None) -> list[ArticleRow]:
        """The sidebar's leaves of one year of one directive: (id, title, date), in the
        order of articles_in, without reading the headers."""
        return self._read(lambda r: r.rows_in(directive, year))

    def article(self, article_id: str) -> Article | None:
        """The whole article: text, entities and metadata."""
        return self._read(lambda r: r.article(article_id))

    def text_fingerprint(self, article_id: str) -> str | None:
        """A mark of the article's text as indexed, read without unpacking it (None: no
        such article): the same text gives the same mark."""
        return self._read(lambda r: r.text_fingerprint(article_id))

    def header(self, article_id: str) -> Article | None:
        return self._read(lambda r: r.header(article_id))

    def has_article(self, article_id: str) -> bool:
        return self._read(lambda r: r.has_article(article_id))

    def dossiers(self) -> list[Dossier]:
        """The dossier of every document the corpus cites, the most cited first. Every
        article is read whole (what each says about the documents is in its text), once until
        the next refresh."""
        from newsreader.core.dossier import build_dossiers

        if self.root_problem():
            return []
        held = self._dossiers
        if held is None:
            headers = self.articles()
            whole = (self.article(header.id) for header in headers)
            held = build_dossiers(article for article in whole if article is not None)
            self._dossiers = held
        return list(held)

    def render_brief(self, dossier: Dossier) -> str:
        """A directive's research brief in Markdown."""
        from newsreader.core.brief import render_brief

        return render_brief(dossier)

    def write_brief(self, dossier: Dossier, path: Path, *, force: bool = False) -> Path:
        """Write the brief as export writes its files: atomically, to a regular file only,
        never over an existing one unless forced (FileExistsError, NotRegularFile)."""
        from newsreader.core.export import write_export

        return write_export(path, self.render_brief(dossier), force=force)

    def labels(self) -> dict[str, str]:
        """Directive code -> label ("Chỉ thị 39-CT/TW") for every code in the corpus."""
        return self._read(IndexReader.labels)

    def titles(self) -> list[tuple[str, str, str, str | None]]:
        """(id, title, date, directive) of every article."""
        return self._read(IndexReader.titles)

    def skipped(self) -> list[Skipped]:
        if problem := self.root_problem():
            return [Skipped(str(self.root), SkipKind.MISSING, problem)]
        return self._read(IndexReader.skipped)

    def warnings(self) -> list[Skipped]:
        """Articles loaded with part of their file ignored."""
        return Corpus.warnings_of(self._read(IndexReader.warned))

    def corpus(self) -> Corpus:
        """Every header with the skipped files and warnings, as `list` prints them."""
        if self.root_problem():
            return Corpus(str(self.root), [], self.skipped())
        return Corpus(str(self.root), self.articles(), self.skipped(), self.warnings())

    def people(self) -> list[Person]:
        """Every person named in the corpus with their roles, articles (newest first),
        mentions and directives, most mentioned first. Reads every article that names
        someone: for the CLI's `people` and the People screen (off the UI thread)."""
        wanted = [a.id for a in self.articles() if a.people]
        whole = (self.article(article_id) for article_id in wanted)
        return people_of(a for a in whole if a is not None)

    def roles_in(self, article: Article) -> dict[str, list[str]]:
        """Each person of a whole article -> the roles written next to their name."""
        return article_roles(article)

    def neighbour(self, article_id: str, step: int) -> str | None:
        """The article `step` places after (or before) this one in the sidebar's order."""
        place = self._read(lambda r: r.place(article_id))
        if place is None:
            return None
        order = self.summary().order()
        at = order.index(place)
        ids = [row.id for row in self.rows_in(*place)]
        index = ids.index(article_id) + step
        while not 0 <= index < len(ids):
            at += 1 if step > 0 else -1
            if not 0 <= at < len(order):
                return None
            ids = [row.id for row in self.rows_in(*order[at])]
            index = 0 if step > 0 else len(ids) - 1
        return ids[index]

    def first_article(self, summary: Summary | None = None) -> str | None:
        """The first article of the sidebar (the newest of its first directive)."""
        order = (summary or self.summary()).order()
        for place in order:
            found = self.rows_in(*place)
            if found:
                return found[0].id
        return None

    # --- search -------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, per_article: int = 3) -> list[Hit]:
        return self._read(lambda r: self._searcher(r).search(query, limit, per_article))

    def warm_search(self) -> None:
        """Import the search engine and read the vocabulary before the first key."""
        self._read(lambda r: self._searcher(r).vocabulary())

    def _searcher(self, reader: IndexReader) -> Searcher:
        from newsreader.core.search import Searcher

        held = getattr(self._local, "searcher", None)
        if held is None or held.reader is not reader:
            held = Searcher(
                reader, self._shared_vocabulary, self._search_texts, lambda: self._index_settled
            )
            self._local.searcher = held
        return held

    def _shared_vocabulary(self) -> list[str]:
        with self._vocabulary_lock:
            if self._vocabulary is None:
                self._vocabulary = self._reader().vocabulary()
            return self._vocabulary

    # --- the bookmark store -------------------------------------------------------------
    @property
    def store_path(self) -> Path:
        from newsreader.core.store.bookmarks import STORE_NAME

        return self.data_dir / STORE_NAME

    def open_store(self, *, write: bool = False, keep_going: bool = False) -> bool:
        """Open the bookmark store; True when it can be written.

        A store that cannot be written is opened read-only with a notice (or, with `write`,
        StoreReadOnly is raised). With `keep_going` a store that cannot be opened at all is
        replaced by one in memory for this session, with a notice; else StoreError."""
        with self._store_lock:
            if self._store is not None:
                if write and self._store.read_only:
                    raise StoreReadOnly(self._read_only_text(), self.store_path)
                return not self._store.read_only
            path = self.store_path
            try:
                store = BookmarkStore.open(path)
            except StoreReadOnly as exc:
                if write:
                    raise
                self._notice(NoticeKind.STORE_READ_ONLY, str(exc))
                try:
                    store = BookmarkStore.open(path, read_only=True)
                except StoreError as again:
                    if not keep_going:
                        raise
                    self._notice(NoticeKind.STORE_UNUSABLE, str(again))
                    store = BookmarkStore.open(":memory:")
            except StoreError as exc:
                if not keep_going:
                    raise
                self._notice(NoticeKind.STORE_UNUSABLE, str(exc))
                store = BookmarkStore.open(":memory:")
            _cleaning(store.db)
            if store.notice:
                self._notice(NoticeKind.STORE_MOVED, store.notice)
            else:
                self._remind_moved_aside()
            if not store.read_only and store.path is not None:
                try:
                    store.import_state_file(locations.old_state_file(self.data_dir))
                except (StoreError, OSError):
                    pass  # the old file stays; the reading state starts afresh
            self._store = store
            return not store.read_only

    def moved_aside(self) -> list[Path]:
        """Damaged stores moved aside in the data dir, still there (doctor lists them)."""
        from newsreader.core.store.bookmarks import moved_aside

        return moved_aside(self.store_path)

    def _remind_moved_aside(self) -> None:
        """Until the user deletes (or moves away) a store that was moved aside, every run
        says where it is: its bookmarks are not lost, only out of use."""
        old = self.moved_aside()
        if not old:
            return
        where = ", ".join(str(p) for p in old)
        self._notice(
            NoticeKind.STORE_MOVED,
            f"a damaged bookmark store was moved aside to {where}; its bookmarks are not in "
            "use (delete or move it away to stop this reminder)",
        )

    def _read_only_text(self) -> str:
        from newsreader.core.store.bookmarks import read_only_message

        return read_only_message(self.store_path)

    @contextmanager
    def _bookmark_store(self, *, write: bool = False) -> Iterator[BookmarkStore]:
        with self._store_lock:
            if self._store is None or (write and self._store.read_only):
                self.open_store(write=write)
            assert self._store is not None
            try:
                yield self._store
            except sqlite3.Error as exc:
                raise StoreError(
                    f"the bookmark store {self.store_path} could not be used ({exc})"
                ) from exc

    @property
    def store_writable(self) -> bool | None:
        """None until the store is open."""
        return None if self._store is None else not self._store.read_only

    def _load_or_fail(self, article_id: str) -> Article:
        article = self.article(article_id)
        if article is None:
            raise ArticleNotFound(article_id)
        return article

    @property
    def corpus_key(self) -> str:
        """How the bookmark store names this corpus: its root folder, absolute."""
        return str(Path(self.root).absolute())

    def bookmarks(
        self, article_id: str | None = None, *, all_corpora: bool = False
    ) -> list[Bookmark]:
        """This corpus's bookmarks (of one article), and those of no known corpus, each
        passage found again in the article's current text (or marked orphaned), by article,
        then range. `all_corpora` adds other corpora's, as stored (not re-anchored here)."""
        return [
            b for group in self.bookmark_groups(article_id, all_corpora=all_corpora) for b in group
        ]

    def bookmark_groups(
        self, article_id: str | None = None, *, all_corpora: bool = False
    ) -> Iterator[list[Bookmark]]:
        """bookmarks() one article at a time, each re-anchored as it comes: a listing or
        an export of 100k bookmarks holds one article's in memory, never all of them. An
        article whose text did not change since its bookmarks were last anchored costs a
        digest of its text, no search."""
        from newsreader.core.anchor import reanchor_group

        with self._bookmark_store() as store:
            wanted = store.bookmarked_articles(article_id, None if all_corpora else self.corpus_key)
        for one in wanted:
            with self._bookmark_store() as store:  # taken per article: others may write between
                group = reanchor_group(
                    store, self.article, one, self.corpus_key, self.text_fingerprint
                )
                if all_corpora:
                    seen = {b.id for b in group}
                    group += [b for b in store.for_article(one) if b.id not in seen]
            if group:
                group.sort(key=lambda b: (b.first, b.last, b.created, b.id or 0))
                yield group

    def bookmark_keys(self, *, all_corpora: bool = False, text: str = "") -> list[BookmarkKey]:
        """(article id, id) of what bookmarks() lists, in its order, as stored (re-anchor a
        page of them with bookmark_groups(article_id)); with `text`, those whose title,
        quote or note hold each of its words, folded (as typed: "bao ve" finds "bảo vệ")."""
        from newsreader.core.text.fold import fold

        with self._bookmark_store() as store:
            return store.keys(None if all_corpora else self.corpus_key, fold(text).split())

    def bookmark_counts(
        self, article_id: str | None = None, *, all_corpora: bool = False
    ) -> tuple[int, int]:
        """(bookmarks, articles) that bookmarks() would list, without reading them."""
        with self._bookmark_store() as store:
            return store.counts(article_id, None if all_corpora else self.corpus_key)

    def article_bookmarks(self, article: Article) -> list[Bookmark]:
        """The bookmarks of a loaded article, re-anchored against its text."""
        from newsreader.core.anchor import reanchor_article

        with self._bookmark_store() as store:
            return reanchor_article(store, article, self.corpus_key, self.text_fingerprint)

    def marked_paragraphs(self, article: Article) -> set[int]:
        """The paragraphs of a loaded article inside one of its (found) bookmarks."""
        marked: set[int] = set()
        if not article.paragraphs:
            return marked
        for bookmark in self.article_bookmarks(article):
            if not bookmark.orphaned:
                marked.update(range(bookmark.first, bookmark.last + 1))
        return marked

    def add_bookmark(
        self, article: Article | str, first: int, last: int, note: str | None = None
    ) -> tuple[Bookmark, bool]:
        """Bookmark paragraphs first..last (0-based); (the bookmark, whether it was there
        already). Raises ArticleNotFound, InvalidRange, StoreReadOnly."""
        loaded = self._load_or_fail(article) if isinstance(article, str) else article
        with self._bookmark_store(write=True) as store:
            known = {b.id for b in self.article_bookmarks(loaded)}
            bookmark = store.add(loaded, first, last, note=note, corpus=self.corpus_key)
        return bookmark, bookmark.id in known

    def toggle_bookmark(self, article: Article, first: int, last: int) -> Toggled:
        with self._bookmark_store(write=True) as store:
            return store.toggle(article, first, last, self.corpus_key)

    def remove_bookmark(self, bookmark_id: int) -> Bookmark:
        with self._bookmark_store(write=True) as store:
            return store.remove(bookmark_id)

    def restore_bookmark(self, bookmark: Bookmark) -> Bookmark:
        with self._bookmark_store(write=True) as store:
            return store.restore(bookmark)

    def set_note(self, bookmark_id: int, note: str | None) -> Bookmark:
        with self._bookmark_store(write=True) as store:
            return store.set_note(bookmark_id, note)

    def citation_of(self, article: Article, first: int, last: int) -> str:
        """The passage with its citation, as `y` copies it (nothing is stored)."""
        from newsreader.core.export import passage_with_citation
        from newsreader.core.store.bookmarks import make_bookmark

        return passage_with_citation(make_bookmark(article, first, last))

    def import_bookmarks(self, data: bytes | BinaryIO) -> Merged:
        """Merge a JSON export (its bytes, or a binary stream read as it goes: an export of
        100k bookmarks is never whole in memory). One transaction: a file found not to be
        an export half-way adds nothing. Raises ImportFormatError, StoreReadOnly."""
        from newsreader.core.export import read_export

        stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
        with self._bookmark_store(write=True) as store:
            return store.merge(read_export(stream), clean=False)  # read_export cleans

    def reading_state(self) -> ReadingState:
        with self._bookmark_store() as store:
            return store.reading_state()

    def save_reading_state(self, state: ReadingState) -> bool:
        """Save the reading state; False when the store is read-only (nothing written)."""
        with self._bookmark_store() as store:
            if store.read_only:
                return False
            store.save_reading_state(state)
            return True

    # --- export ------------------------------------------------------------------------
    def render_export(self, fmt: str, bookmarks: list[Bookmark]) -> str:
        from newsreader.core import export

        return export.render(fmt, bookmarks)  # type: ignore[arg-type]

    def export_chunks(
        self,
        fmt: str,
        bookmarks: list[Bookmark] | None = None,
        *,
        article_id: str | None = None,
        all_corpora: bool = False,
    ) -> Iterator[str]:
        """An export as it is made: of `bookmarks`, or (None) of what bookmarks(article_id,
        all_corpora=) lists, read one article at a time and never whole in memory."""
        from newsreader.core import export

        if bookmarks is not None:
            groups: Iterable[list[Bookmark]] = export.group_by_article(bookmarks)
            passages, articles = len(bookmarks), len({b.article_id for b in bookmarks})
        else:
            groups = self.bookmark_groups(article_id, all_corpora=all_corpora)
            passages, articles = self.bookmark_counts(article_id, all_corpora=all_corpora)
        return export.render_chunks(fmt, groups, passages, articles)  # type: ignore[arg-type]

    def default_export_path(self, fmt: str, folder: Path | None = None) -> Path:
        from newsreader.core import export

        return export.default_export_path(fmt, folder=folder)  # type: ignore[arg-type]

    def export(
        self,
        fmt: str,
        bookmarks: list[Bookmark] | None,
        path: Path | None,
        *,
        force: bool = False,
        folder: bool = False,
        article_id: str | None = None,
        all_corpora: bool = False,
    ) -> Path:
        """Write an export (to path, or a new file in the documents folder); returns where.
        `bookmarks` None: what bookmarks(article_id, all_corpora=) lists, written as it is
        read. With `folder` (the user wrote `dir/`) path is a folder, made when missing.
        Raises FileExistsError when path exists and force is False, NotRegularFile when
        it is a device, FIFO or socket (nothing is written to those)."""
        from newsreader.core import export
        from newsreader.core.store.atomic import write_atomic_chunks

        target = path if path is not None else self.default_export_path(fmt)
        if folder:
            if target.exists() and not target.is_dir():
                raise NotADirectoryError(20, "not a folder", str(target))
            target.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            target = target / export.default_export_name(fmt)  # type: ignore[arg-type]
        if target.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(target))
        chunks = self.export_chunks(fmt, bookmarks, article_id=article_id, all_corpora=all_corpora)
        write_atomic_chunks(target, (c.encode("utf-8") for c in chunks), overwrite=force)
        return target

    # --- search history ---------------------------------------------------------------
    @property
    def history_path(self) -> Path:
        return locations.search_history_file(self.data_dir)

    def search_history(self) -> list[str]:
        from newsreader.core.store.history import load_history

        return load_history(self.history_path)

    def remember_query(self, history: list[str], query: str) -> list[str]:
        """The history with query in front, saved; OSError when it cannot be written."""
        from newsreader.core.store.history import remember, save_history

        updated = remember(history, query)
        save_history(self.history_path, updated)
        return updated

    # --- health -------------------------------------------------------------------------
    def health(self, *, terminal: bool = True) -> Report:
        """What `newsreader doctor` reports; reads, never repairs."""
        from newsreader.core.doctor import diagnose

        return diagnose(self, terminal=terminal)

    # --- adding web pages ---------------------------------------------------------------
    def add_pages(
        self, sources: list[str], *, timeout: float | None = None
    ) -> list[tuple[str, Added | AddError]]:
        """Add each URL or saved .html to the corpus folder: (source, what was added or the
        AddError saying why it was not). A URL already in the corpus is not written again."""
        from newsreader.core.corpus import adding

        self.refresh()
        known = {
            adding.normalise_url(article.url): (article.id, article.title)
            for article in self.articles()
            if article.url
        }
        results: list[tuple[str, Added | AddError]] = []
        for source in sources:
            try:
                added = adding.add_source(
                    self.root, source, known, timeout=timeout or adding.TIMEOUT_SECONDS
                )
            except adding.AddError as exc:
                results.append((source, exc))
            else:
                results.append((source, added))
        if any(isinstance(result, adding.Added) and result.added for _, result in results):
            self.refresh()
        return results


# What must never come out of the index or the bookmark store into a face, whoever wrote
# it (another program, an old version, a synced or tampered file): controls but tab and
# newline (ESC starts every terminal escape), DEL and C1, bidi controls, line separators.
# Each becomes U+FFFD, one character for one, so offsets into a paragraph stay aligned.
_UNSAFE_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


# The same characters written as JSON escapes, inside the JSON the index keeps (headers,
# entities, skipped files): "\u001b" would come out of json.loads as ESC.
_UNSAFE_JSON_ESCAPE = re.compile(
    r"(?<!\\)\\u(?:000[0-8bcdefBCDEF]|001[0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F]|061[cC]"
    r"|200[eEfF]|202[89a-eA-E]|206[6-9])"
)


def _clean_stored(text: str) -> str:
    if _UNSAFE_TEXT.search(text):
        text = _UNSAFE_TEXT.sub("\ufffd", text)
    if "\\u" in text and _UNSAFE_JSON_ESCAPE.search(text):
        text = _UNSAFE_JSON_ESCAPE.sub(r"\\ufffd", text)
    return text


# Bytes that are not UTF-8 read as U+FFFD, as data.decode("utf-8", "replace"), in C.
_decode_stored = partial(str, encoding="utf-8", errors="replace")


def _clean_stored_text(data: bytes) -> str:
    return _clean_stored(_decode_stored(data))


def _clean_stored_row(cursor: sqlite3.Cursor, row: tuple[object, ...]) -> tuple[object, ...]:
    # One look at all of a row's strings (joined by a newline, which neither pattern
    # matches) finds most rows clean: one Python call per row, not one per column.
    texts = "\n".join(filter(str.__instancecheck__, row))  # type: ignore[arg-type]
    if _UNSAFE_TEXT.search(texts) or ("\\u" in texts and _UNSAFE_JSON_ESCAPE.search(texts)):
        return tuple(_clean_stored(value) if type(value) is str else value for value in row)
    return row


def _cleaning(db: sqlite3.Connection) -> sqlite3.Connection:
    """Make every string read through db clean: the one place text from the cache and the
    store is cleaned, for the CLI and the reader alike (IndexReader decodes its packed
    columns with _clean_stored_text)."""
    db.text_factory = _decode_stored
    db.row_factory = _clean_stored_row
    return db


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text
