"""People in real provincial news (issue 12): names of ethnic minorities after a cue, and
words that look like names but are places or delegations."""

import pytest

from newsreader.core.text.people import find_people


def names(text: str) -> list[str]:
    return [p.name for p in find_people("", [text])]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Dự hội nghị có đồng chí Rơ Mah Tuân, Bí thư Huyện ủy Chư Pưh.", "Rơ Mah Tuân"),
        ("Ông Ksor Phước Hà, Chủ tịch UBND tỉnh Gia Lai, phát biểu.", "Ksor Phước Hà"),
        ("Bà H'Yim Kđoh, Phó Chủ tịch UBND tỉnh, tặng quà.", "H'Yim Kđoh"),
        ("Đồng chí Y Biêr Niê, Bí thư Tỉnh ủy, chủ trì.", "Y Biêr Niê"),
        ("Theo ông Nay Phi La, Chủ tịch UBND huyện, kết quả khả quan.", "Nay Phi La"),
        ("Đồng chí Kpă Thuyên phát biểu chỉ đạo.", "Kpă Thuyên"),
        ("Thượng tá Siu Đoan cho biết đơn vị đã hoàn thành.", "Siu Đoan"),
        ("Chủ tịch UBND tỉnh Lò Văn Tiến chủ trì hội nghị.", "Lò Văn Tiến"),
        ("Đồng chí Lường Văn Chất, Phó Bí thư Tỉnh ủy, phát biểu.", "Lường Văn Chất"),
        ("Bí thư Tỉnh ủy Giàng Páo Mỷ dự và chỉ đạo.", "Giàng Páo Mỷ"),
        ("Đồng chí Sầm Văn Bình trao quyết định.", "Sầm Văn Bình"),
        ("Đồng chí Quàng Văn Hương báo cáo.", "Quàng Văn Hương"),
        ("Ông Ma Văn Thạch, Bí thư Chi bộ, cho biết.", "Ma Văn Thạch"),
        ("Đồng chí Nông Thị Hà phát biểu.", "Nông Thị Hà"),
        ("Ông Lục Văn Sơn, Trưởng bản, kể lại.", "Lục Văn Sơn"),
        ("Ông Thào Seo Sử, người có uy tín, tham dự.", "Thào Seo Sử"),
        ("Ông Vàng A Dình nhận bằng khen.", "Vàng A Dình"),
        ("Ông Tẩn Láo Lở chia sẻ kinh nghiệm.", "Tẩn Láo Lở"),
        ("Ông Lầu Mí Sình góp ý.", "Lầu Mí Sình"),
        ("Bà Bàn Thị Xuân tham gia.", "Bàn Thị Xuân"),
        ("Đồng chí Sùng A Hồ, Bí thư Huyện ủy, phát biểu.", "Sùng A Hồ"),
        ("Già làng A Hơi kể chuyện đoàn kết.", "A Hơi"),
    ],
)
def test_a_minority_name_after_a_cue_is_a_name(sentence, name):
    assert names(sentence) == [name]


@pytest.mark.parametrize(
    "sentence",
    [
        "Việt Nam luôn coi trọng quan hệ với Lào và Campuchia.",
        "Đồng chí Lâm Đồng",
        "Các tỉnh Gia Lai, Kon Tum, Đắk Lắk và Lâm Đồng đã ký kết.",
        "Đoàn công tác của Tỉnh ủy Gia Lai đến thăm.",
        "Trưởng Đoàn kiểm tra báo cáo kết quả.",
        "Đoàn Kiểm tra số 12 làm việc với Huyện ủy.",
        "Đoàn Công tác số 3 làm việc tại xã.",
        "Đoàn Giám sát của Tỉnh ủy làm việc tại huyện.",
    ],
)
def test_places_and_delegations_are_not_people(sentence):
    assert names(sentence) == []


def test_a_name_after_a_place_is_the_name_alone():
    assert names("Tại tỉnh Hà Giang Vàng Seo Dính là già làng uy tín.") == ["Vàng Seo Dính"]
    assert names("Đoàn Nguyễn Văn An về thăm xã.") == ["Nguyễn Văn An"]
