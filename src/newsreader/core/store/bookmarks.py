"""Bookmarks and reading state in one SQLite file in the user data dir.

A bookmark is a passage: an article id, a paragraph range (first..last, 0-based, inclusive)
and the passage text at the time it was marked, with the article's title, date, directive and
path of that moment, so it can still be shown and exported when the article is gone.

Several app windows and CLI calls may use the store at once: the file is in WAL mode, every
write is one `BEGIN IMMEDIATE` transaction (writers queue on the busy timeout instead of
failing), and a process killed mid-write leaves the last committed state. A file that is not
a database or fails its integrity check is moved aside with a timestamp and a fresh store is
started; `BookmarkStore.notice` says where the old one went.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import Any, Literal, NamedTuple

from newsreader import locations
from newsreader.core.formatting import count_text, range_label
from newsreader.core.model import Article
from newsreader.core.store.atomic import special_kind
from newsreader.core.store.reading_state import ReadingState, load_state
from newsreader.core.text.clean import clean_text, is_clean
from newsreader.core.text.fold import fold

STORE_NAME = "newsreader.sqlite3"
BUSY_TIMEOUT_S = 30.0
Status = Literal["ok", "orphaned"]

# One entry per schema version, from the first release on: MIGRATIONS[n] takes a store at
# user_version n to n + 1. Never edit a released entry; append a new one.
MIGRATIONS: list[list[str]] = [
    # 1: the first release.
    [
        """CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- ids are never reused: `rm 3` is safe
            article_id TEXT NOT NULL,
            first INTEGER NOT NULL,
            last INTEGER NOT NULL,
            quote TEXT NOT NULL,
            note TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            title TEXT NOT NULL,
            published TEXT,
            directive TEXT,
            path TEXT NOT NULL
        )""",
        "CREATE INDEX bookmarks_article ON bookmarks(article_id, first)",
        "CREATE TABLE reading_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE positions (article_id TEXT PRIMARY KEY, paragraph INTEGER NOT NULL)",
    ],
    # 2: re-anchoring (status, the article's length and the passage's neighbours when marked)
    # and the year with its source, for citations.
    [
        "ALTER TABLE bookmarks ADD COLUMN status TEXT NOT NULL DEFAULT 'ok'",
        "ALTER TABLE bookmarks ADD COLUMN year INTEGER",
        "ALTER TABLE bookmarks ADD COLUMN year_source TEXT",
        "ALTER TABLE bookmarks ADD COLUMN paragraph_count INTEGER",
        "ALTER TABLE bookmarks ADD COLUMN context_before TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE bookmarks ADD COLUMN context_after TEXT NOT NULL DEFAULT ''",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ],
    # 3: the corpus a bookmark was made in (its root folder), so each corpus lists its own;
    # NULL for older bookmarks, which every corpus lists.
    ["ALTER TABLE bookmarks ADD COLUMN corpus TEXT"],
]
SCHEMA_VERSION = len(MIGRATIONS)
MERGE_BATCH = 1000  # new bookmarks inserted at a time by an import
CONTEXT_CHARS = 200  # how much of the neighbouring paragraphs is kept for re-anchoring


class StoreError(Exception):
    """The bookmark store cannot be used as asked; the message is for the user."""


class StoreReadOnly(StoreError):
    """The data dir (or the store file) cannot be written. Open with read_only=True to list."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class StoreTooNew(StoreReadOnly):
    """The store was written by a newer newsreader (a schema version this one does not know):
    it is read, never written."""


class StoreFull(StoreReadOnly):
    """The disk holding the store is full: nothing can be written, the store is intact."""


class StoreDamaged(sqlite3.DatabaseError):
    """What proves a store damaged: a failed integrity check, or a schema that is not what
    its version says. Only this (and SQLite's own corrupt / not-a-database errors) moves a
    store aside; a full disk, an I/O error, a lock or a permission never does."""


class BookmarkNotFound(StoreError, KeyError):
    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class InvalidRange(StoreError, ValueError):
    """A paragraph range outside the article, or first > last."""


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean_note(note: str | None) -> str | None:
    """A note as stored: None when blank; NFC, without controls, escapes or bidi overrides
    (a note is typed, pasted or imported, and is shown and exported like article text)."""
    if note is None:
        return None
    note = clean_text(note).strip()
    return note or None


def passage_text(paragraphs: list[str], first: int, last: int) -> str:
    """The quote of a range: its paragraphs joined by a blank line."""
    return "\n\n".join(paragraphs[first : last + 1])


@dataclass(slots=True)
class Bookmark:
    article_id: str
    first: int  # 0-based paragraph index, inclusive
    last: int
    quote: str  # the passage's text when it was marked
    note: str | None = None
    created: str = ""  # ISO UTC, 2024-05-01T12:00:00Z
    updated: str = ""
    title: str = ""  # the article's, when marked
    published: str | None = None
    year: int | None = None
    year_source: str | None = None
    directive: str | None = None
    path: str = ""
    status: Status = "ok"  # "orphaned": the passage (or the article) is no longer found
    paragraph_count: int | None = None  # the article's, when marked
    context_before: str = ""  # the end of the paragraph before, when marked
    context_after: str = ""  # the start of the paragraph after
    corpus: str | None = None  # the root folder of the corpus it was made in (None: unknown)
    id: int | None = None

    @property
    def label(self) -> str:
        return range_label(self.first, self.last)

    @property
    def orphaned(self) -> bool:
        return self.status == "orphaned"

    def covers(self, paragraph: int) -> bool:
        return self.first <= paragraph <= self.last

    def identity(self) -> tuple[str, int, int, str]:
        """What makes two bookmarks the same passage (for import merging)."""
        return (self.article_id, self.first, self.last, self.quote)

    def to_json(self) -> dict[str, Any]:
        # asdict() would deep-copy each field; they are all plain values (100k of them
        # in an import or an export).
        return dict(zip(_FIELD_NAMES, _all_fields(self), strict=True))

    def cleaned(self) -> Bookmark:
        """A copy with every text field through clean_text: no controls, escapes or bidi
        overrides, whatever a file to import or an old store held."""
        return Bookmark(*_all_fields(self)).clean()  # the fields in their order

    def clean(self) -> Bookmark:
        """cleaned(), in place (for a bookmark just read from a file); returns self."""
        if is_clean("".join(filter(None, _text_fields(self)))):
            return self  # nothing to do in any field (NFC of the whole: of each part)
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value:  # most of a bookmark's fields are empty or None
                setattr(self, name, clean_text(value))
        return self

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Bookmark:
        """From a JSON export's entry; raises ValueError on a missing or ill-typed field."""
        if type(data) is dict and data.keys() <= _FIELD_SET and _well_typed(data):
            return cls(**data)  # the usual case, checked in fewer steps (100k in an import)
        if not isinstance(data, dict):
            raise ValueError("a bookmark must be an object")
        values = {k: v for k, v in data.items() if k in _FIELD_SET}
        for key, kind in (("article_id", str), ("quote", str)):
            if not isinstance(values.get(key), kind):
                raise ValueError(f"bookmark field {key!r} must be a string")
        for key in ("first", "last"):
            value = values.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**63:
                raise ValueError(f"bookmark field {key!r} must be a paragraph index")
        if values["first"] > values["last"]:
            raise ValueError("bookmark range has first after last")
        for key in ("note", "published", "year_source", "directive"):
            if values.get(key) is not None and not isinstance(values[key], str):
                raise ValueError(f"bookmark field {key!r} must be a string or null")
        for key in ("title", "path", "created", "updated", "context_before", "context_after"):
            if not isinstance(values.get(key, ""), str):
                raise ValueError(f"bookmark field {key!r} must be a string")
        for key in ("year", "paragraph_count", "id"):
            value = values.get(key)
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or abs(value) >= 2**63
            ):
                raise ValueError(f"bookmark field {key!r} must be a number or null")
        if values.get("status", "ok") not in ("ok", "orphaned"):
            raise ValueError("bookmark status must be 'ok' or 'orphaned'")
        return cls(**values)


_FIELD_NAMES = tuple(f.name for f in fields(Bookmark))
_FIELD_SET = frozenset(_FIELD_NAMES)
_TEXT_FIELDS = tuple(f.name for f in fields(Bookmark) if "str" in str(f.type))
_TEXT_OR_NULL = ("note", "published", "year_source", "directive")
_TEXT_OR_ABSENT = ("title", "path", "created", "updated", "context_before", "context_after")
_NUMBER_OR_NULL = ("year", "paragraph_count", "id")
_STR_OR_NONE = frozenset({str, type(None)})
_STR = frozenset({str})
_INT = frozenset({int})
_INT64 = range(-(2**63) + 1, 2**63)  # `in` is one comparison for an int


def _well_typed(data: dict[str, Any]) -> bool:
    """Whether from_json's checks all pass, found in a few C-level steps; False sends the
    entry through them one by one, for the message."""
    get = data.get
    first, last = get("first"), get("last")
    if not (
        type(get("article_id")) is str
        and type(get("quote")) is str
        and type(first) is int
        and type(last) is int
        and 0 <= first <= last < 2**63
    ):
        return False
    if not _STR_OR_NONE.issuperset(map(type, map(get, _TEXT_OR_NULL))):
        return False
    if not _STR.issuperset(map(type, map(get, _TEXT_OR_ABSENT, repeat("")))):
        return False
    numbers = [number for number in map(get, _NUMBER_OR_NULL) if number is not None]
    return (
        _INT.issuperset(map(type, numbers))
        and all(map(_INT64.__contains__, numbers))
        and get("status", "ok") in ("ok", "orphaned")
    )


_all_fields = operator.attrgetter(*_FIELD_NAMES)  # one C call for a whole row
_text_fields = operator.attrgetter(*_TEXT_FIELDS)


def make_bookmark(
    article: Article,
    first: int,
    last: int,
    note: str | None = None,
    now: str | None = None,
    corpus: str | None = None,
) -> Bookmark:
    """A bookmark of paragraphs first..last (0-based, inclusive) of a loaded article, not
    stored. Raises InvalidRange for a range outside the article."""
    if article.is_header:
        raise ValueError("a header has no text: load the article first")
    count = len(article.paragraphs)
    if not (0 <= first <= last < count):
        shown = range_label(first, last)
        whole = range_label(0, count - 1) if count else "none"
        raise InvalidRange(
            f"{shown} is not a passage of {article.id!r}: it has "
            f"{count_text(count, 'paragraph')} ({whole})"
        )
    now = now or utc_now()
    before = article.paragraphs[first - 1][-CONTEXT_CHARS:] if first > 0 else ""
    after = article.paragraphs[last + 1][:CONTEXT_CHARS] if last + 1 < count else ""
    return Bookmark(
        article_id=article.id,
        first=first,
        last=last,
        quote=passage_text(article.paragraphs, first, last),
        note=_clean_note(note),
        created=now,
        updated=now,
        title=article.title,
        published=article.published,
        year=article.year,
        year_source=article.year_source,
        directive=article.directive,
        path=article.path,
        paragraph_count=count,
        context_before=before,
        context_after=after,
        corpus=corpus,
    )


_COLUMNS = [f.name for f in fields(Bookmark)]
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM bookmarks"


def _in_corpus(corpus: str | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause's tail keeping one corpus's bookmarks and those of no known corpus."""
    if corpus is None:
        return "", ()
    return " AND (corpus = ? OR corpus IS NULL)", (corpus,)


def _row(row: tuple[Any, ...]) -> Bookmark:
    return Bookmark(*row)  # _SELECT's columns are the fields, in their order


class BookmarkKey(NamedTuple):
    article_id: str
    id: int


def _holds(title: str | None, quote: str | None, note: str | None, words: str) -> bool:
    """Whether the folded title, quote and note hold every folded word (one a line)."""
    haystack = fold(f"{title or ''}\n{quote or ''}\n{note or ''}")
    return all(word in haystack for word in words.split("\n"))


class Toggled(NamedTuple):
    added: bool  # False: the bookmark was removed (restore() undoes it)
    bookmark: Bookmark


class Merged(NamedTuple):
    added: int
    updated: int  # notes taken from the import because they were newer
    unchanged: int


def _timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _move_aside(path: Path) -> Path:
    """Rename a damaged store (and its -wal/-shm) to name.corrupt-YYYYMMDD-HHMMSS[-n]."""
    stamp = _timestamp()
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    return target


def _switch_to_wal(db: sqlite3.Connection) -> str:
    """PRAGMA journal_mode=WAL, waiting while another process holds the new store: the
    switch can answer "locked" at once, without SQLite's busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            return str(db.execute("PRAGMA journal_mode=WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)  # another writer is creating or migrating the store


class BookmarkStore:
    """An open store. One per thread; open another in each process or thread that needs one."""

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path | None,
        *,
        read_only: bool = False,
        notice: str | None = None,
        moved_to: Path | None = None,
        clock: Callable[[], str] = utc_now,
    ) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        self.notice = notice  # a message for the user (store moved aside), or None
        self.moved_to = moved_to
        self.clock = clock

    # --- opening ----------------------------------------------------------------------
    @classmethod
    def default_path(cls) -> Path:
        return locations.data_dir() / STORE_NAME

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        read_only: bool = False,
        clock: Callable[[], str] = utc_now,
    ) -> BookmarkStore:
        """Open (creating and migrating as needed) the store at path, default the data dir's.

        Raises StoreReadOnly when the folder or file cannot be written; then
        `open(read_only=True)` still lists what is there (an empty store if there is no file).
        path ":memory:" gives a private store in memory.
        """
        if str(path) == ":memory:":
            db = cls._connect(":memory:")
            store = cls(db, None, clock=clock)
            store._migrate()
            return store
        path = Path(path) if path is not None else cls.default_path()
        if read_only:
            return cls._open_read_only(path, clock)
        cls._check_writable(path)
        notice = moved_to = None
        try:
            db = cls._open_checked(path)
        except sqlite3.DatabaseError as exc:
            if not proves_damage(exc):
                raise _unusable(path, exc) from exc
            try:
                moved_to = _move_aside(path)
            except OSError as move_error:
                raise StoreError(
                    f"the bookmark store {path} is damaged ({exc}) and could not be moved "
                    f"aside ({move_error.strerror or move_error})"
                ) from exc
            notice = (
                f"The bookmark store {path} was damaged ({exc}); it was moved to "
                f"{moved_to} and a new, empty store was started."
            )
            db = cls._open_checked(path)
        store = cls(db, path, notice=notice, moved_to=moved_to, clock=clock)
        try:
            store._migrate()
        except sqlite3.DatabaseError as exc:
            db.close()
            if _is_read_only_error(exc) or _error_code(exc) == sqlite3.SQLITE_FULL:
                raise _unusable(path, exc) from exc
            raise StoreError(f"cannot prepare the bookmark store {path}: {exc}") from exc
        return store

    @staticmethod
    def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
        db = sqlite3.connect(
            target, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False, uri=uri
        )
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        return db

    @staticmethod
    def _check_writable(path: Path) -> None:
        kind = special_kind(path)
        if kind is not None:  # never opened, moved or replaced: it is not ours
            raise StoreError(
                f"the bookmark store {path} is {kind}, not a file; move it away or set "
                "NEWSREADER_DATA_DIR to another folder"
            )
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except PermissionError as exc:
            raise StoreReadOnly(read_only_message(path), path) from exc
        except OSError as exc:
            raise StoreError(
                f"cannot create the data folder {folder}: {exc.strerror or exc}"
            ) from exc
        # WAL needs to create -wal and -shm files next to the store, so the folder must be
        # writable even when the file is.
        if not os.access(folder, os.W_OK | os.X_OK) or (
            path.exists() and not os.access(path, os.R_OK | os.W_OK)
        ):
            raise StoreReadOnly(read_only_message(path), path)

    @classmethod
    def _open_checked(cls, path: Path) -> sqlite3.Connection:
        """Connect, switch to WAL and check integrity; DatabaseError means damaged."""
        db = cls._connect(str(path))
        try:
            # Reading the version first raises "file is not a database" for garbage.
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                db.close()
                raise StoreTooNew(too_new_message(path, version), path)
            mode = _switch_to_wal(db)
            if mode.lower() != "wal":
                raise sqlite3.OperationalError(f"cannot switch to WAL (journal mode {mode})")
            db.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable across process crashes
            result = db.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in result] != ["ok"]:
                raise StoreDamaged(
                    "integrity check failed: " + "; ".join(str(r[0]) for r in result[:3])
                )
            # The version and the tables from one snapshot: another process may be
            # creating or migrating the store meanwhile, which is not damage.
            db.execute("BEGIN")
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                problem = schema_problem(db, version) if version <= SCHEMA_VERSION else None
            finally:
                db.execute("COMMIT")
            if problem:
                raise StoreDamaged(problem)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @classmethod
    def _open_read_only(cls, path: Path, clock: Callable[[], str]) -> BookmarkStore:
        if not path.exists():
            db = cls._connect(":memory:")
            store = cls(db, None, read_only=True, clock=clock)
            store._migrate(force=True)
            return store
        errors = []
        # mode=ro works while a writer may be around; immutable=1 when even the -shm
        # cannot be created (a read-only folder).
        for query in ("mode=ro", "immutable=1"):
            uri = f"{path.resolve().as_uri()}?{query}"
            try:
                db = cls._connect(uri, uri=True)
                version = db.execute("PRAGMA user_version").fetchone()[0]
                db.execute("SELECT count(*) FROM bookmarks").fetchone()
            except sqlite3.DatabaseError as exc:
                errors.append(str(exc))
                continue
            if version > SCHEMA_VERSION:  # read what this version knows; never write
                return cls(db, path, read_only=True, clock=clock)
            if problem := schema_problem(db, version):
                db.close()
                errors.append(problem)
                break
            if version < SCHEMA_VERSION:  # cannot migrate in place: copy into memory
                memory = cls._connect(":memory:")
                db.backup(memory)
                db.close()
                db = memory
                store = cls(db, path, read_only=True, clock=clock)
                store._migrate(force=True)
                return store
            return cls(db, path, read_only=True, clock=clock)
        raise StoreError(f"cannot read the bookmark store {path}: {'; '.join(errors)}")

    def _migrate(self, force: bool = False) -> None:
        """Bring the schema to SCHEMA_VERSION, one migration per transaction."""
        while True:
            with self._write(allow_read_only=force):
                version = self.db.execute("PRAGMA user_version").fetchone()[0]
                if version >= SCHEMA_VERSION:
                    return
                for statement in MIGRATIONS[version]:
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {version + 1}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> BookmarkStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        version: int = self.db.execute("PRAGMA user_version").fetchone()[0]
        return version

    @contextmanager
    def _write(self, *, allow_read_only: bool = False) -> Iterator[sqlite3.Connection]:
        if self.read_only and not allow_read_only:
            raise StoreReadOnly(read_only_message(self.path or self.default_path()), self.path)
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _is_read_only_error(exc):
                raise StoreReadOnly(read_only_message(self.path), self.path) from exc
            raise
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            if _is_read_only_error(exc):
                raise StoreReadOnly(read_only_message(self.path), self.path) from exc
            raise

    # --- bookmarks --------------------------------------------------------------------
    def _insert(self, bookmark: Bookmark, keep_id: bool = False) -> Bookmark:
        data = bookmark.to_json()
        if not keep_id:
            data.pop("id")
        names = list(data)
        cursor = self.db.execute(
            f"INSERT INTO bookmarks ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [data[n] for n in names],
        )
        bookmark.id = cursor.lastrowid
        return bookmark

    def _find_range(
        self, article_id: str, first: int, last: int, corpus: str | None = None
    ) -> Bookmark | None:
        scope, values = _in_corpus(corpus)
        row = self.db.execute(
            f"{_SELECT} WHERE article_id = ? AND first = ? AND last = ? AND status = 'ok'"
            f"{scope} ORDER BY id LIMIT 1",
            (article_id, first, last, *values),
        ).fetchone()
        return _row(row) if row else None

    def new_bookmark(
        self,
        article: Article,
        first: int,
        last: int,
        note: str | None = None,
        corpus: str | None = None,
    ) -> Bookmark:
        """The bookmark add() would store, without storing it."""
        return make_bookmark(article, first, last, note, self.clock(), corpus)

    def add(
        self,
        article: Article,
        first: int,
        last: int,
        note: str | None = None,
        corpus: str | None = None,
    ) -> Bookmark:
        """Mark paragraphs first..last (0-based, inclusive) of a loaded article.

        Raises InvalidRange for a range outside the article. Marking the same range again
        returns the existing bookmark (with the note set, when one is given).
        """
        bookmark = self.new_bookmark(article, first, last, note, corpus)
        with self._write():
            existing = self._find_range(article.id, first, last, corpus)
            if existing is not None and existing.quote == bookmark.quote:
                if bookmark.note is not None and bookmark.note != existing.note:
                    existing.note, existing.updated = bookmark.note, bookmark.updated
                    self.db.execute(
                        "UPDATE bookmarks SET note = ?, updated = ? WHERE id = ?",
                        (existing.note, existing.updated, existing.id),
                    )
                return existing
            return self._insert(bookmark)

    def toggle(self, article: Article, first: int, last: int, corpus: str | None = None) -> Toggled:
        """Remove the bookmark of exactly this range if there is one, else add one."""
        bookmark = self.new_bookmark(article, first, last, corpus=corpus)
        with self._write():
            existing = self._find_range(article.id, first, last, corpus)
            if existing is not None:
                self.db.execute("DELETE FROM bookmarks WHERE id = ?", (existing.id,))
                return Toggled(False, existing)
            return Toggled(True, self._insert(bookmark))

    def get(self, bookmark_id: int) -> Bookmark:
        row = self.db.execute(f"{_SELECT} WHERE id = ?", (bookmark_id,)).fetchone()
        if row is None:
            raise BookmarkNotFound(f"no bookmark with id {bookmark_id}")
        return _row(row)

    def set_note(self, bookmark_id: int, note: str | None) -> Bookmark:
        """Set (or, with None or blank text, clear) a bookmark's note."""
        with self._write():
            bookmark = self.get(bookmark_id)
            bookmark.note = _clean_note(note)
            bookmark.updated = self.clock()
            self.db.execute(
                "UPDATE bookmarks SET note = ?, updated = ? WHERE id = ?",
                (bookmark.note, bookmark.updated, bookmark_id),
            )
        return bookmark

    def remove(self, bookmark_id: int) -> Bookmark:
        """Delete and return the bookmark (give it to restore() to undo)."""
        with self._write():
            bookmark = self.get(bookmark_id)
            self.db.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
        return bookmark

    def restore(self, bookmark: Bookmark) -> Bookmark:
        """Put a removed bookmark back, under its old id when that is still free."""
        with self._write():
            self._forget_anchored()
            taken = (
                bookmark.id is not None
                and self.db.execute(
                    "SELECT 1 FROM bookmarks WHERE id = ?", (bookmark.id,)
                ).fetchone()
            )
            restored = Bookmark(**bookmark.to_json())
            return self._insert(restored, keep_id=bookmark.id is not None and not taken)

    def bookmarks(self, article_id: str | None = None, corpus: str | None = None) -> list[Bookmark]:
        """Every bookmark (of one article; of one corpus and those of no known corpus), by
        article id, then range, then age."""
        order = " ORDER BY article_id, first, last, created, id"
        scope, values = _in_corpus(corpus)
        if article_id is None:
            rows = self.db.execute(_SELECT + " WHERE 1" + scope + order, values)
        else:
            rows = self.db.execute(
                _SELECT + " WHERE article_id = ?" + scope + order, (article_id, *values)
            )
        return [_row(r) for r in rows]

    def bookmarked_articles(
        self, article_id: str | None = None, corpus: str | None = None
    ) -> list[str]:
        """The ids of the articles with bookmarks (of one corpus and of no known corpus),
        in the order bookmarks() lists them."""
        scope, values = _in_corpus(corpus)
        if article_id is not None:
            scope, values = scope + " AND article_id = ?", (*values, article_id)
        return [
            str(row[0])
            for row in self.db.execute(
                "SELECT DISTINCT article_id FROM bookmarks WHERE 1"
                + scope
                + " ORDER BY article_id",
                values,
            )
        ]

    def keys(self, corpus: str | None = None, words: list[str] | None = None) -> list[BookmarkKey]:
        """(article id, id) of every bookmark (of one corpus and of no known corpus), in
        bookmarks() order, without their text: what a paged list holds for 100k of them.
        `words` (folded): only those whose title, quote or note, folded, hold each one."""
        scope, values = _in_corpus(corpus)
        if words:
            self.db.create_function("newsreader_holds", 4, _holds, deterministic=True)
            scope += " AND newsreader_holds(title, quote, note, ?)"
            values = (*values, "\n".join(words))
        return [
            BookmarkKey(str(row[0]), int(row[1]))
            for row in self.db.execute(
                "SELECT article_id, id FROM bookmarks WHERE 1"
                + scope
                + " ORDER BY article_id, first, last, created, id",
                values,
            )
        ]

    def counts(self, article_id: str | None = None, corpus: str | None = None) -> tuple[int, int]:
        """(bookmarks, articles) that bookmarks(article_id, corpus) lists, counted in SQL."""
        scope, values = _in_corpus(corpus)
        if article_id is not None:
            scope, values = scope + " AND article_id = ?", (*values, article_id)
        passages, articles = self.db.execute(
            "SELECT count(*), count(DISTINCT article_id) FROM bookmarks WHERE 1" + scope, values
        ).fetchone()
        return int(passages), int(articles)

    def for_article(self, article_id: str, corpus: str | None = None) -> list[Bookmark]:
        return self.bookmarks(article_id, corpus)

    def covering(self, article_id: str, paragraph: int) -> list[Bookmark]:
        """The article's bookmarks whose range holds paragraph (for `a` on a passage)."""
        return [b for b in self.bookmarks(article_id) if b.covers(paragraph)]

    def marked_paragraphs(self, article_id: str) -> set[int]:
        """Paragraph indexes inside any non-orphaned bookmark of the article (the gutter)."""
        marked: set[int] = set()
        for b in self.bookmarks(article_id):
            if not b.orphaned:
                marked.update(range(b.first, b.last + 1))
        return marked

    def count(self) -> int:
        total: int = self.db.execute("SELECT count(*) FROM bookmarks").fetchone()[0]
        return total

    # Re-anchoring every bookmark of an article against the same text again gives the same
    # places: the text it was last done against is remembered per article (meta key
    # "anchored:<id>", a digest), and a listing skips articles whose text did not change.
    # Bookmarks added by add() or toggle() sit where they were marked; an import or a
    # restore forgets what was remembered.
    def anchored(self, article_id: str) -> str | None:
        """The digest of the text this article's bookmarks were last all anchored to."""
        row = self.db.execute(
            "SELECT value FROM meta WHERE key = ?", (f"anchored:{article_id}",)
        ).fetchone()
        return str(row[0]) if row else None

    def mark_anchored(self, article_id: str, digest: str) -> None:
        if self.read_only:
            return
        with self._write():
            self.db.execute(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"anchored:{article_id}", digest)
            )

    def _forget_anchored(self) -> None:
        self.db.execute("DELETE FROM meta WHERE key LIKE 'anchored:%'")

    def update_anchor(self, bookmark_id: int, first: int, last: int, status: Status) -> None:
        """Record where re-anchoring found the passage (the quote is kept as marked)."""
        self.update_anchors([(bookmark_id, first, last, status)])

    def update_anchors(
        self,
        places: list[tuple[int, int, int, Status]],
        article_id: str | None = None,
        digest: str | None = None,
    ) -> None:
        """Record where re-anchoring found passages (id, first, last, status), and with
        `digest` that all of `article_id`'s were anchored to that text: one transaction."""
        with self._write():
            self.db.executemany(
                "UPDATE bookmarks SET first = ?, last = ?, status = ? WHERE id = ?",
                [(first, last, status, bookmark_id) for bookmark_id, first, last, status in places],
            )
            if article_id is not None and digest is not None:
                self.db.execute(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"anchored:{article_id}", digest)
                )

    def merge(self, bookmarks: Iterable[Bookmark], *, clean: bool = True) -> Merged:
        """Add bookmarks from elsewhere (an import), in one transaction.

        The same passage (article id, range and quote) already here is not added again;
        its note is replaced when the incoming one was updated later. What is here is read
        once, by a digest of each passage, so a large import is one pass, not one query over
        every bookmark of the same paragraph per incoming one. `bookmarks` is read as it
        comes (a stream of 100k is never whole in memory) and written in batches; an error
        from it rolls the whole import back. `clean=False`: they were cleaned already.
        """
        added = updated = unchanged = 0
        with self._write():
            self._forget_anchored()
            here: dict[tuple[str, int, int, bytes], tuple[int | None, str | None, str]] = {}
            for row in self.db.execute(
                "SELECT id, article_id, first, last, quote, note, updated FROM bookmarks"
                " ORDER BY id DESC"  # the oldest of equal passages wins, as before
            ):
                here[_passage_key(row[1], row[2], row[3], row[4])] = (row[0], row[5], row[6])
            pending: list[Bookmark] = []  # new ones, not yet inserted
            names = [name for name in _COLUMNS if name != "id"]
            insert = (
                f"INSERT INTO bookmarks ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            )

            row_of = operator.attrgetter(*names)

            def flush() -> None:
                self.db.executemany(insert, map(row_of, pending))
                pending.clear()

            for incoming in map(Bookmark.cleaned, bookmarks) if clean else bookmarks:
                key = _passage_key(*incoming.identity())
                existing = here.get(key)
                if existing is None:
                    fresh = incoming  # a copy (cleaned) or the import's own: ours to change
                    fresh.id = None
                    fresh.note = _clean_note(fresh.note)
                    fresh.created = fresh.created or self.clock()
                    fresh.updated = fresh.updated or fresh.created
                    pending.append(fresh)
                    here[key] = (None, fresh.note, fresh.updated)
                    added += 1
                    if len(pending) >= MERGE_BATCH:
                        flush()
                    continue
                bookmark_id, note_here, updated_here = existing
                note = _clean_note(incoming.note)
                if incoming.updated > updated_here and note != note_here:
                    if bookmark_id is None:  # added by this very import, not yet written
                        flush()
                        bookmark_id = self._latest_id(key)
                    self.db.execute(
                        "UPDATE bookmarks SET note = ?, updated = ? WHERE id = ?",
                        (note, incoming.updated, bookmark_id),
                    )
                    here[key] = (bookmark_id, note, incoming.updated)
                    updated += 1
                else:
                    unchanged += 1
            flush()
        return Merged(added, updated, unchanged)

    def _latest_id(self, key: tuple[str, int, int, bytes]) -> int:
        """The id of the newest bookmark of this passage (one this import just added)."""
        article_id, first, last, digest = key
        for bookmark_id, quote in self.db.execute(
            "SELECT id, quote FROM bookmarks WHERE article_id = ? AND first = ? AND last = ?"
            " ORDER BY id DESC",
            (article_id, first, last),
        ):
            if _passage_key(article_id, first, last, quote)[3] == digest:
                return int(bookmark_id)
        raise LookupError(key)  # flushed just before: cannot happen

    # --- reading state ----------------------------------------------------------------
    def reading_state(self) -> ReadingState:
        values = {}
        for key, raw in self.db.execute("SELECT key, value FROM reading_state"):
            try:
                values[key] = json.loads(raw)
            except ValueError:
                continue
        state = ReadingState()
        if isinstance(values.get("article_id"), str):
            state.article_id = values["article_id"]
        paragraph = values.get("paragraph")
        if isinstance(paragraph, int) and not isinstance(paragraph, bool) and paragraph >= 0:
            state.paragraph = paragraph
        if isinstance(values.get("theme"), str):
            state.theme = values["theme"]
        state.positions = dict(self.db.execute("SELECT article_id, paragraph FROM positions"))
        return state

    def save_reading_state(self, state: ReadingState) -> None:
        """Save the last article, passage and theme; per-article positions are merged (a
        position another window saved for another article stays)."""
        with self._write():
            self._put_reading_state(state)

    def _put_reading_state(self, state: ReadingState) -> None:
        """Write the state's rows (inside a write transaction); positions are merged."""
        self.db.executemany(
            "INSERT OR REPLACE INTO reading_state VALUES (?, ?)",
            [
                ("article_id", json.dumps(state.article_id)),
                ("paragraph", json.dumps(state.paragraph)),
                ("theme", json.dumps(state.theme)),
            ],
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO positions VALUES (?, ?)",
            [(k, v) for k, v in state.positions.items() if isinstance(v, int) and v >= 0],
        )

    def import_state_file(self, path: Path) -> bool:
        """Take the reading state from the old state.json once (the file is left alone).

        True when it was imported now; False when there is no file or it was done before.
        """
        if self.db.execute("SELECT 1 FROM meta WHERE key = 'state_json_imported'").fetchone():
            return False
        if not path.is_file():
            return False
        old = load_state(path)
        with self._write():
            if self.db.execute("SELECT 1 FROM meta WHERE key = 'state_json_imported'").fetchone():
                return False
            current = self.reading_state()
            # What is already in the store (a newer run) wins over the old file.
            positions = old.positions | current.positions
            merged = ReadingState(
                article_id=current.article_id or old.article_id,
                paragraph=current.paragraph if current.article_id else old.paragraph,
                theme=current.theme or old.theme,
                positions=positions,
            )
            self._put_reading_state(merged)
            self.db.execute("INSERT INTO meta VALUES ('state_json_imported', ?)", (self.clock(),))
        return True


def _is_read_only_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open database" in text


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def read_only_message(path: Path | None) -> str:
    folder = path.parent if path is not None else locations.data_dir()
    return (
        f"cannot write bookmarks: the data folder {folder} is read-only "
        "(set NEWSREADER_DATA_DIR to a writable folder); reading still works"
    )


def _passage_key(article_id: str, first: int, last: int, quote: str) -> tuple[str, int, int, bytes]:
    return (
        article_id,
        first,
        last,
        hashlib.blake2b(quote.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
    )


def _error_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF  # the primary code of an extended one


def proves_damage(exc: BaseException) -> bool:
    """Whether an error opening a store shows the file itself is damaged (moved aside), as
    opposed to the disk, the folder or another process being in the way (left alone)."""
    if isinstance(exc, StoreDamaged):
        return True
    return _error_code(exc) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _count_read_only(path: Path) -> int | None:
    """How many bookmarks the file holds, read without writing anything (immutable when
    not even the -shm can be made, as on a full disk)."""
    for query in ("mode=ro", "immutable=1"):
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
            try:
                count: int = db.execute("SELECT count(*) FROM bookmarks").fetchone()[0]
                return count
            finally:
                db.close()
        except (sqlite3.Error, OSError, ValueError):
            continue
    return None


def _disk_full(folder: Path) -> bool:
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):
        return False
    return info.f_bavail * info.f_frsize < 64 * 1024


def _unusable(path: Path, exc: BaseException) -> StoreError:
    """The error for a store that cannot be opened for writing, with the file untouched."""
    if _is_read_only_error(exc):
        return StoreReadOnly(read_only_message(path), path)
    if _is_busy(exc):
        return StoreError(f"the bookmark store {path} is busy ({exc}); try again")
    count = _count_read_only(path)
    safe = f"{count_text(count, 'bookmark')} are safe" if count is not None else "it is intact"
    if _error_code(exc) == sqlite3.SQLITE_FULL or _disk_full(path.parent):
        return StoreFull(
            f"the disk holding {path.parent} is full: {safe}, nothing was written "
            "(free some space and try again)",
            path,
        )
    return StoreReadOnly(
        f"cannot write the bookmark store {path} ({exc}): {safe}, nothing was written", path
    )


def too_new_message(path: Path, version: int) -> str:
    return (
        f"the bookmark store {path} was written by a newer newsreader (schema {version}, "
        f"this one knows {SCHEMA_VERSION}): reading it only, nothing is written; update "
        "newsreader to add or change bookmarks"
    )


@cache
def expected_schema(version: int) -> dict[str, frozenset[str]]:
    """The tables and columns a store at `version` has: MIGRATIONS[:version] applied."""
    db = sqlite3.connect(":memory:")
    try:
        for statements in MIGRATIONS[:version]:
            for statement in statements:
                db.execute(statement)
        return _schema_of(db)
    finally:
        db.close()


def _schema_of(db: sqlite3.Connection) -> dict[str, frozenset[str]]:
    tables = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: frozenset(row[1] for row in db.execute(f'PRAGMA table_info("{table}")'))
        for table in tables
    }


def schema_problem(db: sqlite3.Connection, version: int) -> str | None:
    """Why the store's tables are not what its user_version says (None when they are): a
    negative version, tables in a store that says it has none, a missing table or column.
    Tables and columns beyond the expected ones are allowed (a newer version's)."""
    if version < 0:
        return f"schema version {version} is not a version"
    actual = _schema_of(db)
    if version == 0:
        return f"not a newsreader store (tables {', '.join(sorted(actual))})" if actual else None
    expected = expected_schema(min(version, SCHEMA_VERSION))
    for table, columns in expected.items():
        if table not in actual:
            return f"schema version {version} but no table {table!r}"
        missing = columns - actual[table]
        if missing:
            return (
                f"schema version {version} but table {table!r} lacks {', '.join(sorted(missing))}"
            )
    return None


def moved_aside(path: Path) -> list[Path]:
    """Damaged stores moved aside next to path (name.corrupt-...), oldest first."""
    try:
        found = [
            p
            for p in path.parent.glob(f"{path.name}.corrupt-*")
            if not p.name.endswith(("-wal", "-shm"))
        ]
    except OSError:
        return []
    return sorted(found)
