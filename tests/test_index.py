"""The corpus index through the Library: incremental refresh, and rebuilds of caches that
cannot be trusted."""

import os
import sqlite3
from pathlib import Path

import pytest

from newsreader.core.corpus.load import load_corpus
from newsreader.core.library import Library
from newsreader.core.store import index as index_module
from newsreader.core.store.build import CorpusIndex

BODY = "Đồng chí Trần Văn Minh, Bí thư Tỉnh ủy chủ trì hội nghị quán triệt Chỉ thị 39-CT/TW sáng 12/3/2024."


@pytest.fixture
def corpus_dir(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(f"Bài A\n\n{BODY}", encoding="utf-8")
    (root / "b.json").write_text(
        '[{"title": "Bài B", "text": "Nội dung B."}, {"title": "Bài C", "text": "C."}]',
        encoding="utf-8",
    )
    return root


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


def library(root, cache_dir, **options):
    return Library(root, cache_dir=cache_dir, **options)


def refreshed(root, cache_dir, **options):
    lib = library(root, cache_dir, **options)
    lib.refresh()
    return lib


def paragraph_rows(lib):
    """Titles and paragraphs kept in the index, all articles together."""
    return lib._read(
        lambda r: sum(
            len(r.texts_of(rowid)) for (rowid,) in r.db.execute("SELECT rowid FROM articles")
        )
    )


def test_index_gives_what_the_loader_gives(seeds_dir, cache_dir):
    indexed = refreshed(seeds_dir, cache_dir)
    direct = load_corpus(seeds_dir)
    assert [a.summary() for a in indexed.articles()] == [a.summary() for a in direct.articles]
    for article in direct.articles:
        assert indexed.article(article.id).to_json() == article.to_json()
    assert all(a.is_header and a.paragraphs == [] for a in indexed.articles())


def test_second_refresh_reads_nothing(corpus_dir, cache_dir):
    first = library(corpus_dir, cache_dir).refresh()
    assert (first.parsed, first.reused) == (2, 0)
    second = library(corpus_dir, cache_dir).refresh()
    assert (second.parsed, second.reused, second.rebuilt) == (0, 2, None)


def test_edit_add_delete(corpus_dir, cache_dir):
    library(corpus_dir, cache_dir).refresh()
    (corpus_dir / "a.txt").write_text(f"Bài A sửa\n\n{BODY}", encoding="utf-8")
    (corpus_dir / "new.md").write_text("# Bài mới\n\nNội dung mới.", encoding="utf-8")
    (corpus_dir / "b.json").unlink()
    lib = library(corpus_dir, cache_dir)
    stats = lib.refresh()
    assert (stats.parsed, stats.removed) == (2, 1)
    assert sorted(a.title for a in lib.articles()) == ["Bài A sửa", "Bài mới"]
    assert paragraph_rows(lib) == 4  # 2 titles + 2 bodies


def test_touched_file_with_same_content_is_not_parsed_again(corpus_dir, cache_dir):
    library(corpus_dir, cache_dir).refresh()
    path = corpus_dir / "a.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    stats = library(corpus_dir, cache_dir).refresh()
    assert (stats.parsed, stats.reused) == (0, 2)


def test_corrupt_cache_is_rebuilt(corpus_dir, cache_dir):
    lib = refreshed(corpus_dir, cache_dir)
    lib.close()
    lib.index_path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{lib.index_path}{suffix}").unlink(missing_ok=True)
    again = library(corpus_dir, cache_dir)
    stats = again.refresh()
    assert stats.rebuilt and "unreadable" in stats.rebuilt
    assert stats.parsed == 2
    assert len(again.articles()) == 3


def test_other_version_cache_is_rebuilt(corpus_dir, cache_dir, monkeypatch):
    library(corpus_dir, cache_dir).refresh()
    monkeypatch.setattr(index_module, "RULES", "some-other-rules")
    stats = library(corpus_dir, cache_dir).refresh()
    assert stats.rebuilt == "made by another version"
    assert stats.parsed == 2


def test_stale_row_is_not_trusted(corpus_dir, cache_dir):
    lib = refreshed(corpus_dir, cache_dir)
    lib.close()
    db = sqlite3.connect(lib.index_path)
    db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    db.commit()
    db.close()
    assert library(corpus_dir, cache_dir).refresh().rebuilt == "made by another version"


def test_skipped_files_are_remembered(corpus_dir, cache_dir):
    (corpus_dir / "bad.json").write_text("{", encoding="utf-8")
    refreshed(corpus_dir, cache_dir)
    warm = refreshed(corpus_dir, cache_dir)
    assert [(s.path, "invalid JSON" in s.reason) for s in warm.skipped()] == [("bad.json", True)]


def test_a_new_article_can_date_an_old_one(tmp_path, cache_dir):
    """The anniversary review is analysed again when the directive's date arrives later."""
    root = tmp_path / "c"
    root.mkdir()
    (root / "review.txt").write_text(
        "Tổng kết 10 năm thực hiện Chỉ thị 39-CT/TW\n\nNgày 23/5, hội nghị.", encoding="utf-8"
    )
    first = refreshed(root, cache_dir)
    assert first.articles()[0].year is None
    first.close()
    (root / "source.txt").write_text(
        "Tin\n\nChỉ thị 39-CT/TW, ngày 18/8/2014 của Bộ Chính trị.", encoding="utf-8"
    )
    second = refreshed(root, cache_dir)
    review = second.article("review.txt")
    assert (review.year, review.year_source) == (2024, "inferred")
    assert [e.value for e in review.entities if e.kind == "date"] == ["2024-05-23"]


def test_parallel_build_matches_serial(tmp_path, corpus_dir):
    serial = refreshed(corpus_dir, tmp_path / "one", workers=1)
    parallel = refreshed(corpus_dir, tmp_path / "two", workers=2)
    assert [a.summary() for a in serial.articles()] == [a.summary() for a in parallel.articles()]


def test_build_workers_take_jobs_only_as_they_are_handed_out():
    """A cold build's memory must not grow with the corpus: jobs are read, and results
    kept, a bounded number of chunks ahead of the writer."""
    from newsreader.core.store import build

    taken = 0

    def jobs():
        nonlocal taken
        for n in range(5_000):
            taken += 1
            yield -n

    results = iter(CorpusIndex._in_workers(abs, jobs(), 5_000, 2))
    try:
        assert next(results) == 0
        assert taken <= (build.IN_FLIGHT * 2 + 1) * build.CHUNK
        assert list(results) == list(range(1, 5_000))
        assert taken == 5_000
    finally:
        getattr(results, "close", lambda: None)()


def test_a_closed_index_leaves_no_write_ahead_log_behind(corpus_dir, cache_dir):
    """The index's size on disk is the index: a warm start's refresh logs its writes, and
    closing writes them back and empties the log."""
    refreshed(corpus_dir, cache_dir).close()
    warm = refreshed(corpus_dir, cache_dir)  # a second refresh: WAL mode, meta rewritten
    (log,) = cache_dir.glob("*.sqlite3-wal")
    assert log.stat().st_size > 0
    # Another reader (a search thread's connection) is still open when the writer closes,
    # so SQLite's own checkpoint at the last close does not happen.
    other = sqlite3.connect(warm.index_path)
    try:
        other.execute("SELECT count(*) FROM meta").fetchone()
        warm.close()
        assert log.stat().st_size == 0
    finally:
        other.close()


def test_in_memory_index_writes_nothing(corpus_dir, cache_dir):
    lib = refreshed(corpus_dir, cache_dir, use_cache=False)
    assert lib.in_memory and len(lib.articles()) == 3
    assert not cache_dir.exists()


def test_cache_dir_that_cannot_be_used_falls_back_to_memory(corpus_dir, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    lib = refreshed(corpus_dir, blocker / "cache")
    assert lib.in_memory and len(lib.articles()) == 3
    [notice] = lib.notices()
    assert notice.kind == "index_unusable" and "reading the corpus without it" in notice.text


def test_cache_readable_while_written(corpus_dir, cache_dir):
    """WAL: a second connection reads committed articles during a refresh elsewhere."""
    lib = refreshed(corpus_dir, cache_dir)
    reader = sqlite3.connect(lib.index_path)
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_interrupted_first_build_is_not_trusted(corpus_dir, cache_dir, monkeypatch):
    lib = library(corpus_dir, cache_dir)

    def die(self, *_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(CorpusIndex, "_finish_corpus_pass", die)
    with pytest.raises(KeyboardInterrupt):
        lib.refresh()
    lib.close()
    monkeypatch.undo()
    again = library(corpus_dir, cache_dir)
    stats = again.refresh()
    assert stats.rebuilt == "its first build was interrupted"
    assert stats.parsed == 2
    assert library(corpus_dir, cache_dir).refresh().rebuilt is None


def test_a_damaged_index_found_while_reading_is_rebuilt(corpus_dir, cache_dir):
    lib = refreshed(corpus_dir, cache_dir)
    lib._read(lambda r: r.db.execute("SELECT 1"))
    lib.close()
    db = sqlite3.connect(lib.index_path)
    db.execute("DROP TABLE texts")
    db.commit()
    db.close()
    again = library(corpus_dir, cache_dir)
    again.cached()
    assert again.article("a.txt").title == "Bài A"
    assert again.rebuilt and "damaged" in again.rebuilt


def _tag_terms(lib):
    """Each term of article_tags with how many articles hold it."""
    return lib._read(
        lambda r: dict(
            r.db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.tag_vocab"
                " USING fts5vocab(main, article_tags, 'row')"
            ).execute("SELECT term, doc FROM temp.tag_vocab")
        )
    )


def test_an_edited_article_leaves_no_stale_filter_tags(corpus_dir, cache_dir):
    """Tags live once per article in a contentless table: an edit deletes exactly the tags
    that were indexed (the old directive, person), or filters would find ghosts."""
    before = _tag_terms(refreshed(corpus_dir, cache_dir))
    assert {"zd39ncttw", "zptranvanminh"} <= set(before)
    edited = BODY.replace("Trần Văn Minh", "Lê Thị Hoa").replace("39-CT/TW", "35-NQ/TW")
    (corpus_dir / "a.txt").write_text(f"Bài A\n\n{edited}", encoding="utf-8")
    lib = refreshed(corpus_dir, cache_dir)
    after = _tag_terms(lib)
    assert {"zd35nnqtw", "zplethihoa"} <= set(after)
    assert not {"zd39ncttw", "zptranvanminh"} & set(after)
    assert [h.title for h in lib.search("d:35-NQ/TW quán triệt")] == ["Bài A"]
    assert lib.search("d:39-CT/TW quán triệt") == []
