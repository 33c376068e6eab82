"""Bookmarks belong to the corpus they were made in: another corpus neither lists them nor
marks them orphaned; `--all` shows every corpus's. Older bookmarks (no corpus) stay listed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from newsreader.cli import main
from newsreader.core.library import Library
from newsreader.core.store.bookmarks import MIGRATIONS, SCHEMA_VERSION, BookmarkStore


def _corpus(root: Path, text: str) -> Path:
    root.mkdir()
    (root / "tin.txt").write_text(f"Tin chung tên\n\n{text}\n\nĐoạn hai.", encoding="utf-8")
    return root


def _library(root: Path, tmp_path: Path) -> Library:
    library = Library(root, cache_dir=tmp_path / f"cache-{root.name}")
    library.refresh()
    return library


def test_each_corpus_lists_its_own_bookmarks(tmp_path):
    first = _library(_corpus(tmp_path / "a", "Bảo vệ chính trị nội bộ."), tmp_path)
    other = _library(_corpus(tmp_path / "b", "Một bài khác hẳn, cùng tên tệp."), tmp_path)
    bookmark, _ = first.add_bookmark("tin.txt", 0, 0, note="của kho a")
    assert bookmark.corpus == first.corpus_key

    assert other.bookmarks() == []  # not listed, not orphaned
    everything = other.bookmarks(all_corpora=True)
    assert [(b.id, b.status, b.corpus) for b in everything] == [
        (bookmark.id, "ok", first.corpus_key)
    ]
    (mine,) = first.bookmarks()
    assert mine.status == "ok" and mine.note == "của kho a"

    # The same passage marked in the other corpus is its own bookmark.
    theirs, existed = other.add_bookmark("tin.txt", 0, 0)
    assert not existed and theirs.id != bookmark.id
    assert [b.id for b in other.bookmarks()] == [theirs.id]


def test_the_cli_lists_this_corpus_or_all(tmp_path, capsys):
    a = _corpus(tmp_path / "a", "Bảo vệ chính trị nội bộ.")
    b = _corpus(tmp_path / "b", "Một bài khác hẳn.")
    assert main(["--corpus", str(a), "bookmark", "add", "tin.txt", "--paragraph", "1"]) == 0
    capsys.readouterr()
    assert main(["--corpus", str(b), "bookmarks", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["bookmarks"] == []
    assert main(["--corpus", str(b), "bookmarks", "--all", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)["bookmarks"]
    assert listed["corpus"] == str(a.absolute())


def test_a_store_before_corpora_keeps_its_bookmarks_in_every_corpus(tmp_path):
    path = tmp_path / "v2.sqlite3"
    db = sqlite3.connect(path)
    for migration in MIGRATIONS[:2]:
        for statement in migration:
            db.execute(statement)
    db.execute(
        "INSERT INTO bookmarks (article_id, first, last, quote, created, updated, title, path)"
        " VALUES ('tin.txt', 0, 0, 'Trích', '2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z',"
        " 'Tiêu đề', 'tin.txt')"
    )
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with BookmarkStore.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 3
        (old,) = store.bookmarks(corpus="/anywhere")
        assert old.corpus is None
