"""A search's work is bounded by counts (rows, articles), never by the clock: the same query
over the same index always gets the same answer, however busy the machine."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generated import gen_corpus
from newsreader.core import search
from newsreader.core.library import Library
from newsreader.core.store.index import PARAGRAPH_BITS

# Common words and stubs: their stages match rows of most articles.
QUERIES = [
    "chinh tri",
    "bao ve chinh tri noi bo",
    "hoi nghi tr",
    "kiem tra dang vi",
    "dang",
    "tu di",
]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated")
    gen_corpus().generate(root, 2 * search.RANKED_ARTICLES + 60, seed=5)
    library = Library(root, cache_dir=tmp_path_factory.mktemp("cache"))
    library.refresh()
    yield library
    library.close()


def _matches_asked(monkeypatch) -> list[str]:
    """The MATCH expressions the searches ask of FTS5 from now on, in order."""
    asked: list[str] = []
    fts_rows = search.IndexReader.fts_rows

    def logged(self, table, match, limit, tags=""):
        asked.append(match)
        return fts_rows(self, table, match, limit, tags)

    monkeypatch.setattr(search.IndexReader, "fts_rows", logged)
    return asked


def _answers(library: Library) -> list[list[tuple]]:
    library._search_texts.clear()
    return [
        [(h.article_id, h.paragraph, h.score, h.start, h.end, h.more) for h in library.search(q)]
        for q in QUERIES
    ]


def test_a_clock_that_jumps_changes_no_answer(library, monkeypatch):
    """As if every query ran on a machine stalled for an hour between two looks at the
    clock: a search that stopped a stage after some time would find less."""
    calm = _answers(library)
    assert all(calm)
    now = [0.0]

    def jumping() -> float:
        now[0] += 3600.0
        return now[0]

    for name in ("perf_counter", "monotonic", "process_time", "time"):
        monkeypatch.setattr(time, name, jumping)
    assert _answers(library) == calm


def test_the_candidates_come_from_at_most_the_ranked_articles(library, monkeypatch):
    held: list[set[int]] = []
    candidates = search.Searcher._candidates

    def counted(self, query, filters, *args):
        rowids, variants = candidates(self, query, filters, *args)
        held.append({rowid >> PARAGRAPH_BITS for rowid in rowids})
        return rowids, variants

    monkeypatch.setattr(search.Searcher, "_candidates", counted)
    _answers(library)
    assert len(held) == len(QUERIES)
    assert max(len(articles) for articles in held) == search.RANKED_ARTICLES
    assert all(len(articles) <= search.RANKED_ARTICLES for articles in held)


def test_the_rows_of_a_stage_are_read_only_until_its_articles_are_found(library, monkeypatch):
    """The FTS cursor is left once the ranked articles are held: past them a stage reads on
    only through the articles already held, and one row beyond ends it."""
    read: list[int] = []
    held: list[int] = []
    fts_rows = search.IndexReader.fts_rows
    candidates = search.Searcher._candidates

    def counting(self, table, match, limit, tags=""):
        for rowid in fts_rows(self, table, match, limit, tags):
            read.append(rowid >> PARAGRAPH_BITS)
            yield rowid

    def kept(self, query, filters, *args):
        rowids, variants = candidates(self, query, filters, *args)
        held.extend(rowid >> PARAGRAPH_BITS for rowid in rowids)
        return rowids, variants

    monkeypatch.setattr(search.IndexReader, "fts_rows", counting)
    monkeypatch.setattr(search.Searcher, "_candidates", kept)
    library.search("dang")  # in nearly every paragraph of every article
    assert len(set(held)) == search.RANKED_ARTICLES
    budget = max(search.MIN_CANDIDATES, search.RANKED_ARTICLES * search.CANDIDATES_PER_RESULT)
    assert len(read) <= search.RANKED_ARTICLES + budget  # the titles' stage, the paragraphs'
    assert len({article for article in read if article > max(held)}) <= 1


def test_a_prefix_spelt_out_from_the_vocabulary_finds_what_fts5_finds(library, monkeypatch):
    """A last word being typed is read as an OR of the index's words it begins: the same rows,
    in the same order, as FTS5's own prefix query."""
    typed = ["chin", "hoi nghi tru", "kiem tra dang vie", "tong ket chi", "bao ve chinh tr"]
    searcher = library._searcher(library._reader())
    assert all(searcher._completions(q.split()[-1]) for q in typed)

    def answers() -> list[list[tuple]]:
        library._search_texts.clear()
        return [
            [(h.article_id, h.paragraph, h.score, h.more) for h in library.search(q)] for q in typed
        ]

    spelt = answers()
    monkeypatch.setattr(search, "MAX_PREFIX_TERMS", 0)  # every prefix left to FTS5
    assert answers() == spelt


def test_a_phrase_of_words_that_share_many_rows_is_found_among_their_rows(library, monkeypatch):
    """FTS5 would check positions in every row holding all the words: past PHRASE_ROWS such
    rows the phrase is not asked of FTS5, and its hits still come first, from the rows of
    the words together."""
    asked = _matches_asked(monkeypatch)
    library._search_texts.clear()
    phrase = [h.score for h in library.search("bao ve chinh tri ")]
    assert any('"bao ve chinh tri"' in match for match in asked)
    asked.clear()
    monkeypatch.setattr(search, "PHRASE_ROWS", 1)
    together = [h.score for h in library.search("bao ve chinh tri ")]
    assert asked and not any('"bao ve chinh tri"' in match for match in asked[1:])  # [0]: titles
    assert together[0] >= 85 and len(together) == len(phrase)


@pytest.mark.parametrize("limit", [1, 5, 20, 50])
def test_scoring_only_the_articles_phrase_hits_lead_gives_the_same_answer(
    library, monkeypatch, limit
):
    typed = [*QUERIES, "chinh tri noi bo", "bảo vệ chính trị", "ban thuong vu", "hoi nghi "]

    def answers() -> list[list[tuple]]:
        return [
            [
                (h.article_id, h.paragraph, h.score, h.start, h.end, h.more)
                for h in library.search(q, limit=limit)
            ]
            for q in typed
        ]

    led = answers()
    monkeypatch.setattr(search, "_phrase_led", lambda *args: None)  # score every candidate
    assert answers() == led


def _write(root: Path, name: str, title: str, body: str) -> None:
    (root / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def test_a_word_added_by_a_refresh_is_found_by_its_prefix(tmp_path):
    """A last word spelt out from the vocabulary must not miss the words that a refresh
    added after the vocabulary was read."""
    root = tmp_path / "corpus"
    root.mkdir()
    _write(root, "a.txt", "Hội nghị ở Đông Hà", "Ông Trần Văn Châu phát biểu tại hội nghị.")
    library = Library(root, cache_dir=tmp_path / "cache")
    library.refresh()
    assert {h.article_id for h in library.search("cha")} == {"a.txt"}
    _write(root, "b.txt", "Hội nghị ở Quảng Trị", "Bà Lê Thị Chanh dự hội nghị.")
    library.refresh()
    assert {h.article_id for h in library.search("cha")} == {"a.txt", "b.txt"}
    library.close()


def test_while_a_build_adds_articles_a_prefix_is_read_by_fts5(library, monkeypatch):
    """Between a build's first batch and its end the vocabulary may lack the new words:
    completions are not spelt out from it then, and are again once the build is over."""
    asked = _matches_asked(monkeypatch)
    library._index_settled = False
    try:
        unsettled = [(h.article_id, h.paragraph, h.score) for h in library.search("chinh tri")]
        assert asked and not any(" OR " in match for match in asked)
    finally:
        library._index_settled = True
    asked.clear()
    library._search_texts.clear()
    settled = [(h.article_id, h.paragraph, h.score) for h in library.search("chinh tri")]
    assert any(" OR " in match for match in asked)
    assert settled == unsettled


def test_a_refresh_that_changes_nothing_keeps_the_vocabulary(library):
    library.search("chinh tri")
    before = library._shared_vocabulary()
    library.refresh()
    assert library._shared_vocabulary() is before
