"""Search: folding both ways, ranking tiers, filters, offsets, and hostile queries."""

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.cli import main
from newsreader.core.library import Library
from newsreader.core.search import parse_query
from newsreader.core.text.fold import fold

ARTICLES = {
    "title.txt": (
        "Bảo vệ chính trị nội bộ trong tình hình mới",
        [
            "Hội nghị diễn ra sáng 12/3/2024 tại Hà Tĩnh về Chỉ thị 39-CT/TW.",
        ],
    ),
    "phrase.txt": (
        "Tin hoạt động",
        [
            "Các cấp ủy đã làm tốt công tác bảo vệ chính trị nội bộ trong năm qua, ngày 5/6/2023.",
        ],
    ),
    "words.txt": (
        "Tin khác",
        [
            "Công tác chính trị được bảo vệ chặt chẽ, nội bộ đoàn kết; Nghị quyết 35-NQ/TW, ngày 22/10/2018.",
        ],
    ),
    "typo.txt": (
        "Tin thứ tư",
        [
            "Đồng chí Lê Văn Châu, Phó Bí thư Đảng ủy Khối phát biểu ngày 31/10/2019.",
        ],
    ),
    "plain.txt": (
        "Bao ve chinh tri noi bo khong dau",
        [
            "Van ban viet khong dau ngay 1/1/2020.",
        ],
    ),
}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-corpus")
    for name, (title, paragraphs) in ARTICLES.items():
        (root / name).write_text(title + "\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    library = Library(root, cache_dir=tmp_path_factory.mktemp("cache"))
    library.refresh()
    return library


def ids(hits):
    return [(h.article_id, h.paragraph) for h in hits]


def test_ranking_title_phrase_then_paragraph_phrase_then_words(searcher):
    hits = searcher.search("bao ve chinh tri noi bo")
    order = [h.article_id for h in hits]
    assert order[0] in ("title.txt", "plain.txt") and order[1] in ("title.txt", "plain.txt")
    assert order.index("phrase.txt") < order.index("words.txt")
    scores = {h.article_id: h.score for h in hits}
    assert scores["title.txt"] > scores["phrase.txt"] > scores["words.txt"]


def test_diacritics_agreeing_exactly_rank_a_little_higher(searcher):
    marked = {h.article_id: h.score for h in searcher.search("bảo vệ chính trị nội bộ")}
    assert marked["title.txt"] > marked["plain.txt"]
    bare = {h.article_id: h.score for h in searcher.search("bao ve chinh tri noi bo")}
    assert bare["plain.txt"] >= bare["title.txt"]


def test_query_with_marks_finds_text_without_and_back(searcher):
    assert "plain.txt" in {h.article_id for h in searcher.search("văn bản viết không dấu")}
    assert "typo.txt" in {h.article_id for h in searcher.search("le van chau")}


def test_typos_are_tolerated(searcher):
    hits = searcher.search("pho bi thu dang uy khoi phat bieuu")
    assert hits and hits[0].article_id == "typo.txt"
    assert searcher.search("Chaau")[0].article_id == "typo.txt"


def test_directive_codes_and_reordered_words(searcher):
    assert searcher.search("39-ct/tw")[0].article_id == "title.txt"
    assert searcher.search("ct 39")[0].article_id == "title.txt"


def test_filters(searcher):
    assert {h.article_id for h in searcher.search("y:2019")} == {"typo.txt"}
    assert {h.article_id for h in searcher.search("d:35-NQ/TW")} == {"words.txt"}
    assert {h.article_id for h in searcher.search("d:39 chinh tri")} == {"title.txt"}
    assert {h.article_id for h in searcher.search('p:"Lê Văn Châu"')} == {"typo.txt"}
    assert {h.article_id for h in searcher.search("y:2024 noi bo")} == {"title.txt"}


def test_unknown_filter_is_words():
    query = parse_query("x:bao ve")
    assert query.words == ["x", "bao", "ve"] and query.year is None


def test_match_offsets_point_at_the_original_accented_text(searcher):
    hit = next(h for h in searcher.search("bao ve chinh tri") if h.article_id == "title.txt")
    assert hit.text[hit.start : hit.end] == "Bảo vệ chính trị"
    snippet_match = hit.snippet[hit.start - hit.snippet_start : hit.end - hit.snippet_start]
    assert snippet_match == "Bảo vệ chính trị"


def test_prefix_of_the_word_being_typed(searcher):
    hit = searcher.search("bao ve chinh t")[0]
    assert fold(hit.text[hit.start : hit.end]) == "bao ve chinh tri"


def test_one_article_does_not_flood(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "many.txt").write_text(
        "Tin\n\n" + "\n\n".join(f"Đoạn {i} về kiểm tra giám sát." for i in range(20)),
        encoding="utf-8",
    )
    (root / "one.txt").write_text("Khác\n\nMột đoạn về kiểm tra giám sát.", encoding="utf-8")
    library = Library(root, cache_dir=tmp_path / "cache")
    hits = library.search("kiem tra giam sat", per_article=3)
    assert [h.article_id for h in hits].count("many.txt") == 3
    assert "one.txt" in [h.article_id for h in hits]
    assert max(h.more for h in hits) == 17


@given(st.text(max_size=60))  # as many examples as the profile runs: 1,000 in CI
def test_any_query_answers_and_offsets_stay_inside(searcher, query):
    for hit in searcher.search(query):
        assert 0 <= hit.start <= hit.end <= len(hit.text)


@given(st.sampled_from(["bảo vệ", "chinh tri", "noi bo", "Châu", "viết không", "39 CT"]))
def test_phrase_match_offsets_fold_to_the_query(searcher, query):
    for hit in searcher.search(query):
        if hit.score >= 88:
            assert re.findall(r"\w+", fold(hit.text[hit.start : hit.end])) == re.findall(
                r"\w+", fold(query)
            )


@pytest.mark.parametrize(
    "query", ["...", "!!! ???", "a" * 10_000, '"unclosed', "y:", "d:", "p:", "\x1b[31m"]
)
def test_odd_queries_answer_without_crashing(searcher, query):
    assert isinstance(searcher.search(query), list)


def test_cli_search_json_contract(capsys):
    assert main(["search", "bao", "ve", "chinh", "tri", "--json", "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["query"] == "bao ve chinh tri"
    assert 0 < len(data["results"]) <= 3
    for result in data["results"]:
        assert set(result) == {"id", "title", "paragraph", "score", "snippet", "match", "exact"}
        assert 0 <= result["score"] <= 100
        start, end = result["match"]
        assert start < end


def test_cli_search_odd_queries(capsys):
    for query in ["...", "x" * 10_000]:
        assert main(["search", query, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["results"] == []
    assert main(["search", "  "]) == 2
    assert "empty query" in capsys.readouterr().err
