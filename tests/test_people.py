"""Person-name rules: cues, traps, propagation through an article, and offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.text.people import PersonMatch, find_people

SEEDS = Path("/work/shared/seeds")


def names_in(sentence: str) -> list[str]:
    return [m.name for m in find_people("", [sentence])]


POSITIVES = [
    # honorifics, lower-case and sentence-initial
    ("Đồng chí Lê Văn Châu – Phó Bí thư Đảng ủy Khối phát biểu.", ["Lê Văn Châu"]),
    ("Tham dự có đồng chí Hoàng Giang - Ủy viên Ban Thường vụ.", ["Hoàng Giang"]),
    (
        "Đồng chí Nguyễn Đức Thanh, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy dự.",
        ["Nguyễn Đức Thanh"],
    ),
    ("Cùng dự có đồng chí Phạm Văn Hậu, Phó Bí thư Thường trực Tỉnh ủy.", ["Phạm Văn Hậu"]),
    ("bà Nguyễn Thị Kim Ngân phát biểu.", ["Nguyễn Thị Kim Ngân"]),
    ("Ông Nguyễn Văn Nam, sinh năm 1970, trú tại xã.", ["Nguyễn Văn Nam"]),
    (
        "Theo chị Đỗ Thu Hà và cụ Bùi Văn Tám, em Lý Minh Khoa đã đến.",
        ["Đỗ Thu Hà", "Bùi Văn Tám", "Lý Minh Khoa"],
    ),
    # ranks, degrees, titles
    ("Thượng tướng Lương Tam Quang, Bộ trưởng Bộ Công an dự.", ["Lương Tam Quang"]),
    ("Đại tướng Phan Văn Giang thăm đơn vị.", ["Phan Văn Giang"]),
    ("PGS.TS Nguyễn Văn An trình bày tham luận.", ["Nguyễn Văn An"]),
    ("PGS.TS. Trần Thị Mai cho biết.", ["Trần Thị Mai"]),
    ("Theo PGS. TS Vũ Minh Khương và NSƯT Thu Hà.", ["Vũ Minh Khương", "Thu Hà"]),
    # a position title, possibly followed by an organisation, before the name
    ("Bộ trưởng Bộ Công an Tô Lâm chỉ đạo.", ["Tô Lâm"]),
    ("Chủ tịch UBND tỉnh Trần Văn Bình ký quyết định.", ["Trần Văn Bình"]),
    ("Tổng Bí thư Nguyễn Phú Trọng chủ trì.", ["Nguyễn Phú Trọng"]),
    ("Chủ tịch nước Lương Cường tiếp đoàn.", ["Lương Cường"]),
    ("Thủ tướng Phạm Minh Chính chỉ đạo.", ["Phạm Minh Chính"]),
    ("Phó Chủ tịch nước Võ Thị Ánh Xuân trao quà.", ["Võ Thị Ánh Xuân"]),
    ("Giám đốc Sở Nội vụ Nguyễn Văn Hùng báo cáo.", ["Nguyễn Văn Hùng"]),
    ("Bí thư Thành ủy Hà Nội Đinh Tiến Dũng dự.", ["Đinh Tiến Dũng"]),
    ("Chủ tịch UBND TP Hồ Chí Minh Phan Văn Mãi dự.", ["Phan Văn Mãi"]),
    ("Bí thư Tỉnh ủy Quảng Ninh Cao Tường Huy phát biểu.", ["Cao Tường Huy"]),
    (
        "Tổng Bí thư Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam Nguyễn Phú Trọng dự.",
        ["Nguyễn Phú Trọng"],
    ),
    ("Ủy viên Bộ Chính trị, Thường trực Ban Bí thư Trương Thị Mai dự.", ["Trương Thị Mai"]),
    # cue after the name only, or no cue: a known surname starts the name
    ("Mai Tiến Dũng, Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ.", ["Mai Tiến Dũng"]),
    ("Theo Trần Văn Tùng, kết quả tốt.", ["Trần Văn Tùng"]),
    # names that do not follow the Kinh surname pattern, with a cue
    ("ông Y Biêr Niê cho biết.", ["Y Biêr Niê"]),
    ("anh Giàng A Páo ở bản Tà Xùa.", ["Giàng A Páo"]),
    ("Đại tá Hầu A Lềnh và đồng chí Lò Văn Giàng.", ["Hầu A Lềnh", "Lò Văn Giàng"]),
    ("Già làng A Ma Dĩnh và chị H'Hen Niê.", ["A Ma Dĩnh", "H'Hen Niê"]),
    ("Theo ông Ksor Phước, bản làng đổi mới.", ["Ksor Phước"]),
    # Hồ Chí Minh the man
    ("Chủ tịch Hồ Chí Minh đã dạy.", ["Hồ Chí Minh"]),
    ("Các cháu thiếu nhi nhớ ơn Bác Hồ.", ["Hồ Chí Minh"]),
]


@pytest.mark.parametrize(("sentence", "expected"), POSITIVES)
def test_finds_people(sentence: str, expected: list[str]) -> None:
    assert names_in(sentence) == expected


NEGATIVES = [
    "Phát biểu kết luận, đồng chí Bí thư Tỉnh ủy nhấn mạnh.",
    "Tham dự có các đồng chí Ủy viên Ban Chấp hành Đảng bộ Khối.",
    "đồng chí Trưởng Ban Tổ chức Tỉnh ủy chủ trì.",
    "Ban Tổ chức Trung ương, Bộ Chính trị, Ủy ban Kiểm tra, Văn phòng Trung ương.",
    "Đảng ủy Khối Doanh nghiệp Trung ương, Ban Nội chính, Hội đồng nhân dân.",
    "Mặt trận Tổ quốc Việt Nam và Nhà nước, Trung ương, Đảng.",
    "Hội nghị diễn ra tại Hà Nội, Hà Tĩnh, Hà Giang và Hà Nam.",
    "Các tỉnh Cao Bằng, Lâm Đồng, Thái Bình, Thái Nguyên, Phan Thiết, Đồng Nai.",
    "Các tỉnh Hoà Bình, Hòa Bình, Quảng Ninh và huyện đảo Lý Sơn.",
    "Bí thư Tỉnh ủy Hà Giang đến thăm.",
    "Chủ tịch UBND huyện Lâm Hà dự.",
    "Đoàn công tác đến Thành phố Hồ Chí Minh, TP. Hồ Chí Minh và TP Hồ Chí Minh.",
    "Học viện Chính trị quốc gia Hồ Chí Minh tổ chức.",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh ra quân.",
    "Nhà ở đường Trần Hưng Đạo, phố Lê Duẩn và đại lộ Võ Văn Kiệt.",
    "Trường THPT Nguyễn Huệ và Trường Đại học Tôn Đức Thắng khai giảng.",
    "Xã Nguyễn Huệ, phường Lê Lợi, nhà số 5 phố Nguyễn Thị Minh Khai.",
    "Đồng thời, Bộ Chính trị yêu cầu. Phát biểu tại Hội nghị, Trung ương chỉ đạo.",
    "Từ Trung ương đến cơ sở đều quán triệt.",
    "Thứ Hai, 04/11/2019, học tập chủ nghĩa Mác - Lênin.",
    "Bà Rịa - Vũng Tàu phát triển.",
    "Thái Bình Dương và Châu Âu, Thái Lan, Hà Lan.",
    "Hội Liên hiệp Phụ nữ Việt Nam, Hội Cựu chiến binh, Công đoàn.",
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_traps_are_not_people(sentence: str) -> None:
    assert names_in(sentence) == []


def read_seed(prefix: str) -> tuple[str, list[str]]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n")]
    blocks = [b for b in blocks if b and b.strip(". \n")]
    return blocks[0], blocks[1:]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not present")
@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("000", {"Lê Văn Châu", "Hoàng Giang"}), ("002", {"Nguyễn Đức Thanh", "Phạm Văn Hậu"})],
)
def test_seed_articles(prefix: str, expected: set[str]) -> None:
    title, paragraphs = read_seed(prefix)
    matches = find_people(title, paragraphs)
    assert {m.name for m in matches} == expected
    assert_well_formed(title, paragraphs, matches)


def test_a_department_after_vu_truong_is_not_a_person() -> None:
    # "Vụ" (a department of a ministry or Party board) after the cue "Vụ trưởng" is an
    # organisation, as Ban, Sở and Cục are; it gave fake people "Vụ Bảo" and "Vụ Địa".
    assert names_in("Ông Nguyễn Văn An, Vụ trưởng Vụ Bảo vệ chính trị nội bộ, phát biểu.") == [
        "Nguyễn Văn An"
    ]
    assert names_in("Bà Lê Thị Hoa, Phó Vụ trưởng Vụ Địa phương, cho biết.") == ["Lê Thị Hoa"]
    assert names_in("Vụ trưởng Vụ Tổ chức cán bộ Trần Văn Bình dự họp.") == ["Trần Văn Bình"]
    assert names_in("Vụ trưởng Lê Văn Châu phát biểu.") == ["Lê Văn Châu"]


def test_every_mention_after_one_cue_including_the_title() -> None:
    title = "Lê Văn Châu dự hội nghị"
    paragraphs = [
        "Đồng chí Lê Văn Châu phát biểu.",
        "Ông Châu nhấn mạnh. Sau đó đồng chí Châu ra về.",
        "Lê Văn Châu cảm ơn các đại biểu.",
    ]
    matches = find_people(title, paragraphs)
    assert [(m.paragraph, m.text, m.name) for m in matches] == [
        (None, "Lê Văn Châu", "Lê Văn Châu"),
        (0, "Lê Văn Châu", "Lê Văn Châu"),
        (1, "Châu", "Lê Văn Châu"),
        (1, "Châu", "Lê Văn Châu"),
        (2, "Lê Văn Châu", "Lê Văn Châu"),
    ]


def test_ethnic_minority_name_propagates_without_cue() -> None:
    matches = find_people("", ["Anh Giàng Seo Phử về bản.", "Giàng Seo Phử kể lại."])
    assert [(m.paragraph, m.name) for m in matches] == [(0, "Giàng Seo Phử"), (1, "Giàng Seo Phử")]


def test_all_caps_and_title_case_titles_get_known_names() -> None:
    body = ["Đồng chí Lê Văn Châu phát biểu."]
    titles = (
        "ĐỒNG CHÍ LÊ VĂN CHÂU THĂM HÀ NỘI",
        "Đồng Chí Lê Văn Châu Thăm Và Làm Việc Tại Hà Nội",
    )
    for title in titles:
        titled = [m for m in find_people(title, body) if m.paragraph is None]
        assert [m.name for m in titled] == ["Lê Văn Châu"]


def test_a_title_case_headline_alone_yields_nothing() -> None:
    assert find_people("Nâng Cao Chất Lượng Công Tác Cán Bộ Tại Hà Nội", []) == []


def test_a_street_named_after_a_known_person_is_still_a_street() -> None:
    text = "Thủ tướng Võ Văn Kiệt đã dạy. Đại lộ Võ Văn Kiệt và Đường Võ Văn Kiệt mang tên ông."
    assert [m.start for m in find_people("", [text])] == [text.index("Võ")]


def test_match_fields() -> None:
    [match] = find_people("", ["Hôm qua, ông Trần Quốc Vượng đến."])
    assert match == PersonMatch(0, 13, 28, "Trần Quốc Vượng", "Trần Quốc Vượng")


def assert_well_formed(title: str, paragraphs: list[str], matches: list[PersonMatch]) -> None:
    order = [(-1 if m.paragraph is None else m.paragraph, m.start) for m in matches]
    assert order == sorted(order)
    for m in matches:
        source = title if m.paragraph is None else paragraphs[m.paragraph]
        assert source[m.start : m.end] == m.text
        assert m.name
    for a, b in zip(matches, matches[1:], strict=False):
        if a.paragraph == b.paragraph:
            assert a.end <= b.start


FRAGMENTS = [
    "Đồng chí",
    "đồng chí",
    "ông",
    "Bà",
    "anh",
    "PGS.TS",
    "TS.",
    "Thượng tướng",
    "Bí thư",
    "Tỉnh ủy",
    "Chủ tịch UBND tỉnh",
    "Bộ trưởng Bộ Công an",
    "Lê Văn Châu",
    "Hoàng Giang",
    "Nguyễn",
    "Thị",
    "Văn",
    "Hồ Chí Minh",
    "Bác Hồ",
    "Hà Nội",
    "TP.",
    "đường",
    "Trường THPT",
    "Y Biêr Niê",
    "H'Mông",
    "Châu",
    ",",
    ".",
    " – ",
    " - ",
    "(sinh năm 1970)",
    "\n",
    "Ủy viên",
    "Ban Chấp hành",
    "Trung ương",
    "nhấn mạnh",
    "",
    "ĐỒNG CHÍ LÊ VĂN CHÂU",
    "’",
    "Ê",
    "đ/c",
]
vietnamese_text = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join)
any_text = st.text(max_size=120)


@settings(max_examples=150, deadline=None)
@given(
    title=st.one_of(any_text, vietnamese_text),
    paragraphs=st.lists(st.one_of(any_text, vietnamese_text), max_size=4),
)
def test_never_raises_and_offsets_hold(title: str, paragraphs: list[str]) -> None:
    assert_well_formed(title, paragraphs, find_people(title, paragraphs))
