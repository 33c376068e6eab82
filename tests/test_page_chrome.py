"""Page chrome in plain-text scrapes is kept out of the title and the body (issue 12).

Each example is written the way scrapers of different papers leave a page: site and section
names, breadcrumbs, a header clock above the headline, a byline with the article's own time
after it, photo credits, image placeholders and the paper's tag before the lead.
"""

import pytest

from newsreader.core.corpus.formats import read_txt
from newsreader.core.corpus.layout import lead_title, take_lead_tag

LEAD = (
    "Sáng 3/4, Ban Thường vụ Huyện ủy Krông Pắc tổ chức hội nghị sơ kết 3 năm thực hiện "
    "Chỉ thị số 27-CT/TW của Bộ Chính trị về công tác bảo vệ chính trị nội bộ. Dự hội nghị có "
    "đồng chí Y Biên Niê, Phó Bí thư Thường trực Huyện ủy."
)
BODY = (
    "Theo báo cáo, trong 3 năm qua, các cấp ủy đã quán triệt sâu rộng chỉ thị tới cán bộ, "
    "đảng viên và kịp thời giải quyết những vấn đề chính trị hiện nay."
)
HEADLINE = "Krông Pắc sơ kết 3 năm thực hiện Chỉ thị 27-CT/TW về bảo vệ chính trị nội bộ"


def scrape(*lines: str) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize(
    "chrome",
    [
        ["Báo Đắk Lắk điện tử", "Trang chủ", "Chính trị"],
        ["Trang chủ > Chính trị > Xây dựng Đảng"],
        ["Trang chủ » Thời sự » Tin tức"],
        ["Thời sự | Chính trị | Kinh tế | Xã hội | Văn hóa"],
        ["BÁO HẬU GIANG", "Xây dựng Đảng", "Tây Nguyên"],
        ["Báo điện tử Đảng Cộng sản Việt Nam", "Xây dựng Đảng"],
        ["baodienbienphu.info.vn", "Điện Biên"],
        ["Cổng Thông tin điện tử tỉnh Điện Biên", "Tin tức - Sự kiện"],
        ["Báo Hà Nội Mới", "Chính trị", "Thứ Tư, 18/3/2026, 09:41 (GMT+7)"],
    ],
)
def test_site_section_breadcrumb_and_menu_lines_are_not_title_or_body(chrome):
    doc = read_txt(scrape(*chrome, HEADLINE, LEAD, BODY))
    assert doc.title == HEADLINE
    assert doc.paragraphs == [LEAD, BODY]


@pytest.mark.parametrize(
    "headline",
    [
        "Báo Đắk Lắk tổ chức hội thi tìm hiểu Chỉ thị 27-CT/TW",
        "Đồng chí Lò Văn Hặc - Bí thư Huyện ủy Mường Tè tiếp xúc cử tri",
    ],
)
def test_a_headline_that_looks_a_little_like_chrome_stays_the_title(headline):
    doc = read_txt(scrape("Báo Đắk Lắk điện tử", headline, LEAD, BODY))
    assert doc.title == headline
    assert doc.paragraphs == [LEAD, BODY]


@pytest.mark.parametrize(
    ("dateline", "published", "byline"),
    [
        ("PV - 15:20, 03/04/2021", "2021-04-03T15:20", "PV"),
        ("Thu Hà | 07:45 12/03/2021", "2021-03-12T07:45", "Thu Hà"),
        ("Cập nhật lúc 08:00 ngày 05/04/2021", "2021-04-05T08:00", None),
        ("15:20 03/04/2021 | Minh Anh", "2021-04-03T15:20", "Minh Anh"),
    ],
)
def test_the_articles_own_dateline_beats_the_header_clock(dateline, published, byline):
    text = scrape("Thứ Năm, 28/11/2024 09:15", "Báo Đắk Lắk", HEADLINE, dateline, LEAD, BODY)
    doc = read_txt(text)
    assert doc.title == HEADLINE
    assert doc.published == published
    assert doc.paragraphs == [LEAD, BODY]
    if byline:
        assert doc.byline == byline


def test_a_header_clock_alone_still_dates_the_article():
    doc = read_txt(scrape("Thứ Hai, 15/03/2021 08:10", HEADLINE, LEAD, BODY))
    assert (doc.title, doc.published) == (HEADLINE, "2021-03-15T08:10")


@pytest.mark.parametrize(
    "placeholder",
    [
        "<image>https://cdn.example.vn/2021/04/hoi-nghi.jpg</image>",
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB",
        '[caption id="attachment_51" align="aligncenter"]',
        "Ảnh minh họa",
        "(Ảnh: Thanh Tâm)",
        "Ảnh: TTXVN",
    ],
)
def test_image_placeholders_and_photo_credits_are_dropped(placeholder):
    doc = read_txt(scrape(HEADLINE, placeholder, LEAD, placeholder, BODY))
    assert doc.title == HEADLINE
    assert doc.paragraphs == [LEAD, BODY]


@pytest.mark.parametrize(
    ("tagged", "tag"),
    [
        ("(HNM) - ", "HNM"),
        ("(ĐCSVN) – ", "ĐCSVN"),
        ("(VOV) - ", "VOV"),
        ("TTXVN - ", "TTXVN"),
        ("(Baohaiduong.vn) - ", "Baohaiduong.vn"),
        ("HÀ NỘI (TTXVN) - ", "TTXVN"),
    ],
)
def test_the_papers_tag_is_the_source_not_the_lead(tagged, tag):
    doc = read_txt(scrape(HEADLINE, tagged + LEAD, BODY))
    assert doc.paragraphs == [LEAD, BODY]
    assert doc.source == tag
    assert take_lead_tag(tagged + LEAD) == (tag, LEAD)


def test_a_dash_inside_a_lead_is_no_tag():
    lead = "Đồng chí Lò Văn Hặc - Bí thư Huyện ủy phát biểu tại hội nghị tổng kết năm."
    assert take_lead_tag(lead) == (None, lead)


@pytest.mark.parametrize("meta", ["date 2021-04", "Ngày đăng: 03/04/2021", "published: 2021-04-03"])
def test_a_metadata_line_at_the_top_is_metadata(meta):
    doc = read_txt(scrape(meta, HEADLINE, LEAD, BODY))
    assert doc.title == HEADLINE
    assert doc.published is not None and doc.published.startswith("2021-04")
    assert doc.paragraphs == [LEAD, BODY]


def test_no_headline_the_title_is_the_leads_first_sentence():
    doc = read_txt(scrape("(HNM) - " + LEAD, BODY))
    assert doc.title == (
        "Sáng 3/4, Ban Thường vụ Huyện ủy Krông Pắc tổ chức hội nghị sơ kết 3 năm thực hiện "
        "Chỉ thị số 27-CT/TW của Bộ Chính trị về công tác bảo vệ chính trị nội bộ"
    )
    assert doc.paragraphs == [LEAD, BODY]


def test_a_long_first_sentence_gives_its_first_clause_cut_at_a_word():
    lead = (
        "Trong khuôn khổ chương trình làm việc của Đoàn kiểm tra số 12 của Ban Thường vụ Tỉnh "
        "ủy tại huyện Mường Tè, chiều 14/3 đồng chí Giàng A Chu chủ trì buổi làm việc với Ban "
        "Thường vụ Huyện ủy về việc lãnh đạo, chỉ đạo thực hiện các chỉ thị, nghị quyết của "
        "Trung ương và của Tỉnh ủy trong năm 2024 và những tháng đầu năm 2025 trên địa bàn."
    )
    title = lead_title(lead)
    assert title.endswith("…") and len(title) <= 170
    assert lead.startswith(title[:-1])
    assert title[:-1] == lead[: len(title) - 1]
