"""Whole-article analysis: directive resolution across the corpus, year inference, offsets."""

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsreader.core.corpus.analysis import analyse
from newsreader.core.corpus.load import load_corpus
from newsreader.core.corpus.loader import LoadedDocument
from newsreader.core.model import Document

FILLER = "Các cấp ủy tiếp tục quán triệt, triển khai thực hiện nghiêm túc công tác cán bộ."


def doc(title, paragraphs, published=None, source="published", hint=None, id_="a.txt"):
    document = Document(
        title=title,
        paragraphs=list(paragraphs),
        published=published,
        published_from=source if published else None,
        directive_hint=hint,
    )
    return LoadedDocument(id_, id_, document)


def one(*args, **kwargs):
    return analyse([doc(*args, **kwargs)])[0]


def test_primary_directive_is_the_one_in_the_title():
    article = one(
        "Quán triệt Nghị quyết 35-NQ/TW", ["Thực hiện Chỉ thị 39-CT/TW và Chỉ thị 39-CT/TW."]
    )
    assert article.directive == "35-NQ/TW"
    assert article.directives == ["35-NQ/TW", "39-CT/TW"]


def test_primary_directive_is_the_most_cited_in_the_body():
    article = one(
        "Hội nghị Ban Thường vụ",
        ["Theo Kết luận 21-KL/TW.", "Chỉ thị 05-CT/TW.", "Tiếp tục thực hiện Chỉ thị số 05-CT/TW."],
    )
    assert article.directive == "05-CT/TW"


def test_front_matter_directive_wins():
    assert one("Tin", ["Chỉ thị 39-CT/TW."], hint="35 – nq/tw").directive == "35-NQ/TW"


def test_article_without_directive():
    article = one("Tin thời sự", [FILLER])
    assert article.directive is None and article.directives == []


def test_short_reference_resolves_within_the_article_then_the_corpus():
    local = one("Tin", ["Chỉ thị 12-CT/TU của Thành ủy.", "Thực hiện Chỉ thị 12 trong năm."])
    assert [e.value for e in local.entities if e.kind == "directive"] == ["12-CT/TU", "12-CT/TU"]
    a, b = analyse(
        [
            doc("Tin một", ["Chỉ thị 39-CT/TW được ban hành."], id_="a.txt"),
            doc("Tin hai", ["Tiếp tục quán triệt Chỉ thị 39 trong toàn tỉnh."], id_="b.txt"),
        ]
    )
    assert b.directive == "39-CT/TW"
    assert [e.text for e in b.entities if e.kind == "directive"] == ["Chỉ thị 39"]


def test_glued_code_is_mended_in_title_and_text():
    article = one(
        "Thực hiện Chỉ thị 39-CT/TWcủa Bộ Chính trị", ["Theo Chỉ thị 39-CT/TWvề công tác."]
    )
    assert article.title == "Thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị"
    assert article.paragraphs == ["Theo Chỉ thị 39-CT/TW về công tác."]


def test_year_from_published_date():
    article = one("Tin", [FILLER], published="2021-03-02T10:00")
    assert (article.year, article.year_source) == (2021, "published")
    metadata = one("Tin", [FILLER], published="2020-01-05", source="metadata")
    assert (metadata.year, metadata.year_source) == (2020, "metadata")


def test_year_inferred_from_an_anniversary_and_the_registry_of_another_article():
    a, b = analyse(
        [
            doc(
                "Sơ kết 3 năm thực hiện Nghị quyết 35-NQ/TW",
                ["Ngày 12/4, hội nghị diễn ra."],
                id_="b.txt",
            ),
            doc(
                "Tin",
                ["Nghị quyết 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị."],
                id_="a.txt",
                published="2019-01-01",
            ),
        ]
    )
    assert (a.year, a.year_source) == (2021, "inferred")
    assert "35-NQ/TW" in a.year_note
    # the day and month are dated from the inferred anniversary, not left without a year
    assert [e.value for e in a.entities if e.kind == "date"] == ["2021-04-12"]


def test_anniversary_without_a_known_directive_date_falls_back_to_the_text():
    article = one(
        "Tổng kết 10 năm thực hiện Chỉ thị 99-CT/TW",
        ["Hội nghị ngày 5/6/2023 và ngày 1/2/2022 đã đánh giá."],
    )
    assert (article.year, article.year_source) == (2023, "text")


def test_unknown_year():
    article = one("Tin", [FILLER])
    assert article.year is None and article.year_source is None


def test_dates_without_year_take_the_nearest_year_to_published():
    january = one("Tin", ["Tối 30/12, đoàn công tác đến thăm."], published="2020-01-02T08:00")
    assert [e.value for e in january.entities if e.kind == "date"] == ["2019-12-30"]
    june = one("Tin", ["Trước ngày 30/9, hoàn thành báo cáo."], published="2024-06-10")
    assert [e.value for e in june.entities if e.kind == "date"] == ["2024-09-30"]


def test_people_are_listed_once_each_in_order():
    article = one(
        "Tin",
        [
            "Đồng chí Trần Văn Minh, Bí thư Tỉnh ủy phát biểu.",
            "Bà Nguyễn Thị Hoa cho biết. Đồng chí Trần Văn Minh nhấn mạnh.",
        ],
    )
    assert article.people == ["Trần Văn Minh", "Nguyễn Thị Hoa"]


WORDS = [
    "Chỉ thị 39-CT/TW",
    "Chỉ thị 39",
    "ngày 18/8/2014",
    "Sáng 31/10",
    "đồng chí Lê Văn Châu",
    "Nghị quyết 35-NQ/TW",
    "của",
    "Bộ Chính trị",
    "Hà Nội",
    ",",
    ".",
    "2/3",
    "năm 2021",
    "39-CT/TWcủa",
    "ông Nguyễn Văn An",
    "tháng 6/2016",
    "quý I/2024",
    "giai đoạn 2018 - 2023",
    "Thành phố Hồ Chí Minh",
    "[bold]x[/]",
    "\n",
    "Sơ kết 5 năm thực hiện",
    "hội nghị",
    "đ",
    "ĐẢNG",
    "Tỉnh ủy Nghệ An",
    "huyện Định Hóa",
    "TP.HCM",
    "Bà Rịa - Vũng Tàu",
    "Quận 1",
    "quận Lê Chân",
    "Khánh Hoà",
    "Huyện ủy Định Hóa Trần Văn An",
]
fragments = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=30).map(" ".join)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    title=fragments,
    paragraphs=st.lists(fragments, max_size=4),
    published=st.sampled_from([None, "2024-06-01"]),
)
@example(title="quận Lê Chân  Chỉ thị 39-CT/TW", paragraphs=[], published=None)
def test_every_entity_offset_points_at_its_text(title, paragraphs, published):
    article = one(title, paragraphs, published=published)
    for entity in article.entities:
        source = article.title if entity.paragraph is None else article.paragraphs[entity.paragraph]
        assert source[entity.start : entity.end] == entity.text
        assert entity.start < entity.end
        assert unicodedata.is_normalized("NFC", entity.text)


def test_loading_the_same_corpus_twice_gives_the_same_json(tmp_path: Path):
    (tmp_path / "x.json").write_text(
        json.dumps([{"title": "Tin", "text": "Chỉ thị 39-CT/TW. Sáng 31/10."}]), encoding="utf-8"
    )
    first = [a.to_json() for a in load_corpus(tmp_path).articles]
    assert first == [a.to_json() for a in load_corpus(tmp_path).articles]


@pytest.mark.parametrize("name", ["hostile"])
def test_hostile_corpus_loads_the_rest_and_explains_every_skip(tmp_path, name):
    import os

    good = "Tiêu đề tốt\n\nĐồng chí Lê Văn Châu dự hội nghị sáng 31/10/2019 về Chỉ thị 39-CT/TW.\n"
    (tmp_path / "good.txt").write_text(good, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "utf16.txt").write_bytes(good.encode("utf-16"))
    (tmp_path / "broken.json").write_text('{"title": ', encoding="utf-8")
    (tmp_path / "broken.md").write_text("---\ntitle: [\n---\n" + good, encoding="utf-8")
    (tmp_path / "long.txt").write_text("Dòng dài\n\n" + "chữ " * 800_000, encoding="utf-8")
    (tmp_path / "loop").mkdir()
    os.symlink(tmp_path, tmp_path / "loop" / "back")
    corpus = load_corpus(tmp_path)
    ids = sorted(a.id for a in corpus.articles)
    assert ids == ["broken.md", "good.txt", "long.txt", "utf16.txt"]
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert set(reasons) == {"binary.txt", "empty.txt", "broken.json", "loop/back/"}
    assert all(reasons.values())
