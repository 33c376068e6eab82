"""Search that does not surprise, over a generated corpus: `limit` only cuts one ranked list,
highlights cover whole words, exact hits come before fuzzy ones, and an article's hits stay
together with the count after them."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generated import gen_corpus
from newsreader.core.library import Library
from newsreader.core.search import _matcher, parse_query, score_text


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated")
    gen_corpus().generate(root, 120, seed=11)
    library = Library(root, cache_dir=tmp_path_factory.mktemp("cache"))
    library.refresh()
    words = sorted(
        {
            w
            for p in root.rglob("*.txt")
            for w in re.findall(r"\w{3,}", p.read_text(encoding="utf-8"))
        }
    )
    return library, words


def _typo(word: str, where: int) -> str:
    if len(word) < 5:
        return word
    i = where % (len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # two letters swapped


def queries(words: list[str]):
    word = st.sampled_from(words)
    typed = st.tuples(word, st.integers(0, 50)).map(lambda pair: _typo(*pair))
    return st.lists(st.one_of(word, typed, word.map(str.lower)), min_size=1, max_size=4).map(
        " ".join
    ) | st.tuples(word, st.integers(1, 4)).map(lambda pair: pair[0][: pair[1] + 2])


def _key(hit) -> tuple:
    return (hit.article_id, hit.paragraph, hit.score, hit.start, hit.end, hit.more)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_small_limit_is_the_head_of_a_larger_one(corpus, data):
    library, words = corpus
    query = data.draw(queries(words))
    five = library.search(query, limit=5)
    fifty = library.search(query, limit=50)
    assert [_key(h) for h in five] == [_key(h) for h in fifty[:5]]
    assert len(five) == min(5, len(fifty))
    _check_order(fifty)
    for hit in fifty:
        _check_whole_words(hit.text, hit.start, hit.end)


def _check_order(hits) -> None:
    """Exact before fuzzy; an article's hits in one run, score order, count on the last."""
    tiers = [hit.exact for hit in hits]
    assert tiers == sorted(tiers, reverse=True)
    runs: list[tuple[bool, str]] = []
    for index, hit in enumerate(hits):
        key = (hit.exact, hit.article_id)
        if not runs or runs[-1] != key:
            assert key not in runs, f"{hit.article_id} split in two"
            runs.append(key)
        following = hits[index + 1] if index + 1 < len(hits) else None
        if following is not None and (following.exact, following.article_id) == key:
            assert hit.score >= following.score
            assert hit.more == 0  # the count comes after the article's last listed hit


def _check_whole_words(text: str, start: int, end: int) -> None:
    assert 0 <= start < end <= len(text)
    assert text[start].isalnum() and text[end - 1].isalnum()
    assert start == 0 or not text[start - 1].isalnum(), text[start - 1 : end + 1]
    assert end == len(text) or not text[end].isalnum(), text[start : end + 1]


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["Trịnh", "Văn", "Châu", "Lê", "bảo", "vệ", "chính", "trị", "39-CT/TW"]),
        min_size=1,
        max_size=12,
    ).map(" ".join),
    query=st.text(alphabet="levanchutrinhbaoe ", min_size=1, max_size=14),
)
def test_every_highlight_starts_and_ends_at_a_word_boundary(text, query):
    parsed = parse_query(query)
    if not parsed.words:
        return
    found = score_text(_matcher(parsed, {}), text, is_title=False)
    if found is not None:
        _check_whole_words(text, found[1], found[2])


def test_a_fuzzy_hit_highlights_the_whole_name():
    found = score_text(
        _matcher(parse_query("le van chau"), {}), "Ông Trịnh Văn Châu phát biểu.", False
    )
    assert found is not None
    assert "Ông Trịnh Văn Châu phát biểu."[found[1] : found[2]] == "Trịnh Văn Châu"
