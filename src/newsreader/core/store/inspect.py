"""Read-only looks at the index and the bookmark store, for `newsreader doctor`.

Nothing here writes, creates or repairs: a store or index is opened without a journal of its
own (immutable when its folder cannot even hold one), so checking never changes what it
checks.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


def _open_read_only(path: Path) -> sqlite3.Connection:
    errors = []
    for query in ("mode=ro", "immutable=1"):
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
            db.execute("PRAGMA user_version").fetchone()
            return db
        except sqlite3.DatabaseError as exc:
            errors.append(str(exc))
    raise sqlite3.DatabaseError("; ".join(dict.fromkeys(errors)))


def _integrity(db: sqlite3.Connection) -> str | None:
    """None when PRAGMA integrity_check says ok, else the first few complaints."""
    rows = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    return None if rows == ["ok"] else "; ".join(str(r) for r in rows[:3])


@dataclass(frozen=True, slots=True)
class StoreLook:
    exists: bool
    error: str | None = None  # cannot be opened as a database at all
    damage: str | None = None  # integrity_check's complaints
    version: int = 0
    bookmarks: int | None = None
    schema: str | None = None  # why the tables are not what the version says


def look_at_store(path: Path, known_version: int) -> StoreLook:
    from newsreader.core.store.bookmarks import schema_problem

    if not path.exists():
        return StoreLook(False)
    try:
        db = _open_read_only(path)
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            damage = _integrity(db)
            schema = schema_problem(db, version) if damage is None else None
            count = None
            if damage is None and schema is None and 1 <= version:
                count = int(db.execute("SELECT count(*) FROM bookmarks").fetchone()[0])
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return StoreLook(True, error=str(exc))
    return StoreLook(True, damage=damage, version=version, bookmarks=count, schema=schema)


@dataclass(frozen=True, slots=True)
class IndexLook:
    exists: bool
    damage: str | None = None
    meta: dict[str, str] | None = None


def look_at_index(path: Path) -> IndexLook:
    if not path.exists():
        return IndexLook(False)
    try:
        db = _open_read_only(path)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta"))
            damage = _integrity(db)
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return IndexLook(True, damage=str(exc))
    return IndexLook(True, damage=damage, meta=meta)
