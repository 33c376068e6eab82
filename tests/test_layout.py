import pytest

from newsreader.core.corpus.layout import layout_body, split_paragraphs

LONG_1 = (
    "Sáng 12/3, tại thành phố Vinh, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt "
    "và triển khai thực hiện các nghị quyết, chỉ thị mới của Trung ương về công tác cán bộ."
)
LONG_2 = (
    "Phát biểu tại hội nghị, đồng chí Trần Văn Minh, Phó Bí thư Thường trực Tỉnh ủy yêu cầu "
    "các cấp ủy tiếp tục nâng cao chất lượng công tác bảo vệ chính trị nội bộ."
)


def test_scraped_lines_are_paragraphs_each():
    assert split_paragraphs(f"{LONG_1}\n{LONG_2}") == [LONG_1, LONG_2]


def test_hard_wrapped_lines_are_joined():
    text = (
        "Hội nghị đã thảo luận với tinh thần thẳng thắn, đánh giá trung thực,\n"
        "khách quan, toàn diện kết quả đạt được qua 10 năm lãnh đạo, chỉ đạo,\n"
        "tổ chức quán triệt và triển khai thực hiện chỉ thị.\n"
        "\n"
        "Đoạn thứ hai ngắn."
    )
    assert split_paragraphs(text) == [
        "Hội nghị đã thảo luận với tinh thần thẳng thắn, đánh giá trung thực, khách quan, "
        "toàn diện kết quả đạt được qua 10 năm lãnh đạo, chỉ đạo, tổ chức quán triệt và "
        "triển khai thực hiện chỉ thị.",
        "Đoạn thứ hai ngắn.",
    ]


def test_caption_then_sentence_are_not_joined():
    caption = "Đồng chí Trần Văn Minh – Phó Bí thư Thường trực Tỉnh ủy phát biểu tại hội nghị"
    sentence = "Đồng chí Trần Văn Minh phát biểu khai mạc Hội nghị."
    assert split_paragraphs(f"{caption}\n{sentence}") == [caption, sentence]


def test_list_items_stay_apart():
    text = "Các nhiệm vụ trọng tâm trong năm tới gồm những nội dung sau đây:\n- Một là tăng cường\n- Hai là kiểm tra"
    assert split_paragraphs(text)[1:] == ["- Một là tăng cường", "- Hai là kiểm tra"]


def test_caption_scraped_twice_is_kept_once():
    assert split_paragraphs("Toàn cảnh Hội nghị.\nToàn cảnh Hội nghị.\n\nNội dung.") == [
        "Toàn cảnh Hội nghị.",
        "Nội dung.",
    ]
    assert split_paragraphs("Ảnh minh họa\n\nẢnh minh họa") == ["Ảnh minh họa"]


def test_noise_lines_are_dropped():
    assert split_paragraphs(".\n.\n\nTiêu đề\n\n...\n* * *\n— —") == ["Tiêu đề"]


@pytest.mark.parametrize(
    "dateline, published",
    [
        ("Thứ Hai, 04/11/2019|08:10", "2019-11-04T08:10"),
        ("Thứ Sáu, 19/07/2019 - 09:45", "2019-07-19T09:45"),
        ("04/11/2019 08:10 GMT+7", "2019-11-04T08:10"),
        ("Cập nhật: 02/01/2020 15:20", "2020-01-02T15:20"),
    ],
)
def test_dateline_near_the_top_is_published_not_a_paragraph(dateline, published):
    doc = layout_body(
        f".\n\nTiêu đề bài viết về công tác cán bộ\n\n{dateline}\n\n{LONG_1}\n\n{LONG_2}"
    )
    assert doc.title == "Tiêu đề bài viết về công tác cán bộ"
    assert doc.published == published
    assert doc.published_from == "published"
    assert doc.paragraphs == [LONG_1, LONG_2]


def test_dateline_before_the_title():
    doc = layout_body(f"Thứ Ba, 05/11/2019 07:00\nTiêu đề\n\n{LONG_1}")
    assert (doc.title, doc.published, doc.paragraphs) == ("Tiêu đề", "2019-11-05T07:00", [LONG_1])


def test_sentence_with_a_date_is_not_a_dateline():
    doc = layout_body(f"Tiêu đề\n\n{LONG_1}")
    assert doc.published is None
    assert doc.paragraphs == [LONG_1]


@pytest.mark.parametrize(
    "byline", ["TH", "Minh Anh", "Hà Anh - Minh Đức", "Theo TTXVN", "PV (TTXVN)"]
)
def test_short_closing_line_is_the_byline(byline):
    doc = layout_body(f"Tiêu đề\n\n{LONG_1}\n\n{LONG_2}\n\n{byline}\n\n.\n.")
    assert doc.byline == byline
    assert doc.paragraphs == [LONG_1, LONG_2]


@pytest.mark.parametrize(
    "last", ["Toàn cảnh hội nghị", "Hội nghị kết thúc lúc 11 giờ.", "Xem thêm: bài viết"]
)
def test_closing_sentence_or_caption_is_not_a_byline(last):
    doc = layout_body(f"Tiêu đề\n\n{LONG_1}\n\n{last}")
    assert doc.byline is None
    assert doc.paragraphs[-1] == last


def test_given_title_is_not_repeated_as_a_paragraph():
    doc = layout_body(f"Tiêu đề\n\n{LONG_1}", title="Tiêu đề")
    assert doc.paragraphs == [LONG_1]


def test_overlong_first_line_is_not_taken_whole_as_title():
    text = "x " * 300
    doc = layout_body(text)
    assert len(doc.title) < 100 and doc.title.endswith("…")
    assert doc.paragraphs


def test_collapse_spaces_is_split_and_join():
    import sys

    from newsreader.core.corpus.layout import _collapse_spaces

    # The shortcut trusts that printable text holds no whitespace but the space itself.
    assert all(
        not (chr(c).isspace() and chr(c).isprintable()) or c == 0x20
        for c in range(sys.maxunicode + 1)
    )
    for line in ["a b", " a b", "a b ", "a  b", "a\tb", "a\u00a0b", "a\u2028b", "", " ", "ab"]:
        assert _collapse_spaces(line) == " ".join(line.split()), repr(line)
