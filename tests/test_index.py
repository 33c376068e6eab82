"""The corpus index: incremental refresh, and rebuilds of caches that cannot be trusted."""

import os
import sqlite3
from pathlib import Path

import pytest

from newsreader.core.corpus.load import load_corpus
from newsreader.core.store import build as index_module
from newsreader.core.store.build import CorpusIndex, open_corpus

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


def test_index_gives_what_the_loader_gives(seeds_dir, cache_dir):
    indexed = open_corpus(seeds_dir, cache_dir)
    direct = load_corpus(seeds_dir)
    assert [a.summary() for a in indexed.articles] == [a.summary() for a in direct.articles]
    for article in direct.articles:
        assert indexed.load(article.id).to_json() == article.to_json()
    assert all(a.is_header and a.paragraphs == [] for a in indexed.articles)


def test_second_refresh_reads_nothing(corpus_dir, cache_dir):
    first = CorpusIndex(corpus_dir, cache_dir).refresh()
    assert (first.parsed, first.reused) == (2, 0)
    second = CorpusIndex(corpus_dir, cache_dir).refresh()
    assert (second.parsed, second.reused, second.rebuilt) == (0, 2, None)


def test_edit_add_delete(corpus_dir, cache_dir):
    CorpusIndex(corpus_dir, cache_dir).refresh()
    (corpus_dir / "a.txt").write_text(f"Bài A sửa\n\n{BODY}", encoding="utf-8")
    (corpus_dir / "new.md").write_text("# Bài mới\n\nNội dung mới.", encoding="utf-8")
    (corpus_dir / "b.json").unlink()
    index = CorpusIndex(corpus_dir, cache_dir)
    stats = index.refresh()
    assert (stats.parsed, stats.removed) == (2, 1)
    assert sorted(a.title for a in index.headers()) == ["Bài A sửa", "Bài mới"]
    assert (
        index.db.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == 4
    )  # 2 titles + 2 bodies


def test_touched_file_with_same_content_is_not_parsed_again(corpus_dir, cache_dir):
    CorpusIndex(corpus_dir, cache_dir).refresh()
    path = corpus_dir / "a.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    stats = CorpusIndex(corpus_dir, cache_dir).refresh()
    assert (stats.parsed, stats.reused) == (0, 2)


def test_corrupt_cache_is_rebuilt(corpus_dir, cache_dir):
    index = CorpusIndex(corpus_dir, cache_dir)
    index.refresh()
    index.close()
    index.path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{index.path}{suffix}").unlink(missing_ok=True)
    again = CorpusIndex(corpus_dir, cache_dir)
    assert again.rebuilt and "unreadable" in again.rebuilt
    assert again.refresh().parsed == 2
    assert len(again.headers()) == 3


def test_other_version_cache_is_rebuilt(corpus_dir, cache_dir, monkeypatch):
    CorpusIndex(corpus_dir, cache_dir).refresh()
    monkeypatch.setattr(index_module, "RULES", "some-other-rules")
    again = CorpusIndex(corpus_dir, cache_dir)
    assert again.rebuilt == "made by another version"
    assert again.refresh().parsed == 2


def test_stale_row_is_not_trusted(corpus_dir, cache_dir):
    index = CorpusIndex(corpus_dir, cache_dir)
    index.refresh()
    index.db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    index.db.commit()
    index.close()
    assert CorpusIndex(corpus_dir, cache_dir).rebuilt == "made by another version"


def test_skipped_files_are_remembered(corpus_dir, cache_dir):
    (corpus_dir / "bad.json").write_text("{", encoding="utf-8")
    open_corpus(corpus_dir, cache_dir)
    warm = open_corpus(corpus_dir, cache_dir)
    assert [(s.path, "invalid JSON" in s.reason) for s in warm.skipped] == [("bad.json", True)]


def test_a_new_article_can_date_an_old_one(tmp_path, cache_dir):
    """The anniversary review is analysed again when the directive's date arrives later."""
    root = tmp_path / "c"
    root.mkdir()
    (root / "review.txt").write_text(
        "Tổng kết 10 năm thực hiện Chỉ thị 39-CT/TW\n\nNgày 23/5, hội nghị.", encoding="utf-8"
    )
    first = open_corpus(root, cache_dir)
    assert first.articles[0].year is None
    (root / "source.txt").write_text(
        "Tin\n\nChỉ thị 39-CT/TW, ngày 18/8/2014 của Bộ Chính trị.", encoding="utf-8"
    )
    second = open_corpus(root, cache_dir)
    review = second.load("review.txt")
    assert (review.year, review.year_source) == (2024, "inferred")
    assert [e.value for e in review.entities if e.kind == "date"] == ["2024-05-23"]


def test_parallel_build_matches_serial(tmp_path, corpus_dir):
    serial = open_corpus(corpus_dir, tmp_path / "one", workers=1)
    parallel = open_corpus(corpus_dir, tmp_path / "two", workers=2)
    assert [a.summary() for a in serial.articles] == [a.summary() for a in parallel.articles]


def test_in_memory_index_writes_nothing(corpus_dir, tmp_path):
    index = CorpusIndex(corpus_dir, None)
    index.refresh()
    assert index.path is None and len(index.headers()) == 3


def test_cache_readable_while_written(corpus_dir, cache_dir):
    """WAL: a second connection reads committed articles during a refresh elsewhere."""
    writer = CorpusIndex(corpus_dir, cache_dir)
    writer.refresh()
    reader = sqlite3.connect(writer.path)
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_interrupted_first_build_is_not_trusted(corpus_dir, cache_dir, monkeypatch):
    index = CorpusIndex(corpus_dir, cache_dir)

    def die(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(CorpusIndex, "_finish_corpus_pass", die)
    with pytest.raises(KeyboardInterrupt):
        index.refresh()
    index.close()
    monkeypatch.undo()
    again = CorpusIndex(corpus_dir, cache_dir)
    assert again.rebuilt == "its first build was interrupted"
    assert again.refresh().parsed == 2
    assert CorpusIndex(corpus_dir, cache_dir).rebuilt is None
