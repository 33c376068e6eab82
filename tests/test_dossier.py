"""A directive's dossier over a corpus of our own: several documents, issuers spelled in
different ways, sơ kết / tổng kết reviews, documents cited together, years and places."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.corpus.analysis import analyse
from newsreader.core.corpus.loader import LoadedDocument
from newsreader.core.dossier import Dossier, build_dossiers, match_code, near_codes
from newsreader.core.library import Library
from newsreader.core.model import Article, Document

DOCS = {
    "so-ket.txt": Document(
        title="Hội nghị sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW",
        published="2021-06-10",
        paragraphs=[
            "Sáng 8/6, Ban Thường vụ Tỉnh uỷ tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị số"
            " 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về “Đẩy mạnh học tập và làm theo tư"
            " tưởng, đạo đức, phong cách Hồ Chí Minh”. Đồng chí Thái Thanh Quý, Bí thư Tỉnh ủy"
            " chủ trì hội nghị.",
            "Hội nghị cũng quán triệt Nghị quyết 35-NQ/TW của Bộ Chính trị.",
        ],
    ),
    "tong-ket.txt": Document(
        title="Tổng kết 10 năm thực hiện Chỉ thị 05 của Bộ Chính trị",
        published="2026-05-20",
        paragraphs=[
            "Ngày 18/5, Ban Thường vụ Thành ủy tổ chức hội nghị tổng kết 10 năm thực hiện Chỉ"
            " thị 05-CT/TW của BỘ CHÍNH TRỊ về đẩy mạnh học tập và làm theo tư tưởng, đạo đức,"
            " phong cách Hồ Chí Minh, đồng thời triển khai Kết luận 01-KL/TW.",
        ],
    ),
    "nhin-lai.txt": Document(
        title="Nhìn lại 5 năm thực hiện Chỉ thị 05-CT/TW ở cơ sở",
        published="2021-09-02",
        paragraphs=["Qua 5 năm, Chỉ thị 05-CT/TW đã đi vào cuộc sống ở các chi bộ."],
    ),
    "nghi-quyet.txt": Document(
        title="Quán triệt Nghị quyết 35-NQ/TW",
        published="2022-03-01",
        paragraphs=[
            "Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ chính trị về tăng cường bảo vệ nền"
            " tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong"
            " tình hình mới. Cùng với đó là việc thực hiện Chỉ thị 05-CT/TW.",
        ],
    ),
    "huyen.txt": Document(
        title="Huyện ủy ban hành chỉ thị về phòng, chống tham nhũng",
        published="2023-02-01",
        paragraphs=[
            "Ban Thường vụ Huyện uỷ vừa ban hành Chỉ thị số 11-CT/HU về tăng cường công tác"
            " phòng, chống tham nhũng, tiêu cực trên địa bàn huyện. Theo đó, các chi bộ phải"
            " báo cáo hằng quý.",
        ],
    ),
    "ket-luan.txt": Document(
        title="Thực hiện Kết luận 01-KL/TW",
        published="2022-11-15",
        paragraphs=[
            "Kết luận số 01-KL/TW ngày 18/5/2021 của Ban Chấp hành Trung ương Đảng (khóa XIII)"
            " về tiếp tục thực hiện Chỉ thị 05-CT/TW, Ban Thường vụ Tỉnh ủy đã chỉ đạo.",
        ],
    ),
}


def corpus() -> list[Article]:
    return analyse([LoadedDocument(name, name, doc) for name, doc in DOCS.items()])


def dossiers_by_code(articles: list[Article] | None = None) -> dict[str, Dossier]:
    return {d.code: d for d in build_dossiers(articles or corpus())}


def test_every_cited_document_has_a_dossier_the_most_cited_first():
    dossiers = build_dossiers(corpus())
    assert [d.code for d in dossiers][:1] == ["05-CT/TW"]
    assert {d.code for d in dossiers} == {"05-CT/TW", "35-NQ/TW", "11-CT/HU", "01-KL/TW"}
    assert [len(d.articles) for d in dossiers] == sorted(
        (len(d.articles) for d in dossiers), reverse=True
    )


def test_kind_label_and_counts_by_year():
    ct05 = dossiers_by_code()["05-CT/TW"]
    assert ct05.kind == "Chỉ thị"
    assert ct05.label == "Chỉ thị 05-CT/TW"
    assert len(ct05.articles) == 5
    assert ct05.years == {2021: 2, 2022: 2, 2026: 1}
    assert dossiers_by_code()["01-KL/TW"].kind == "Kết luận"


def test_articles_newest_first_with_the_review_they_report():
    ct05 = dossiers_by_code()["05-CT/TW"]
    assert [a.id for a in ct05.articles] == [
        "tong-ket.txt",
        "ket-luan.txt",
        "nghi-quyet.txt",
        "nhin-lai.txt",
        "so-ket.txt",
    ]
    reviews = {a.id: a.review for a in ct05.articles}
    assert reviews["tong-ket.txt"] == "tổng kết 10 năm"
    assert reviews["so-ket.txt"] == "sơ kết 5 năm"
    assert reviews["nghi-quyet.txt"] is None


def test_issuers_in_any_case_and_spelling_and_before_the_code():
    by_code = dossiers_by_code()
    assert by_code["05-CT/TW"].issuer == "Bộ Chính trị"  # also written BỘ CHÍNH TRỊ
    assert by_code["35-NQ/TW"].issuer == "Bộ Chính trị"  # written "Bộ chính trị"
    assert by_code["11-CT/HU"].issuer == "Ban Thường vụ Huyện ủy"  # "Huyện uỷ ... ban hành"
    assert by_code["01-KL/TW"].issuer == "Ban Chấp hành Trung ương"  # "... Trung ương Đảng"


def test_issued_date_from_the_citations():
    by_code = dossiers_by_code()
    assert by_code["05-CT/TW"].issued == "2016-05-15"
    assert by_code["35-NQ/TW"].issued == "2018-10-22"
    assert by_code["11-CT/HU"].issued is None


def test_subject_as_written_cut_at_the_clause_end():
    by_code = dossiers_by_code()
    # The quoted title, commas and all (and as quoted, though the newest article has it
    # without quotes and in lower case).
    assert by_code["05-CT/TW"].subject == (
        "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    )
    assert by_code["35-NQ/TW"].subject == (
        "tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai"
        " trái, thù địch trong tình hình mới"
    )
    assert by_code["11-CT/HU"].subject == (
        "tăng cường công tác phòng, chống tham nhũng, tiêu cực trên địa bàn huyện"
    )
    # "…, Ban Thường vụ Tỉnh ủy đã chỉ đạo": a capitalised body after a comma ends it.
    assert by_code["01-KL/TW"].subject == "tiếp tục thực hiện Chỉ thị 05-CT/TW"


def test_no_subject_or_issuer_when_the_text_does_not_say():
    articles = analyse(
        [
            LoadedDocument(
                "a.txt",
                "a.txt",
                Document(
                    title="Tin ngắn",
                    published="2020-01-01",
                    paragraphs=["Các chi bộ thực hiện Chỉ thị 22-CT/TW trong năm nay."],
                ),
            )
        ]
    )
    (dossier,) = build_dossiers(articles)
    assert (dossier.issuer, dossier.subject, dossier.issued) == (None, None, None)


def test_reviews_say_sơ_kết_or_tổng_kết_and_a_bare_look_back_is_none():
    ct05 = dossiers_by_code()["05-CT/TW"]
    assert [r.to_json() for r in ct05.reviews] == [
        {"kind": "sơ kết", "years": 5, "year": 2021, "article": "so-ket.txt"},
        {"kind": "tổng kết", "years": 10, "year": 2026, "article": "tong-ket.txt"},
    ]
    assert all(r.article != "nhin-lai.txt" for r in ct05.reviews)
    assert dossiers_by_code()["35-NQ/TW"].reviews == ()


def test_related_documents_counted_by_the_articles_citing_both():
    by_code = dossiers_by_code()
    assert by_code["05-CT/TW"].related == {"35-NQ/TW": 2, "01-KL/TW": 2}
    assert by_code["11-CT/HU"].related == {}
    assert by_code["01-KL/TW"].related == {"05-CT/TW": 2}


def test_people_named_with_the_document():
    assert "Thái Thanh Quý" in dossiers_by_code()["05-CT/TW"].people


def test_places_from_each_articles_place():
    placed = []
    for article, place in zip(
        corpus(), ["Nghệ An", "Nghệ An", None, "Hà Tĩnh", None, None], strict=True
    ):
        placed.append(replace(article, place=place))
    ct05 = dossiers_by_code(placed)["05-CT/TW"]
    assert ct05.places == {"Nghệ An": 2, "Hà Tĩnh": 1}
    assert {a.id: a.place for a in ct05.articles}["so-ket.txt"] == "Nghệ An"


def test_json_shape():
    data = dossiers_by_code()["05-CT/TW"].to_json(with_articles=True)
    assert list(data) == [
        "code",
        "kind",
        "label",
        "issuer",
        "issued",
        "subject",
        "articles",
        "years",
        "reviews",
        "places",
        "related",
        "people",
        "article_list",
    ]
    assert data["articles"] == 5
    assert data["years"] == {"2021": 2, "2022": 2, "2026": 1}
    assert set(data["article_list"][0]) == {"id", "title", "published", "year", "place", "review"}
    assert "article_list" not in dossiers_by_code()["05-CT/TW"].to_json()


def test_the_library_reads_whole_articles_for_the_dossiers(tmp_path):
    library = Library.of_articles(tmp_path, corpus())
    (first, *_) = library.dossiers()  # articles newest first: the lower-case subject first
    assert first.code == "05-CT/TW"
    assert first.subject == "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"


CODES = ["39-CT/TW", "05-CT/TW", "05-NQ/TU", "35-NQ/TW", "NQTW4/XII", "11-CT/HU"]


def test_codes_matched_leniently():
    for typed in ["39-CT/TW", "39", "CT39", "ct 39", "chỉ thị 39", "chi thi 39", "39 ct/tw"]:
        assert match_code(typed, CODES) == ["39-CT/TW"], typed
    assert match_code("05", CODES) == ["05-CT/TW", "05-NQ/TU"]  # ambiguous: both
    assert match_code("5-NQ", CODES) == ["05-NQ/TU"]
    assert match_code("NQTW4/XII", CODES) == ["NQTW4/XII"]
    assert match_code("40-CT/TW", CODES) == []
    assert match_code("", CODES) == []


def test_near_codes_for_an_unknown_code():
    assert "39-CT/TW" in near_codes("40-CT/TW", CODES)


@given(st.text(max_size=30))
def test_matching_any_text_never_fails(typed):
    found = match_code(typed, CODES)
    assert set(found) <= set(CODES)
    near_codes(typed, CODES)


@given(st.sampled_from(CODES))
def test_a_code_as_written_finds_itself(code):
    assert match_code(code, CODES) == [code]


def test_the_dossiers_are_read_once_until_the_next_refresh(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    root.mkdir()
    for name, doc in DOCS.items():
        text = f"{doc.title}\n\n{doc.published}\n\n" + "\n\n".join(doc.paragraphs) + "\n"
        (root / name).write_text(text, encoding="utf-8")
    library = Library(root, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data")
    library.refresh()
    first = library.dossiers()
    reads = []
    monkeypatch.setattr(library, "article", lambda article_id: reads.append(article_id))
    assert [d.code for d in library.dossiers()] == [d.code for d in first]
    assert reads == []
    (root / "so-ket.txt").unlink()
    library.refresh()
    library.dossiers()
    assert len(reads) == len(DOCS) - 1  # read again, the folder as it is now
