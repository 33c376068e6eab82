"""The bundled corpus, read as the issue describes it."""

import pytest

from newsreader.core.corpus.load import load_corpus

A000 = "000_74aa4278611824f9.txt"
A002 = "002_585a4bc561e6506a.txt"


@pytest.fixture(scope="module")
def corpus():
    from pathlib import Path

    return load_corpus(Path(__file__).resolve().parents[1] / "corpus")


def dates_of(article):
    return {e.value for e in article.entities if e.kind == "date"}


def test_nothing_skipped(corpus):
    assert not corpus.skipped and len(corpus.articles) == 2


def test_article_000(corpus):
    a = corpus.get(A000)
    assert a.title == (
        "Sơ kết 5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị về tăng cường "
        "công tác bảo vệ chính trị nội bộ"
    )
    assert a.published == "2019-11-04T08:10"
    assert (a.year, a.year_source) == (2019, "published")
    assert a.directive == "39-CT/TW"
    assert set(a.people) == {"Lê Văn Châu", "Hoàng Giang"}
    assert dates_of(a) == {"2019-10-31", "2014-08-18"}
    assert a.byline == "TH"
    assert not any("Thứ Hai" in p or p == "TH" or p.strip(".") == "" for p in a.paragraphs)
    assert a.paragraphs.count("Toàn cảnh Hội nghị.") == 1


def test_article_002(corpus):
    a = corpus.get(A002)
    assert a.published is None
    assert (a.year, a.year_source) == (2024, "inferred")
    assert a.directive == "39-CT/TW"
    assert set(a.people) == {"Nguyễn Đức Thanh", "Phạm Văn Hậu"}
    values = dates_of(a)
    assert "2024-05-23" in values
    assert {"2024-05-16", "2024-05-18"} <= values or "2024-05-16/2024-05-18" in values


def test_every_entity_points_at_its_text(corpus):
    for article in corpus.articles:
        for e in article.entities:
            source = article.title if e.paragraph is None else article.paragraphs[e.paragraph]
            assert source[e.start : e.end] == e.text


def test_short_reference_resolves_to_the_full_code(corpus):
    a = corpus.get(A002)
    shorts = [
        e
        for e in a.entities
        if e.kind == "directive" and e.text.startswith("Chỉ thị 39") and "CT" not in e.text
    ]
    assert shorts and all(e.value == "39-CT/TW" for e in shorts)
