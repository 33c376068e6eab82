"""The year of an article without a date line (issue 12): anniversary reviews in their
forms, events over citations, and context (a quarter, a half-year, a term) as evidence."""

import pytest

from newsreader.core.corpus.analysis import analyse
from newsreader.core.corpus.loader import LoadedDocument
from newsreader.core.model import Document


def article(title, *paragraphs, others=()):
    docs = [LoadedDocument("a.txt", "a.txt", Document(title=title, paragraphs=list(paragraphs)))]
    for n, (other_title, other_paragraphs) in enumerate(others):
        docs.append(
            LoadedDocument(
                f"o{n}.txt",
                f"o{n}.txt",
                Document(title=other_title, paragraphs=list(other_paragraphs)),
            )
        )
    return analyse(docs)[0]


def dates_of(a):
    return {e.text: e.value for e in a.entities if e.kind == "date"}


@pytest.mark.parametrize(
    ("title", "lead", "year"),
    [
        (
            "Sau 3 năm thực hiện Nghị quyết số 07-NQ/TU ngày 20-3-2018 của Tỉnh ủy",
            "Các cấp ủy đã cụ thể hóa nghị quyết bằng chương trình hành động.",
            2021,
        ),
        (
            "Qua 5 năm triển khai Chỉ thị 05-CT/TW, nhiều chuyển biến rõ nét",
            "Chỉ thị số 05-CT/TW của Bộ Chính trị (khóa XII) ngày 15.5.2016 được quán triệt sâu rộng.",
            2021,
        ),
        (
            "Huyện Mường Chà: nhìn lại 10 năm thực hiện Chỉ thị số 39 – CT/TW",
            "Chỉ thị 39-CT/TW ngày 18 tháng 8 năm 2014 đã đi vào cuộc sống.",
            2024,
        ),
        (
            "5 năm thực hiện Kết luận 21-KL/TW: chuyển biến trong công tác xây dựng Đảng",
            "Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương được quán triệt.",
            2026,
        ),
    ],
)
def test_anniversary_reviews_in_every_form(title, lead, year):
    a = article(title, lead)
    assert (a.year, a.year_source) == (year, "inferred")


def test_anniversary_dated_from_the_corpus_registry():
    other = (
        "Ban hành Chỉ thị",
        ["Ngày 20/3/2018, Tỉnh ủy ban hành Chỉ thị số 12-CT/TU ngày 20/3/2018."],
    )
    a = article(
        "Sơ kết 5 năm thực hiện Chỉ thị 12-CT/TU",
        "Hội nghị đánh giá kết quả đạt được và chỉ ra hạn chế.",
        others=[other],
    )
    assert (a.year, a.year_source) == (2023, "inferred")


def test_a_dated_event_beats_a_dated_citation_and_dates_the_day():
    a = article(
        "Tổng kết 10 năm thực hiện Chỉ thị 39-CT/TW",
        "Chiều 14/3, Đảng ủy Khối tổ chức hội nghị tổng kết Chỉ thị 39-CT/TW ngày 18/8/2014 "
        "của Ban Bí thư về công tác bảo vệ chính trị nội bộ.",
    )
    assert (a.year, a.year_source) == (2024, "inferred")
    assert dates_of(a)["Chiều 14/3"] == "2024-03-14"


def test_the_latest_citation_is_not_the_year():
    a = article(
        "Hội nghị quán triệt các văn bản mới",
        "Chiều 14/3, hội nghị quán triệt Chỉ thị 39-CT/TW ngày 18/8/2014 và Quyết định số "
        "205-QĐ/TW ngày 23/9/2019 của Bộ Chính trị.",
    )
    assert a.year is None
    assert dates_of(a)["Chiều 14/3"] == "--03-14"


def test_an_event_date_with_its_year_dates_the_article_over_citations():
    a = article(
        "Hội nghị cán bộ chủ chốt",
        "Ngày 14/3/2023, hội nghị quán triệt Quyết định số 205-QĐ/TW ngày 23/9/2019.",
        "Sáng 15/3, các đại biểu thảo luận.",
    )
    assert (a.year, a.year_source) == (2023, "text")
    assert dates_of(a)["Sáng 15/3"] == "2023-03-15"


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("Trong quý III năm 2024, toàn tỉnh kết nạp 320 đảng viên mới.", 2024),
        (
            "6 tháng đầu năm 2023, các cấp ủy kiểm tra 40 tổ chức đảng, phấn đấu đến năm 2030 hoàn thành.",
            2023,
        ),
        ("Năm 2022, Đảng bộ huyện đã hoàn thành các chỉ tiêu đề ra.", 2022),
    ],
)
def test_quarters_half_years_and_years_are_context(sentence, year):
    a = article(
        "Công tác xây dựng Đảng chuyển biến tích cực", sentence, "Chiều 14/3, hội nghị họp."
    )
    assert (a.year, a.year_source) == (year, "context")
    assert a.year_note
    assert dates_of(a)["Chiều 14/3"] == f"{year}-03-14"


def test_a_term_with_a_weekday_pins_the_year():
    a = article(
        "Hội nghị Ban Chấp hành Đảng bộ huyện",
        "Sáng thứ Hai, 04/11, Ban Chấp hành Đảng bộ huyện nhiệm kỳ 2020 - 2025 họp phiên thường kỳ.",
    )
    assert (a.year, a.year_source) == (2024, "context")


def test_a_congress_term_is_context_when_nothing_better_is_there():
    a = article(
        "Quán triệt Nghị quyết Đại hội",
        "Các chi bộ quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII, Ban Chấp hành "
        "Trung ương khóa XIII đã ban hành nhiều nghị quyết quan trọng.",
    )
    assert (a.year, a.year_source) == (2021, "context")


def test_no_evidence_leaves_day_and_month_without_a_year():
    a = article("Hội nghị giao ban", "Sáng 31/10, hội nghị giao ban công tác tuyên giáo.")
    assert a.year is None and a.year_source is None
    assert dates_of(a)["Sáng 31/10"] == "--10-31"
