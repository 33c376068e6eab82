"""Extraction stays linear in a paragraph's length (issue 10, item 4).

A paragraph of thousands of matches used to be analysed in quadratic time (every new match
compared with every kept one; every short reference with every code). Each test here runs
a long paragraph under pytest-timeout and checks the result equals the same text cut into
paragraphs at its sentence ends, which real articles are.
"""

import random

import pytest

from newsreader.core.corpus.analysis import ANALYSED_CHARS, analyse
from newsreader.core.corpus.loader import LoadedDocument
from newsreader.core.model import Document, SkipKind
from newsreader.core.text.dates import find_dates
from newsreader.core.text.directives import find_directive_refs
from newsreader.core.text.sentences import PIECE_LIMIT, pieces

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Lò Giàng Đinh Vũ Bùi".split()
MIDDLE = "Văn Thị Đức Minh Hữu".split()
GIVEN = "An Bình Châu Dũng Hùng Lan Nam Sơn Tú Vinh Hải Long Quang".split()


def _article(paragraphs: list[str]) -> object:
    document = Document(title="Tổng hợp", paragraphs=paragraphs, published="2024-05-02")
    document.published_from = "published"
    return analyse([LoadedDocument("a.txt", "a.txt", document)])[0]


def _sentences(kind: str, count: int) -> list[str]:
    rng = random.Random(f"{kind}{count}")
    out = []
    for _ in range(count):
        if kind == "dates":
            out.append(
                f"Hội nghị họp ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/"
                f"{rng.randint(2010, 2024)}."
            )
        elif kind == "names":
            name = " ".join(
                [rng.choice(SURNAMES), rng.choice(MIDDLE), rng.choice(GIVEN), rng.choice(GIVEN)]
            )
            out.append(f"Đồng chí {name} phát biểu.")
        else:
            out.append(
                f"Thực hiện Chỉ thị số {rng.randint(1, 400)}-CT/TW và Chỉ thị "
                f"{rng.randint(1, 400)}."
            )
    return out


def _spans(article, kind):
    """(kind, value, text) of every entity, without its position: one paragraph and many
    paragraphs place them differently."""
    return [(e.value, e.text) for e in article.entities if e.kind == kind]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("kind", "entity", "count"),
    [("dates", "date", 20_000), ("names", "person", 8_000), ("codes", "directive", 8_000)],
)
def test_a_long_paragraph_is_analysed_like_the_same_text_in_paragraphs(kind, entity, count):
    sentences = _sentences(kind, count)
    whole = _article([" ".join(sentences)])
    split = _article(sentences)
    assert len(whole.paragraphs) == 1
    assert _spans(whole, entity) == _spans(split, entity)
    assert len(_spans(whole, entity)) >= count
    assert whole.directives == split.directives
    assert whole.people == split.people


@pytest.mark.timeout(30)
def test_find_dates_keeps_the_longest_of_overlaps_in_a_huge_text():
    text = " ".join(f"từ ngày 16-18/5/2024 và ngày {d % 28 + 1}/3/2020," for d in range(20_000))
    found = find_dates(text)
    assert len(found) == 40_000
    assert found[0].value == "2024-05-16/2024-05-18"
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@pytest.mark.timeout(30)
def test_short_references_beside_codes_in_a_huge_text():
    text = " ".join(f"Chỉ thị số {n}-CT/TW và Nghị quyết {n}." for n in range(1, 20_001))
    refs = find_directive_refs(text)
    assert len(refs) == 40_000
    assert sum(ref.is_short for ref in refs) == 20_000


def test_pieces_cut_at_sentence_ends_and_cover_the_text():
    text = " ".join(["Một câu khá dài để thử cắt đoạn văn."] * 400)
    spans = pieces(text, 500)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(hi - lo <= 500 for lo, hi in spans)
    assert all(text[lo:hi].rstrip().endswith(".") for lo, hi in spans)


def test_pieces_fall_back_to_spaces_then_to_the_limit():
    words = " ".join(["chữ"] * 1000)
    assert all(words[hi - 1] == " " for _, hi in pieces(words, 100)[:-1])
    solid = "x" * 1050
    assert pieces(solid, 100)[0] == (0, 100) and pieces(solid, 100)[-1] == (1000, 1050)
    assert pieces("ngắn", PIECE_LIMIT) == [(0, 4)]


@pytest.mark.timeout(60)
def test_text_past_the_analysed_limit_is_kept_and_said():
    sentence = "Sáng 3/5, đồng chí Lò Văn Pọm dự hội nghị. "
    paragraph = sentence * (ANALYSED_CHARS // len(sentence) + 500)
    article = _article([paragraph])
    assert article.paragraphs == [paragraph]  # nothing of the text is lost
    assert any(w.kind is SkipKind.TOO_LARGE for w in article.warnings)
    assert max(e.end for e in article.entities) <= ANALYSED_CHARS
    assert article.people == ["Lò Văn Pọm"]
