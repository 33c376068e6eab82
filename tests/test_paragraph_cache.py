"""The paragraphs kept between keystrokes change how fast a search answers, never what."""

import os

from newsreader.core.library import Library
from newsreader.core.paragraph_cache import ParagraphCache
from newsreader.core.store.index import PARAGRAPH_BITS

QUERIES = ["chi thi", "bao ve chinh", "bao ve chinh tri noi bo", "ha tinh", "nghi quyet 35"]


def _corpus(root):
    words = ["Chỉ thị 39-CT/TW", "bảo vệ chính trị nội bộ", "Hà Tĩnh", "Nghị quyết 35-NQ/TW"]
    for n in range(30):
        paragraphs = [f"Đoạn {k} của bài {n}: {words[(n + k) % len(words)]}." for k in range(4)]
        (root / f"a{n:02}.txt").write_text(f"Bài {n}\n\n" + "\n\n".join(paragraphs), "utf-8")


def _hits(library):
    return [
        [(h.article_id, h.paragraph, h.score, h.start, h.end) for h in library.search(q)]
        for q in QUERIES
    ]


def test_search_gives_the_same_hits_with_any_cache_budget(tmp_path):
    _corpus(tmp_path)
    library = Library(tmp_path, cache_dir=tmp_path / "cache")
    library.refresh()
    cache = library._search_texts  # the Library's own, shared by its searchers
    cache.budget = 0  # nothing kept: every keystroke reads and folds again
    uncached = _hits(library)
    for budget in (300, 4_000_000):
        cache.clear()
        cache.budget = budget
        assert _hits(library) == uncached
        assert _hits(library) == uncached  # the second time from what was kept


def test_the_cache_keeps_at_most_its_budget_and_the_newest_articles(tmp_path):
    _corpus(tmp_path)
    library = Library(tmp_path, cache_dir=tmp_path / "cache")
    library.refresh()
    cache = ParagraphCache(budget=200)
    reader = library._reader()
    rowids = [(article << PARAGRAPH_BITS) | 1 for article in range(1, 31)]  # paragraph 1 of each
    found = cache.paragraphs(reader, rowids)
    assert [rowid for rowid, _, _ in found] == rowids
    assert 0 < cache._size <= 200
    assert len(cache._articles) < 30
    assert list(cache._articles)[-1] == 30  # the last read is kept


def test_a_refresh_that_changes_an_article_is_never_answered_from_the_old_text(tmp_path):
    """One article: changed, it is deleted and inserted again under the same rowid."""
    path = tmp_path / "one.txt"
    path.write_text("Bài một\n\nHội nghị tại Hà Tĩnh về Chỉ thị 39-CT/TW.", "utf-8")
    library = Library(tmp_path, cache_dir=tmp_path / "cache")
    library.refresh()
    assert library.search("Ha Tinh")
    path.write_text("Bài một\n\nHội nghị tại Nghệ An về Chỉ thị 39-CT/TW.", "utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    library.refresh()
    assert library.search("Ha Tinh") == []
    (hit,) = library.search("Nghe An")
    assert hit.text[hit.start : hit.end] == "Nghệ An"
